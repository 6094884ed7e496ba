//! Saving off the input thread, so a heavy book never freezes the screen.
//!
//! A change is a [`Job`] for the [`Worker`], which owns the disk side: it takes
//! the store's lock, reloads if another process changed the file, applies the
//! operation to a copy of the book, saves it atomically, and then derives what
//! the views read (index, names, lists) from the new book. The [`Outcome`]
//! comes back whole; the app swaps it in (a few pointer moves) and only then
//! says "saved" — so "saved" still means "on disk".
//!
//! [`Saver`] is the transport: a thread for the real app, or the same worker run
//! inline, for tests that want each change finished when `update` returns.

use chrono::NaiveDate;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use crate::capture::Names;
use crate::config::Config;
use crate::model::{Book, Index, Kinds, Op, OpError, PersonId};
use crate::store::{Store, StoreError};

use super::lists::{Lists, Sort, Sources, WeightFilter};

/// Builds the operation from the freshest book (under the store's lock).
pub type MakeOp = Box<dyn FnOnce(&Book) -> Result<Op, OpError> + Send>;

/// What the worker is asked to do.
pub enum Job {
    /// Apply an operation and save.
    Apply { make: MakeOp, view: View },
    /// Read the file again (another process changed it).
    Reload { view: View },
}

/// The view settings the lists are derived with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub sort: Sort,
    pub weight: WeightFilter,
    pub who: Option<PersonId>,
}

/// A book and everything the views derive from it.
pub struct Derived {
    pub book: Arc<Book>,
    pub index: Index,
    pub names: Names,
    pub lists: Lists,
    /// The lists were built for this view.
    pub view: View,
    /// The store as it last saw the file (so the app does not take its own
    /// save for another process's change).
    pub store: Store,
}

impl Derived {
    pub fn build(book: Arc<Book>, store: Store, ctx: &Context, view: View) -> Derived {
        let index = Index::build(&book, &ctx.kinds);
        let names = Names::new(&book);
        let sources = Sources {
            book: &book,
            index: &index,
            config: &ctx.config,
            kinds: &ctx.kinds,
            today: ctx.today,
        };
        let lists = Lists::build(&sources, view.sort, view.weight.clone(), view.who);
        Derived {
            book,
            index,
            names,
            lists,
            view,
            store,
        }
    }
}

/// What the derived facts depend on besides the book.
#[derive(Clone)]
pub struct Context {
    pub config: Config,
    pub kinds: Kinds,
    pub today: NaiveDate,
}

/// How a job ended.
#[allow(
    clippy::large_enum_variant,
    reason = "one outcome per save, moved once: boxing would buy nothing"
)]
pub enum Outcome {
    /// The change is on disk.
    Saved {
        inverse: Op,
        derived: Box<Derived>,
    },
    /// Nothing was written. `derived` is the book on disk when it had changed
    /// (and was reloaded) before the change failed.
    Failed {
        error: StoreError,
        derived: Option<Box<Derived>>,
    },
    Reloaded(Box<Derived>),
    /// The file no longer reads; the book in memory stays as it was.
    NotReloaded(StoreError),
}

/// The disk side: the store and the book as last saved or loaded.
pub struct Worker {
    store: Store,
    book: Arc<Book>,
    ctx: Context,
}

impl Worker {
    pub fn new(store: Store, book: Arc<Book>, ctx: Context) -> Worker {
        Worker { store, book, ctx }
    }

    pub fn run(&mut self, job: Job) -> Outcome {
        match job {
            Job::Apply { make, view } => self.apply(make, view),
            Job::Reload { view } => match self.store.reload() {
                Ok(book) => {
                    self.book = Arc::new(book);
                    Outcome::Reloaded(self.derive(view))
                }
                Err(e) => Outcome::NotReloaded(e),
            },
        }
    }

    /// Changes a copy, so a failure leaves the shared book untouched.
    fn apply(&mut self, make: MakeOp, view: View) -> Outcome {
        let mut book = Book::clone(&self.book);
        let before = self.store.clone();
        match self.store.update(&mut book, make) {
            Ok(applied) => {
                self.book = Arc::new(book);
                Outcome::Saved {
                    inverse: applied.inverse,
                    derived: self.derive(view),
                }
            }
            Err(error) => {
                let reloaded = self.store != before;
                let derived = reloaded.then(|| {
                    self.book = Arc::new(book);
                    self.derive(view)
                });
                Outcome::Failed { error, derived }
            }
        }
    }

    fn derive(&self, view: View) -> Box<Derived> {
        let book = Arc::clone(&self.book);
        Box::new(Derived::build(book, self.store.clone(), &self.ctx, view))
    }
}

/// Runs jobs on a thread of their own, or inline.
#[allow(clippy::large_enum_variant, reason = "one saver per app")]
pub enum Saver {
    Inline {
        worker: Box<Worker>,
        outcome: Option<Outcome>,
    },
    Thread(Background),
    /// The saving thread is gone (it panicked); nothing more can be saved.
    Stopped,
}

impl Saver {
    pub fn inline(worker: Worker) -> Saver {
        Saver::Inline {
            worker: Box::new(worker),
            outcome: None,
        }
    }

    /// Moves an inline worker onto its own thread.
    pub fn into_thread(self) -> std::io::Result<Saver> {
        let Saver::Inline { mut worker, .. } = self else {
            return Ok(self);
        };
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (outcome_tx, outcomes) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("kith-saver".into())
            .spawn(move || {
                for job in job_rx {
                    if outcome_tx.send(worker.run(job)).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Saver::Thread(Background {
            jobs: Some(jobs),
            outcomes,
            thread: Some(thread),
        }))
    }

    /// Hands a job over. False when it cannot be taken (the thread is gone).
    pub fn send(&mut self, job: Job) -> bool {
        match self {
            Saver::Inline { worker, outcome } => {
                *outcome = Some(worker.run(job));
                true
            }
            Saver::Thread(b) => b.jobs.as_ref().is_some_and(|j| j.send(job).is_ok()),
            Saver::Stopped => false,
        }
    }

    /// The outcome of the job in flight: `Ok(None)` while it runs (never
    /// blocks); `Err(Stopped)` when the thread died and will not answer.
    pub fn try_recv(&mut self) -> Result<Option<Outcome>, Stopped> {
        match self {
            Saver::Inline { outcome, .. } => Ok(outcome.take()),
            Saver::Thread(b) => match b.outcomes.try_recv() {
                Ok(outcome) => Ok(Some(outcome)),
                Err(TryRecvError::Empty) => Ok(None),
                Err(TryRecvError::Disconnected) => self.stop(),
            },
            Saver::Stopped => Err(Stopped),
        }
    }

    /// The outcome of the job in flight, waiting for it.
    pub fn recv(&mut self) -> Result<Option<Outcome>, Stopped> {
        match self {
            Saver::Inline { outcome, .. } => Ok(outcome.take()),
            Saver::Thread(b) => match b.outcomes.recv() {
                Ok(outcome) => Ok(Some(outcome)),
                Err(_) => self.stop(),
            },
            Saver::Stopped => Err(Stopped),
        }
    }

    fn stop(&mut self) -> Result<Option<Outcome>, Stopped> {
        *self = Saver::Stopped;
        Err(Stopped)
    }
}

/// The saving thread stopped (it panicked) and will never answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

/// The saving thread and its two channels.
pub struct Background {
    jobs: Option<Sender<Job>>,
    outcomes: Receiver<Outcome>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Background {
    /// Lets a save in flight finish before the process goes on (to exit).
    fn drop(&mut self) {
        self.jobs.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
