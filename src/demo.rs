//! Sample books: the hand-written demo book shipped in `assets/`, and a
//! synthetic one of any size for tests and benchmarks.

mod generate;
mod names;
mod words;

use chrono::NaiveDate;
use std::path::Path;

use crate::model::Book;
use crate::store;

pub use generate::generate;

/// The demo book, written for the day in its `anchor`.
pub const DEMO_RON: &str = include_str!("../assets/demo.ron");

/// The demo book with its dates moved so that its anchor is `today`: the
/// newest entries are from this week, whatever the date.
pub fn demo_book(today: NaiveDate) -> Book {
    // Compiled in and checked by the tests below, so it always parses.
    let mut book = store::parse_book(Path::new("assets/demo.ron"), DEMO_RON.as_bytes())
        .expect("the bundled demo book parses");
    book.shift_to(today)
        .expect("the bundled demo's dates shift to any day within the calendar");
    book
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Facts, Index, Kinds};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_demo_file_is_exactly_what_the_store_writes() {
        let book = store::parse_book(Path::new("demo.ron"), DEMO_RON.as_bytes()).unwrap();
        assert_eq!(book.anchor, Some(d("2026-11-26")));
        assert_eq!(store::serialize_book(&book), DEMO_RON);
    }

    #[test]
    fn the_demo_book_looks_recent_and_fills_every_view() {
        let today = d("2027-03-15");
        let book = demo_book(today);
        assert!(book.people.len() >= 35, "{} people", book.people.len());
        assert!(book.entries.len() >= 180, "{} entries", book.entries.len());
        let newest = book.entries.iter().map(|e| e.date).max().unwrap();
        assert!((today - newest).num_days() <= 7, "newest entry {newest}");
        assert!(book.entries.iter().all(|e| e.date <= today));

        let index = Index::build(&book, &Kinds::default());
        let facts = Facts::new(&book, &index);
        assert!(facts.coffee_only().len() >= 5);
        let coffee_needs = facts
            .coffee_only()
            .iter()
            .filter(|p| p.first_need().is_some())
            .count();
        assert!(coffee_needs >= 2 && coffee_needs < facts.coffee_only().len());
        let all = |f: &dyn Fn(&crate::model::PersonFacts) -> bool| {
            book.people.iter().filter(|p| f(index.facts(p.id))).count()
        };
        assert!(all(&|f| f.open_promises > 0) >= 2);
        assert!(all(&|f| f.follow_ups_due(today) > 0) >= 2);
        assert!(all(&|f| f.next_follow_up.is_some_and(|n| n > today)) >= 2);
        assert!(
            book.people
                .iter()
                .any(|p| index.facts(p.id).cadence_due(p.cadence, today))
        );
        assert!(all(&|f| f.entries.is_empty()) >= 1);
        let old_promise = book
            .people
            .iter()
            .filter_map(|p| index.facts(p.id).oldest_open_promise)
            .min()
            .unwrap();
        assert!(
            (today - old_promise).num_days() >= 30,
            "an overdue-feeling promise"
        );
    }

    #[test]
    fn the_demo_book_has_the_variety_a_newcomer_should_see() {
        let anchor = d("2026-11-26");
        let book = demo_book(anchor);
        let names: Vec<&str> = book.people.iter().map(|p| p.name.as_str()).collect();
        for name in ["José García", "王芳", "Ana María Restrepo", "Søren Madsen"] {
            assert!(names.contains(&name), "{name}");
        }
        assert!(names.iter().any(|n| n.starts_with("Zoë")));
        let emoji = |s: &str| s.chars().any(|c| c >= '\u{1F300}');
        assert!(book.people.iter().any(|p| {
            p.nicknames.iter().any(|n| emoji(n)) || p.org.as_deref().is_some_and(emoji)
        }));
        assert!(book.people.iter().any(|p| p.archived));
        assert!(
            book.people
                .iter()
                .any(|p| p.birthday.is_some_and(|b| b.days_until(anchor) <= 7))
        );
        let has = |kind: &str, f: &dyn Fn(&crate::model::Entry) -> bool| {
            book.entries.iter().any(|e| e.kind.as_str() == kind && f(e))
        };
        assert!(has("intro", &|e| e.people.len() == 2));
        assert!(has("favor", &|e| e.direction == Direction::Received));
        assert!(has("collab", &|e| e.direction == Direction::Mutual));
        assert!(book.people.iter().any(|p| !p.tags.is_empty()));
    }
}
