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

use crate::model::lineage::merged_lineage;
use crate::model::{Book, Entry, FORMAT_VERSION, Lineage, Person, PersonId, Rev};

use super::base::Base;
use super::extras::{review, set3};
use super::fate::{Becomes, count, fate, walk};
use super::fields::{self, FieldClash};
use super::ids::{self, Remap};
use super::merges::{merged_ids, unmerge_entry};
use super::rec::{Rec, borrowed, moved, places};
use super::report::{Clash, RecordId, Report, Side};
use crate::model::survivor;

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

/// The merged book's lineage: each record descends from both sides'
/// versions of it (see [`merged_lineage`]), and one the merge left out keeps
/// what it was on each side, so a copy still holding it is known as older.
/// A side's record under an id it had to give up is another record, and no
/// ancestor.
fn lineage(
    (merged_people, merged_entries): (&[Rec<'_, Person>], &[Rec<'_, Entry>]),
    ours: Copy3<'_>,
    theirs: Copy3<'_>,
) -> Lineage {
    let sides = [ours, theirs];
    let people = ids_of(
        merged_people.iter().map(|p| p.id),
        sides.map(|s| {
            (
                s.book.people.iter().map(|p| p.id),
                s.book.lineage.people.keys(),
            )
        }),
    );
    let entries = ids_of(
        merged_entries.iter().map(|e| e.id),
        sides.map(|s| {
            (
                s.book.entries.iter().map(|e| e.id),
                s.book.lineage.entries.keys(),
            )
        }),
    );
    let mut out = Lineage::default();
    for id in people {
        let merged = merged_people
            .binary_search_by_key(&id, |p| p.id)
            .ok()
            .map(|i| &*merged_people[i]);
        let versions = sides.map(|s| {
            let mine = !s.remap.is_renumbered_person(id);
            let v = s.book.person_index(id).filter(|_| mine);
            let revs = s.book.lineage.people.get(&id).filter(|_| mine);
            (v.map(|i| &s.book.people[i]), revs.map(Vec::as_slice))
        });
        if let Some(revs) = lineage_of(merged, versions) {
            out.people.insert(id, revs);
        }
    }
    for id in entries {
        let merged = merged_entries
            .binary_search_by_key(&id, |e| e.id)
            .ok()
            .map(|i| &*merged_entries[i]);
        let versions = sides.map(|s| {
            let mine = !s.remap.is_renumbered_entry(id);
            let v = s.book.entry_index(id).filter(|_| mine);
            let revs = s.book.lineage.entries.get(&id).filter(|_| mine);
            (v.map(|i| &s.book.entries[i]), revs.map(Vec::as_slice))
        });
        if let Some(revs) = lineage_of(merged, versions) {
            out.entries.insert(id, revs);
        }
    }
    out
}

/// Every id the merged book or either side holds or has a lineage for.
fn ids_of<'a, K: Ord + Copy + 'a, A: Iterator<Item = K>, B: Iterator<Item = &'a K>>(
    merged: impl Iterator<Item = K>,
    sides: [(A, B); 2],
) -> std::collections::BTreeSet<K> {
    let mut ids: std::collections::BTreeSet<K> = merged.collect();
    for (records, lineage) in sides {
        ids.extend(records);
        ids.extend(lineage.copied());
    }
    ids
}

/// A record's lineage in the merge; `None` when it has none.
fn lineage_of<T: serde::Serialize + PartialEq>(
    merged: Option<&T>,
    versions: [(Option<&T>, Option<&[Rev]>); 2],
) -> Option<Vec<Rev>> {
    // The common case, fast: as it was on both sides, with no history.
    if versions
        .iter()
        .all(|(v, revs)| *v == merged && revs.is_none())
    {
        return None;
    }
    let revs = merged_lineage(merged, versions);
    (!revs.is_empty()).then_some(revs)
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

/// One of the two copies, with the ids it has to give up.
#[derive(Clone, Copy)]
struct Copy3<'a> {
    side: Side,
    book: &'a Book,
    remap: &'a Remap,
}

