//! Changing the book from the TUI: [`App::commit`], the undo/redo stacks, and
//! reloading after another process changed the file.
//!
//! A layer that changes something returns a [`Commit`] (an [`Op`], what to
//! say, and what to do [`Then`]); a pane calls
//! `app.commit(op, "logged a favor for Ana", Then::Nothing)`; nothing else
//! writes. The change goes to the saver (see `saver`): while it is on its way
//! to disk the screen keeps drawing and keys wait in line; when the outcome
//! comes back it is taken in by [`App::poll_saves`], and only then does the
//! app say what was done and carry out the popup's [`Then`].

use crate::model::{Book, Op, OpError, PersonId};
use crate::store::StoreError;
use crate::tui::app::{App, Done};
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::{Ask, Layer, Question};
use crate::tui::save::saver::{Job, JobOutcome, MakeOp, Saver, Stopped};

/// A change a layer (or a pane) asks for: the operation, built from the
/// freshest book under the store's lock; what the status line says once it
/// is on disk; and what the layer does then.
pub struct Commit {
    make: MakeOp,
    what: String,
    then: Then,
    /// A review step: the session rereads its progress instead of starting over.
    step: bool,
}

impl Commit {
    /// `op` as it is.
    pub fn op(op: Op, what: &str, then: Then) -> Commit {
        Commit::with(move |_| Ok(op), what, then)
    }

    /// The operation `make` builds from the freshest book (one that takes
    /// new ids, or moves what another process logged meanwhile).
    pub fn with(
        make: impl FnOnce(&Book) -> Result<Op, OpError> + Send + 'static,
        what: &str,
        then: Then,
    ) -> Commit {
        Commit {
            make: Box::new(make),
            what: what.to_string(),
            then,
            step: false,
        }
    }

    /// [`Commit::with`] for one step of the daily review.
    pub fn step(
        make: impl FnOnce(&Book) -> Result<Op, OpError> + Send + 'static,
        what: &str,
        then: Then,
    ) -> Commit {
        Commit {
            step: true,
            ..Commit::with(make, what, then)
        }
    }
}

/// A change on its way to disk.
pub struct InFlight {
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
    /// The views derived again from the same book (no file read).
    Derive,
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
    /// The layer on top closes.
    Close,
    /// The People list selects this person.
    Select(PersonId),
    /// A review snooze landed: offer a longer cadence after a streak.
    AfterSnooze(PersonId),
    /// [`Then::Capture`] for a capture from the review or the Intros tab:
    /// then offer to close the promise it looks like keeping.
    ReviewCapture(PersonId),
    /// Conflict copies were merged: put them away beside the backups.
    Synced(Vec<(std::path::PathBuf, u64)>),
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
        self.submit(Commit::with(make, what, then));
    }

    /// Sends `commit` to the saver.
    pub(crate) fn submit(&mut self, commit: Commit) {
        let Commit {
            make,
            what,
            then,
            step,
        } = commit;
        let pending = InFlight {
            what,
            change: Change::Do,
            then,
            step,
            retry: None,
        };
        let job = Job::Apply {
            make,
            view: self.view.clone(),
        };
        self.send_job(job, pending);
    }

    pub(crate) fn undo(&mut self) {
        let Some(done) = self.undo.pop() else {
            return self.say("nothing to undo".into());
        };
        self.submit_history(done, Change::Undo);
    }

    pub(crate) fn redo(&mut self) {
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
            view: self.view.clone(),
        };
        let pending = InFlight {
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
        let pending = InFlight {
            what: "reloaded".into(),
            change: Change::Reload,
            then: Then::Nothing,
            step: false,
            retry: None,
        };
        self.send_job(
            Job::Reload {
                view: self.view.clone(),
            },
            pending,
        );
    }

    /// Derives the lists again from the book as it is, on the saver's thread
    /// (for a view that costs more than a keystroke should: introductions).
    pub(crate) fn derive_again(&mut self) {
        let pending = InFlight {
            what: "derived".into(),
            change: Change::Derive,
            then: Then::Nothing,
            step: false,
            retry: None,
        };
        let view = self.view.clone();
        self.send_job(Job::Derive { view }, pending);
    }

    fn send_job(&mut self, job: Job, pending: InFlight) {
        if self.saving.is_some() {
            return self.fail("busy saving the last change; try again".into());
        }
        if !self.saver.send(job) {
            return self.saver_stopped(pending);
        }
        match pending.change {
            Change::Reload => self.say("reading the file…".into()),
            Change::Derive => {}
            _ => self.say("saving…".into()),
        }
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
            self.feed([input]);
        }
    }

    fn saver_stopped(&mut self, pending: InFlight) {
        self.fail("not saved: saving stopped working; quit and start kith again".into());
        self.then(pending.then, false, &pending.what);
    }

    /// Takes in what the saver did.
    fn finish(&mut self, outcome: JobOutcome) {
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
            } => {
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
                    Change::Reload | Change::Derive => String::new(),
                };
                match surprises.is_empty() {
                    true if said.is_empty() => {}
                    true => self.say(said),
                    false => self.say(format!("{said}; {}", surprises.join("; "))),
                }
                self.then(then, true, &what);
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
    pub(crate) fn recreate(&mut self) {
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
            Then::Capture if saved => {
                self.close_top(|l| matches!(l, Layer::Capture(_)));
                self.say(format!("saved: {what}"));
            }
            Then::ReviewCapture(person) if saved => {
                self.close_top(|l| matches!(l, Layer::Capture(_)));
                self.say(format!("saved: {what}"));
                self.after_review_capture(person);
            }
            Then::ReviewCapture(_) => self.then(Then::Capture, false, what),
            Then::AfterSnooze(person) if saved => self.after_snooze(person),
            Then::AfterSnooze(_) => {}
            Then::Capture => {
                let error = self.status.as_ref().map(|s| s.text.clone());
                self.capture_on_top(|c, ctx| c.not_saved(error, ctx));
            }
            Then::Form { added } if saved => {
                self.close_top(|l| matches!(l, Layer::Form(_)));
                if let Some(name) = added
                    && let Some(p) = self.book.people.iter().rev().find(|p| p.name == name)
                {
                    let id = p.id;
                    self.restore_people(Some(id));
                }
            }
            Then::Synced(copies) if saved => self.put_copies_away(&copies),
            Then::Synced(_) => {}
            Then::Close if saved => self.pop(),
            Then::Select(id) if saved => self.restore_people(Some(id)),
            Then::Form { .. } | Then::Close | Then::Select(_) => {}
        }
    }
}
