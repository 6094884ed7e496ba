//! After the session took in a changed book: each pane's selection comes
//! back to the same person or entry, found again by id.

use crate::model::{EntryId, Op, PersonId};

use crate::tui::app::App;
use crate::tui::panes::cursor::Cursor;
use crate::tui::panes::tab::Tab;

impl App {
    /// After the book changed: each pane's selection back on the same person
    /// (or entry), popups of people who are gone closed, the review and the
    /// finder brought up to date.
    pub(crate) fn settle(&mut self, keep: Selection) {
        self.restore_people(keep.person);
        restore(
            &mut self.cursors.coffee,
            &self.session.lists.coffee,
            keep.coffee,
        );
        self.restore_entry(keep.entry);
        let book = &self.session.book;
        self.stack
            .retain(|layer| layer.person().is_none_or(|id| book.person(id).is_some()));
        self.forget_review();
        let (stack, mut ctx) = self.split();
        for layer in stack {
            layer.book_changed(&mut ctx);
        }
    }

    /// What is selected, by id, so it can be found again after the book changes.
    pub(crate) fn selection(&self) -> Selection {
        Selection {
            person: self.selected_in(Tab::People),
            coffee: self.selected_in(Tab::Coffee),
            entry: self.selected_entry_id(),
        }
    }

    pub(crate) fn selected_in(&self, tab: Tab) -> Option<PersonId> {
        match tab {
            Tab::People => self
                .session
                .lists
                .people
                .get(self.cursors.people.selected)
                .copied(),
            Tab::Coffee => self
                .session
                .lists
                .coffee
                .get(self.cursors.coffee.selected)
                .copied(),
            Tab::Intros => self.selected_intro().map(|s| s.person),
            Tab::Timeline => self
                .selected_entry()
                .and_then(|i| self.session.book.entries.get(i))
                .and_then(|e| e.people.first())
                .map(|p| self.session.book.survivor(*p)),
            Tab::Review => None,
        }
    }

    pub(crate) fn selected_entry_id(&self) -> Option<EntryId> {
        self.selected_entry()
            .and_then(|i| self.session.book.entries.get(i))
            .map(|e| e.id)
    }

    /// After an undo or redo of `op`: the People cursor on the one person it
    /// changed, when they are in the list (an archive undone selects who is
    /// back, not the one who took their row meanwhile).
    pub(crate) fn select_changed(&mut self, op: &Op) {
        let (mut people, mut entries) = (Vec::new(), Vec::new());
        op.touched(&mut people, &mut entries);
        people.dedup();
        if let [one] = people[..]
            && self.session.lists.people.contains(&one)
        {
            self.restore_people(Some(one));
        }
    }

    pub(crate) fn restore_people(&mut self, keep: Option<PersonId>) {
        restore(&mut self.cursors.people, &self.session.lists.people, keep);
    }

    pub(crate) fn restore_entry(&mut self, keep: Option<EntryId>) {
        match keep.and_then(|id| self.session.lists.entry_position(&self.session.book, id)) {
            Some(at) => self.cursors.timeline.selected = at,
            None => self
                .cursors
                .timeline
                .clamp(self.session.lists.timeline.len()),
        }
    }
}

/// What was selected, by id.
#[derive(Default)]
pub(crate) struct Selection {
    pub(crate) person: Option<PersonId>,
    pub(crate) coffee: Option<PersonId>,
    pub(crate) entry: Option<EntryId>,
}

fn restore(cursor: &mut Cursor, list: &[PersonId], keep: Option<PersonId>) {
    match keep.and_then(|id| list.iter().position(|p| *p == id)) {
        Some(at) => cursor.selected = at,
        None => cursor.clamp(list.len()),
    }
}
