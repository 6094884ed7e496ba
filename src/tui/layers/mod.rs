//! The layers over the panes: one stack that owns them. Each [`Layer`] carries
//! its own state; the top one gets the key and says what happened
//! ([`Outcome`]): it stays, it closes, it opens another on top, or it asks the
//! app for what only the app can do — commit a change, show a person on the
//! People tab, filter the Timeline ([`Effect`]). The panes are the bottom of
//! the stack: what the top layer passes on goes to them.
//!
//! One file per layer: its state and its keys, its drawing beside it
//! (`<layer>/draw.rs`). A new popup is its two files, a variant here (and its
//! arms in `table`, `handle`, `field`), a line in `actions!` for the key that
//! opens it and in `tables!` for its own keys (their defaults and hints in
//! `keys/defaults.rs`), the arm that opens it (`panes/mod.rs`) and the one
//! that draws it (`ui/mod.rs`) — `go_to.rs` is the example.

pub mod capture;
pub mod card;
pub mod delete;
pub mod filter;
pub mod finder;
pub mod form;
pub mod go_to;
pub mod help;
pub mod new_person;
pub mod picker;
pub mod question;
pub mod release;
pub mod snooze;

use chrono::NaiveDate;
use ratatui::layout::Size;

use crate::capture::Names;
use crate::model::{Book, Index, Kinds, PersonId};
use crate::search::SearchIndex;
use crate::tui::app::Status;
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::keys::key::Key;
use crate::tui::keys::keymap::{Keymap, Table};
use crate::tui::panes::lists::WeightFilter;
use crate::tui::save::Commit;

pub use capture::CaptureState;
pub use card::CardLayer;
pub use delete::Delete;
pub use filter::FilterChooser;
pub use finder::FinderState;
pub use form::FormState;
pub use go_to::GoTo;
pub use help::HelpLayer;
pub use new_person::NewPerson;
pub use picker::Picker;
pub use question::{Ask, Question};
pub use release::ReleaseNote;
pub use snooze::Snooze;

/// One popup on the stack, with its state.
pub enum Layer {
    /// A person's card over the panes, with their whole timeline.
    Card(CardLayer),
    /// The `?` overlay.
    Help(HelpLayer),
    /// The person form (add or edit).
    Form(Box<FormState>),
    /// A yes/no question.
    Question(Question),
    /// Pick the person to merge into.
    Picker(Box<Picker>),
    /// Delete a person: type their name.
    Delete(Delete),
    /// The `/` finder.
    Finder(FinderState),
    /// The quick-capture popup (also the Timeline's entry editor).
    Capture(Box<CaptureState>),
    /// The review's snooze chooser, and its "until a date" field.
    Snooze(Snooze),
    /// The Timeline's filter chooser.
    Filter(FilterChooser),
    /// Go to a person by id.
    GoTo(GoTo),
    /// A capture's new person: their name, or whom it meant.
    NewPerson(NewPerson),
    /// The review's "release a promise" note.
    Release(ReleaseNote),
}

/// What the top layer did with a key.
pub enum Outcome {
    /// It took the key and stays.
    Keep,
    /// It is done: it comes off the stack.
    Close,
    /// Another layer goes on top of it (a question, the snooze date).
    Open(Layer),
    /// It gives way to another (the merge picker to its question).
    Replace(Layer),
    /// A change to the book, the layer staying until it lands (what it does
    /// then is the commit's `then`).
    Commit(Commit),
    /// It closes and asks the app for what only the app can do.
    CloseThen(Effect),
    /// Not its key: the app's (quit, help, undo) or the panes'.
    Pass,
}

/// What a closing layer leaves the app to do.
pub enum Effect {
    /// Commit this change.
    Commit(Commit),
    /// The People tab, with `select` selected and `open` on top.
    ToPeople {
        select: Option<PersonId>,
        open: Layer,
    },
    /// The Timeline shows this.
    Filter(WeightFilter),
    /// The question was answered yes.
    Yes(Ask),
    /// Leave kith.
    Quit,
    /// The capture's typed name is settled: someone, or a new person.
    Named(String, new_person::Named),
    /// Release this promise, with this note.
    Release {
        person: PersonId,
        entry: crate::model::EntryId,
        note: String,
    },
}

/// What a layer reads (and the few things it may change) while it handles
/// a key: the book and what is derived from it, the keymap, the status line.
pub struct Ctx<'a> {
    pub book: &'a Book,
    pub index: &'a Index,
    pub names: &'a Names,
    pub kinds: &'a Kinds,
    pub keymap: &'a Keymap,
    pub today: NaiveDate,
    /// Built on first use after each change to the book.
    pub search: &'a mut Option<SearchIndex>,
    pub status: &'a mut Option<Status>,
    /// The terminal's size, when the event loop has told it (a layer that
    /// ranks only what fits measures from it, never from a draw).
    pub screen: Option<Size>,
}

impl Ctx<'_> {
    pub fn say(&mut self, text: String) {
        *self.status = Some(Status { text, error: false });
    }

    pub fn fail(&mut self, text: String) {
        *self.status = Some(Status { text, error: true });
    }

    /// The search index of the book as it is now.
    pub fn search(&mut self) -> &SearchIndex {
        self.search
            .get_or_insert_with(|| SearchIndex::build(self.book))
    }

    /// The first key bound to `action` in `table`, as help shows it ("C-t").
    pub fn key(&self, table: Table, action: Action) -> String {
        self.keymap.key_for(table, action)
    }
}

