//! What the TUI's update tests share: a fixed today, the fixture book copied
//! into a temp file, an App opened on it, and typing into it.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::model::{Book, PersonId};
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::keys::keymap::{Key, Keymap};
use crate::tui::layers::{Ask, Delete, FormState, Layer, Picker};

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
    fixture_with(Keymap::default())
}

/// [`fixture`] with the keys of `keymap`.
pub fn fixture_with(keymap: Keymap) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    std::fs::write(&path, BOOK).unwrap();
    let (store, book) = Store::open(&path, today()).unwrap();
    let app = App::new(store, book, Config::default(), keymap, today(), false);
    Fixture {
        _dir: dir,
        path,
        app,
    }
}

/// An App on a temp copy of the demo book, dated to [`today`].
pub fn demo_fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    crate::store::write_book(&path, &crate::demo::demo_book(today())).unwrap();
    let app = open_at(&path);
    Fixture {
        _dir: dir,
        path,
        app,
    }
}

/// A new App on the book at `path` on `day` (kith run on another day).
pub fn open_on(path: &Path, day: NaiveDate) -> App {
    let (store, book) = Store::open(path, day).unwrap();
    App::new(
        store,
        book,
        Config::default(),
        Keymap::default(),
        day,
        false,
    )
}

/// The whole screen as text, `width`×`height`.
pub fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        for x in 0..width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// A new App on the book at `path` (another run of kith, the same day).
pub fn open_at(path: &Path) -> App {
    let (store, book) = Store::open(path, today()).unwrap();
    App::new(
        store,
        book,
        Config::default(),
        Keymap::default(),
        today(),
        false,
    )
}

impl Fixture {
    pub fn new() -> Fixture {
        fixture()
    }

    /// The book as it is in the file now.
    pub fn file(&self) -> Book {
        crate::store::parse_book(&self.path, &std::fs::read(&self.path).unwrap()).unwrap()
    }

    pub fn keys(&mut self, keys: &[Key]) {
        for k in keys {
            self.app.handle_key(*k);
        }
    }

    pub fn type_str(&mut self, s: &str) {
        type_str(&mut self.app, s);
    }

    /// Moves the People cursor onto `name`.
    pub fn select(&mut self, name: &str) -> PersonId {
        let at = self
            .app
            .lists()
            .people
            .iter()
            .position(|id| self.app.person(*id).unwrap().name == name)
            .expect("listed");
        self.keys(&[Key::char('g')]);
        for _ in 0..at {
            self.keys(&[Key::char('j')]);
        }
        self.app.selected_person().unwrap()
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

/// What a layer is, without its state: what the tests look for on the stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Top {
    Panes,
    Card(PersonId),
    Help,
    Form,
    Question(Ask),
    Picker,
    Delete,
    Finder,
    Capture,
    Snooze(PersonId),
    SnoozeDate(PersonId),
    Filter,
    GoTo,
    NewPerson(String),
    Release,
}

impl Top {
    fn of(layer: &Layer) -> Top {
        match layer {
            Layer::Card(c) => Top::Card(c.person),
            Layer::Help(_) => Top::Help,
            Layer::Form(_) => Top::Form,
            Layer::Question(q) => Top::Question(q.ask.clone()),
            Layer::Picker(_) => Top::Picker,
            Layer::Delete(_) => Top::Delete,
            Layer::Finder(_) => Top::Finder,
            Layer::Capture(_) => Top::Capture,
            Layer::Snooze(s) if s.typing() => Top::SnoozeDate(s.person),
            Layer::Snooze(s) => Top::Snooze(s.person),
            Layer::Filter(_) => Top::Filter,
            Layer::GoTo(_) => Top::GoTo,
            Layer::NewPerson(n) => Top::NewPerson(n.field.value().to_string()),
            Layer::Release(_) => Top::Release,
        }
    }
}

/// The layers' state, read the way the tests read it.
impl App {
    pub fn on_top(&self) -> Top {
        self.top().map_or(Top::Panes, Top::of)
    }

    /// The stack, the panes first.
    pub fn stack_kinds(&self) -> Vec<Top> {
        std::iter::once(Top::Panes)
            .chain(self.layers().iter().map(Top::of))
            .collect()
    }

    pub fn form(&self) -> Option<&FormState> {
        self.layers().iter().rev().find_map(|l| match l {
            Layer::Form(f) => Some(&**f),
            _ => None,
        })
    }

    pub fn form_mut(&mut self) -> Option<&mut FormState> {
        self.stack.iter_mut().rev().find_map(|l| match l {
            Layer::Form(f) => Some(&mut **f),
            _ => None,
        })
    }

    pub fn picker(&self) -> Option<&Picker> {
        self.layers().iter().rev().find_map(|l| match l {
            Layer::Picker(p) => Some(&**p),
            _ => None,
        })
    }

    pub fn delete_layer(&self) -> Option<&Delete> {
        self.layers().iter().rev().find_map(|l| match l {
            Layer::Delete(d) => Some(d),
            _ => None,
        })
    }

    /// The snooze chooser's date field's text.
    pub fn snooze_text(&self) -> Option<&str> {
        self.layers().iter().rev().find_map(|l| match l {
            Layer::Snooze(s) => s.date.as_ref().map(|d| d.value()),
            _ => None,
        })
    }

    pub fn snooze_date(&self) -> Option<Result<NaiveDate, String>> {
        self.layers().iter().rev().find_map(|l| match l {
            Layer::Snooze(s) => Some(s.field_date(self.session.today)),
            _ => None,
        })
    }
}
