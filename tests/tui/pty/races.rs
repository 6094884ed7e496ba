//! The TUI never overwrites another writer: another `kith` process runs
//! between the TUI's steps, and the data file is read afterwards.
//! - the edit form saves only the fields it changed (another process's new
//!   e-mail survives; a field both changed takes the form's value, and the
//!   status line names what it replaced);
//! - undo of an edit restores only what still holds the edit's value (a tag
//!   added meanwhile survives);
//! - undo of a capture never deletes another writer's entry, even one that
//!   took the same place after the file was rolled back.

use crate::common::people::find_in_list;
use crate::common::pty::{Pty, keys};
use kith::model::{Book, Person};
use std::path::Path;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);
const CTRL_S: &str = "\x13";
const CTRL_U: &str = "\x15";
const FIXTURE: &str = include_str!("../../fixtures/tui_book.ron");

fn fixture() -> Book {
    kith::store::parse_book(Path::new("fixture.ron"), FIXTURE.as_bytes()).unwrap()
}

fn read(path: &Path) -> Book {
    kith::store::parse_book(path, &std::fs::read(path).unwrap()).unwrap()
}

fn ana(path: &Path) -> Person {
    read(path)
        .people
        .into_iter()
        .find(|p| p.name == "Ana Lima")
        .unwrap()
}

/// Another kith process, run to completion.
fn other(path: &Path, args: &[&str]) -> String {
    let out = crate::common::cli::kith(path, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_form_and_its_undo_keep_what_another_process_wrote() {
    let (_dir, path, mut kith) = Pty::on_book(&fixture(), 100, 30);
    find_in_list(&mut kith, "Ana Lima");
    kith.send("e");
    kith.wait_for("Edit Ana Lima", WAIT);
    kith.send(keys::TAB);
    kith.send(keys::TAB);
    kith.send(CTRL_U);
    kith.send("Initech");
    kith.wait_for("Initech", WAIT);

    // While the form is open: another process adds an e-mail and sets the
    // org the form is changing too.
    other(
        &path,
        &[
            "edit",
            "p1",
            "--email",
            "+ana@other.test",
            "--org",
            "Globex",
        ],
    );
    kith.send(CTRL_S);
    kith.wait_for("replaced org", WAIT);
    let screen = kith.screen();
    assert!(
        screen.contains("Globex"),
        "the status names what it replaced:\n{screen}"
    );
    let p = ana(&path);
    assert_eq!(p.org.as_deref(), Some("Initech"), "the form's value wins");
    assert!(
        p.emails.contains(&"ana@other.test".to_string()),
        "the other process's e-mail survives the form: {:?}",
        p.emails
    );

    // Another process adds a tag; undo takes back only the org.
    other(&path, &["edit", "p1", "--tag", "+added-elsewhere"]);
    kith.send("u");
    kith.wait_for("undone: edited Ana Lima", WAIT);
    let p = ana(&path);
    assert_eq!(
        p.org.as_deref(),
        Some("Globex"),
        "undo restores what the edit replaced"
    );
    assert!(
        p.tags.contains(&"added-elsewhere".to_string()),
        "{:?}",
        p.tags
    );
    assert!(p.emails.contains(&"ana@other.test".to_string()));

    // The other process changes the org again: a redo would overwrite it,
    // an undo of the redo leaves it alone and says so.
    kith.send("\x12"); // Ctrl-r
    kith.wait_for("redone: edited Ana Lima", WAIT);
    other(&path, &["edit", "p1", "--org", "Hooli"]);
    kith.send("u");
    kith.wait_for("left org", WAIT);
    assert_eq!(ana(&path).org.as_deref(), Some("Hooli"));
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

#[test]
fn undo_of_a_capture_never_deletes_another_writers_entry() {
    let (_dir, path, mut kith) = Pty::on_book(&fixture(), 100, 30);
    let before = read(&path).entries.len();
    kith.send("c");
    kith.wait_for("Capture", WAIT);
    kith.send(CTRL_U);
    kith.send("@p1 favor: reviewed the deck");
    kith.send(keys::ENTER);
    kith.wait_for("saved", WAIT);
    assert_eq!(read(&path).entries.len(), before + 1);

    // The file goes back to an older version (a `git checkout`), and another
    // process logs an entry.
    std::fs::write(&path, FIXTURE).unwrap();
    other(&path, &["log", "@p2 call: caught up"]);
    let theirs = read(&path).entries.last().unwrap().clone();
    assert_eq!(theirs.summary, "caught up");

    kith.send("u");
    kith.wait_for("cannot undo", WAIT);
    let after = read(&path);
    assert!(
        after.entries.contains(&theirs),
        "the other writer's entry is still there"
    );
    assert!(
        !after
            .entries
            .iter()
            .any(|e| e.summary == "reviewed the deck")
    );
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

#[test]
fn a_book_deleted_under_the_tui_is_said_and_recreated_only_when_asked() {
    let (_dir, path, mut kith) = Pty::on_book(&fixture(), 120, 30);
    let people = read(&path).people.len();
    std::fs::remove_file(&path).unwrap();
    kith.wait_for("is gone", WAIT);
    assert!(
        kith.screen().contains("Ana Lima"),
        "the book as last read is still shown"
    );

    kith.send("c");
    kith.wait_for("Capture", WAIT);
    kith.send(CTRL_U);
    kith.send("@p1 call: after the file went");
    kith.send(keys::ENTER);
    kith.wait_for("Write the book as shown to a new file there?", WAIT);
    kith.send("n");
    kith.wait_gone("Write the book as shown", WAIT);
    assert!(!path.exists(), "no answer, no file");

    // The capture kept its text: Enter again asks again; yes writes it all.
    kith.send(keys::ENTER);
    kith.wait_for("Write the book as shown to a new file there?", WAIT);
    kith.send("y");
    kith.wait_for("the next change starts a new book", WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("· saved: logged", WAIT);
    assert!(path.exists(), "{}", kith.screen());
    let book = read(&path);
    assert_eq!(
        book.people.len(),
        people,
        "every person came back with the new file"
    );
    assert!(
        book.entries
            .iter()
            .any(|e| e.summary == "after the file went")
    );
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

#[test]
fn a_comment_written_into_the_book_is_warned_about_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let text = FIXTURE.replacen("(\n", "(\n  // met Ana again at the conference\n", 1);
    std::fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    let mut kith = Pty::kith(
        &["--file", file, "--today", "2026-11-26"],
        120,
        30,
        dir.path(),
    );
    kith.wait_for("warning: ", WAIT);
    kith.wait_for("comment", WAIT);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}
