//! What kith read from a maildir's files last time, so a re-scan reads only
//! the new ones. A maildir file keeps its unique name for life (a flag
//! change renames only what follows `:`, a move from `new/` to `cur/` only
//! its folder), so the name before `:` is the key. The cache is kith's own
//! file in the platform cache folder (`~/.cache/kith/`, or `KITH_CACHE_DIR`),
//! one per maildir; never beside the mail, which kith does not write. A
//! cache that is missing, old or unreadable is read around: the files are
//! read again, and the result is the same.

use chrono::DateTime;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::mail::Message;

const HEADER: &str = "kith mail cache 1";

/// The cache folder: `KITH_CACHE_DIR`, else the platform's.
pub fn dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("KITH_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "kith").map(|d| d.cache_dir().to_path_buf())
}

/// The cache file of the maildir at `root`.
fn file(cache: &Path, root: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let key = super::fnv(root.to_string_lossy().as_bytes());
    cache.join(format!("maildir-{key:016x}.tsv"))
}

/// A maildir file's unique name: its name up to the `:` of its flags.
pub fn unique(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.split(':').next().unwrap_or_default().to_string()
}

/// What the cache holds for `root`, by unique name (empty when none).
pub fn load(cache: &Path, root: &Path) -> HashMap<String, Message> {
    let Ok(text) = std::fs::read_to_string(file(cache, root)) else {
        return HashMap::new();
    };
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return HashMap::new();
    }
    lines
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let [uniq, id, at, from, to, bulk, subject] = f.as_slice() else {
                return None;
            };
            let m = Message {
                id: id.to_string(),
                at: DateTime::parse_from_rfc3339(at).ok()?,
                from: from.to_string(),
                to: to
                    .split(',')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
                subject: subject.to_string(),
                bulk: *bulk == "1",
            };
            Some((uniq.to_string(), m))
        })
        .collect()
}

/// Writes the cache for `root` (a temp file renamed over it). Failing to
/// is not an error: the next scan reads the files again.
pub fn save(cache: &Path, root: &Path, messages: &[(String, Message)]) {
    let one = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut text = String::with_capacity(64 + messages.len() * 160);
    text.push_str(HEADER);
    text.push('\n');
    for (uniq, m) in messages {
        let to: Vec<String> = m.to.iter().map(|a| one(a).replace(',', " ")).collect();
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            one(uniq),
            one(&m.id),
            m.at.to_rfc3339(),
            one(&m.from),
            to.join(","),
            if m.bulk { "1" } else { "0" },
            one(&m.subject)
        ));
    }
    if std::fs::create_dir_all(cache).is_err() {
        return;
    }
    let target = file(cache, root);
    let Ok(mut tmp) = tempfile::NamedTempFile::new_in(cache) else {
        return;
    };
    if std::io::Write::write_all(&mut tmp, text.as_bytes()).is_ok() {
        let _ = tmp.persist(target);
    }
}
