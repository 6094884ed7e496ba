//! The status bar's counts read as English at one and at many.

use crate::model::{Book, Entry, Kind, Op, Person, PersonId};
use crate::store::write_book;
use crate::tui::test_support::{draw, open_at, today};

fn book_of(people: usize, entries: usize) -> Book {
    let mut book = Book::default();
    for i in 0..people {
        Op::AddPerson(Person::new(PersonId(0), format!("Person {i}")))
            .apply(&mut book)
            .unwrap();
    }
    for i in 0..entries {
        let e = Entry::new(
            today(),
            vec![PersonId(1)],
            Kind::new("call"),
            &format!("call {i}"),
        );
        Op::AddEntry(e).apply(&mut book).unwrap();
    }
    book
}

#[test]
fn one_person_and_one_entry_are_counted_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    for (people, entries, said) in [
        (1, 1, "1 person · 1 entry"),
        (2, 3, "2 people · 3 entries"),
        (1, 0, "1 person · 0 entries"),
    ] {
        let path = dir.path().join(format!("k{people}{entries}.ron"));
        write_book(&path, &book_of(people, entries)).unwrap();
        let screen = draw(&open_at(&path), 80, 24);
        assert!(screen.contains(said), "no {said:?} in\n{screen}");
    }
}
