//! Saving off the input thread, so a heavy book never freezes the screen.
//!
//! A change is a [`Job`] for the [`Worker`], which owns the disk side and its
//! own book in memory: it takes the store's lock, reloads if another process
//! changed the file, applies the operation, saves atomically, and then derives
//! what the views read (index, names, lists). The [`JobOutcome`] comes back whole:
//! the operation that was applied (the app applies it to its book, which is
//! cheap) or, after a reload, the whole book; and the derived state, which the
//! app swaps in. Only then does it say "saved" — "saved" still means on disk.
//!
//! Two books in memory, so that no save clones or frees a whole book: on a heavy book
//! (100,000 entries) either takes ~100 ms. What the app lets go of is freed
//! here too ([`Saver::discard`]).
//!
//! [`Saver`] is the transport: a thread for the real app, or the same worker run
//! inline, for tests that want each change finished when `update` returns.

use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use crate::capture::Names;
use crate::config::Config;
use crate::model::{Book, Index, Kinds, Op, OpError};
use crate::store::{Applied, Store, StoreError};
use crate::sync::conflicts::{Synced, sync_copies};

use crate::tui::panes::lists::{Lists, Sources};
use crate::tui::panes::view::ViewSettings;

/// Builds the operation from the freshest book (under the store's lock).
pub type MakeOp = Box<dyn FnOnce(&Book) -> Result<Op, OpError> + Send>;

/// What the worker is asked to do.
pub enum Job {
    /// Apply an operation and save.
    Apply { make: MakeOp, view: ViewSettings },
    /// Merge the conflict copies at `paths` into the book, save, and put
    /// them away (see [`sync_copies`]).
    Sync {
        paths: Vec<PathBuf>,
        view: ViewSettings,
    },
    /// Read the file again (another process changed it).
    Reload { view: ViewSettings },
    /// Derive the views again from the book as it is (no file read).
    Derive { view: ViewSettings },
    /// Free what the app let go of (see [`Saver::discard`]).
    Discard(Vec<Box<dyn Send>>),
    /// The user said yes to a new file where the book vanished: the next
    /// change creates it (see [`Store::recreate`]).
    Recreate,
}

/// How the app's book becomes the worker's.
#[allow(clippy::large_enum_variant, reason = "one per save, moved once")]
pub enum Handover {
    /// Apply this operation (the books were the same before it).
    Apply(Op),
    /// Take this book (the file was read again).
    Replace(Box<Book>),
}

/// The book (as a [`Handover`]) and everything the views derive from it.
pub struct Derived {
    pub handover: Handover,
    pub index: Index,
    pub names: Names,
    pub lists: Lists,
    /// The lists were built for this view.
    pub view: ViewSettings,
    /// The store as it last saw the file (so the app does not take its own
    /// save for another process's change).
    pub store: Store,
}

/// What the derived facts depend on besides the book.
#[derive(Clone)]
pub struct Context {
    pub config: Config,
    pub kinds: Kinds,
    pub today: NaiveDate,
}

/// What the views read, derived from a book: its index, names and lists.
pub type Views = (Index, Names, Lists);

/// What a change run through the store gives back: the change, the merge of
/// conflict copies it was, and the views, if it derived them.
type Ran = Result<(Applied, Option<Box<Synced>>, Option<Views>), StoreError>;

/// The index, names and lists of `book`.
pub fn derive(book: &Book, ctx: &Context, view: &ViewSettings) -> Views {
    let index = Index::build(book, &ctx.kinds);
    let names = Names::new(book);
    let sources = Sources {
        book,
        index: &index,
        config: &ctx.config,
        kinds: &ctx.kinds,
        today: ctx.today,
    };
    let mut lists = Lists::build(&sources, view.sort, view.weight.clone(), view.who);
    if view.intros {
        (lists.intros, lists.asks) = crate::tui::panes::intros::derive(book, &index, ctx);
    }
    (index, names, lists)
}

