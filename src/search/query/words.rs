//! A query as the search reads it: folded words, each with its letter mask
//! and length, and the whole line for exact and prefix matches.

use super::level::{How, Level};
use crate::search::scan::word_mask;
use crate::search::typo::{MIN_TYPO_CHARS, Typo};
use crate::text::fold;

/// A query split into folded words.
pub(super) struct Query {
    pub(super) words: Vec<Word>,
    /// The folded words joined by single spaces, for exact and prefix matches.
    pub(super) whole: String,
    /// The union of the words' masks.
    pub(super) mask: u64,
}

pub(super) struct Word {
    pub(super) text: String,
    pub(super) mask: u64,
    pub(super) chars: usize,
}

impl Word {
    /// The word for typo checks, if it is long enough to carry one.
    pub(super) fn typo(&self) -> Option<Typo<'_>> {
        (self.chars >= MIN_TYPO_CHARS).then_some(Typo {
            text: &self.text,
            chars: self.chars,
            mask: self.mask,
        })
    }
}

impl Query {
    pub(super) fn parse(query: &str) -> Query {
        let words: Vec<Word> = query
            .split_whitespace()
            .map(|w| {
                let text = fold(w);
                let mask = word_mask(&text);
                let chars = text.chars().count();
                Word { text, mask, chars }
            })
            .collect();
        let whole = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mask = words.iter().fold(0, |m, w| m | w.mask);
        Query { words, whole, mask }
    }

    /// How many of the query's chars a person may lack and still match at
    /// `level`: none for a clean or loose match, one per word that may carry
    /// a typo for a typo match.
    pub(super) fn missing_allowed(&self, level: Level) -> u32 {
        match level.how() {
            How::Typo => self.words.iter().filter(|w| w.typo().is_some()).count() as u32,
            How::Clean | How::Loose => 0,
        }
    }
}
