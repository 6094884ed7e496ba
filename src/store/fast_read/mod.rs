//! A reader for exactly the text [`super::serialize_book`] writes: the book's
//! fields one per line, then one person or entry per line. Anything else — a
//! comment, an unknown field, `Some(..)`, a record spread over several lines, a
//! raw string — makes it give up with `None`, and the caller falls back to ron,
//! which reads everything and reports errors with line and column. So whenever
//! this returns a book, ron would have returned the same book.
//!
//! It reads line by line ([`Reader`]), so the store can hand it the file a
//! piece at a time and never hold the whole text beside the book it builds.

mod cursor;
mod records;

use serde::Deserialize;
use std::collections::BTreeMap;

use crate::model::{Book, DismissedIntro, Entry, Person, PersonId};

use cursor::Cursor;

/// The book in `bytes`, or `None` when they are not in the shape the writer
/// produces (or not a valid book at all). Never a partial book.
pub fn read_book(bytes: &[u8]) -> Option<Book> {
    read_str(std::str::from_utf8(bytes).ok()?)
}

/// [`read_book`] of a text already known to be UTF-8.
pub fn read_str(text: &str) -> Option<Book> {
    let (lines, last) = text.split_at(text.rfind('\n').map_or(0, |nl| nl + 1));
    let mut reader = Reader::default();
    reader.lines(lines)?;
    reader.finish(last)
}

/// Where the reader is in the file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before the opening `(`.
    #[default]
    Start,
    /// Among the book's fields, one a line.
    Fields,
    /// In a list of records, one a line, up to `  ],`.
    People,
    Entries,
    Dismissed,
    /// In the `merged` map, a pair a line, up to `  },`.
    Merged,
    /// From the first of the last fields (written by ron, read by ron) to
    /// the end.
    Tail,
    /// After the closing `)`.
    End,
}

/// The book read from whole lines handed to [`Reader::lines`] in order, then
/// [`Reader::finish`] with what follows the last line break.
#[derive(Debug, Default)]
pub struct Reader {
    at: At,
    version: Option<u32>,
    anchor: Option<chrono::NaiveDate>,
    next_person_id: Option<u32>,
    next_entry_id: Option<u32>,
    people: Option<Vec<Person>>,
    entries: Option<Vec<Entry>>,
    merged: Option<BTreeMap<PersonId, PersonId>>,
    dismissed_intros: Option<Vec<DismissedIntro>>,
    tail: Option<String>,
}

impl Reader {
    /// Reads `text`, whole lines each ending in `\n`; `None` as soon as one
    /// is not in the writer's shape.
    pub fn lines(&mut self, text: &str) -> Option<()> {
        let (mut people, mut entries) = (Vec::new(), Vec::new());
        self.lines_apart(text, &mut |list, run| match list {
            List::People => record_lines(run, records::person, &mut people),
            List::Entries => record_lines(run, records::entry, &mut entries),
        })?;
        give(&mut self.people, people)?;
        give(&mut self.entries, entries)
    }

    /// [`Reader::lines`], handing each run of people's or entries' lines to
    /// `runs` instead of reading them: whole lines, in the file's order, for
    /// the caller to read with [`person_lines`] and [`entry_lines`] (on
    /// another thread, say) and give back to [`Reader::finish_with`].
    pub fn lines_apart<'t>(
        &mut self,
        text: &'t str,
        runs: &mut impl FnMut(List, &'t str) -> Option<()>,
    ) -> Option<()> {
        let mut rest = text;
        while let Some(nl) = memchr::memchr(b'\n', rest.as_bytes()) {
            let list = match self.at {
                At::Tail => {
                    self.tail.as_mut()?.push_str(rest);
                    return Some(());
                }
                At::People => Some(List::People),
                At::Entries => Some(List::Entries),
                _ => None,
            };
            match list {
                // No record line starts `  ]`: the run ends at the list's end.
                Some(list) if !rest.starts_with("  ]") => {
                    let run = memchr::memmem::find(rest.as_bytes(), b"\n  ]")
                        .map_or(rest.len(), |at| at + 1);
                    runs(list, &rest[..run])?;
                    rest = &rest[run..];
                }
                _ => {
                    self.line(&rest[..nl])?;
                    rest = &rest[nl + 1..];
                }
            }
        }
        rest.is_empty().then_some(())
    }

