//! kith's backups looked into for the version both sides of a merge
//! descend from (see `sync::ancestors`), a line at a time: a backup is the
//! book a few saves ago, so it is held against the book's text as a
//! conflict copy is, and of its records only those on lines that differ
//! are read. A backup that is not plain so (see [`near_any`]) is read
//! whole, as before; either way the same versions are found.

use std::path::PathBuf;

use crate::model::Book;
use crate::store::{read_book_file, read_copy_bytes};
use crate::sync::ancestors::{Ancestors, Wanted};

use super::{Near, near_any};

/// The wanted versions in `backups`, one at a time, each compared with
/// `book`'s text `seen` (when there is one; else read whole).
pub(crate) fn ancestors(
    book: &Book,
    seen: Option<&str>,
    wanted: &Wanted,
    backups: &[PathBuf],
) -> Ancestors {
    let books = backups.iter().filter_map(|path| {
        let near = seen.and_then(|seen| near_any(book, seen, &read_copy_bytes(path).ok()?.1));
        match near {
            Some(near) => Some(holding(&near, book, wanted)),
            None => read_book_file(path, false).ok().map(|loaded| loaded.book),
        }
    });
    Ancestors::find(wanted, books)
}

/// The records a backup holds under the ids `wanted` names, as a book.
fn holding(near: &Near, book: &Book, wanted: &Wanted) -> Book {
    let people = wanted.people_ids().into_iter();
    let entries = wanted.entry_ids().into_iter();
    Book {
        people: people
            .filter_map(|id| near.person(book, id).cloned())
            .collect(),
        entries: entries
            .filter_map(|id| near.entry(book, id).cloned())
            .collect(),
        ..Book::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lineage::apply_noting;
    use crate::model::{Op, Person, PersonId, delete_op};
    use crate::store::{parse_book, serialize_book};
    use std::path::Path;

    fn edited(book: &Book, i: usize, org: &str) -> Book {
        let mut out = book.clone();
        let mut p = out.people[i].clone();
        p.org = Some(org.into());
        apply_noting(Op::edit_person(&out.people[i].clone(), p), &mut out).unwrap();
        out
    }

    /// Backups a few saves behind the book (people added and deleted
    /// since; one a broken hand edit): the versions found a line at a time
    /// are those found reading each backup whole.
    #[test]
    fn backups_read_by_lines_give_the_versions_read_whole_do() {
        let today = "2026-11-26".parse().unwrap();
        let base = crate::demo::generate(30, 150, 1, today);
        let mut here = edited(&base, 3, "Initech");
        let backup_2 = here.clone();
        apply_noting(delete_op(&here, here.people[5].id), &mut here).unwrap();
        let added = Op::AddPerson(Person::new(PersonId(0), "New here"));
        apply_noting(added, &mut here).unwrap();
        let backup_1 = here.clone();
        here = edited(&here, 3, "Initech Labs");
        let there = edited(&base, 3, "Globex");
        let text = serialize_book(&here);
        let here = parse_book(Path::new("kith.ron"), text.as_bytes()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let broken = serialize_book(&base).replacen("people: [1]", "people: [99999]", 1);
        // Someone an entry still names, their line gone.
        let named = here.entries[0].people[0];
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("    (id: {}, ", named.0)))
            .unwrap();
        let gone = text.replacen(&format!("{line}\n"), "", 1);
        let mut backups = Vec::new();
        for (n, t) in [
            serialize_book(&backup_1),
            serialize_book(&backup_2),
            serialize_book(&base),
            broken,
            gone,
        ]
        .into_iter()
        .enumerate()
        {
            let path = dir.path().join(format!(".kith.ron.kith-{}", n + 1));
            std::fs::write(&path, &t).unwrap();
            backups.push(path);
        }
        let wanted = Wanted::of(&here, &there);
        assert!(!wanted.is_empty(), "person 3 changed on both");
        let by_lines = ancestors(&here, Some(&text), &wanted, &backups);
        let whole = ancestors(&here, None, &wanted, &backups);
        assert_eq!(by_lines, whole);
        assert_ne!(
            whole,
            Ancestors::default(),
            "the version both started from is found"
        );
        // All but the broken ones are compared by lines.
        let near = |p: &PathBuf| near_any(&here, &text, &std::fs::read(p).unwrap()).is_some();
        assert!(backups[..3].iter().all(near));
        for broken in &backups[3..] {
            assert!(!near(broken), "{}", broken.display());
            assert!(read_book_file(broken, false).is_err());
        }
    }
}
