//! The real binary in a pseudo-terminal: `c`, a name completed from a
//! fragment, Enter, and the entry is in the data file once "saved" shows —
//! even when the process is killed the moment it does; `u` takes it out of
//! the file again. A bad line keeps the popup, the text and the error. While
//! another process holds the book's lock the screen stays live.

use crate::common::pty::{Pty, keys};
use crate::common::screen::today;
use chrono::Days;
use kith::model::{Book, Kind};
use kith::store::Store;
use std::path::Path;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);
const CTRL_U: &str = "\x15";

fn read(path: &Path) -> Book {
    Store::open(path, today()).unwrap().1
}

/// The demo book in a temp dir, and kith started on it at 100×30.
fn start() -> (tempfile::TempDir, std::path::PathBuf, Pty) {
    Pty::on_book(&kith::demo::demo_book(today()), 100, 30)
}

/// `c`, the line (in place of any prefill), and waits for `shows`.
fn capture(kith: &mut Pty, line: &str, shows: &str) {
    kith.send("c");
    kith.wait_for("Capture", WAIT);
    kith.send(CTRL_U);
    kith.send(line);
    kith.wait_for(shows, WAIT);
}

fn has(book: &Book, summary: &str) -> bool {
    book.entries.iter().any(|e| e.summary == summary)
}

#[test]
#[cfg(unix)]
fn saved_means_on_disk_even_if_killed_the_moment_it_shows() {
    let (_dir, path, mut kith) = start();
    // A fuzzy fragment: the first letters of a first name.
    capture(
        &mut kith,
        "@chl favor: lent my standing desk",
        "→ favor · gave · Chloé",
    );
    kith.send(keys::ENTER);
    kith.wait_for("saved: logged favor for Chloé", WAIT);
    kith.kill_hard();
    let book = read(&path);
    assert!(
        has(&book, "lent my standing desk"),
        "durable before acknowledged"
    );
}

