//! Changing the book from the TUI: [`App::commit`] and the undo/redo stacks,
//! and reloading after another process changed the file.
//!
//! A popup that changes something builds an [`Op`] and calls
//! `app.commit(op, "logged a favor for Ana")`; nothing else writes.

use crate::model::{Book, Op, OpError};
use crate::store::StoreError;

use super::app::{App, Done};

impl App {
    /// The one way the TUI changes the book: applies `op` through the store
    /// (lock, reload if changed, apply, atomic save), pushes its inverse on the
    /// undo stack, rebuilds. `what` says what was done ("logged a favor for
    /// Ana"). On error the book is what is on disk and the status line says why.
    pub fn commit(&mut self, op: Op, what: &str) -> bool {
        self.commit_with(|_| Ok(op), what)
    }

    /// [`App::commit`] for an operation built from the freshest book (under the
    /// store's lock), such as one that takes new ids.
    pub fn commit_with(
        &mut self,
        make: impl FnOnce(&Book) -> Result<Op, OpError>,
        what: &str,
    ) -> bool {
        match self.apply_with(make) {
            Ok(inverse) => {
                self.undo.push(Done {
                    op: inverse,
                    what: what.to_string(),
                });
                self.redo.clear();
                self.say(what.to_string());
                true
            }
            Err(e) => {
                self.fail(format!("not saved: {e}"));
                false
            }
        }
    }

    pub(super) fn undo(&mut self) {
        let Some(done) = self.undo.pop() else {
            return self.say("nothing to undo".into());
        };
        match self.apply(done.op) {
            Ok(inverse) => {
                self.say(format!("undone: {}", done.what));
                self.redo.push(Done {
                    op: inverse,
                    what: done.what,
                });
            }
            Err(e) => self.fail(format!("cannot undo {}: {e}", done.what)),
        }
    }

    pub(super) fn redo(&mut self) {
        let Some(done) = self.redo.pop() else {
            return self.say("nothing to redo".into());
        };
        match self.apply(done.op) {
            Ok(inverse) => {
                self.say(format!("redone: {}", done.what));
                self.undo.push(Done {
                    op: inverse,
                    what: done.what,
                });
            }
            Err(e) => self.fail(format!("cannot redo {}: {e}", done.what)),
        }
    }

    /// Applies through the store and rebuilds whatever happened (the store may
    /// have reloaded a newer file even when the operation then failed).
    fn apply(&mut self, op: Op) -> Result<Op, StoreError> {
        self.apply_with(|_| Ok(op))
    }

    fn apply_with(
        &mut self,
        make: impl FnOnce(&Book) -> Result<Op, OpError>,
    ) -> Result<Op, StoreError> {
        let keep = self.selection();
        let result = self.store.update(&mut self.book, make);
        self.rebuild(keep);
        result.map(|applied| applied.inverse)
    }

    /// Reads the file again after another process changed it. A file that no
    /// longer parses leaves the book in memory as it was (and nothing is written
    /// over the file).
    pub fn reload(&mut self) {
        match self.store.reload() {
            Ok(book) => {
                let keep = self.selection();
                self.book = book;
                self.rebuild(keep);
                self.say("reloaded: the file changed on disk".into());
            }
            Err(e) => self.fail(format!("not reloaded, showing the last good book: {e}")),
        }
    }
}
