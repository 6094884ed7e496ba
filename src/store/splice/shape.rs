//! Which old text a splice trusts, found by a cheap scan: the header's
//! fields one a line at this [`FORMAT_VERSION`], then each record on one
//! line of its own (`    (id: …),`, its strings closed on that line, no
//! comment, no raw string or char left open), in strictly rising id order
//! (so no id twice), each id spelt as the writer spells it.

use std::ops::Range;

use crate::model::FORMAT_VERSION;

/// Where each record's text is in the old text, by id.
pub(super) type Records = Vec<(u64, Range<usize>)>;

/// The people's and the entries' lines of `old`, when it is in the shape.
pub(super) fn records(old: &str) -> Option<(Records, Records)> {
    let mut lines = Lines { old, at: 0 };
    header(&mut lines)?;
    let people = section(&mut lines, "people")?;
    let entries = section(&mut lines, "entries")?;
    Some((people, entries))
}

/// The old text's lines, one at a time, without their `\n`.
struct Lines<'a> {
    old: &'a str,
    /// Where the next line starts.
    at: usize,
}

impl<'a> Lines<'a> {
    fn rest(&self) -> &'a str {
        &self.old[self.at..]
    }

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let end = memchr::memchr(b'\n', rest.as_bytes())?;
        self.at += end + 1;
        Some(&rest[..end])
    }
}

/// `(` then the fields before the people, one a line, as the writer writes
/// them; the version must be this kith's (an older file is migrated by a
/// whole write).
fn header(lines: &mut Lines) -> Option<()> {
    if lines.next()? != "(" {
        return None;
    }
    let mut fields = ["version", "anchor", "next_person_id", "next_entry_id"].into_iter();
    let mut version = None;
    loop {
        let start = lines.at;
        let line = lines.next()?;
        if line.starts_with("  people: ") {
            lines.at = start;
            return (version? == FORMAT_VERSION).then_some(());
        }
        let (name, value) = line
            .strip_prefix("  ")?
            .strip_suffix(',')?
            .split_once(": ")?;
        // In the writer's order, each at most once.
        fields.find(|&f| f == name)?;
        let plain = match name {
            "anchor" => value.len() == 12 && value.starts_with('"') && value.ends_with('"'),
            _ => canonical_number(value),
        };
        if !plain {
            return None;
        }
        if name == "version" {
            version = Some(value.parse::<u32>().ok()?);
        }
    }
}

/// The records of the list `name`: `  name: [],` or `  name: [`, one record a
/// line, `  ],`. Each as its id and where its text is, between the indent
/// and the comma.
fn section(lines: &mut Lines, name: &str) -> Option<Records> {
    let line = lines.next()?;
    let open = line.strip_prefix("  ")?.strip_prefix(name)?;
    match open {
        ": []," => return Some(Vec::new()),
        ": [" => {}
        _ => return None,
    }
    let mut records = Records::new();
    loop {
        let rest = lines.rest();
        if rest.starts_with("  ],\n") {
            lines.at += "  ],\n".len();
            return Some(records);
        }
        let end = memchr::memchr(b'\n', rest.as_bytes())?;
        if !plain(&rest.as_bytes()[..end]) && whole_line(rest.as_bytes())? != end {
            return None;
        }
        let record = rest[..end].strip_prefix("    ")?.strip_suffix(',')?;
        let id = record_id(record)?;
        if records.last().is_some_and(|(last, _)| *last >= id) {
            return None; // out of order, or an id twice
        }
        let start = lines.at + "    ".len();
        records.push((id, start..start + record.len()));
        lines.at += end + 1;
    }
}

/// The id of `(id: …, …)`, spelt as the writer spells it (a number, or a
/// drawn code in quotes).
fn record_id(record: &str) -> Option<u64> {
    let rest = record.strip_prefix("(id: ")?.strip_suffix(')')?;
    let spelt = &rest[..rest.find(',')?];
    match spelt.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        // Upper case reads as the same code, but is not the writer's spelling.
        Some(code) if !code.bytes().any(|b| b.is_ascii_uppercase()) => {
            crate::model::id::parse(code).filter(|&n| crate::model::id::is_code(n))
        }
        None if canonical_number(spelt) => crate::model::id::parse(spelt),
        _ => None,
    }
}

/// Digits as the writer writes a number: no sign, no leading zero.
fn canonical_number(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'))
        && s.len() <= 10
}

/// The common line, told in one pass the compiler vectorises: no escape,
/// comment, char, `#` or control character, and its quotes in pairs — so
/// every string on it is closed on it. Any other line is read by
/// [`whole_line`].
fn plain(line: &[u8]) -> bool {
    let mut quotes = 0u32;
    let mut odd = false;
    for &b in line {
        quotes += u32::from(b == b'"');
        odd |= matches!(b, b'\\' | b'/' | b'\'' | b'#') | (b < b' ') | (b == 0x7f);
    }
    !odd && quotes.is_multiple_of(2)
}

/// Where the line that starts `bytes` ends (its `\n`), when it is a whole
/// record: every string on it a plain `"…"` closed on it, and nothing outside
/// the strings that could carry one over to the next line — a comment, a raw
/// or byte string, a char, a control character. One pass, for speed.
fn whole_line(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    let mut prev = b'\n';
    loop {
        match *bytes.get(i)? {
            b'\n' => return Some(i),
            b'"' => {
                if !matches!(prev, b' ' | b'[' | b'(') {
                    return None;
                }
                i += 1;
                loop {
                    i += bytes[i..]
                        .iter()
                        .position(|&b| matches!(b, b'"' | b'\\' | b'\n'))?;
                    match bytes[i] {
                        b'"' => break,
                        // An escape: the next byte is escaped, unless it ends the line.
                        b'\\' if bytes.get(i + 1).is_some_and(|&b| b >= b' ') => i += 2,
                        _ => return None,
                    }
                }
            }
            b'/' | b'\'' | b'#' => return None,
            b if b.is_ascii_control() => return None,
            _ => {}
        }
        prev = bytes[i];
        i += 1;
    }
}
