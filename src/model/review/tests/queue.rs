//! The queue's rules and order.

use chrono::NaiveDate;

use super::{Reason, ReviewItem, ReviewRules, queue};
use crate::model::{Book, Direction, Entry, Index, Kind, Op, Person, PersonId};

pub(super) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(super) const TODAY: &str = "2026-11-26";

/// A book under construction, with the rules the queue applies.
pub(super) struct B {
    pub book: Book,
    pub rules: ReviewRules,
}

impl B {
    pub fn new(names: &[&str]) -> B {
        let mut book = Book::default();
        for n in names {
            Op::AddPerson(Person::new(PersonId(0), *n))
                .apply(&mut book)
                .unwrap();
        }
        B {
            book,
            rules: ReviewRules::default(),
        }
    }

    pub fn person(&mut self, id: u32) -> &mut Person {
        self.book.person_mut(PersonId(id.into())).unwrap()
    }

    pub fn log(&mut self, date: &str, people: &[u32], kind: &str, summary: &str) -> &mut Entry {
        let e = Entry::new(
            d(date),
            people.iter().map(|p| PersonId(u64::from(*p))).collect(),
            Kind::new(kind),
            summary,
        );
        Op::AddEntry(e).apply(&mut self.book).unwrap();
        self.book.entries.last_mut().unwrap()
    }

    pub fn index(&self) -> Index {
        Index::build(&self.book, &self.rules.kinds)
    }

    pub fn queue_on(&self, today: &str) -> Vec<ReviewItem> {
        queue(&self.book, &self.index(), &self.rules, d(today))
    }

    pub fn queue(&self) -> Vec<ReviewItem> {
        self.queue_on(TODAY)
    }

    /// `(id, reason texts)` of the queue, for compact assertions.
    pub fn texts(&self) -> Vec<(u64, Vec<String>)> {
        texts(&self.queue())
    }
}

pub(super) fn texts(items: &[ReviewItem]) -> Vec<(u64, Vec<String>)> {
    items
        .iter()
        .map(|i| {
            (
                i.person.0,
                i.reasons.iter().map(|r| r.to_string()).collect(),
            )
        })
        .collect()
}

fn ids(items: &[ReviewItem]) -> Vec<u64> {
    items.iter().map(|i| i.person.0).collect()
}

#[test]
fn an_empty_book_has_an_empty_queue() {
    assert!(B::new(&["Ana"]).queue().is_empty());
}

#[test]
fn open_promises_are_listed_oldest_first_and_kept_ones_are_not() {
    let mut b = B::new(&["Ana"]);
    b.log("2026-11-21", &[1], "promise", "intro to Dana");
    b.log("2026-11-10", &[1], "promise", "send the deck");
    b.log("2026-11-01", &[1], "promise", "kept one").done = true;
    b.log("2026-11-25", &[1], "promise", "Promised to call Ed")
        .direction = Direction::Received;
    assert_eq!(
        b.texts(),
        vec![(
            1,
            vec![
                "you promised: send the deck · 16 days ago".to_string(),
                "you promised: intro to Dana · 5 days ago".to_string(),
                "they promised to call Ed · yesterday".to_string(),
            ]
        )]
    );
    let Reason::OpenPromise { entry, .. } = &b.queue()[0].reasons[0] else {
        panic!("a promise first");
    };
    assert_eq!(entry.0, 2);
}

#[test]
fn follow_ups_enter_when_due_or_overdue_and_leave_when_done() {
    let mut b = B::new(&["Ana", "Bo", "Cy", "Di"]);
    b.log("2026-11-01", &[1], "help", "pitch").follow_up = Some(d("2026-11-24"));
    b.log("2026-11-01", &[2], "help", "jobs").follow_up = Some(d(TODAY));
    b.log("2026-11-01", &[3], "help", "later").follow_up = Some(d("2026-11-27"));
    let e = b.log("2026-11-01", &[4], "help", "handled");
    e.follow_up = Some(d("2026-11-20"));
    e.done = true;
    assert_eq!(
        b.texts(),
        vec![
            (1, vec!["follow-up due: pitch · 2 days overdue".to_string()]),
            (2, vec!["follow-up due: jobs · due today".to_string()]),
        ]
    );
}

#[test]
fn a_promise_with_a_follow_up_date_is_listed_once_as_a_promise() {
    let mut b = B::new(&["Ana"]);
    b.log("2026-11-01", &[1], "promise", "intro").follow_up = Some(d("2026-11-20"));
    let q = b.queue();
    assert_eq!(q[0].reasons.len(), 1);
    assert!(matches!(q[0].reasons[0], Reason::OpenPromise { .. }));
}

