//! A conflict copy that is the book with a few lines changed (what a sync
//! tool leaves when two machines each logged a line), merged at the cost of
//! those lines. The copy's text is held against the book's own file, line
//! by line: a person's or entry's line the same in both is the same record
//! on both sides, so it is neither read nor compared. Only the records on
//! a line that differs (and those they name, or that have a lineage) go
//! into the merge, as two small books with the whole books' other fields;
//! every other record is one both sides hold alike, which the merge would
//! leave as it is and count as nothing, so the operation and the report
//! come out exactly as the merge of the whole copy's (held to that by a
//! property test beside the merge's own, `tests/store/merge_props.rs`).
//!
//! Whenever that is not plain, the copy is read whole instead: a text not
//! in the writer's shape (or of another version), ids out of order, a copy
//! that merged or deleted people, one that would not read as valid, or a
//! merge that had to re-number an id (the fresh id must miss every record).

use crate::model::{Book, EntryId, FORMAT_VERSION, PersonId, survivor};
use crate::store::fast::{read as read_text, record_id};

mod merge;

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
    let copy = std::str::from_utf8(copy).ok()?;
    let head = format!("(\n  version: {FORMAT_VERSION},\n");
    if !seen.starts_with(&head) || !copy.starts_with(&head) {
        return None;
    }
    let seen = Lines::of(seen)?;
    let lines = Lines::of(copy)?;
    let ids = |people: bool| -> Vec<u64> {
        match people {
            true => book.people.iter().map(|p| p.id.0).collect(),
            false => book.entries.iter().map(|e| e.id.0).collect(),
        }
    };
    let mut keep = vec![true; lines.all.len()];
    let people = differ(&ids(true), &seen.people, &lines, Part::People, &mut keep)?;
    let entries = differ(&ids(false), &seen.entries, &lines, Part::Entries, &mut keep)?;
    drop(seen);
    let mut text = String::new();
    for ((_, line), kept) in lines.all.iter().zip(keep) {
        if kept {
            text.push_str(line);
        }
    }
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

impl Near {
    /// Whether the whole copy would read as a valid book (and one whose
    /// merges of people are the book's, with nobody deleted): the records
    /// on unchanged lines are the book's, valid beside the same people.
    fn valid_beside(&self, book: &Book) -> bool {
        let copy = &self.copy;
        let deleted = self
            .people
            .iter()
            .any(|id| book.person_index(*id).is_some() && copy.person_index(*id).is_none());
        if deleted || copy.merged != book.merged {
            return false;
        }
        let is_person = |id: PersonId| {
            let id = survivor(&copy.merged, id);
            copy.person_index(id).is_some() || book.person_index(id).is_some()
        };
        let people_ok = copy
            .people
            .iter()
            .all(|p| !p.name.trim().is_empty() && !copy.merged.contains_key(&p.id));
        let entries_ok = copy
            .entries
            .iter()
            .all(|e| !e.people.is_empty() && e.people.iter().all(|p| is_person(*p)));
        people_ok && entries_ok
    }
}

/// Where a line of a book's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Other,
    People,
    Entries,
}

/// A book's text in the writer's shape, a line at a time (each with its
/// line break), and where its people's and entries' lines are.
struct Lines<'t> {
    all: Vec<(Part, &'t str)>,
    people: Vec<&'t str>,
    entries: Vec<&'t str>,
}

impl<'t> Lines<'t> {
    fn of(text: &'t str) -> Option<Lines<'t>> {
        let mut out = Lines {
            all: Vec::new(),
            people: Vec::new(),
            entries: Vec::new(),
        };
        let mut at = Part::Other;
        for line in text.split_inclusive('\n') {
            let part = match at {
                Part::Other => {
                    match line {
                        "  people: [\n" => at = Part::People,
                        "  entries: [\n" => at = Part::Entries,
                        _ => {}
                    }
                    Part::Other
                }
                _ if line.starts_with("  ]") => {
                    at = Part::Other;
                    Part::Other
                }
                _ if !line.ends_with('\n') => return None,
                list => list,
            };
            match part {
                Part::People => out.people.push(line),
                Part::Entries => out.entries.push(line),
                Part::Other => {}
            }
            out.all.push((part, line));
        }
        Some(out)
    }
}

/// The ids of one list's records that differ between the book's text
/// (`seen`, whose lines hold the records with ids `ids`, in order) and the
/// copy's, each record's id read from its line; the copy's lines the same
/// as the book's are marked not to `keep`. `None` when the lines are not
/// the book's records or the copy's ids are not strictly increasing.
fn differ(
    ids: &[u64],
    seen: &[&str],
    copy: &Lines<'_>,
    list: Part,
    keep: &mut [bool],
) -> Option<Vec<u64>> {
    if seen.len() != ids.len() {
        return None;
    }
    for (line, id) in seen.iter().zip(ids) {
        (record_id(line)? == *id).then_some(())?;
    }
    let at: Vec<usize> = (0..copy.all.len())
        .filter(|i| copy.all[*i].0 == list)
        .collect();
    let mut theirs = Vec::with_capacity(at.len());
    for i in &at {
        let id = record_id(copy.all[*i].1)?;
        if theirs.last().is_some_and(|last| *last >= id) {
            return None;
        }
        theirs.push(id);
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < ids.len() || j < theirs.len() {
        match (ids.get(i), theirs.get(j)) {
            (Some(a), Some(b)) if a == b => {
                if seen[i] == copy.all[at[j]].1 {
                    keep[at[j]] = false;
                } else {
                    out.push(*a);
                }
                (i, j) = (i + 1, j + 1);
            }
            (Some(a), b) if b.is_none_or(|b| a < b) => {
                out.push(*a);
                i += 1;
            }
            (_, Some(b)) => {
                out.push(*b);
                j += 1;
            }
            _ => unreachable!("one of the two lists has an id left"),
        }
    }
    Some(out)
}
