//! Taking in what the saver did: a change on disk goes on the history and
//! the views adopt what was derived; a refusal says why, and a vanished
//! book asks before anything is written again.

use crate::model::Op;
use crate::store::StoreError;
use crate::tui::app::{App, Done};
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::{Ask, Question};
use crate::tui::save::commit::{Change, InFlight, worth_retrying};
use crate::tui::save::copies::synced_what;
use crate::tui::save::saver::JobOutcome;

impl App {
    /// Takes in what the saver did.
    pub(super) fn finish(&mut self, outcome: JobOutcome) {
        let Some(pending) = self.saving.take() else {
            return;
        };
        let keep = self.selection();
        let InFlight {
            what,
            change,
            then,
            step,
            retry,
        } = pending;
        match outcome {
            JobOutcome::Saved {
                inverse,
                surprises,
                derived,
                synced,
            } => {
                // A merge of conflict copies says what it merged, once read.
                let what = match &synced {
                    Some(synced) => synced_what(synced),
                    None => what,
                };
                self.review.stepping = step;
                self.adopt(*derived, keep);
                self.review.stepping = false;
                // `retry` is the undo or redo just applied.
                if let Some(op) = &retry {
                    self.select_changed(op);
                }
                let done = Done {
                    op: inverse,
                    what: what.clone(),
                };
                match change {
                    Change::Do => {
                        self.undo.push(done);
                        self.redo.clear();
                    }
                    Change::Undo => self.redo.push(done),
                    Change::Redo => self.undo.push(done),
                    Change::Reload | Change::Derive => {}
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
            JobOutcome::Failed { error, derived } => {
                if let Some(derived) = derived {
                    self.review.stepping = step;
                    self.adopt(*derived, keep);
                    self.review.stepping = false;
                }
                let gone = matches!(error, StoreError::Vanished { .. });
                let said = match change {
                    Change::Do | Change::Reload | Change::Derive => format!("not saved: {error}"),
                    Change::Undo | Change::Redo => self.refused(&change, &what, &error, retry),
                };
                self.fail(said);
                self.then(then, false, &what);
                if gone {
                    self.vanished = true;
                    let ask = Ask::Recreate(self.store.path().to_path_buf());
                    let question = Question::open(ask, &self.book);
                    self.push(question);
                }
            }
            JobOutcome::Reloaded(derived) => {
                self.vanished = false;
                self.adopt(*derived, keep);
                if !matches!(change, Change::Derive) {
                    self.say("reloaded: the file changed on disk".into());
                }
            }
            JobOutcome::NotReloaded(error @ StoreError::Vanished { .. }) => {
                self.vanished = true;
                self.fail(format!(
                    "{error}; showing the book as last read — nothing is written until you say so"
                ))
            }
            JobOutcome::NotReloaded(error) => {
                self.fail(format!("not reloaded, showing the last good book: {error}"))
            }
            JobOutcome::Panicked(why) => {
                self.fail(format!(
                    "not saved: internal error ({why}); the file is unchanged"
                ));
                self.then(then, false, &what);
            }
        }
    }

    /// An undo or redo that did not land. When the disk was only busy (the
    /// lock, an I/O error) it goes back on its stack, so the same key tries
    /// again; one the book no longer allows is dropped. Says which.
    fn refused(
        &mut self,
        change: &Change,
        what: &str,
        error: &StoreError,
        retry: Option<Op>,
    ) -> String {
        let (word, action) = match change {
            Change::Undo => ("undo", Action::Undo),
            _ => ("redo", Action::Redo),
        };
        let key = self.keymap.key_for(Table::Global, action);
        let stack = match change {
            Change::Undo => &mut self.undo,
            _ => &mut self.redo,
        };
        match retry.filter(|_| worth_retrying(error)) {
            Some(op) => {
                stack.push(Done {
                    op,
                    what: what.to_string(),
                });
                format!("cannot {word} {what} yet: {error}; {key} tries again")
            }
            None => format!("cannot {word} {what}: {error}"),
        }
    }
}