#[test]
fn cadence_is_the_persons_own_else_a_tags_else_the_default() {
    let mut b = B::new(&["Own", "Tagged", "Default", "Recent"]);
    for p in 1..=4 {
        b.log("2026-10-10", &[p], "favor", "x"); // 47 days ago
    }
    b.log("2026-11-20", &[4], "favor", "x");
    b.person(1).cadence = Some(30);
    b.person(2).tags.push("Family".into());
    b.rules.cadences.by_tag.insert("family".into(), 14);
    assert_eq!(ids(&b.queue()), vec![2, 1], "no default: Default never due");
    b.rules.cadences.default = Some(45);
    assert_eq!(
        b.texts(),
        vec![
            (
                2,
                vec!["every 14 days · last contact 47 days ago".to_string()]
            ),
            (
                1,
                vec!["every 30 days · last contact 47 days ago".to_string()]
            ),
            (
                3,
                vec!["every 45 days · last contact 47 days ago".to_string()]
            ),
        ],
        "most past their cadence first; Recent (6 days) not due"
    );
}

#[test]
fn without_any_cadence_nobody_enters_for_going_quiet() {
    let mut b = B::new(&["Ana"]);
    b.log("2020-01-01", &[1], "favor", "long ago");
    assert!(b.queue().is_empty());
}

#[test]
fn never_contacted_people_with_a_cadence_come_after_lapsed_ones() {
    let mut b = B::new(&["Never", "Lapsed"]);
    b.rules.cadences.default = Some(30);
    b.log("2026-10-20", &[2], "favor", "x");
    assert_eq!(
        b.texts(),
        vec![
            (
                2,
                vec!["every 30 days · last contact 37 days ago".to_string()]
            ),
            (1, vec!["every 30 days · no contact yet".to_string()]),
        ]
    );
}

#[test]
fn coffee_only_enters_once_met_and_quiet_long_enough() {
    let mut b = B::new(&["Idle", "Fresh", "Recent", "Deed", "Met"]);
    b.log("2026-09-27", &[1], "coffee", "x"); // 60 days ago
    b.log("2026-11-20", &[2], "coffee", "x"); // met 6 days ago
    b.log("2026-09-27", &[3], "coffee", "x");
    b.log("2026-11-23", &[3], "message", "x"); // met long ago, but not quiet yet
    b.log("2026-09-27", &[4], "coffee", "x");
    b.log("2026-09-28", &[4], "favor", "x"); // a deed: not coffee-only
    b.log("2026-11-06", &[5], "coffee", "x"); // quiet 20 days…
    b.person(5).met.date = Some(d("2026-08-28")); // …met 90 days ago
    assert_eq!(
        b.texts(),
        vec![
            (
                5,
                vec!["only coffee, met 90 days ago · quiet for 20 days".to_string()]
            ),
            (1, vec!["only coffee, met 60 days ago".to_string()]),
        ]
    );
    b.rules.coffee_days = 70;
    assert_eq!(
        ids(&b.queue()),
        Vec::<u64>::new(),
        "Met is quiet only 20 days"
    );
}

#[test]
fn coffee_only_threshold_is_inclusive() {
    let mut b = B::new(&["Ana"]);
    b.log("2026-11-12", &[1], "coffee", "x"); // exactly 14 days
    assert_eq!(ids(&b.queue()), vec![1]);
    assert_eq!(ids(&b.queue_on("2026-11-25")), Vec::<u64>::new());
}

#[test]
fn birthdays_within_a_week_wrap_the_year() {
    let mut b = B::new(&["Ana", "Bo", "Cy", "Di"]);
    b.person(1).birthday = "01-02".parse().ok();
    b.person(2).birthday = "1990-12-28".parse().ok();
    b.person(3).birthday = "01-05".parse().ok(); // 8 days after 28 Dec
    b.person(4).birthday = "12-27".parse().ok(); // yesterday: a year away
    assert_eq!(
        texts(&b.queue_on("2026-12-28")),
        vec![
            (
                2,
                vec!["birthday today (Mon 28 Dec) · turns 36".to_string()]
            ),
            (1, vec!["birthday in 5 days (Sat 2 Jan)".to_string()]),
        ]
    );
    let Reason::Birthday { date, .. } = &b.queue_on("2026-12-28")[1].reasons[0] else {
        panic!()
    };
    assert_eq!(*date, d("2027-01-02"));
    assert_eq!(
        texts(&b.queue_on("2026-12-24"))[0].1,
        vec!["birthday in 3 days (Sun 27 Dec)".to_string()]
    );
}

