//! The one way to change the book ([`Store::update`] and its variants): the
//! lock, the freshest book, the operation applied and checked, the atomic
//! save, and what the store remembers of it afterwards.

use std::path::Path;

use crate::model::{Book, Op, OpError};

use super::lock::{IdMarks, Lock};
use super::{Applied, Stamp, Store, StoreError, disk, splice, undo, validate};

impl Store {
    /// Applies one operation to the freshest book and saves it. See [`Store::update`].
    pub fn apply(&mut self, book: &mut Book, op: Op) -> Result<Applied, StoreError> {
        self.update(book, |_| Ok(op))
    }

    /// The one way to change the book: takes the lock, reloads `book` if another
    /// process changed the file, lets `make` build the operation from that fresh
    /// book (so new ids do not collide), applies it, checks the result is a
    /// book kith would read back, saves atomically, and unlocks. On any error
    /// `book` holds what is on disk and nothing is written.
    ///
    /// New ids come after every id seen in the file, in its backups, in the
    /// lock file's record and by this process. A book that still has the
    /// demo's anchor has its dates shifted to today first, once, and the
    /// anchor dropped (`reloaded` is then true: the whole book changed).
    /// If the file this store read is gone, nothing is written: the error is
    /// [`StoreError::Vanished`] until the caller, having asked the user,
    /// calls [`Store::recreate`].
    pub fn update(
        &mut self,
        book: &mut Book,
        make: impl FnOnce(&Book) -> Result<Op, OpError>,
    ) -> Result<Applied, StoreError> {
        self.update_as_read(book, |fresh, _| make(fresh))
    }

    /// [`Store::update`], telling `make` whether the book it gets is still
    /// the one handed in (`true`: not read again, no demo anchor settled), so
    /// that what the caller worked out from that book beforehand still holds.
    pub fn update_as_read(
        &mut self,
        book: &mut Book,
        make: impl FnOnce(&Book, bool) -> Result<Op, OpError>,
    ) -> Result<Applied, StoreError> {
        let no_work: Option<fn(&Book)> = None;
        self.update_beside(book, make, no_work)
            .map(|(applied, _)| applied)
    }

    /// [`Store::update_as_read`], running `beside` on the changed book on a
    /// thread of its own while the save writes and syncs it: work that only
    /// reads the new book (what a screen derives from it) is done by the
    /// time the disk is, instead of after it. Its result comes back only
    /// when the save landed; a panic in it is raised again once the save is
    /// over.
    pub fn update_beside<R: Send>(
        &mut self,
        book: &mut Book,
        make: impl FnOnce(&Book, bool) -> Result<Op, OpError>,
        beside: Option<impl FnOnce(&Book) -> R + Send>,
    ) -> Result<(Applied, Option<R>), StoreError> {
        let target = self.target()?;
        let held = self.held.take();
        let mut lock = Lock::take(&self.path, &target)?;
        if self.expect_file && !target.exists() {
            return Err(self.vanished());
        }
        if !self.expect_file && !self.fresh_ok && !target.exists() {
            self.refuse_if_missing()?;
        }
        let mut reloaded = self.changed_on_disk();
        if reloaded {
            *book = self.reload()?;
        }
        let marks = self
            .marks
            .max(lock.marks())
            .max(backup_marks(&target))
            .max(marks_of(book));
        book.raise_id_counters(marks.person, marks.entry);
        let anchored = book.anchor.is_some().then(|| book.clone());
        if anchored.is_some() {
            book.settle_anchor(self.today)
                .map_err(|e| OpError::Rejected(e.to_string()))?;
            reloaded = true;
        }
        let restore = |book: &mut Book, inverse: Option<Op>| {
            if let Some(inverse) = inverse {
                inverse
                    .apply(book)
                    .expect("an inverse applies to the state it came from");
            }
            if let Some(before) = &anchored {
                *book = before.clone();
            }
        };
        let op = match make(book, !reloaded) {
            Ok(op) => op,
            Err(e) => {
                restore(book, None);
                return Err(e.into());
            }
        };
        let touched = crate::model::lineage::Touched::before(book, &op);
        let inverse = match op.clone().apply(book) {
            Ok(inverse) => inverse,
            Err(e) => {
                restore(book, None);
                return Err(e.into());
            }
        };
        if let Some(problem) = validate::problems(book).into_iter().next() {
            restore(book, Some(inverse));
            return Err(OpError::Rejected(format!("not saved: {}", problem.message)).into());
        }
        let lineage_was = touched.note(book);
        // Untouched records' lines are copied from the file; settling the
        // anchor moved every date, so then the whole book is written.
        let (saved, beside) = save_beside(book, beside, |book| {
            // Held for the version the book was read from, if still it.
            let held = held.filter(|h| Some(h.seen) == self.seen).map(|h| h.text);
            let recorded = lock.checked();
            splice::save(
                &target,
                self.seen,
                held,
                recorded,
                book,
                (&op, &inverse),
                anchored.is_some(),
            )
        });
        let wrote = match saved {
            Ok(wrote) => wrote,
            Err(e) => {
                book.lineage.replace(lineage_was);
                restore(book, Some(inverse));
                return Err(e);
            }
        };
        self.seen = Stamp::of(&self.path);
        self.expect_file = true;
        if self.remember {
            undo::keep(&target, &inverse);
        }
        self.marks = self.marks.max(marks_of(book));
        lock.record(self.marks, Some(wrote));
        // A panic beside the save is raised once the save is told for.
        let beside =
            beside.map(|done| done.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        let applied = Applied {
            op,
            inverse,
            reloaded,
        };
        Ok((applied, beside))
    }
}

/// Runs `save` on `book` and, if given, `beside` on another thread at the
/// same time: how the save went, and how `beside` did (its result, or its
/// panic) if it ran.
fn save_beside<R: Send, S>(
    book: &Book,
    beside: Option<impl FnOnce(&Book) -> R + Send>,
    save: impl FnOnce(&Book) -> Result<S, StoreError>,
) -> (Result<S, StoreError>, Option<std::thread::Result<R>>) {
    let Some(beside) = beside else {
        return (save(book), None);
    };
    // The work is handed to the thread through the mutex, so that it is
    // still here to run after the save if no thread can be started.
    let work = std::sync::Mutex::new(Some(beside));
    let take = || work.lock().unwrap_or_else(|e| e.into_inner()).take();
    std::thread::scope(|scope| {
        let side = std::thread::Builder::new()
            .name("kith-beside".into())
            .spawn_scoped(scope, || take().map(|beside| beside(book)));
        let saved = save(book);
        let done = match side {
            Ok(side) => side.join().transpose(),
            Err(_) if saved.is_ok() => take().map(|beside| Ok(beside(book))),
            Err(_) => None,
        };
        (saved, done)
    })
}

pub(super) fn marks_of(book: &Book) -> IdMarks {
    IdMarks {
        person: book.next_person_id,
        entry: book.next_entry_id,
    }
}

pub(super) fn backup_marks(target: &Path) -> IdMarks {
    let (person, entry) = disk::backup_counters(target);
    IdMarks { person, entry }
}
