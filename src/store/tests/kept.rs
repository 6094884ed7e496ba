//! A save copies the lines of the records it did not change, and only those:
//! a line is copied when the record is the one read from it, never on trust.

use super::*;
use crate::model::{Entry, Kind, PersonId};

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn add(name: &str) -> Op {
    Op::AddPerson(crate::model::Person::new(PersonId(0), name))
}

/// A book of Ana (1) and Bo (2) on disk, Bo's line hand-edited into an
/// order of fields the writer never uses (which the fast reader still takes).
fn book_with_bo_reordered(path: &Path) {
    let (mut store, mut book) = Store::open(path, today()).unwrap();
    store.apply(&mut book, add("Ana")).unwrap();
    store.apply(&mut book, add("Bo")).unwrap();
    let text = fs::read_to_string(path).unwrap();
    let edited = text.replace("(id: 2, name: \"Bo\")", "(name: \"Bo\", id: 2)");
    assert_ne!(edited, text);
    fs::write(path, edited).unwrap();
}

#[test]
fn an_unchanged_record_keeps_its_line_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    book_with_bo_reordered(&path);
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let mut e = Entry::new(today(), vec![PersonId(1)], Kind::new("favor"), "x");
    e.id = crate::model::EntryId(0);
    store.apply(&mut book, Op::AddEntry(e)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    // Copied, not written anew (the writer would put the id first).
    assert!(text.contains("(name: \"Bo\", id: 2)"), "{text}");
    assert!(text.contains("summary: \"x\""), "{text}");
    assert_eq!(
        parse_book(&path, text.as_bytes()).unwrap(),
        book,
        "the file reads back as the book"
    );
    // And again on the next save, from the text that save wrote.
    store.apply(&mut book, add("Cy")).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("(name: \"Bo\", id: 2)"), "{text}");
    assert!(text.contains("(id: 3, name: \"Cy\")"), "{text}");
}

#[test]
fn a_record_the_operation_changes_is_written_anew() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    book_with_bo_reordered(&path);
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let mut bo = book.person(PersonId(2)).unwrap().clone();
    bo.org = Some("Acme".into());
    store.apply(&mut book, Op::UpdatePerson(bo)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("(id: 2, name: \"Bo\", org: \"Acme\")"),
        "{text}"
    );
}

#[test]
fn a_record_changed_behind_the_stores_back_is_written_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    book_with_bo_reordered(&path);
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    // Not through an operation: only the fingerprint can tell.
    book.people[1].name = "Bo Changed".into();
    store.apply(&mut book, add("Cy")).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("(id: 2, name: \"Bo Changed\")"), "{text}");
    assert!(!text.contains("(name: \"Bo\", id: 2)"), "{text}");
    // A whole other book swapped in: nothing of the old text is copied.
    let mut other = Book::default();
    add("Zed").apply(&mut other).unwrap();
    other.next_person_id = book.next_person_id;
    store.apply(&mut other, add("Yu")).unwrap();
    let back = parse_book(&path, &fs::read(&path).unwrap()).unwrap();
    let names: Vec<_> = back.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Zed", "Yu"]);
}

#[test]
fn a_hand_edited_record_with_an_unknown_field_still_refuses_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    book_with_bo_reordered(&path);
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    // Someone adds a field kith does not know to a record this store has
    // kept the line of: the save reads the file again and refuses.
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replace(
        "(name: \"Bo\", id: 2)",
        "(name: \"Bo\", id: 2, phone: \"1\")",
    );
    fs::write(&path, &edited).unwrap();
    let err = store.apply(&mut book, add("Cy")).unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
    assert!(err.to_string().contains("phone"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    // A duplicate id likewise.
    let dup = text.replace("(name: \"Bo\", id: 2)", "(name: \"Bo\", id: 1)");
    fs::write(&path, &dup).unwrap();
    let err = store.apply(&mut book, add("Cy")).unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), dup);
}
