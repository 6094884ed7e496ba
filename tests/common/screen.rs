//! Whole-app screens for snapshot tests: an App on a temp copy of a book, with
//! today fixed and colour off, drawn into a `TestBackend` as text.

use chrono::NaiveDate;
use kith::config::Config;
use kith::store::{Store, write_book};
use kith::tui::app::App;
use kith::tui::{Key, Keymap};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

pub struct Screen {
    pub _dir: tempfile::TempDir,
    pub app: App,
}

/// An App on a temp file holding `text`.
pub fn on_text(text: &str) -> Screen {
    on_text_with(text, Config::default())
}

/// An App on a temp file holding `text`, with `config`.
pub fn on_text_with(text: &str, config: Config) -> Screen {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    std::fs::write(&path, text).unwrap();
    let (store, book) = Store::open(&path, today()).unwrap();
    let mut app = App::new(store, book, config, Keymap::default(), today(), false);
    app.color = false;
    Screen { _dir: dir, app }
}

/// An App on a copy of `tests/fixtures/NAME`.
pub fn on_fixture(name: &str) -> Screen {
    on_text(&std::fs::read_to_string(format!("tests/fixtures/{name}")).unwrap())
}

/// An App on the bundled demo book, shifted to the fixed today.
pub fn on_demo() -> Screen {
    on_demo_with(Config::default())
}

/// An App on the bundled demo book, shifted to the fixed today, with `config`.
pub fn on_demo_with(config: Config) -> Screen {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.ron");
    write_book(&path, &kith::demo::demo_book(today())).unwrap();
    on_text_with(&std::fs::read_to_string(&path).unwrap(), config)
}

impl Screen {
    pub fn keys(&mut self, keys: &[Key]) {
        for k in keys {
            self.app.handle_key(*k);
        }
    }

    /// Types each character of `s` as a key press.
    pub fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            self.app.handle_key(Key::char(c));
        }
    }
}

pub fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().to_string()
}
