//! A person's card over the panes (Enter on a list, the finder's pick), with
//! their whole timeline to scroll. Every other key is the panes': the
//! person keys act on the card's person, who is the selected one, and the
//! global keys (undo, find, the tabs, which close the card) work here too.

use crate::model::PersonId;
use crate::tui::keys::action::Action;
use crate::tui::layers::{Ctx, Layer, Outcome};
use crate::tui::panes::cursor::Cursor;

pub struct CardLayer {
    pub person: PersonId,
    /// The timeline's selection.
    pub cursor: Cursor,
    /// The user moved onto the timeline's rows (j/k): a row is highlighted,
    /// and `e`/`x` act on it rather than on the person.
    pub on_rows: bool,
}

impl CardLayer {
    pub fn open(person: PersonId) -> Layer {
        Layer::Card(CardLayer {
            person,
            cursor: Cursor::default(),
            on_rows: false,
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
            Action::Back if self.on_rows => {
                // Esc leaves the rows first, then the card.
                self.on_rows = false;
                return Outcome::Keep;
            }
            Action::Back => return Outcome::Close,
            _ => return Outcome::Pass,
        }
        self.on_rows = true;
        Outcome::Keep
    }
}
