//! The vCard format, for export and import alike: content lines
//! ([`line`], folding and escaping here — iCalendar's lines are the same),
//! fields ([`fields`]), the lines kith keeps verbatim for the phone
//! ([`keep`]) and kith's own `X-KITH-` lines ([`kith`]). It knows the model
//! and nothing above it.

pub mod fields;
pub mod keep;
pub mod kith;
pub mod line;

/// Appends `line` to `out` folded for vCard/iCalendar: physical lines of at
/// most [`FOLD_AT`] octets, each ending in CRLF, continuations starting with a
/// space; a UTF-8 character is never split.
pub fn push_folded(out: &mut String, line: &str) {
    let mut room = FOLD_AT;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > room {
            out.push_str("\r\n ");
            room = FOLD_AT - 1;
            used = 0;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// Escapes a TEXT value: `\` `,` `;` and line breaks.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// The longest physical line vCard and iCalendar allow, in octets, without
/// the CRLF.
pub const FOLD_AT: usize = 75;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é王".repeat(40));
        push_folded(&mut out, &line);
        for l in out.split_terminator("\r\n") {
            assert!(l.len() <= FOLD_AT, "{} octets: {l}", l.len());
        }
        assert!(out.ends_with("\r\n"));
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        let mut short = String::new();
        push_folded(&mut short, "A:b");
        assert_eq!(short, "A:b\r\n");
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
