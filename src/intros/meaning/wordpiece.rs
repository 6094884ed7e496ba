//! BERT's uncased WordPiece tokenisation, as the model was distilled with:
//! lower case, accents stripped (NFD, marks dropped), split at white space
//! and punctuation, each CJK character a word of its own, then each word
//! cut greedily into the longest pieces the vocabulary has (`##` marks a
//! piece that continues a word). A word with no such cut is unknown: the
//! static table leaves it out, the sentence encoder reads it as `[UNK]`.
//! Shared by both, so they split text the same way.

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// BERT gives up on longer words.
const MAX_WORD_CHARS: usize = 100;

/// The words of `text` as BERT's basic tokenizer splits them.
pub fn basic_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            words.push(std::mem::take(word));
        }
    };
    for c in text.nfd() {
        if is_combining_mark(c)
            || c == '\0'
            || c == '\u{fffd}'
            || c.is_control() && !is_space(c)
            || is_format(c)
        {
            continue;
        }
        if is_space(c) {
            flush(&mut word, &mut words);
        } else if is_punctuation(c) || is_cjk(c) {
            flush(&mut word, &mut words);
            words.push(c.to_string());
        } else {
            word.extend(c.to_lowercase());
        }
    }
    flush(&mut word, &mut words);
    words
}

/// The vocabulary ids of `word`'s pieces, or none when it has no cut
/// (then `false`).
pub fn pieces(vocab: &HashMap<Box<str>, u32>, word: &str, out: &mut Vec<u32>) -> bool {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    if chars.len() > MAX_WORD_CHARS {
        return false;
    }
    let start_len = out.len();
    let mut start = 0;
    let mut buf = String::new();
    while start < chars.len() {
        let mut end = chars.len();
        let mut found = None;
        while start < end {
            let from = chars[start].0;
            let to = chars.get(end).map_or(word.len(), |c| c.0);
            buf.clear();
            if start > 0 {
                buf.push_str("##");
            }
            buf.push_str(&word[from..to]);
            if let Some(id) = vocab.get(buf.as_str()) {
                found = Some(*id);
                break;
            }
            end -= 1;
        }
        match found {
            Some(id) => out.push(id),
            None => {
                out.truncate(start_len);
                return false;
            }
        }
        start = end;
    }
    true
}

/// BERT's white space: the space separators and tab, line feed, return.
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}'
    ) || matches!(c, '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// Invisible format characters (Unicode's Cf), which BERT drops: soft
/// hyphens, zero-width spaces and joiners, direction marks, byte-order marks.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// BERT counts every ASCII symbol as punctuation, and Unicode's P classes:
/// those of the scripts people write in (Latin, Greek, Armenian, Hebrew,
/// Arabic, Devanagari, CJK and full-width forms).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' | '\u{2e00}'..='\u{2e4f}')
        || matches!(
            c,
            '¡' | '§' | '«' | '¶' | '·' | '»' | '¿' | '\u{37e}' | '\u{387}'
        )
        || matches!(
            c,
            '\u{55a}'..='\u{55f}' | '\u{589}' | '\u{58a}' | '\u{5be}' | '\u{5c0}'
        )
        || matches!(
            c,
            '\u{5c3}' | '\u{5c6}' | '\u{5f3}' | '\u{5f4}' | '\u{609}' | '\u{60a}'
        )
        || matches!(
            c,
            '\u{60c}' | '\u{60d}' | '\u{61b}' | '\u{61e}' | '\u{61f}' | '\u{6d4}'
        )
        || matches!(c, '\u{66a}'..='\u{66d}' | '\u{964}' | '\u{965}' | '\u{970}')
        || matches!(c, '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301f}')
        || matches!(
            c,
            '\u{3030}' | '\u{303d}' | '\u{30a0}' | '\u{30fb}' | '\u{fe10}'..='\u{fe19}'
        )
        || matches!(c, '\u{fe30}'..='\u{fe52}' | '\u{fe54}'..='\u{fe61}' | '\u{fe63}' | '\u{fe68}')
        || matches!(c, '\u{ff01}'..='\u{ff03}' | '\u{ff05}'..='\u{ff0a}' | '\u{ff0c}'..='\u{ff0f}')
        || matches!(
            c,
            '\u{ff1a}' | '\u{ff1b}' | '\u{ff1f}' | '\u{ff20}' | '\u{ff3b}'..='\u{ff3d}'
        )
        || matches!(
            c,
            '\u{ff3f}' | '\u{ff5b}' | '\u{ff5d}' | '\u{ff5f}'..='\u{ff65}'
        )
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{20000}'..='\u{2a6df}'
        | '\u{2a700}'..='\u{2b81f}'
        | '\u{f900}'..='\u{faff}'
        | '\u{2f800}'..='\u{2fa1f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> HashMap<Box<str>, u32> {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| (Box::from(*w), i as u32))
            .collect()
    }

    #[test]
    fn words_are_lower_cased_unaccented_and_split_at_punctuation() {
        assert_eq!(
            basic_words("Cold-chain, Café  数据"),
            ["cold", "-", "chain", ",", "cafe", "数", "据"]
        );
    }

    #[test]
    fn a_word_is_cut_into_the_longest_pieces_the_vocabulary_has() {
        let v = vocab(&["post", "##gre", "##s", "##q", "##l", "##sql", "un"]);
        let mut out = Vec::new();
        pieces(&v, "postgresql", &mut out);
        assert_eq!(out, [0, 1, 5], "post ##gre ##sql");
        out.clear();
        pieces(&v, "unx", &mut out);
        assert!(out.is_empty(), "no cut: unknown, left out");
    }
}
