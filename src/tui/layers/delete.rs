//! `d` on a person: delete them for good, once their name is typed; entries
//! naming them block it unless "also their entries" is ticked.

pub mod draw;

use crate::model::{Book, Op, PersonId};
use crate::text::fold;
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::{Ctx, Layer, Outcome};
use crate::tui::save::history::{Commit, Then};

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
        let op = delete_op(ctx.book, self.id);
        Outcome::Commit(Commit::op(op, &what, Then::Close))
    }
}

/// Deletes `id` with every entry naming them: an entry naming only them goes,
/// one naming others too just drops them; "introduced by" them is cleared.
pub fn delete_op(book: &Book, id: PersonId) -> Op {
    let mut ops = Vec::new();
    for e in book.entries.iter().filter(|e| e.names(id)) {
        if e.people.iter().all(|p| *p == id) {
            ops.push(Op::DeleteEntry(e.id));
        } else {
            let mut e = e.clone();
            e.people.retain(|p| *p != id);
            ops.push(Op::UpdateEntry(e));
        }
    }
    for p in book
        .people
        .iter()
        .filter(|p| p.met.introduced_by == Some(id))
    {
        let mut changed = p.clone();
        changed.met.introduced_by = None;
        ops.push(Op::edit_person(p, changed));
    }
    ops.push(Op::DeletePerson(id));
    Op::Batch(ops)
}
