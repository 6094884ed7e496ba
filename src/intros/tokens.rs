//! Words for matching: folded (case and accents), split, stop words dropped,
//! stemmed — and each keeps the text it came from, so a suggestion can say
//! which words matched as the person wrote them.
//!
//! Latin words go through the English Snowball stemmer, Cyrillic ones through
//! the Russian one. Han and kana have no spaces between words, so a run of them
//! becomes its overlapping pairs of characters (a single character stays
//! itself): `数据科学` gives `数据 据科 科学`, and a need for `数据` meets it. Hangul
//! is written with spaces and is kept whole.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::collections::HashMap;

use super::words::{KEEP_APART, is_stop};
use crate::text::fold;

/// One word of a text: its matching form and the words it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded and stemmed: what is compared.
    pub stem: String,
    /// The word as written (`Investors`, `co-founder`, `数据`).
    pub surface: String,
}

/// Stemmers for the scripts kith stems. Cheap to build; build one per index.
pub struct Tokenizer {
    english: Stemmer,
    russian: Stemmer,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer {
            english: Stemmer::create(Algorithm::English),
            russian: Stemmer::create(Algorithm::Russian),
        }
    }
}

impl Tokenizer {
    /// The tokens of `text`, in order, stop words left out.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.each(text, |stem, surface| {
            out.push(Token {
                stem: stem.to_string(),
                surface: surface.to_string(),
            })
        });
        out
    }

    /// Where a need's purpose begins: the first "for" or "to" after a word
    /// that counts ("a babysitter | for Friday evenings", "a carpenter | to
    /// build bookshelves"). What comes before it is the thing needed; what
    /// follows only says what for. `None` when there is no such word
    /// ("an intro to a seed investor": nothing that counts before "to").
    pub fn purpose_at(&self, text: &str) -> Option<usize> {
        let base = text.as_ptr() as usize;
        let mut first_word = None;
        self.each(text, |_, surface| {
            first_word.get_or_insert(surface.as_ptr() as usize - base);
        });
        let first_word = first_word?;
        let mut at = 0;
        for piece in text.split_inclusive(char::is_whitespace) {
            let word = piece.trim_end();
            if at > first_word
                && (word.eq_ignore_ascii_case("for") || word.eq_ignore_ascii_case("to"))
            {
                return Some(at);
            }
            at += piece.len();
        }
        None
    }

    /// Calls `f(stem, surface)` for each token of `text`, without allocating
    /// a token list.
    pub fn each<'t>(&self, text: &'t str, f: impl FnMut(&str, &'t str)) {
        self.walk(text, None, f)
    }

    /// [`Tokenizer::each`], remembering each word's stems in `cache`: a book
    /// uses the same words over and over, and the index reads all of them.
    pub fn each_cached<'t>(
        &self,
        text: &'t str,
        cache: &mut StemCache,
        f: impl FnMut(&str, &'t str),
    ) {
        self.walk(text, Some(cache), f)
    }

    fn walk<'t>(
        &self,
        text: &'t str,
        mut cache: Option<&mut StemCache>,
        mut f: impl FnMut(&str, &'t str),
    ) {
        for word in words(text) {
            match word {
                Word::Plain(surface) => {
                    if let Some(stems) = cache.as_ref().and_then(|c| c.0.get(surface)) {
                        for stem in stems {
                            f(stem, surface);
                        }
                        continue;
                    }
                    let mut stems = Vec::new();
                    self.plain_word(surface, &mut |stem| stems.push(stem.to_string()));
                    for stem in &stems {
                        f(stem, surface);
                    }
                    if let Some(c) = cache.as_mut() {
                        c.0.insert(surface.to_string(), stems);
                    }
                }
                Word::Ideographs(run) => {
                    let chars: Vec<(usize, char)> = run.char_indices().collect();
                    if chars.len() == 1 {
                        f(run, run);
                        continue;
                    }
                    for pair in chars.windows(2) {
                        let start = pair[0].0;
                        let end = pair[1].0 + pair[1].1.len_utf8();
                        f(&run[start..end], &run[start..end]);
                    }
                }
            }
        }
    }

    /// The stems of one word (none for a stop word, two for `cold-chain`).
    fn plain_word(&self, surface: &str, out: &mut impl FnMut(&str)) {
        let folded = fold(surface).replace('\u{2019}', "'");
        let folded = folded
            .strip_suffix("'s")
            .unwrap_or(&folded)
            .replace('\'', "");
        // `co-founder` is one word; other hyphens split (`cold-chain` meets
        // "cold chain").
        let joined;
        let parts: Vec<&str> = match folded.strip_prefix("co-") {
            Some(rest) => {
                joined = format!("co{}", rest.replace('-', ""));
                vec![joined.as_str()]
            }
            None => folded.split('-').collect(),
        };
        for part in parts {
            if part.is_empty() || is_stop(part) {
                continue;
            }
            let stem = self.stem(part);
            if !is_stop(&stem) {
                out(&stem);
            }
        }
    }

    fn stem<'a>(&self, folded: &'a str) -> Cow<'a, str> {
        if let Ok(i) = KEEP_APART.binary_search_by_key(&folded, |(w, _)| w) {
            return Cow::Borrowed(KEEP_APART[i].1);
        }
        if folded
            .chars()
            .any(|c| ('\u{0400}'..='\u{04ff}').contains(&c))
        {
            self.russian.stem(folded)
        } else if folded.is_ascii() {
            self.english.stem(folded)
        } else {
            Cow::Borrowed(folded)
        }
    }
}

