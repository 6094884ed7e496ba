//! Today's review progress, kept in the book so a review left mid-way resumes,
//! and the operations each review action becomes.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{Book, Direction, Entry, EntryId, Kinds, Op, OpError, PersonId, Weight};

/// What was done with one person in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Handled {
    /// Something was captured for them.
    Logged,
    /// The promise or follow-up that put them in the queue was closed.
    Done,
    Snoozed,
    Skipped,
}

/// Who has been handled in the review of `date`, in the order they were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewProgress {
    #[serde(deserialize_with = "crate::model::date_field::date")]
    pub date: NaiveDate,
    #[serde(default)]
    pub handled: Vec<(PersonId, Handled)>,
    /// Snoozes in a row per person, and the day the streak began; any entry
    /// naming them dated after that day ends it. Kept across days (see [`cadence_streak`]).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub snoozes: std::collections::BTreeMap<PersonId, (u32, NaiveDate)>,
}

impl ReviewProgress {
    /// The book's progress for `today`; progress from an earlier day is stale
    /// and reads as nothing handled yet.
    pub fn of(book: &Book, today: NaiveDate) -> ReviewProgress {
        match &book.review {
            Some(p) if p.date == today => p.clone(),
            // A new day: nobody handled yet; snooze streaks carry over.
            old => ReviewProgress {
                date: today,
                handled: Vec::new(),
                snoozes: old.as_ref().map(|p| p.snoozes.clone()).unwrap_or_default(),
            },
        }
    }

    pub fn outcome(&self, person: PersonId) -> Option<Handled> {
        self.handled
            .iter()
            .find(|(p, _)| *p == person)
            .map(|(_, o)| *o)
    }

    /// Records `outcome` for `person`, replacing an earlier one.
    pub fn record(&mut self, person: PersonId, outcome: Handled) {
        match self.handled.iter_mut().find(|(p, _)| *p == person) {
            Some(slot) => slot.1 = outcome,
            None => self.handled.push((person, outcome)),
        }
    }

    pub fn count(&self, outcome: Handled) -> usize {
        self.handled.iter().filter(|(_, o)| *o == outcome).count()
    }
}

/// How long to snooze someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnoozeChoice {
    Day,
    Week,
    Month,
    Until(NaiveDate),
}

/// The day a snooze ends (the person is back in the queue that day). `None`
/// when an explicit date is not after `today`.
pub fn snooze_until(choice: SnoozeChoice, today: NaiveDate) -> Option<NaiveDate> {
    match choice {
        SnoozeChoice::Day => today.checked_add_days(Days::new(1)),
        SnoozeChoice::Week => today.checked_add_days(Days::new(7)),
        // 31 January + 1 month is the last day of February.
        SnoozeChoice::Month => today.checked_add_months(Months::new(1)),
        SnoozeChoice::Until(date) => (date > today).then_some(date),
    }
}

/// The operation that records `outcome` for `person` in today's progress.
pub fn record(book: &Book, person: PersonId, outcome: Handled, today: NaiveDate) -> Op {
    let mut progress = ReviewProgress::of(book, today);
    progress.record(person, outcome);
    Op::SetReview(Some(progress))
}

/// The entries "done" closes for `person`: every open promise naming them and
/// every follow-up of theirs due on or before `today` — exactly what put them
/// in the queue for those reasons. In id order.
pub fn closing_entries(book: &Book, person: PersonId, today: NaiveDate) -> Vec<EntryId> {
    let person = book.survivor(person);
    book.entries
        .iter()
        .filter(|e| e.is_open_promise() || e.open_follow_up().is_some_and(|due| due <= today))
        .filter(|e| e.people.iter().any(|p| book.survivor(*p) == person))
        .map(|e| e.id)
        .collect()
}

/// "Done": closes the promises and follow-ups that put `person` in the queue
/// and records the outcome, as one undoable operation.
pub fn done(book: &Book, person: PersonId, today: NaiveDate) -> Op {
    let mut ops: Vec<Op> = closing_entries(book, person, today)
        .into_iter()
        .map(|id| Op::SetDone(id, Some(today)))
        .collect();
    ops.push(record(book, person, Handled::Done, today));
    Op::Batch(ops)
}

/// How many times in a row `person` has been snoozed, counting only a streak
/// with no entry naming them since it began.
pub fn cadence_streak(book: &Book, person: PersonId, today: NaiveDate) -> u32 {
    let progress = ReviewProgress::of(book, today);
    match progress.snoozes.get(&person) {
        Some((n, since)) if !contact_since(book, person, *since) => *n,
        _ => 0,
    }
}

fn contact_since(book: &Book, person: PersonId, since: NaiveDate) -> bool {
    book.entries_of(person).any(|e| e.date > since)
}

