//! The real binary in a pseudo-terminal: it opens, switches tabs, quits
//! cleanly, and leaves the data file exactly as it found it.

use crate::common::pty::{Pty, TODAY, keys};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn opens_shows_coffee_only_and_quits_without_touching_the_file() {
    let today = "2026-11-26".parse().unwrap();
    let demo = kith::demo::demo_book(today);
    // The person met longest ago among those with only coffee: first in the tab.
    let index = kith::model::Index::build(&demo, &kith::model::Kinds::default());
    let first = kith::model::Facts::new(&demo, &index).coffee_only()[0]
        .name
        .clone();

    let (_dir, path, mut kith) = Pty::on_book(&demo, 100, 30);
    let before = std::fs::read(&path).unwrap();
    kith.send("3");
    kith.wait_for("touches, no deed yet", WAIT);
    kith.wait_for(&kith::text::truncate(&first, 26), WAIT);
    kith.send("?");
    kith.wait_for("Keys", WAIT);
    // A lone Esc must arrive alone, or the terminal reads Esc+Tab as Alt-Tab.
    kith.send(keys::ESC);
    kith.wait_gone("Keys", WAIT);
    kith.send(keys::TAB);
    kith.wait_for("Review 1 of", WAIT);
    // In the Review tab `q` leaves it; on People it quits.
    kith.send("q");
    kith.wait_for("┌ People by", WAIT);
    kith.send("q");
    let status = kith.wait_exit(WAIT);
    assert!(status.success(), "exit: {status:?}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is unchanged"
    );
}

#[test]
fn a_broken_file_is_reported_and_never_opens_the_tui() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    std::fs::write(&path, "(version: 1,\n  people: [oops").unwrap();
    let file = path.to_str().unwrap();
    // Not a book, so not `Pty::on_book`: the same arguments by hand.
    let mut kith = Pty::kith(&["--file", file, "--today", TODAY], 80, 24, dir.path());
    kith.wait_for("kith.ron:2:", WAIT);
    let status = kith.wait_exit(WAIT);
    assert_eq!(status.exit_code(), 2);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(version: 1,\n  people: [oops"
    );
}

/// The snapshot tests' book (its names are known: Farah is second by attention).
fn fixture_book(_today: chrono::NaiveDate) -> kith::model::Book {
    let text = include_str!("../../fixtures/tui_book.ron");
    kith::store::parse_book(std::path::Path::new("fixture.ron"), text.as_bytes()).unwrap()
}

#[test]
fn a_bad_key_binding_is_reported_with_its_position_before_the_tui_opens() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    std::fs::write(
        &config,
        "(\n  keys: {\n    \"people\": {\"x\": \"srot\"},\n  },\n)\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
        .args(["--config", config.to_str().unwrap()])
        .args(["--file", dir.path().join("kith.ron").to_str().unwrap()])
        .args(["--today", TODAY])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("config.ron:3:21: unknown action \"srot\""),
        "{stderr}"
    );
    assert!(
        !stderr.contains("\x1b[?1049h"),
        "the terminal was never touched"
    );
}

