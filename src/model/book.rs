use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{DismissedIntro, Entry, EntryId, Person, PersonId, ReviewProgress};

/// The version of the file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Everything kith knows: people and the entries of the action timeline.
///
/// People are kept sorted by id and entries by id, which is also the order of
/// the file, so a new person or entry is a line appended to its list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Book {
    pub version: u32,
    /// Set in the bundled demo book: the day its dates were written for. On
    /// load, every date is shifted by `today - anchor` so the demo never looks
    /// stale (see [`Book::shift_to`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<NaiveDate>,
    /// The next ids to hand out; ids are never reused, even after a delete.
    #[serde(default)]
    pub next_person_id: u32,
    #[serde(default)]
    pub next_entry_id: u32,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// Ids merged away, pointing at the person they were merged into, so old
    /// references still resolve.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub merged: BTreeMap<PersonId, PersonId>,
    /// Suggested introductions the user dismissed, sorted, so they stay
    /// dismissed. Before `review`, which the fast reader expects last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed_intros: Vec<DismissedIntro>,
    /// How far today's review got, so leaving mid-way resumes where it stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewProgress>,
}

impl Default for Book {
    fn default() -> Self {
        Book {
            version: FORMAT_VERSION,
            anchor: None,
            next_person_id: 1,
            next_entry_id: 1,
            people: Vec::new(),
            entries: Vec::new(),
            merged: BTreeMap::new(),
            dismissed_intros: Vec::new(),
            review: None,
        }
    }
}

impl Book {
    /// Restores the invariants after deserialising: sorted lists and id
    /// counters past every id in use.
    pub fn normalize(&mut self) {
        if !self.people.is_sorted_by_key(|p| p.id) {
            self.people.sort_by_key(|p| p.id);
        }
        if !self.entries.is_sorted_by_key(|e| e.id) {
            self.entries.sort_by_key(|e| e.id);
        }
        let max_person = self
            .people
            .last()
            .map(|p| p.id.0)
            .into_iter()
            .chain(self.merged.keys().map(|id| id.0))
            .max()
            .unwrap_or(0);
        self.next_person_id = self.next_person_id.max(max_person + 1);
        let max_entry = self.entries.last().map(|e| e.id.0).unwrap_or(0);
        self.next_entry_id = self.next_entry_id.max(max_entry + 1);
        if !self.dismissed_intros.is_sorted() {
            self.dismissed_intros.sort();
            self.dismissed_intros.dedup();
        }
    }

    /// Follows merges: the id a (possibly merged-away) id now means.
    pub fn resolve(&self, mut id: PersonId) -> PersonId {
        // Bounded, in case a hand-edited file has a cycle.
        for _ in 0..16 {
            match self.merged.get(&id) {
                Some(next) => id = *next,
                None => break,
            }
        }
        id
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        let id = self.resolve(id);
        self.person_index(id).map(|i| &self.people[i])
    }

    pub fn person_mut(&mut self, id: PersonId) -> Option<&mut Person> {
        let id = self.resolve(id);
        self.person_index(id).map(|i| &mut self.people[i])
    }

    pub(crate) fn person_index(&self, id: PersonId) -> Option<usize> {
        self.people.binary_search_by_key(&id, |p| p.id).ok()
    }

    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.entry_index(id).map(|i| &self.entries[i])
    }

    pub(crate) fn entry_index(&self, id: EntryId) -> Option<usize> {
        self.entries.binary_search_by_key(&id, |e| e.id).ok()
    }

    /// People not archived, in id order.
    pub fn active_people(&self) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(|p| !p.archived)
    }

    /// Entries that name `person`, in id order.
    pub fn entries_of(&self, person: PersonId) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.names(person))
    }

    /// Display name for an id, or the id itself when the person is gone.
    pub fn name_of(&self, id: PersonId) -> String {
        self.person(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// Hands out a fresh person id (used when building an operation).
    pub fn next_person_id(&self) -> PersonId {
        PersonId(self.next_person_id.max(1))
    }

    pub fn next_entry_id(&self) -> EntryId {
        EntryId(self.next_entry_id.max(1))
    }

    /// Moves every date by `today - anchor` and re-anchors at `today`.
    /// Birthdays are not moved: they are anniversaries, not events.
    pub fn shift_to(&mut self, today: NaiveDate) {
        let Some(anchor) = self.anchor else { return };
        let delta = today - anchor;
        if delta.is_zero() {
            return;
        }
        let shift = |d: &mut NaiveDate| *d += delta;
        for p in &mut self.people {
            p.met.date.as_mut().map(shift);
            p.snoozed_until.as_mut().map(shift);
        }
        for e in &mut self.entries {
            shift(&mut e.date);
            e.follow_up.as_mut().map(shift);
            e.done_on.as_mut().map(shift);
        }
        if let Some(review) = &mut self.review {
            shift(&mut review.date);
        }
        self.anchor = Some(today);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn normalize_sorts_and_moves_counters_past_ids_in_use() {
        let mut book = Book::default();
        book.people.push(Person::new(PersonId(5), "E"));
        book.people.push(Person::new(PersonId(2), "B"));
        book.merged.insert(PersonId(9), PersonId(5));
        book.entries.push(Entry {
            id: EntryId(3),
            ..Entry::new(d("2026-01-01"), vec![], Kind::new("call"), "")
        });
        book.normalize();
        assert_eq!(book.people[0].id, PersonId(2));
        assert_eq!(book.next_person_id(), PersonId(10));
        assert_eq!(book.next_entry_id(), EntryId(4));
    }

    #[test]
    fn merged_ids_resolve_to_the_person_they_became() {
        let mut book = Book::default();
        book.people.push(Person::new(PersonId(1), "Ana"));
        book.merged.insert(PersonId(7), PersonId(1));
        assert_eq!(book.person(PersonId(7)).unwrap().name, "Ana");
        assert!(book.person(PersonId(8)).is_none());
    }

    #[test]
    fn shift_moves_event_dates_but_not_birthdays() {
        let mut book = Book {
            anchor: Some(d("2026-01-10")),
            ..Book::default()
        };
        let mut p = Person::new(PersonId(1), "Ana");
        p.birthday = "03-04".parse().ok();
        p.met.date = Some(d("2026-01-01"));
        book.people.push(p);
        let mut e = Entry::new(d("2026-01-05"), vec![PersonId(1)], Kind::new("coffee"), "x");
        e.follow_up = Some(d("2026-01-12"));
        book.entries.push(e);
        book.shift_to(d("2026-01-20"));
        assert_eq!(book.people[0].met.date, Some(d("2026-01-11")));
        assert_eq!(book.people[0].birthday.unwrap().to_string(), "03-04");
        assert_eq!(book.entries[0].date, d("2026-01-15"));
        assert_eq!(book.entries[0].follow_up, Some(d("2026-01-22")));
        assert_eq!(book.anchor, Some(d("2026-01-20")));
    }
}
