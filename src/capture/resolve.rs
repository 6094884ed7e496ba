//! Who `@name` means and what `kind:` means.

use super::Names;
use crate::model::{Book, Kind, Kinds, PersonId};
use crate::text::fold;

/// How many candidates an ambiguous name lists.
pub const MAX_CANDIDATES: usize = 8;

/// What a typed name or kind resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<T> {
    One(T),
    /// Several fit equally well (at most [`MAX_CANDIDATES`]) and how many more did.
    Many(Vec<T>, usize),
    None,
}

/// Resolves a typed name against the book. Case and accents are folded
/// (`jose` finds José). The best tier wins: the exact name or a nickname,
/// then an id (`p42`), then the first name, then the start of the name or of
/// any word in it or of a nickname (`garc` finds Alice García), then pieces
/// that each start a word of the name, in order (`aligar`, `agarcia`). Several
/// people in the best tier make the name ambiguous. Archived people are found
/// only by their exact name (or id). Looser matches (any letters in order,
/// typos) are left to search: a capture that silently names the wrong person
/// is worse than one that asks.
///
/// This folds every name; to resolve many names against one book, build
/// [`Names`] once and use [`Names::resolve`].
pub fn resolve_person(query: &str, book: &Book) -> Resolution<(PersonId, String)> {
    Names::new(book).resolve(query, book)
}

/// Resolves a typed kind (without its colon): the exact name, any case, or a
/// unique prefix. `Many` lists the kinds it is a prefix of; `None` is unknown
/// (see [`suggest_kinds`]). A configured kind with spaces in its name is typed
/// with hyphens (`coffee-chat:` for "coffee chat").
pub fn resolve_kind(given: &str, kinds: &Kinds) -> Resolution<Kind> {
    let q = fold(given);
    if let Some((kind, _)) = kinds.iter().find(|(k, _)| typed_form(k) == q) {
        return Resolution::One(kind.clone());
    }
    let starts: Vec<Kind> = kinds
        .iter()
        .filter(|(k, _)| typed_form(k).starts_with(&q))
        .map(|(k, _)| k.clone())
        .collect();
    match starts.len() {
        0 => Resolution::None,
        1 => Resolution::One(starts[0].clone()),
        _ => Resolution::Many(starts, 0),
    }
}

/// How a kind is typed in the grammar, folded: one word, spaces as hyphens.
pub fn typed_form(kind: &Kind) -> String {
    fold(kind.as_str()).replace(' ', "-")
}

/// Up to three kinds close to a mistyped one (edit distance ≤ 2, or its
/// letters in order), closest first.
pub(crate) fn suggest_kinds(given: &str, kinds: &Kinds) -> Vec<Kind> {
    let q = fold(given);
    let mut close: Vec<(usize, Kind)> = kinds
        .iter()
        .filter_map(|(k, _)| {
            let name = fold(k.as_str());
            let d = distance(&q, &name);
            (d <= 2 || is_subsequence(&q, &name)).then(|| (d, k.clone()))
        })
        .collect();
    close.sort_by_key(|(d, _)| *d);
    close.into_iter().take(3).map(|(_, k)| k).collect()
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// Levenshtein distance by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("fvr", "favor"), 2);
        assert_eq!(distance("coffe", "coffee"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("gift", "gift"), 0);
    }

    #[test]
    fn kinds_resolve_by_name_or_unique_prefix() {
        let kinds = Kinds::default();
        assert_eq!(
            resolve_kind("FAV", &kinds),
            Resolution::One(Kind::new("favor"))
        );
        assert_eq!(
            resolve_kind("call", &kinds),
            Resolution::One(Kind::new("call"))
        );
        assert!(matches!(resolve_kind("co", &kinds), Resolution::Many(v, 0) if v.len() == 2));
        assert_eq!(resolve_kind("xyz", &kinds), Resolution::None);
        assert_eq!(suggest_kinds("fvr", &kinds), vec![Kind::new("favor")]);
    }
}