#[test]
fn snoozed_people_return_on_the_day_their_snooze_ends() {
    let mut b = B::new(&["Ana", "Bo"]);
    b.log("2026-11-01", &[1, 2], "promise", "intro");
    b.person(1).snoozed_until = Some(d("2026-11-27"));
    b.person(2).snoozed_until = Some(d(TODAY));
    assert_eq!(ids(&b.queue()), vec![2], "a snooze ending today has ended");
    assert_eq!(ids(&b.queue_on("2026-11-27")), vec![1, 2]);
}

#[test]
fn archived_people_never_appear() {
    let mut b = B::new(&["Ana", "Bo"]);
    b.log("2026-11-01", &[1, 2], "promise", "intro");
    b.person(1).archived = true;
    b.person(1).birthday = "11-26".parse().ok();
    assert_eq!(ids(&b.queue()), vec![2]);
}

#[test]
fn commitments_first_then_by_how_much_a_deed_matters_now_then_id() {
    let mut b = B::new(&[
        "Bday", "Cadence", "Promise", "Follow", "Coffee", "Tie", "Both",
    ]);
    b.rules.cadences.default = Some(30);
    b.person(1).birthday = "11-27".parse().ok();
    b.log("2026-11-25", &[1], "favor", "x");
    b.log("2026-09-01", &[2], "favor", "x");
    b.log("2026-11-21", &[3], "promise", "intro");
    b.log("2026-11-20", &[4], "favor", "x").follow_up = Some(d("2026-11-25"));
    b.log("2026-10-01", &[5], "coffee", "x");
    b.log("2026-11-21", &[6], "promise", "deck"); // same age as Promise: id decides
    // Several reasons: a fresh promise outranks any cadence; listed in priority order.
    b.log("2026-08-01", &[7], "favor", "x");
    b.log("2026-11-26", &[7], "promise", "call back");
    b.person(7).birthday = "12-01".parse().ok();
    b.person(7).cadence = Some(200);
    b.log("2026-07-01", &[7], "call", "x").follow_up = Some(d("2026-11-01"));
    let q = b.queue();
    // Promises and follow-ups first; then Bday (tomorrow: weighs 175) before
    // Cadence (56 days past it) before Coffee (met 56 days ago: 42 past 14).
    assert_eq!(ids(&q), vec![3, 6, 7, 4, 1, 2, 5]);
    assert_eq!(
        texts(&q)[2].1,
        vec![
            "you promised: call back · today".to_string(),
            "follow-up due: x · 25 days overdue".to_string(),
            "birthday in 5 days (Tue 1 Dec)".to_string(),
        ],
        "Both: promise, follow-up, birthday (cadence 200 not passed)"
    );
    // Coffee (last contact 56 days ago, default 30) is also past its cadence.
    assert_eq!(
        texts(&q)[6].1,
        vec![
            "every 30 days · last contact 56 days ago".to_string(),
            "only coffee, met 56 days ago".to_string(),
        ]
    );
    assert_eq!(q, b.queue(), "deterministic");
}

#[test]
fn a_deed_received_and_never_returned_is_a_reason_to_reciprocate() {
    let mut b = B::new(&["Ngozi", "Returned", "Recent", "Mutual"]);
    for (who, date) in [
        (1, "2026-10-17"),
        (2, "2026-10-01"),
        (3, "2026-11-10"),
        (4, "2026-10-01"),
    ] {
        b.log(date, &[who], "referral", "a contract").direction = Direction::Received;
    }
    b.log("2026-10-20", &[2], "favor", "intro back");
    b.log("2026-10-05", &[4], "collab", "worked on it")
        .direction = Direction::Mutual;
    // Touches are not deeds: a call does not return a favor.
    b.log("2026-11-01", &[1], "call", "thanks");
    let q = b.texts();
    assert_eq!(
        q,
        vec![(
            1,
            vec!["referred you: a contract · 40 days ago; nothing back since".to_string()]
        )],
        "Returned gave back, Recent is within 21 days, Mutual worked together since"
    );
    b.rules.reciprocate_days = 50;
    assert!(b.texts().is_empty(), "the threshold is the config's");
}
