//! The one change `kith undo` takes back: the inverse of the last change a
//! kith command made, kept beside the book as `.NAME.kith-undo` (RON), written
//! as kith writes its own files (private, never through a link). Undo applies
//! it through [`Store::update`], so it is checked against the freshest book:
//! an inverse that finds the record changed since (an entry edited, a person
//! deleted) is refused rather than taking away someone else's change.

use std::fs;
use std::io;
use std::path::Path;

use super::names::undo_path;
use super::private::write_own;
use super::{Applied, Store, StoreError};
use crate::model::{Book, Op, OpError};

impl Store {
    /// Whether every change this store saves from now on leaves its inverse
    /// for [`Store::undo`] (the command line's changes: on; the TUI has its
    /// own history: off).
    pub fn remember_undo(&mut self, on: bool) {
        self.remember = on;
    }

    /// What [`Store::undo`] would apply, if any change is there to take back.
    pub fn pending_undo(&self) -> Result<Option<Op>, StoreError> {
        read(&undo_path(&self.target()?))
    }

    /// Applies the pending inverse to the freshest book, if it is still
    /// `expected` (what the user was shown), and forgets it: undo takes back
    /// one change, and an undo is not undone.
    pub fn undo(&mut self, book: &mut Book, expected: &Op) -> Result<Applied, StoreError> {
        let path = undo_path(&self.target()?);
        let remember = std::mem::replace(&mut self.remember, false);
        let applied = self.update(book, |_| match read(&path) {
            Ok(Some(op)) if op == *expected => Ok(op),
            Ok(_) => Err(OpError::Rejected(
                "another change was made meanwhile; nothing undone".into(),
            )),
            Err(e) => Err(OpError::Rejected(e.to_string())),
        });
        self.remember = remember;
        let applied = applied?;
        remove(&path).map_err(|source| StoreError::Io { path, source })?;
        Ok(applied)
    }
}

/// Keeps `inverse` as the change to undo. A failed write removes what was
/// there, so undo never takes back an older change than the last.
pub(super) fn keep(target: &Path, inverse: &Op) {
    let path = undo_path(target);
    let written = ron::to_string(inverse)
        .map_err(io::Error::other)
        .and_then(|text| write_own(&path, text.as_bytes(), true));
    if written.is_err() {
        let _ = remove(&path);
    }
}

fn read(path: &Path) -> Result<Option<Op>, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    ron::from_str(&text)
        .map(Some)
        .map_err(|e| io(io::Error::other(format!("not a change kith can undo: {e}"))))
}

fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
