//! The three-way merge: two copies of a book changed apart since a common
//! base become one book, record by record (people and entries, by id).
//!
//! - Added on either side: kept. Changed on one side: that change. Changed
//!   on both: merged field by field (see `fields`), a single value changed
//!   differently on both sides *clashes*: one value wins, the same on every
//!   machine, and the other is kept as a line of the person's notes starting
//!   with [`CLASH_PREFIX`].
//! - Deleted on one side and changed on the other: kept, with the change.
//!   Deleted and unchanged: deleted. Someone a kept entry or person still
//!   names is kept (resurrected) whatever the sides did.
//! - Merges of people (`merged`) are united; every reference is re-pointed
//!   through them, and what one side changed of a person the other merged
//!   away is carried onto the person they became.
//! - Ids both sides handed out for different records: one is re-numbered
//!   (see `ids`).
//!
//! The result is a valid book and depends on the three inputs only, and not
//! on which side is "ours": `merge3(b, x, y).book == merge3(b, y, x).book`,
//! so both machines converge. Linear in the size of the books: the id-sorted
//! lists are walked side by side, and an unchanged record is cloned once.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::model::{Book, Entry, FORMAT_VERSION, Lineage, Person, PersonId};

use super::base::Base;
use super::extras::{review, set3};
use super::ids;
use super::merges::merged_ids;
use super::rec::{Rec, moved, places};
use super::report::{Report, Side};

mod draft;
mod lineage;

use draft::{Copy3, Draft};
use lineage::lineage;

/// How every line of the notes that keeps a clash's other value begins.
pub use crate::model::CLASH_PREFIX;

/// The merged book and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub book: Book,
    pub report: Report,
}

/// Merges `ours` and `theirs`, two copies of `base` changed apart (see the
/// module's rules).
pub fn merge3(base: &Book, ours: &Book, theirs: &Book) -> Merged {
    merge(base, false, ours, theirs, |v| v.into_merged())
}

/// [`merge3`] taking the three books: a record the merge leaves as it was
/// is moved into the merged book instead of cloned, so `kith merge-books`
/// holds three heavy books at once and not four.
pub fn merge3_owned(base: Book, ours: Book, theirs: Book) -> Merged {
    let mut books = [base, ours, theirs];
    for book in &mut books {
        if !(book.people.is_sorted_by_key(|p| p.id) && book.entries.is_sorted_by_key(|e| e.id)) {
            book.normalize();
        }
    }
    let [b, o, t] = &books;
    let (people, entries, mut book, report) = merge(b, false, o, t, |v| {
        let people = places(v.people, [&b.people, &o.people, &t.people]);
        let entries = places(v.entries, [&b.entries, &o.entries, &t.entries]);
        (people, entries, v.book, v.report)
    });
    let [mut b, mut o, mut t] = books;
    let lists = [&mut b.people, &mut o.people, &mut t.people];
    book.people = moved(people, lists, Person::default);
    let lists = [&mut b.entries, &mut o.entries, &mut t.entries];
    book.entries = moved(entries, lists, || {
        Entry::new(
            chrono::NaiveDate::MIN,
            Vec::new(),
            crate::model::Kind::new(""),
            "",
        )
    });
    Merged { book, report }
}

/// [`merge3`] against `base` and the records `ours` and `theirs` hold
/// alike, which `base` leaves out (see [`Base`]), the merged book handed
/// to `then` as a [`View`] (most of its records borrowed from the inputs).
pub(super) fn merge3_alike<R>(
    base: &Book,
    ours: &Book,
    theirs: &Book,
    then: impl FnOnce(View<'_>) -> R,
) -> R {
    merge(base, true, ours, theirs, then)
}

/// The merged book, its records borrowed from the inputs where the merge
/// left them as they were: `book` holds the rest (its `people` and
/// `entries` are empty).
pub(super) struct View<'a> {
    pub people: Vec<Rec<'a, Person>>,
    pub entries: Vec<Rec<'a, Entry>>,
    pub book: Book,
    pub report: Report,
}

impl View<'_> {
    pub fn into_merged(self) -> Merged {
        let View {
            people,
            entries,
            mut book,
            report,
        } = self;
        book.people = people.into_iter().map(Rec::into_owned).collect();
        book.entries = entries.into_iter().map(Rec::into_owned).collect();
        Merged { book, report }
    }
}

