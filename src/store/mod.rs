//! The one place that touches the book's file: load, atomic save with rolling
//! backups, and the lock that lets many processes write one at a time without
//! losing anything.
//!
//! Every change goes through [`Store::update`]: *lock → if the file changed since
//! we loaded it, reload → apply the operation → check the book → atomic save →
//! unlock*. A symlinked book is written through its link (see [`disk`]).

use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::model::{Book, Op};

mod adding;
#[cfg(test)]
#[path = "tests/adding.rs"]
mod adding_tests;
mod checked;
mod conflict_copies;
mod disk;
mod error;
mod fast_read;
#[cfg(test)]
#[path = "tests/fast.rs"]
mod fast_tests;
mod fast_write;
mod layout;
mod lock;
mod names;
mod names_only;
mod pieces;
#[cfg(test)]
#[path = "tests/pieces.rs"]
mod pieces_tests;
mod private;
mod put_away;
mod read;
mod splice;
#[cfg(test)]
#[path = "tests/splice.rs"]
mod splice_tests;
mod survey;
#[cfg(test)]
#[path = "tests/safety.rs"]
mod tests_safety;
mod undo;
mod update;

use update::{backup_marks, marks_of};
pub mod validate;
pub mod vdir_state;

pub use adding::Adding;
pub use conflict_copies::{conflict_copies, is_conflict_copy};
pub use disk::{backup_paths, dangling_target, follow_link};
pub use error::{ParseError, Problems, StoreError};
pub use names::{
    IGNORE_PATTERN, backup_path, is_kith_file, lock_path, merged_dir, prev_path, temp_path,
};
pub use names_only::{NamesKept, NamesOnly};
pub use private::{PRIVATE_DIR, make_private_dir, write_own, write_private};
pub use put_away::{PutAway, parse_copy, put_away, read_copy, read_copy_bytes};
pub use read::{Loaded, load_book, parse_book, read_book_file, read_book_with_ron};
pub use survey::{
    Backup, Holds, Restored, Traces, backups, cut_short, restore, start_empty, traces, when,
};

use lock::{IdMarks, Lock};

/// The hand-written reader and writer behind [`parse_book`] and
/// [`serialize_book`], public so tests and benchmarks can hold them against
/// ron, and the splice a save writes with (the book after an operation, over
/// the text from before it).
pub mod fast {
    pub use super::fast_read::read_book as read;
    pub use super::fast_read::record_id;
    pub use super::fast_write::book_text as write;
    pub use super::splice::{Spliced, over as splice};
}

/// How many rolling backups (`.kith.ron.kith-1` newest … `-3` oldest) a save keeps.
pub const BACKUPS: usize = 3;
/// How long a writer waits for the lock before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);

/// What identifies one version of the file on disk, cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        fs::metadata(path).ok().map(|meta| Stamp::from_meta(&meta))
    }

    fn from_meta(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        }
    }
}

/// The book's file as of one version (see [`Store::seen_file`]).
#[derive(Debug, Clone)]
pub struct SeenFile {
    target: PathBuf,
    seen: Stamp,
}

impl SeenFile {
    /// The file's text, if it is still that version and UTF-8.
    pub fn text(&self) -> Option<String> {
        splice::old_text(&self.target, Some(self.seen))
    }
}

/// The result of a change that landed on disk.
#[derive(Debug)]
pub struct Applied {
    /// The operation that was applied (built from the freshest book).
    pub op: Op,
    /// The operation that undoes the change.
    pub inverse: Op,
    /// The file had been changed by another process and was reloaded first.
    pub reloaded: bool,
}

/// The book's file, and what this process last saw of it. Two stores are
/// equal when they point at the same file and last saw the same version of it.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    today: NaiveDate,
    seen: Option<Stamp>,
    /// A book was read from (or written to) the file: if it goes missing, it
    /// was deleted or moved, and is not silently started afresh.
    expect_file: bool,
    /// The user said a new file is wanted where the book went missing
    /// ([`Store::recreate`]): its backups do not stop the next save.
    fresh_ok: bool,
    /// The highest id counters this process has seen, in any version of the
    /// file: a file rolled back to an older copy does not hand them out again.
    marks: IdMarks,
    warnings: Vec<String>,
    /// Each change's inverse is kept beside the book for `kith undo`
    /// ([`Store::remember_undo`]).
    remember: bool,
    /// The file's text as of `seen`, held for the next save to splice over
    /// ([`Store::hold_seen_text`]).
    held: Option<Held>,
}

/// A version of the file's text, and which version it is.
#[derive(Clone)]
struct Held {
    seen: Stamp,
    text: String,
}

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Held({} bytes of {:?})", self.text.len(), self.seen)
    }
}

impl PartialEq for Store {
    fn eq(&self, other: &Store) -> bool {
        self.path == other.path && self.seen == other.seen && self.expect_file == other.expect_file
    }
}

impl Eq for Store {}

