//! Text helpers shared by search, capture and the views: folding for matching,
//! and truncation and padding by display width (never by bytes).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Folds text for matching: lower case, accents removed (`José` → `jose`,
/// `ÅNGSTRÖM` → `angstrom`, `Müller` → `muller`), a few letters that do not
/// decompose spelled out (`ß` → `ss`, `ø` → `o`, `æ` → `ae`). CJK is unchanged.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// Folds one character, pushing its folded form (zero or more chars) to `out`.
/// Folding char by char lets callers map positions back to the original text.
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'ß' => out.push_str("ss"),
        'ø' | 'Ø' => out.push('o'),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'đ' | 'Đ' => out.push('d'),
        'ł' | 'Ł' => out.push('l'),
        'ı' => out.push('i'),
        _ => {
            for d in c.nfd().filter(|d| !is_combining_mark(*d)) {
                out.extend(d.to_lowercase());
            }
        }
    }
}

/// Display width of a string (CJK and most emoji are two columns).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Truncates to `cols` columns, then pads with spaces to exactly `cols`.
pub fn fit(s: &str, cols: usize) -> String {
    let mut out = truncate(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Pads on the left to exactly `cols` columns (for numbers).
pub fn fit_right(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let pad = cols.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(pad))
}

/// A compact age for lists: `today`, `3d`, `5w`, `4mo`, `2y`; future dates `in 3d`.
pub fn short_age(days: i64) -> String {
    if days < 0 {
        return format!("in {}", short_age(-days));
    }
    match days {
        0 => "today".to_string(),
        1..=13 => format!("{days}d"),
        14..=59 => format!("{}w", days / 7),
        60..=729 => format!("{}mo", days / 30),
        _ => format!("{}y", days / 365),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ages_read_naturally() {
        let ages: Vec<String> = [0, 3, 13, 14, 59, 60, 400, 800, -3].map(short_age).to_vec();
        assert_eq!(
            ages,
            [
                "today", "3d", "13d", "2w", "8w", "2mo", "13mo", "2y", "in 3d"
            ]
        );
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("José"), "jose");
        assert_eq!(fold("Zoë"), "zoe");
        assert_eq!(fold("ÅNGSTRÖM"), "angstrom");
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("王芳"), "王芳");
    }

    #[test]
    fn truncates_and_pads_by_display_width() {
        assert_eq!(truncate("王芳芳", 5), "王芳…");
        assert_eq!(width(&truncate("王芳芳", 4)), 3);
        assert_eq!(fit("José", 6), "José  ");
        assert_eq!(fit("王芳", 3), "王…");
        assert_eq!(fit("王芳", 2), "… ");
        assert_eq!(width(&fit("😀 party", 5)), 5);
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit_right("42", 4), "  42");
    }
}