/// How a job ended.
#[allow(
    clippy::large_enum_variant,
    reason = "one outcome per save, moved once: boxing would buy nothing"
)]
pub enum JobOutcome {
    /// The change is on disk.
    Saved {
        inverse: Op,
        /// What the user did not see coming (see [`Op::surprises`]).
        surprises: Vec<String>,
        derived: Box<Derived>,
        /// A merge of conflict copies: what it did, copy by copy.
        synced: Option<Box<Synced>>,
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
    /// The job panicked (a bug): nothing was written, and the worker reads
    /// the file afresh for the next job.
    Panicked(String),
}

/// The saver thread's name (the TUI's panic hook leaves its panics alone:
/// they are caught and reported in the status line).
pub const THREAD: &str = "kith-saver";

/// The disk side: the store and its own book, read on first use (on
/// the worker's thread, so the app's first frame does not wait for it).
pub struct Worker {
    store: Store,
    book: Option<Book>,
    /// The store as the app's book was read: the worker's own reading of the
    /// file may be newer.
    app_saw: Store,
    ctx: Context,
}

impl Worker {
    /// A worker for the book the app read through `store`.
    pub fn new(store: Store, ctx: Context) -> Worker {
        Worker {
            app_saw: store.clone(),
            store,
            book: None,
            ctx,
        }
    }

    /// Reads its book, if it has none yet.
    pub fn load(&mut self) -> Result<(), StoreError> {
        if self.book.is_none() {
            self.book = Some(self.store.reload()?);
        }
        Ok(())
    }

    /// Carries out a job; every job but `Discard` has an outcome.
    pub fn run(&mut self, job: Job) -> Option<JobOutcome> {
        Some(match job {
            Job::Apply { make, view } => self.apply(make, view),
            Job::Sync { paths, view } => self.sync(paths, view),
            Job::Reload { view } => match self.store.reload() {
                Ok(book) => {
                    self.book = Some(book);
                    JobOutcome::Reloaded(self.derive(None, view))
                }
                Err(e) => JobOutcome::NotReloaded(e),
            },
            // Derived state again from the same book (the view changed).
            Job::Derive { view } => match self.load() {
                // Loaded just now, the worker's book is the file's: the app
                // takes it whole.
                Ok(()) if self.store != self.app_saw => {
                    JobOutcome::Reloaded(self.derive(None, view))
                }
                Ok(()) => JobOutcome::Reloaded(self.derive(Some(Op::Batch(Vec::new())), view)),
                Err(e) => JobOutcome::NotReloaded(e),
            },
            Job::Discard(garbage) => {
                drop(garbage);
                return None;
            }
            Job::Recreate => {
                self.store.recreate();
                return None;
            }
        })
    }

    /// [`Worker::run`], with a panic caught and turned into an outcome. The
    /// worker's book may be half-changed, so it is dropped and read again
    /// from the file (which atomic saves never leave half-written).
    pub fn run_caught(&mut self, job: Job) -> Option<JobOutcome> {
        let answers = !matches!(job, Job::Discard(_) | Job::Recreate);
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run(job)));
        run.unwrap_or_else(|payload| {
            self.book = None;
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            answers.then_some(JobOutcome::Panicked(what))
        })
    }

    /// The views are derived from the changed book while the save syncs it
    /// to disk (see [`Store::update_beside`]): on a heavy book each takes
    /// tens of milliseconds, and "saved" waits for both.
    fn apply(&mut self, make: MakeOp, view: ViewSettings) -> JobOutcome {
        let views = view.clone();
        self.save(view, |store, book, ctx| {
            let beside = Some(|book: &Book| derive(book, ctx, &views));
            let (applied, views) = store.update_beside(book, |fresh, _| make(fresh), beside)?;
            Ok((applied, None, views))
        })
    }

    /// Merges the conflict copies at `paths` (see [`sync_copies`]), here on
    /// the worker's thread: reading and merging whole books never holds up
    /// the keys.
    fn sync(&mut self, paths: Vec<PathBuf>, view: ViewSettings) -> JobOutcome {
        self.save(view, |store, book, _| {
            let mut synced = sync_copies(store, book, &paths)?;
            match synced.applied.take() {
                Some(applied) => Ok((applied, Some(Box::new(synced)), None)),
                // No copy read: the first reason why.
                None => {
                    Err(synced
                        .unreadable
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| StoreError::Io {
                            path: store.path().to_path_buf(),
                            source: std::io::Error::other("no conflict copies to merge"),
                        }))
                }
            }
        })
    }

    /// Runs a change through the store on the worker's book, and
    /// what the app takes in after it (`run` may have derived the views of
    /// the changed book already).
    fn save(
        &mut self,
        view: ViewSettings,
        run: impl FnOnce(&mut Store, &mut Book, &Context) -> Ran,
    ) -> JobOutcome {
        if let Err(error) = self.load() {
            return JobOutcome::Failed {
                error,
                derived: None,
            };
        }
        // The app's book is the worker's, unless the worker read the file
        // since the app's book was read (then the app needs the whole book).
        let same_before = self.store == self.app_saw;
        let before = self.store.clone();
        let book = self.book.as_mut().expect("loaded above");
        let result = run(&mut self.store, book, &self.ctx);
        let reloaded = match &result {
            Ok((applied, ..)) => applied.reloaded,
            // Only a reload changes the store when nothing was saved.
            Err(_) => self.store != before,
        };
        let same = same_before && !reloaded;
        match result {
            Ok((applied, synced, views)) => JobOutcome::Saved {
                surprises: applied.op.surprises(&applied.inverse),
                inverse: applied.inverse,
                derived: self.derive_from(same.then_some(applied.op), view, views),
                synced,
            },
            Err(error) => JobOutcome::Failed {
                error,
                derived: (!same).then(|| self.derive(None, view)),
            },
        }
    }

    /// What the app takes in: `op` when its book only needs that operation,
    /// else (`None`) a copy of the whole book.
    fn derive(&mut self, op: Option<Op>, view: ViewSettings) -> Box<Derived> {
        self.derive_from(op, view, None)
    }

    /// [`Worker::derive`], with the views already derived from the book as
    /// it is, if they were.
    fn derive_from(
        &mut self,
        op: Option<Op>,
        view: ViewSettings,
        views: Option<Views>,
    ) -> Box<Derived> {
        let book = self
            .book
            .as_ref()
            .expect("a worker derives from a loaded book");
        let (index, names, lists) = views.unwrap_or_else(|| derive(book, &self.ctx, &view));
        let handover = match op {
            Some(op) => Handover::Apply(op),
            None => Handover::Replace(Box::new(book.clone())),
        };
        self.app_saw = self.store.clone();
        Box::new(Derived {
            handover,
            index,
            names,
            lists,
            view,
            store: self.store.clone(),
        })
    }
}

