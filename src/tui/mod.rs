//! The terminal UI: tabs of panes over the book, a stack of layers over the
//! panes, keys as data, one `update`. The folders say where a change goes:
//!
//! - [`session`]: the book apart from the screen — the book and what is
//!   derived from it (index, names, lists), the saver and the change in
//!   flight, the undo/redo stacks, what is watched beside the book. No
//!   terminal, layers or cursors: its tests are plain calls and asserts.
//! - [`app`]: the screen over a session — tabs, cursors, the layer stack,
//!   the status line, keys waiting — and `App::update(Action)` (no terminal
//!   I/O). `app/on_top.rs` reads and opens the layer on top for the panes;
//!   `app/answers.rs` is what a yes to a question does.
//! - [`keys`]: keys → actions, one table per pane and layer, rebindable from
//!   `config.ron`; the defaults; every action declared once.
//! - [`panes`]: the tabs at the bottom of the stack — their lists (computed
//!   once per change), cursors, the keys they handle and their drawing.
//! - [`layers`]: every popup (card, help, form, question, picker, delete,
//!   finder, capture, snooze, filter, go-to, new person, release), one file
//!   each with its state and keys (no `impl App`), its drawing in a folder of
//!   the same name; the top one gets the key and says what happened.
//! - [`save`]: every change is a commit carried out by the saver off the
//!   input thread; undo and redo are commits too. `commit` (what is asked,
//!   what is in flight), `history` (sending it, the undo/redo keys,
//!   reloading), `outcome` (acting on what the session took in), `then`
//!   (what the asking layer does after), `saver` (the thread), `adopt`
//!   (selections kept by id).
//! - [`ui`]: the screen's layout and the per-pane and per-layer dispatch
//!   (`ui::draw`, which returns what it showed — [`ui::Drawn`] — for
//!   [`App::drawn`] to keep; drawing writes nothing); `kit`, `popup` and
//!   `theme`, which every drawing shares; `person`, which draws a person for
//!   the card, the People pane and the review.
//! - `event`: the loop that reads keys, draws frames and watches the file;
//!   `editor`: `E`.
//!
//! A new popup: `layers/<name>.rs` (state, keys, `Outcome`s),
//! `layers/<name>/draw.rs`, a `Layer` variant in `layers/mod.rs`, its arm in
//! `ui/mod.rs`, and its table in `keys/` (keymap and defaults). A scrolled
//! one makes its widget a `StatefulWidget` reporting `Shown`, and
//! `Layer::shown` keeps it. A new pane: `panes/<name>.rs`, a `Tab` in
//! `panes/tab.rs` (and its table in `keys/`), its list in `panes/lists.rs`,
//! its keys in `panes/mod.rs`, its arm in `ui/mod.rs` and `ui/tabs.rs`, its
//! cursor in `Cursors` (`app/mod.rs`) and what it selects in
//! `save/adopt.rs`.

pub mod app;
mod editor;
mod event;
pub mod field;
mod held;
pub mod keys;
pub mod layers;
pub mod panes;
pub mod save;
pub mod session;
pub mod ui;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::config::{Config, ConfigFile};
use crate::model::Book;
use crate::store::Store;
use crate::tui::layers::question::{Ask, Question};

pub use app::{App, Exit};
pub use keys::action::Action;
pub use keys::key::Key;
pub use keys::keymap::Table;
pub use keys::keymap::{Keymap, KeymapError};
pub use panes::tab::Tab;
pub use save::Then;

/// What the TUI opens on.
pub struct Launch {
    pub store: Store,
    pub book: Book,
    pub config: Config,
    /// The config file as read, to point at a bad key binding in it.
    pub config_file: Option<ConfigFile>,
    pub today: NaiveDate,
    /// The demo book (a temporary copy): the status line says DEMO.
    pub demo: bool,
    /// The book is missing or cut short: before anything else, ask whether
    /// to bring this backup back (the book shown meanwhile is empty, and
    /// the store writes nothing).
    pub restore: Option<RestoreOffer>,
}

/// A backup the TUI offers at start, and the lines that say what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreOffer {
    pub number: usize,
    pub lines: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(transparent)]
    Keymap(#[from] KeymapError),
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

impl TuiError {
    /// 2 for a bad config, 1 for a terminal failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            TuiError::Keymap(_) => 2,
            TuiError::Terminal(_) => 1,
        }
    }
}

