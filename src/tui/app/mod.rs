//! The TUI's state and the one function that changes it, [`App::update`].
//! No terminal I/O here: the event loop turns keys into actions, `ui/` draws
//! this state.
//!
//! The app holds the book and what is derived from it, the saver, and the
//! stack of layers over the panes (`layers/`): an action goes to the top
//! layer, which says what happened; what it passes on goes to the panes.
//!
//! Every change to the book goes through [`App::commit`]: the saver applies the
//! operation under the store's lock and saves it (off this thread when the app
//! runs in a terminal); when it is on disk the inverse goes on the undo stack,
//! the derived index and lists are swapped in, and the selection stays on the
//! same person.

mod answers;
mod on_top;

use chrono::NaiveDate;
use std::collections::VecDeque;

use crate::config::Config;
use crate::model::{Book, Index, Kinds, Person, PersonId};
use crate::store::Store;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::{Key, Keymap, Table};
use crate::tui::layers::{Ctx, Effect, HelpLayer, Layer, Outcome};
use crate::tui::panes::cursor::Cursor;
use crate::tui::panes::lists::Lists;
use crate::tui::panes::review::ReviewTab;
pub use crate::tui::panes::tab::Tab;
use crate::tui::panes::view::ViewSettings;
use crate::tui::save::adopt::Selection;
pub use crate::tui::session::Done;
use crate::tui::session::Session;

/// What the terminal delivers: a key, or a bracketed paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    Paste(String),
}

/// How the TUI ended, for its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Done,
    /// The user asked for this backup back as the book (the question at
    /// start when the book is missing or cut short).
    Restore(usize),
    /// The user would not restore the book that is missing or cut short.
    Refused,
}

/// The status line's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The panes' selections (the Review tab has its own state).
#[derive(Debug, Default)]
pub struct Cursors {
    pub people: Cursor,
    pub timeline: Cursor,
    pub coffee: Cursor,
    pub intros: Cursor,
}

impl Cursors {
    /// The list cursor of `tab` (the Review has none).
    pub fn of(&mut self, tab: Tab) -> Option<&mut Cursor> {
        match tab {
            Tab::People => Some(&mut self.people),
            Tab::Timeline => Some(&mut self.timeline),
            Tab::Coffee => Some(&mut self.coffee),
            Tab::Intros => Some(&mut self.intros),
            Tab::Review => None,
        }
    }
}

pub struct App {
    /// The book, what is derived from it, the saver and the history.
    pub(crate) session: Session,
    /// Keys that wait while a change is on its way to disk.
    pub(crate) typeahead: VecDeque<Input>,
    /// Keys typed while a question was open, for the layer behind it.
    pub(crate) held: crate::tui::held::Held,
    pub(crate) keymap: Keymap,
    /// The demo book (a temporary copy): the status line says DEMO.
    pub demo: bool,
    /// Colours on (off when `NO_COLOR` is set).
    pub color: bool,
    /// The terminal's size, once the event loop has told (layers that rank
    /// only what fits read it; drawing never writes it).
    pub(crate) screen: Option<ratatui::layout::Size>,
    /// The pane at the bottom of the stack.
    pub tab: Tab,
    pub(crate) cursors: Cursors,
    pub(crate) review: ReviewTab,
    /// How the lists are viewed: the People sort, the Timeline's filters.
    pub view: ViewSettings,
    /// The layers over the panes, bottom first; the top one gets the keys.
    pub(crate) stack: Vec<Layer>,
    /// `E` asked for this person in `$EDITOR`; the event loop takes it.
    pub(crate) external: Option<PersonId>,
    pub status: Option<Status>,
    pub quit: bool,
    /// What the caller does once the screen is gone.
    pub exit: Exit,
}

impl App {
    pub fn new(
        store: Store,
        book: Book,
        config: Config,
        keymap: Keymap,
        today: NaiveDate,
        demo: bool,
    ) -> App {
        let view = ViewSettings::default();
        let session = Session::new(store, book, config, today, &view);
        let mut app = App {
            session,
            typeahead: VecDeque::new(),
            held: Default::default(),
            keymap,
            demo,
            color: true,
            screen: None,
            tab: Tab::People,
            cursors: Cursors::default(),
            review: ReviewTab::default(),
            view,
            stack: Vec::new(),
            external: None,
            status: None,
            quit: false,
            exit: Exit::Done,
        };
        app.settle(Selection::default());
        app
    }

    // ----- reading -------------------------------------------------------

    /// The book and what is derived from it, apart from the screen.
    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn book(&self) -> &Book {
        self.session.book()
    }

    pub fn index(&self) -> &Index {
        self.session.index()
    }

    pub fn config(&self) -> &Config {
        self.session.config()
    }

