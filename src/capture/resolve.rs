//! Who `@name` means and what `kind:` means.

use crate::model::{Book, Kind, Kinds, Person, PersonId};
use crate::text::{fold, fold_char_into};

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

/// How well a person fits a typed name; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// The whole name or a nickname.
    Exact,
    /// `@p42`.
    Id,
    /// The first word of the name.
    FirstName,
    /// The start of the name, of one of its words, or of a nickname.
    Prefix,
    /// Pieces that each start a word, in order (`aligar`: ali + gar).
    Initials,
}

/// Resolves a typed name against the book. Case and accents are folded
/// (`jose` finds José). The best tier wins: the exact name or a nickname,
/// then an id (`p42`), then the first name, then the start of the name or of
/// any word in it (`garc` finds Alice García), then pieces that each start a
/// word, in order (`aligar`, `agarcia`). Several people in the best tier make
/// the name ambiguous. Archived people are found only by their exact name (or
/// id). Looser matches (any letters in order, typos) are left to search: a
/// capture that silently names the wrong person is worse than one that asks.
pub fn resolve_person(query: &str, book: &Book) -> Resolution<(PersonId, String)> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Resolution::None;
    }
    let q_letters: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    let q_first = q.chars().next().expect("q is not empty");
    let mut best: Option<Tier> = None;
    let mut found: Vec<&Person> = Vec::new();
    let mut buf = String::new();
    for person in &book.people {
        // Every tier needs the query to start some word: a cheap test that
        // skips folding most names (10,000 people in well under a millisecond).
        let starts_some_word = a_word_starts_with(&person.name, q_first, &mut buf)
            || (person.nicknames.iter()).any(|n| a_word_starts_with(n, q_first, &mut buf));
        if !starts_some_word {
            continue;
        }
        let Some(tier) = fit(person, &q, &q_letters, &mut buf) else {
            continue;
        };
        match best {
            Some(b) if tier > b => {}
            Some(b) if tier == b => found.push(person),
            _ => {
                best = Some(tier);
                found.clear();
                found.push(person);
            }
        }
    }
    // Exact names of active people beat those of archived ones.
    if best == Some(Tier::Exact) && found.iter().any(|p| !p.archived) {
        found.retain(|p| !p.archived);
    }
    if best.is_none_or(|b| b > Tier::Id)
        && let Some(id) = PersonId::parse(&q).filter(|_| q.starts_with('p'))
        && let Some(person) = book.person(id)
    {
        return Resolution::One((person.id, person.name.clone()));
    }
    let named = |p: &&Person| (p.id, p.name.clone());
    match found.as_slice() {
        [] => Resolution::None,
        [one] => Resolution::One(named(one)),
        many => {
            let more = many.len().saturating_sub(MAX_CANDIDATES);
            Resolution::Many(many.iter().take(MAX_CANDIDATES).map(named).collect(), more)
        }
    }
}

/// The tier at which `person` fits the folded query, if any.
fn fit(person: &Person, q: &str, q_letters: &str, buf: &mut String) -> Option<Tier> {
    fold_into(&person.name, buf);
    let mut tier = (buf.as_str() == q).then_some(Tier::Exact);
    if tier.is_none() {
        for nick in &person.nicknames {
            if fold(nick) == q {
                tier = Some(Tier::Exact);
            }
        }
    }
    if tier.is_some() || person.archived {
        return tier;
    }
    if buf.split_whitespace().next() == Some(q) {
        return Some(Tier::FirstName);
    }
    if starts_a_word(buf, q) || person.nicknames.iter().any(|n| starts_a_word(&fold(n), q)) {
        return Some(Tier::Prefix);
    }
    word_pieces(q_letters, buf).then_some(Tier::Initials)
}

/// `q` splits into non-empty pieces, each the start of a later word of `name`.
fn word_pieces(q: &str, name: &str) -> bool {
    if q.is_empty() {
        return true;
    }
    let mut rest = name.trim_start();
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let common = q
            .char_indices()
            .zip(rest[..word_end].chars())
            .take_while(|((_, a), b)| a == b)
            .map(|((i, a), _)| i + a.len_utf8())
            .last()
            .unwrap_or(0);
        let after = rest[word_end..].trim_start();
        for len in (1..=common).rev().filter(|l| q.is_char_boundary(*l)) {
            if word_pieces(&q[len..], after) {
                return true;
            }
        }
        rest = after;
    }
    false
}

/// Some word of `s`, folded, starts with `first`.
fn a_word_starts_with(s: &str, first: char, buf: &mut String) -> bool {
    let mut at_start = true;
    for c in s.chars() {
        if c.is_whitespace() {
            at_start = true;
        } else if at_start {
            let folded = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                buf.clear();
                fold_char_into(c, buf);
                match buf.chars().next() {
                    Some(f) => f,
                    None => continue,
                }
            };
            if folded == first {
                return true;
            }
            at_start = false;
        }
    }
    false
}

fn fold_into(s: &str, buf: &mut String) {
    buf.clear();
    for c in s.chars() {
        fold_char_into(c, buf);
    }
}

/// `q` starts the name or one of its words.
fn starts_a_word(name: &str, q: &str) -> bool {
    name.starts_with(q)
        || name
            .match_indices(char::is_whitespace)
            .any(|(i, s)| name[i + s.len()..].starts_with(q))
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// Resolves a typed kind (without its colon): the exact name, any case, or a
/// unique prefix. `Many` lists the kinds it is a prefix of; `None` is unknown
/// (see [`suggest_kinds`]).
pub fn resolve_kind(given: &str, kinds: &Kinds) -> Resolution<Kind> {
    let q = fold(given);
    if let Some((kind, _)) = kinds.iter().find(|(k, _)| fold(k.as_str()) == q) {
        return Resolution::One(kind.clone());
    }
    let starts: Vec<Kind> = kinds
        .iter()
        .filter(|(k, _)| fold(k.as_str()).starts_with(&q))
        .map(|(k, _)| k.clone())
        .collect();
    match starts.len() {
        0 => Resolution::None,
        1 => Resolution::One(starts[0].clone()),
        _ => Resolution::Many(starts, 0),
    }
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
    fn word_pieces_start_words_in_order() {
        assert!(word_pieces("aligar", "alice garcia"));
        assert!(word_pieces("agarcia", "alice garcia"));
        assert!(word_pieces("ag", "ana maria garcia"));
        assert!(!word_pieces("zed", "zoe odegaard"));
        assert!(!word_pieces("gali", "alice garcia"));
        assert!(!word_pieces("alicex", "alice garcia"));
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
