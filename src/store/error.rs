//! What can go wrong with the book's file, and how each failure reads.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::OpError;

use super::LOCK_WAIT;
use super::survey::{Backup, Traces, listing};

pub use crate::ron_text::ParseError;

/// Everything wrong with a file that parses but is not a valid book (duplicate
/// ids, dangling references, …), one problem a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<ParseError>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The file parses, but does not hold a valid book.
    #[error("{0}")]
    Invalid(Problems),
    #[error(
        "{}: written by a newer kith (format version {found}; this kith reads up to {supported}); refusing to read or change it",
        path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: another kith is saving this book (lock {} held for over {}s); nothing was written", path.display(), lock.display(), LOCK_WAIT.as_secs())]
    Busy { path: PathBuf, lock: PathBuf },
    /// The book was loaded from a file that is no longer there. Nothing is
    /// written until the caller says a new file is wanted ([`super::Store::recreate`]).
    #[error(
        "{}: the book is gone (deleted or moved since it was read); nothing was written",
        path.display()
    )]
    Vanished { path: PathBuf },
    /// A symbolic link to a file that does not exist.
    #[error("{}: a link to {}, which does not exist; nothing was read or written", path.display(), target.display())]
    DanglingLink { path: PathBuf, target: PathBuf },
    /// The book's file is not writable by its owner (e.g. mode 0444).
    #[error("{}: the book is read-only; make it writable (chmod u+w) to change it; nothing was written", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Op(#[from] OpError),
    /// No book at the path, but backups, the lock's record of ids or merged
    /// conflict copies show one was there: never taken for a new, empty book.
    #[error("{}", missing_message(path, traces))]
    Missing { path: PathBuf, traces: Traces },
    /// The file does not parse and looks cut short (a partial write).
    #[error("{}", cut_short_message(error, *len, backups))]
    CutShort {
        error: ParseError,
        len: usize,
        backups: Vec<Backup>,
    },
    /// A link (or a FIFO, a folder…) at one of kith's own names beside the
    /// book, where kith would write: refused, never written through.
    #[error(
        "{}: {what} at a name kith keeps for its own file; refused — kith never writes through a link, nor into anything but a file of its own — and nothing was written (remove it, then try again)",
        path.display()
    )]
    NotOurs { path: PathBuf, what: String },
    #[error("{}: there is no backup {number} to restore\n{listing}", path.display())]
    NoSuchBackup {
        path: PathBuf,
        number: usize,
        listing: String,
    },
    #[error("{}: a file is already there; nothing was written", path.display())]
    Exists { path: PathBuf },
}

fn missing_message(path: &Path, traces: &Traces) -> String {
    let mut text = format!(
        "{}: the book is missing, but one was here; nothing was read or written, and no backup was turned over",
        path.display()
    );
    if !traces.backups.is_empty() {
        text.push_str("\nbackups beside it, newest first:\n");
        text.push_str(&listing(&traces.backups));
    }
    match traces.best() {
        Some(best) => text.push_str(&format!(
            "\n`kith restore {}` brings back {} (`kith restore` lists them); if you moved the book, move it back or point --file at it",
            best.number,
            best.name()
        )),
        None => {
            let why = match (&traces.lock, &traces.merged) {
                _ if !traces.backups.is_empty() => "no backup reads cleanly".to_string(),
                (Some(lock), _) => format!("{} records ids a save handed out", lock.display()),
                (None, Some(merged)) => format!("{} holds conflict copies kith sync merged", merged.display()),
                (None, None) => "something kith wrote is beside it".to_string(),
            };
            text.push_str(&format!(
                "\n{why}: if you moved the book, move it back or point --file at it; to start a new, empty book here instead: `kith restore --empty`"
            ));
        }
    }
    text
}

fn cut_short_message(error: &ParseError, len: usize, backups: &[Backup]) -> String {
    let mut text = format!(
        "{error}\nthe file looks cut short ({}: a partial write by a sync tool, or a full disk); it is left as it is",
        crate::text::count(len, "byte", "bytes")
    );
    match backups.iter().find(|b| b.intact()) {
        Some(best) => text.push_str(&format!(
            "\n{} is intact: `kith restore {}` puts it back as the book (the cut file is kept beside it)\n{}",
            best.name(),
            best.number,
            listing(backups)
        )),
        None if backups.is_empty() => text.push_str("\nthere is no backup beside it"),
        None => {
            text.push_str("\nno backup beside it reads cleanly:\n");
            text.push_str(&listing(backups));
        }
    }
    text
}

impl StoreError {
    /// The CLI's exit code: 2 for bad input or an unreadable file, else 1.
    pub fn exit_code(&self) -> i32 {
        match self {
            StoreError::Parse(_)
            | StoreError::Invalid(_)
            | StoreError::NewerVersion { .. }
            | StoreError::Op(_)
            | StoreError::Missing { .. }
            | StoreError::CutShort { .. }
            | StoreError::NotOurs { .. }
            | StoreError::NoSuchBackup { .. }
            | StoreError::Exists { .. } => 2,
            StoreError::Busy { .. }
            | StoreError::Io { .. }
            | StoreError::Vanished { .. }
            | StoreError::DanglingLink { .. }
            | StoreError::ReadOnly { .. } => 1,
        }
    }

    pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
        move |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
