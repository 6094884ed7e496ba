//! Highlighting a query in any text, outside the index.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::scan::{fold_mapped, is_subsequence};
use crate::text::fold;

/// Char indices into `text` of the characters that the words of `query` match,
/// ascending, folded as the search folds (`jose` lights up `José`'s `é`).
/// Words that do not match `text` add nothing. For rows the index did not
/// return, or text other than the matched field (a card, a timeline line).
pub fn highlight_positions(text: &str, query: &str) -> Vec<usize> {
    let mut folded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    fold_mapped(text, &mut folded, &mut map);
    let matcher = SkimMatcherV2::default().respect_case();
    let mut positions = Vec::new();
    for word in query.split_whitespace().map(fold) {
        if !is_subsequence(&folded, &word) {
            continue;
        }
        if let Some((_, found)) = matcher.fuzzy_indices(&folded, &word) {
            positions.extend(
                found
                    .iter()
                    .filter_map(|i| map.get(*i))
                    .map(|o| *o as usize),
            );
        }
    }
    positions.sort_unstable();
    positions.dedup();
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_point_at_original_chars() {
        assert_eq!(highlight_positions("José", "jose"), vec![0, 1, 2, 3]);
        assert_eq!(highlight_positions("Ana Müller", "mul"), vec![4, 5, 6]);
        // ß folds to two chars; both point back at the one original char.
        assert_eq!(
            highlight_positions("Straße", "strasse"),
            vec![0, 1, 2, 3, 4, 5]
        );
        assert_eq!(highlight_positions("王芳 Wang", "芳"), vec![1]);
        assert_eq!(
            highlight_positions("Ana at Acme", "ana acme"),
            vec![0, 1, 2, 7, 8, 9, 10]
        );
        assert!(highlight_positions("Ana", "xyz").is_empty());
    }
}