/// Runs jobs on a thread of their own, or inline.
#[allow(clippy::large_enum_variant, reason = "one saver per app")]
pub enum Saver {
    Inline {
        worker: Box<Worker>,
        outcome: Option<JobOutcome>,
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
            .name(THREAD.into())
            .spawn(move || {
                // Read the worker's book now, while the app draws its first
                // frame; a failure shows at the first save.
                let _ = worker.load();
                for job in job_rx {
                    if let Some(outcome) = worker.run_caught(job)
                        && outcome_tx.send(outcome).is_err()
                    {
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
                *outcome = worker.run_caught(job);
                true
            }
            Saver::Thread(b) => b.jobs.as_ref().is_some_and(|j| j.send(job).is_ok()),
            Saver::Stopped => false,
        }
    }

    /// Frees `garbage` off this thread: freeing a heavy book (100,000
    /// entries, allocated on the saver's thread) takes ~90 ms, longer than a
    /// frame may wait. Inline it is simply dropped.
    /// Lets the next change create the book's file afresh (after the user
    /// agreed to, when it vanished). Jobs run in order, so it comes first.
    pub fn recreate(&mut self) {
        match self {
            Saver::Inline { worker, .. } => {
                worker.run(Job::Recreate);
            }
            Saver::Thread(b) => {
                if let Some(jobs) = &b.jobs {
                    let _ = jobs.send(Job::Recreate);
                }
            }
            Saver::Stopped => {}
        }
    }

    pub fn discard(&mut self, garbage: Vec<Box<dyn Send>>) {
        if let Saver::Thread(b) = self
            && let Some(jobs) = &b.jobs
        {
            let _ = jobs.send(Job::Discard(garbage));
        }
    }

    /// The outcome of the job in flight: `Ok(None)` while it runs (never
    /// blocks); `Err(Stopped)` when the thread died and will not answer.
    pub fn try_recv(&mut self) -> Result<Option<JobOutcome>, Stopped> {
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
    pub fn recv(&mut self) -> Result<Option<JobOutcome>, Stopped> {
        match self {
            Saver::Inline { outcome, .. } => Ok(outcome.take()),
            Saver::Thread(b) => match b.outcomes.recv() {
                Ok(outcome) => Ok(Some(outcome)),
                Err(_) => self.stop(),
            },
            Saver::Stopped => Err(Stopped),
        }
    }

    fn stop(&mut self) -> Result<Option<JobOutcome>, Stopped> {
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
    outcomes: Receiver<JobOutcome>,
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
