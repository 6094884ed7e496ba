//! Progress kept in the book, the operations review actions become, the
//! session that walks the queue, and the summary.

use super::tests_queue::{B, TODAY, d, texts};
use super::*;
use crate::model::{Book, Direction, Entry, EntryId, Kind, Kinds, Op, PersonId};

fn ids(session: &ReviewSession) -> Vec<u64> {
    session.remaining().map(|i| i.person.0).collect()
}

/// Builds an operation from the book and applies it, as `Store::update` does.
fn apply(b: &mut B, make: impl FnOnce(&Book) -> Op) -> Op {
    make(&b.book).apply(&mut b.book).unwrap()
}

/// Ana: open promise; Bo: follow-up due; Cy: coffee idle (72 days past the
/// threshold); Di: birthday in a week (weighs 25), so the queue is in id order.
fn four() -> B {
    let mut b = B::new(&["Ana", "Bo", "Cy", "Di"]);
    b.log("2026-11-20", &[1], "promise", "intro to Dana");
    b.log("2026-11-10", &[1], "help", "cv").follow_up = Some(d("2026-11-25"));
    b.log("2026-11-10", &[1], "help", "later").follow_up = Some(d("2026-12-25"));
    b.log("2026-11-01", &[2], "favor", "deck").follow_up = Some(d("2026-11-24"));
    b.log("2026-09-01", &[3], "coffee", "met");
    b.person(4).birthday = "12-03".parse().ok();
    b
}

#[test]
fn snooze_choices_end_on_the_right_day() {
    let today = d(TODAY);
    assert_eq!(
        snooze_until(SnoozeChoice::Day, today),
        Some(d("2026-11-27"))
    );
    assert_eq!(
        snooze_until(SnoozeChoice::Week, today),
        Some(d("2026-12-03"))
    );
    assert_eq!(
        snooze_until(SnoozeChoice::Month, today),
        Some(d("2026-12-26"))
    );
    assert_eq!(
        snooze_until(SnoozeChoice::Month, d("2027-01-31")),
        Some(d("2027-02-28"))
    );
    let until = SnoozeChoice::Until(d("2027-03-01"));
    assert_eq!(snooze_until(until, today), Some(d("2027-03-01")));
    assert_eq!(snooze_until(SnoozeChoice::Until(today), today), None);
}

#[test]
fn done_closes_the_promise_and_due_follow_ups_but_not_later_ones() {
    let mut b = four();
    let before = b.book.clone();
    assert_eq!(
        closing_entries(&b.book, PersonId(1), d(TODAY)),
        vec![EntryId(1), EntryId(2)]
    );
    let undo = apply(&mut b, |book| done(book, PersonId(1), d(TODAY)));
    assert_eq!(b.book.entries[0].done_on, Some(d(TODAY)));
    assert!(b.book.entries[1].done);
    assert!(
        !b.book.entries[2].done,
        "a follow-up not yet due stays open"
    );
    assert_eq!(
        ReviewProgress::of(&b.book, d(TODAY)).outcome(PersonId(1)),
        Some(Handled::Done)
    );
    assert_eq!(b.texts()[0].0, 2, "Ana has nothing left due");
    apply(&mut b, |_| undo);
    assert_eq!(b.book, before, "one undo restores entries and progress");
}

#[test]
fn snoozing_hides_a_person_until_the_chosen_day() {
    let mut b = four();
    let until = snooze_until(SnoozeChoice::Week, d(TODAY)).unwrap();
    apply(&mut b, |book| {
        snooze(book, PersonId(2), until, d(TODAY)).unwrap()
    });
    assert_eq!(b.book.people[1].snoozed_until, Some(until));
    let queued = |b: &B, day: &str| texts(&b.queue_on(day)).iter().any(|(id, _)| *id == 2);
    assert!(!queued(&b, TODAY));
    assert!(!queued(&b, "2026-12-02"));
    assert!(queued(&b, "2026-12-03"));
    assert!(snooze(&b.book, PersonId(9), until, d(TODAY)).is_err());
}

