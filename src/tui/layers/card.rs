//! A person's card over the panes (Enter on a list, the finder's pick), with
//! their whole timeline to scroll. Every other key is the panes': the
//! person keys act on the card's person, who is the selected one.

pub mod draw;

use crate::model::PersonId;
use crate::tui::keys::action::Action;
use crate::tui::layers::{Ctx, Layer, Outcome};
use crate::tui::panes::cursor::Cursor;

pub struct CardLayer {
    pub person: PersonId,
    /// The timeline's selection.
    pub cursor: Cursor,
}

impl CardLayer {
    pub fn open(person: PersonId) -> Layer {
        Layer::Card(CardLayer {
            person,
            cursor: Cursor::default(),
        })
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let len = ctx.index.facts(self.person).entries.len();
        let c = &mut self.cursor;
        match action {
            Action::Up => c.up(1),
            Action::Down => c.down(1, len),
            Action::PageUp => c.up(c.page()),
            Action::PageDown => c.down(c.page(), len),
            Action::Top => c.top(),
            Action::Bottom => c.bottom(len),
            Action::Back => return Outcome::Close,
            _ => return Outcome::Pass,
        }
        Outcome::Keep
    }
}