    /// [`Reader::finish`] with the people and entries [`Reader::lines_apart`]
    /// handed out, read and put back in order.
    pub fn finish_with(
        mut self,
        last: &str,
        people: Vec<Person>,
        entries: Vec<Entry>,
    ) -> Option<Book> {
        give(&mut self.people, people)?;
        give(&mut self.entries, entries)?;
        self.finish(last)
    }

    /// The book, given what follows the last line break (nothing, or the
    /// closing `)` of a file without a final line break).
    pub fn finish(mut self, last: &str) -> Option<Book> {
        match (self.at, last) {
            (At::End, "") => {}
            (At::Fields, ")") => {}
            (At::Tail, _) => self.tail.as_mut()?.push_str(last),
            _ => return None,
        }
        let tail = match self.tail.take() {
            Some(text) => Some(read_tail(&text)?),
            None => None,
        };
        let mut people = self.people.unwrap_or_default();
        let mut entries = self.entries.unwrap_or_default();
        people.shrink_to_fit();
        entries.shrink_to_fit();
        let tail = tail.unwrap_or_default();
        Some(Book {
            version: self.version?,
            anchor: self.anchor,
            next_person_id: self.next_person_id.unwrap_or_default(),
            next_entry_id: self.next_entry_id.unwrap_or_default(),
            people,
            entries,
            merged: self.merged.unwrap_or_default(),
            dismissed_intros: self.dismissed_intros.unwrap_or_default(),
            review: tail.review,
            inbox: tail.inbox,
            touches: tail.touches,
            meetings: tail.meetings,
            lineage: tail.lineage,
        })
    }

    /// One line, without its `\n`.
    fn line(&mut self, line: &str) -> Option<()> {
        match self.at {
            At::Start => {
                (line == "(").then_some(())?;
                self.at = At::Fields;
            }
            At::Fields => self.field(line)?,
            // Their records are read apart (`lines_apart`).
            At::People | At::Entries => match line {
                "  ]," => self.at = At::Fields,
                _ => return None,
            },
            At::Dismissed => match line {
                "  ]," => self.at = At::Fields,
                _ => self
                    .dismissed_intros
                    .as_mut()?
                    .push(record(line, records::dismissed)?),
            },
            At::Merged => match line {
                "  }," => self.at = At::Fields,
                _ => {
                    let mut c = Cursor::new(line);
                    c.lit("    ")?;
                    let from = c.id()?;
                    c.lit(": ")?;
                    let to = c.id()?;
                    end_of_field(c)?;
                    // A repeated key replaces, as in ron.
                    self.merged.as_mut()?.insert(PersonId(from), PersonId(to));
                }
            },
            At::Tail => {
                let tail = self.tail.as_mut()?;
                tail.push_str(line);
                tail.push('\n');
            }
            At::End => return None,
        }
        Some(())
    }

    /// A line among the book's fields: `  name: value,`, the opening line of
    /// a list or map, or the closing `)`.
    fn field(&mut self, line: &str) -> Option<()> {
        if line == ")" {
            self.at = At::End;
            return Some(());
        }
        let mut c = Cursor::new(line);
        c.lit("  ")?;
        let name = c.ident()?;
        c.lit(": ")?;
        match name {
            "version" => set_once(&mut self.version, c.u32()?)?,
            "anchor" => set_once(&mut self.anchor, c.date()?)?,
            "next_person_id" => set_once(&mut self.next_person_id, c.u32()?)?,
            "next_entry_id" => set_once(&mut self.next_entry_id, c.u32()?)?,
            "people" => return opens(c, "[", &mut self.people, &mut self.at, At::People),
            "entries" => return opens(c, "[", &mut self.entries, &mut self.at, At::Entries),
            "dismissed_intros" => {
                return opens(
                    c,
                    "[",
                    &mut self.dismissed_intros,
                    &mut self.at,
                    At::Dismissed,
                );
            }
            "merged" => return opens(c, "{", &mut self.merged, &mut self.at, At::Merged),
            "review" | "inbox" | "touches" | "meetings" | "lineage" => {
                set_once(&mut self.tail, format!("{line}\n"))?;
                self.at = At::Tail;
                return Some(());
            }
            _ => return None,
        }
        end_of_field(c)
    }
}

