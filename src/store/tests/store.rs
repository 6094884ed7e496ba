//! The store's basic promises: where a first save goes, one record a line,
//! rolling backups, outside changes reloaded, broken and newer files never
//! written over, the lock, conflict copies beside a link's target.

use super::*;
use crate::model::{Entry, Kind, Person, PersonId};

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn add(name: &str) -> Op {
    Op::AddPerson(Person::new(PersonId(0), name))
}

#[test]
fn missing_file_is_an_empty_book_and_first_save_creates_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    assert!(book.people.is_empty());
    store.apply(&mut book, add("Ana")).unwrap();
    let (_, again) = Store::open(&path, today()).unwrap();
    assert_eq!(again.people[0].name, "Ana");
}

#[test]
fn one_person_or_entry_per_line() {
    let mut book = Book::default();
    add("José \"Pepe\" García").apply(&mut book).unwrap();
    add("王芳").apply(&mut book).unwrap();
    let mut e = Entry::new(
        today(),
        vec![PersonId(1), PersonId(2)],
        Kind::new("intro"),
        "met, at last",
    );
    e.follow_up = Some(today());
    Op::AddEntry(e).apply(&mut book).unwrap();
    let text = serialize_book(&book);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("王芳") && l.contains("id: 2")),
        "{text}"
    );
    let entry_line = lines.iter().find(|l| l.contains("intro")).unwrap();
    assert!(entry_line.contains("follow_up: \"2026-11-26\""), "{text}");
    assert!(text.contains("version: 3"));
    let back = parse_book(Path::new("x"), text.as_bytes()).unwrap();
    assert_eq!(back, book);
}

#[test]
fn saves_keep_three_rolling_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    for name in ["A", "B", "C", "D", "E"] {
        store.apply(&mut book, add(name)).unwrap();
    }
    let people_in = |p: &Path| parse_book(p, &fs::read(p).unwrap()).unwrap().people.len();
    assert_eq!(people_in(&path), 5);
    assert_eq!(people_in(&backup_path(&path, 1)), 4);
    assert_eq!(people_in(&backup_path(&path, 3)), 2);
    assert!(!backup_path(&path, 4).exists());
}

#[test]
fn an_outside_change_is_reloaded_before_applying() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut mine, mut my_book) = Store::open(&path, today()).unwrap();
    mine.apply(&mut my_book, add("Ana")).unwrap();
    let (mut theirs, mut their_book) = Store::open(&path, today()).unwrap();
    theirs.apply(&mut their_book, add("Bo")).unwrap();
    assert!(mine.changed_on_disk());
    let applied = mine.apply(&mut my_book, add("Cy")).unwrap();
    assert!(applied.reloaded);
    let names: Vec<_> = my_book
        .people
        .iter()
        .map(|p| (p.id.0, p.name.as_str()))
        .collect();
    assert_eq!(names, vec![(1, "Ana"), (2, "Bo"), (3, "Cy")]);
}

#[test]
fn a_file_broken_by_someone_else_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store.apply(&mut book, add("Ana")).unwrap();
    fs::write(&path, "(version: 1, people: [ (id: 1 name: \"x\")])").unwrap();
    let before = fs::read(&path).unwrap();
    let err = store.apply(&mut book, add("Bo")).unwrap_err();
    assert!(
        matches!(err, StoreError::Parse(ParseError { line: 1, .. })),
        "{err}"
    );
    assert_eq!(err.exit_code(), 2);
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn newer_versions_are_refused() {
    let err = parse_book(
        Path::new("k.ron"),
        b"(version: 4, people: [], future: true)",
    )
    .unwrap_err();
    assert!(
        matches!(err, StoreError::NewerVersion { found: 4, .. }),
        "{err}"
    );
    let err = parse_book(Path::new("k.ron"), b"(version: 7, people: 3)").unwrap_err();
    assert!(err.to_string().contains("newer kith"), "{err}");
}

#[test]
fn a_held_lock_makes_writers_give_up_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store.apply(&mut book, add("Ana")).unwrap();
    let before = fs::read(&path).unwrap();
    let held = store.lock().unwrap();
    let (mut other, mut other_book) = Store::open(&path, today()).unwrap();
    let err = other.apply(&mut other_book, add("Bo")).unwrap_err();
    assert!(matches!(err, StoreError::Busy { .. }), "{err}");
    assert_eq!(err.exit_code(), 1);
    assert_eq!(
        other_book.people.len(),
        1,
        "the in-memory book is unchanged too"
    );
    drop(held);
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn conflict_copies_are_looked_for_beside_the_links_target() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sync")).unwrap();
    let link = dir.path().join("kith.ron");
    std::os::unix::fs::symlink("sync/kith.ron", &link).unwrap();
    write_book(&dir.path().join("sync/kith.ron"), &Book::default()).unwrap();
    let (store, _) = Store::open(&link, today()).unwrap();
    assert!(store.conflict_copies().is_empty());
    let name = "kith.sync-conflict-20261201-101500-ABCDEF7.ron";
    fs::write(dir.path().join("sync").join(name), "").unwrap();
    // Beside the link is not beside the book.
    fs::write(
        dir.path()
            .join("kith.sync-conflict-20261201-101500-ABCDEF7.ron"),
        "",
    )
    .unwrap();
    let real = fs::canonicalize(dir.path()).unwrap();
    assert_eq!(
        store.conflict_copies(),
        [real.join("sync/kith.sync-conflict-20261201-101500-ABCDEF7.ron")]
    );
}

#[test]
fn a_rejected_op_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let err = store.apply(&mut book, add(" ")).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(!path.exists());
}
