//! Conflict copies merged: each copy (read by the store, as it reads the
//! book) merged into the freshest book as one operation, and the merged
//! ones put away by the store beside the backups (never deleted).

use std::path::{Path, PathBuf};

use crate::model::{Book, Op, OpError};
use crate::store::{
    Applied, PutAway, SeenFile, Store, StoreError, backup_paths, follow_link, parse_copy, put_away,
    read_book_file, read_copy, read_copy_bytes,
};

use super::ancestors::{Ancestors, Wanted};
use super::diff::ops_to;
use super::near_copy::{Near, ancestors, merge_near_finding, near};
use super::without_base::merge_copy_then;
use super::{Report, merge_copy_with};

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
    if let [path] = paths
        && let Some(one) = read_near(store, book, path)
    {
        return sync_near(store, book, one);
    }
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
    let (read, books): (Vec<_>, Vec<_>) = copies
        .into_iter()
        .map(|c| ((c.path, c.stamp), c.book))
        .unzip();
    let mut reports = Vec::new();
    // The copies' books go into the merge and are dropped there, one by
    // one: a heavy book is not held twice while the store saves.
    let applied = store.update(book, |fresh| {
        let (op, r) = merge_op(fresh, books, &backups);
        reports = r;
        Ok(op)
    })?;
    let merged = read
        .into_iter()
        .zip(reports)
        .map(|((path, stamp), report)| MergedCopy {
            put: put_away(&target, &path, stamp),
            path,
            report,
        })
        .collect();
    Ok(Synced {
        unreadable,
        merged,
        applied: Some(applied),
    })
}

/// One copy, worked out against the book it is mostly the same as (see
/// [`super::near_copy`]): its bytes kept, for the whole copy is read after
/// all if the book changes meanwhile.
struct NearCopy {
    path: PathBuf,
    stamp: u64,
    bytes: Vec<u8>,
    near: Near,
}

/// The copy at `path` against `book` and its file's text, when the book is
/// still the version on disk and the copy is near it.
fn read_near(store: &mut Store, book: &Book, path: &Path) -> Option<NearCopy> {
    let (stamp, bytes) = read_copy_bytes(path).ok()?;
    // Held for the save, which writes over the very text compared.
    let near = near(book, store.hold_seen_text()?, &bytes);
    if near.is_none() {
        store.let_go();
    }
    let near = near?;
    Some(NearCopy {
        path: path.to_path_buf(),
        stamp,
        bytes,
        near,
    })
}

/// [`sync_copies`] of one copy near the book: merged from the lines that
/// differ, unless the book was read again under the lock or the merge is
/// not plain; then the whole copy, as ever.
fn sync_near(store: &mut Store, book: &mut Book, one: NearCopy) -> Result<Synced, StoreError> {
    let NearCopy {
        path,
        stamp,
        bytes,
        near,
    } = one;
    let target = follow_link(store.path())?;
    let backups = backup_paths(&target);
    let seen = store.seen_file();
    let mut report = None;
    let applied = store.update_as_read(book, |fresh, as_read| {
        let bytes = if as_read {
            // Not held while the merge reads backups: in the rare case the
            // short way gives up, the copy is read again, and must be what
            // was compared.
            drop(bytes);
            // Backups, if the merge needs them, held against the book's
            // text, read again now (under the lock, the version `fresh` is).
            let find = |wanted: &Wanted| {
                let seen = seen.as_ref().and_then(SeenFile::text);
                ancestors(fresh, seen.as_deref(), wanted, &backups)
            };
            if let Some((op, r)) = merge_near_finding(fresh, near, find) {
                report = Some(r);
                return Ok(op);
            }
            copy_again(&path, stamp)?
        } else {
            bytes
        };
        // Found valid when compared, so it reads (a failure is a bug, and
        // refuses the change rather than merge part of it).
        let copy = parse_copy(&path, &bytes).map_err(|e| OpError::Rejected(e.to_string()))?;
        drop(bytes);
        let (op, mut reports) = merge_op(fresh, vec![copy], &backups);
        report = reports.pop();
        Ok(op)
    })?;
    let merged = report
        .map(|report| MergedCopy {
            put: put_away(&target, &path, stamp),
            path,
            report,
        })
        .into_iter()
        .collect();
    Ok(Synced {
        unreadable: Vec::new(),
        merged,
        applied: Some(applied),
    })
}