/// The merged book as it is being built.
struct Draft<'a> {
    /// In id order.
    people: Vec<Rec<'a, Person>>,
    /// People not in the merged book (deleted, merged away): the version to
    /// bring back if something still names them, and base's.
    gone: BTreeMap<PersonId, Gone<'a>>,
    merged: BTreeMap<PersonId, PersonId>,
    /// People the two copies merged into different people.
    disagreed: Vec<crate::sync::Disagreed>,
    /// Clashes in the order found: whose record (the person or the entry),
    /// the record to name in the note when not that person, and the clash.
    clashes: Vec<(RecordId, Option<RecordId>, FieldClash)>,
    report: Report,
}

struct Gone<'a> {
    now: Rec<'a, Person>,
    base: Option<&'a Person>,
}

impl<'a> Draft<'a> {
    fn people(&mut self, base: Base<'a>, ours: Copy3<'a>, theirs: Copy3<'a>) {
        let rows = walk(
            |p: &Person| p.id,
            base.people(),
            ours.book
                .people
                .iter()
                .filter(|p| !ours.remap.is_renumbered_person(p.id)),
            theirs
                .book
                .people
                .iter()
                .filter(|p| !theirs.remap.is_renumbered_person(p.id)),
        );
        for [b, o, t] in rows {
            let o = o.map(|p| ours.remap.person(p));
            let t = t.map(|p| theirs.remap.person(p));
            let fate = fate(b, o.as_deref(), t.as_deref());
            count(&mut self.report, |s| &mut s.people, &fate);
            let kept = match fate.becomes {
                Becomes::Keep(p) => Rec::of(p, [b, borrowed(&o), borrowed(&t)]),
                Becomes::Merge(b, o, t) => {
                    let mut found = Vec::new();
                    let p = fields::person(b, o, t, &mut found);
                    let owner = RecordId::Person(p.id);
                    self.clashes
                        .extend(found.into_iter().map(|c| (owner, None, c)));
                    Rec::new(p)
                }
                Becomes::Gone => {
                    if let Some(b) = b {
                        let now = Rec::Borrowed(b);
                        self.gone.insert(b.id, Gone { now, base: Some(b) });
                    }
                    continue;
                }
            };
            if self.merged.contains_key(&kept.id) {
                // Merged away on one side: what the other changed is carried
                // onto the person they became (see `carry`).
                let now = kept;
                self.gone.insert(now.id, Gone { now, base: b });
            } else {
                self.people.push(kept);
            }
        }
        for copy in [ours, theirs] {
            let renumbered = copy.book.people.iter();
            for p in renumbered.filter(|p| copy.remap.is_renumbered_person(p.id)) {
                self.people.push(copy.remap.person(p).into());
                self.report.side_mut(copy.side).people.added += 1;
            }
        }
        if !self.people.is_sorted_by_key(|p| p.id) {
            self.people.sort_by_key(|p| p.id);
        }
    }

    /// Carries the changes one side made to a person the other side merged
    /// away onto the person they were merged into.
    fn carry(&mut self) {
        let away: Vec<PersonId> = self
            .gone
            .iter()
            .filter(|(id, g)| self.merged.contains_key(id) && Some(&*g.now) != g.base)
            .map(|(id, _)| *id)
            .collect();
        for from in away {
            let Some(into) = self.ensure(from) else {
                continue;
            };
            if into == from {
                continue; // the merge was undone: they are back as they are
            }
            let i = self.index(into).expect("ensured");
            let g = &self.gone[&from];
            let mut found = Vec::new();
            fields::carry(self.people[i].to_mut(), g.base, &g.now, &mut found);
            self.report.carried.push(from);
            let (owner, label) = (RecordId::Person(into), Some(RecordId::Person(from)));
            self.clashes
                .extend(found.into_iter().map(|c| (owner, label, c)));
        }
    }

