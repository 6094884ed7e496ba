//! The cheap checks that run before the fuzzy matcher: char masks and
//! subsequence scans, plus folding with a map back to the original chars.

use crate::text::fold_char_into;

/// Ends each line in a band's folded text.
pub(super) const LINE_END: char = '\n';

/// Folds `text` onto `out`, pushing for each folded char the index of the
/// original char it came from onto `map`. Returns the folded text's char mask.
/// A line break folds to a space, so [`LINE_END`] only ever ends a line.
pub(super) fn fold_mapped(text: &str, out: &mut String, map: &mut Vec<u32>) -> u64 {
    match fold_ascii(text, out) {
        Some(mask) => {
            map.extend(0..text.len() as u32);
            mask
        }
        None => fold_mapped_chars(text, out, map),
    }
}

/// Folds ASCII text on one line (most of a book) onto `out` and returns its
/// char mask; `None`, with nothing written, for any other text. Such text
/// folds to its lower case, char i from char i, so it needs no map back to
/// the original: copied in bulk, without the char-by-char walk.
pub(super) fn fold_ascii(text: &str, out: &mut String) -> Option<u64> {
    if !text.is_ascii() || text.contains(LINE_END) {
        return None;
    }
    let start = out.len();
    out.push_str(text);
    out[start..].make_ascii_lowercase();
    Some(
        out[start..]
            .bytes()
            .fold(0, |mask, b| mask | char_mask(char::from(b))),
    )
}

/// [`fold_mapped`] one char at a time, for any text.
pub(super) fn fold_mapped_chars(text: &str, out: &mut String, map: &mut Vec<u32>) -> u64 {
    let mut mask = 0;
    for (i, c) in text.chars().enumerate() {
        let before = out.len();
        fold_char_into(if c == LINE_END { ' ' } else { c }, out);
        for f in out[before..].chars() {
            mask |= char_mask(f);
            map.push(i as u32);
        }
    }
    mask
}

/// The char mask of `text` folded (what [`fold_mapped`] returns), without
/// keeping the folded text: ASCII text byte by byte, other chars folded one
/// at a time into `scratch`.
pub(super) fn folded_mask(text: &str, scratch: &mut String) -> u64 {
    if text.is_ascii() {
        return text.bytes().fold(0, |mask, b| {
            mask | char_mask(char::from(b.to_ascii_lowercase()))
        });
    }
    let mut mask = 0;
    for c in text.chars() {
        if c.is_ascii() {
            mask |= char_mask(c.to_ascii_lowercase());
            continue;
        }
        scratch.clear();
        fold_char_into(c, scratch);
        mask |= scratch.chars().fold(0, |m, f| m | char_mask(f));
    }
    mask
}

/// A 64-bit summary of which chars a text holds: one bit per ASCII letter and
/// digit, the rest hashed into the remaining bits. A word can only match a text
/// whose mask covers the word's mask.
pub(super) fn char_mask(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        c if c.is_whitespace() => 0,
        c => 1 << (36 + c as u32 % 28),
    }
}

/// The mask of a folded word (see [`char_mask`]).
pub(super) fn word_mask(word: &str) -> u64 {
    word.chars().fold(0, |m, c| m | char_mask(c))
}

/// Whether `pattern`'s chars appear in `text` in order: the necessary
/// condition for a fuzzy match.
pub(super) fn is_subsequence(text: &str, pattern: &str) -> bool {
    some_line_has(text, pattern)
}

/// Whether `pattern`'s chars appear in order within one of the
/// [`LINE_END`]-separated lines of `text`: one pass over a person's whole band.
pub(super) fn some_line_has(text: &str, pattern: &str) -> bool {
    if pattern.is_empty() {
        return true;
    }
    if pattern.is_ascii() {
        // An ASCII byte in UTF-8 is always a whole char, so bytes will do.
        let want = pattern.as_bytes();
        let mut i = 0;
        for &b in text.as_bytes() {
            if b == want[i] {
                i += 1;
                if i == want.len() {
                    return true;
                }
            } else if b == LINE_END as u8 {
                i = 0;
            }
        }
        return false;
    }
    let want: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    for c in text.chars() {
        if c == want[i] {
            i += 1;
            if i == want.len() {
                return true;
            }
        } else if c == LINE_END {
            i = 0;
        }
    }
    false
}

