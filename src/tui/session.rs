//! The book as the TUI holds it, apart from the screen: the book and what is
//! derived from it, the saver and the change in flight, the undo and redo
//! stacks, and what is watched beside the book (conflict copies, the phone's
//! inbox, calendars and mail). No terminal, no layers, no cursors — a
//! [`Session`] is driven and checked with plain calls and asserts (see its
//! tests); [`crate::tui::app::App`] holds one and adds the screen: tabs,
//! cursors, the layer stack, the status line.
//!
//! A change is sent with [`Session::send`]; its outcome comes back through
//! [`Session::poll`] or [`Session::wait`], paired with what was asked, and is
//! taken in with [`Session::adopt`] (the derived facts swapped in) and
//! [`Session::record`] (the history). What the screen does about it — the
//! status line, the selection, the asking layer — is the app's.

use chrono::NaiveDate;

use crate::capture::Names;
use crate::config::Config;
use crate::model::{Book, Index, Kinds, Op, Person, PersonId};
use crate::search::SearchIndex;
use crate::store::Store;
use crate::store::StoreError;
use crate::sync::conflicts::Synced;
use crate::tui::panes::lists::{Lists, Sources};
use crate::tui::panes::view::ViewSettings;
use crate::tui::save::Then;
use crate::tui::save::commit::{Change, InFlight, worth_retrying};
use crate::tui::save::conflict_copies::synced_what;
use crate::tui::save::inbox::InboxWatch;
use crate::tui::save::saver::{
    self, Context, Derived, Handover, Job, JobOutcome, Saver, Stopped, Worker,
};
use crate::tui::save::touches::TouchScan;

/// A change that can be taken back (or redone): the operation that does it.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    pub op: Op,
    pub what: String,
}

pub struct Session {
    /// What this process last saw of the file (to notice other processes'
    /// changes); the saver holds the store that writes.
    pub(crate) store: Store,
    pub(crate) book: Book,
    pub(crate) saver: Saver,
    /// The change being saved (one at a time).
    pub(crate) saving: Option<InFlight>,
    /// The book's file was deleted or moved under us (nothing is written
    /// until the user agrees to a new one).
    pub(crate) vanished: bool,
    pub(crate) undo: Vec<Done>,
    pub(crate) redo: Vec<Done>,
    pub(crate) config: Config,
    pub(crate) kinds: Kinds,
    pub(crate) index: Index,
    /// The book's names folded for the capture grammar (rebuilt with the index).
    pub(crate) names: Names,
    /// The search index for the capture's name dropdown, the `/` finder,
    /// built when first needed after each change to the book.
    pub(crate) search: Option<SearchIndex>,
    /// The panes' lists, built for the view the screen last asked for.
    pub(crate) lists: Lists,
    pub today: NaiveDate,
    /// Conflict copies a sync tool left beside the book, as last looked for.
    pub(crate) conflict_copies: Vec<std::path::PathBuf>,
    /// The phone's inbox folder and how it looked when last read.
    pub(crate) inbox: InboxWatch,
    /// Calendars and mail being read at start, on a thread of their own.
    pub(crate) touches: TouchScan,
}

/// Why a change could not be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotSent {
    /// Another change is still on its way to disk.
    Busy,
    /// The saver's thread is gone.
    Stopped,
}

/// What came back for the change in flight.
#[allow(clippy::large_enum_variant, reason = "one per save, moved once")]
pub(crate) enum Came {
    /// What was asked, and what the saver did.
    Outcome(InFlight, JobOutcome),
    /// The saver stopped: what was asked, never done.
    Stopped(InFlight),
}

/// A change's outcome as taken in by the session, for the screen to act on.
pub(crate) struct Landed {
    /// What the change was ("logged a favor for Ana"; for a merge of
    /// conflict copies, what it merged).
    pub what: String,
    pub change: Change,
    /// What the asking layer does now.
    pub then: Then,
    /// A review step (the review rereads its progress).
    pub step: bool,
    /// A book was swapped in: the screen finds its selections again.
    pub adopted: bool,
    pub how: How,
}

/// How a change ended.
#[allow(clippy::large_enum_variant, reason = "one per save, moved once")]
pub(crate) enum How {
    /// On disk. `applied`: the operation of an undo or redo just applied.
    Saved {
        surprises: Vec<String>,
        synced: Option<Box<Synced>>,
        applied: Option<Op>,
    },
    /// Nothing was written. `again`: an undo or redo the disk only delayed
    /// went back on its stack, so the same key tries again.
    Failed { error: StoreError, again: bool },
    /// The file was read again (or the views derived again).
    Reloaded,
    /// The file no longer reads; the book stays as it was.
    NotReloaded(StoreError),
    /// The saver panicked (a bug); nothing was written.
    Panicked(String),
    /// The saver's copy and this one differ (a bug): read the file again.
    OutOfStep(String),
}

impl Landed {
    fn with(mut self, how: How) -> Landed {
        self.how = how;
        self
    }
}