/// Builds the app (checking the config's key bindings before the terminal is
/// touched), runs it, and restores the terminal on the way out, on error and
/// on panic alike (`ratatui::init` installs the panic hook).
pub fn run(launch: Launch) -> Result<Exit, TuiError> {
    run_on(launch, Tab::People)
}

/// [`run`], opening on `tab` (`kith review` opens on the Review tab).
pub fn run_on(launch: Launch, tab: Tab) -> Result<Exit, TuiError> {
    let mut app = app_for(launch)?;
    app.update(Action::GoTo(tab));
    app.color = wants_color(std::env::var_os("NO_COLOR"), std::env::var_os("TERM"));
    // Person snippets a kith killed in `E` left in the temp folder.
    crate::editor::clean_stale_edits(&std::env::temp_dir());
    let mut terminal = ratatui::try_init()?;
    leave_saver_panics_alone();
    let paste = BracketedPaste::on();
    let result = event::run_loop(&mut terminal, &mut app);
    drop(paste);
    ratatui::restore();
    result?;
    Ok(app.exit)
}

/// Bracketed paste while the TUI runs, so a paste arrives as one event (not
/// as keys that could run commands); turned off again on the way out, on a
/// panic too (the guard is dropped while unwinding).
struct BracketedPaste;

impl BracketedPaste {
    fn on() -> BracketedPaste {
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::EnableBracketedPaste
        );
        BracketedPaste
    }
}

impl Drop for BracketedPaste {
    fn drop(&mut self) {
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableBracketedPaste
        );
    }
}

/// Colour unless `NO_COLOR` is set (to anything non-empty) or the terminal
/// says it is `dumb`; without colour, bold and reverse still mark what matters.
pub fn wants_color(no_color: Option<std::ffi::OsString>, term: Option<std::ffi::OsString>) -> bool {
    no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
}

/// ratatui's panic hook restores the terminal on any thread's panic. A panic
/// on the saver's thread is caught there and said in the status line, so it
/// must neither restore the terminal nor print over the screen.
fn leave_saver_panics_alone() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(save::saver::THREAD) {
            hook(info);
        }
    }));
}

/// The app `run` would show, without a terminal (for tests and benchmarks).
pub fn app_for(launch: Launch) -> Result<App, TuiError> {
    let keymap = keymap_for(&launch.config, launch.config_file.as_ref())?;
    let restore = launch.restore;
    let mut app = App::new(
        launch.store,
        launch.book,
        launch.config,
        keymap,
        launch.today,
        launch.demo,
    );
    if let Some(offer) = restore {
        // Nothing else happens until the question is answered: no saver
        // thread, no polling of a file that is not a book.
        app.exit = Exit::Refused;
        let ask = Ask::Restore {
            number: offer.number,
            lines: offer.lines,
        };
        let question = Question::open(ask, &app.session.book);
        app.push(question);
        return Ok(app);
    }
    app.save_in_background()?;
    // Introductions from the start, found on the saver's thread.
    app.want_intros();
    if launch.demo {
        app.say("your own book is untouched".into());
    }
    app.check_conflict_copies();
    // The phone's inbox: what came in while kith was closed.
    let book_file = crate::store::follow_link(app.store().path()).ok();
    app.session.inbox = crate::tui::save::inbox::InboxWatch::new(
        book_file.map(|f| crate::inbox::folder(&f, app.config().inbox.as_deref())),
    );
    app.check_inbox();
    // Calendars and mail: read on a thread, applied when in (the poll).
    app.scan_touches();
    // A comment written into the book by hand would not survive a save: say
    // so at once (`kith check` lists every one).
    if let Some(w) = app.store().warnings().first().cloned() {
        let more = app.store().warnings().len() - 1;
        let more = if more > 0 {
            format!(" (and {more} more; kith check lists them)")
        } else {
            String::new()
        };
        app.fail(format!("warning: {w}{more}"));
    }
    Ok(app)
}

/// The keymap with the config's bindings patched over the defaults, checked
/// against the config file as it was read (never read again here).
pub fn keymap_for(config: &Config, file: Option<&ConfigFile>) -> Result<Keymap, KeymapError> {
    if config.keys.is_empty() {
        return Ok(Keymap::default());
    }
    let none = ConfigFile {
        path: "config.ron".into(),
        text: String::new(),
    };
    let file = file.unwrap_or(&none);
    Keymap::with_config(&config.keys, (&file.path, &file.text))
}
