//! What kith last wrote to (or agreed with in) a vdir, so a round trip through
//! a phone is three-way: per UID, the card's file, a fingerprint of the file
//! as kith last saw it, and the card's text then (the version both sides
//! started from). Kept in the vdir as `.kith-state` (vdirsyncer and khard
//! read only `.vcf` files); a vdir without one is read and written two-way,
//! as before.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The state file's name in the vdir.
pub const FILE: &str = ".kith-state";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    /// By UID.
    pub cards: BTreeMap<String, Written>,
}

/// One card as kith last wrote or read it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// The file's name in the vdir.
    pub file: String,
    /// [`fingerprint`] of the file's bytes as kith last saw them.
    pub fingerprint: String,
    /// The card both sides agreed on then.
    pub card: String,
}

impl State {
    /// The state of `dir`; `None` when it has none. A state that does not
    /// parse is an error (never silently a two-way sync).
    pub fn load(dir: &Path) -> io::Result<Option<State>> {
        let path = dir.join(FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {e} (move it away to sync two-way)", path.display()),
            )
        })
    }

    pub fn save(&self, dir: &Path) -> io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(io::Error::other)?;
        crate::store::write_own(&dir.join(FILE), text.as_bytes(), false)
    }

    /// UIDs by file name.
    pub fn by_file(&self) -> HashMap<&str, &str> {
        self.cards
            .iter()
            .map(|(uid, w)| (w.file.as_str(), uid.as_str()))
            .collect()
    }
}

/// A stable fingerprint of a file's bytes (FNV-1a, 64 bits, and the length):
/// the same on every machine and every build.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}-{}", bytes.len())
}