    pub fn kinds(&self) -> &Kinds {
        self.session.kinds()
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn lists(&self) -> &Lists {
        self.session.lists()
    }

    pub fn store(&self) -> &Store {
        self.session.store()
    }

    pub fn today(&self) -> NaiveDate {
        self.session.today
    }

    /// The layer on top (`None`: the panes have the keys).
    pub fn top(&self) -> Option<&Layer> {
        self.stack.last()
    }

    /// The layers over the panes, bottom first.
    pub fn layers(&self) -> &[Layer] {
        &self.stack
    }

    /// The tables keys are looked up in right now.
    pub fn tables(&self) -> Vec<Table> {
        tables_of(self.top(), self.tab)
    }

    /// The tables of what is under the `?` overlay (what it lists).
    pub fn tables_under_help(&self) -> Vec<Table> {
        let under = self
            .stack
            .iter()
            .rev()
            .find(|l| !matches!(l, Layer::Help(_)));
        tables_of(under, self.tab)
    }

    /// The person under the cursor of the visible pane (or of the card or
    /// snooze chooser on top).
    pub fn selected_person(&self) -> Option<PersonId> {
        if let Some(id) = self.top().and_then(Layer::person) {
            return Some(id);
        }
        match self.tab {
            Tab::Review => self.review_person(),
            tab => self.selected_in(tab),
        }
    }

    /// The Timeline's selected entry (index into `book.entries`).
    pub fn selected_entry(&self) -> Option<usize> {
        self.session
            .lists
            .timeline
            .get(self.cursors.timeline.selected)
            .copied()
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.session.book.person(id)
    }

    /// The person `E` asked to edit externally, once.
    pub fn take_external(&mut self) -> Option<PersonId> {
        self.external.take()
    }

    // ----- changing ------------------------------------------------------

    /// Everything the terminal delivered since the last frame, in order. A
    /// run of characters typed into a text field (a paste in a terminal
    /// without bracketed paste) is inserted in one step and the layer reads
    /// its text once, so a long paste costs time linear in its length. A
    /// question on the screen has been seen now; one that opens during the
    /// batch has not, and the keys after it are held for the layer behind
    /// it (see [`crate::tui::held`]).
    pub fn handle_inputs(&mut self, inputs: impl IntoIterator<Item = Input>) {
        self.question_seen();
        self.feed(inputs);
    }

    /// [`App::handle_inputs`] without a frame in between: keys that waited
    /// for a save are replayed through here.
    pub(crate) fn feed(&mut self, inputs: impl IntoIterator<Item = Input>) {
        let mut run = String::new();
        for input in inputs {
            if self.holds(&input) {
                if !run.is_empty() {
                    self.paste(&std::mem::take(&mut run));
                }
                self.hold(input);
                continue;
            }
            match input {
                Input::Key(key) if self.types_plainly(key) => {
                    if let ratatui::crossterm::event::KeyCode::Char(c) = key.code {
                        run.push(c);
                    }
                }
                other => {
                    if !run.is_empty() {
                        self.paste(&std::mem::take(&mut run));
                    }
                    match other {
                        Input::Key(key) => self.handle_key(key),
                        Input::Paste(text) => self.paste(&text),
                    }
                }
            }
        }
        if !run.is_empty() {
            self.paste(&run);
        }
    }

    /// A key that only types one character into the text field on top.
    fn types_plainly(&mut self, key: Key) -> bool {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        matches!(key.code, KeyCode::Char(_))
            && (key.mods - KeyModifiers::SHIFT).is_empty()
            && self.session.saving.is_none()
            && self.keymap.lookup(&self.tables(), key).is_none()
            && self.stack.last_mut().is_some_and(Layer::types_plainly)
    }

    /// Pasted text goes into the text on top, in one step, as typed text
    /// would. With no text on top it is dropped: pasted text never runs
    /// commands.
    pub fn paste(&mut self, text: &str) {
        if self.session.saving.is_some() {
            self.typeahead.push_back(Input::Paste(text.to_string()));
            return;
        }
        if self.question_on_top() {
            return self.hold(Input::Paste(text.to_string()));
        }
        let (stack, mut ctx) = self.split();
        if let Some(top) = stack.last_mut() {
            top.paste(text, &mut ctx);
        }
    }

    /// Looks `key` up in the tables on top and carries out its action; a key
    /// no table binds types into the layer on top. While a change is being
    /// saved, keys wait their turn (none is lost).
    pub fn handle_key(&mut self, key: Key) {
        if self.session.saving.is_some() {
            self.typeahead.push_back(Input::Key(key));
            return;
        }
        if self.typing_through(key) {
            return self.hold(Input::Key(key));
        }
        if let Some(action) = self.keymap.lookup(&self.tables(), key) {
            self.update(action);
            self.release_held();
            return;
        }
        if self.question_on_top() {
            return self.hold(Input::Key(key));
        }
        let (stack, mut ctx) = self.split();
        if let Some(top) = stack.last_mut() {
            top.type_key(key, &mut ctx);
        }
    }

    /// The top layer gets the action; what it passes on goes to the panes.
    pub fn update(&mut self, action: Action) {
        let (stack, mut ctx) = self.split();
        let outcome = match stack.last_mut() {
            Some(top) => top.handle(action, &mut ctx),
            None => Outcome::Pass,
        };
        match outcome {
            Outcome::Pass => self.update_panes(action),
            outcome => self.carry_out(outcome),
        }
        // Entering the Review tab (by any key) builds today's session.
        self.refresh_review();
    }

    /// Does what the top layer said happened.
    pub(crate) fn carry_out(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Keep | Outcome::Pass => {}
            Outcome::Close => self.pop(),
            Outcome::Open(layer) => self.push(layer),
            Outcome::Replace(layer) => {
                self.pop();
                self.push(layer);
            }
            Outcome::Commit(commit) => self.submit(commit),
            Outcome::CloseThen(effect) => {
                self.pop();
                match effect {
                    Effect::Commit(commit) => self.submit(commit),
                    Effect::ToPeople { select, open } => {
                        self.tab = Tab::People;
                        if select.is_some() {
                            self.restore_people(select);
                        }
                        self.push(open);
                    }
                    Effect::Filter(filter) => self.set_weight(filter),
                    Effect::Yes(ask) => self.yes(ask),
                    Effect::Quit => self.quit = true,
                    Effect::Named(typed, named) => {
                        if let Some(outcome) =
                            self.capture_on_top(|c, ctx| c.named(&typed, named, ctx))
                        {
                            self.carry_out(outcome);
                        }
                    }
                    Effect::Release {
                        person,
                        entry,
                        note,
                    } => self.release_promise(person, entry, note),
                }
            }
        }
    }