/// After `name: `, a list or map: empty on its line (`[],`), or opened
/// (`[`) with its items on the lines that follow, when the reader moves `to`
/// them. A field given twice gives up, as serde does.
fn opens<T: Default>(
    c: Cursor,
    open: &str,
    slot: &mut Option<T>,
    at: &mut At,
    to: At,
) -> Option<()> {
    set_once(slot, T::default())?;
    let rest = c.rest();
    if rest == open {
        *at = to;
        return Some(());
    }
    let empty = if open == "[" { "[]," } else { "{}," };
    (rest == empty).then_some(())
}

/// The `,` that ends a field's line, and nothing after it.
fn end_of_field(mut c: Cursor) -> Option<()> {
    c.lit(",")?;
    c.rest().is_empty().then_some(())
}

/// The two lists of records a reader hands out to be read apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    People,
    Entries,
}

/// The id of one person's or entry's line (`    (id: …, …),`), read without
/// the rest of the line.
pub fn record_id(line: &str) -> Option<u64> {
    let mut c = Cursor::new(line);
    c.lit("    (id: ")?;
    c.id()
}

/// People's lines, `    (…),\n` each, read onto the end of `out`.
pub fn person_lines(run: &str, out: &mut Vec<Person>) -> Option<()> {
    record_lines(run, records::person, out)
}

/// Whether a person is kept, told from their name and nicknames (in that
/// order).
pub type NamesKept = dyn Fn(&[&str]) -> bool + Sync;

/// People's lines, those `keep` keeps read onto the end of `out` with only
/// what a search of names shows ([`records::person_names`]).
pub fn person_name_lines(run: &str, keep: &NamesKept, out: &mut Vec<Person>) -> Option<()> {
    for line in run.split_terminator('\n') {
        if let Some(person) = record(line, |c| records::person_names(c, keep))? {
            out.push(person);
        }
    }
    Some(())
}

/// Entries' lines, read onto the end of `out`.
pub fn entry_lines(run: &str, out: &mut Vec<Entry>) -> Option<()> {
    record_lines(run, records::entry, out)
}

fn record_lines<T>(run: &str, one: fn(&mut Cursor) -> Option<T>, out: &mut Vec<T>) -> Option<()> {
    // One record a line: room for them all at once, not by doubling.
    out.reserve(memchr::memchr_iter(b'\n', run.as_bytes()).count());
    for line in run.split_terminator('\n') {
        out.push(record(line, one)?);
    }
    Some(())
}

/// Records read apart, after those of their list read so far: `None` when
/// the list was never opened.
fn give<T>(list: &mut Option<Vec<T>>, mut read: Vec<T>) -> Option<()> {
    if read.is_empty() {
        return Some(());
    }
    let list = list.as_mut()?;
    if list.is_empty() {
        *list = read;
    } else {
        list.append(&mut read);
    }
    Some(())
}

/// One record's line: `    (…),`.
fn record<T>(line: &str, one: impl FnOnce(&mut Cursor) -> Option<T>) -> Option<T> {
    let mut c = Cursor::new(line);
    c.lit("    (")?;
    let record = one(&mut c)?;
    end_of_field(c).map(|()| record)
}

/// The fields after the records, read together by ron.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tail {
    #[serde(default)]
    review: Option<crate::model::ReviewProgress>,
    #[serde(default)]
    inbox: crate::model::Inbox,
    #[serde(default)]
    touches: crate::model::Logged,
    #[serde(default)]
    meetings: crate::model::Meetings,
    #[serde(default)]
    lineage: crate::model::Lineage,
}

/// The last fields, from the first of them through the book's closing
/// `,\n)` (and at most one line break after it), read by ron.
fn read_tail(text: &str) -> Option<Tail> {
    let len = text.rfind(",\n)")?;
    if !matches!(&text[len + 3..], "" | "\n") {
        return None;
    }
    let text = format!("(\n{},\n)", &text[..len]);
    super::ron_options().from_str(&text).ok()
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None, // serde refuses a duplicate field
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}
