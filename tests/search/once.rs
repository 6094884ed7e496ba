//! `search_once`, the search `kith find` and `kith query` run (an index of
//! names first, the facts of only the people it ranks), held to the whole
//! index's search with the whole book's facts: the same hits in the same
//! order, down to the field shown and the highlighted chars, on generated
//! books, with typos, accents, several words, every limit and archived
//! people in or out.

use chrono::NaiveDate;
use proptest::prelude::*;
use std::sync::OnceLock;

use kith::model::{Book, Index, Kinds};
use kith::search::{SearchIndex, SearchOptions, search_once};
use kith::text::fold;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

/// A generated book (names repeat, most people share a last contact, so
/// ties are many), its facts and its whole index.
struct Whole {
    book: Book,
    facts: Index,
    index: SearchIndex,
}

impl Whole {
    fn new(people: usize, entries: usize, seed: u64) -> Whole {
        let book = kith::demo::generate(people, entries, seed, today());
        let facts = Index::build(&book, &Kinds::default());
        let index = SearchIndex::build(&book);
        Whole { book, facts, index }
    }

    /// Asserts that one search finds what the whole index finds; returns how
    /// many hits there were.
    fn same(&self, query: &str, limit: usize, archived: bool) -> usize {
        let opts = SearchOptions {
            include_archived: archived,
            limit,
        };
        let want = self.index.search(query, &self.book, &self.facts, &opts);
        let got = search_once(&self.book, &Kinds::default(), query, &opts);
        assert_eq!(got, want, "{query:?}, limit {limit}, archived {archived}");
        want.len()
    }
}

fn shared() -> &'static Whole {
    static WHOLE: OnceLock<Whole> = OnceLock::new();
    WHOLE.get_or_init(|| Whole::new(1_500, 4_000, 29))
}

const QUERIES: [&str; 24] = [
    "",
    "a",
    "e",
    "an",
    "smith",
    "smtih",
    "garcia",
    "garcía",
    "GARCIA",
    "jose",
    "josé",
    "müller",
    "muller",
    "jse grc",
    "ana acme",
    "designer",
    "investor",
    "acme",
    "zq",
    "li",
    "mar",
    "chloe",
    "王",
    "weber schröder",
];

#[test]
fn one_search_finds_what_the_whole_index_finds() {
    for whole in [Whole::new(200, 600, 3), Whole::new(3_000, 6_000, 11)] {
        let mut found = 0;
        for query in QUERIES {
            for limit in [0, 1, 5, 20, 50, 400] {
                for archived in [false, true] {
                    found += whole.same(query, limit, archived);
                }
            }
        }
        assert!(found > 4_000, "the queries find many people: {found}");
    }
}

/// A word of someone's name as a person might type it: whole, its start,
/// with a letter dropped, two swapped, accents left out, in capitals.
fn typed(word: &str, how: u8, at: usize) -> String {
    let chars: Vec<char> = word.chars().collect();
    let at = at % chars.len().max(1);
    match how % 6 {
        0 => word.to_string(),
        1 => chars[..=at.min(chars.len().saturating_sub(1))]
            .iter()
            .collect(),
        2 if chars.len() > 1 => chars
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != at)
            .map(|(_, c)| c)
            .collect(),
        3 if at + 1 < chars.len() => {
            let mut swapped = chars.clone();
            swapped.swap(at, at + 1);
            swapped.into_iter().collect()
        }
        4 => fold(word),
        _ => word.to_uppercase(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_name_typed_any_way_finds_the_same(
        who in 0usize..1_500,
        other in 0usize..1_500,
        words in 1usize..3,
        how in any::<u8>(),
        at in 0usize..12,
        limit in prop::sample::select(vec![1usize, 3, 10, 20, 50]),
        archived in any::<bool>(),
    ) {
        let whole = shared();
        let people = &whole.book.people;
        let pick = |n: usize, k: usize| {
            let name = &people[n % people.len()].name;
            let parts: Vec<&str> = name.split_whitespace().collect();
            typed(parts[k % parts.len()], how.wrapping_add(k as u8), at + k)
        };
        let query: Vec<String> = (0..words).map(|k| pick(if k == 0 { who } else { other }, k)).collect();
        whole.same(&query.join(" "), limit, archived);
    }
}
