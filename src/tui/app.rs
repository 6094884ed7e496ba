//! The TUI's state and the one function that changes it, [`App::update`].
//! No terminal I/O here: the event loop turns keys into actions, the views in
//! `ui/` draw this state.
//!
//! Every change to the book goes through [`App::commit`]: the saver applies the
//! operation under the store's lock and saves it (off this thread when the app
//! runs in a terminal); when it is on disk the inverse goes on the undo stack,
//! the derived index and lists are swapped in, and the selection stays on the
//! same person.

use chrono::NaiveDate;
use std::collections::VecDeque;

use crate::capture::Names;
use crate::config::Config;
use crate::model::{Book, Index, Kinds, Op, Person, PersonId};
use crate::store::Store;

use super::action::Action;
use super::adopt::Selection;
use super::capture::CaptureState;
use super::cursor::Cursor;
use super::field::TextField;
use super::filter::FilterChooser;
use super::finder::FinderState;
use super::history::Pending;
use super::keymap::{Key, Keymap, Table};
use super::lists::{Lists, Sort, WeightFilter};
pub use super::mode::{Mode, Tab};
use super::people_edit::PeopleEdit;
use super::review::ReviewTab;
use super::saver::{self, Context, Saver, View, Worker};
use super::scroll::Scroll;
use crate::model::review::SnoozeChoice;

/// A change that can be taken back (or redone): the operation that does it.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub op: Op,
    pub what: String,
}

/// What the terminal delivers: a key, or a bracketed paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    Paste(String),
}

