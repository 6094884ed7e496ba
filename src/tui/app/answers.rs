//! What a yes to a question does: the question layer only asks; the answer
//! changes the book or the screen here.

use crate::model::{Op, merge_op};
use crate::tui::app::{App, Exit};
use crate::tui::layers::Ask;
use crate::tui::layers::question::entry_words;
use crate::tui::save::Then;

impl App {
    /// The question on top was answered yes (and has closed).
    pub(crate) fn yes(&mut self, ask: Ask) {
        match ask {
            Ask::DiscardForm | Ask::DiscardCapture => self.pop(),
            Ask::Recreate(_) => self.recreate(),
            Ask::Restore { number, .. } => {
                self.exit = Exit::Restore(number);
                self.quit = true;
            }
            Ask::FutureDeed(_) => {
                if let Some(outcome) = self.capture_on_top(|c, ctx| {
                    c.future_ok = true;
                    c.save(true, ctx)
                }) {
                    self.carry_out(outcome);
                }
            }
            Ask::LongerCadence { person, to, .. } => {
                let Some(before) = self.person(person) else {
                    return;
                };
                let mut after = before.clone();
                after.cadence = Some(to);
                let what = format!("{}: every {to} days now", before.name);
                let op = Op::edit_person(before, after);
                self.commit(op, &what, Then::Nothing);
            }
            Ask::KeepPromise { person, promise } => {
                let what = format!("kept a promise to {}", self.session.book.name_of(person));
                self.commit(
                    Op::SetDone(promise, Some(self.session.today)),
                    &what,
                    Then::Nothing,
                );
            }
            Ask::DeleteEntry(id) => {
                let what = match self.session.book.entry(id) {
                    Some(e) => format!("deleted {}", entry_words(e, &self.session.book)),
                    None => "deleted an entry".to_string(),
                };
                self.commit(Op::DeleteEntry(id), &what, Then::Nothing);
            }
            Ask::Archive(id) => {
                let Some(before) = self.person(id) else {
                    return;
                };
                let mut p = before.clone();
                p.archived = !p.archived;
                let what = match p.archived {
                    true => format!("archived {}", p.name),
                    false => format!("unarchived {}", p.name),
                };
                let op = Op::edit_person(before, p);
                self.commit(op, &what, Then::Nothing);
            }
            Ask::Merge { from, into } => {
                let what = format!(
                    "merged {} into {}",
                    self.session.book.name_of(from),
                    self.session.book.name_of(into)
                );
                // Built under the lock from the freshest book, so entries
                // another process logged for `from` meanwhile move too.
                match merge_op(&self.session.book, from, into) {
                    Ok(_) => self.commit_with(
                        move |fresh| merge_op(fresh, from, into),
                        &what,
                        Then::Select(into),
                    ),
                    Err(e) => self.fail(format!("not merged: {e}")),
                }
            }
        }
    }
}