/// Words already stemmed: surface → stems.
#[derive(Debug, Default)]
pub struct StemCache(HashMap<String, Vec<String>>);

enum Word<'a> {
    /// Letters and digits, with inner `-` or `'` (`co-founder`, `o'brien`).
    Plain(&'a str),
    /// A run of Han or kana.
    Ideographs(&'a str),
}

fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'   // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified
        | '\u{f900}'..='\u{faff}' // compatibility
        | '\u{20000}'..='\u{2fa1f}')
}

/// Splits text into words and ideograph runs; everything else separates.
fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| c.is_alphanumeric())?;
        rest = &rest[start..];
        let first = rest.chars().next()?;
        let ideo = is_ideograph(first);
        let mut end = 0;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let inner = (c == '-' || c == '\'' || c == '\u{2019}')
                && !ideo
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            let same = c.is_alphanumeric() && is_ideograph(c) == ideo;
            if !(same || inner) {
                break;
            }
            end = i + c.len_utf8();
        }
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(if ideo {
            Word::Ideographs(word)
        } else {
            Word::Plain(word)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        Tokenizer::default()
            .tokens(text)
            .into_iter()
            .map(|t| t.stem)
            .collect()
    }

    #[test]
    fn a_need_s_purpose_starts_at_its_first_for_or_to_after_a_word() {
        let t = Tokenizer::default();
        fn cut<'s>(t: &Tokenizer, s: &'s str) -> Option<&'s str> {
            t.purpose_at(s).map(|i| &s[..i])
        }
        let cut = |s| cut(&t, s);
        assert_eq!(
            cut("a babysitter for Friday evenings"),
            Some("a babysitter ")
        );
        assert_eq!(
            cut("a carpenter to build bookshelves"),
            Some("a carpenter ")
        );
        assert_eq!(
            cut("an intro to a seed investor"),
            None,
            "intro counts for nothing"
        );
        assert_eq!(cut("someone to fix our leaking roof"), None);
        assert_eq!(cut("Kubernetes setup"), None);
        assert_eq!(
            cut("forecasting tools for shops"),
            Some("forecasting tools ")
        );
    }

    #[test]
    fn the_stop_list_is_sorted_for_binary_search() {
        assert!(super::super::words::STOP.is_sorted(), "sort STOP");
    }

    #[test]
    fn folds_stems_and_drops_stop_words_keeping_the_words_as_written() {
        let t = Tokenizer::default().tokens("An intro to Seed Investors who get Climate");
        let surfaces: Vec<&str> = t.iter().map(|t| t.surface.as_str()).collect();
        assert_eq!(surfaces, ["Seed", "Investors", "Climate"]);
        assert_eq!(
            stems("seed investors climate"),
            ["seed", "investor", "climat"]
        );
        assert_eq!(
            stems("Speakers for the career day"),
            ["speaker", "career", "day"]
        );
    }

    #[test]
    fn unrelated_words_the_stemmer_would_merge_stay_apart() {
        assert!(KEEP_APART.is_sorted_by_key(|(w, _)| *w), "sort KEEP_APART");
        assert_ne!(stems("production"), stems("product"));
        assert_ne!(stems("organizer"), stems("organ"));
        assert_eq!(stems("organiser"), stems("organizers"));
    }

    #[test]
    fn co_founder_is_one_word_however_it_is_spelt() {
        assert_eq!(stems("a co-founder"), stems("cofounders"));
        assert_eq!(stems("Noor's cold-chain"), ["noor", "cold", "chain"]);
        assert_eq!(stems("José’s"), ["jose"]);
    }

    #[test]
    fn other_scripts_tokenise_without_panicking() {
        assert_eq!(stems("数据科学"), ["数据", "据科", "科学"]);
        assert_eq!(stems("王"), ["王"]);
        assert_eq!(stems("이서연 디자이너"), [fold("이서연"), fold("디자이너")]);
        assert_eq!(stems("инвесторы"), stems("инвестор"));
        assert_eq!(stems("Ищу инвестора"), ["ищ", "инвестор"]);
        for odd in [
            "",
            "   ",
            "🚀🚀",
            "-'-",
            "a-",
            "'s",
            "\u{0}x\u{7f}",
            "ÅNGSTRÖM's-",
        ] {
            let _ = stems(odd);
        }
    }

    #[test]
    fn mixed_runs_split_between_scripts() {
        assert_eq!(stems("Rust和数据"), ["rust", "和数", "数据"]);
    }
}
