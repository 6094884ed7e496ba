//! Tests of a capture's way in ([`Store::open_to_add`], [`Store::add`]): it
//! is taken only over the very text kith last saved, writes what the whole
//! way writes, and declines, writing nothing, whenever it cannot be sure.

use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::model::OpError;
use crate::model::{Entry, EntryId, Kind, Person, PersonId};

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn entry(id: u64, person: u64, summary: &str) -> Entry {
    let mut e = Entry::new(today(), vec![PersonId(person)], Kind::new("call"), summary);
    e.id = EntryId(id);
    e
}

fn person(id: u64, name: &str) -> Person {
    Person::new(PersonId(id), name)
}

/// A book saved by kith at `dir/kith.ron`: people 10, 20, 30 and entries
/// 100, 200, 300 (ids spaced so new ones can go between).
fn saved(dir: &Path) -> PathBuf {
    let path = dir.join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let mut ops: Vec<Op> = [10, 20, 30]
        .map(|id| Op::AddPerson(person(id, &format!("P{id}"))))
        .into();
    ops.extend([100, 200, 300].map(|id| Op::AddEntry(entry(id, 10, &format!("e{id}")))));
    store.apply(&mut book, Op::Batch(ops)).unwrap();
    path
}

/// `op` through the add path; `None` when it declined.
fn add_op(path: &Path, op: Op) -> Option<Book> {
    let (mut store, adding) = Store::open_to_add(path, today()).unwrap()?;
    assert!(adding.book().entries.is_empty(), "the entries are not read");
    store.add(adding, |_| Ok(op)).unwrap().map(|(_, book)| book)
}

/// What the whole way writes for `op` over a copy of the book at `path`.
fn whole_way(path: &Path, op: Op) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("kith.ron");
    fs::copy(path, &copy).unwrap();
    let (mut store, mut book) = Store::open(&copy, today()).unwrap();
    store.apply(&mut book, op).unwrap();
    fs::read(&copy).unwrap()
}

#[test]
fn new_records_go_where_their_ids_do_and_the_file_is_what_the_whole_way_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved(dir.path());
    // Before, between and after the old records, and a newcomer between
    // the people.
    let op = Op::Batch(vec![
        Op::AddPerson(person(15, "Newcomer")),
        Op::AddEntry(entry(50, 15, "first")),
        Op::AddEntry(entry(250, 20, "between")),
        Op::AddEntry(entry(400, 30, "last")),
    ]);
    let expected = whole_way(&path, op.clone());
    let book = add_op(&path, op).expect("the add path took it");
    assert_eq!(fs::read(&path).unwrap(), expected);
    assert_eq!(
        book.entries.len(),
        3,
        "the book in hand has the new entries"
    );
    let (_, back) = Store::open(&path, today()).unwrap();
    let ids: Vec<u64> = back.entries.iter().map(|e| e.id.0).collect();
    assert_eq!(ids, [50, 100, 200, 250, 300, 400]);
    // And again over the file the add path wrote.
    let op = Op::AddEntry(entry(150, 10, "again"));
    let expected = whole_way(&path, op.clone());
    add_op(&path, op).expect("its own save is trusted too");
    assert_eq!(fs::read(&path).unwrap(), expected);
}

#[test]
fn a_file_another_program_changed_is_read_whole_and_a_bad_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved(dir.path());
    let text = fs::read_to_string(&path).unwrap();
    // One byte of an entry changed, same length: not the text kith checked.
    fs::write(
        &path,
        text.replace("summary: \"e200\"", "summary: \"e201\""),
    )
    .unwrap();
    assert!(Store::open_to_add(&path, today()).unwrap().is_none());
    // An unknown field in an entry: the add path declines, and the whole
    // way refuses it with its line, writing nothing.
    let bad = text.replace("summary: \"e200\"", "summary: \"e200\", mood: \"great\"");
    fs::write(&path, &bad).unwrap();
    assert!(Store::open_to_add(&path, today()).unwrap().is_none());
    let err = Store::open(&path, today()).unwrap_err();
    assert!(err.to_string().contains("mood"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), bad);
}

#[test]
fn a_record_without_this_kiths_fingerprint_is_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved(dir.path());
    let lock = lock_path(&path);
    let record = fs::read_to_string(&lock).unwrap();
    assert!(record.contains("checked "), "{record}");
    // What an older kith records: the marks alone.
    let marks: String = record.lines().take(2).map(|l| format!("{l}\n")).collect();
    fs::write(&lock, marks).unwrap();
    assert!(Store::open_to_add(&path, today()).unwrap().is_none());
    // A full save records it again.
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store
        .apply(&mut book, Op::AddEntry(entry(0, 10, "x")))
        .unwrap();
    assert!(Store::open_to_add(&path, today()).unwrap().is_some());
}

