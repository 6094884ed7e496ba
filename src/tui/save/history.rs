//! Changing the book from the TUI: [`App::commit`], the undo/redo keys, and
//! reloading after another process changed the file.
//!
//! A layer that changes something returns a [`Commit`] (an [`Op`], what to
//! say, and what to do [`Then`]); a pane calls
//! `app.commit(op, "logged a favor for Ana", Then::Nothing)`; nothing else
//! writes. The change goes to the session's saver (see `saver`): while it is
//! on its way to disk the screen keeps drawing and keys wait in line; when
//! the outcome comes back the session takes it in and [`App::poll_saves`]
//! acts on it (see `outcome`): only then does the app say what was done and
//! carry out the popup's [`Then`] (see `then`).

use crate::model::{Book, Op, OpError};
use crate::tui::app::App;
use crate::tui::save::Then;
use crate::tui::save::commit::{Change, Commit, InFlight};
use crate::tui::save::saver::Job;
use crate::tui::session::{Came, NotSent};

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
        let pending = InFlight::new(what, Change::Do, then).stepping(step);
        let job = Job::Apply {
            make,
            view: self.view.clone(),
        };
        self.send_job(job, pending);
    }

    pub(crate) fn undo(&mut self) {
        match self.session.take_history(Change::Undo, &self.view) {
            Some((job, pending)) => self.send_job(job, pending),
            None => self.say("nothing to undo".into()),
        }
    }

    pub(crate) fn redo(&mut self) {
        match self.session.take_history(Change::Redo, &self.view) {
            Some((job, pending)) => self.send_job(job, pending),
            None => self.say("nothing to redo".into()),
        }
    }

    /// Reads the file again after another process changed it. A file that no
    /// longer parses leaves the book in memory as it was (and nothing is written
    /// over the file).
    pub fn reload(&mut self) {
        // A vanished book stays vanished until its file comes back.
        if self.session.vanished && !self.session.store.path().exists() {
            return;
        }
        let pending = InFlight::new("reloaded", Change::Reload, Then::Nothing);
        let view = self.view.clone();
        self.send_job(Job::Reload { view }, pending);
    }

    /// Derives the lists again from the book as it is, on the saver's thread
    /// (for a view that costs more than a keystroke should: introductions).
    pub(crate) fn derive_again(&mut self) {
        let pending = InFlight::new("derived", Change::Derive, Then::Nothing);
        let view = self.view.clone();
        self.send_job(Job::Derive { view }, pending);
    }

    pub(super) fn send_job(&mut self, job: Job, pending: InFlight) {
        let change = pending.change;
        match self.session.send(job, pending) {
            Err((NotSent::Busy, _)) => self.fail("busy saving the last change; try again".into()),
            Err((NotSent::Stopped, pending)) => self.saver_stopped(*pending),
            Ok(()) => {
                match change {
                    Change::Reload => self.say("reading the file…".into()),
                    Change::Derive => {}
                    _ => self.say("saving…".into()),
                }
                self.poll_saves();
            }
        }
    }

    /// Saves on a thread of their own from now on, so the screen never waits
    /// for the disk (the terminal app does this; tests may keep saves inline,
    /// each done when `update` returns).
    pub fn save_in_background(&mut self) -> std::io::Result<()> {
        self.session.save_in_background()
    }

    /// A change is on its way to disk.
    pub fn saving(&self) -> bool {
        self.session.saving()
    }

    /// Takes in the outcome of the change in flight, if it has come, then the
    /// keys that waited for it. Never blocks. True when something changed.
    pub fn poll_saves(&mut self) -> bool {
        if !self.session.saving() {
            return false;
        }
        match self.session.poll() {
            Some(Came::Outcome(pending, outcome)) => self.finish(pending, outcome),
            Some(Came::Stopped(pending)) => self.saver_stopped(pending),
            None => return false,
        }
        self.replay();
        true
    }

    /// Waits until nothing is in flight (and the keys that waited are handled).
    pub fn wait_saves(&mut self) {
        while self.session.saving() {
            match self.session.wait() {
                Some(Came::Outcome(pending, outcome)) => self.finish(pending, outcome),
                Some(Came::Stopped(pending)) => self.saver_stopped(pending),
                None => {}
            }
            self.replay();
        }
    }

    fn replay(&mut self) {
        while !self.session.saving()
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

    /// The user said yes to a new book where the file vanished: the next
    /// change creates it, holding the book as kith last read it.
    pub(crate) fn recreate(&mut self) {
        self.session.recreate();
        self.say(format!(
            "the next change starts a new book at {} with what is shown",
            self.session.store.path().display()
        ));
    }
}
