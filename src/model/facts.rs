//! Derived facts: computed from the book, never stored. [`Index::build`] makes
//! one pass over the entries; views read the index instead of rescanning.

use chrono::NaiveDate;
use std::collections::HashMap;

use super::{Book, Entry, Kinds, Person, PersonId, Weight};

/// What the entries say about one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonFacts {
    /// Entries naming them, newest first (indices into `book.entries`).
    pub entries: Vec<usize>,
    pub touches: u32,
    pub deeds_given: u32,
    pub deeds_received: u32,
    pub first_contact: Option<NaiveDate>,
    /// The newest entry naming them, an open or released promise aside.
    pub last_contact: Option<NaiveDate>,
    pub last_touch: Option<NaiveDate>,
    pub last_deed: Option<NaiveDate>,
    pub open_promises: u32,
    pub oldest_open_promise: Option<NaiveDate>,
    /// The earliest follow-up not yet done.
    pub next_follow_up: Option<NaiveDate>,
    /// Open follow-up dates, earliest first.
    pub follow_ups: Vec<NaiveDate>,
    /// Entries still open: promises not kept and follow-ups not done, newest
    /// first (indices into `book.entries`), so the review need not rescan.
    pub open: Vec<usize>,
}

impl PersonFacts {
    pub fn deeds(&self) -> u32 {
        self.deeds_given + self.deeds_received
    }

    /// At least one touch, and no deed in either direction. An open promise is
    /// not yet a deed.
    pub fn coffee_only(&self) -> bool {
        // A touch at least (a promise released is neither), and no deed: an
        // open promise is not a deed yet.
        self.touches > 0 && self.deeds() == 0
    }

    pub fn days_since_contact(&self, today: NaiveDate) -> Option<i64> {
        self.last_contact.map(|d| (today - d).num_days())
    }

    /// Follow-ups due today or overdue.
    pub fn follow_ups_due(&self, today: NaiveDate) -> usize {
        self.follow_ups.iter().take_while(|d| **d <= today).count()
    }

    /// The cadence has passed: `cadence` days or more since the last contact, or
    /// never contacted at all.
    pub fn cadence_due(&self, cadence: Option<u32>, today: NaiveDate) -> bool {
        match (cadence, self.days_since_contact(today)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(c), Some(days)) => days >= i64::from(c),
        }
    }

    /// Needs attention: an open promise, a follow-up due, or the cadence passed.
    pub fn is_due(&self, cadence: Option<u32>, today: NaiveDate) -> bool {
        self.open_promises > 0 || self.follow_ups_due(today) > 0 || self.cadence_due(cadence, today)
    }
}

/// The derived facts of every person, built in one pass.
#[derive(Debug, Clone, Default)]
pub struct Index {
    facts: HashMap<PersonId, PersonFacts>,
    empty: PersonFacts,
}

impl Index {
    pub fn build(book: &Book, kinds: &Kinds) -> Index {
        Index::build_for(book, kinds, book.people.iter().map(|p| p.id))
    }

    /// The facts of `people` only, the same as [`Index::build`]'s of them:
    /// for a use that reads a few people's (one search ranks a few ties).
    pub fn build_for(book: &Book, kinds: &Kinds, people: impl Iterator<Item = PersonId>) -> Index {
        let mut facts: HashMap<PersonId, PersonFacts> =
            people.map(|id| (id, PersonFacts::default())).collect();
        // Newest first, so each person's entry list comes out in that order.
        let mut order: Vec<usize> = (0..book.entries.len()).collect();
        order.sort_by(|a, b| {
            let (ea, eb) = (&book.entries[*a], &book.entries[*b]);
            eb.date.cmp(&ea.date).then(eb.id.cmp(&ea.id))
        });
        for i in order {
            let entry = &book.entries[i];
            let weight = kinds.weight(&entry.kind);
            for (n, pid) in entry.people.iter().enumerate() {
                let pid = book.survivor(*pid);
                // An entry that names someone twice (after a merge) counts once.
                if entry.people[..n].iter().any(|p| book.survivor(*p) == pid) {
                    continue;
                }
                if let Some(f) = facts.get_mut(&pid) {
                    record(f, i, entry, weight);
                }
            }
        }
        for f in facts.values_mut() {
            f.follow_ups.sort_unstable();
            f.next_follow_up = f.follow_ups.first().copied();
        }
        Index {
            facts,
            empty: PersonFacts::default(),
        }
    }

    pub fn facts(&self, id: PersonId) -> &PersonFacts {
        self.facts.get(&id).unwrap_or(&self.empty)
    }
}