impl Store {
    /// Opens the book at `path`. A missing file is an empty book, unless
    /// backups or other traces show a book was there ([`StoreError::Missing`]);
    /// a link to a missing file is an error, and a file cut short names the
    /// backup that is intact ([`StoreError::CutShort`]). Dates are not shifted: a book that still has
    /// the demo's anchor is shifted once, by its first save
    /// ([`Book::settle_anchor`]).
    pub fn open(path: impl Into<PathBuf>, today: NaiveDate) -> Result<(Store, Book), StoreError> {
        let mut store = Store::at(path.into(), today, None, false);
        let book = store.reload()?;
        Ok((store, book))
    }

    /// A store for a book that could not be read (missing, or cut short)
    /// while the user is asked what to do: it writes nothing — a change is
    /// refused (the file is gone, or is read again and fails) — until the
    /// book is opened again.
    pub fn held(path: impl Into<PathBuf>, today: NaiveDate) -> Store {
        Store::at(path.into(), today, None, true)
    }

    /// A store for `path` that has seen the version `seen` of it (and so
    /// expects a file there when `expect_file`), nothing else remembered.
    fn at(path: PathBuf, today: NaiveDate, seen: Option<Stamp>, expect_file: bool) -> Store {
        Store {
            path,
            today,
            seen,
            expect_file,
            fresh_ok: false,
            marks: IdMarks::default(),
            warnings: Vec::new(),
            remember: false,
            held: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the last read found worth telling the user though it is no error
    /// (`file:line:col: …`): hand-written comments, which a save drops. The
    /// CLI prints them on stderr; the TUI can show them in its status line.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The sync tools' conflict copies beside the book's real file (Syncthing's
    /// `kith.sync-conflict-…`, Dropbox's and Nextcloud's `kith (… conflicted
    /// copy …)`; see [`conflict_copies`]), sorted: `kith sync` merges them.
    /// Reads the directory on every call, so a copy that arrives while the
    /// book is open is seen the next time this is asked.
    pub fn conflict_copies(&self) -> Vec<PathBuf> {
        disk::follow_link(&self.path)
            .map(|target| conflict_copies::conflict_copies(&target))
            .unwrap_or_default()
    }

    /// True when the file on disk is not the version this process last loaded
    /// or saved. Only reads metadata.
    pub fn changed_on_disk(&self) -> bool {
        Stamp::of(&self.path) != self.seen
    }

    /// Whether a book was read from or saved to the file, so that the file's
    /// disappearing means it was deleted ([`StoreError::Vanished`]).
    pub fn expects_file(&self) -> bool {
        self.expect_file
    }

    /// Reads the file again. A file that was there and is gone is
    /// [`StoreError::Vanished`], not an empty book.
    pub fn reload(&mut self) -> Result<Book, StoreError> {
        self.held = None;
        let stamp = Stamp::of(&self.path);
        let book = match fs::File::open(&self.path) {
            Ok(mut file) => {
                let loaded = match read::load_file(&self.path, &mut file).map_err(|e| *e) {
                    Ok(loaded) => loaded,
                    Err(read::Unread {
                        error: StoreError::Parse(error),
                        bytes,
                    }) if survey::cut_short(&bytes, &error) => {
                        let backups = disk::follow_link(&self.path)
                            .map(|target| survey::backups(&target))
                            .unwrap_or_default();
                        return Err(StoreError::CutShort {
                            error,
                            len: bytes.len(),
                            backups,
                        });
                    }
                    Err(unread) => return Err(unread.error),
                };
                if let Err(e) = loaded.book.can_shift_to(self.today) {
                    let bytes = fs::read(&self.path).unwrap_or_default();
                    return Err(
                        read::field_error(&self.path, &bytes, "anchor", e.to_string()).into(),
                    );
                }
                self.warnings = loaded.warnings;
                self.expect_file = true;
                loaded.book
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if self.expect_file {
                    return Err(self.vanished());
                }
                if !self.fresh_ok {
                    self.refuse_if_missing()?;
                }
                if let Some(target) = disk::dangling_target(&self.path) {
                    return Err(StoreError::DanglingLink {
                        path: self.path.clone(),
                        target,
                    });
                }
                self.warnings.clear();
                Book::default()
            }
            Err(e) => return Err(StoreError::io(&self.path)(e)),
        };
        self.marks = self.marks.max(marks_of(&book));
        self.seen = stamp;
        Ok(book)
    }

    /// After [`StoreError::Vanished`], and only once the user has said a new
    /// file is wanted: the next [`Store::update`] creates the file afresh from
    /// the book it is given (and `reload` reads a missing file as an empty
    /// book again). Ids already handed out are still never reused.
    pub fn recreate(&mut self) {
        self.expect_file = false;
        self.fresh_ok = true;
        self.seen = None;
    }

    /// [`StoreError::Missing`] when no book is at the path but traces beside
    /// where it would be show one was.
    fn refuse_if_missing(&self) -> Result<(), StoreError> {
        let target = target_of_even_dangling(&self.path)?;
        match survey::traces(&target) {
            Some(traces) => Err(StoreError::Missing {
                path: self.path.clone(),
                traces,
            }),
            None => Ok(()),
        }
    }

    /// The book's file as it is on disk, when it is still the version this
    /// store last read or saved (so the book in hand was read from exactly
    /// this text, or saved as it): what `sync` compares a conflict copy
    /// with, line by line. `None` when it changed, or is not UTF-8.
    pub fn seen_text(&self) -> Option<String> {
        splice::old_text(&disk::follow_link(&self.path).ok()?, self.seen)
    }

    /// [`Store::seen_text`], held for the next save to splice over instead
    /// of reading the file again: what `sync` compares a conflict copy with
    /// is the text its save writes over. Let go by that save, by a reload,
    /// or by [`Store::let_go`]; a save after the file changed reads it anew.
    pub fn hold_seen_text(&mut self) -> Option<&str> {
        let text = self.seen_text()?;
        let seen = self.seen?;
        Some(&self.held.insert(Held { seen, text }).text)
    }

    /// Lets go of the text [`Store::hold_seen_text`] held.
    pub fn let_go(&mut self) {
        self.held = None;
    }

    /// [`Store::seen_text`] for later: a handle that reads the file's text
    /// then, if it is still the version this store has now (inside
    /// [`Store::update_as_read`], when the book there is the one read).
    pub fn seen_file(&self) -> Option<SeenFile> {
        Some(SeenFile {
            target: disk::follow_link(&self.path).ok()?,
            seen: self.seen?,
        })
    }

    /// The file to write: the path with its links followed, its directory made.
    fn target(&self) -> Result<PathBuf, StoreError> {
        target_of(&self.path)
    }

    #[cfg(test)]
    fn lock(&self) -> Result<Lock, StoreError> {
        Lock::take(&self.path, &self.target()?)
    }

    fn vanished(&self) -> StoreError {
        StoreError::Vanished {
            path: self.path.clone(),
        }
    }
}

fn target_of(path: &Path) -> Result<PathBuf, StoreError> {
    if let Some(dir) = parent_dir(path) {
        fs::create_dir_all(dir).map_err(StoreError::io(dir))?;
    }
    disk::follow_link(path)
}

pub use crate::ron_text::ron_options;

/// The file's text: one person or entry a line, in id order. Written by hand,
/// byte for byte what [`serialize_book_with_ron`] writes.
pub fn serialize_book(book: &Book) -> String {
    fast_write::book_text(book)
}

/// ron's writing of the file: the reference the fast writer is held to.
pub fn serialize_book_with_ron(book: &Book) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .struct_names(false)
        .indentor("  ");
    let mut text = ron_options()
        .to_string_pretty(book, pretty)
        .expect("a book always serialises");
    text.push('\n');
    text
}

/// Writes `book` to `path` as one save does (lock, private temp file, fsync,
/// rename, then the backups turn over), for a book not read through a
/// [`Store`]: the demo, a generated book. Refuses a book kith would not read.
pub fn write_book(path: &Path, book: &Book) -> Result<(), StoreError> {
    let text = checked_text(path, book)?;
    let target = target_of(path)?;
    let _lock = Lock::take(path, &target)?;
    if fs::symlink_metadata(&target).is_err()
        && let Some(traces) = survey::traces(&target)
    {
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
            traces,
        });
    }
    disk::save(&target, text.as_bytes())
}