/// The copy at `path` read again during its merge: its bytes when they are
/// still those compared (`stamp`); else the merge is refused, nothing is
/// written and the copy stays where it is, for the next sync.
fn copy_again(path: &Path, stamp: u64) -> Result<Vec<u8>, OpError> {
    match read_copy_bytes(path) {
        Ok((again, bytes)) if again == stamp => Ok(bytes),
        _ => Err(OpError::Rejected(format!(
            "{}: the sync tool changed this conflict copy while it was being merged; \
             nothing was merged, and it is left where it is (run kith sync again)",
            crate::text::visible(&path.display().to_string())
        ))),
    }
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
/// Each copy is dropped once merged, and `fresh` is never cloned.
pub fn merge_op(fresh: &Book, copies: Vec<Book>, backups: &[PathBuf]) -> (Op, Vec<Report>) {
    merge_op_finding(fresh, copies, |wanted| whole_backups(wanted, backups))
}

/// The wanted versions in `backups`, each read whole, one at a time, as
/// the store reads the book (a piece at a time, never its whole text
/// beside it); one that does not read is no help, and no harm.
fn whole_backups(wanted: &Wanted, backups: &[PathBuf]) -> Ancestors {
    let books = backups
        .iter()
        .filter_map(|p| read_book_file(p, false).ok())
        .map(|loaded| loaded.book);
    Ancestors::find(wanted, books)
}

/// [`merge_op`], the versions both sides descend from found by `find`
/// (asked only when some record was changed on both).
pub(super) fn merge_op_finding(
    fresh: &Book,
    copies: Vec<Book>,
    find: impl Fn(&Wanted) -> Ancestors,
) -> (Op, Vec<Report>) {
    let mut merged: Option<Book> = None;
    let mut reports = Vec::with_capacity(copies.len());
    let mut op = Op::Batch(Vec::new());
    let last = copies.len().saturating_sub(1);
    for (i, copy) in copies.into_iter().enumerate() {
        let into = merged.as_ref().unwrap_or(fresh);
        let wanted = Wanted::of(into, &copy);
        let ancestors = if wanted.is_empty() {
            Ancestors::default()
        } else {
            find(&wanted)
        };
        if i < last {
            let m = merge_copy_with(into, &copy, &ancestors);
            reports.push(m.report);
            merged = Some(m.book);
        } else {
            // The last merge straight into the operation: what it left as
            // it was stays borrowed, never a whole book cloned.
            let (o, report) = merge_copy_then(into, &copy, &ancestors, |v| {
                (ops_to(fresh, (&v.people, &v.entries), &v.book), v.report)
            });
            reports.push(report);
            op = o;
        }
    }
    (op, reports)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lineage::apply_noting;
    use crate::model::{Entry, Kind, Person, PersonId, merge_op as merge_people};
    use crate::sync::{merge_copy, ops_between};

    fn book() -> Book {
        let mut book = Book::default();
        for i in 0..30 {
            apply_noting(
                Op::AddPerson(Person::new(PersonId(0), format!("P{i}"))),
                &mut book,
            )
            .unwrap();
        }
        for i in 0..60u64 {
            let who = vec![book.people[(i % 30) as usize].id];
            let date = "2026-10-01".parse().unwrap();
            let e = Entry::new(date, who, Kind::new("coffee"), &format!("e{i}"));
            apply_noting(Op::AddEntry(e), &mut book).unwrap();
        }
        book
    }

    fn edited(book: &Book, i: usize, f: impl FnOnce(&mut Person)) -> Book {
        let mut out = book.clone();
        let mut p = out.people[i].clone();
        f(&mut p);
        apply_noting(Op::edit_person(&out.people[i].clone(), p), &mut out).unwrap();
        out
    }

    /// Copies changed apart from the book: edits on both (one a clash),
    /// a merge of people, entries added and changed.
    fn copies(fresh: &Book) -> Vec<Book> {
        let mut a = edited(fresh, 3, |p| p.org = Some("Globex".into()));
        a = edited(&a, 5, |p| p.notes = "met again".into());
        let merge = merge_people(&a, a.people[7].id, a.people[8].id).unwrap();
        apply_noting(merge, &mut a).unwrap();
        let mut b = edited(fresh, 4, |p| p.tags.push("rust".into()));
        let mut e = b.entries[10].clone();
        e.summary = "changed there".into();
        apply_noting(Op::UpdateEntry(e), &mut b).unwrap();
        let who = vec![b.people[7].id];
        let added = Entry::new("2026-11-01".parse().unwrap(), who, Kind::new("call"), "new");
        apply_noting(Op::AddEntry(added), &mut b).unwrap();
        vec![a, b]
    }

    /// `kith sync` of one copy on disk, as the CLI runs it; the book after.
    fn synced(dir: &std::path::Path, book: &Book, copy: &Book) -> (Book, Synced) {
        let (file, copy_file) = (dir.join("kith.ron"), dir.join("kith.sync-conflict-1.ron"));
        crate::store::write_book(&file, book).unwrap();
        std::fs::write(&copy_file, crate::store::serialize_book(copy)).unwrap();
        let today = "2026-11-26".parse().unwrap();
        let (mut store, mut now) = Store::open(&file, today).unwrap();
        let synced = sync_copies(&mut store, &mut now, &[copy_file]).unwrap();
        (now, synced)
    }

    /// A copy read again during its merge is merged only if it is still
    /// what was compared; rewritten meanwhile, the merge is refused.
    #[test]
    fn a_copy_read_again_must_be_the_one_compared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kith.sync-conflict-1.ron");
        std::fs::write(&path, "(\n  version: 3,\n)\n").unwrap();
        let (stamp, bytes) = read_copy_bytes(&path).unwrap();
        assert_eq!(copy_again(&path, stamp).unwrap(), bytes);
        std::fs::write(&path, "(\n  version: 3,\n)\n\n").unwrap();
        let Err(OpError::Rejected(why)) = copy_again(&path, stamp) else {
            panic!("a rewritten copy is refused")
        };
        assert!(why.contains("kith.sync-conflict-1.ron") && why.contains("left where it is"));
    }

    /// The usual copy, merged the short way on disk: the book is the
    /// whole copy's merge, and the copy is put away.
    #[test]
    fn a_copy_near_the_book_on_disk_merges_as_the_whole_copy() {
        let base = book();
        let fresh = edited(&base, 3, |p| p.org = Some("Initech".into()));
        let copy = copies(&base).swap_remove(1);
        let dir = tempfile::tempdir().unwrap();
        let (now, synced) = synced(dir.path(), &fresh, &copy);
        let want = merge_copy(&fresh, &copy);
        assert_eq!(synced.merged[0].report, want.report);
        assert_eq!(now.people, want.book.people);
        assert_eq!(now.entries, want.book.entries);
        assert_eq!(now.lineage, want.book.lineage);
        assert!(matches!(synced.merged[0].put, Ok(PutAway::Moved(_))));
    }

    #[test]
    fn the_operation_makes_the_book_the_merged_one() {
        let base = book();
        let fresh = edited(&base, 3, |p| p.org = Some("Initech".into()));
        for n in [1, 2] {
            let copies = copies(&base)[..n].to_vec();
            let mut want = fresh.clone();
            let mut reports = Vec::new();
            for copy in &copies {
                let m = merge_copy(&want, copy);
                reports.push(m.report);
                want = m.book;
            }
            let (op, got) = merge_op(&fresh, copies, &[]);
            assert_eq!(got, reports);
            assert_eq!(op, ops_between(&fresh, &want));
            let mut book = fresh.clone();
            op.apply(&mut book).unwrap();
            assert_eq!(book.people, want.people);
            assert_eq!(book.entries, want.entries);
            assert_eq!(book.merged, want.merged);
            assert_eq!(book.lineage, want.lineage);
            assert!(!reports[0].clashes.is_empty(), "Acme's org clashes");
        }
    }
}
