//! Which open promise a deed just captured looks like keeping — matched by
//! words, so it lives beside the tokenizer and stemmer the introductions use
//! (the model knows promises, not words). The TUI asks before closing it.

use crate::model::{Book, Direction, Entry, EntryId, Kinds, PersonId, Weight};

use super::Tokenizer;

/// The open promise of `person` that `entry` (a deed just captured for them)
/// looks like it keeps: its kind is the promise's first word ("intro to
/// Dana" and an `intro`), or they share a word that is not a stop word
/// (stemmed: "reviewed the deck" keeps "review her deck"). The caller asks
/// before closing it.
pub fn promise_kept_by(
    book: &Book,
    person: PersonId,
    entry: &Entry,
    kinds: &Kinds,
) -> Option<EntryId> {
    if entry.kind.is_promise()
        || entry.direction == Direction::Received
        || kinds.weight(&entry.kind) != Weight::Deed
    {
        return None;
    }
    let words = Tokenizer::default();
    let stems =
        |text: &str| -> Vec<String> { words.tokens(text).into_iter().map(|t| t.stem).collect() };
    let mine = stems(&format!("{} {}", entry.kind.as_str(), entry.summary));
    let person = book.survivor(person);
    book.entries
        .iter()
        .filter(|e| e.is_open_promise() && e.direction != Direction::Received)
        .filter(|e| e.id != entry.id && e.people.iter().any(|p| book.survivor(*p) == person))
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
    use crate::model::{Kind, Op, Person};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
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
}
