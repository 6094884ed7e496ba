//! The merge of the records in play only: those on lines that differ,
//! those the merge sets right though both sides hold them alike, and whom
//! they name; every other record is the book's, as the whole merge leaves it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::model::{Book, Entry, EntryId, Op, Person, PersonId, survivor};

use super::Near;
use crate::sync::ancestors::{Ancestors, Wanted};
use crate::sync::conflicts::merge_op_finding;
use crate::sync::{Merged, Report, merge3};

/// [`merge_op`] of `book` (the one [`super::near`] compared with) and the
/// copy, from the records in play; `None` when the whole copy must be
/// merged.
pub fn merge_near(book: &Book, near: Near, backups: &[PathBuf]) -> Option<(Op, Report)> {
    let find = |wanted: &Wanted| super::ancestors(book, None, wanted, backups);
    merge_near_finding(book, near, find)
}

/// [`merge_near`], the versions both sides descend from found by `find`.
pub(crate) fn merge_near_finding(
    book: &Book,
    near: Near,
    find: impl Fn(&Wanted) -> Ancestors,
) -> Option<(Op, Report)> {
    let Near {
        copy,
        people: changed_people,
        entries: changed_entries,
    } = near;
    let (people, entries) = in_play(book, &[&copy], (&changed_people, &changed_entries));
    let ours = small(book, &people, &entries, None);
    let theirs = small(
        &copy,
        &people,
        &entries,
        Some((book, &changed_people, &changed_entries)),
    );
    drop(copy);
    let (op, mut reports) = merge_op_finding(&ours, vec![theirs], find);
    let report = reports.pop()?;
    plain(&report).then_some((op, report))
}

/// [`merge3`] of `base` (the one both were compared with, see
/// [`super::near`]) and two copies of it, from the records in play: the
/// merged book is `base` with those records replaced. `None` when the
/// whole copies must be merged.
pub fn merge3_near(mut base: Book, ours: Near, theirs: Near) -> Option<Merged> {
    let union = |a: &[PersonId], b: &[PersonId]| -> Vec<PersonId> {
        let set: BTreeSet<PersonId> = a.iter().chain(b).copied().collect();
        set.into_iter().collect()
    };
    let changed_people = union(&ours.people, &theirs.people);
    let changed_entries: Vec<EntryId> = {
        let set: BTreeSet<EntryId> = ours
            .entries
            .iter()
            .chain(&theirs.entries)
            .copied()
            .collect();
        set.into_iter().collect()
    };
    let (people, entries) = in_play(
        &base,
        &[&ours.copy, &theirs.copy],
        (&changed_people, &changed_entries),
    );
    let side = |n: &Near| {
        small(
            &n.copy,
            &people,
            &entries,
            Some((&base, &n.people, &n.entries)),
        )
    };
    let (o, t) = (side(&ours), side(&theirs));
    drop((ours, theirs));
    let Merged { mut book, report } = merge3(&small(&base, &people, &entries, None), &o, &t);
    if !plain(&report) {
        return None;
    }
    let all_people = patched(
        std::mem::take(&mut base.people),
        std::mem::take(&mut book.people),
        &people,
        |p| p.id,
    );
    let all_entries = patched(
        std::mem::take(&mut base.entries),
        std::mem::take(&mut book.entries),
        &entries,
        |e| e.id,
    );
    // The counters past every record's id, as the whole merge leaves them.
    book.raise_next_ids(
        all_people.iter().map(|p| p.id),
        all_entries.iter().map(|e| e.id),
    );
    (book.people, book.entries) = (all_people, all_entries);
    Some(Merged { book, report })
}

/// Whether a merge of the small books is the whole merge's: nothing
/// re-numbered (a fresh id must miss every record) and no merges of people
/// undone, carried or disagreed on.
fn plain(report: &Report) -> bool {
    report.renumbered.is_empty()
        && report.unmerged.is_empty()
        && report.carried.is_empty()
        && report.disagreed.is_empty()
}

/// `base`'s records with those of `ids` (all in play) replaced by the
/// merge's (`merged`, which holds no other): both lists in id order.
fn patched<T, K: Ord + Copy>(
    base: Vec<T>,
    merged: Vec<T>,
    ids: &BTreeSet<K>,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let mut out = Vec::with_capacity(base.len() + merged.len());
    let mut merged = merged.into_iter().peekable();
    for record in base.into_iter().filter(|r| !ids.contains(&key(r))) {
        while let Some(m) = merged.next_if(|m| key(m) < key(&record)) {
            out.push(m);
        }
        out.push(record);
    }
    out.extend(merged);
    out
}