/// Snoozing a cadence this many times in a row offers to lengthen it.
pub const SNOOZES_BEFORE_LENGTHENING: u32 = 3;

/// A cadence half as long again (14 → 21, 30 → 45, 90 → 135): what the
/// review offers after [`SNOOZES_BEFORE_LENGTHENING`] snoozes in a row.
pub fn lengthened(cadence: u32) -> u32 {
    cadence.saturating_add(cadence.div_ceil(2))
}

/// Snoozes `person` until `until` and records the outcome.
pub fn snooze(
    book: &Book,
    person: PersonId,
    until: NaiveDate,
    today: NaiveDate,
) -> Result<Op, OpError> {
    let before = book.person(person).ok_or(OpError::NoPerson(person))?;
    let mut p = before.clone();
    p.snoozed_until = Some(until);
    let mut progress = ReviewProgress::of(book, today);
    progress.record(person, Handled::Snoozed);
    let streak = match progress.snoozes.get(&person) {
        Some((n, since)) if !contact_since(book, person, *since) => (n + 1, *since),
        _ => (1, today),
    };
    progress.snoozes.insert(person, streak);
    Ok(Op::Batch(vec![
        Op::edit_person(before, p),
        Op::SetReview(Some(progress)),
    ]))
}

pub fn skip(book: &Book, person: PersonId, today: NaiveDate) -> Op {
    record(book, person, Handled::Skipped, today)
}

/// A capture made from the review (`capture` is the operation the capture
/// line became), recorded as `Logged` in the same undoable step.
pub fn logged(book: &Book, person: PersonId, capture: Op, today: NaiveDate) -> Op {
    Op::Batch(vec![capture, record(book, person, Handled::Logged, today)])
}

/// The end-of-review summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub logged: usize,
    pub done: usize,
    pub snoozed: usize,
    pub skipped: usize,
    /// Deeds you did today: deeds given (or mutual) dated today, and promises
    /// kept today. A promise still open is not a deed yet.
    pub deeds_today: usize,
    /// Touches (coffee, call, message…) dated today.
    pub touches_today: usize,
    /// Promises kept today.
    pub promises_kept: usize,
    /// Different people named by today's deeds and touches.
    pub people_reached: usize,
    /// The seven days ending today: deeds given and deeds received.
    pub week_given: usize,
    pub week_received: usize,
}

impl Summary {
    pub fn of(book: &Book, kinds: &Kinds, today: NaiveDate) -> Summary {
        let progress = ReviewProgress::of(book, today);
        let week_start = today - chrono::Days::new(6);
        let mut reached = std::collections::HashSet::new();
        let mut s = Summary {
            logged: progress.count(Handled::Logged),
            done: progress.count(Handled::Done),
            snoozed: progress.count(Handled::Snoozed),
            skipped: progress.count(Handled::Skipped),
            ..Summary::default()
        };
        for e in &book.entries {
            let deed = kinds.weight(&e.kind) == Weight::Deed;
            if is_deed_done_on(e, kinds, today) {
                s.deeds_today += 1;
                reached.extend(e.people.iter().map(|p| book.survivor(*p)));
            } else if !deed && e.date == today {
                s.touches_today += 1;
                reached.extend(e.people.iter().map(|p| book.survivor(*p)));
            }
            if e.is_released() {
                continue;
            }
            if e.kind.is_promise() && e.done && e.done_on == Some(today) {
                s.promises_kept += 1;
            }
            // A promise counts in the week once kept, on the day it was kept.
            let when = match e.kind.is_promise() {
                true if e.done => e.done_on.unwrap_or(e.date),
                true => continue,
                false => e.date,
            };
            if deed && (week_start..=today).contains(&when) {
                match e.direction {
                    Direction::Gave => s.week_given += 1,
                    Direction::Received => s.week_received += 1,
                    Direction::Mutual => {
                        s.week_given += 1;
                        s.week_received += 1;
                    }
                }
            }
        }
        s.people_reached = reached.len();
        s
    }

    /// "this week: 9 deeds given, 3 received".
    pub fn week_line(&self) -> String {
        let deeds = crate::text::count(self.week_given, "deed", "deeds");
        format!("this week: {deeds} given, {} received", self.week_received)
    }
}

fn is_deed_done_on(e: &Entry, kinds: &Kinds, today: NaiveDate) -> bool {
    if e.is_released() {
        return false;
    }
    if e.direction == Direction::Received || kinds.weight(&e.kind) != Weight::Deed {
        return false;
    }
    if e.kind.is_promise() {
        e.done && e.done_on == Some(today)
    } else {
        e.date == today
    }
}
