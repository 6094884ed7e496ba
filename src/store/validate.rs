//! What makes a parsed book invalid even though every field reads: duplicate
//! ids, entries that name nobody or someone not in the book, empty names,
//! merges that go round in circles. Checked on every load (before the lists
//! are sorted, so a record's index is its place in the file) and before every
//! save, so kith never writes a book it would refuse to read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::model::{Book, PersonId};

use super::ParseError;
use super::layout::{Layout, line_col};

/// Where a problem is: the record (by its place in the file) or a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Person(usize),
    Entry(usize),
    Field(&'static str),
}

/// One thing wrong with a book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub message: String,
}

/// Everything wrong with `book`, in the order of the file. Linear for a
/// book in id order (every book kith writes); only a shuffled one pays for a
/// search for duplicates.
pub fn problems(book: &Book) -> Vec<Problem> {
    let mut out = Vec::new();
    let duplicate_people = duplicates(book.people.iter().map(|p| p.id));
    for (i, p) in book.people.iter().enumerate() {
        if duplicate_people.contains(&i) {
            out.push(problem(
                Place::Person(i),
                format!(
                    "duplicate person id {}: two people cannot share an id",
                    p.id.0
                ),
            ));
        }
        if p.name.trim().is_empty() {
            out.push(problem(
                Place::Person(i),
                format!("person {} has an empty name", p.id),
            ));
        }
    }
    let people = People::of(book);
    let is_person = |id: PersonId| people.contains(id);
    out.extend(merge_problems(&book.merged, &is_person));
    let duplicate_entries = duplicates(book.entries.iter().map(|e| e.id));
    for (i, e) in book.entries.iter().enumerate() {
        if duplicate_entries.contains(&i) {
            out.push(problem(
                Place::Entry(i),
                format!(
                    "duplicate entry id {}: two entries cannot share an id",
                    e.id.0
                ),
            ));
        }
        if e.people.is_empty() {
            out.push(problem(
                Place::Entry(i),
                format!("entry {} names nobody", e.id),
            ));
        }
        for id in &e.people {
            if !is_person(book.survivor(*id)) {
                out.push(problem(
                    Place::Entry(i),
                    format!("entry {} names {id}, who is not in the book", e.id),
                ));
            }
        }
    }
    out
}

/// The places (in file order) of ids seen before: none, without a set, when
/// the ids are strictly increasing.
fn duplicates<T: Ord + Copy>(ids: impl Iterator<Item = T> + Clone) -> BTreeSet<usize> {
    let mut previous = None;
    let increasing = ids.clone().all(|id| {
        let ok = previous.is_none_or(|p| p < id);
        previous = Some(id);
        ok
    });
    if increasing {
        return BTreeSet::new();
    }
    let mut seen = BTreeSet::new();
    ids.enumerate()
        .filter(|(_, id)| !seen.insert(*id))
        .map(|(i, _)| i)
        .collect()
}

/// The problems of a book's merges of people (`is_person`: whether an id is
/// one of its people's): merged into itself, merged away yet still there,
/// or round in a circle.
pub fn merge_problems(
    merged: &BTreeMap<PersonId, PersonId>,
    is_person: &impl Fn(PersonId) -> bool,
) -> Vec<Problem> {
    let mut out = Vec::new();
    for (from, into) in merged {
        if from == into {
            out.push(problem(
                Place::Field("merged"),
                format!("merged: {from} is merged into itself"),
            ));
            continue;
        }
        if is_person(*from) {
            out.push(problem(
                Place::Field("merged"),
                format!("merged: {from} is merged away but is still in the book"),
            ));
        }
        let mut seen = BTreeSet::from([*from]);
        let mut at = *into;
        while let Some(next) = merged.get(&at) {
            if !seen.insert(at) {
                break;
            }
            at = *next;
            if at == *from {
                out.push(problem(
                    Place::Field("merged"),
                    format!("merged: {from} is merged in a circle back into itself"),
                ));
                break;
            }
        }
    }
    out
}

/// Which ids are people's, asked once for each of a book's entries: a bit
/// for each of the numbers a book hands out in turn (few and dense), a
/// search among the rest (drawn codes, and numbers far beyond the count).
struct People {
    bits: Vec<u64>,
    others: Vec<PersonId>,
}

