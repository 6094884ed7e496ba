//! A conflict copy that is the book with a few lines changed (what a sync
//! tool leaves when two machines each logged a line), merged at the cost of
//! those lines. The copy's text is held against the book's own file, line
//! by line: a person's or entry's line the same in both is the same record
//! on both sides, so it is neither read nor compared (the two texts are
//! walked once, side by side by id, and nothing is kept but what differs).
//! Only the records on a line that differs (and whom they name, and those
//! the merge sets right though held alike, see `merge`) go into the merge,
//! as small books with the whole books' other fields; every other record
//! is one both sides hold alike, which the merge would leave as it is and
//! count as nothing, so the result comes out exactly as the merge of the
//! whole copies' (held to that by the property tests in
//! `tests/store/near_copy.rs`, on the histories of `merge_props.rs`).
//! `kith sync` merges a conflict copy so ([`merge_near`]), and `kith
//! merge-books` two copies of the base ([`merge3_near`]).
//!
//! Whenever that is not plain, the copy is read whole instead: a text not
//! in the writer's shape (or of another version), ids out of order, a copy
//! that merged or deleted people, one that would not read as valid, or a
//! merge that had to re-number an id (the fresh id must miss every record).

use crate::model::{Book, Entry, EntryId, FORMAT_VERSION, Person, PersonId, survivor};
use crate::store::fast::{read as read_text, record_id};

mod backups;
mod merge;

pub(crate) use backups::ancestors;
pub(crate) use merge::merge_near_finding;
pub use merge::{merge_near, merge3_near};

/// A copy worked out against the book it was compared with: its records
/// on the lines that differ (with all its other fields), and the ids of
/// every record that differs (or is on one side only), sorted.
#[derive(Debug)]
pub struct Near {
    copy: Book,
    people: Vec<PersonId>,
    entries: Vec<EntryId>,
}

/// The copy `copy` (its file's bytes) against `book`, read from the text
/// `seen`; `None` when the copy must be read whole (see the module).
pub fn near(book: &Book, seen: &str, copy: &[u8]) -> Option<Near> {
    near_any(book, seen, copy).filter(|n| n.as_merged_alike(book))
}

/// [`near`] of any file that would read as a valid book (a backup, say:
/// the book may have gained or lost people since), whatever its merges.
pub(crate) fn near_any(book: &Book, seen: &str, copy: &[u8]) -> Option<Near> {
    let copy = std::str::from_utf8(copy).ok()?;
    let head = format!("(\n  version: {FORMAT_VERSION},\n");
    if !seen.starts_with(&head) || !copy.starts_with(&head) {
        return None;
    }
    let mut people = Walk::new(
        book.people.iter().map(|p| p.id.0).collect(),
        section(seen, "\n  people: [\n"),
    );
    let mut entries = Walk::new(
        book.entries.iter().map(|e| e.id.0).collect(),
        section(seen, "\n  entries: [\n"),
    );
    // The copy's text without the lines the same as the book's: one pass,
    // nothing held but what differs.
    let mut text = String::new();
    let mut at = Part::Other;
    for line in copy.split_inclusive('\n') {
        let keep = match at {
            Part::Other => {
                match line {
                    "  people: [\n" => at = Part::People,
                    "  entries: [\n" => at = Part::Entries,
                    _ => {}
                }
                true
            }
            _ if line.starts_with("  ]") => {
                at = Part::Other;
                true
            }
            _ if !line.ends_with('\n') => return None,
            Part::People => people.line(line)?,
            Part::Entries => entries.line(line)?,
        };
        if keep {
            text.push_str(line);
        }
    }
    let (people, entries) = (people.finish()?, entries.finish()?);
    let mut copy = read_text(text.as_bytes())?;
    if copy.version != FORMAT_VERSION {
        return None;
    }
    copy.normalize();
    let near = Near {
        copy,
        people: people.into_iter().map(PersonId).collect(),
        entries: entries.into_iter().map(EntryId).collect(),
    };
    near.valid_beside(book).then_some(near)
}

/// The records a book read from a file [`near_any`] compared would hold:
/// the book's, but for those on lines that differ.
impl Near {
    /// Person `id` as the whole file holds them.
    pub(crate) fn person<'a>(&'a self, book: &'a Book, id: PersonId) -> Option<&'a Person> {
        let from = match self.people.binary_search(&id) {
            Ok(_) => &self.copy,
            Err(_) => book,
        };
        from.person_index(id).map(|i| &from.people[i])
    }

