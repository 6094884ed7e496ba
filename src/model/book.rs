use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{DismissedIntro, Entry, EntryId, Inbox, Lineage, Person, PersonId, ReviewProgress};
use super::{Logged, Meetings};

/// The version of the file format this build reads and writes. 3: people
/// have addresses (a card's ADR lines, kept verbatim in 2, become them).
pub const FORMAT_VERSION: u32 = 3;

/// Everything kith knows: people and the entries of the action timeline.
///
/// People are kept sorted by id and entries by id, which is also the order of
/// the file, so a new person or entry is a line appended to its list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Book {
    pub version: u32,
    /// Set in the bundled demo book: the day its dates were written for. On
    /// load, every date is shifted by `today - anchor` so the demo never looks
    /// stale (see [`Book::shift_to`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date_field::optional"
    )]
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
    /// The phone's inbox: which of its lines were applied, which wait (see
    /// [`super::inbox`]). After `review`, before `lineage`: read with them.
    #[serde(default, skip_serializing_if = "Inbox::is_empty")]
    pub inbox: Inbox,
    /// What kith logged by itself from calendars and mail, by key (see
    /// [`super::touches`]), kept after the entry is deleted so it is not
    /// logged again. Read with the tail, like the inbox.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub touches: Logged,
    /// The next meeting ahead per calendar event, with people in the book.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub meetings: Meetings,
    /// Each changed record's earlier versions (see [`super::lineage`]), so
    /// a conflict copy can be merged without a common version. Last, after
    /// `review`: the fast reader reads the two with ron.
    #[serde(default, skip_serializing_if = "Lineage::is_empty")]
    pub lineage: Lineage,
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
            inbox: Inbox::default(),
            touches: Logged::new(),
            meetings: Meetings::new(),
            lineage: Lineage::default(),
        }
    }
}

impl Book {
    /// Restores the invariants after deserialising: sorted lists and id
    /// counters past every id in use.
    /// Raises the id counters past every old-style number among `people`,
    /// the merged-away ids and `entries` (the book's own lists, or the
    /// records of a merged book being built apart from it).
    pub fn raise_next_ids(
        &mut self,
        people: impl Iterator<Item = PersonId>,
        entries: impl Iterator<Item = EntryId>,
    ) {
        // Only old files' numbers count: drawn codes do not come from the counter.
        let number = |id: u64| (!super::id::is_code(id)).then_some(id as u32);
        let max_person = people
            .map(|p| p.0)
            .chain(self.merged.keys().map(|id| id.0))
            .filter_map(number)
            .max()
            .unwrap_or(0);
        self.next_person_id = self.next_person_id.max(max_person.saturating_add(1));
        let max_entry = entries.filter_map(|e| number(e.0)).max().unwrap_or(0);
        self.next_entry_id = self.next_entry_id.max(max_entry.saturating_add(1));
    }

    pub fn normalize(&mut self) {
        if !self.people.is_sorted_by_key(|p| p.id) {
            self.people.sort_by_key(|p| p.id);
        }
        if !self.entries.is_sorted_by_key(|e| e.id) {
            self.entries.sort_by_key(|e| e.id);
        }
        let (people, entries) = (
            std::mem::take(&mut self.people),
            std::mem::take(&mut self.entries),
        );
        self.raise_next_ids(people.iter().map(|p| p.id), entries.iter().map(|e| e.id));
        (self.people, self.entries) = (people, entries);
        if !self.dismissed_intros.is_sorted() {
            self.dismissed_intros.sort();
            self.dismissed_intros.dedup();
        }
    }

    /// The first meeting on or after `today` with `person` (or anyone
    /// merged into them).
    pub fn next_meeting(&self, person: PersonId, today: NaiveDate) -> Option<&super::Meeting> {
        let person = self.survivor(person);
        super::touches::next_meeting(&self.meetings, today, |p| self.survivor(p) == person)
    }

    /// Follows merges: the person a (possibly merged-away) id lives on as.
    pub fn survivor(&self, id: PersonId) -> PersonId {
        survivor(&self.merged, id)
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        let id = self.survivor(id);
        self.person_index(id).map(|i| &self.people[i])
    }

