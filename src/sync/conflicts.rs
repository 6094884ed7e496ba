//! Conflict copies merged: each copy (read by the store, as it reads the
//! book) merged into the freshest book as one operation, and the merged
//! ones put away by the store beside the backups (never deleted).

use std::path::PathBuf;

use crate::model::{Book, Op};
use crate::store::{
    Applied, PutAway, Store, StoreError, backup_paths, follow_link, put_away, read_copy,
};

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
        match read_copy(path) {
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
            let books = backups
                .iter()
                .filter_map(|p| read_copy(p).ok())
                .map(|(_, b)| b);
            Ancestors::find(&wanted, books)
        };
        let m = merge_copy_with(&merged, &copy.book, &ancestors);
        reports.push(m.report);
        merged = m.book;
    }
    (ops_between(fresh, &merged), reports)
}