impl Session {
    /// The session over `book` as read from `store`, its lists built for
    /// `view`; saves run inline until [`Session::save_in_background`].
    pub fn new(
        store: Store,
        book: Book,
        config: Config,
        today: NaiveDate,
        view: &ViewSettings,
    ) -> Session {
        let kinds = config.kinds();
        let ctx = Context {
            config: config.clone(),
            kinds: kinds.clone(),
            today,
        };
        let (index, names, lists) = saver::derive(&book, &ctx, view);
        let saver = Saver::inline(Worker::new(store.clone(), ctx));
        Session {
            store,
            book,
            saver,
            saving: None,
            vanished: false,
            undo: Vec::new(),
            redo: Vec::new(),
            config,
            kinds,
            index,
            names,
            search: None,
            lists,
            today,
            conflict_copies: Vec::new(),
            inbox: InboxWatch::default(),
            touches: TouchScan::default(),
        }
    }

    // ----- reading -------------------------------------------------------

    pub fn book(&self) -> &Book {
        &self.book
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn kinds(&self) -> &Kinds {
        &self.kinds
    }

    pub fn lists(&self) -> &Lists {
        &self.lists
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.book.person(id)
    }

    /// What the panes' lists are built from.
    pub(crate) fn sources(&self) -> Sources<'_> {
        Sources {
            book: &self.book,
            index: &self.index,
            config: &self.config,
            kinds: &self.kinds,
            today: self.today,
        }
    }

    /// A change is on its way to disk.
    pub fn saving(&self) -> bool {
        self.saving.is_some()
    }

    /// The changes that can be undone, last first.
    pub fn undoable(&self) -> impl Iterator<Item = &Done> {
        self.undo.iter().rev()
    }

    /// The changes that can be redone, last first.
    pub fn redoable(&self) -> impl Iterator<Item = &Done> {
        self.redo.iter().rev()
    }

    // ----- changing ------------------------------------------------------

    /// Sends `job` to the saver; `pending` is what it was asked for, kept
    /// until the outcome comes back. One change at a time: while one is in
    /// flight nothing else is sent.
    pub(crate) fn send(
        &mut self,
        job: Job,
        pending: InFlight,
    ) -> Result<(), (NotSent, Box<InFlight>)> {
        if self.saving.is_some() {
            return Err((NotSent::Busy, Box::new(pending)));
        }
        if !self.saver.send(job) {
            return Err((NotSent::Stopped, Box::new(pending)));
        }
        self.saving = Some(pending);
        Ok(())
    }

    /// The outcome of the change in flight, if it has come, with what was
    /// asked. Never blocks.
    pub(crate) fn poll(&mut self) -> Option<Came> {
        self.saving.as_ref()?;
        match self.saver.try_recv() {
            Ok(Some(outcome)) => self.saving.take().map(|p| Came::Outcome(p, outcome)),
            Ok(None) => None,
            Err(Stopped) => self.saving.take().map(Came::Stopped),
        }
    }

    /// [`Session::poll`], waiting for the outcome; `None` when nothing is in
    /// flight.
    pub(crate) fn wait(&mut self) -> Option<Came> {
        self.saving.as_ref()?;
        match self.saver.recv() {
            Ok(Some(outcome)) => self.saving.take().map(|p| Came::Outcome(p, outcome)),
            Ok(None) => {
                self.saving = None;
                None
            }
            Err(Stopped) => self.saving.take().map(Came::Stopped),
        }
    }

    /// The undo (or redo) on top of its stack, as the job that applies it
    /// and what is in flight meanwhile; `None` when the stack is empty.
    pub(crate) fn take_history(
        &mut self,
        change: Change,
        view: &ViewSettings,
    ) -> Option<(Job, InFlight)> {
        let done = match change {
            Change::Undo => self.undo.pop(),
            Change::Redo => self.redo.pop(),
            _ => None,
        }?;
        let op = done.op;
        let retry = Some(op.clone());
        let job = Job::Apply {
            make: Box::new(move |_| Ok(op)),
            view: view.clone(),
        };
        Some((
            job,
            InFlight::new(done.what, change, Then::Nothing).retrying(retry),
        ))
    }

