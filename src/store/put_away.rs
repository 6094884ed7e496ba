//! Kith's own handling of a conflict copy's file: reading it as the book is
//! read, with a fingerprint of its bytes, and putting it away into
//! `.NAME.kith-merged/` once merged — checked against that fingerprint, so a
//! copy a sync tool rewrote meanwhile is never put away unmerged. What a
//! merge does is `sync`'s; the files are the store's.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use crate::model::Book;

use super::private::make_private_dir;
use super::{StoreError, load_book, merged_dir};

/// A conflict copy (or a backup) read as the store reads the book, and a
/// fingerprint of its bytes for [`put_away`].
pub fn read_copy(path: &Path) -> Result<(u64, Book), StoreError> {
    let (stamp, bytes) = read_copy_bytes(path)?;
    Ok((stamp, parse_copy(path, &bytes)?))
}

/// [`read_copy`] in two steps: the bytes and their fingerprint, then
/// ([`parse_copy`]) the book, for a caller that may need only a few of the
/// lines (a copy that is mostly the book, see `sync`).
pub fn read_copy_bytes(path: &Path) -> Result<(u64, Vec<u8>), StoreError> {
    let bytes = fs::read(path).map_err(StoreError::io(path))?;
    Ok((stamp(&bytes), bytes))
}

/// The book in a copy's bytes, read and checked as [`read_copy`] does.
pub fn parse_copy(path: &Path, bytes: &[u8]) -> Result<Book, StoreError> {
    Ok(load_book(path, bytes)?.book)
}

fn stamp(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// Where [`put_away`] left a merged copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutAway {
    /// Into the folder beside the backups.
    Moved(PathBuf),
    /// The sync tool rewrote the copy after it was read, so what it holds
    /// now was not merged: put back where it was, for the next merge.
    PutBack(PathBuf),
    /// Rewritten as with `PutBack`, and meanwhile yet another copy took its
    /// name beside the book: both are kept, this one unmerged here.
    KeptUnmerged(PathBuf),
}

/// Moves a merged copy into `.NAME.kith-merged/` beside the book's file
/// `target` (made private), under a name not yet taken there — unless the
/// file is no longer the one merged (`stamp`, from [`read_copy`]): a sync
/// tool that rewrote it in the meantime would otherwise have its new version
/// put away unmerged. It is moved first and then checked, so what is checked
/// is exactly what was moved; a changed one goes back where it was if that
/// name is still free.
pub fn put_away(target: &Path, copy: &Path, stamp: u64) -> Result<PutAway, StoreError> {
    let moved = move_into_merged(target, copy)?;
    settle(moved, copy, stamp)
}

/// The check after the move: `moved` stays put when it is what was merged.
fn settle(moved: PathBuf, copy: &Path, stamp: u64) -> Result<PutAway, StoreError> {
    let now = fs::read(&moved).map_err(StoreError::io(&moved))?;
    if self::stamp(&now) == stamp {
        return Ok(PutAway::Moved(moved));
    }
    if copy.exists() {
        return Ok(PutAway::KeptUnmerged(moved));
    }
    fs::rename(&moved, copy).map_err(StoreError::io(&moved))?;
    Ok(PutAway::PutBack(copy.to_path_buf()))
}

fn move_into_merged(target: &Path, copy: &Path) -> Result<PathBuf, StoreError> {
    let dir = merged_dir(target);
    make_private_dir(&dir).map_err(StoreError::io(&dir))?;
    let name = copy
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut to = dir.join(&name);
    let mut n = 1;
    while to.exists() {
        n += 1;
        to = dir.join(format!("{name}.{n}"));
    }
    fs::rename(copy, &to).map_err(StoreError::io(copy))?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Book;
    use crate::store::serialize_book;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    fn write_copy(path: &Path, name: &str) {
        let mut book = Book::default();
        book.people
            .push(crate::model::Person::new(crate::model::PersonId(1), name));
        fs::write(path, serialize_book(&book)).unwrap();
    }

    #[test]
    fn a_copy_still_as_read_is_moved_beside_the_backups() {
        let d = dir();
        let (target, copy) = (
            d.path().join("kith.ron"),
            d.path().join("kith.sync-conflict-1.ron"),
        );
        write_copy(&copy, "Ana");
        let (stamp, _) = read_copy(&copy).unwrap();
        let moved = put_away(&target, &copy, stamp).unwrap();
        let PutAway::Moved(to) = moved else {
            panic!("{moved:?}")
        };
        assert!(!copy.exists());
        assert_eq!(to.parent().unwrap(), merged_dir(&target));
        assert!(fs::read_to_string(&to).unwrap().contains("Ana"));
    }

    #[test]
    fn a_copy_rewritten_after_it_was_read_goes_back_for_the_next_merge() {
        let d = dir();
        let (target, copy) = (
            d.path().join("kith.ron"),
            d.path().join("kith.sync-conflict-1.ron"),
        );
        write_copy(&copy, "Ana");
        let (stamp, _) = read_copy(&copy).unwrap();
        // The sync tool writes a newer version before it is put away.
        write_copy(&copy, "Ana and Bo");
        let moved = put_away(&target, &copy, stamp).unwrap();
        assert_eq!(moved, PutAway::PutBack(copy.clone()));
        assert!(fs::read_to_string(&copy).unwrap().contains("Ana and Bo"));
        let left: Vec<_> = fs::read_dir(merged_dir(&target)).unwrap().collect();
        assert!(left.is_empty(), "nothing unmerged put away: {left:?}");
    }

    #[test]
    fn a_rewritten_copy_whose_name_was_taken_again_is_kept_where_it_is() {
        let d = dir();
        let (moved, copy) = (
            d.path().join("moved.ron"),
            d.path().join("kith.sync-conflict-1.ron"),
        );
        write_copy(&moved, "Ana");
        write_copy(&copy, "Cy");
        let stamp_of_another = 0;
        let got = settle(moved.clone(), &copy, stamp_of_another).unwrap();
        assert_eq!(got, PutAway::KeptUnmerged(moved.clone()));
        assert!(fs::read_to_string(&moved).unwrap().contains("Ana"));
        assert!(fs::read_to_string(&copy).unwrap().contains("Cy"));
    }
}