impl Layer {
    /// The keymap table this layer looks keys up in.
    pub fn table(&self) -> Table {
        match self {
            Layer::Card(_) => Table::Card,
            Layer::Help(_) => Table::Help,
            Layer::Form(_) => Table::Form,
            Layer::Question(_) => Table::Question,
            Layer::Picker(_) => Table::Picker,
            Layer::Delete(_) => Table::Delete,
            Layer::Finder(_) => Table::Finder,
            Layer::Capture(_) => Table::Capture,
            Layer::Snooze(s) if s.typing() => Table::SnoozeDate,
            Layer::Snooze(_) => Table::Snooze,
            Layer::Filter(_) => Table::Filter,
            Layer::GoTo(_) => Table::GoTo,
            Layer::NewPerson(_) => Table::NewPerson,
            Layer::Release(_) => Table::Release,
        }
    }

    /// Carries out `action` on this layer.
    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match self {
            Layer::Card(card) => card.handle(action, ctx),
            Layer::Help(help) => help.handle(action),
            Layer::Form(form) => form.handle(action, ctx),
            Layer::Question(question) => question.handle(action),
            Layer::Picker(picker) => picker.handle(action, ctx),
            Layer::Delete(delete) => delete.handle(action, ctx),
            Layer::Finder(finder) => finder.handle(action, ctx),
            Layer::Capture(capture) => capture.handle(action, ctx),
            Layer::Snooze(snooze) => snooze.handle(action, ctx),
            Layer::Filter(filter) => filter.handle(action),
            Layer::GoTo(go_to) => go_to.handle(action, ctx),
            Layer::NewPerson(new) => new.handle(action, ctx),
            Layer::Release(release) => release.handle(action, ctx),
        }
    }

    /// The one-line text field unbound keys type into, if the layer has one.
    pub fn field(&mut self) -> Option<&mut TextField> {
        match self {
            Layer::Finder(f) => Some(&mut f.field),
            Layer::Form(f) => f.field_mut(),
            Layer::Picker(p) => Some(&mut p.query),
            Layer::Delete(d) => Some(&mut d.typed),
            Layer::Capture(c) => Some(&mut c.field),
            Layer::Snooze(s) => s.field(),
            Layer::GoTo(g) => Some(&mut g.field),
            Layer::NewPerson(n) => Some(&mut n.field),
            Layer::Release(r) => Some(&mut r.field),
            _ => None,
        }
    }

    /// Refreshes what the layer derives from its field's text (a preview,
    /// results), after the text changed.
    pub fn edited(&mut self, ctx: &mut Ctx) {
        match self {
            Layer::Finder(f) => f.rank(true, ctx),
            Layer::Picker(p) => p.edited(ctx),
            Layer::Capture(c) => c.edited(ctx),
            _ => {}
        }
    }

    /// A key no table binds: typed into the layer's text (the form's notes
    /// take every key). True when the layer took it.
    pub fn type_key(&mut self, key: Key, ctx: &mut Ctx) -> bool {
        if let Layer::Form(form) = self
            && form.is_last()
        {
            form.type_into_notes(key);
            return true;
        }
        if let Layer::Capture(capture) = self {
            capture.before_typing(key.code == ratatui::crossterm::event::KeyCode::Char('@'));
        }
        let typed = self.field().is_some_and(|field| field.handle(key));
        if typed {
            self.edited(ctx);
        }
        typed
    }

    /// Pasted text, as typed text would go (newlines become spaces, except
    /// in the form's notes); dropped by a layer without text.
    pub fn paste(&mut self, text: &str, ctx: &mut Ctx) {
        if let Layer::Form(form) = self
            && form.is_last()
        {
            form.notes.insert_str(crate::text::clean_text(text));
            return;
        }
        if let Layer::Capture(capture) = self {
            capture.before_typing(text.trim_start().starts_with('@'));
        }
        let pasted = self.field().is_some_and(|field| field.insert_str(text));
        if pasted {
            self.edited(ctx);
        }
    }

    /// Whether a plain character only types into this layer's one-line field.
    pub fn types_plainly(&mut self) -> bool {
        let notes = matches!(self, Layer::Form(form) if form.is_last());
        !notes && self.field().is_some()
    }

    /// The person this layer is about, when it is about one (the card, the
    /// snooze chooser): the selected person while it is on top, and it
    /// closes when they are gone.
    pub fn person(&self) -> Option<PersonId> {
        match self {
            Layer::Card(card) => Some(card.person),
            Layer::Snooze(snooze) => Some(snooze.person),
            _ => None,
        }
    }

    /// What the last frame showed of this layer's scrolled view.
    pub fn shown(&mut self, shown: crate::tui::panes::cursor::Shown) {
        match self {
            Layer::Card(card) => card.cursor.shown(shown),
            Layer::Finder(finder) => finder.cursor.shown(shown),
            Layer::Filter(chooser) => chooser.cursor.shown(shown),
            Layer::Help(help) => help.scroll.shown(shown),
            _ => {}
        }
    }

    /// The book changed under the layer: it brings what it derived up to date.
    pub fn book_changed(&mut self, ctx: &mut Ctx) {
        if let Layer::Finder(finder) = self {
            finder.rank(false, ctx);
        }
    }
}
