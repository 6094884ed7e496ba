//! Changing the book from the TUI: [`App::commit`], the undo/redo stacks, and
//! reloading after another process changed the file.
//!
//! A popup that changes something builds an [`Op`] and calls
//! `app.commit(op, "logged a favor for Ana", Then::Nothing)`; nothing else
//! writes. The change goes to the saver (see `saver`): while it is on its way
//! to disk the screen keeps drawing and keys wait in line; when the outcome
//! comes back it is taken in by [`App::poll_saves`], and only then does the
//! app say what was done and carry out the popup's [`Then`].

use crate::model::{Book, Op, OpError, PersonId};

use super::app::{App, Done};
use super::mode::{Ask, Mode};
use super::saver::{Job, Outcome, Saver, Stopped};
use crate::store::StoreError;

/// A change on its way to disk.
pub struct Pending {
    what: String,
    change: Change,
    then: Then,
    /// A review step: the session rereads its progress instead of starting over.
    step: bool,
    /// An undo or redo's operation, to put back on its stack when the disk
    /// was only busy, so the same key tries again.
    retry: Option<Op>,
}

enum Change {
    Do,
    Undo,
    Redo,
    Reload,
}

/// What the popup that asked for a change does once it is on disk — or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    Nothing,
    /// The capture popup closes and says "saved: …"; on failure it stays
    /// open with its text and the error.
    Capture,
    /// The person form closes; a person just added (by that name) is selected.
    Form {
        added: Option<String>,
    },
    /// The people popup on top closes.
    ClosePopup,
    /// The People list selects this person.
    Select(PersonId),
}

impl App {
    /// The one way the TUI changes the book: applies `op` through the store
    /// (lock, reload if changed, apply, atomic save); once it is on disk its
    /// inverse goes on the undo stack and the status line says `what` ("logged
    /// a favor for Ana"). On error the book is what is on disk and the status
    /// line says why.
    pub fn commit(&mut self, op: Op, what: &str, then: Then) {
        self.commit_with(move |_| Ok(op), what, then)
    }

    /// [`App::commit`] for an operation built from the freshest book (under the
    /// store's lock), such as one that takes new ids.
    pub fn commit_with(
        &mut self,
        make: impl FnOnce(&Book) -> Result<Op, OpError> + Send + 'static,
        what: &str,
        then: Then,
    ) {
        self.submit_op(make, what, then, false);
    }

    /// [`App::commit_with`] for one step of the daily review.
    pub(super) fn commit_step(
        &mut self,
        make: impl FnOnce(&Book) -> Result<Op, OpError> + Send + 'static,
        what: &str,
        then: Then,
    ) {
        self.submit_op(make, what, then, true);
    }

    fn submit_op(
        &mut self,
        make: impl FnOnce(&Book) -> Result<Op, OpError> + Send + 'static,
        what: &str,
        then: Then,
        step: bool,
    ) {
        let pending = Pending {
            what: what.to_string(),
            change: Change::Do,
            then,
            step,
            retry: None,
        };
        let job = Job::Apply {
            make: Box::new(make),
            view: self.view(),
        };
        self.send_job(job, pending);
    }

    pub(super) fn undo(&mut self) {
        let Some(done) = self.undo.pop() else {
            return self.say("nothing to undo".into());
        };
        self.submit_history(done, Change::Undo);
    }

    pub(super) fn redo(&mut self) {
        let Some(done) = self.redo.pop() else {
            return self.say("nothing to redo".into());
        };
        self.submit_history(done, Change::Redo);
    }

    fn submit_history(&mut self, done: Done, change: Change) {
        let op = done.op;
        let retry = Some(op.clone());
        let job = Job::Apply {
            make: Box::new(move |_| Ok(op)),
            view: self.view(),
        };
        let pending = Pending {
            what: done.what,
            change,
            then: Then::Nothing,
            step: false,
            retry,
        };
        self.send_job(job, pending);
    }

    /// Reads the file again after another process changed it. A file that no
    /// longer parses leaves the book in memory as it was (and nothing is written
    /// over the file).
    pub fn reload(&mut self) {
        // A vanished book stays vanished until its file comes back.
        if self.vanished && !self.store.path().exists() {
            return;
        }
        let pending = Pending {
            what: "reloaded".into(),
            change: Change::Reload,
            then: Then::Nothing,
            step: false,
            retry: None,
        };
        self.send_job(Job::Reload { view: self.view() }, pending);
    }

    fn send_job(&mut self, job: Job, pending: Pending) {
        if self.saving.is_some() {
            return self.fail("busy saving the last change; try again".into());
        }
        if !self.saver.send(job) {
            return self.saver_stopped(pending);
        }
        self.say(match pending.change {
            Change::Reload => "reading the file…".into(),
            _ => "saving…".into(),
        });
        self.saving = Some(pending);
        self.poll_saves();
    }

