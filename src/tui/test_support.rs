//! What the TUI's update tests share: a fixed today, the fixture book copied
//! into a temp file, an App opened on it, and typing into it.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::model::Book;
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::keys::keymap::{Key, Keymap};

pub const BOOK: &str = include_str!("../../tests/fixtures/tui_book.ron");

pub fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

pub struct Fixture {
    pub _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub app: App,
}

/// An App on a temp copy of `tests/fixtures/tui_book.ron`.
pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    std::fs::write(&path, BOOK).unwrap();
    let (store, book) = Store::open(&path, today()).unwrap();
    let app = App::new(
        store,
        book,
        Config::default(),
        Keymap::default(),
        today(),
        false,
    );
    Fixture {
        _dir: dir,
        path,
        app,
    }
}

/// Types each character of `s` as a key press.
pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(Key::char(c));
    }
}

/// Presses one key without modifiers.
pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(Key::plain(code));
}

/// The status line's text ("" when there is none).
pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The book as it is in the file now.
pub fn on_disk(path: &Path) -> Book {
    Store::open(path, today()).unwrap().1
}