/// Whether `word` matches `line` cleanly, as a person would mean it: as a
/// substring (`acme`, `ana` in Diana), within one word from its start with
/// letters left out (`jse` for José, `mllr` for Müller), or as the starts of
/// successive words (`jg` or `josgar` for José García). Anything else the
/// fuzzy matcher accepts (`acme` in "grace mensah") is a loose match.
pub(super) fn is_clean(line: &str, word: &str) -> bool {
    if !some_line_has(line, word) {
        return false;
    }
    if line.contains(word) {
        return true;
    }
    let Some(first) = word.chars().next() else {
        return true;
    };
    let words = || {
        line.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    for (i, start) in words().enumerate() {
        if !start.starts_with(first) {
            continue;
        }
        if is_subsequence(start, word) {
            return true;
        }
        // Greedy: each following word takes as much of the rest as it starts with.
        let mut rest = word;
        for w in words().skip(i) {
            rest = &rest[common_prefix(w, rest)..];
            if rest.is_empty() {
                return true;
            }
        }
    }
    false
}

/// The byte length of the longest common prefix of `a` and `b`, on char bounds.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_folds_byte_for_byte_as_char_by_char() {
        for text in [
            "José",
            "Ana LIMA\nline two",
            "",
            "a-b_c 42 @x.test\t",
            "ZZ\n",
        ] {
            let (mut fast, mut fast_map) = (String::from("x"), vec![7]);
            let (mut slow, mut slow_map) = (String::from("x"), vec![7]);
            let mask = fold_mapped(text, &mut fast, &mut fast_map);
            assert_eq!(mask, fold_mapped_chars(text, &mut slow, &mut slow_map));
            assert_eq!((fast, fast_map), (slow, slow_map), "{text:?}");
        }
    }

    #[test]
    fn a_mask_told_without_folding_is_the_folded_text_s_mask() {
        let mut scratch = String::new();
        for text in [
            "José",
            "Straße Øre Æsir ŁÓDŹ",
            "王芳 🎸 Sam",
            "Ana LIMA\nline two",
            "",
            "a-b_c 42 @x.test\t",
            "Çelik İnce",
        ] {
            let (mut out, mut map) = (String::new(), Vec::new());
            let want = fold_mapped(text, &mut out, &mut map);
            assert_eq!(folded_mask(text, &mut scratch), want, "{text:?}");
        }
        // "ß" folds to "ss" and "Ø" to "o": the folded chars count.
        assert_eq!(folded_mask("ß", &mut scratch), word_mask("s"));
        assert_eq!(folded_mask("Ø", &mut scratch), word_mask("o"));
    }

    #[test]
    fn subsequence_within_one_line() {
        assert!(is_subsequence("jose maria", "jsm"));
        assert!(!is_subsequence("jose", "jsx"));
        assert!(is_subsequence("王芳", "芳"));
        assert!(some_line_has("ana\nacme\n", "acm"));
        assert!(!some_line_has("ana\nacme\n", "nac"), "not across lines");
        assert!(!some_line_has("王\n芳\n", "王芳"));
        assert!(some_line_has("李\n王x芳\n", "王芳"));
    }

    #[test]
    fn clean_matches_are_substrings_omissions_or_word_starts() {
        assert!(is_clean("acme robotics", "acme"));
        assert!(is_clean("diana", "ana"));
        assert!(is_clean("jose garcia", "jse"));
        assert!(is_clean("anna muller", "mllr"));
        assert!(is_clean("jose garcia", "jg"));
        assert!(is_clean("jose garcia", "josgar"));
        assert!(is_clean("王芳", "芳"));
        assert!(is_clean("王 芳", "王芳"));
        assert!(!is_clean("grace mensah", "acme"));
        assert!(!is_clean("grace mensah", "ana"));
        assert!(!is_clean("jose garcia", "sg"), "not from a word start");
        assert_eq!(common_prefix("josé", "josa"), 3);
        assert_eq!(common_prefix("ab", "abc"), 2);
    }

    #[test]
    fn masks_cover_the_chars_of_a_word() {
        assert_eq!(word_mask("ab") & word_mask("abc"), word_mask("ab"));
        assert_ne!(word_mask("z") & word_mask("abc"), word_mask("z"));
        assert_eq!(word_mask("a b"), word_mask("ab"));
    }

    #[test]
    fn folding_keeps_a_map_to_original_chars() {
        let (mut out, mut map) = (String::new(), Vec::new());
        fold_mapped("Straße\nJosé", &mut out, &mut map);
        assert_eq!(out, "strasse jose");
        assert_eq!(map, vec![0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10]);
    }
}
