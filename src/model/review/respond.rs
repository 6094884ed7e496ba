//! What responding to one reason writes: each reason in the review is answered
//! by its own key (`respond`), and the key writes what it means.
//! - a promise → kept (closed; now a deed given);
//! - a follow-up → done (closed, for everyone it names);
//! - a cadence → "reached out": a touch dated today (the config's
//!   `review_touch_kind`, `message` by default);
//! - a birthday today → a `message` touch, "birthday wishes"; one still
//!   ahead → nothing written here: the caller asks when to send them;
//! - coffee-only and reciprocate → only a deed resolves them, so nothing is
//!   written here: the caller opens the capture line for the person;
//! - what two merged copies disagreed about → settled as the card shows it:
//!   the `kith merge:` lines leave the notes (to keep the other value
//!   instead, edit the person first).

use chrono::NaiveDate;

use super::ReviewRules;
use super::{Handled, Reason, record};
use crate::model::{Book, Direction, Entry, EntryId, Kind, Op, PersonId};

/// What responding to a reason does.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per key press, matched at once: boxing would buy nothing"
)]
pub enum Response {
    /// Write this; `said` is what the status line says it wrote.
    Write { op: Op, said: String },
    /// Only a deed resolves this: capture one for `person`.
    Capture { person: PersonId },
    /// A birthday still ahead: ask when to send the wishes (on `date`, the
    /// birthday, unless the user says otherwise) instead of logging them as
    /// sent today.
    PlanWishes { person: PersonId, date: NaiveDate },
}

/// Responds to `reason` of `person` on `today`, recording them as handled in
/// today's review (as done), in one undoable operation.
pub fn respond(
    book: &Book,
    person: PersonId,
    reason: &Reason,
    rules: &ReviewRules,
    today: NaiveDate,
) -> Response {
    let name = book.name_of(person);
    let touch = |kind: &str, summary: &str| {
        let mut e = Entry::new(today, vec![person], Kind::new(kind), summary);
        e.direction = Direction::Gave;
        Op::AddEntry(e)
    };
    let (op, said) = match reason {
        Reason::OpenPromise { entry, summary, .. } => (
            Op::SetDone(*entry, Some(today)),
            format!("kept: {summary} ({name})"),
        ),
        Reason::FollowUpDue { entry, summary, .. } => (
            Op::SetDone(*entry, Some(today)),
            format!("followed up: {summary} ({name})"),
        ),
        Reason::CadencePassed { .. } => {
            let kind = rules.touch_kind.as_str();
            (
                touch(kind, "reached out"),
                format!("logged a {kind} to {name}, today: reached out"),
            )
        }
        Reason::Birthday { in_days, date, .. } if *in_days > 0 => {
            return Response::PlanWishes {
                person,
                date: *date,
            };
        }
        Reason::Birthday { .. } => (
            touch("message", "birthday wishes"),
            format!("logged a message to {name}: birthday wishes"),
        ),
        Reason::Resolve { clashes } => {
            let Some(current) = book.person(person) else {
                return Response::Capture { person };
            };
            let mut settled = current.clone();
            settled.notes = current.notes_without_clashes();
            let n = clashes.len();
            (
                Op::edit_person(current, settled),
                format!(
                    "kept {name} as the card shows; {} dropped",
                    crate::text::count(n, "merge note", "merge notes")
                ),
            )
        }
        Reason::CoffeeOnlyIdle { .. }
        | Reason::Reciprocate { .. }
        | Reason::Inbox { .. }
        | Reason::MeetTomorrow { .. } => {
            return Response::Capture { person };
        }
    };
    let op = Op::Batch(vec![op, record(book, person, Handled::Done, today)]);
    Response::Write { op, said }
}