fn record(f: &mut PersonFacts, i: usize, entry: &Entry, weight: Weight) {
    let date = entry.date;
    f.entries.push(i);
    f.first_contact = Some(f.first_contact.map_or(date, |d| d.min(date)));
    if let Some(fu) = entry.open_follow_up() {
        f.follow_ups.push(fu);
    }
    if entry.is_open_promise() || entry.open_follow_up().is_some() {
        f.open.push(i);
    }
    if entry.is_open_promise() {
        f.open_promises += 1;
        f.oldest_open_promise = Some(f.oldest_open_promise.map_or(date, |d| d.min(date)));
        return;
    }
    if entry.is_released() {
        // Let go of, not kept: neither a deed nor a touch.
        return;
    }
    // An open or released promise is no contact: promising an intro from
    // the Intros tab does not mean you saw them.
    f.last_contact = Some(f.last_contact.map_or(date, |d| d.max(date)));
    match weight {
        Weight::Touch => {
            f.touches += 1;
            f.last_touch = Some(f.last_touch.map_or(date, |d| d.max(date)));
        }
        Weight::Deed => {
            use super::Direction::*;
            match entry.direction {
                Gave => f.deeds_given += 1,
                Received => f.deeds_received += 1,
                Mutual => {
                    f.deeds_given += 1;
                    f.deeds_received += 1;
                }
            }
            f.last_deed = Some(f.last_deed.map_or(date, |d| d.max(date)));
        }
    }
}

/// Queries over a book and its index that the views and the CLI share.
pub struct Facts<'a> {
    pub book: &'a Book,
    pub index: &'a Index,
}

impl<'a> Facts<'a> {
    pub fn new(book: &'a Book, index: &'a Index) -> Self {
        Facts { book, index }
    }

