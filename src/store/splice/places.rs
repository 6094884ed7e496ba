//! A splice that reads only the lines it changes: over a text known to be
//! exactly what kith's writer wrote (its fingerprint is the one the lock
//! file recorded, see [`crate::store::checked`]), each changed record's line
//! is found by a binary search over the bytes instead of a scan of every
//! line, so a save costs the records it touches and a copy of the rest.

use std::ops::Range;

use crate::model::{Book, Entry, Op, Person};

use super::super::fast_read::record_id;
use super::super::fast_write::{self, Out};

/// The people's and the entries' runs of whole records in a text in the
/// writer's shape (each record from the line break before it to the comma
/// after it, see [`fast_write::record`]); `None` for an empty list.
pub(in crate::store) struct Runs {
    pub people: Option<Range<usize>>,
    pub entries: Option<Range<usize>>,
}

impl Runs {
    /// The runs of `text`, found by their lists' openings and closings;
    /// `None` when they are not where the writer puts them.
    pub(in crate::store) fn of(text: &str) -> Option<Runs> {
        let (people, after) = list(text, 0, "\n  people: [")?;
        let (entries, _) = list(text, after, "\n  entries: [")?;
        Some(Runs { people, entries })
    }
}

/// The run of the list opened by `opening` (the first after `from`), and
/// where the list ends.
fn list(text: &str, from: usize, opening: &str) -> Option<(Option<Range<usize>>, usize)> {
    let bytes = text.as_bytes();
    let open = from + memchr::memmem::find(&bytes[from..], opening.as_bytes())? + opening.len();
    if bytes[open..].starts_with(b"],\n") {
        return Some((None, open + 1));
    }
    // No record's line starts with `  ]`: the first closing is the list's.
    let close = open + memchr::memmem::find(&bytes[open..], b"\n  ],\n")?;
    (bytes[open] == b'\n' && bytes[close - 1] == b',').then_some((Some(open..close), close))
}

/// Where a record with id `id` is in the run of whole records `run` (in
/// rising id order): `Ok` with its span, or `Err` with where it would go
/// (the start of the first record with a higher id, or the run's end).
/// `None` when a line read is not a record's. A binary search over the
/// bytes: a few lines read, however long the run.
pub(in crate::store) fn place(
    text: &str,
    run: Range<usize>,
    id: u64,
) -> Option<Result<Range<usize>, usize>> {
    let bytes = text.as_bytes();
    let (mut low, mut high) = (run.start, run.end);
    while low < high {
        let mid = low + (high - low) / 2;
        // The record that starts at or after the middle, else the last one
        // before it (`low` starts one).
        let start = match memchr::memchr(b'\n', &bytes[mid..high]) {
            Some(i) => mid + i,
            None => low + memchr::memrchr(b'\n', &bytes[low..mid])?,
        };
        let end = memchr::memchr(b'\n', &bytes[start + 1..high]).map_or(high, |i| start + 1 + i);
        let found = record_id(&text[start + 1..end])?;
        match found.cmp(&id) {
            std::cmp::Ordering::Equal => return Some(Ok(start..end)),
            std::cmp::Ordering::Less => low = end,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    Some(Err(low))
}

/// The old records `run` with each record `changed` names (ids, rising)
/// written as it is in `records` now, where its id goes: its old line
/// replaced, or dropped when it is gone, or put in when it is new.
fn rewrite<'a, T>(
    out: &mut Out<'a>,
    text: &str,
    run: Option<Range<usize>>,
    changed: &[u64],
    records: &[T],
    id: impl Fn(&T) -> u64,
    line: impl Fn(&mut Out<'a>, &T),
) -> Option<bool> {
    let Range { mut start, end } = run.unwrap_or(0..0);
    let mut any = false;
    for &changed in changed {
        let (until, after) = match place(text, start..end, changed)? {
            Ok(old) => (old.start, old.end),
            Err(at) => (at, at),
        };
        if until > start {
            out.take(start..until);
            any = true;
        }
        if let Ok(i) = records.binary_search_by_key(&changed, &id) {
            fast_write::record(out, |out| line(out, &records[i]));
            any = true;
        }
        start = after;
    }
    if end > start {
        out.take(start..end);
        any = true;
    }
    Some(any)
}

/// The ids of the records an operation changed, removed or added, rising:
/// those it names, and those its inverse names (an added record's inverse
/// removes it, with the id it was given).
#[derive(Debug, Default)]
pub(in crate::store) struct Changed {
    pub people: Vec<u64>,
    pub entries: Vec<u64>,
}

impl Changed {
    pub(in crate::store) fn by(op: &Op, inverse: &Op) -> Changed {
        let (mut people, mut entries) = (Vec::new(), Vec::new());
        op.touched(&mut people, &mut entries);
        inverse.touched(&mut people, &mut entries);
        let mut people: Vec<u64> = people.into_iter().map(|p| p.0).collect();
        let mut entries: Vec<u64> = entries.into_iter().map(|e| e.0).collect();
        for ids in [&mut people, &mut entries] {
            ids.sort_unstable();
            ids.dedup();
        }
        Changed { people, entries }
    }
}

/// `book` written over `old` (the text it was before the operation that
/// `changed` describes, in the writer's shape) by finding each changed
/// record's place; `None` when the text is not where the writer puts it.
pub(in crate::store) fn over<'a>(old: &'a str, book: &Book, changed: &Changed) -> Option<Out<'a>> {
    over_runs(old, &Runs::of(old)?, book, changed)
}

/// [`over`] with the runs of `old` already found. `book` may hold only the
/// changed records of a list whose other records are all in its run (a
/// capture's book, without its old entries).
pub(in crate::store) fn over_runs<'a>(
    old: &'a str,
    runs: &Runs,
    book: &Book,
    changed: &Changed,
) -> Option<Out<'a>> {
    let mut out = Out::over(old, 4096);
    let fits = std::cell::Cell::new(true);
    let fit = |rewritten: Option<bool>| {
        fits.set(fits.get() && rewritten.is_some());
        rewritten.unwrap_or(false)
    };
    fast_write::write_book(
        &mut out,
        book,
        |out| {
            fit(rewrite(
                out,
                old,
                runs.people.clone(),
                &changed.people,
                &book.people,
                |p: &Person| p.id.0,
                fast_write::person,
            ))
        },
        |out| {
            fit(rewrite(
                out,
                old,
                runs.entries.clone(),
                &changed.entries,
                &book.entries,
                |e: &Entry| e.id.0,
                fast_write::entry,
            ))
        },
    );
    fits.get().then_some(out)
}