#[test]
fn a_change_from_another_process_shows_up_and_keeps_the_selection() {
    let today = "2026-11-26".parse().unwrap();
    let mut book = fixture_book(today);
    let (_dir, path, mut kith) = Pty::on_book(&book, 100, 30);
    kith.send("j"); // the second person, Farah, is on the card
    kith.wait_for("┌ Farah Haddad", WAIT);
    // `kith log` in another terminal, in effect: a new person lands in the file.
    kith::model::Op::AddPerson(kith::model::Person::new(
        kith::model::PersonId(0),
        "Zed Zulu",
    ))
    .apply(&mut book)
    .unwrap();
    kith::store::write_book(&path, &book).unwrap();
    kith.wait_for("Zed Zulu", WAIT);
    kith.wait_for("reloaded", WAIT);
    assert!(
        kith.screen().contains("┌ Farah Haddad"),
        "{}",
        kith.screen()
    );
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

/// A book saved by kith a few times (so backups are beside it), then
/// removed as a sync tool might: the TUI asks to restore the newest backup.
#[test]
fn a_vanished_book_is_offered_back_at_start_and_restored_on_yes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    kith::store::write_book(&path, &kith::demo::demo_book(TODAY.parse().unwrap())).unwrap();
    for line in ["@ana coffee: one", "@ana coffee: two"] {
        crate::common::cli::ok(&path, &["log", line]);
    }
    let newest = std::fs::read(path.with_file_name(".kith.ron.kith-1")).unwrap();
    std::fs::remove_file(&path).unwrap();
    let file = path.to_str().unwrap();

    // No: kith leaves, says why, and writes nothing.
    let mut kith = Pty::kith(&["--file", file, "--today", TODAY], 80, 24, dir.path());
    kith.wait_for("Restore a backup?", WAIT);
    kith.wait_for("kith.ron is missing.", WAIT);
    kith.wait_for("Backup 1: 42 people,", WAIT);
    kith.send("n");
    let status = kith.wait_exit(WAIT);
    assert_eq!(status.exit_code(), 2, "{status:?}");
    assert!(!path.exists());

    // Yes: the backup is the book, and the TUI opens on it.
    let mut kith = Pty::kith(&["--file", file, "--today", TODAY], 80, 24, dir.path());
    kith.wait_for("Restore a backup?", WAIT);
    kith.send("y");
    kith.wait_gone("Restore a backup?", WAIT);
    kith.wait_for("┌ People by", WAIT);
    // The demo's people are back on screen (the question's empty book had none).
    kith.wait_for("Ana", WAIT);
    assert_eq!(std::fs::read(&path).unwrap(), newest);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
    assert_eq!(std::fs::read(&path).unwrap(), newest);
}

/// On a card the global keys work: `2` goes to the Timeline, `c` captures
/// and `u` undoes it — without leaving the card first.
#[test]
fn global_keys_work_on_a_card() {
    let today = "2026-11-26".parse().unwrap();
    let book = fixture_book(today);
    let before = book.entries.len();
    let (_dir, path, mut kith) = Pty::on_book(&book, 100, 30);
    kith.wait_for("People", WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("their timeline", WAIT);
    kith.send("c");
    kith.wait_for("┌ Capture", WAIT);
    kith.send("coffee: a card capture");
    kith.send(keys::ENTER);
    kith.wait_for("saved:", WAIT);
    let (_, on_disk) = kith::store::Store::open(&path, today).unwrap();
    assert_eq!(on_disk.entries.len(), before + 1, "captured from the card");
    kith.send("u");
    kith.wait_for("undone:", WAIT);
    let (_, on_disk) = kith::store::Store::open(&path, today).unwrap();
    assert_eq!(on_disk.entries.len(), before, "undone from the card");
    kith.send("2");
    kith.wait_for("Timeline", WAIT);
    kith.wait_gone("their timeline", WAIT);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

/// Undoing an archive puts the cursor on the person brought back, so the
/// next key acts on whom the user sees.
#[test]
fn undo_of_an_archive_selects_the_person_brought_back() {
    let today = "2026-11-26".parse().unwrap();
    let book = fixture_book(today);
    let (_dir, path, mut kith) = Pty::on_book(&book, 100, 30);
    kith.wait_for("People", WAIT);
    kith.send(keys::DOWN);
    kith.send("A");
    kith.wait_for("Archive", WAIT);
    kith.send("y");
    // The status line (the row over the hints, which name the key that
    // shows archived people) says it once it is on disk.
    let deadline = std::time::Instant::now() + WAIT;
    while !kith
        .screen()
        .lines()
        .nth(28)
        .is_some_and(|l| l.contains("archived"))
    {
        assert!(std::time::Instant::now() < deadline, "{}", kith.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    let (_, on_disk) = kith::store::Store::open(&path, today).unwrap();
    let gone: Vec<String> = on_disk
        .people
        .iter()
        .filter(|p| p.archived && !book.person(p.id).is_some_and(|b| b.archived))
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(gone.len(), 1, "one archived now: {gone:?}");
    kith.send("u");
    kith.wait_for("undone:", WAIT);
    // The card beside the list follows the selection: it is theirs (the
    // selection was kept by id on whoever had taken the row before).
    kith.wait_for(&format!("┌ {}", gone[0]), WAIT);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}