fn merge<R>(
    base: &Book,
    alike: bool,
    ours: &Book,
    theirs: &Book,
    then: impl FnOnce(View<'_>) -> R,
) -> R {
    let (base, ours, theirs) = (sorted(base), sorted(ours), sorted(theirs));
    let base = Base::new(&base, alike.then_some([&*ours, &*theirs]));
    let mut report = Report::default();
    let (ours_map, theirs_map) = ids::renumber(&base, &ours, &theirs, &mut report);
    let ours = Copy3 {
        side: Side::Ours,
        book: &ours,
        remap: &ours_map,
    };
    let theirs = Copy3 {
        side: Side::Theirs,
        book: &theirs,
        remap: &theirs_map,
    };
    // Whom each side still holds (under the ids the merge uses): a merge
    // into someone that side then deleted does not win a disagreement.
    let held = |copy: &Copy3| -> std::collections::BTreeSet<PersonId> {
        copy.book
            .people
            .iter()
            .map(|p| copy.remap.person_id(p.id))
            .collect()
    };
    let (merged, disagreed) = merged_ids(
        &base.book.merged,
        (&ours.remap.merged(&ours.book.merged), &held(&ours)),
        (&theirs.remap.merged(&theirs.book.merged), &held(&theirs)),
    );
    let mut draft = Draft {
        people: Vec::with_capacity(ours.book.people.len().max(theirs.book.people.len())),
        gone: BTreeMap::new(),
        merged,
        disagreed,
        clashes: Vec::new(),
        report,
    };
    draft.people(base, ours, theirs);
    draft.carry();
    let mut entries = draft.entries(base, ours, theirs);
    draft.point_entries(&mut entries);
    draft.point_introducers();
    draft.note_clashes(&entries);
    draft.note_disagreed(base);
    let Draft {
        people,
        merged,
        mut report,
        ..
    } = draft;
    report.resurrected.sort();
    report.unmerged.sort();
    let dismissed = set3(
        &base.book.dismissed_intros,
        &ours
            .book
            .dismissed_intros
            .iter()
            .map(|d| ours.remap.dismissed(d))
            .collect::<Vec<_>>(),
        &theirs
            .book
            .dismissed_intros
            .iter()
            .map(|d| theirs.remap.dismissed(d))
            .collect::<Vec<_>>(),
    );
    let mut book = Book {
        version: FORMAT_VERSION,
        // The demo's anchor: gone once either side settled it; two different
        // anchors (not one of them "ours": the merge is symmetric) the later.
        anchor: match (ours.book.anchor, theirs.book.anchor) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        },
        next_person_id: [base.book, ours.book, theirs.book]
            .iter()
            .map(|b| b.next_person_id)
            .max()
            .unwrap_or(1),
        next_entry_id: [base.book, ours.book, theirs.book]
            .iter()
            .map(|b| b.next_entry_id)
            .max()
            .unwrap_or(1),
        people: Vec::new(),
        entries: Vec::new(),
        merged,
        dismissed_intros: dismissed,
        inbox: crate::model::Inbox::merge3(&base.book.inbox, &ours.book.inbox, &theirs.book.inbox),
        touches: crate::model::touches::merge3(
            &base.book.touches,
            &ours.book.touches,
            &theirs.book.touches,
        ),
        meetings: crate::model::touches::merge3(
            &base.book.meetings,
            &ours.book.meetings,
            &theirs.book.meetings,
        ),
        review: review(
            base.book.review.as_ref(),
            ours.book.review.as_ref().map(|r| ours.remap.review(r)),
            theirs.book.review.as_ref().map(|r| theirs.remap.review(r)),
        ),
        lineage: Lineage::default(),
    };
    book.normalize();
    book.raise_next_ids(people.iter().map(|p| p.id), entries.iter().map(|e| e.id));
    book.lineage = lineage((&people, &entries), ours, theirs);
    then(View {
        people,
        entries,
        book,
        report,
    })
}

/// Where `id` ends up through one side's merges (bounded: a side's map is
/// as read, and a hand-edited one may go round).
fn settled(merged: &BTreeMap<PersonId, PersonId>, mut id: PersonId) -> PersonId {
    for _ in 0..=merged.len() {
        match merged.get(&id) {
            Some(next) => id = *next,
            None => break,
        }
    }
    id
}

/// The book with its lists in id order (as every book read from a file is).
fn sorted(book: &Book) -> Cow<'_, Book> {
    let ok = book.people.is_sorted_by_key(|p| p.id) && book.entries.is_sorted_by_key(|e| e.id);
    if ok {
        return Cow::Borrowed(book);
    }
    let mut book = book.clone();
    book.normalize();
    Cow::Owned(book)
}

#[cfg(test)]
mod tests;
