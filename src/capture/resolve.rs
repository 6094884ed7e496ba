//! Who `@name` means and what `kind:` means.

use super::Names;
use super::names::Among;
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

/// Resolves a typed name against the book: the one resolver behind `@name`
/// in a capture (the TUI's, `kith log`'s, the inbox's), `kith show`, `edit`,
/// `merge`, `intros --for` and name completion, so the same text finds the same
/// person, or the same ambiguity, everywhere; a name that finds nobody gets
/// [`Names::did_you_mean`] and [`nobody_called`]. Case and accents are folded
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

/// What completing a typed name offers, in the resolver's terms: the person
/// it resolves to, every person of its ambiguity, or, finding nobody, whom it
/// probably meant; with nothing typed, every active person.
pub fn complete_person(
    names: &Names,
    typed: &str,
    book: &Book,
    among: Among,
) -> Vec<(PersonId, String)> {
    if typed.trim().is_empty() {
        return book
            .people
            .iter()
            .filter(|p| !p.archived)
            .map(|p| (p.id, p.name.clone()))
            .collect();
    }
    match names.resolve_up_to(typed, book, usize::MAX, among) {
        Resolution::One(one) => vec![one],
        Resolution::Many(many, _) => many,
        Resolution::None => names.did_you_mean(typed, book),
    }
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
            let d = strsim::levenshtein(&q, &name);
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

/// The one sentence for a name that finds nobody, in every front end (a
/// capture's caret, the inbox, `kith show`, the TUI's capture line):
/// `nobody called sorne — did you mean Søren Madsen?`.
pub fn nobody_called(name: &str, meant: &[String]) -> String {
    match meant {
        [] => format!("nobody called {name}"),
        [one] => format!("nobody called {name} — did you mean {one}?"),
        [init @ .., last] => format!(
            "nobody called {name} — did you mean {} or {last}?",
            init.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_called_lists_whom_it_meant() {
        assert_eq!(nobody_called("zed", &[]), "nobody called zed");
        let meant = ["Søren Madsen".to_string(), "Soren Li".to_string()];
        assert_eq!(
            nobody_called("sorne", &meant[..1]),
            "nobody called sorne — did you mean Søren Madsen?"
        );
        assert_eq!(
            nobody_called("sorne", &meant),
            "nobody called sorne — did you mean Søren Madsen or Soren Li?"
        );
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