/// Writes `book` over the file at `path` as a save does (private temp file
/// beside it, fsync, rename; the file's mode kept) but takes no lock and keeps
/// no backups: for a file that is nobody's book between runs, like the temp
/// file git hands a merge driver (`.merge_file_AbC123`), beside which a lock
/// file and `.1` backups would be litter in the work tree. Refuses a book
/// kith would not read.
pub fn write_book_once(path: &Path, book: &Book) -> Result<(), StoreError> {
    let text = checked_text(path, book)?;
    disk::save_with(&target_of(path)?, &[text.as_bytes()], false)
}

/// The book's text, unless it is a book kith would refuse to read.
fn checked_text(path: &Path, book: &Book) -> Result<String, StoreError> {
    let text = serialize_book(book);
    let found = validate::problems(book);
    if !found.is_empty() {
        return Err(StoreError::Invalid(Problems(validate::positioned(
            path,
            text.as_bytes(),
            &found,
        ))));
    }
    Ok(text)
}

/// The file `path` names, links followed; for a link to nothing, the file
/// the link names (where `kith restore` puts a book back, and beside which
/// its backups are).
fn target_of_even_dangling(path: &Path) -> Result<PathBuf, StoreError> {
    match disk::follow_link(path) {
        Err(StoreError::DanglingLink { target, .. }) => {
            let target = match path.parent() {
                Some(dir) if target.is_relative() => dir.join(target),
                _ => target,
            };
            disk::follow_link(&target)
        }
        other => other,
    }
}

fn parent_dir(path: &Path) -> Option<&Path> {
    path.parent().filter(|p| !p.as_os_str().is_empty())
}

#[cfg(test)]
#[path = "tests/store.rs"]
mod tests;
