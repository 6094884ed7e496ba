//! `R` in the review: release a promise you will not keep, with a note
//! ("they found someone else"). Enter releases it — closed, so it stops
//! nagging, and not a deed given; Esc keeps it open.

pub mod draw;

use crate::model::{EntryId, PersonId};
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::layers::{Ctx, Effect, Layer, Outcome};

pub struct ReleaseNote {
    pub person: PersonId,
    pub entry: EntryId,
    /// What was promised, to show above the note.
    pub promised: String,
    pub field: TextField,
}

impl ReleaseNote {
    pub fn open(person: PersonId, entry: EntryId, promised: &str) -> Layer {
        Layer::Release(ReleaseNote {
            person,
            entry,
            promised: promised.to_string(),
            field: TextField::default(),
        })
    }

    pub fn handle(&mut self, action: Action, _ctx: &mut Ctx) -> Outcome {
        match action {
            Action::Submit => Outcome::CloseThen(Effect::Release {
                person: self.person,
                entry: self.entry,
                note: self.field.value().trim().to_string(),
            }),
            Action::Back => Outcome::Close,
            _ => Outcome::Pass,
        }
    }
}