/// The records in play: those that differ (`changed`, sorted), those the
/// merge sets right though all hold them alike (see [`odd_alike`]), whom
/// their entries name and (over and over) who introduced whom, as the
/// merge re-points them. A record held alike has no other part in the
/// merge but its lineage, which the small books carry whole: the merge
/// finds a record's lineage from the versions that differ from the merged
/// one, and none does.
fn in_play(
    book: &Book,
    copies: &[&Book],
    (changed_people, changed_entries): (&[PersonId], &[EntryId]),
) -> (BTreeSet<PersonId>, BTreeSet<EntryId>) {
    let mut entries: BTreeSet<EntryId> = changed_entries.iter().copied().collect();
    let mut people: BTreeSet<PersonId> = changed_people.iter().copied().collect();
    odd_alike(book, copies, changed_people, &mut people, &mut entries);
    let add = |people: &mut BTreeSet<PersonId>, todo: &mut Vec<PersonId>, id: PersonId| {
        for id in [id, survivor(&book.merged, id)] {
            if people.insert(id) {
                todo.push(id);
            }
        }
    };
    let books = || std::iter::once(book).chain(copies.iter().copied());
    let mut todo: Vec<PersonId> = people.iter().copied().collect();
    for id in &entries {
        for e in books().filter_map(|b| b.entry(*id)) {
            for p in &e.people {
                add(&mut people, &mut todo, *p);
            }
        }
    }
    while let Some(id) = todo.pop() {
        let versions: Vec<&Person> = books().filter_map(|b| exact(b, id)).collect();
        for by in versions.into_iter().filter_map(|p| p.met.introduced_by) {
            add(&mut people, &mut todo, by);
        }
    }
    (people, entries)
}

/// The records all hold alike that the merge changes all the same, added
/// to `people` and `entries`: an entry naming someone twice, or by an id
/// merged away, or someone not every book holds (whom the merge may bring
/// back for it); a person introduced by themselves, by an id merged away or
/// by no one in the book (a hand edit), or by someone not every book holds.
fn odd_alike(
    book: &Book,
    copies: &[&Book],
    changed: &[PersonId],
    people: &mut BTreeSet<PersonId>,
    entries: &mut BTreeSet<EntryId>,
) {
    let partly: Vec<PersonId> = changed
        .iter()
        .filter(|id| {
            let held = exact(book, **id).is_some();
            copies.iter().any(|c| exact(c, **id).is_some() != held)
        })
        .copied()
        .collect();
    let fine = |id: PersonId| book.person_index(id).is_some() && !partly.contains(&id);
    for e in &book.entries {
        let odd = e
            .people
            .iter()
            .enumerate()
            .any(|(k, p)| e.people[..k].contains(p) || !fine(*p));
        if odd {
            entries.insert(e.id);
        }
    }
    for p in &book.people {
        if p.met
            .introduced_by
            .is_some_and(|by| by == p.id || !fine(by))
        {
            people.insert(p.id);
        }
    }
}

/// Person `id` itself (merges not followed).
fn exact(book: &Book, id: PersonId) -> Option<&Person> {
    book.person_index(id).map(|i| &book.people[i])
}

/// `from`'s fields with only the records of `people` and `entries`. For the
/// copy (`unchanged` given), a record on a line the same in both is the
/// book's: taken from there.
fn small(
    from: &Book,
    people: &BTreeSet<PersonId>,
    entries: &BTreeSet<EntryId>,
    unchanged: Option<(&Book, &[PersonId], &[EntryId])>,
) -> Book {
    let person = |id: &PersonId| -> Option<Person> {
        match unchanged {
            Some((book, changed, _)) if changed.binary_search(id).is_err() => {
                exact(book, *id).cloned()
            }
            _ => exact(from, *id).cloned(),
        }
    };
    let entry = |id: &EntryId| -> Option<Entry> {
        match unchanged {
            Some((book, _, changed)) if changed.binary_search(id).is_err() => {
                book.entry(*id).cloned()
            }
            _ => from.entry(*id).cloned(),
        }
    };
    let Book {
        version,
        anchor,
        next_person_id,
        next_entry_id,
        people: _,
        entries: _,
        merged,
        dismissed_intros,
        review,
        inbox,
        touches,
        meetings,
        lineage,
    } = from;
    Book {
        version: *version,
        anchor: *anchor,
        next_person_id: *next_person_id,
        next_entry_id: *next_entry_id,
        people: people.iter().filter_map(person).collect(),
        entries: entries.iter().filter_map(entry).collect(),
        merged: merged.clone(),
        dismissed_intros: dismissed_intros.clone(),
        review: review.clone(),
        inbox: inbox.clone(),
        touches: touches.clone(),
        meetings: meetings.clone(),
        lineage: lineage.clone(),
    }
}