    /// Coffee-only people (archived left out), those met longest ago first.
    pub fn coffee_only(&self) -> Vec<&'a Person> {
        let mut people: Vec<&Person> = self
            .book
            .active_people()
            .filter(|p| self.index.facts(p.id).coffee_only())
            .collect();
        people.sort_by_key(|p| (self.met_on(p), p.id));
        people
    }

    /// When we met: the how-met date, else the first entry.
    pub fn met_on(&self, person: &Person) -> Option<NaiveDate> {
        person
            .met
            .date
            .or(self.index.facts(person.id).first_contact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Kind, Op};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const TODAY: &str = "2026-11-26";

    struct B(Book);

    impl B {
        fn new(names: &[&str]) -> B {
            let mut book = Book::default();
            for n in names {
                Op::AddPerson(Person::new(PersonId(0), *n))
                    .apply(&mut book)
                    .unwrap();
            }
            B(book)
        }
        fn log(&mut self, date: &str, people: &[u32], kind: &str, dir: Direction) -> &mut Entry {
            let mut e = Entry::new(
                d(date),
                people.iter().map(|p| PersonId(u64::from(*p))).collect(),
                Kind::new(kind),
                "x",
            );
            e.direction = dir;
            Op::AddEntry(e).apply(&mut self.0).unwrap();
            self.0.entries.last_mut().unwrap()
        }
        fn index(&self) -> Index {
            Index::build(&self.0, &Kinds::default())
        }
    }

    #[test]
    fn no_entries_is_not_coffee_only() {
        let b = B::new(&["Ana"]);
        assert!(!b.index().facts(PersonId(1)).coffee_only());
    }

    #[test]
    fn only_touches_is_coffee_only_and_any_deed_ends_it() {
        let mut b = B::new(&["Ana", "Bo"]);
        b.log("2026-10-01", &[1], "coffee", Direction::Gave);
        b.log("2026-10-02", &[1], "call", Direction::Mutual);
        b.log("2026-10-01", &[2], "coffee", Direction::Gave);
        b.log("2026-10-03", &[2], "favor", Direction::Received);
        let idx = b.index();
        assert!(idx.facts(PersonId(1)).coffee_only());
        assert!(
            !idx.facts(PersonId(2)).coffee_only(),
            "a received favor is a deed"
        );
        assert_eq!(idx.facts(PersonId(2)).deeds_received, 1);
        assert_eq!(idx.facts(PersonId(2)).deeds_given, 0);
    }

    #[test]
    fn an_open_promise_is_not_yet_a_deed_but_a_kept_one_is() {
        let mut b = B::new(&["Ana"]);
        b.log("2026-10-01", &[1], "coffee", Direction::Gave);
        b.log("2026-10-05", &[1], "promise", Direction::Gave);
        let f = b.index().facts(PersonId(1)).clone();
        assert_eq!((f.deeds_given, f.open_promises), (0, 1));
        assert_eq!(f.oldest_open_promise, Some(d("2026-10-05")));
        assert!(f.coffee_only());
        b.0.entries[1].done = true;
        let f = b.index().facts(PersonId(1)).clone();
        assert_eq!((f.deeds_given, f.open_promises), (1, 0));
        assert!(!f.coffee_only());
        assert_eq!(f.last_deed, Some(d("2026-10-05")));
    }

    #[test]
    fn an_intro_naming_three_counts_for_each() {
        let mut b = B::new(&["Ana", "Bo", "Cy"]);
        b.log("2026-10-01", &[1, 2, 3], "intro", Direction::Gave);
        let idx = b.index();
        for p in 1..=3 {
            assert_eq!(idx.facts(PersonId(p)).deeds_given, 1, "person {p}");
            assert_eq!(idx.facts(PersonId(p)).entries.len(), 1);
        }
    }

    #[test]
    fn mutual_deeds_count_both_ways() {
        let mut b = B::new(&["Ana"]);
        b.log("2026-10-01", &[1], "collab", Direction::Mutual);
        let f = b.index().facts(PersonId(1)).clone();
        assert_eq!((f.deeds_given, f.deeds_received), (1, 1));
    }

    #[test]
    fn last_touch_last_deed_and_days_since_contact() {
        let mut b = B::new(&["Ana"]);
        b.log("2026-09-01", &[1], "coffee", Direction::Gave);
        b.log("2026-10-01", &[1], "help", Direction::Gave);
        b.log("2026-09-15", &[1], "call", Direction::Gave);
        let f = b.index().facts(PersonId(1)).clone();
        assert_eq!(f.last_touch, Some(d("2026-09-15")));
        assert_eq!(f.last_deed, Some(d("2026-10-01")));
        assert_eq!(f.first_contact, Some(d("2026-09-01")));
        assert_eq!(f.days_since_contact(d(TODAY)), Some(56));
        assert_eq!(f.touches, 2);
        // newest first
        let dates: Vec<_> = f.entries.iter().map(|i| b.0.entries[*i].date).collect();
        assert_eq!(
            dates,
            vec![d("2026-10-01"), d("2026-09-15"), d("2026-09-01")]
        );
    }

    #[test]
    fn an_open_promise_is_no_contact_until_it_is_kept() {
        let mut b = B::new(&["Ana"]);
        b.log("2026-09-01", &[1], "coffee", Direction::Gave);
        b.log("2026-10-01", &[1], "promise", Direction::Gave);
        let f = b.index().facts(PersonId(1)).clone();
        assert_eq!(f.last_contact, Some(d("2026-09-01")), "promised, not seen");
        assert_eq!(f.open_promises, 1);
        b.0.entries.last_mut().unwrap().done = true;
        let f = b.index().facts(PersonId(1)).clone();
        assert_eq!(f.last_contact, Some(d("2026-10-01")), "kept: a deed");
    }

    #[test]
    fn cadence_due_only_with_a_cadence_and_counts_never_contacted() {
        let mut b = B::new(&["Ana", "Bo"]);
        b.log("2026-10-27", &[1], "coffee", Direction::Gave);
        let idx = b.index();
        let ana = idx.facts(PersonId(1));
        assert!(!ana.cadence_due(None, d(TODAY)));
        assert!(
            ana.cadence_due(Some(30), d(TODAY)),
            "30 days exactly is due"
        );
        assert!(!ana.cadence_due(Some(31), d(TODAY)));
        assert!(idx.facts(PersonId(2)).cadence_due(Some(30), d(TODAY)));
    }

    #[test]
    fn follow_ups_due_counts_only_open_ones_on_or_before_today() {
        let mut b = B::new(&["Ana"]);
        b.log("2026-10-01", &[1], "coffee", Direction::Gave)
            .follow_up = Some(d("2026-11-20"));
        b.log("2026-10-02", &[1], "favor", Direction::Gave)
            .follow_up = Some(d(TODAY));
        b.log("2026-10-03", &[1], "call", Direction::Gave).follow_up = Some(d("2026-12-01"));
        let e = b.log("2026-10-04", &[1], "call", Direction::Gave);
        e.follow_up = Some(d("2026-11-01"));
        e.done = true;
        let f = b.index().facts(PersonId(1)).clone();
        assert_eq!(f.follow_ups_due(d(TODAY)), 2);
        assert_eq!(f.next_follow_up, Some(d("2026-11-20")));
        assert!(f.is_due(None, d(TODAY)));
        assert!(!f.is_due(None, d("2026-11-19")));
    }

    #[test]
    fn archived_people_are_left_out_of_views() {
        let mut b = B::new(&["Ana", "Bo"]);
        b.log("2026-10-01", &[1], "coffee", Direction::Gave);
        b.log("2026-09-01", &[2], "coffee", Direction::Gave);
        let idx = b.index();
        let names: Vec<_> = Facts::new(&b.0, &idx)
            .coffee_only()
            .iter()
            .map(|p| p.name.clone())
            .collect();
        assert_eq!(names, vec!["Bo", "Ana"], "met longest ago first");
        b.0.people[1].archived = true;
        let idx = b.index();
        let names: Vec<_> = Facts::new(&b.0, &idx)
            .coffee_only()
            .iter()
            .map(|p| p.name.clone())
            .collect();
        assert_eq!(names, vec!["Ana"]);
    }

    #[test]
    fn config_kinds_change_what_counts_as_a_deed() {
        let mut b = B::new(&["Ana"]);
        b.log("2026-10-01", &[1], "mentoring", Direction::Gave);
        assert!(
            b.index().facts(PersonId(1)).coffee_only(),
            "unknown kinds weigh as touches"
        );
        let kinds = Kinds::with_extra(&[crate::model::KindDef {
            name: "mentoring".into(),
            weight: Weight::Deed,
        }]);
        assert_eq!(Index::build(&b.0, &kinds).facts(PersonId(1)).deeds_given, 1);
    }
}