    fn entries(
        &mut self,
        base: Base<'a>,
        ours: Copy3<'a>,
        theirs: Copy3<'a>,
    ) -> Vec<Rec<'a, Entry>> {
        let mut out = Vec::with_capacity(ours.book.entries.len().max(theirs.book.entries.len()));
        let rows = walk(
            |e: &Entry| e.id,
            base.entries(),
            ours.book
                .entries
                .iter()
                .filter(|e| !ours.remap.is_renumbered_entry(e.id)),
            theirs
                .book
                .entries
                .iter()
                .filter(|e| !theirs.remap.is_renumbered_entry(e.id)),
        );
        // Each side's lost merges: who was merged away, and whom their
        // entries name on that side (the target, or whom it was merged into
        // there since).
        let lost_on = |copy: Copy3<'_>| -> Vec<(PersonId, PersonId)> {
            let merged = copy.remap.merged(&copy.book.merged);
            let lost = self.disagreed.iter().filter(|d| d.lost_on == copy.side);
            lost.map(|d| (d.from, settled(&merged, d.lost))).collect()
        };
        let lost = [lost_on(ours), lost_on(theirs)];
        for [b, o, t] in rows {
            let mut o = o.map(|e| ours.remap.entry(e));
            let mut t = t.map(|e| theirs.remap.entry(e));
            // What a merge that was not kept did to the entry, undone —
            // where the other side still holds it: deleted there, the
            // re-pointing is a change, and a changed entry is kept.
            if let (Some(b), true) = (b, o.is_some() && t.is_some()) {
                o = o.map(|e| unmerge_entry(b, e, &lost[0]));
                t = t.map(|e| unmerge_entry(b, e, &lost[1]));
            }
            let fate = fate(b, o.as_deref(), t.as_deref());
            count(&mut self.report, |s| &mut s.entries, &fate);
            match fate.becomes {
                Becomes::Keep(e) => out.push(Rec::of(e, [b, borrowed(&o), borrowed(&t)])),
                Becomes::Merge(b, o, t) => {
                    let mut found = Vec::new();
                    let e = fields::entry(b, o, t, &mut found);
                    let owner = RecordId::Entry(e.id);
                    self.clashes
                        .extend(found.into_iter().map(|c| (owner, Some(owner), c)));
                    out.push(Rec::new(e));
                }
                Becomes::Gone => {}
            }
        }
        for copy in [ours, theirs] {
            let renumbered = copy.book.entries.iter();
            for e in renumbered.filter(|e| copy.remap.is_renumbered_entry(e.id)) {
                out.push(copy.remap.entry(e).into());
                self.report.side_mut(copy.side).entries.added += 1;
            }
        }
        if !out.is_sorted_by_key(|e| e.id) {
            out.sort_by_key(|e| e.id);
        }
        out
    }

    /// Every entry names people in the book: merged-away ids re-pointed
    /// (once per entry), deleted people brought back. An entry left naming
    /// nobody is dropped.
    fn point_entries(&mut self, entries: &mut Vec<Rec<'a, Entry>>) {
        entries.retain_mut(|e| {
            let fine = e
                .people
                .iter()
                .enumerate()
                .all(|(k, p)| !e.people[..k].contains(p) && self.ensure(*p) == Some(*p));
            if !fine {
                let mut people = Vec::with_capacity(e.people.len());
                for p in &e.people {
                    if let Some(at) = self.ensure(*p)
                        && !people.contains(&at)
                    {
                        people.push(at);
                    }
                }
                e.to_mut().people = people;
            }
            if e.people.is_empty() {
                self.report.dropped.push(e.id);
            }
            !e.people.is_empty()
        });
    }

    /// Every "introduced by" names someone in the book (or no one, rather
    /// than the person themselves), including people brought back for it.
    fn point_introducers(&mut self) {
        let mut todo: Vec<PersonId> = self
            .people
            .iter()
            .filter(|p| p.met.introduced_by.is_some())
            .map(|p| p.id)
            .collect();
        while let Some(id) = todo.pop() {
            let i = self.index(id).expect("a person of the book");
            let Some(by) = self.people[i].met.introduced_by else {
                continue;
            };
            let back = self.report.resurrected.len();
            let at = self.ensure(by).filter(|at| *at != id);
            let i = self.index(id).expect("a person of the book");
            if self.people[i].met.introduced_by != at {
                self.people[i].to_mut().met.introduced_by = at;
            }
            todo.extend(self.report.resurrected[back..].iter().copied());
        }
    }

    /// Every clash's other value as a line of the notes of the person it
    /// belongs to, in the order the clashes were found.
    fn note_clashes(&mut self, entries: &[Rec<'a, Entry>]) {
        let found = std::mem::take(&mut self.clashes);
        let mut clashes = Vec::with_capacity(found.len());
        for (owner, record, c) in found {
            let person = match owner {
                RecordId::Person(id) => self.ensure(id),
                RecordId::Entry(id) => entries
                    .binary_search_by_key(&id, |e| e.id)
                    .ok()
                    .map(|i| entries[i].people[0]),
            };
            let Some(person) = person else {
                continue; // an entry dropped for naming nobody
            };
            clashes.push(Clash {
                person,
                record,
                field: c.field,
                winner: c.winner,
                other: c.other,
            });
        }
        clashes.sort_by_key(|c| c.person);
        for c in &clashes {
            let i = self.index(c.person).expect("ensured");
            fields::append_line(&mut self.people[i].to_mut().notes, &c.line());
        }
        self.report.clashes = clashes;
    }

    /// Says, in the notes of both people one person was merged into on the
    /// two copies, which merge was kept and what became of the other (see
    /// [`crate::sync::Disagreed`]): the review lists the line until it is
    /// settled. The same words whichever copy is ours.
    fn note_disagreed(&mut self, base: Base<'_>) {
        let mut disagreed = std::mem::take(&mut self.disagreed);
        disagreed.sort_by_key(|d| d.from);
        let mut noted = Vec::with_capacity(disagreed.len());
        for d in disagreed {
            let Some(kept) = self.ensure(d.kept) else {
                continue;
            };
            // The other target, unless its side deleted them since: a note
            // is no reason to bring someone back.
            let lost = survivor(&self.merged, d.lost);
            let lost = self.index(lost).map(|_| lost);
            let name = |draft: &Self, id: PersonId| {
                let i = draft.index(id).expect("ensured");
                format!("{} ({id})", draft.people[i].name)
            };
            let from = base
                .person(d.from)
                .filter(|_| base.book.survivor(d.from) == d.from)
                .map(|p| p.name.clone())
                .or_else(|| self.gone.get(&d.from).map(|g| g.now.name.clone()))
                .filter(|n| !n.is_empty())
                .map_or_else(|| d.from.to_string(), |n| format!("{n} ({})", d.from));
            let kept_name = name(self, kept);
            let line = match lost {
                Some(lost) => {
                    let lost_name = name(self, lost);
                    format!(
                        "{CLASH_PREFIX}one copy merged {from} into {kept_name}, the other into \
                         {lost_name}. Kept: {from} is {kept_name} (every machine decides alike: \
                         the lower id, unless that merge closes a circle or its person was \
                         deleted) and their entries name {kept_name}; {lost_name} keeps what \
                         the other merge copied from {from}: take it off there if they are not \
                         the same"
                    )
                }
                None => format!(
                    "{CLASH_PREFIX}one copy merged {from} into {kept_name}, the other into {} \
                     and then deleted them. Kept: {from} is {kept_name}, and their entries name \
                     {kept_name}",
                    d.lost
                ),
            };
            for id in std::iter::once(kept).chain(lost) {
                let i = self.index(id).expect("ensured");
                fields::append_line(&mut self.people[i].to_mut().notes, &line);
            }
            noted.push(d);
        }
        self.report.disagreed = noted;
    }

    fn index(&self, id: PersonId) -> Option<usize> {
        self.people.binary_search_by_key(&id, |p| p.id).ok()
    }

    /// The person `id` means in the merged book (following merges), brought
    /// back from a side or base if they were deleted. When merges lead to
    /// someone no copy has, the last of those merges is undone. `None` only
    /// for an id no copy knows at all.
    fn ensure(&mut self, id: PersonId) -> Option<PersonId> {
        loop {
            let end = survivor(&self.merged, id);
            if self.index(end).is_some() {
                return Some(end);
            }
            if let Some(g) = self.gone.get(&end) {
                let at = self
                    .people
                    .binary_search_by_key(&end, |p| p.id)
                    .unwrap_or_else(|at| at);
                self.people.insert(at, g.now.clone());
                self.report.resurrected.push(end);
                return Some(end);
            }
            let mut chain = vec![id];
            while let Some(next) = self.merged.get(chain.last().expect("not empty")) {
                chain.push(*next);
            }
            let back = chain
                .iter()
                .rev()
                .skip(1)
                .find(|c| self.gone.contains_key(c))
                .copied()?;
            self.merged.remove(&back);
            self.report.unmerged.push(back);
        }
    }
}

#[cfg(test)]
mod tests;
