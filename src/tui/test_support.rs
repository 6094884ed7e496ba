//! What the TUI's update tests share: a fixed today, the fixture book copied
//! into a temp file, and an App opened on it.

use chrono::NaiveDate;
use std::path::PathBuf;

use super::app::App;
use super::keymap::Keymap;
use crate::config::Config;
use crate::store::Store;

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