/// The status line's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    /// What this process last saw of the file (to notice other processes'
    /// changes); the saver holds the store that writes.
    pub(super) store: Store,
    pub(super) book: Book,
    pub(super) saver: Saver,
    /// The change being saved; keys wait in `typeahead` until it is done.
    pub(super) saving: Option<Pending>,
    pub(super) typeahead: VecDeque<Input>,
    /// The book's file was deleted or moved under us (nothing is written
    /// until the user agrees to a new one).
    pub(super) vanished: bool,
    pub(super) config: Config,
    pub(super) kinds: Kinds,
    pub(super) index: Index,
    /// The book's names folded for the capture grammar (rebuilt with the index).
    pub(super) names: Names,
    /// The search index for the capture's name dropdown and the `/` finder,
    /// built when first needed after each change to the book.
    pub(super) search: Option<crate::search::SearchIndex>,
    pub(super) lists: Lists,
    pub(super) keymap: Keymap,
    pub today: NaiveDate,
    pub demo: bool,
    /// Colours on (off when `NO_COLOR` is set).
    pub color: bool,
    pub tab: Tab,
    /// Never empty: `Mode::Normal` at the bottom.
    pub(super) modes: Vec<Mode>,
    pub(super) people: Cursor,
    pub(super) timeline: Cursor,
    pub(super) coffee: Cursor,
    pub(super) card: Cursor,
    pub(super) review: ReviewTab,
    pub sort: Sort,
    pub weight: WeightFilter,
    pub who: Option<PersonId>,
    pub(super) undo: Vec<Done>,
    /// The people-editing popups (form, confirm, picker, delete).
    pub(super) edit: PeopleEdit,
    pub(super) redo: Vec<Done>,
    pub status: Option<Status>,
    pub quit: bool,
    /// The capture popup's line and what it reads as, while it is open.
    pub(super) capture: Option<CaptureState>,
    /// How far the `?` overlay is scrolled.
    pub(super) help: Scroll,
    /// The `/` finder's query and results, while it is open.
    pub(super) finder: Option<FinderState>,
    /// The Timeline's `f` chooser, while it is open.
    pub(super) filter: Option<FilterChooser>,
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
        let kinds = config.kinds();
        let ctx = Context {
            config: config.clone(),
            kinds: kinds.clone(),
            today,
        };
        let view = View {
            sort: Sort::default(),
            weight: WeightFilter::default(),
            who: None,
        };
        let (index, names, lists) = saver::derive(&book, &ctx, &view);
        let saver = Saver::inline(Worker::new(store.clone(), ctx));
        let mut app = App {
            store,
            book,
            saver,
            saving: None,
            typeahead: VecDeque::new(),
            vanished: false,
            config,
            kinds,
            index,
            names,
            search: None,
            lists,
            keymap,
            today,
            demo,
            color: true,
            tab: Tab::People,
            modes: vec![Mode::Normal],
            people: Cursor::default(),
            timeline: Cursor::default(),
            coffee: Cursor::default(),
            card: Cursor::default(),
            review: ReviewTab::default(),
            sort: Sort::default(),
            weight: WeightFilter::default(),
            who: None,
            undo: Vec::new(),
            edit: PeopleEdit::default(),
            redo: Vec::new(),
            status: None,
            quit: false,
            capture: None,
            help: Scroll::default(),
            finder: None,
            filter: None,
        };
        app.settle(Selection::default());
        app
    }

    // ----- reading -------------------------------------------------------

    pub fn book(&self) -> &Book {
        &self.book
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn kinds(&self) -> &Kinds {
        &self.kinds
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn lists(&self) -> &Lists {
        &self.lists
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The top of the mode stack.
    pub fn mode(&self) -> &Mode {
        self.modes.last().unwrap_or(&Mode::Normal)
    }

    pub fn modes(&self) -> &[Mode] {
        &self.modes
    }

    /// The tables keys are looked up in right now.
    pub fn tables(&self) -> Vec<Table> {
        self.mode().tables(self.tab)
    }

    /// The person under the cursor of the visible pane (or of the open card).
    pub fn selected_person(&self) -> Option<PersonId> {
        match self.mode() {
            Mode::Card(id) | Mode::Snooze(id) | Mode::SnoozeDate(id) => return Some(*id),
            _ => {}
        }
        match self.tab {
            Tab::People => self.lists.people.get(self.people.selected).copied(),
            Tab::Coffee => self.lists.coffee.get(self.coffee.selected).copied(),
            Tab::Timeline => self.selected_entry().and_then(|i| {
                self.book.entries[i]
                    .people
                    .first()
                    .map(|p| self.book.resolve(*p))
            }),
            Tab::Review => self.review_person(),
        }
    }

    /// The Timeline's selected entry (index into `book.entries`).
    pub fn selected_entry(&self) -> Option<usize> {
        self.lists.timeline.get(self.timeline.selected).copied()
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.book.person(id)
    }

    // ----- changing ------------------------------------------------------

    /// Looks `key` up in the current mode's tables and carries out its action.
    /// While a change is being saved, keys wait their turn (none is lost).
    /// Everything the terminal delivered since the last frame, in order. A
    /// run of characters typed into a text field (a paste in a terminal
    /// without bracketed paste) is inserted in one step and the popup reads
    /// its text once, so a long paste costs time linear in its length.
    pub fn handle_inputs(&mut self, inputs: impl IntoIterator<Item = Input>) {
        let mut run = String::new();
        for input in inputs {
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
            && self.saving.is_none()
            && self.keymap.lookup(&self.tables(), key).is_none()
            && !self.notes_on_top()
            && self.field_mut().is_some()
    }

    /// Pasted text goes into the text field on top, in one step, as typed
    /// text would (newlines become spaces, except in the form's notes). With
    /// no text field on top it is dropped: pasted text never runs commands.
    pub fn paste(&mut self, text: &str) {
        if self.saving.is_some() {
            self.typeahead.push_back(Input::Paste(text.to_string()));
            return;
        }
        if self.paste_into_notes(text) {
            return;
        }
        if let Some(field) = self.field_mut()
            && field.insert_str(text)
        {
            self.edited();
        }
    }

    pub fn handle_key(&mut self, key: Key) {
        if self.saving.is_some() {
            self.typeahead.push_back(Input::Key(key));
            return;
        }
        if let Some(action) = self.keymap.lookup(&self.tables(), key) {
            self.update(action);
            return;
        }
        if self.type_into_notes(key) {
            return;
        }
        // Keys no table binds type into the text field of the popup on top.
        if let Some(field) = self.field_mut()
            && field.handle(key)
        {
            self.edited();
        }
    }

    /// The text field of the popup on top, if it has one. A popup with a
    /// field adds an arm here (and binds no printable keys in its table).
    pub(super) fn field_mut(&mut self) -> Option<&mut TextField> {
        match self.modes.last() {
            Some(Mode::Finder) => self.finder.as_mut().map(|f| &mut f.field),
            Some(Mode::Form) => self.edit.form.as_mut().and_then(|f| f.field_mut()),
            Some(Mode::Picker) => self.edit.picker.as_mut().map(|p| &mut p.query),
            Some(Mode::Delete) => self.edit.delete.as_mut().map(|d| &mut d.typed),
            Some(Mode::Capture) => self.capture.as_mut().map(|c| &mut c.field),
            Some(Mode::SnoozeDate(_)) => Some(&mut self.review.date),
            _ => None,
        }
    }

    /// Called after the top field's text changed, so the popup can refresh
    /// what it derives from it (a preview, results).
    fn edited(&mut self) {
        match self.modes.last() {
            Some(Mode::Finder) => self.refresh_finder(),
            Some(Mode::Picker) => self.picker_edited(),
            Some(Mode::Capture) => self.capture_edited(),
            _ => {}
        }
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
                if *self.mode() == Mode::Help =>
            {
                self.scroll_help(action)
            }
            Action::Up => self.move_cursor(|c, _| c.up(1)),
            Action::Down => self.move_cursor(|c, len| c.down(1, len)),
            Action::PageUp => self.move_cursor(|c, _| c.up(c.page())),
            Action::PageDown => self.move_cursor(|c, len| c.down(c.page(), len)),
            Action::Top => self.move_cursor(|c, _| c.top()),
            Action::Bottom => self.move_cursor(|c, len| c.bottom(len)),
            Action::NextTab => self.tab = self.tab.next(),
            Action::PrevTab => self.tab = self.tab.prev(),
            Action::GoTo(tab) => self.tab = tab,
            Action::Open if *self.mode() == Mode::Finder => self.pick_in_finder(),
            Action::Open => {
                if let Some(id) = self.selected_person() {
                    self.card = Cursor::default();
                    self.push(Mode::Card(id));
                }
            }
            Action::Back if *self.mode() == Mode::Finder => self.close_finder(),
            Action::Back if *self.mode() == Mode::Filter => self.close_filter(),
            Action::Back => self.back(),
            Action::Help => {
                if *self.mode() != Mode::Help {
                    self.help = Scroll::default();
                    self.push(Mode::Help);
                }
            }
            Action::CycleSort => {
                self.resort(self.sort.next());
                self.say(format!("sorted by {}", self.sort.label()));
            }
            Action::ShowArchived => self.toggle_archived(),
            Action::CycleWeight => self.set_weight(self.weight.next()),
            Action::Filter => self.open_filter(),
            Action::Submit if *self.mode() == Mode::Filter => self.pick_filter(),
            Action::TogglePerson => {
                self.who = match self.who {
                    Some(_) => None,
                    None => self
                        .selected_in(Tab::Timeline)
                        .or(self.selected_in(Tab::People)),
                };
                self.refilter();
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Reload => self.reload(),
            Action::Yes | Action::No if matches!(self.mode(), Mode::Ask(_)) => {
                self.answer(action == Action::Yes)
            }
            Action::Find => self.open_finder(),
            Action::FindArchived => self.toggle_finder_archived(),
            Action::FindAdd => self.add_from_finder(),
            Action::AddPerson
            | Action::EditPerson
            | Action::EditExternal
            | Action::Archive
            | Action::Merge
            | Action::Delete
            | Action::Next
            | Action::Prev
            | Action::Submit
            | Action::Save
            | Action::Yes
            | Action::No
            | Action::ToggleAlso => self.update_people(action),
            Action::Capture => self.open_capture(self.selected_person()),
            Action::CaptureSave => self.capture_save(false),
            Action::CaptureComplete => {
                self.capture_complete();
            }
            Action::CaptureNext => self.capture_move(true),
            Action::CapturePrev => self.capture_move(false),
            Action::CaptureCancel => self.capture_cancel(),
            Action::EditEntry => self.open_edit(),
            Action::DeleteEntry => self.ask_delete(),
            Action::ToggleDone => self.toggle_done(),
            Action::ReviewCapture => self.review_capture(),
            Action::ReviewDone => self.review_done(),
            Action::ReviewSnooze => self.review_snooze_chooser(),
            Action::ReviewSkip => self.review_skip(),
            Action::ReviewLeave => self.review_leave(),
            Action::SnoozeDay => self.review_snooze(Some(SnoozeChoice::Day)),
            Action::SnoozeWeek => self.review_snooze(Some(SnoozeChoice::Week)),
            Action::SnoozeMonth => self.review_snooze(Some(SnoozeChoice::Month)),
            Action::SnoozeDate => self.review_snooze_field(),
            Action::SnoozeConfirm => self.review_snooze(None),
        }
        // Entering the Review tab (by any key) builds today's session.
        self.refresh_review();
    }

    /// Pushes a popup or mode on the stack; it gets keys first.
    pub fn push(&mut self, mode: Mode) {
        self.modes.push(mode);
    }

    /// Pops the top mode; the normal mode at the bottom stays.
    pub fn pop(&mut self) {
        if self.modes.len() > 1 {
            self.modes.pop();
        }
    }

    fn move_cursor(&mut self, f: impl FnOnce(&mut Cursor, usize)) {
        let (cursor, len) = match self.mode() {
            Mode::Card(id) => {
                let len = self.index.facts(*id).entries.len();
                (&mut self.card, len)
            }
            Mode::Finder => return self.move_in_finder(f),
            Mode::Filter => return self.move_in_filter(f),
            Mode::Normal => match self.tab {
                Tab::People => (&mut self.people, self.lists.people.len()),
                Tab::Timeline => (&mut self.timeline, self.lists.timeline.len()),
                Tab::Coffee => (&mut self.coffee, self.lists.coffee.len()),
                Tab::Review => return,
            },
            _ => return,
        };
        f(cursor, len);
    }

    fn scroll_help(&mut self, action: Action) {
        let s = &mut self.help;
        match action {
            Action::Up => s.up(1),
            Action::Down => s.down(1),
            Action::PageUp => s.up(s.page()),
            Action::PageDown => s.down(s.page()),
            Action::Top => s.top(),
            Action::Bottom => s.bottom(),
            _ => {}
        }
    }

    pub(super) fn help_scroll(&self) -> &Scroll {
        &self.help
    }

    pub(super) fn cursor(&self, tab: Tab) -> &Cursor {
        match tab {
            Tab::People => &self.people,
            Tab::Timeline => &self.timeline,
            Tab::Coffee | Tab::Review => &self.coffee,
        }
    }

    pub(super) fn card_cursor(&self) -> &Cursor {
        &self.card
    }

    pub fn say(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    pub fn fail(&mut self, text: String) {
        self.status = Some(Status { text, error: true });
    }
}
