//! `M`: the merge target picker — the finder's fuzzy search (names,
//! nicknames, org, …; accents and case folded) without the person being
//! merged. Enter asks the merge question.

pub mod draw;

use crate::model::{Book, Index, PersonId};
use crate::search::{SearchIndex, SearchOptions};
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::layers::{Ask, Ctx, Layer, Outcome, Question};

pub struct Picker {
    pub from: PersonId,
    pub query: TextField,
    pub results: Vec<PersonId>,
    pub selected: usize,
    search: SearchIndex,
}

impl Picker {
    pub fn open(from: PersonId, book: &Book, index: &Index) -> Layer {
        let mut picker = Picker {
            from,
            query: TextField::default(),
            results: Vec::new(),
            selected: 0,
            search: SearchIndex::build(book),
        };
        picker.refresh(book, index);
        Layer::Picker(Box::new(picker))
    }

    pub fn refresh(&mut self, book: &Book, facts: &Index) {
        let opts = SearchOptions::default();
        self.results = self
            .search
            .search(self.query.value(), book, facts, &opts)
            .into_iter()
            .map(|hit| hit.person)
            .filter(|id| *id != self.from)
            .collect();
        self.selected = self.selected.min(self.results.len().saturating_sub(1));
    }

    /// The query changed: the best match is selected.
    pub fn edited(&mut self, ctx: &mut Ctx) {
        self.selected = 0;
        self.refresh(ctx.book, ctx.index);
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::Next => self.step(1),
            Action::Prev => self.step(-1),
            Action::Submit => {
                let Some(into) = self.results.get(self.selected).copied() else {
                    ctx.fail("no one matches".into());
                    return Outcome::Keep;
                };
                let ask = Ask::Merge {
                    from: self.from,
                    into,
                };
                return Outcome::Replace(Question::open(ask, ctx.book));
            }
            Action::Back | Action::No => return Outcome::Close,
            _ => return Outcome::Pass,
        }
        Outcome::Keep
    }

    fn step(&mut self, by: isize) {
        let n = self.results.len();
        if n > 0 {
            self.selected = (self.selected as isize + by).rem_euclid(n as isize) as usize;
        }
    }
}
