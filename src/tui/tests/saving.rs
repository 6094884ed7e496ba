//! Saves on the saver's own thread, as in the terminal app: while a save is in
//! flight the app answers at once, the popup stays with its line, and keys
//! wait in order; "saved" comes only once the entry is on disk.
//!
//! To hold a save in flight without timing, a test takes the store's lock
//! itself (as another kith process would): the saver waits for it.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use std::fs::File;
use std::path::Path;

use crate::model::Book;
use crate::tui::app::{App, Tab};
use crate::tui::keys::keymap::Key;
use crate::tui::test_support::{Fixture, Top, fixture, on_disk, press, status, type_str};

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .chunks(80)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Another process adds "Zed Newcomer" to the file.
fn another_process_adds_zed(path: &Path) {
    let mut theirs = on_disk(path);
    let zed = crate::model::Person::new(crate::model::PersonId(0), "Zed Newcomer");
    crate::model::Op::AddPerson(zed).apply(&mut theirs).unwrap();
    std::fs::write(path, crate::store::serialize_book(&theirs)).unwrap();
}

/// Takes the book's lock the way another kith process does.
fn hold_lock(path: &Path) -> File {
    let lock = File::create(crate::store::lock_path(path)).unwrap();
    lock.try_lock().unwrap();
    lock
}

/// The fixture, saving on the saver's own thread as the terminal app does.
fn background() -> Fixture {
    let mut f = fixture();
    f.app.save_in_background().unwrap();
    f
}

#[test]
fn enter_answers_at_once_and_says_saved_only_once_on_disk() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = background();
    app.open_capture(None);
    type_str(&mut app, "@bru favor: lent the projector");
    let lock = hold_lock(&path);
    press(&mut app, KeyCode::Enter);

    // The save waits for the lock; the app does not.
    assert!(app.saving());
    assert_eq!(app.on_top(), Top::Capture, "the popup stays while saving");
    assert!(screen(&app).contains("saving…"), "{}", screen(&app));
    assert!(!status(&app).starts_with("saved"), "{}", status(&app));
    // Keys typed meanwhile wait their turn: go to the Timeline, open `?`.
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.tab, Tab::People, "no key is handled while saving");
    assert!(!app.poll_saves(), "nothing has come back yet");
    let summaries = |b: &Book| b.entries.iter().any(|e| e.summary == "lent the projector");
    assert!(
        !summaries(&on_disk(&path)),
        "not on disk before the lock is free"
    );

    drop(lock);
    app.wait_saves();
    assert!(summaries(&on_disk(&path)), "on disk once saved");
    assert!(summaries(app.book()), "and in the app's book");
    assert!(
        status(&app).starts_with("saved: logged favor"),
        "{}",
        status(&app)
    );
    // Then the keys that waited, in order: the popup closed, `2`, then `?`.
    assert_eq!(app.tab, Tab::Timeline);
    assert_eq!(app.on_top(), Top::Help);
    assert!(app.capture_state().is_none());
    assert!(!app.saving());
}