/// Releases `person`'s open promise `entry` with a note (a promise you will
/// not keep: it stops nagging, and it is not a deed given), recording them as
/// handled today, in one undoable operation.
pub fn release(book: &Book, person: PersonId, entry: EntryId, note: &str, today: NaiveDate) -> Op {
    Op::Batch(vec![
        Op::SetReleased(entry, Some((today, note.trim().to_string()))),
        record(book, person, Handled::Done, today),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::review::reasons;
    use crate::model::{Index, Person};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn what_merged_copies_disagreed_about_is_listed_until_settled() {
        let today = d("2026-11-26");
        let mut book = Book::default();
        let mut ana = Person::new(PersonId(1), "Ana");
        ana.org = Some("Acme".into());
        ana.notes = "likes tea\nkith merge: org on the other copy: Globex\nkith merge: title on the other copy: CTO".into();
        book.people.push(ana);
        let rules = ReviewRules::default();
        let found = |book: &Book| {
            let index = Index::build(book, &rules.kinds);
            reasons(book, &index, &rules, &book.people[0], today)
        };
        let listed = found(&book);
        assert_eq!(listed.len(), 1);
        assert_eq!(
            listed[0].to_string(),
            "the copies disagreed: org on the other copy: Globex (and 1 more)"
        );
        let Response::Write { op, said } = respond(&book, PersonId(1), &listed[0], &rules, today)
        else {
            panic!("settling writes")
        };
        assert!(said.contains("2 merge notes dropped"), "{said}");
        op.apply(&mut book).unwrap();
        assert_eq!(book.people[0].notes, "likes tea");
        assert_eq!(book.people[0].org.as_deref(), Some("Acme"));
        assert!(found(&book).is_empty());
    }

    #[test]
    fn each_reason_writes_what_it_means() {
        let today = d("2026-11-26");
        let mut book = Book::default();
        let mut ana = Person::new(PersonId(0), "Ana");
        ana.cadence = Some(30);
        // Today: the wishes are logged as sent (a birthday ahead asks when).
        ana.birthday = "11-26".parse().ok();
        Op::AddPerson(ana).apply(&mut book).unwrap();
        let mut p = Entry::new(
            d("2026-09-01"),
            vec![PersonId(1)],
            Kind::new("promise"),
            "intro",
        );
        p.follow_up = None;
        Op::AddEntry(p).apply(&mut book).unwrap();
        let rules = ReviewRules {
            touch_kind: "call".into(),
            ..ReviewRules::default()
        };
        let index = Index::build(&book, &rules.kinds);
        let found = reasons(&book, &index, &rules, &book.people[0], today);
        let kinds: Vec<&str> = found.iter().map(Reason::kind_name).collect();
        assert_eq!(kinds, ["promise", "cadence", "birthday"]);
        for reason in &found {
            let Response::Write { op, said } = respond(&book, PersonId(1), reason, &rules, today)
            else {
                panic!("{reason:?} writes")
            };
            op.apply(&mut book).unwrap();
            assert!(!said.is_empty());
        }
        assert!(book.entries[0].done, "the promise was kept");
        let logged: Vec<(&str, &str)> = book.entries[1..]
            .iter()
            .map(|e| (e.kind.as_str(), e.summary.as_str()))
            .collect();
        assert_eq!(
            logged,
            [("call", "reached out"), ("message", "birthday wishes")]
        );
        let index = Index::build(&book, &rules.kinds);
        let left = reasons(&book, &index, &rules, &book.people[0], today);
        assert!(left.is_empty(), "every reason resolved: {left:?}");
    }

    #[test]
    fn a_birthday_ahead_asks_when_to_send_the_wishes() {
        let today = d("2026-11-26");
        let mut book = Book::default();
        let mut ana = Person::new(PersonId(0), "Ana");
        ana.birthday = "12-01".parse().ok();
        Op::AddPerson(ana).apply(&mut book).unwrap();
        let reason = Reason::Birthday {
            in_days: 5,
            date: d("2026-12-01"),
            turns: None,
        };
        assert_eq!(
            respond(&book, PersonId(1), &reason, &ReviewRules::default(), today),
            Response::PlanWishes {
                person: PersonId(1),
                date: d("2026-12-01")
            }
        );
    }

    #[test]
    fn a_released_promise_stops_nagging_and_is_no_deed() {
        let today = d("2026-11-26");
        let mut book = Book::default();
        Op::AddPerson(Person::new(PersonId(0), "Ana"))
            .apply(&mut book)
            .unwrap();
        let p = Entry::new(
            d("2026-10-01"),
            vec![PersonId(1)],
            Kind::new("promise"),
            "intro to a VC",
        );
        Op::AddEntry(p).apply(&mut book).unwrap();
        let rules = ReviewRules::default();
        let undo = release(
            &book,
            PersonId(1),
            EntryId(1),
            " they raised already ",
            today,
        )
        .apply(&mut book)
        .unwrap();
        let e = &book.entries[0];
        assert_eq!(e.released.as_deref(), Some("they raised already"));
        assert!(!e.is_open_promise());
        let index = Index::build(&book, &rules.kinds);
        assert!(reasons(&book, &index, &rules, &book.people[0], today).is_empty());
        assert_eq!(
            index.facts(PersonId(1)).deeds_given,
            0,
            "released is not kept"
        );
        assert_eq!(
            crate::model::review::Summary::of(&book, &rules.kinds, today).deeds_today,
            0
        );
        // The file keeps it; undo opens the promise again.
        let text = crate::store::serialize_book(&book);
        assert!(text.contains("released: \"they raised already\""), "{text}");
        assert_eq!(
            crate::store::parse_book(std::path::Path::new("k"), text.as_bytes())
                .unwrap()
                .entries,
            book.entries
        );
        undo.apply(&mut book).unwrap();
        assert!(book.entries[0].is_open_promise());
        assert_eq!(book.entries[0].released, None);
    }
}
