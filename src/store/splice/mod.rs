//! A save that costs the change, not the book: the new file is the old one
//! with only what an operation touched written again. Every person's and
//! entry's line the operation did not touch is copied byte for byte from the
//! file as it is on disk; the header, the touched and new records, and the
//! small sections after the entries are written fresh by [`fast_write`]'s
//! one layout, so over a file in kith's own shape the result is exactly
//! [`fast_write::book_text`].
//!
//! The old text is trusted only in that shape, checked by a cheap scan
//! ([`shape`]); anything else, and the caller writes the whole book.

use std::io::Read;
use std::path::Path;

use crate::model::{Book, Entry, EntryId, Op, Person, PersonId};

use super::checked::Checked;
use super::fast_write::{self, Out};
use super::{Stamp, StoreError, disk};

pub(super) mod places;
mod shape;

pub(super) use places::{Changed, Runs};

use shape::Records;

/// Saves `book` after `op` at `target`: spliced over the file when it is
/// still the version `seen` (the one `book` was before `op`, read now under
/// the lock, or `held` already) and in the shape the splice trusts, else (or when `whole`) the
/// whole book as [`fast_write::book_text`] writes it.
#[allow(clippy::too_many_arguments)]
pub(super) fn save(
    target: &Path,
    seen: Option<Stamp>,
    held: Option<String>,
    recorded: Option<Checked>,
    book: &Book,
    (op, inverse): (&Op, &Op),
    whole: bool,
) -> Result<Checked, StoreError> {
    let old = match held {
        _ if whole => None,
        // The text of `seen` in hand: the file need only still be it.
        Some(text) if seen.is_some() && Stamp::of(target) == seen => Some(text),
        _ => old_text(target, seen),
    };
    if let Some(old) = &old
        && let Some(out) = places_over(old, recorded, book, op, inverse)
            .or_else(|| spliced(old, book, &Touched::by(op)))
    {
        let parts = out.parts();
        #[cfg(debug_assertions)]
        check(&parts.concat(), book);
        return write(target, &parts);
    }
    write(target, &[fast_write::book_text(book).as_bytes()])
}

/// The splice by places ([`places`]) when `old` is the very text the last
/// save recorded it wrote, so in the writer's shape.
fn places_over<'a>(
    old: &'a str,
    recorded: Option<Checked>,
    book: &Book,
    op: &Op,
    inverse: &Op,
) -> Option<Out<'a>> {
    let recorded = recorded?;
    (Checked::of(&[old.as_bytes()]) == recorded).then_some(())?;
    places::over(old, book, &Changed::by(op, inverse))
}

/// Saves the text made of `parts` with the rolling backups; what was
/// written, for the lock file's record.
pub(super) fn write(target: &Path, parts: &[&[u8]]) -> Result<Checked, StoreError> {
    let checked = Checked::of(parts);
    disk::save_with(target, parts, true)?;
    Ok(checked)
}

/// The file at `target`, when it is still the version `seen` and UTF-8.
pub(super) fn old_text(target: &Path, seen: Option<Stamp>) -> Option<String> {
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
    let (people, entries) = shape::records(old)?;
    let mut people = Copier::new(people, &touched.people);
    let mut entries = Copier::new(entries, &touched.entries);
    let mut out = Out::over(old, 4096);
    fast_write::write_book(
        &mut out,
        book,
        |out| {
            fast_write::each(out, &book.people, |out, p: &Person| {
                if !people.copy(out, p.id.0) {
                    fast_write::person(out, p);
                }
            })
        },
        |out| {
            fast_write::each(out, &book.entries, |out, e: &Entry| {
                if !entries.copy(out, e.id.0) {
                    fast_write::entry(out, e);
                }
            })
        },
    );
    Some(out)
}

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
