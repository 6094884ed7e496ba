//! Text helpers shared by search, capture and the views: folding for matching,
//! truncation and padding by display width (never by bytes), and keeping
//! control characters out of the book and off the terminal.

use std::borrow::Cow;
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

/// True for what a terminal may act on rather than print: C0 controls, DEL,
/// C1 controls (U+0080–U+009F, which some terminals read as ESC sequences),
/// and the bidirectional overrides that reorder what is shown.
pub fn is_hazard(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A one-line field on its way into the book (a name, an org, an e-mail, a
/// capture's summary): tabs and line breaks become spaces, every other
/// control character is dropped. Borrowed when there was nothing to clean.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hazard) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_hazard(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Free text on its way into the book (notes): keeps line breaks and tabs
/// (`\r\n` becomes `\n`), drops every other control character.
pub fn clean_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hazard(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if is_hazard(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text from the book on its way to a terminal: line breaks (also CRLF) and tabs stay,
/// every other control character is shown instead of sent — C0 and DEL as
/// their Unicode pictures (`ESC` → `␛`, `BEL` → `␇`), C1 and bidi overrides as
/// `<U+009B>` — so a hostile name can neither run a sequence nor hide text.
pub fn visible(s: &str) -> Cow<'_, str> {
    let harmless = |c: char| c == '\n' || c == '\t' || c == '\r';
    if !s.chars().any(|c| is_hazard(c) && !harmless(c)) && !s.contains("\r") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            // A CRLF line end (vCard, CSV) is harmless; a lone CR could
            // print over what came before it on the line.
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            '\u{0}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + c as u32).expect("control pictures exist"))
            }
            '\u{7f}' => out.push('\u{2421}'),
            c if is_hazard(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text on its way out: serde_json escapes C0 controls but writes DEL,
/// C1 controls and bidi overrides raw; this escapes them too (`\u009b`). Only
/// valid inside strings, where JSON text can hold such characters at all.
pub fn json_visible(json: String) -> String {
    if !json.chars().any(is_hazard) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(c),
            c if is_hazard(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// `n` and the noun in the right number: `count(1, "entry", "entries")` is
/// "1 entry", `count(3, …)` "3 entries". For every count shown to the user.
pub fn count<N>(n: N, one: &str, many: &str) -> String
where
    N: Copy + PartialEq + From<u8> + std::fmt::Display,
{
    format!("{n} {}", if n == N::from(1) { one } else { many })
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

/// Cuts `s` to at most `max` columns at a word boundary (a space), ending
/// with `…` when it was cut; a first word longer than that is cut inside.
pub fn truncate_words(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let cut = truncate(s, max);
    let kept = cut.trim_end_matches('…');
    match kept.rfind(' ') {
        Some(at) if at > 0 => format!("{}…", kept[..at].trim_end()),
        _ => cut,
    }
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

/// A day as kith shows it everywhere: `Thu 3 Dec`, with the year when it is
/// not `today`'s (`Wed 3 Dec 2025`).
pub fn day(date: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() == today.year() {
        date.format("%a %-d %b").to_string()
    } else {
        date.format("%a %-d %b %Y").to_string()
    }
}

/// [`day`] without the weekday, for a narrow column: `3 Dec`, `3 Dec 2025`.
pub fn short_day(date: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() == today.year() {
        date.format("%-d %b").to_string()
    } else {
        date.format("%-d %b %Y").to_string()
    }
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

/// Items joined with `; `; `\` and `;` inside an item escaped.
pub fn join_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| s.replace('\\', "\\\\").replace(';', "\\;"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Undoes [`join_list`].
pub fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut item = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => item.extend(chars.next()),
            ';' => {
                out.push(std::mem::take(&mut item));
                // The space after `;` belongs to the separator.
                let rest = chars.as_str();
                if let Some(r) = rest.strip_prefix(' ') {
                    chars = r.chars();
                }
            }
            c => item.push(c),
        }
    }
    out.push(item);
    out.retain(|i| !i.is_empty());
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_split_back_exactly() {
        let items: Vec<String> = vec![
            "ski;club".into(),
            "golf".into(),
            "a\\b; c".into(),
            " x".into(),
        ];
        assert_eq!(join_list(&items), "ski\\;club; golf; a\\\\b\\; c;  x");
        assert_eq!(split_list(&join_list(&items)), items);
        assert_eq!(split_list(""), Vec::<String>::new());
    }

    #[test]
    fn counts_take_the_right_number() {
        assert_eq!(count(0, "entry", "entries"), "0 entries");
        assert_eq!(count(1, "entry", "entries"), "1 entry");
        assert_eq!(count(2, "open promise", "open promises"), "2 open promises");
    }

    use super::*;

    #[test]
    fn days_read_one_way_with_the_year_only_when_it_is_another() {
        let today: chrono::NaiveDate = "2026-12-07".parse().unwrap();
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(day(d("2026-12-11"), today), "Fri 11 Dec");
        assert_eq!(day(d("2025-12-03"), today), "Wed 3 Dec 2025");
        assert_eq!(short_day(d("2026-12-11"), today), "11 Dec");
        assert_eq!(short_day(d("2027-01-02"), today), "2 Jan 2027");
    }

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
    fn one_line_fields_keep_no_control_character() {
        assert_eq!(
            clean_line("Ana\u{1b}]52;c;cm0gLXJmIH4=\u{7}"),
            "Ana]52;c;cm0gLXJmIH4="
        );
        assert_eq!(clean_line("Acme\u{1b}[8m Inc"), "Acme[8m Inc");
        assert_eq!(clean_line("two\r\nlines\tand tab"), "two lines and tab");
        assert_eq!(clean_line("C1 \u{9b}31m red"), "C1 31m red");
        assert_eq!(clean_line("evil\u{202e}txt.exe"), "eviltxt.exe");
        assert!(matches!(clean_line("José 王芳 😀"), Cow::Borrowed(_)));
    }

    #[test]
    fn notes_keep_line_breaks_and_tabs_only() {
        assert_eq!(clean_text("a\r\nb\tc\u{1b}[2J\u{7}"), "a\nb\tc[2J");
        assert_eq!(clean_text("old mac\rline"), "old mac\nline");
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        let shown = visible("x\u{1b}]0;title\u{7}y\u{9b}z\u{7f}\nnext\tcol");
        assert_eq!(shown, "x␛]0;title␇y<U+009B>z␡\nnext\tcol");
        assert!(
            !shown
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
        );
        assert!(matches!(visible("plain José"), Cow::Borrowed(_)));
        assert_eq!(
            visible("BEGIN:VCARD\r\nFN:x\ry\r\n"),
            "BEGIN:VCARD\r\nFN:x␍y\r\n"
        );
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw() {
        let raw = serde_json::to_string(&"a\u{1b}b\u{9b}c\u{7f}").unwrap();
        assert!(raw.contains('\u{9b}'), "serde_json writes C1 raw: {raw}");
        let safe = json_visible(raw);
        assert!(!safe.chars().any(is_hazard), "{safe}");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{1b}b\u{9b}c\u{7f}");
    }

    #[test]
    fn status_messages_are_cut_between_words() {
        assert_eq!(truncate_words("closed 1 promise today", 14), "closed 1…");
        assert_eq!(truncate_words("closed 1 promise", 40), "closed 1 promise");
        assert_eq!(truncate_words("supercalifragilistic", 8), "superca…");
        assert!(width(&truncate_words("王芳 王芳 王芳", 7)) <= 7);
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