    pub fn person_mut(&mut self, id: PersonId) -> Option<&mut Person> {
        let id = self.survivor(id);
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

    /// The id a person added now gets: a code no record of this book uses,
    /// drawn with this process's salt (see [`super::id`]).
    /// Without a salt (see [`super::id::salt`]): the counter's number.
    pub fn next_person_id(&self) -> PersonId {
        match super::id::salt() {
            Some(salt) => self.fresh_person_id(salt),
            None => PersonId(u64::from(self.next_person_id.max(1))),
        }
    }

    /// The id an entry added now gets (see [`Book::next_person_id`]).
    pub fn next_entry_id(&self) -> EntryId {
        match super::id::salt() {
            Some(salt) => self.fresh_entry_id(salt),
            None => EntryId(u64::from(self.next_entry_id.max(1))),
        }
    }

    /// A person id no record of this book uses (nor any merged-away id),
    /// drawn from the counter and `salt` alone: the same book and salt give
    /// the same id, so a merge that must re-number a record stays
    /// deterministic.
    pub fn fresh_person_id(&self, salt: u64) -> PersonId {
        self.draw_person(salt, u64::from(self.next_person_id), &[])
    }

    /// The ids `n` people added now, one after another, get (a capture that
    /// names several newcomers).
    pub fn next_person_ids(&self, n: usize) -> Vec<PersonId> {
        let mut ids = Vec::with_capacity(n);
        for k in 0..n as u64 {
            let counter = u64::from(self.next_person_id.max(1)) + k;
            ids.push(match super::id::salt() {
                Some(salt) => self.draw_person(salt, counter, &ids),
                None => PersonId(counter),
            });
        }
        ids
    }

    fn draw_person(&self, salt: u64, counter: u64, taken: &[PersonId]) -> PersonId {
        (0..)
            .map(|attempt| PersonId(super::id::draw(salt, counter, attempt)))
            .find(|id| {
                self.person_index(*id).is_none()
                    && !self.merged.contains_key(id)
                    && !taken.contains(id)
            })
            .expect("a book holds fewer ids than there are codes")
    }

    /// An entry id no entry of this book uses (see [`Book::fresh_person_id`]).
    pub fn fresh_entry_id(&self, salt: u64) -> EntryId {
        let counter = u64::from(self.next_entry_id);
        (0..)
            .map(|attempt| EntryId(super::id::draw(!salt, counter, attempt)))
            .find(|id| self.entry_index(*id).is_none())
            .expect("a book holds fewer ids than there are codes")
    }

    /// Moves the person counter on past `id`, once it is in the book: past
    /// an old file's number, or one step for a drawn code.
    pub(crate) fn count_person(&mut self, id: PersonId) {
        self.next_person_id = next_count(self.next_person_id, id.0);
    }

    pub(crate) fn count_entry(&mut self, id: EntryId) {
        self.next_entry_id = next_count(self.next_entry_id, id.0);
    }

    /// Moves every date by `today - anchor` and re-anchors at `today`: how the
    /// bundled demo always looks recent. Birthdays are not moved: they are
    /// anniversaries, not events. All or nothing: a shift that would take a
    /// date out of the calendar changes nothing and is an error.
    pub fn shift_to(&mut self, today: NaiveDate) -> Result<(), ShiftError> {
        let Some(anchor) = self.anchor else {
            return Ok(());
        };
        self.can_shift_to(today)?;
        let delta = today.signed_duration_since(anchor);
        if !delta.is_zero() {
            self.for_each_date(|d| *d = d.checked_add_signed(delta).expect("checked above"));
        }
        self.anchor = Some(today);
        Ok(())
    }

    /// Whether [`Book::shift_to`] would succeed: every date stays in the calendar.
    pub fn can_shift_to(&self, today: NaiveDate) -> Result<(), ShiftError> {
        let Some(anchor) = self.anchor else {
            return Ok(());
        };
        let delta = today.signed_duration_since(anchor);
        if self.dates().any(|d| d.checked_add_signed(delta).is_none()) {
            return Err(ShiftError { anchor, today });
        }
        Ok(())
    }

    /// Makes a book that still carries the demo's anchor an ordinary one: its
    /// dates are shifted to `today` once and the anchor is dropped, so they
    /// never move again. Returns whether there was an anchor.
    pub fn settle_anchor(&mut self, today: NaiveDate) -> Result<bool, ShiftError> {
        if self.anchor.is_none() {
            return Ok(false);
        }
        self.shift_to(today)?;
        self.anchor = None;
        Ok(true)
    }

    /// Raises the id counters to at least these (ids seen elsewhere: in
    /// backups, or by this process before the file was rolled back).
    pub fn raise_id_counters(&mut self, next_person: u32, next_entry: u32) {
        self.next_person_id = self.next_person_id.max(next_person);
        self.next_entry_id = self.next_entry_id.max(next_entry);
    }

    /// Every event date (not birthdays), in no particular order.
    fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let people = self
            .people
            .iter()
            .flat_map(|p| [p.met.date, p.snoozed_until].into_iter().flatten());
        let entries = self
            .entries
            .iter()
            .flat_map(|e| [Some(e.date), e.follow_up, e.done_on].into_iter().flatten());
        people
            .chain(entries)
            .chain(self.review.as_ref().map(|r| r.date))
    }

