//! Conflict copies on disk: reading them as the store reads the book,
//! merging them into the freshest book as one operation, and putting the
//! merged ones away beside the backups (never deleting them).

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use crate::model::{Book, Op};
use crate::store::{Applied, Store, StoreError, backup_paths, follow_link, load_book, merged_dir};

use super::ancestors::{Ancestors, Wanted};
use super::{Report, merge_copy_with, ops_between};

/// A conflict copy, read.
#[derive(Debug, Clone)]
pub struct Copy {
    pub path: PathBuf,
    /// A fingerprint of the bytes read, so the copy is put away only if it
    /// is still what was merged.
    pub stamp: u64,
    pub book: Book,
}

/// What [`sync_copies`] did.
#[derive(Debug)]
pub struct Synced {
    /// The copies that did not read, each left where it is.
    pub unreadable: Vec<StoreError>,
    /// Each copy merged, in the order merged.
    pub merged: Vec<MergedCopy>,
    /// The change saved (its inverse undoes the whole merge); none when no
    /// copy read.
    pub applied: Option<Applied>,
}

/// One copy [`sync_copies`] merged.
#[derive(Debug)]
pub struct MergedCopy {
    pub path: PathBuf,
    /// What its merge did.
    pub report: Report,
    /// Where it went afterwards (see [`put_away`]).
    pub put: Result<PutAway, StoreError>,
}

impl Synced {
    /// How many clashes the merges kept in notes (the review lists them).
    pub fn clashes(&self) -> usize {
        self.merged.iter().map(|m| m.report.clashes.len()).sum()
    }
}

/// The one sync, for `kith sync` and the TUI's key alike: reads the copies
/// at `paths`, merges every one that reads into the freshest book under the
/// store's lock as one saved change, and only then puts each merged copy
/// away beside the backups. A copy that does not read is left where it is.
pub fn sync_copies(
    store: &mut Store,
    book: &mut Book,
    paths: &[PathBuf],
) -> Result<Synced, StoreError> {
    let (copies, unreadable) = read_copies(paths);
    if copies.is_empty() {
        return Ok(Synced {
            unreadable,
            merged: Vec::new(),
            applied: None,
        });
    }
    let target = follow_link(store.path())?;
    let backups = backup_paths(&target);
    let mut reports = Vec::new();
    let applied = store.update(book, |fresh| {
        let (op, r) = merge_op(fresh, &copies, &backups);
        reports = r;
        Ok(op)
    })?;
    let merged = copies
        .iter()
        .zip(reports)
        .map(|(copy, report)| MergedCopy {
            path: copy.path.clone(),
            report,
            put: put_away(&target, &copy.path, copy.stamp),
        })
        .collect();
    Ok(Synced {
        unreadable,
        merged,
        applied: Some(applied),
    })
}

/// Reads each copy; one that does not parse is an error naming its line and
/// column, and is left where it is.
pub fn read_copies(paths: &[PathBuf]) -> (Vec<Copy>, Vec<StoreError>) {
    let mut copies = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match read(path) {
            Ok((stamp, book)) => copies.push(Copy {
                path: path.clone(),
                stamp,
                book,
            }),
            Err(e) => errors.push(e),
        }
    }
    (copies, errors)
}

fn read(path: &Path) -> Result<(u64, Book), StoreError> {
    let bytes = fs::read(path).map_err(StoreError::io(path))?;
    Ok((stamp(&bytes), load_book(path, &bytes)?.book))
}

fn stamp(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// The operation that merges every copy into `fresh` (one after another),
/// with what each merge did. A record both changed is merged against the
/// version both descend from when one of `backups` (the book's, see
/// [`crate::store::backup_paths`]) holds it; they are read only then.
pub fn merge_op(fresh: &Book, copies: &[Copy], backups: &[PathBuf]) -> (Op, Vec<Report>) {
    let mut merged = fresh.clone();
    let mut reports = Vec::with_capacity(copies.len());
    for copy in copies {
        let wanted = Wanted::of(&merged, &copy.book);
        let ancestors = if wanted.is_empty() {
            Ancestors::default()
        } else {
            // Read one at a time (a heavy book's backups are big); one that
            // does not read is no help, and no harm.
            let books = backups.iter().filter_map(|p| read(p).ok()).map(|(_, b)| b);
            Ancestors::find(&wanted, books)
        };
        let m = merge_copy_with(&merged, &copy.book, &ancestors);
        reports.push(m.report);
        merged = m.book;
    }
    (ops_between(fresh, &merged), reports)
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
/// file is no longer the one merged (`stamp`, from [`read_copies`]): a sync
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

fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let (read, errors) = read_copies(std::slice::from_ref(&copy));
        assert!(errors.is_empty());
        let moved = put_away(&target, &copy, read[0].stamp).unwrap();
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
        let (read, _) = read_copies(std::slice::from_ref(&copy));
        // The sync tool writes a newer version before it is put away.
        write_copy(&copy, "Ana and Bo");
        let moved = put_away(&target, &copy, read[0].stamp).unwrap();
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