#[test]
fn an_operation_that_changes_a_record_or_reuses_an_id_declines_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved(dir.path());
    let before = fs::read(&path).unwrap();
    let taken = add_op(&path, Op::AddEntry(entry(200, 10, "same id as an old one")));
    assert!(taken.is_none());
    let changes = add_op(&path, Op::DeleteEntry(EntryId(200)));
    assert!(changes.is_none());
    // An entry naming nobody in the book is refused as the whole way
    // refuses it: every person is read.
    let (mut store, adding) = Store::open_to_add(&path, today()).unwrap().unwrap();
    let dangling = store.add(adding, |_| Ok(Op::AddEntry(entry(0, 99, "nobody"))));
    assert!(
        matches!(
            dangling,
            Err(StoreError::Op(OpError::NoPerson(PersonId(99))))
        ),
        "{dangling:?}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_capture_added_is_undone_and_moves_the_counters() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved(dir.path());
    let before = fs::read(&path).unwrap();
    let (mut store, adding) = Store::open_to_add(&path, today()).unwrap().unwrap();
    store.remember_undo(true);
    let (applied, book) = store
        .add(adding, |book| {
            let mut e = entry(0, 20, "counted");
            e.id = book.next_entry_id();
            Ok(Op::AddEntry(e))
        })
        .unwrap()
        .unwrap();
    let id = book.entries[0].id;
    assert!(id.0 > 300, "a new id after the old ones: {id:?}");
    assert!(matches!(applied.inverse, Op::RemoveEntry(_)));
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    assert!(book.entry(id).is_some());
    assert!(book.next_entry_id > id.0 as u32);
    store.remember_undo(true);
    let pending = store
        .pending_undo()
        .unwrap()
        .expect("the capture can be undone");
    assert_eq!(pending, applied.inverse);
    store.undo(&mut book, &pending).unwrap();
    let (_, back) = Store::open(&path, today()).unwrap();
    assert!(back.entry(id).is_none());
    let (_, old) = Store::open(&path, today()).unwrap();
    assert_eq!(
        old.entries.len(),
        parse_book(&path, &before).unwrap().entries.len()
    );
}

#[test]
fn a_held_text_is_saved_over_only_while_the_file_is_still_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved(dir.path());
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    assert!(store.hold_seen_text().unwrap().contains("\"P10\""));
    // Another process renames P10 after the text was held.
    let (mut other, mut theirs) = Store::open(&path, today()).unwrap();
    let mut renamed = theirs.people[0].clone();
    renamed.name = "P10 Renamed".into();
    other.apply(&mut theirs, Op::UpdatePerson(renamed)).unwrap();
    // This save reads the file again: the held text is not the file's now.
    store
        .apply(&mut book, Op::AddPerson(person(40, "P40")))
        .unwrap();
    let (_, back) = Store::open(&path, today()).unwrap();
    let names: Vec<&str> = back.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["P10 Renamed", "P20", "P30", "P40"]);
    // Held and still the file's: the save over it writes what a read would.
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store.hold_seen_text().unwrap();
    let op = Op::AddEntry(entry(500, 40, "held"));
    let expected = whole_way(&path, op.clone());
    store.apply(&mut book, op).unwrap();
    assert_eq!(fs::read(&path).unwrap(), expected);
}

#[test]
fn the_sections_after_the_entries_are_read_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved(dir.path());
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let dismissed = crate::model::DismissedIntro {
        person: PersonId(20),
        need: "a \"printer\"".into(),
        candidate: Some(PersonId(30)),
    };
    let mut lineage = book.lineage.clone();
    lineage.note_person(&book.people[0], None);
    let tail = Op::Batch(vec![
        Op::AddPerson(person(40, "Merged away")),
        Op::SetDismissed(dismissed, true),
        Op::SetLineage(Box::new(lineage)),
    ]);
    store.apply(&mut book, tail).unwrap();
    let merge = crate::model::merge_op(&book, PersonId(40), PersonId(10)).unwrap();
    store.apply(&mut book, merge).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("merged:") && text.contains("dismissed_intros:") && text.contains("lineage:")
    );
    // Naming the merged-away id lands on the person it was merged into.
    let op = Op::AddEntry(entry(250, 40, "to the merged id"));
    let expected = whole_way(&path, op.clone());
    let book = add_op(&path, op).expect("the add path took it");
    assert_eq!(fs::read(&path).unwrap(), expected);
    assert_eq!(book.merged.get(&PersonId(40)), Some(&PersonId(10)));
}

#[cfg(unix)]
#[test]
fn a_capture_through_a_symlink_writes_the_target_and_the_link_survives() {
    let dir = tempfile::tempdir().unwrap();
    let real = saved(dir.path());
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let op = Op::AddEntry(entry(250, 20, "through the link"));
    let expected = whole_way(&real, op.clone());
    add_op(&link, op).expect("the add path took it");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&real).unwrap(), expected);
}