#[test]
fn a_bad_line_keeps_the_popup_the_text_and_the_error() {
    let (_dir, path, mut kith) = start();
    let before = std::fs::read(&path).unwrap();
    capture(
        &mut kith,
        "@chl fvr: lent my standing desk",
        "no kind `fvr:`",
    );
    kith.send(keys::ENTER);
    kith.wait_for("not saved", WAIT);
    let screen = kith.screen();
    assert!(
        screen.contains("> @chl fvr: lent my standing desk"),
        "{screen}"
    );
    assert!(screen.contains("^^^^"), "a caret under the kind:\n{screen}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
}

#[test]
fn the_screen_stays_live_while_another_process_holds_the_lock() {
    let (dir, path, mut kith) = start();
    capture(
        &mut kith,
        "@chl favor: lent my standing desk",
        "→ favor · gave · Chloé",
    );
    // Another kith is saving: the lock is taken (kith waits up to 2 s).
    let lock = std::fs::File::create(dir.path().join(".kith.ron.kith-lock")).unwrap();
    lock.try_lock().unwrap();
    kith.send(keys::ENTER);
    kith.wait_for("saving…", WAIT);
    // A key typed meanwhile waits its turn: Timeline, after the save.
    kith.send("2");
    assert!(!has(&read(&path), "lent my standing desk"));
    drop(lock);
    kith.wait_for("saved: logged favor for Chloé", WAIT);
    kith.wait_gone("> @chl", WAIT);
    kith.wait_for("lent my standing desk", WAIT); // the Timeline lists it
    assert!(has(&read(&path), "lent my standing desk"));
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

#[test]
fn capture_completes_a_name_saves_to_disk_and_undoes() {
    let demo = kith::demo::demo_book(today());
    let (_dir, path, mut kith) = Pty::on_book(&demo, 100, 30);
    let before = read(&path).entries.len();
    // A fragment of someone's first name; the dropdown's best match is the one.
    let someone = &demo.people[3];
    let fragment: String = someone.name.chars().take(3).collect();
    let search = kith::search::SearchIndex::build(&demo);
    let index = kith::model::Index::build(&demo, &kith::model::Kinds::default());
    let (id, name) =
        kith::tui::layers::capture::name_matches(&fragment, &demo, &search, &index)[0].clone();

    kith.send("c");
    kith.wait_for("Capture", WAIT);
    kith.send(CTRL_U); // the line may start with the selected person
    kith.send(&format!("@{fragment}"));
    kith.wait_for(&format!("▸ @ {name}"), WAIT);
    kith.send(keys::TAB);
    kith.wait_gone(&format!("▸ @ {name}"), WAIT);
    kith.send("favor: reviewed the deck -1d !+1w");
    kith.wait_for("→ favor · gave", WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("saved: logged favor", WAIT);

    let book = read(&path);
    assert_eq!(book.entries.len(), before + 1);
    let entry = book
        .entries
        .iter()
        .find(|e| e.summary == "reviewed the deck")
        .expect("the new entry is in the file");
    assert_eq!(entry.kind, Kind::new("favor"));
    assert_eq!(entry.people, vec![id]);
    assert_eq!(entry.date, today() - Days::new(1));
    assert_eq!(entry.follow_up, Some(today() + Days::new(7)));

    kith.send("u");
    kith.wait_for("undone: logged favor", WAIT);
    let book = read(&path);
    assert_eq!(book.entries.len(), before);
    assert!(
        !book
            .entries
            .iter()
            .any(|e| e.summary == "reviewed the deck")
    );
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

#[test]
fn typing_at_first_replaces_the_prefill_and_an_unknown_name_says_whom_it_meant() {
    let (_dir, path, mut kith) = start();
    // The People list opens on someone; c pre-fills them; @ starts afresh.
    kith.send("c");
    kith.wait_for("Capture", WAIT);
    kith.send("@priya <intro: introduced me to a fund");
    kith.wait_for("→ intro · received · Priya Raman · today", WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("saved: ", WAIT);
    let book = read(&path);
    let e = book
        .entries
        .iter()
        .find(|e| e.summary == "introduced me to a fund")
        .unwrap();
    assert_eq!(e.people.len(), 1, "only Priya: {:?}", e.people);

    capture(
        &mut kith,
        "@rafeal favor: lent him my bike",
        "did you mean Rafael Costa?",
    );
    kith.send(keys::ENTER);
    kith.wait_for("did you mean Rafael Costa?", WAIT);
    kith.wait_for("Name: Rafeal", WAIT);
    kith.send(keys::ESC);
    kith.wait_gone("Name: Rafeal", WAIT);
    kith.send(keys::ESC);
    kith.wait_for("Discard the line?", WAIT);
    kith.send("y");
    kith.wait_gone("┌ Capture", WAIT);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
    assert!(
        !has(&read(&path), "lent him my bike"),
        "nobody was created, nothing saved"
    );
}

#[test]
#[cfg(unix)]
fn did_you_mean_is_taken_with_tab_and_a_new_name_is_capitalised_and_editable() {
    let (_dir, path, mut kith) = start();
    let people = read(&path).people.len();
    let soren = |book: &Book| {
        book.people
            .iter()
            .find(|p| p.name == "Søren Madsen")
            .unwrap()
            .id
    };
    // Enter on a name kith does not know asks for the new person's name;
    // a reflex y types into it, and Tab takes whom kith meant.
    capture(
        &mut kith,
        "@sorne coffee: talked about Lisbon",
        "did you mean Søren Madsen? Tab takes it",
    );
    kith.send(keys::ENTER);
    kith.wait_for("Name: Sorne", WAIT);
    kith.wait_for("Tab Søren Madsen", WAIT);
    kith.send("y");
    kith.wait_for("Name: Sorney", WAIT);
    kith.send(keys::TAB);
    kith.wait_for("saved: logged coffee for Søren Madsen", WAIT);
    let book = read(&path);
    assert_eq!(book.people.len(), people, "nobody made");
    let e = book
        .entries
        .iter()
        .find(|e| e.summary == "talked about Lisbon")
        .unwrap();
    assert_eq!(e.people, vec![soren(&book)]);

    // Tab on the line itself takes the suggestion too.
    capture(&mut kith, "@sorne call: about the trip", "Tab takes it");
    kith.send(keys::TAB);
    kith.wait_for("→ call · gave · Søren Madsen", WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("saved: logged call for Søren Madsen", WAIT);

    // A new person: the typed name capitalised, edited before it is made.
    capture(&mut kith, "@zed coffee: hello", "→ coffee");
    kith.send(keys::ENTER);
    kith.wait_for("Name: Zed", WAIT);
    kith.send(" Quinn");
    kith.send(keys::ENTER);
    kith.wait_for("saved: logged coffee for Zed Quinn", WAIT);
    let book = read(&path);
    assert_eq!(book.people.len(), people + 1);
    let zed = book.people.iter().find(|p| p.name == "Zed Quinn").unwrap();
    assert!(
        book.entries
            .iter()
            .any(|e| e.summary == "hello" && e.people == vec![zed.id])
    );
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

#[test]
#[cfg(unix)]
fn keys_typed_while_a_question_is_open_go_back_to_the_line() {
    let (_dir, path, mut kith) = start();
    let entries = read(&path).entries.len();
    capture(
        &mut kith,
        "@chloe favor: sent the deck +3d",
        "→ favor · gave · Chloé",
    );
    kith.send(keys::ENTER);
    kith.wait_for("Log a deed in the future?", WAIT);
    // Letters the question does not take: kept, not lost, not an answer.
    kith.send("...and the notes");
    kith.send(keys::ESC);
    kith.wait_gone("Log a deed in the future?", WAIT);
    kith.wait_for("> @chloe favor: sent the deck +3d...and the notes", WAIT);
    assert_eq!(read(&path).entries.len(), entries, "nothing saved");
    kith.send(keys::ESC);
    kith.wait_for("Discard the line?", WAIT);
    kith.send("y");
    kith.wait_gone("┌ Capture", WAIT);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}