#[test]
fn a_session_walks_the_queue_and_its_count_holds_as_people_leave_it() {
    let mut b = four();
    let index = b.index();
    let mut s = ReviewSession::new(&b.book, &index, &b.rules, d(TODAY));
    assert_eq!(ids(&s), vec![1, 2, 3, 4]);
    assert_eq!(s.progress(), (1, 4));
    apply(&mut b, |book| done(book, PersonId(1), d(TODAY)));
    s.refresh(&b.book, &b.index(), &b.rules);
    assert_eq!(s.current().unwrap().person, PersonId(2));
    assert_eq!(s.progress(), (2, 4));
    apply(&mut b, |book| skip(book, PersonId(2), d(TODAY)));
    s.sync(&b.book);
    assert_eq!(s.progress(), (3, 4));

    // Leaving and coming back the same day resumes at Cy, with the same count,
    // even though Ana is no longer in the queue at all.
    let index = b.index();
    let resumed = ReviewSession::new(&b.book, &index, &b.rules, d(TODAY));
    assert_eq!(ids(&resumed), vec![3, 4]);
    assert_eq!(resumed.progress(), (3, 4));
    let step = resumed.step(&b.book, &index).unwrap();
    assert_eq!(step.person.name, "Cy");
    assert_eq!((step.position, step.total), (3, 4));

    // The next day starts afresh.
    let tomorrow = ReviewSession::new(&b.book, &index, &b.rules, d("2026-11-27"));
    assert!(tomorrow.handled().is_empty());
    assert_eq!(ids(&tomorrow)[0], 2, "Bo was only skipped");

    for p in [3, 4] {
        apply(&mut b, |book| skip(book, PersonId(p), d(TODAY)));
    }
    s.sync(&b.book);
    assert!(s.is_finished());
    assert!(s.step(&b.book, &index).is_none());
    assert_eq!(s.progress(), (4, 4));
}

#[test]
fn a_step_shows_the_latest_five_entries_newest_first() {
    let mut b = B::new(&["Ana"]);
    for day in 1..=7 {
        b.log(
            &format!("2026-11-0{day}"),
            &[1],
            "promise",
            &format!("p{day}"),
        );
    }
    let index = b.index();
    let s = ReviewSession::new(&b.book, &index, &b.rules, d(TODAY));
    let step = s.step(&b.book, &index).unwrap();
    let recent: Vec<&str> = step.recent.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(recent, vec!["p7", "p6", "p5", "p4", "p3"]);
    assert_eq!(step.item.reasons.len(), 7);
    assert_eq!(step.facts.open_promises, 7);
}

#[test]
fn a_person_deleted_mid_review_is_passed_over() {
    let mut b = four();
    let index = b.index();
    let s = ReviewSession::new(&b.book, &index, &b.rules, d(TODAY));
    b.book.people.remove(0);
    assert_eq!(s.step(&b.book, &index).unwrap().person.name, "Bo");
}

#[test]
fn recording_twice_keeps_the_last_outcome_and_yesterdays_progress_is_stale() {
    let mut b = four();
    apply(&mut b, |book| skip(book, PersonId(3), d("2026-11-25")));
    apply(&mut b, |book| skip(book, PersonId(1), d(TODAY)));
    let p = ReviewProgress::of(&b.book, d(TODAY));
    assert_eq!(p.handled, vec![(PersonId(1), Handled::Skipped)]);
    let capture = Op::AddEntry(Entry::new(
        d(TODAY),
        vec![PersonId(1)],
        Kind::new("favor"),
        "sent the deck",
    ));
    apply(&mut b, |book| logged(book, PersonId(1), capture, d(TODAY)));
    let p = ReviewProgress::of(&b.book, d(TODAY));
    assert_eq!(p.handled, vec![(PersonId(1), Handled::Logged)]);
    assert_eq!(b.book.entries.last().unwrap().summary, "sent the deck");
}