    /// Takes in what the saver did with `pending`: the derived facts swapped
    /// in (lists rebuilt for `view` when they were derived for another), the
    /// history written, a vanished file noted. What the screen says and does
    /// about it is in the returned [`Landed`].
    pub(crate) fn take_in(
        &mut self,
        pending: InFlight,
        outcome: JobOutcome,
        view: &ViewSettings,
    ) -> Landed {
        let InFlight {
            what,
            change,
            then,
            step,
            retry,
        } = pending;
        let mut landed = Landed {
            what,
            change,
            then,
            step,
            adopted: false,
            how: How::Reloaded,
        };
        landed.how = match outcome {
            JobOutcome::Saved {
                inverse,
                surprises,
                derived,
                synced,
            } => {
                // A merge of conflict copies says what it merged.
                if let Some(synced) = &synced {
                    landed.what = synced_what(synced);
                }
                // Out of step or not, the change is on disk: it can be undone.
                self.record(change, inverse, &landed.what);
                if let Err(why) = self.adopt(*derived, view) {
                    return landed.with(How::OutOfStep(why));
                }
                landed.adopted = true;
                How::Saved {
                    surprises,
                    synced,
                    applied: retry,
                }
            }
            JobOutcome::Failed { error, derived } => {
                if let Some(derived) = derived {
                    if let Err(why) = self.adopt(*derived, view) {
                        return landed.with(How::OutOfStep(why));
                    }
                    landed.adopted = true;
                }
                if matches!(error, StoreError::Vanished { .. }) {
                    self.vanished = true;
                }
                let again = match retry {
                    Some(op) if worth_retrying(&error) => {
                        let done = Done {
                            op,
                            what: landed.what.clone(),
                        };
                        match change {
                            Change::Undo => self.undo.push(done),
                            _ => self.redo.push(done),
                        }
                        true
                    }
                    _ => false,
                };
                How::Failed { error, again }
            }
            JobOutcome::Reloaded(derived) => {
                if let Err(why) = self.adopt(*derived, view) {
                    return landed.with(How::OutOfStep(why));
                }
                self.vanished = false;
                landed.adopted = true;
                How::Reloaded
            }
            JobOutcome::NotReloaded(error) => {
                if matches!(error, StoreError::Vanished { .. }) {
                    self.vanished = true;
                }
                How::NotReloaded(error)
            }
            JobOutcome::Panicked(why) => How::Panicked(why),
        };
        landed
    }

    /// Swaps in a book and what was derived from it. `Err` when the
    /// operation the saver applied does not apply to this copy (a bug): the
    /// caller reads the file again.
    fn adopt(&mut self, derived: Derived, view: &ViewSettings) -> Result<(), String> {
        let Derived {
            handover,
            index,
            names,
            lists,
            view: derived_for,
            store,
        } = derived;
        let mut garbage: Vec<Box<dyn Send>> = Vec::new();
        match handover {
            Handover::Apply(op) => {
                // Noting what it replaced, as the worker's save did.
                if let Err(e) = crate::model::lineage::apply_noting(op, &mut self.book) {
                    return Err(e.to_string());
                }
            }
            Handover::Replace(book) => {
                garbage.push(Box::new(std::mem::replace(&mut self.book, *book)));
            }
        }
        garbage.push(Box::new(std::mem::replace(&mut self.index, index)));
        garbage.push(Box::new(std::mem::replace(&mut self.names, names)));
        garbage.push(Box::new(std::mem::replace(&mut self.lists, lists)));
        garbage.push(Box::new(self.search.take()));
        self.saver.discard(garbage);
        self.store = store;
        if derived_for != *view {
            self.rebuild_lists(view);
        }
        Ok(())
    }

    /// The lists built again for `view` from the book as it is (the
    /// suggestions, which depend on the book only, are kept).
    pub(crate) fn rebuild_lists(&mut self, view: &ViewSettings) {
        let intros = std::mem::take(&mut self.lists.intros);
        let asks = std::mem::take(&mut self.lists.asks);
        self.lists = Lists::build(&self.sources(), view.sort, view.weight.clone(), view.who);
        self.lists.intros = intros;
        self.lists.asks = asks;
    }

    /// The Timeline's list filtered again for `view`.
    pub(crate) fn filter_timeline(&mut self, view: &ViewSettings) {
        let mut lists = std::mem::take(&mut self.lists);
        lists.filter_timeline(&self.sources(), view.weight.clone(), view.who);
        self.lists = lists;
    }

    /// The People list in `sort`.
    pub(crate) fn sort_people(&mut self, sort: crate::tui::panes::lists::Sort) {
        let mut lists = std::mem::take(&mut self.lists);
        lists.sort_people(&self.sources(), sort);
        self.lists = lists;
    }

    /// A change of kind `change` is on disk; `inverse` takes it back. A new
    /// change clears what could be redone.
    fn record(&mut self, change: Change, inverse: Op, what: &str) {
        let done = Done {
            op: inverse,
            what: what.to_string(),
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
    }

    /// Saves on a thread of their own from now on, so the screen never waits
    /// for the disk (the terminal app does this; tests may keep saves inline,
    /// each done when the call that sent it returns).
    pub fn save_in_background(&mut self) -> std::io::Result<()> {
        let saver = std::mem::replace(&mut self.saver, Saver::Stopped);
        self.saver = saver.into_thread()?;
        Ok(())
    }

    /// The user said yes to a new book where the file vanished: the next
    /// change creates it, holding the book as kith last read it.
    pub(crate) fn recreate(&mut self) {
        self.store.recreate();
        self.saver.recreate();
        self.vanished = false;
    }
}

#[cfg(test)]
mod tests;
