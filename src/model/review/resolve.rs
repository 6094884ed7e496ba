//! What resolving one reason writes: each reason in the review is resolved
//! by its own key, and the key writes what it means.
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

use super::{Outcome, Reason, record};
use crate::config::Config;
use crate::model::{Book, Direction, Entry, EntryId, Kind, Op, PersonId};

/// What resolving a reason does.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per key press, matched at once: boxing would buy nothing"
)]
pub enum Resolution {
    /// Write this; `said` is what the status line says it wrote.
    Write { op: Op, said: String },
    /// Only a deed resolves this: capture one for `person`.
    Capture { person: PersonId },
    /// A birthday still ahead: ask when to send the wishes (on `date`, the
    /// birthday, unless the user says otherwise) instead of logging them as
    /// sent today.
    PlanWishes { person: PersonId, date: NaiveDate },
}

/// Resolves `reason` of `person` on `today`, recording them as handled in
/// today's review (as done), in one undoable operation.
pub fn resolve(
    book: &Book,
    person: PersonId,
    reason: &Reason,
    config: &Config,
    today: NaiveDate,
) -> Resolution {
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
            let kind = config.review_touch_kind.as_str();
            (
                touch(kind, "reached out"),
                format!("logged a {kind} to {name}, today: reached out"),
            )
        }
        Reason::Birthday { in_days, date, .. } if *in_days > 0 => {
            return Resolution::PlanWishes {
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
                return Resolution::Capture { person };
            };
            let mut settled = current.clone();
            settled.notes = current.notes_without_clashes();
            let n = clashes.len();
            (
                Op::edit_person(current, settled),
                format!(
                    "kept {name} as the card shows; {n} merge note{} dropped",
                    if n == 1 { "" } else { "s" }
                ),
            )
        }
        Reason::CoffeeOnlyIdle { .. }
        | Reason::Reciprocate { .. }
        | Reason::Inbox { .. }
        | Reason::MeetTomorrow { .. } => {
            return Resolution::Capture { person };
        }
    };
    let op = Op::Batch(vec![op, record(book, person, Outcome::Done, today)]);
    Resolution::Write { op, said }
}

/// Releases `person`'s open promise `entry` with a note (a promise you will
/// not keep: it stops nagging, and it is not a deed given), recording them as
/// handled today, in one undoable operation.
pub fn release(book: &Book, person: PersonId, entry: EntryId, note: &str, today: NaiveDate) -> Op {
    Op::Batch(vec![
        Op::SetReleased(entry, Some((today, note.trim().to_string()))),
        record(book, person, Outcome::Done, today),
    ])
}

/// The open promise of `person` that `entry` (a deed just captured for them)
/// looks like it keeps: its kind is the promise's first word ("intro to
/// Dana" and an `intro`), or they share a word that is not a stop word
/// (stemmed: "reviewed the deck" keeps "review her deck"). The caller asks
/// before closing it.
pub fn promise_kept_by(
    book: &Book,
    person: PersonId,
    entry: &Entry,
    kinds: &crate::model::Kinds,
) -> Option<EntryId> {
    if entry.kind.is_promise()
        || entry.direction == Direction::Received
        || kinds.weight(&entry.kind) != crate::model::Weight::Deed
    {
        return None;
    }
    let words = crate::intros::Tokenizer::default();
    let stems =
        |text: &str| -> Vec<String> { words.tokens(text).into_iter().map(|t| t.stem).collect() };
    let mine = stems(&format!("{} {}", entry.kind.as_str(), entry.summary));
    let person = book.resolve(person);
    book.entries
        .iter()
        .filter(|e| e.is_open_promise() && e.direction != Direction::Received)
        .filter(|e| e.id != entry.id && e.people.iter().any(|p| book.resolve(*p) == person))
        .find(|e| {
            let promised = stems(&e.summary);
            promised.first() == stems(entry.kind.as_str()).first()
                || promised.iter().any(|w| mine.contains(w))
        })
        .map(|e| e.id)
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
        let config = Config::default();
        let found = |book: &Book| {
            let index = Index::build(book, &config.kinds());
            reasons(
                book,
                &index,
                &config,
                &config.kinds(),
                &book.people[0],
                today,
            )
        };
        let listed = found(&book);
        assert_eq!(listed.len(), 1);
        assert_eq!(
            listed[0].to_string(),
            "the copies disagreed: org on the other copy: Globex (and 1 more)"
        );
        let Resolution::Write { op, said } =
            resolve(&book, PersonId(1), &listed[0], &config, today)
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
        let config = Config {
            review_touch_kind: "call".into(),
            ..Config::default()
        };
        let index = Index::build(&book, &config.kinds());
        let found = reasons(
            &book,
            &index,
            &config,
            &config.kinds(),
            &book.people[0],
            today,
        );
        let kinds: Vec<&str> = found.iter().map(Reason::kind_name).collect();
        assert_eq!(kinds, ["promise", "cadence", "birthday"]);
        for reason in &found {
            let Resolution::Write { op, said } =
                resolve(&book, PersonId(1), reason, &config, today)
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
        let index = Index::build(&book, &config.kinds());
        let left = reasons(
            &book,
            &index,
            &config,
            &config.kinds(),
            &book.people[0],
            today,
        );
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
            resolve(&book, PersonId(1), &reason, &Config::default(), today),
            Resolution::PlanWishes {
                person: PersonId(1),
                date: d("2026-12-01")
            }
        );
    }

    #[test]
    fn a_deed_that_matches_an_open_promise_is_found() {
        let mut book = Book::default();
        for n in ["Ana", "Bo"] {
            Op::AddPerson(Person::new(PersonId(0), n))
                .apply(&mut book)
                .unwrap();
        }
        for (who, what) in [
            (1, "intro to Dana at Acme"),
            (1, "review her pitch deck"),
            (2, "intro to Cy"),
        ] {
            let e = Entry::new(
                d("2026-11-01"),
                vec![PersonId(who)],
                Kind::new("promise"),
                what,
            );
            Op::AddEntry(e).apply(&mut book).unwrap();
        }
        let kinds = crate::model::Kinds::default();
        let deed = |kind: &str, what: &str| {
            Entry::new(d("2026-11-26"), vec![PersonId(1)], Kind::new(kind), what)
        };
        assert_eq!(
            promise_kept_by(&book, PersonId(1), &deed("intro", "to Dana"), &kinds),
            Some(EntryId(1))
        );
        assert_eq!(
            promise_kept_by(
                &book,
                PersonId(1),
                &deed("help", "reviewed the deck"),
                &kinds
            ),
            Some(EntryId(2))
        );
        assert_eq!(
            promise_kept_by(&book, PersonId(1), &deed("gift", "a book"), &kinds),
            None
        );
        assert_eq!(
            promise_kept_by(&book, PersonId(1), &deed("coffee", "deck chat"), &kinds),
            None,
            "a touch keeps nothing"
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
        let config = Config::default();
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
        let index = Index::build(&book, &config.kinds());
        assert!(
            reasons(
                &book,
                &index,
                &config,
                &config.kinds(),
                &book.people[0],
                today
            )
            .is_empty()
        );
        assert_eq!(
            index.facts(PersonId(1)).deeds_given,
            0,
            "released is not kept"
        );
        assert_eq!(
            crate::model::review::Summary::of(&book, &config.kinds(), today).deeds_today,
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
