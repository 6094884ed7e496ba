//! A save that costs the change, not the book: the new file is the old one
//! with only what an operation touched written again. Every person's and
//! entry's line the operation did not touch is copied byte for byte from the
//! file as it is on disk; the header, the touched and new records, and the
//! small sections after the entries are written fresh by [`fast_write`]'s
//! one layout, so over a file in kith's own shape the result is exactly
//! [`fast_write::book_text`].
//!
//! The old text is trusted only in that shape, checked by a cheap scan: the
//! header's fields one a line at this [`FORMAT_VERSION`], then each record on
//! one line of its own (`    (id: …),`, its strings closed on that line, no
//! comment, no raw string or char left open), in strictly rising id order (so no id twice),
//! each id spelt as the writer spells it. Anything else is `None`, and the
//! caller writes the whole book.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use crate::model::{Book, Entry, EntryId, FORMAT_VERSION, Op, Person, PersonId};

use super::fast_write::{self, Out};
use super::{Stamp, StoreError, disk};

/// Saves `book` after `op` at `target`: spliced over the file when it is
/// still the version `seen` (the one `book` was before `op`, read now under
/// the lock) and in the shape the splice trusts, else (or when `whole`) the
/// whole book as [`fast_write::book_text`] writes it.
pub(super) fn save(
    target: &Path,
    seen: Option<Stamp>,
    book: &Book,
    op: &Op,
    whole: bool,
) -> Result<(), StoreError> {
    let old = if whole { None } else { old_text(target, seen) };
    if let Some(old) = &old
        && let Some(out) = spliced(old, book, &Touched::by(op))
    {
        let parts = out.parts();
        #[cfg(debug_assertions)]
        check(&parts.concat(), book);
        return disk::save_with(target, &parts, true);
    }
    disk::save(target, fast_write::book_text(book).as_bytes())
}

/// The file at `target`, when it is still the version `seen` and UTF-8.
fn old_text(target: &Path, seen: Option<Stamp>) -> Option<String> {
    let seen = seen?;
    let mut file = disk::open_own(target).ok()?;
    let meta = file.metadata().ok()?;
    if Stamp::from_meta(&meta) != seen {
        return None;
    }
    let mut old = Vec::with_capacity(usize::try_from(meta.len()).ok()? + 1);
    file.read_to_end(&mut old).ok()?;
    String::from_utf8(old).ok()
}

/// The records an operation changed or removed, by id, sorted: their lines
/// in the old text are stale.
#[derive(Debug, Default)]
pub(super) struct Touched {
    people: Vec<u64>,
    entries: Vec<u64>,
}

impl Touched {
    pub(super) fn by(op: &Op) -> Touched {
        let (mut people, mut entries) = (Vec::new(), Vec::new());
        op.touched(&mut people, &mut entries);
        let mut people: Vec<u64> = people.into_iter().map(|PersonId(id)| id).collect();
        let mut entries: Vec<u64> = entries.into_iter().map(|EntryId(id)| id).collect();
        people.sort_unstable();
        people.dedup();
        entries.sort_unstable();
        entries.dedup();
        Touched { people, entries }
    }
}

/// A splice ready to write: what was written afresh, and the runs of the
/// old text between.
pub struct Spliced<'a>(Out<'a>);

impl Spliced<'_> {
    /// The parts of the new file, in order, as a save writes them.
    pub fn parts(&self) -> Vec<&[u8]> {
        self.0.parts()
    }

    pub fn len(&self) -> usize {
        self.parts().iter().map(|p| p.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The splice a save writes, for the operation `op`: how benchmarks reach
/// it ([`super::fast::splice`]).
pub fn over<'a>(old: &'a str, book: &Book, op: &Op) -> Option<Spliced<'a>> {
    spliced(old, book, &Touched::by(op)).map(Spliced)
}

/// The spliced text as one string.
#[cfg(test)]
pub(super) fn text(old: &[u8], book: &Book, touched: &Touched) -> Option<String> {
    let old = std::str::from_utf8(old).ok()?;
    let parts = spliced(old, book, touched)?.parts().concat();
    Some(String::from_utf8(parts).expect("runs of UTF-8 cut at line ends"))
}

/// `book`'s text spliced over `old` (the file as this store last read or
/// wrote it, which `book` was before the operation that `touched` names), or
/// `None` when `old` is not in the shape the splice can trust.
fn spliced<'a>(old: &'a str, book: &Book, touched: &Touched) -> Option<Out<'a>> {
    let mut lines = Lines { old, at: 0 };
    header(&mut lines)?;
    let people = section(&mut lines, "people")?;
    let entries = section(&mut lines, "entries")?;
    let mut people = Copier::new(people, &touched.people);
    let mut entries = Copier::new(entries, &touched.entries);
    let mut out = Out::over(old, 4096);
    fast_write::write_book(
        &mut out,
        book,
        |out, p: &Person| {
            if !people.copy(out, p.id.0) {
                fast_write::person(out, p);
            }
        },
        |out, e: &Entry| {
            if !entries.copy(out, e.id.0) {
                fast_write::entry(out, e);
            }
        },
    );
    Some(out)
}

/// Where each record's text is in the old text, by id.
type Records = Vec<(u64, Range<usize>)>;

/// The old lines of one kind of record, walked in step with the book's
/// records (both in rising id order).
struct Copier<'a> {
    lines: Records,
    at: usize,
    touched: &'a [u64],
}

impl<'a> Copier<'a> {
    fn new(lines: Records, touched: &'a [u64]) -> Copier<'a> {
        Copier {
            lines,
            at: 0,
            touched,
        }
    }

    /// Takes the old line of record `id` when it has one and the operation
    /// did not touch it; false when the record must be written afresh.
    fn copy(&mut self, out: &mut Out, id: u64) -> bool {
        while self.lines.get(self.at).is_some_and(|(old, _)| *old < id) {
            self.at += 1;
        }
        match self.lines.get(self.at) {
            Some((old, record)) if *old == id && self.touched.binary_search(&id).is_err() => {
                out.take(record.clone());
                true
            }
            _ => false,
        }
    }
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

/// The safety net of every build with debug assertions (the test suite):
/// the spliced text is exactly what the whole writer writes, or, over an old
/// text not in the writer's shape, reads back as the very book in memory. A
/// change made to the book without an operation fails here.
#[cfg(debug_assertions)]
fn check(text: &[u8], book: &Book) {
    if text == fast_write::book_text(book).as_bytes() {
        return;
    }
    let back = super::parse_book(Path::new("spliced"), text)
        .unwrap_or_else(|e| panic!("a spliced save wrote a book kith cannot read: {e}"));
    assert!(
        back == *book,
        "a spliced save wrote a book other than the one in memory: was the book \
         changed without an operation?"
    );
}