    /// The stack, and what its layers read while they handle a key.
    pub(crate) fn split(&mut self) -> (&mut Vec<Layer>, Ctx<'_>) {
        let ctx = Ctx {
            book: &self.session.book,
            index: &self.session.index,
            names: &self.session.names,
            kinds: &self.session.kinds,
            keymap: &self.keymap,
            today: self.session.today,
            search: &mut self.session.search,
            status: &mut self.status,
            screen: self.screen,
        };
        (&mut self.stack, ctx)
    }

    /// What a new layer reads as it opens.
    pub(crate) fn ctx(&mut self) -> Ctx<'_> {
        self.split().1
    }

    /// The terminal's size, from the event loop (at start and on a resize).
    pub fn resize(&mut self, size: ratatui::layout::Size) {
        self.screen = Some(size);
    }

    /// What the last frame showed of each scrolled view: the next frame
    /// scrolls from there, and PgUp/PgDn go a page of what was seen.
    pub fn drawn(&mut self, drawn: crate::tui::ui::Drawn) {
        use crate::tui::ui::Place;
        for (place, shown) in drawn.views {
            match place {
                Place::Pane(tab) => {
                    if let Some(cursor) = self.cursors.of(tab) {
                        cursor.shown(shown);
                    }
                }
                Place::Layer(at) => {
                    if let Some(layer) = self.stack.get_mut(at) {
                        layer.shown(shown);
                    }
                }
            }
        }
    }

    /// Puts a layer on top; it gets keys first.
    pub fn push(&mut self, layer: Layer) {
        if matches!(layer, Layer::Question(_)) {
            self.held.unseen = true;
        }
        self.stack.push(layer);
    }

    /// Takes the top layer off; the panes stay.
    pub fn pop(&mut self) {
        self.stack.pop();
    }

    /// Takes the top layer off when it is the kind `is` says.
    pub(crate) fn close_top(&mut self, is: impl FnOnce(&Layer) -> bool) {
        if self.top().is_some_and(is) {
            self.pop();
        }
    }

    /// Opens the `?` overlay (once).
    pub(crate) fn open_help(&mut self) {
        if !matches!(self.top(), Some(Layer::Help(_))) {
            self.push(Layer::Help(HelpLayer::default()));
        }
    }

    pub fn say(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    pub fn fail(&mut self, text: String) {
        self.status = Some(Status { text, error: true });
    }
}

/// The tables keys are looked up in under `top` (the panes: the tab's, then
/// the global one). The card types nothing, so the global keys (tabs, undo,
/// find) work on it too, after its own.
fn tables_of(top: Option<&Layer>, tab: Tab) -> Vec<Table> {
    match top {
        Some(layer @ Layer::Card(_)) => vec![layer.table(), Table::Global],
        Some(layer) => vec![layer.table()],
        None => vec![tab.table(), Table::Global],
    }
}
