//! The `/` finder: a query line over the panes, ranked people as you type,
//! Enter opens the card on the People tab.
//!
//! The search index is built lazily, once per version of the book (the first
//! `/` after a load or a change pays for it), and a search runs on each edit
//! of the query, never on a frame. Only the rows that fit (plus a margin) are
//! ranked; moving past them ranks a page more. When no one matches, the add
//! key opens the person form with the query as the name.

pub mod draw;

use std::cell::Cell;

use crate::model::{Person, PersonId};
use crate::search::{Field, Hit, SearchIndex, SearchOptions, highlight_positions};

use crate::tui::app::{App, Mode, Tab};
use crate::tui::field::TextField;
use crate::tui::layers::form::FormState;
use crate::tui::panes::cursor::Cursor;

/// Rows ranked beyond those the popup showed at its last draw.
const MARGIN: usize = 5;
/// Rows assumed before the popup was ever drawn.
const FIRST_ROWS: usize = 20;

/// The finder's state while its popup is open.
#[derive(Debug, Default)]
pub struct FinderState {
    pub field: TextField,
    pub hits: Vec<Hit>,
    /// Per hit that matched outside the name, the name's matched chars (a
    /// query of several words may match the name too).
    names: Vec<Option<Vec<usize>>>,
    pub cursor: Cursor,
    /// Archived people are searched too.
    pub archived: bool,
    /// Result rows seen at the last draw (drawing sets it).
    pub rows: Cell<usize>,
    /// Extra rows asked for by moving past the last ranked one.
    more: usize,
}

impl FinderState {
    /// How many hits to rank: the rows that fit, a margin, and what moving
    /// past the end asked for.
    fn limit(&self) -> usize {
        let rows = match self.rows.get() {
            0 => FIRST_ROWS,
            n => n,
        };
        rows + MARGIN + self.more
    }

    pub fn query(&self) -> &str {
        self.field.value()
    }

    /// The matched chars of hit `i`'s name, when its shown field is not the name.
    pub fn name_marks(&self, i: usize) -> Option<&[usize]> {
        self.names.get(i)?.as_deref()
    }

    pub fn selected(&self) -> Option<&Hit> {
        self.hits.get(self.cursor.selected)
    }
}

impl App {
    /// The search index of the book as it is now, built on first use.
    pub fn search_index(&mut self) -> &SearchIndex {
        self.search
            .get_or_insert_with(|| SearchIndex::build(&self.book))
    }

    pub fn finder(&self) -> Option<&FinderState> {
        self.finder.as_ref()
    }

    /// `/`: an empty query (the people contacted most recently) over the panes.
    pub(crate) fn open_finder(&mut self) {
        self.finder = Some(FinderState::default());
        self.refresh_finder();
        self.push(Mode::Finder);
    }

    /// Ranks the people for the query as it is now; the selection goes back
    /// to the best match.
    pub(crate) fn refresh_finder(&mut self) {
        self.rank(true);
    }

    fn rank(&mut self, from_top: bool) {
        let Some(mut finder) = self.finder.take() else {
            return;
        };
        let opts = SearchOptions {
            include_archived: finder.archived,
            limit: finder.limit(),
        };
        self.search_index();
        if let Some(index) = &self.search {
            finder.hits = index.search(finder.query(), &self.book, &self.index, &opts);
        }
        let query = finder.query();
        finder.names = finder
            .hits
            .iter()
            .map(|hit| match self.book.person(hit.person) {
                Some(p) if hit.field != Field::Name && !query.trim().is_empty() => {
                    Some(highlight_positions(&p.name, query))
                }
                _ => None,
            })
            .collect();
        if from_top {
            finder.cursor.top();
        } else {
            finder.cursor.clamp(finder.hits.len());
        }
        self.finder = Some(finder);
    }

    /// Moves the finder's selection; past the last ranked row, ranks a page more.
    pub(crate) fn move_in_finder(&mut self, f: impl FnOnce(&mut Cursor, usize)) {
        let Some(finder) = self.finder.as_mut() else {
            return;
        };
        let ranked = finder.hits.len();
        let page = finder.cursor.page();
        // Moves as if a page more were ranked, then ranks it if needed.
        let mut probe = finder.cursor.clone();
        f(&mut probe, ranked + page);
        if probe.selected >= ranked && ranked == finder.limit() {
            finder.more += page;
            self.rank(false);
        }
        if let Some(finder) = self.finder.as_mut() {
            let len = finder.hits.len();
            finder.cursor.selected = probe.selected.min(len.saturating_sub(1));
        }
    }

    /// After the book changed (a commit, a reload): rank again, keeping the
    /// selection where it was.
    pub(crate) fn rerank_finder(&mut self) {
        self.rank(false);
    }

    /// Archived people in or out of the results.
    pub(crate) fn toggle_finder_archived(&mut self) {
        if let Some(finder) = self.finder.as_mut() {
            finder.archived = !finder.archived;
            let shown = if finder.archived { "shown" } else { "hidden" };
            self.say(format!("archived people {shown}"));
            self.refresh_finder();
        }
    }

    /// Enter: the selected person's card, opened on the People tab with them
    /// selected in the list, as Enter on the list does.
    pub(crate) fn pick_in_finder(&mut self) {
        let Some(id) = self
            .finder()
            .and_then(FinderState::selected)
            .map(|h| h.person)
        else {
            return;
        };
        self.show_on_people(id);
    }

    /// When no one matches: the person form, opened on the People tab with
    /// the query as the name (saving it adds them and selects them there).
    pub(crate) fn add_from_finder(&mut self) {
        let Some(finder) = self.finder() else { return };
        let name = finder.query().trim().to_string();
        if name.is_empty() {
            return self.say("type a name first".into());
        }
        if !finder.hits.is_empty() {
            return self.say(format!("{name} matches someone: Enter opens them"));
        }
        self.close_finder();
        self.tab = Tab::People;
        let person = Person {
            name,
            ..Person::default()
        };
        self.edit.form = Some(FormState::new(person, &self.book));
        self.push(Mode::Form);
    }

    /// Closes the finder, selects `id` on the People tab and opens their card.
    fn show_on_people(&mut self, id: PersonId) {
        self.close_finder();
        self.tab = Tab::People;
        self.restore_people(Some(id));
        self.card = Cursor::default();
        self.push(Mode::Card(id));
    }

    pub(crate) fn close_finder(&mut self) {
        if *self.mode() == Mode::Finder {
            self.pop();
        }
        self.finder = None;
    }
}
