//! The merged book's lineage: what each record descends from.

use crate::model::lineage::merged_lineage;
use crate::model::{Entry, Lineage, Person, Rev};

use super::draft::Copy3;
use crate::sync::rec::Rec;

/// The merged book's lineage: each record descends from both sides'
/// versions of it (see [`merged_lineage`]), and one the merge left out keeps
/// what it was on each side, so a copy still holding it is known as older.
/// A side's record under an id it had to give up is another record, and no
/// ancestor.
pub(super) fn lineage(
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
