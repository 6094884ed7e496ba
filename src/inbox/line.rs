//! One line of a device's inbox file, as notes apps write them: list markers
//! (`- `, `* `, `+ `, `- [ ] `, `- [x] `) are ignored, and a leading date,
//! or date and time (`2026-12-05`, `2026-12-05 14:03`, `2026-12-05T14:03`),
//! optionally followed by a separator (`—`, `-`, `:`, `|`), is the entry's
//! date unless the capture says otherwise. Blank lines and Markdown headings
//! are not captures.

use chrono::NaiveDate;

/// What a device's line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// The day the line says it was written, if it says.
    pub date: Option<NaiveDate>,
    /// The capture itself (`@ana favor: …`).
    pub capture: &'a str,
}

/// The capture in `raw` (one line, without its newline), or `None` for a
/// line that is not one (blank, a heading, a bare list marker).
pub fn split(raw: &str) -> Option<Line<'_>> {
    let mut rest = raw.trim();
    if rest.is_empty() || rest.starts_with("# ") || rest.starts_with("## ") || rest == "#" {
        return None;
    }
    rest = strip_marker(rest);
    let mut date = None;
    if let Some((day, after)) = leading_date(rest) {
        date = Some(day);
        rest = strip_separator(after);
    }
    (!rest.is_empty()).then_some(Line {
        date,
        capture: rest,
    })
}

/// `- [ ] `, `- [x] `, `- `, `* `, `+ ` at the start (once).
fn strip_marker(s: &str) -> &str {
    if matches!(s, "-" | "*" | "+" | "- [ ]" | "- [x]" | "- [X]") {
        return "";
    }
    for marker in [
        "- [ ] ", "- [x] ", "- [X] ", "* [ ] ", "* [x] ", "- ", "* ", "+ ",
    ] {
        if let Some(rest) = s.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    s
}

/// A `YYYY-MM-DD` at the start, then optionally ` HH:MM`, `THH:MM` (and
/// `:SS`), followed by the end or whitespace.
fn leading_date(s: &str) -> Option<(NaiveDate, &str)> {
    let day = crate::model::parse_book_date(s.get(..10)?)?;
    let mut rest = &s[10..];
    for sep in [" ", "T"] {
        if let Some(after) = rest.strip_prefix(sep)
            && let Some(len) = time_len(after)
        {
            rest = &after[len..];
            break;
        }
    }
    let ends = rest.is_empty()
        || rest.starts_with(char::is_whitespace)
        || strip_separator(rest).len() < rest.len();
    ends.then_some((day, rest))
}

/// The length of `HH:MM` or `HH:MM:SS` at the start of `s`.
fn time_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let two = |i: usize| {
        b.get(i..i + 2)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    if !(two(0) && b.get(2) == Some(&b':') && two(3)) {
        return None;
    }
    Some(if b.get(5) == Some(&b':') && two(6) {
        8
    } else {
        5
    })
}

/// A separator a notes app puts between the date and the text.
fn strip_separator(s: &str) -> &str {
    let s = s.trim_start();
    for sep in ["—", "–", "-", ":", "|", ","] {
        if let Some(rest) = s.strip_prefix(sep)
            && (rest.is_empty() || rest.starts_with(char::is_whitespace))
        {
            return rest.trim_start();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn notes_apps_lines_give_their_date_and_capture() {
        let cases: [(&str, Option<NaiveDate>, &str); 10] = [
            (
                "@ana favor: sent the deck",
                None,
                "@ana favor: sent the deck",
            ),
            ("2026-12-05 @ana favor: x", d("2026-12-05"), "@ana favor: x"),
            (
                "2026-12-05 14:03 @ana call: x",
                d("2026-12-05"),
                "@ana call: x",
            ),
            (
                "2026-12-05T14:03:59 @ana call: x",
                d("2026-12-05"),
                "@ana call: x",
            ),
            (
                "- [ ] 2026-12-05 @ana coffee:",
                d("2026-12-05"),
                "@ana coffee:",
            ),
            (
                "- [x] @ana coffee: done in the app",
                None,
                "@ana coffee: done in the app",
            ),
            (
                "* @bo <help: fixed my bike",
                None,
                "@bo <help: fixed my bike",
            ),
            (
                "2026-12-05 — @ana coffee: x",
                d("2026-12-05"),
                "@ana coffee: x",
            ),
            (
                "  - 2026-12-05 14:03: @ana coffee: x  ",
                d("2026-12-05"),
                "@ana coffee: x",
            ),
            // Not a date at the start: the capture as written.
            ("2026-12-5 @ana coffee: x", None, "2026-12-5 @ana coffee: x"),
        ];
        for (raw, date, capture) in cases {
            assert_eq!(split(raw), Some(Line { date, capture }), "{raw}");
        }
    }

    #[test]
    fn blank_lines_headings_and_bare_markers_are_not_captures() {
        for raw in ["", "   ", "# Inbox", "## Monday", "-", "- [ ]", "\t"] {
            assert_eq!(split(raw), None, "{raw:?}");
        }
        assert_eq!(
            split("#hashtag coffee").map(|l| l.capture),
            Some("#hashtag coffee")
        );
    }
}
