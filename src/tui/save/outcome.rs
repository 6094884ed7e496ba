//! Acting on what the saver did, once the session has taken it in: the
//! selections found again, the status line, the asking layer's [`Then`], and
//! a question before anything is written where the book vanished.

use crate::store::StoreError;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::{Ask, Question};
use crate::tui::save::commit::{Change, InFlight};
use crate::tui::save::saver::JobOutcome;
use crate::tui::session::How;

impl App {
    /// Takes in what the saver did with `pending`.
    pub(super) fn finish(&mut self, pending: InFlight, outcome: JobOutcome) {
        let keep = self.selection();
        let landed = self.session.take_in(pending, outcome, &self.view);
        if landed.adopted {
            self.review.stepping = landed.step;
            self.settle(keep);
            self.review.stepping = false;
        }
        let (what, change, then) = (landed.what, landed.change, landed.then);
        match landed.how {
            How::Saved {
                surprises,
                synced,
                applied,
            } => {
                if let Some(op) = &applied {
                    self.select_changed(op);
                }
                let said = change.said(&what);
                match surprises.is_empty() {
                    true if said.is_empty() => {}
                    true => self.say(said),
                    false => self.say(format!("{said}; {}", surprises.join("; "))),
                }
                self.then(then, true, &what);
                if let Some(synced) = synced {
                    self.after_sync(&synced);
                }
            }
            How::Failed { error, again } => {
                let said = match change {
                    Change::Do | Change::Reload | Change::Derive => format!("not saved: {error}"),
                    Change::Undo | Change::Redo => self.refused(change, &what, &error, again),
                };
                self.fail(said);
                self.then(then, false, &what);
                if matches!(error, StoreError::Vanished { .. }) {
                    let ask = Ask::Recreate(self.session.store.path().to_path_buf());
                    let question = Question::open(ask, &self.session.book);
                    self.push(question);
                }
            }
            How::Reloaded => {
                if !matches!(change, Change::Derive) {
                    self.say("reloaded: the file changed on disk".into());
                }
            }
            How::NotReloaded(error @ StoreError::Vanished { .. }) => self.fail(format!(
                "{error}; showing the book as last read — nothing is written until you say so"
            )),
            How::NotReloaded(error) => {
                self.fail(format!("not reloaded, showing the last good book: {error}"))
            }
            How::Panicked(why) => {
                self.fail(format!(
                    "not saved: internal error ({why}); the file is unchanged"
                ));
                self.then(then, false, &what);
            }
            How::OutOfStep(why) => {
                // The two copies differ (a bug): read the file again rather
                // than show one book with another's index.
                self.then(then, true, &what);
                self.fail(format!(
                    "out of step with the file ({why}); reading it again"
                ));
                self.reload();
            }
        }
    }

    /// What the status line says of an undo or redo that did not land: when
    /// the disk was only busy (`again`) it went back on its stack and the
    /// same key tries again; one the book no longer allows was dropped.
    fn refused(&self, change: Change, what: &str, error: &StoreError, again: bool) -> String {
        let (word, action) = match change {
            Change::Undo => ("undo", Action::Undo),
            _ => ("redo", Action::Redo),
        };
        match again {
            true => {
                let key = self.keymap.key_for(Table::Global, action);
                format!("cannot {word} {what} yet: {error}; {key} tries again")
            }
            false => format!("cannot {word} {what}: {error}"),
        }
    }
}
