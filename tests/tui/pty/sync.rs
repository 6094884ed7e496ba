//! The real binary in a terminal while a sync tool drops a conflict copy
//! beside the book: the banner appears within a poll, `S` merges it, and the
//! data file holds both sides afterwards.

use crate::common::pty::Pty;
use kith::model::{Book, Op, Person, PersonId};
use std::path::Path;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);
const FIXTURE: &str = include_str!("../../fixtures/tui_book.ron");
const COPY: &str = "kith.sync-conflict-20261201-101500-ABCDEF7.ron";

fn read(path: &Path) -> Book {
    kith::store::parse_book(path, &std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_copy_that_arrives_while_open_is_announced_and_merged_with_one_key() {
    let book = kith::store::parse_book(Path::new("f.ron"), FIXTURE.as_bytes()).unwrap();
    let (_dir, path, mut kith) = Pty::on_book(&book, 80, 24);
    kith.wait_for("People", WAIT);

    // The other machine's copy: one more person and a new org for Ana.
    let mut theirs = read(&path);
    let zed = Person::new(PersonId::parse("pz0000007").unwrap(), "Zed Elsewhere");
    Op::AddPerson(zed).apply(&mut theirs).unwrap();
    let copy = path.with_file_name(COPY);
    std::fs::write(&copy, kith::store::serialize_book(&theirs)).unwrap();

    kith.wait_for("S merges the conflict copy", WAIT);
    kith.send("S");
    kith.wait_for("merged 1 conflict copy", WAIT);
    kith.wait_gone("S merges the conflict copy", WAIT);
    let after = read(&path);
    assert!(after.people.iter().any(|p| p.name == "Zed Elsewhere"));
    assert_eq!(after.people.len(), book.people.len() + 1);
    assert!(!copy.exists());
    assert!(
        path.with_file_name(".kith.ron.kith-merged")
            .join(COPY)
            .exists()
    );
    kith.send("q");
    kith.wait_exit(WAIT);
}
