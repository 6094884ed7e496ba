//! `d` on a person: delete them for good, once their name is typed; entries
//! naming them block it unless "also their entries" is ticked.

pub mod draw;

use crate::model::delete_op;
use crate::model::{Book, OpError, PersonId};
use crate::text::fold;
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::{Ctx, Layer, Outcome};
use crate::tui::save::{Commit, Then};

pub struct Delete {
    pub id: PersonId,
    pub name: String,
    pub typed: TextField,
    pub entries: usize,
    pub also: bool,
}

impl Delete {
    pub fn open(id: PersonId, book: &Book) -> Option<Layer> {
        let p = book.person(id)?;
        Some(Layer::Delete(Delete {
            id,
            name: p.name.clone(),
            typed: TextField::default(),
            entries: book.entries_of(id).count(),
            also: false,
        }))
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::ToggleAlso => self.also = !self.also,
            Action::Submit => return self.delete(ctx),
            Action::Back | Action::No => return Outcome::Close,
            _ => return Outcome::Pass,
        }
        Outcome::Keep
    }

    fn delete(&self, ctx: &mut Ctx) -> Outcome {
        if fold(self.typed.value().trim()) != fold(&self.name) {
            ctx.fail(format!("type “{}” to delete them", self.name));
            return Outcome::Keep;
        }
        if self.entries > 0 && !self.also {
            let n = self.entries;
            let key = ctx.key(Table::Delete, Action::ToggleAlso);
            let still = crate::text::count(n, "entry still names", "entries still name");
            let them = if n == 1 { "it" } else { "them" };
            ctx.fail(format!("{still} {}: {key} to delete {them} too", self.name));
            return Outcome::Keep;
        }
        let what = format!("deleted {}", self.name);
        let (id, also, name) = (self.id, self.also, self.name.clone());
        // Built from the freshest book under the lock, as every operation
        // is: an entry logged meanwhile elsewhere is not left naming nobody,
        // nor deleted without the user having said "their entries too".
        let make = move |fresh: &Book| {
            if fresh.person(id).is_none() {
                return Err(OpError::Rejected(format!(
                    "{name} is no longer in the book (changed elsewhere)"
                )));
            }
            if !also && fresh.entries_of(id).next().is_some() {
                return Err(OpError::Rejected(format!(
                    "an entry naming {name} was logged meanwhile: not deleted"
                )));
            }
            Ok(delete_op(fresh, id))
        };
        Outcome::Commit(Commit::with(make, &what, Then::Close))
    }
}