#[test]
fn a_failed_background_save_keeps_the_line_and_the_error() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = background();
    app.open_capture(None);
    type_str(&mut app, "@bru favor: lent the projector");
    std::fs::write(&path, "(version: 1, people: [oops").unwrap();
    press(&mut app, KeyCode::Enter);
    app.wait_saves();
    assert_eq!(app.on_top(), Top::Capture);
    let state = app.capture_state().unwrap();
    assert_eq!(state.field.value(), "@bru favor: lent the projector");
    let error = state.save_error.as_deref().unwrap();
    assert!(
        error.starts_with("not saved") && error.contains("kith.ron:1:"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(version: 1, people: [oops",
        "a broken file is never written over"
    );
}

#[test]
fn undo_and_redo_run_in_the_background_too() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = background();
    app.open_capture(None);
    type_str(&mut app, "@bru favor: lent the projector");
    press(&mut app, KeyCode::Enter);
    // `u` and Ctrl-r typed before the save is back are kept, in order.
    press(&mut app, KeyCode::Char('u'));
    app.handle_key(Key::ctrl('r'));
    press(&mut app, KeyCode::Char('u'));
    app.wait_saves();
    let has = |b: &Book| b.entries.iter().any(|e| e.summary == "lent the projector");
    assert!(!has(&on_disk(&path)), "saved, undone, redone, undone");
    assert!(!has(app.book()));
    assert_eq!(status(&app), "undone: logged favor for Bruno Costa");
}

#[test]
fn another_process_change_is_read_in_the_background() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = background();
    another_process_adds_zed(&path);
    assert!(app.store().changed_on_disk());
    app.reload();
    app.wait_saves();
    assert!(app.book().people.iter().any(|p| p.name == "Zed Newcomer"));
    assert!(!app.store().changed_on_disk(), "the app saw this version");
    assert_eq!(status(&app), "reloaded: the file changed on disk");
}

#[test]
fn the_apps_copy_stays_the_files_through_saves_undo_and_other_writers() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = background();
    let same = |app: &App| assert_eq!(*app.book(), on_disk(&path), "{:?}", app.status);
    app.open_capture(None);
    type_str(&mut app, "@bru favor: lent the projector");
    press(&mut app, KeyCode::Enter);
    app.wait_saves();
    same(&app);
    // Another process adds someone; our next save reloads first.
    another_process_adds_zed(&path);
    app.open_capture(None);
    type_str(&mut app, "@ana <intro: to a printer");
    press(&mut app, KeyCode::Enter);
    app.wait_saves();
    assert_eq!(status(&app), "saved: logged intro from Ana Lima");
    same(&app);
    assert!(app.book().people.iter().any(|p| p.name == "Zed Newcomer"));
    for key in ['u', 'u', 'u'] {
        press(&mut app, KeyCode::Char(key));
        app.wait_saves();
        same(&app);
    }
    app.handle_key(Key::ctrl('r'));
    app.wait_saves();
    same(&app);
}

#[test]
fn a_panic_while_saving_is_said_and_the_next_save_works() {
    let Fixture {
        _dir,
        path,
        mut app,
    } = background();
    let before = std::fs::read(&path).unwrap();
    app.commit_with(
        |_| panic!("a bug"),
        "broke",
        crate::tui::save::Then::Nothing,
    );
    app.wait_saves();
    let said = status(&app);
    assert!(said.contains("internal error (a bug)"), "{said}");
    assert!(app.status.as_ref().unwrap().error);
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    // The saver lives on, with its book read afresh from the file.
    app.open_capture(None);
    type_str(&mut app, "@bru favor: lent the projector");
    press(&mut app, KeyCode::Enter);
    app.wait_saves();
    assert!(status(&app).starts_with("saved: "), "{}", status(&app));
    assert_eq!(*app.book(), on_disk(&path));
}

#[test]
fn an_undo_the_busy_disk_refused_stays_for_the_next_u() {
    // Inline saves: the lock wait (2 s) happens inside `u`.
    let Fixture {
        _dir,
        path,
        mut app,
    } = fixture();
    app.open_capture(None);
    type_str(&mut app, "@bru favor: lent the projector");
    press(&mut app, KeyCode::Enter);
    let has = |b: &Book| b.entries.iter().any(|e| e.summary == "lent the projector");
    assert!(has(&on_disk(&path)));
    let lock = hold_lock(&path);
    press(&mut app, KeyCode::Char('u'));
    let said = status(&app);
    assert!(
        said.contains("cannot undo logged favor for Bruno Costa yet"),
        "{said}"
    );
    assert!(said.ends_with("u tries again"), "{said}");
    assert!(has(&on_disk(&path)), "nothing written while busy");
    drop(lock);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(status(&app), "undone: logged favor for Bruno Costa");
    assert!(!has(&on_disk(&path)));
}
