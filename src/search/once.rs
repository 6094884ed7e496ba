//! One search over a book, with no index kept for the next: `kith find` and
//! `kith query`, which search once and exit.

use super::index::names_hold;
use super::{Hit, LastContact, SearchIndex, SearchOptions};
use chrono::NaiveDate;

use crate::model::{Book, Index, Kinds, PersonId};

/// The hits of [`SearchIndex::search`] for `query` over the whole book
/// (with the facts of [`Index::build`]`(book, kinds)`), building only what
/// the search reads: an index of names first, which is all it reads when
/// the clean matches in names fill the limit (a search for someone by name,
/// the common case), the index of every field only when they do not; and
/// the facts of only the people whose ties it ranks.
pub fn search_once(book: &Book, kinds: &Kinds, query: &str, opts: &SearchOptions) -> Vec<Hit> {
    search_names_once(book, kinds, query, opts)
        .unwrap_or_else(|| search_fields_once(book, kinds, query, opts))
}

/// The hits of [`search_once`] when names alone answer it (the clean
/// matches in names fill the limit), read from the people's names and
/// nicknames only (and the facts of those it ranks); `None` when they do not.
pub fn search_names_once(
    book: &Book,
    kinds: &Kinds,
    query: &str,
    opts: &SearchOptions,
) -> Option<Vec<Hit>> {
    let facts = FactsOf { book, kinds };
    let names = SearchIndex::of_names(book, SearchIndex::query_mask(query));
    names.search_clean_names(query, book, &facts, opts)
}

/// Whether someone with these names (name, then nicknames) may be among the
/// hits of [`search_names_once`]: whether their names hold every char of the
/// query's words, as a clean match does. Only such people need reading.
pub fn names_may_match(query: &str) -> impl Fn(&[&str]) -> bool + Sync + use<> {
    let holding = SearchIndex::query_mask(query);
    move |names: &[&str]| names_hold(holding, names.iter().copied(), &mut String::new())
}

/// The hits of [`search_once`] when names alone do not answer it, from an
/// index of every field.
pub fn search_fields_once(
    book: &Book,
    kinds: &Kinds,
    query: &str,
    opts: &SearchOptions,
) -> Vec<Hit> {
    let facts = FactsOf { book, kinds };
    SearchIndex::for_one_search(book).search_with(query, book, &facts, opts)
}

/// The facts of a book, worked out for the people asked about only.
pub(super) struct FactsOf<'a> {
    book: &'a Book,
    kinds: &'a Kinds,
}

impl LastContact for FactsOf<'_> {
    fn last_contacts(&self, people: &[PersonId]) -> Vec<Option<NaiveDate>> {
        let facts = Index::build_for(self.book, self.kinds, people.iter().copied());
        facts.last_contacts(people)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, PersonId};

    fn book() -> Book {
        let mut book = Book::default();
        for (i, name) in ["Ana Smith", "Bo Smith", "Cy Lee"].into_iter().enumerate() {
            let mut p = Person::new(PersonId(i as u64 + 1), name);
            p.needs = vec!["an investor".into()];
            book.people.push(p);
        }
        book
    }

    #[test]
    fn names_alone_answer_a_search_whose_name_matches_fill_the_limit() {
        let book = book();
        let names = SearchIndex::of_names(&book, 0);
        assert_eq!(names.lines.len(), 3, "names only: {:?}", names);
        let facts = FactsOf {
            book: &book,
            kinds: &Kinds::default(),
        };
        let opts = |limit| SearchOptions {
            include_archived: false,
            limit,
        };
        let hits = names.search_clean_names("smith", &book, &facts, &opts(2));
        assert_eq!(hits.map(|h| h.len()), Some(2));
        // Not filled: a third person could match elsewhere; nor for a need.
        assert!(
            names
                .search_clean_names("smith", &book, &facts, &opts(3))
                .is_none()
        );
        assert!(
            names
                .search_clean_names("investor", &book, &facts, &opts(1))
                .is_none()
        );
        // An index for "lee" holds only the names with its letters.
        let lee = SearchIndex::of_names(&book, SearchIndex::query_mask("lee"));
        assert_eq!(lee.people.len(), 1, "{lee:?}");
        assert_eq!(
            lee.search_clean_names("lee", &book, &facts, &opts(1))
                .map(|h| h[0].person),
            Some(PersonId(3))
        );
        // The whole search finds the need all the same.
        let hits = search_once(&book, &Kinds::default(), "investor", &opts(5));
        assert_eq!(hits.len(), 3);
    }
}
