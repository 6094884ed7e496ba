//! A change made to the file by someone else — a hand edit, a sync tool,
//! another kith — between this process's load and its save is kept, and this
//! process's own change lands on top of it.

use chrono::NaiveDate;
use kith::model::{Entry, Kind, Op, Person, PersonId};
use kith::store::{Store, parse_book};
use std::fs;
use std::path::Path;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn add(name: &str) -> Op {
    Op::AddPerson(Person::new(PersonId(0), name))
}

fn on_disk(path: &Path) -> kith::model::Book {
    parse_book(path, &fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_hand_edit_between_load_and_save_is_kept_under_our_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store.apply(&mut book, add("Ana")).unwrap();
    store.apply(&mut book, add("Bo")).unwrap();

    // Someone edits the file by hand the way an editor saves: a new file
    // renamed over the old one. They rename Ana and add a person of their own.
    let text = fs::read_to_string(&path).unwrap();
    let edited = text
        .replace("name: \"Ana\"", "name: \"Ana María\", org: \"Lumen\"")
        .replace(
            "  ],\n  entries",
            "    (id: 7, name: \"Zoë\"),\n  ],\n  entries",
        );
    assert_ne!(edited, text, "the edit applies to the file as written");
    let tmp = dir.path().join("edit.tmp");
    fs::write(&tmp, &edited).unwrap();
    fs::rename(&tmp, &path).unwrap();

    // Our process still holds the book it loaded, and now logs an entry
    // and adds someone.
    let entry = Entry::new(today(), vec![PersonId(1)], Kind::new("favor"), "deck");
    let applied = store.apply(&mut book, Op::AddEntry(entry)).unwrap();
    assert!(applied.reloaded, "the outside change was noticed");
    store.apply(&mut book, add("Cy")).unwrap();

    let saved = on_disk(&path);
    assert_eq!(saved, book, "memory and disk agree");
    let people: Vec<(u64, &str, Option<&str>)> = saved
        .people
        .iter()
        .map(|p| (p.id.0, p.name.as_str(), p.org.as_deref()))
        .collect();
    assert_eq!(
        people,
        vec![
            (1, "Ana María", Some("Lumen")),
            (2, "Bo", None),
            (7, "Zoë", None),
            (8, "Cy", None),
        ],
        "the hand edit is kept and our new person gets a fresh id"
    );
    assert_eq!(saved.entries.len(), 1);
    assert_eq!(saved.entries[0].people, vec![PersonId(1)]);
}

#[test]
fn a_same_size_edit_in_place_right_after_our_save_is_not_lost() {
    // The hardest case for a cheap "did it change?" check: same length,
    // same inode, within the same timestamp tick as our own save.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store.apply(&mut book, add("Ana")).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replace("\"Ana\"", "\"Ann\"");
    assert_eq!(edited.len(), text.len());
    fs::write(&path, &edited).unwrap(); // truncate and write, same inode

    store.apply(&mut book, add("Bo")).unwrap();
    let names: Vec<String> = on_disk(&path).people.into_iter().map(|p| p.name).collect();
    assert_eq!(names, vec!["Ann", "Bo"]);
}

#[test]
fn another_store_on_the_same_file_sees_every_change_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut a, mut book_a) = Store::open(&path, today()).unwrap();
    let (mut b, mut book_b) = Store::open(&path, today()).unwrap();
    for i in 0..10 {
        a.apply(&mut book_a, add(&format!("a{i}"))).unwrap();
        b.apply(&mut book_b, add(&format!("b{i}"))).unwrap();
    }
    let saved = on_disk(&path);
    let names: Vec<&str> = saved.people.iter().map(|p| p.name.as_str()).collect();
    let expected: Vec<String> = (0..10)
        .flat_map(|i| [format!("a{i}"), format!("b{i}")])
        .collect();
    assert_eq!(names, expected);
    let ids: Vec<u64> = saved.people.iter().map(|p| p.id.0).collect();
    assert_eq!(ids, (1..=20).collect::<Vec<_>>());
}
