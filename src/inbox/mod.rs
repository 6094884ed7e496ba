//! The phone's inbox: a folder beside the book (`inbox/`, or `inbox:` in
//! config.ron) where any notes app appends capture lines to a file of its
//! own (`phone.txt`), carried home by a sync tool. kith reads the files,
//! never changes them, and applies each line once (see
//! [`crate::model::Inbox`] for what the book remembers).
//!
//! - [`line`]: one line's format (list markers, a leading date);
//! - [`read`]: the folder's device files, with what cannot be read;
//! - [`plan`]: what applying them does to a book, as one operation.

pub mod line;
pub mod plan;
pub mod read;

use std::path::{Path, PathBuf};

pub use plan::{Applied, Plan, plan};
pub use read::{Device, DeviceLine, Problem, read_dir};

/// The inbox folder for the book at `book` (its real file, links followed):
/// `inbox/` beside it, unless the config names one (a relative path is
/// taken from the book's folder).
pub fn folder(book: &Path, configured: Option<&Path>) -> PathBuf {
    let beside = book.parent().unwrap_or(Path::new("."));
    match configured {
        Some(dir) if dir.is_absolute() => dir.to_path_buf(),
        Some(dir) => beside.join(dir),
        None => beside.join("inbox"),
    }
}

/// What the inbox folder looks like now, cheaply (names, sizes, times), so
/// a poll can tell when a device file changed without reading it.
pub fn stamp(dir: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    read::device_files(dir)
        .into_iter()
        .filter_map(|p| {
            let meta = std::fs::metadata(&p).ok()?;
            Some((p, meta.len(), meta.modified().ok()))
        })
        .collect()
}