    pub(crate) fn entry<'a>(&'a self, book: &'a Book, id: EntryId) -> Option<&'a Entry> {
        match self.entries.binary_search(&id) {
            Ok(_) => self.copy.entry(id),
            Err(_) => book.entry(id),
        }
    }
}

impl Near {
    /// Whether the copy merged people as the book did and deleted nobody
    /// the book holds: the merge of the records in play is then the whole
    /// merge's (see `merge`).
    fn as_merged_alike(&self, book: &Book) -> bool {
        let deleted = self
            .people
            .iter()
            .any(|id| book.person_index(*id).is_some() && self.copy.person_index(*id).is_none());
        !deleted && self.copy.merged == book.merged
    }

    /// Whether the whole file would read as a valid book (the checks of
    /// `store::validate::problems`): its people are the book's but for
    /// those on lines that differ, its ids are in order (see [`Walk`]), and
    /// the book itself is valid.
    fn valid_beside(&self, book: &Book) -> bool {
        let copy = &self.copy;
        let is_person = |id: PersonId| match self.people.binary_search(&id) {
            Ok(_) => copy.person_index(id).is_some(),
            Err(_) => book.person_index(id).is_some(),
        };
        let names = |e: &crate::model::Entry| {
            !e.people.is_empty()
                && e.people
                    .iter()
                    .all(|p| is_person(survivor(&copy.merged, *p)))
        };
        let people_ok = copy.people.iter().all(|p| !p.name.trim().is_empty());
        let merges_ok = crate::store::validate::merge_problems(&copy.merged, &is_person).is_empty();
        // The lines held alike name people as they did in the book; only
        // other merges, or people gone, can leave them naming nobody.
        let alike_ok = self.as_merged_alike(book)
            || book
                .entries
                .iter()
                .filter(|e| self.entries.binary_search(&e.id).is_err())
                .all(names);
        people_ok && merges_ok && copy.entries.iter().all(names) && alike_ok
    }
}

/// Where a line of a book's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Other,
    People,
    Entries,
}

/// The record lines of the list the line `open` opens in `text` (none
/// when it has no such line), each with its line break.
fn section<'t>(text: &'t str, open: &str) -> impl Iterator<Item = &'t str> {
    let rest = text.find(open).map_or("", |at| &text[at + open.len()..]);
    rest.split_inclusive('\n')
        .take_while(|line| !line.starts_with("  ]"))
}

/// One list walked in the book's text and the copy's side by side, by id:
/// the book's lines (`seen`, whose records have the ids `ids`, in order),
/// the copy's handed in one at a time.
struct Walk<'t, I: Iterator<Item = &'t str>> {
    ids: Vec<u64>,
    at: usize,
    seen: I,
    last: Option<u64>,
    /// The ids of the records that differ or are on one side only, in order.
    changed: Vec<u64>,
}

impl<'t, I: Iterator<Item = &'t str>> Walk<'t, I> {
    fn new(ids: Vec<u64>, seen: I) -> Self {
        Walk {
            ids,
            at: 0,
            seen,
            last: None,
            changed: Vec::new(),
        }
    }

    /// The copy's next line of the list: whether to keep it (it differs
    /// from the book's line for its id, or the book has none). `None` when
    /// its id is out of order, or the book's lines are not its records.
    fn line(&mut self, line: &str) -> Option<bool> {
        let id = record_id(line)?;
        if self.last.is_some_and(|last| last >= id) {
            return None;
        }
        self.last = Some(id);
        while let Some(&ours) = self.ids.get(self.at).filter(|ours| **ours < id) {
            self.seen_line(ours)?;
            self.changed.push(ours);
            self.at += 1;
        }
        if self.ids.get(self.at) == Some(&id) {
            self.at += 1;
            if self.seen_line(id)? == line {
                return Some(false);
            }
        }
        self.changed.push(id);
        Some(true)
    }

    /// The book's next line, which must be record `id`'s.
    fn seen_line(&mut self, id: u64) -> Option<&'t str> {
        let line = self.seen.next()?;
        (record_id(line)? == id).then_some(line)
    }

    /// The ids that differ, once the copy's list is through: the book's
    /// records after the copy's last are on its side only.
    fn finish(mut self) -> Option<Vec<u64>> {
        while let Some(&ours) = self.ids.get(self.at) {
            self.seen_line(ours)?;
            self.changed.push(ours);
            self.at += 1;
        }
        self.seen.next().is_none().then_some(self.changed)
    }
}
