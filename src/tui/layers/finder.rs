//! The `/` finder: a query line over the panes, ranked people as you type,
//! Enter opens the card on the People tab.
//!
//! The search index is built lazily, once per version of the book (the first
//! `/` after a load or a change pays for it), and a search runs on each edit
//! of the query, never on a frame. Only the rows that fit (plus a margin) are
//! ranked; moving past them ranks a page more. When no one matches, the add
//! key opens the person form with the query as the name.

pub mod draw;

use ratatui::layout::Size;

use crate::model::Person;
use crate::search::{Hit, Part, SearchOptions, highlight_positions};
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::{CardLayer, Ctx, Effect, FormState, Layer, Outcome};
use crate::tui::panes::cursor::Cursor;

/// Rows ranked beyond those the popup has room for.
pub const MARGIN: usize = 5;
/// Rows assumed while the screen's size is not known.
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
    /// Extra rows asked for by moving past the last ranked one.
    more: usize,
}

impl FinderState {
    /// How many hits to rank: the rows that fit, a margin, and what moving
    /// past the end asked for.
    fn limit(&self, screen: Option<Size>) -> usize {
        let rows = screen
            .map(|size| draw::result_rows(size.into()))
            .filter(|rows| *rows > 0)
            .unwrap_or(FIRST_ROWS);
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

impl FinderState {
    /// `/`: an empty query (the people contacted most recently).
    pub fn open(ctx: &mut Ctx) -> Layer {
        let mut finder = FinderState::default();
        finder.rank(true, ctx);
        Layer::Finder(finder)
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::Up => self.move_by(ctx, |c, _| c.up(1)),
            Action::Down => self.move_by(ctx, |c, len| c.down(1, len)),
            Action::PageUp => self.move_by(ctx, |c, _| c.up(c.page())),
            Action::PageDown => self.move_by(ctx, |c, len| c.down(c.page(), len)),
            Action::Top => self.move_by(ctx, |c, _| c.top()),
            Action::Bottom => self.move_by(ctx, |c, len| c.bottom(len)),
            Action::Open => return self.pick(),
            Action::Back => return Outcome::Close,
            Action::FindArchived => {
                self.archived = !self.archived;
                let shown = if self.archived { "shown" } else { "hidden" };
                ctx.say(format!("archived people {shown}"));
                self.rank(true, ctx);
            }
            Action::FindAdd => return self.add(ctx),
            _ => return Outcome::Pass,
        }
        Outcome::Keep
    }

    /// Ranks the people for the query as it is now; from the top, the
    /// selection goes back to the best match, else it stays where it was.
    pub fn rank(&mut self, from_top: bool, ctx: &mut Ctx) {
        let opts = SearchOptions {
            include_archived: self.archived,
            limit: self.limit(ctx.screen),
        };
        let (book, index) = (ctx.book, ctx.index);
        self.hits = ctx.search().search(self.query(), book, index, &opts);
        let query = self.query();
        self.names = self
            .hits
            .iter()
            .map(|hit| match book.person(hit.person) {
                Some(p) if hit.field != Part::Name && !query.trim().is_empty() => {
                    Some(highlight_positions(&p.name, query))
                }
                _ => None,
            })
            .collect();
        if from_top {
            self.cursor.top();
        } else {
            self.cursor.clamp(self.hits.len());
        }
    }

    /// Moves the selection; past the last ranked row, ranks a page more.
    fn move_by(&mut self, ctx: &mut Ctx, f: impl FnOnce(&mut Cursor, usize)) {
        let ranked = self.hits.len();
        let page = self.cursor.page();
        // Moves as if a page more were ranked, then ranks it if needed.
        let mut probe = self.cursor.clone();
        f(&mut probe, ranked + page);
        if probe.selected >= ranked && ranked == self.limit(ctx.screen) {
            self.more += page;
            self.rank(false, ctx);
        }
        let len = self.hits.len();
        self.cursor.selected = probe.selected.min(len.saturating_sub(1));
    }

    /// Enter: the selected person's card, opened on the People tab with them
    /// selected in the list, as Enter on the list does.
    fn pick(&self) -> Outcome {
        match self.selected() {
            Some(hit) => Outcome::CloseThen(Effect::ToPeople {
                select: Some(hit.person),
                open: CardLayer::open(hit.person),
            }),
            None => Outcome::Keep,
        }
    }

    /// When no one matches: the person form, opened on the People tab with
    /// the query as the name (saving it adds them and selects them there).
    fn add(&self, ctx: &mut Ctx) -> Outcome {
        let name = self.query().trim().to_string();
        if name.is_empty() {
            ctx.say("type a name first".into());
            return Outcome::Keep;
        }
        if !self.hits.is_empty() {
            let key = ctx.key(Table::Finder, Action::Open);
            ctx.say(format!("{name} matches someone: {key} opens them"));
            return Outcome::Keep;
        }
        let person = Person {
            name,
            ..Person::default()
        };
        Outcome::CloseThen(Effect::ToPeople {
            select: None,
            open: FormState::open(person, ctx.book),
        })
    }
}
