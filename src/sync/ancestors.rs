//! The real common version of a record both copies changed, when kith still
//! has it. Both copies' lineages name the versions each replaced; a version
//! both name is one both descend from, and kith's backups of the book may
//! hold it in full. Found by its fingerprint, it is exactly that version, so
//! the two are merged against it as a three-way merge would — a tag removed
//! on one copy stays removed — instead of against a neutral guess.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Book, Entry, EntryId, Person, PersonId, Rev};

use super::without_base::both as pairs;

/// Earlier versions of records, by id and fingerprint.
#[derive(Debug, Default, PartialEq)]
pub struct Ancestors {
    people: HashMap<(PersonId, Rev), Person>,
    entries: HashMap<(EntryId, Rev), Entry>,
}

/// The versions worth looking for: those both copies' lineages name for a
/// record they hold differently.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Wanted {
    people: BTreeSet<(PersonId, Rev)>,
    entries: BTreeSet<(EntryId, Rev)>,
}

impl Wanted {
    pub fn of(a: &Book, b: &Book) -> Wanted {
        let mut w = Wanted::default();
        for (x, y) in pairs(&a.people, &b.people, |p| p.id) {
            if x != y {
                let (lx, ly) = (a.lineage.people.get(&x.id), b.lineage.people.get(&x.id));
                w.people.extend(shared(lx, ly).map(|r| (x.id, r)));
            }
        }
        // A person merged away on one copy (or on both, into different
        // people) and held, changed, or merged differently on the other.
        for (id, into) in &a.merged {
            let other = b.merged.get(id);
            let held = b.person_index(*id).is_some() && a.person_index(*id).is_none();
            if held || other.is_some_and(|o| o != into) {
                let (la, lb) = (a.lineage.people.get(id), b.lineage.people.get(id));
                w.people.extend(shared(la, lb).map(|r| (*id, r)));
            }
        }
        for id in b.merged.keys() {
            if a.person_index(*id).is_some() && b.person_index(*id).is_none() {
                let (la, lb) = (a.lineage.people.get(id), b.lineage.people.get(id));
                w.people.extend(shared(la, lb).map(|r| (*id, r)));
            }
        }
        for (x, y) in pairs(&a.entries, &b.entries, |e| e.id) {
            if x != y {
                let (lx, ly) = (a.lineage.entries.get(&x.id), b.lineage.entries.get(&x.id));
                w.entries.extend(shared(lx, ly).map(|r| (x.id, r)));
            }
        }
        w
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.entries.is_empty()
    }

    /// The ids of the people wanted, in order, each once.
    pub(crate) fn people_ids(&self) -> Vec<PersonId> {
        let mut ids: Vec<PersonId> = self.people.iter().map(|(id, _)| *id).collect();
        ids.dedup();
        ids
    }

    pub(crate) fn entry_ids(&self) -> Vec<EntryId> {
        let mut ids: Vec<EntryId> = self.entries.iter().map(|(id, _)| *id).collect();
        ids.dedup();
        ids
    }
}

impl Ancestors {
    /// The wanted versions found in `books` (kith's backups).
    /// One book at a time, so backups can be read one by one.
    pub fn find<B: std::borrow::Borrow<Book>>(
        wanted: &Wanted,
        books: impl IntoIterator<Item = B>,
    ) -> Ancestors {
        let mut found = Ancestors::default();
        for book in books {
            let book = book.borrow();
            for &(id, rev) in &wanted.people {
                if let Some(i) = book.person_index(id)
                    && Rev::of(&book.people[i]) == rev
                {
                    found.people.insert((id, rev), book.people[i].clone());
                }
            }
            for &(id, rev) in &wanted.entries {
                if let Some(i) = book.entry_index(id)
                    && Rev::of(&book.entries[i]) == rev
                {
                    found.entries.insert((id, rev), book.entries[i].clone());
                }
            }
        }
        found
    }

    /// The common version of person `id` to merge against, if kith has one:
    /// of those both lineages name, the nearest to both (the same whichever
    /// copy is which).
    pub fn person(
        &self,
        id: PersonId,
        a: Option<&Vec<Rev>>,
        b: Option<&Vec<Rev>>,
    ) -> Option<&Person> {
        nearest(a, b, |r| self.people.get(&(id, r)))
    }

    pub fn entry(&self, id: EntryId, a: Option<&Vec<Rev>>, b: Option<&Vec<Rev>>) -> Option<&Entry> {
        nearest(a, b, |r| self.entries.get(&(id, r)))
    }
}

/// The revisions both lineages hold.
fn shared<'a>(a: Option<&'a Vec<Rev>>, b: Option<&'a Vec<Rev>>) -> impl Iterator<Item = Rev> + 'a {
    let b = b.map(Vec::as_slice).unwrap_or_default();
    a.map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(move |r| b.contains(r))
}

/// Of the revisions both lineages hold and `get` has, the one with the
/// least sum of places in the two (newest first), then the least.
fn nearest<'a, T>(
    a: Option<&Vec<Rev>>,
    b: Option<&Vec<Rev>>,
    get: impl Fn(Rev) -> Option<&'a T>,
) -> Option<&'a T> {
    let (a, b) = (a?, b?);
    a.iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i + b.iter().position(|s| s == r)?, *r)))
        .filter_map(|(d, r)| Some(((d, r), get(r)?)))
        .min_by_key(|(key, _)| *key)
        .map(|(_, v)| v)
}