impl People {
    fn of(book: &Book) -> People {
        let words = (4 * book.people.len() as u64 + 64).div_ceil(64);
        let limit = words * 64;
        let mut bits = vec![0u64; words as usize];
        let mut others = Vec::new();
        for p in &book.people {
            match p.id.0 < limit {
                true => bits[(p.id.0 / 64) as usize] |= 1 << (p.id.0 % 64),
                false => others.push(p.id),
            }
        }
        others.sort_unstable();
        People { bits, others }
    }

    fn contains(&self, id: PersonId) -> bool {
        match self.bits.get((id.0 / 64) as usize) {
            Some(word) => word & (1 << (id.0 % 64)) != 0,
            None => self.others.binary_search(&id).is_ok(),
        }
    }
}

fn problem(place: Place, message: String) -> Problem {
    Problem { place, message }
}

/// The problems as errors that name the file, line and column.
pub fn positioned(path: &Path, text: &[u8], problems: &[Problem]) -> Vec<ParseError> {
    let layout = Layout::scan(text);
    problems
        .iter()
        .map(|p| {
            let offset = match p.place {
                Place::Person(i) => layout.people.get(i).copied(),
                Place::Entry(i) => layout.entries.get(i).copied(),
                Place::Field(name) => layout.fields.get(name).copied(),
            };
            let (line, col) = offset.map_or((1, 1), |o| line_col(text, o));
            ParseError {
                path: path.to_path_buf(),
                line,
                col,
                message: p.message.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Kind, Person};

    fn entry(people: Vec<u32>) -> Entry {
        Entry::new(
            "2026-01-01".parse().unwrap(),
            people.into_iter().map(|p| PersonId(p.into())).collect(),
            Kind::new("call"),
            "x",
        )
    }

    #[test]
    fn every_kind_of_problem_is_found() {
        let mut book = Book::default();
        book.people.push(Person::new(PersonId(1), "Ana"));
        book.people.push(Person::new(PersonId(1), " "));
        book.entries.push(entry(vec![]));
        book.entries.push(entry(vec![9, 7]));
        book.merged.insert(PersonId(5), PersonId(5));
        book.merged.insert(PersonId(6), PersonId(8));
        book.merged.insert(PersonId(8), PersonId(6));
        book.merged.insert(PersonId(7), PersonId(1));
        let found: Vec<(Place, String)> = problems(&book)
            .into_iter()
            .map(|p| (p.place, p.message))
            .collect();
        let places: Vec<Place> = found.iter().map(|f| f.0).collect();
        assert_eq!(
            places,
            vec![
                Place::Person(1),
                Place::Person(1),
                Place::Field("merged"),
                Place::Field("merged"),
                Place::Field("merged"),
                Place::Entry(0),
                Place::Entry(1),
                Place::Entry(1),
            ],
            "{found:#?}"
        );
        assert!(found[5].1.contains("names nobody"));
        assert!(found[6].1.contains("duplicate entry id 0"));
        assert!(found[7].1.contains("p9"), "p7 resolves to p1: {found:#?}");
    }

    #[test]
    fn people_are_found_by_number_or_code_near_and_far() {
        let mut book = Book::default();
        let code = PersonId::parse("pk7f3qa2x").unwrap();
        // The bits end at 128 for three people: 127 inside, 128 and 1000 beyond.
        for id in [
            PersonId(1),
            PersonId(127),
            PersonId(128),
            PersonId(1000),
            code,
        ] {
            book.people.push(Person::new(id, "Ana"));
        }
        book.people.sort_by_key(|p| p.id);
        for known in [1, 127, 128, 1000] {
            book.entries.push(entry(vec![known]));
        }
        book.entries.push(entry(vec![]));
        book.entries.last_mut().unwrap().people.push(code);
        for (n, e) in book.entries.iter_mut().enumerate() {
            e.id = crate::model::EntryId(n as u64 + 1);
        }
        assert_eq!(problems(&book), vec![]);
        for unknown in [0, 2, 126, 129, 999, 1001, u64::from(u32::MAX)] {
            let mut e = entry(vec![]);
            e.people.push(PersonId(unknown));
            e.id = crate::model::EntryId(100);
            let mut with = book.clone();
            with.entries.push(e);
            let found = problems(&with);
            assert_eq!(found.len(), 1, "{unknown}: {found:?}");
            assert!(found[0].message.contains("not in the book"), "{found:?}");
        }
    }

    #[test]
    fn a_valid_book_has_no_problems() {
        let mut book = Book::default();
        book.people.push(Person::new(PersonId(1), "Ana"));
        book.merged.insert(PersonId(2), PersonId(1));
        book.entries.push(entry(vec![2]));
        assert_eq!(problems(&book), vec![]);
    }
}