    fn for_each_date(&mut self, mut f: impl FnMut(&mut NaiveDate)) {
        for p in &mut self.people {
            p.met.date.as_mut().map(&mut f);
            p.snoozed_until.as_mut().map(&mut f);
        }
        for e in &mut self.entries {
            f(&mut e.date);
            e.follow_up.as_mut().map(&mut f);
            e.done_on.as_mut().map(&mut f);
        }
        if let Some(review) = &mut self.review {
            f(&mut review.date);
        }
    }
}

fn next_count(counter: u32, id: u64) -> u32 {
    if super::id::is_code(id) {
        counter.saturating_add(1)
    } else {
        counter.max((id as u32).saturating_add(1))
    }
}

/// A demo anchor so far from today that shifting would leave the calendar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("anchor {anchor}: moving the book's dates to {today} would take them out of the calendar")]
pub struct ShiftError {
    pub anchor: NaiveDate,
    pub today: NaiveDate,
}

/// Where `id` ends up through `merged` (merged-away id → the person it was
/// merged into). A chain without a circle has at most one step per merge;
/// the bound stops a circle a hand-edited file might hold.
pub fn survivor(merged: &BTreeMap<PersonId, PersonId>, mut id: PersonId) -> PersonId {
    for _ in 0..=merged.len() {
        match merged.get(&id) {
            Some(next) => id = *next,
            None => break,
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_id_lives_on_through_every_merge_and_a_circle_ends() {
        let p = PersonId;
        // A chain longer than any fixed bound: p1 → p2 → … → p40.
        let chain: BTreeMap<PersonId, PersonId> = (1..40).map(|n| (p(n), p(n + 1))).collect();
        assert_eq!(survivor(&chain, p(1)), p(40));
        assert_eq!(survivor(&chain, p(40)), p(40), "not merged: itself");
        // A hand-edited circle stops instead of spinning.
        let circle: BTreeMap<PersonId, PersonId> = [(p(1), p(2)), (p(2), p(1))].into();
        let end = survivor(&circle, p(1));
        assert!(end == p(1) || end == p(2));
    }
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
        book.shift_to(d("2026-01-20")).unwrap();
        assert_eq!(book.people[0].met.date, Some(d("2026-01-11")));
        assert_eq!(book.people[0].birthday.unwrap().to_string(), "03-04");
        assert_eq!(book.entries[0].date, d("2026-01-15"));
        assert_eq!(book.entries[0].follow_up, Some(d("2026-01-22")));
        assert_eq!(book.anchor, Some(d("2026-01-20")));
    }

    #[test]
    fn an_anchor_too_far_away_is_an_error_and_changes_nothing() {
        let mut book = Book {
            anchor: Some(d("-262000-01-01")),
            ..Book::default()
        };
        book.entries.push(Entry::new(
            d("2026-01-05"),
            vec![],
            Kind::new("coffee"),
            "x",
        ));
        let before = book.clone();
        assert!(book.shift_to(d("2026-01-20")).is_err());
        assert!(book.settle_anchor(d("2026-01-20")).is_err());
        assert_eq!(book, before);
    }

    #[test]
    fn settling_the_anchor_shifts_once_and_drops_it() {
        let mut book = Book {
            anchor: Some(d("2026-01-10")),
            ..Book::default()
        };
        book.entries.push(Entry::new(
            d("2026-01-05"),
            vec![],
            Kind::new("coffee"),
            "x",
        ));
        assert_eq!(book.settle_anchor(d("2026-01-20")), Ok(true));
        assert_eq!(book.anchor, None);
        assert_eq!(book.entries[0].date, d("2026-01-15"));
        assert_eq!(book.settle_anchor(d("2026-02-20")), Ok(false));
        assert_eq!(book.entries[0].date, d("2026-01-15"));
    }

    #[test]
    fn the_largest_id_does_not_wrap_the_counter() {
        let mut book = Book::default();
        book.people
            .push(Person::new(PersonId(u64::from(u32::MAX)), "Max"));
        book.normalize();
        assert_eq!(book.next_person_id, u32::MAX);
    }
}
