//! Kith's own handling of a conflict copy's file: reading it as the book is
//! read, with a fingerprint of its bytes, and putting it away into
//! `.NAME.kith-merged/` once merged — checked against that fingerprint, so a
//! copy a sync tool rewrote meanwhile is never put away unmerged. What a
//! merge does is `sync`'s; the files are the store's.

use std::fs;
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

/// A fingerprint of a copy's bytes, to tell whether the file was rewritten
/// after it was read: four lanes of 8-byte words, each step `(rotate ^ word)
/// * odd`, a bijection of the lane, so a change to any one word always
/// changes the result (and any other change but by chance, 2^-64). A few
/// times faster than `DefaultHasher` on a heavy copy, hashed twice a sync.
fn stamp(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let step = |lane: u64, word: u64| (lane.rotate_left(23) ^ word).wrapping_mul(K);
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let mut lanes = [1u64, 2, 3, 4].map(|n| n.wrapping_mul(K));
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        for (lane, w) in lanes.iter_mut().zip(chunk.chunks_exact(8)) {
            *lane = step(*lane, word(w));
        }
    }
    let mut last = [0u8; 32];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    for (lane, w) in lanes.iter_mut().zip(last.chunks_exact(8)) {
        *lane = step(*lane, word(w));
    }
    let mut h = bytes.len() as u64;
    for lane in lanes {
        h = step(h, lane);
        h ^= h >> 29;
    }
    h
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
    fn a_fingerprint_changes_with_any_byte_and_with_the_length() {
        let text: Vec<u8> = (0..100u8).map(|i| i.wrapping_mul(37)).collect();
        let whole = stamp(&text);
        for at in 0..text.len() {
            for flip in [1u8, 0x80] {
                let mut changed = text.clone();
                changed[at] ^= flip;
                assert_ne!(stamp(&changed), whole, "byte {at} ^ {flip}");
            }
        }
        let mut longer = text.clone();
        longer.push(0);
        assert_ne!(stamp(&longer), whole);
        assert_ne!(stamp(&text[..99]), whole);
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
