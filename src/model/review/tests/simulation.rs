//! A generated 2,000-person book reviewed every day for 60 days with a fixed
//! policy — resolve the first reason of each person shown, as one key would —
//! to check that a day never holds more than `review_size` people and that
//! nobody due waits forever behind others.

use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

use super::{Response, day, queue, respond};
use crate::model::{Direction, Entry, Index, Kind, Op, PersonId};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// What 60 days of reviews did.
#[derive(Debug)]
struct Run {
    due_at_start: usize,
    shown: usize,
    /// The longest anyone waited between first being due and being shown.
    longest: i64,
    /// Due at the end and never shown, and the longest of their waits.
    still_waiting: usize,
    still_longest: i64,
}

fn simulate(review_size: usize) -> Run {
    let start = d("2026-11-26");
    let mut book = crate::demo::generate(2_000, 12_000, 42, start);
    let rules = super::ReviewRules {
        size: review_size,
        ..Default::default()
    };
    let kinds = rules.kinds.clone();
    // When each person was first seen due and not yet shown; the longest
    // anyone waited before being shown.
    let mut waiting: BTreeMap<PersonId, NaiveDate> = BTreeMap::new();
    let mut longest = 0;
    let mut shown = 0;
    let due_at_start = queue(&book, &Index::build(&book, &kinds), &rules, start).len();
    for n in 0..60 {
        let today = start + Days::new(n);
        let index = Index::build(&book, &kinds);
        let due: std::collections::HashSet<PersonId> = queue(&book, &index, &rules, today)
            .iter()
            .map(|item| item.person)
            .collect();
        // Whoever is no longer due (a birthday passed, a deed logged
        // elsewhere) stops waiting; whoever is, waits since they first were.
        waiting.retain(|p, _| due.contains(p));
        for p in due {
            waiting.entry(p).or_insert(today);
        }
        let todays = day(&book, &index, &rules, today);
        assert!(
            todays.items.len() <= rules.size,
            "day {n}: {}",
            todays.items.len()
        );
        assert_eq!(todays.handled, 0, "a new day starts with nobody handled");
        for item in &todays.items {
            if let Some(since) = waiting.remove(&item.person) {
                longest = longest.max((today - since).num_days());
            }
            shown += 1;
            let op = match respond(&book, item.person, item.top(), &rules, today) {
                Response::Write { op, .. } => op,
                // Wishes planned for the birthday, as the TUI's line would log them.
                Response::PlanWishes { person, date } => {
                    let e = Entry::new(date, vec![person], Kind::new("message"), "birthday wishes");
                    Op::Batch(vec![
                        Op::AddEntry(e),
                        super::record(&book, person, super::Handled::Done, today),
                    ])
                }
                // Coffee-only and reciprocate take a deed: the policy logs a favor.
                Response::Capture { person } => {
                    let mut e = Entry::new(today, vec![person], Kind::new("favor"), "a deed");
                    e.direction = Direction::Gave;
                    Op::Batch(vec![
                        Op::AddEntry(e),
                        super::record(&book, person, super::Handled::Done, today),
                    ])
                }
            };
            op.apply(&mut book).unwrap();
        }
        // Resolving someone never pulls another into the same day: whoever is
        // still there has a second reason left.
        let after = day(&book, &Index::build(&book, &kinds), &rules, today);
        let before: Vec<PersonId> = todays.items.iter().map(|i| i.person).collect();
        assert!(
            after.items.iter().all(|i| before.contains(&i.person)),
            "day {n}: someone new came in"
        );
    }
    let end = start + Days::new(59);
    let run = Run {
        due_at_start,
        shown,
        longest,
        still_waiting: waiting.len(),
        still_longest: waiting
            .values()
            .map(|since| (end - *since).num_days())
            .max()
            .unwrap_or(0),
    };
    println!("review_size {review_size}: {run:?}");
    run
}

#[test]
fn sixty_days_of_reviews_stay_bounded_and_reach_everyone_due() {
    // The default day (10) on this book: over 1,200 due at the start and about 50
    // more a day (600 cadences of 14–90 days, coffee-only people, birthdays,
    // and the policy resolves one reason a person). No order can keep up;
    // kith's is fair: days are full, and the longest-waiting go first, so
    // those shown waited as long as anyone still waiting.
    let run = simulate(10);
    assert!(run.due_at_start > 1_000, "{run:?}");
    assert_eq!(
        run.shown, 600,
        "every day full, never more than review_size"
    );
    assert_eq!(run.longest, run.still_longest, "first due, first shown");
    // A day that can hold the book's demand: everyone due is shown within
    // N days (the backlog of the first day drains in about 45), nobody waits forever.
    let run = simulate(60);
    assert_eq!(run.still_waiting, 0, "{run:?}");
    assert!(run.longest <= 50, "N = {} days", run.longest);
}