#[test]
fn summary_counts_outcomes_and_the_deeds_you_did_today() {
    let mut b = four();
    let today = d(TODAY);
    let kinds = Kinds::default();
    b.log(TODAY, &[3], "favor", "given today");
    b.log(TODAY, &[3], "collab", "mutual today").direction = Direction::Mutual;
    b.log(TODAY, &[3], "intro", "received today").direction = Direction::Received;
    b.log(TODAY, &[3], "coffee", "a touch");
    b.log(TODAY, &[3], "promise", "still open");
    b.log("2026-11-25", &[3], "favor", "yesterday");
    let kept = b.log("2026-11-02", &[3], "promise", "kept earlier");
    kept.done = true;
    kept.done_on = Some(d("2026-11-03"));
    assert_eq!(Summary::of(&b.book, &kinds, today).deeds_today, 2);

    apply(&mut b, |book| done(book, PersonId(1), today)); // keeps "intro to Dana"
    apply(&mut b, |book| done(book, PersonId(2), today)); // a follow-up: not a deed
    let until = snooze_until(SnoozeChoice::Day, today).unwrap();
    apply(&mut b, |book| {
        snooze(book, PersonId(3), until, today).unwrap()
    });
    apply(&mut b, |book| skip(book, PersonId(4), today));
    assert_eq!(
        Summary::of(&b.book, &kinds, today),
        Summary {
            logged: 0,
            done: 2,
            snoozed: 1,
            skipped: 1,
            deeds_today: 3,
            touches_today: 1,
            promises_kept: 1,
            people_reached: 2,
            week_given: 4,
            week_received: 2,
        }
    );
    assert_eq!(
        Summary::of(&b.book, &kinds, today).week_line(),
        "this week: 4 deeds given, 2 received"
    );
    assert_eq!(
        Summary::of(&b.book, &kinds, d("2026-11-27")),
        Summary {
            week_given: 4,
            week_received: 2,
            ..Summary::default()
        },
        "tomorrow nothing is done yet, and the week still holds today's deeds"
    );
}

#[test]
fn progress_survives_a_save_and_an_empty_one_is_not_written() {
    let mut b = four();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    crate::store::write_book(&path, &b.book).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("review"), "{text}");
    apply(&mut b, |book| skip(book, PersonId(2), d(TODAY)));
    crate::store::write_book(&path, &b.book).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let back = crate::store::parse_book(&path, &bytes).unwrap();
    assert_eq!(back.review, b.book.review);
    assert!(back.review.is_some());
}

#[test]
fn three_snoozes_in_a_row_make_a_streak_that_a_contact_ends() {
    use super::{SNOOZES_BEFORE_LENGTHENING, cadence_streak, lengthened};
    let mut b = four();
    let mut day = d(TODAY);
    for n in 1..=SNOOZES_BEFORE_LENGTHENING {
        let until = snooze_until(SnoozeChoice::Day, day).unwrap();
        apply(&mut b, |book| {
            snooze(book, PersonId(3), until, day).unwrap()
        });
        assert_eq!(cadence_streak(&b.book, PersonId(3), day), n);
        day = until;
    }
    // The streak is kept across days, in the file.
    let text = crate::store::serialize_book(&b.book);
    let back = crate::store::parse_book(std::path::Path::new("k"), text.as_bytes()).unwrap();
    assert_eq!(cadence_streak(&back, PersonId(3), day), 3);
    // Any entry naming them since the streak began ends it.
    b.log(&day.to_string(), &[3], "call", "caught up");
    assert!(day > d(TODAY));
    assert_eq!(cadence_streak(&b.book, PersonId(3), day), 0);
    let until = snooze_until(SnoozeChoice::Day, day).unwrap();
    apply(&mut b, |book| {
        snooze(book, PersonId(3), until, day).unwrap()
    });
    assert_eq!(cadence_streak(&b.book, PersonId(3), day), 1, "a new streak");
    assert_eq!([14, 30, 90].map(lengthened), [21, 45, 135]);
}