    /// Saves on a thread of their own from now on, so the screen never waits
    /// for the disk (the terminal app does this; tests may keep saves inline,
    /// each done when `update` returns).
    pub fn save_in_background(&mut self) -> std::io::Result<()> {
        let saver = std::mem::replace(&mut self.saver, Saver::Stopped);
        self.saver = saver.into_thread()?;
        Ok(())
    }

    /// A change is on its way to disk.
    pub fn saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Takes in the outcome of the change in flight, if it has come, then the
    /// keys that waited for it. Never blocks. True when something changed.
    pub fn poll_saves(&mut self) -> bool {
        if self.saving.is_none() {
            return false;
        }
        match self.saver.try_recv() {
            Ok(Some(outcome)) => self.finish(outcome),
            Ok(None) => return false,
            Err(Stopped) => {
                if let Some(pending) = self.saving.take() {
                    self.saver_stopped(pending);
                }
            }
        }
        self.replay();
        true
    }

    /// Waits until nothing is in flight (and the keys that waited are handled).
    pub fn wait_saves(&mut self) {
        while self.saving.is_some() {
            match self.saver.recv() {
                Ok(Some(outcome)) => self.finish(outcome),
                Ok(None) => self.saving = None,
                Err(Stopped) => {
                    if let Some(pending) = self.saving.take() {
                        self.saver_stopped(pending);
                    }
                }
            }
            self.replay();
        }
    }

    fn replay(&mut self) {
        while self.saving.is_none()
            && !self.quit
            && let Some(input) = self.typeahead.pop_front()
        {
            self.handle_inputs([input]);
        }
    }

    fn saver_stopped(&mut self, pending: Pending) {
        self.fail("not saved: saving stopped working; quit and start kith again".into());
        self.then(pending.then, false, &pending.what);
    }

    /// Takes in what the saver did.
    fn finish(&mut self, outcome: Outcome) {
        let Some(pending) = self.saving.take() else {
            return;
        };
        let keep = self.selection();
        let Pending {
            what,
            change,
            then,
            step,
            retry,
        } = pending;
        match outcome {
            Outcome::Saved {
                inverse,
                surprises,
                derived,
            } => {
                self.review.stepping = step;
                self.adopt(*derived, keep);
                self.review.stepping = false;
                let done = Done {
                    op: inverse,
                    what: what.clone(),
                };
                let said = match change {
                    Change::Do => {
                        self.undo.push(done);
                        self.redo.clear();
                        what.clone()
                    }
                    Change::Undo => {
                        self.redo.push(done);
                        format!("undone: {what}")
                    }
                    Change::Redo => {
                        self.undo.push(done);
                        format!("redone: {what}")
                    }
                    Change::Reload => String::new(),
                };
                match surprises.is_empty() {
                    true if said.is_empty() => {}
                    true => self.say(said),
                    false => self.say(format!("{said}; {}", surprises.join("; "))),
                }
                self.then(then, true, &what);
            }
            Outcome::Failed { error, derived } => {
                if let Some(derived) = derived {
                    self.review.stepping = step;
                    self.adopt(*derived, keep);
                    self.review.stepping = false;
                }
                let gone = matches!(error, StoreError::Vanished { .. });
                let said = match change {
                    Change::Do | Change::Reload => format!("not saved: {error}"),
                    Change::Undo | Change::Redo => self.refused(&change, &what, &error, retry),
                };
                self.fail(said);
                self.then(then, false, &what);
                if gone {
                    self.vanished = true;
                    self.push(Mode::Ask(Ask::Recreate));
                }
            }
            Outcome::Reloaded(derived) => {
                self.vanished = false;
                self.adopt(*derived, keep);
                self.say("reloaded: the file changed on disk".into());
            }
            Outcome::NotReloaded(error @ StoreError::Vanished { .. }) => {
                self.vanished = true;
                self.fail(format!(
                    "{error}; showing the book as last read — nothing is written until you say so"
                ))
            }
            Outcome::NotReloaded(error) => {
                self.fail(format!("not reloaded, showing the last good book: {error}"))
            }
            Outcome::Panicked(why) => {
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
        let (word, key, stack) = match change {
            Change::Undo => ("undo", "u", &mut self.undo),
            _ => ("redo", "C-r", &mut self.redo),
        };
        let passing = matches!(error, StoreError::Busy { .. } | StoreError::Io { .. });
        match retry.filter(|_| passing) {
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

    /// The user said yes to a new book where the file vanished: the next
    /// change creates it, holding the book as kith last read it.
    pub(super) fn recreate(&mut self) {
        self.store.recreate();
        self.saver.recreate();
        self.vanished = false;
        self.say(format!(
            "the next change starts a new book at {} with what is shown",
            self.store.path().display()
        ));
    }

    fn then(&mut self, then: Then, saved: bool, what: &str) {
        match then {
            Then::Nothing => {}
            Then::Capture => self.capture_saved(saved, what),
            Then::Form { added } if saved => self.form_saved(added),
            Then::ClosePopup if saved => self.close_people_popup(),
            Then::Select(id) if saved => self.restore_people(Some(id)),
            Then::Form { .. } | Then::ClosePopup | Then::Select(_) => {}
        }
    }
}
