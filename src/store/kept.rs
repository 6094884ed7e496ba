//! The book's text as last read or written, kept so that a save copies the
//! line of every person and entry that has not changed instead of writing it
//! anew: a capture in a book of 100,000 entries writes one line, and copies
//! the rest.
//!
//! A line is copied only when the record in the book is the very record the
//! line was read as: each line carries the fingerprint of the record parsed
//! from it (every field, through the model's derived `Hash`, 64 bits), and a
//! record is copied only when its id and fingerprint are the same now, and
//! the operation being saved does not name it. Nothing else is trusted: a
//! book changed behind the store's back (a caller's own edit, a whole book
//! swapped in) has other fingerprints, and is written anew.
//!
//! Lines are only kept from text the fast reader took, which refuses an
//! unknown field, a comment or anything else out of its shape (ron then reads
//! the file, and a file with an unknown field or a duplicate id is refused
//! before anything is kept); and every save still checks the whole book
//! ([`super::validate::problems`]).

use std::hash::{BuildHasher, Hash};
use std::ops::Range;

use crate::model::{Book, Entry, EntryId, Person, PersonId};

use super::fast_read::Spans;
use super::fast_write::Keep;

/// The fingerprint of one record: every field, with a fixed seed.
fn fingerprint<T: Hash>(record: &T) -> u64 {
    foldhash::quality::FixedState::with_seed(0x6b69_7468_2d6c_696e).hash_one(record)
}

/// One record's line: its id, the fingerprint of what it was read or
/// written as, and where it is in the text.
#[derive(Debug, Clone)]
struct Line<I> {
    id: I,
    print: u64,
    span: Range<usize>,
}

/// The fingerprints and places of a file's records, without its text.
#[derive(Debug, Default)]
pub struct Lines {
    people: Vec<Line<PersonId>>,
    entries: Vec<Line<EntryId>>,
}

impl Lines {
    /// The lines of `book` just as the fast reader read it (before any
    /// migration or sorting changes a record), at `spans`.
    pub fn read(book: &Book, spans: Spans) -> Lines {
        let people = book.people.iter().zip(spans.people);
        let entries = book.entries.iter().zip(spans.entries);
        let mut lines = Lines {
            people: people
                .map(|(p, span)| Line {
                    id: p.id,
                    print: fingerprint(p),
                    span,
                })
                .collect(),
            entries: entries
                .map(|(e, span)| Line {
                    id: e.id,
                    print: fingerprint(e),
                    span,
                })
                .collect(),
        };
        lines.sort();
        lines
    }

    fn sort(&mut self) {
        if !self.people.is_sorted_by_key(|l| l.id) {
            self.people.sort_by_key(|l| l.id);
        }
        if !self.entries.is_sorted_by_key(|l| l.id) {
            self.entries.sort_by_key(|l| l.id);
        }
    }
}

/// A file's text and its records' lines.
#[derive(Debug)]
pub struct Kept {
    text: String,
    lines: Lines,
}

impl Kept {
    /// `text`, with `lines` placed in it (spans start at `offset`: after a
    /// byte-order mark).
    pub fn new(text: String, offset: usize, mut lines: Lines) -> Kept {
        if offset > 0 {
            for line in &mut lines.people {
                line.span = line.span.start + offset..line.span.end + offset;
            }
            for line in &mut lines.entries {
                line.span = line.span.start + offset..line.span.end + offset;
            }
        }
        Kept { text, lines }
    }

    fn person(&self, id: PersonId, print: u64) -> Option<&str> {
        let lines = &self.lines.people;
        let at = lines.binary_search_by_key(&id, |l| l.id).ok()?;
        (lines[at].print == print).then(|| &self.text[lines[at].span.clone()])
    }

    fn entry(&self, id: EntryId, print: u64) -> Option<&str> {
        let lines = &self.lines.entries;
        let at = lines.binary_search_by_key(&id, |l| l.id).ok()?;
        (lines[at].print == print).then(|| &self.text[lines[at].span.clone()])
    }
}

/// Copies the lines of `from` that still hold (see the module), and notes
/// every line as written, for the text that comes of it.
pub struct Keeper<'a> {
    from: Option<&'a Kept>,
    /// What the operation names, sorted: never copied.
    people_named: Vec<PersonId>,
    entries_named: Vec<EntryId>,
    /// The record being written: its id and fingerprint.
    person: (PersonId, u64),
    entry: (EntryId, u64),
    lines: Lines,
    /// How many lines were copied.
    pub copied: usize,
}

impl<'a> Keeper<'a> {
    pub fn new(from: Option<&'a Kept>, op: &crate::model::Op, book: &Book) -> Keeper<'a> {
        let (mut people_named, mut entries_named) = (Vec::new(), Vec::new());
        op.touched(&mut people_named, &mut entries_named);
        people_named.sort_unstable();
        entries_named.sort_unstable();
        Keeper {
            from,
            people_named,
            entries_named,
            person: (PersonId(0), 0),
            entry: (EntryId(0), 0),
            lines: Lines {
                people: Vec::with_capacity(book.people.len()),
                entries: Vec::with_capacity(book.entries.len()),
            },
            copied: 0,
        }
    }

    /// The lines as written, for [`Kept::new`] once the text is saved.
    pub fn into_lines(mut self) -> Lines {
        self.lines.sort();
        self.lines
    }
}

impl Keep for Keeper<'_> {
    fn person(&mut self, out: &mut String, p: &Person) -> bool {
        self.person = (p.id, fingerprint(p));
        let line = self
            .from
            .filter(|_| self.people_named.binary_search(&p.id).is_err())
            .and_then(|from| from.person(p.id, self.person.1));
        line.inspect(|line| {
            out.push_str(line);
            self.copied += 1;
        })
        .is_some()
    }

    fn entry(&mut self, out: &mut String, e: &Entry) -> bool {
        self.entry = (e.id, fingerprint(e));
        let line = self
            .from
            .filter(|_| self.entries_named.binary_search(&e.id).is_err())
            .and_then(|from| from.entry(e.id, self.entry.1));
        line.inspect(|line| {
            out.push_str(line);
            self.copied += 1;
        })
        .is_some()
    }

    fn wrote_person(&mut self, span: Range<usize>) {
        let (id, print) = self.person;
        self.lines.people.push(Line { id, print, span });
    }

    fn wrote_entry(&mut self, span: Range<usize>) {
        let (id, print) = self.entry;
        self.lines.entries.push(Line { id, print, span });
    }
}
