//! The lock that lets many processes write one book one at a time, and the
//! id high-water marks it carries: the lock file outlives any version of the
//! book (a `git checkout` of an older copy does not touch it), so ids handed
//! out once are never handed out again.
//!
//! The lock is `.NAME.kith-lock`. A kith from before that name locked
//! `NAME.lock`; where that file is still there, it is locked too (never
//! created), so such a kith — a TUI left open across an upgrade — and this one
//! still take turns, and the marks it recorded still count. It is left in
//! place: removing a lock file another process may have open would let two
//! processes each hold "the" lock.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::checked::Checked;
use super::disk::{
    PRIVATE, create_private, file_mode, kind_of, no_follow, not_ours, open_own, set_mode,
};
use super::names::{legacy_lock_path, lock_path};
use super::{LOCK_WAIT, StoreError};

/// The next person and entry ids, as far as anyone has seen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IdMarks {
    pub person: u32,
    pub entry: u32,
}

impl IdMarks {
    pub fn max(self, other: IdMarks) -> IdMarks {
        IdMarks {
            person: self.person.max(other.person),
            entry: self.entry.max(other.entry),
        }
    }
}

/// A held lock; dropping it unlocks.
pub struct Lock {
    file: File,
    /// An older kith's `NAME.lock`, held too while it is there.
    legacy: Option<File>,
}

impl Lock {
    /// Waits up to [`LOCK_WAIT`] for the lock beside `target` (and an older
    /// kith's, if there is one); `book` names the book in the error.
    pub fn take(book: &Path, target: &Path) -> Result<Lock, StoreError> {
        let deadline = Instant::now() + LOCK_WAIT;
        let path = lock_path(target);
        let file = open(&path)?;
        wait_for(&file, book, &path, deadline)?;
        let old = legacy_lock_path(target);
        // Read-only, never through a link, never blocking on a FIFO.
        let legacy = match open_own(&old) {
            Ok(legacy) => {
                wait_for(&legacy, book, &old, deadline)?;
                Some(legacy)
            }
            _ => None,
        };
        Ok(Lock { file, legacy })
    }

    /// The marks the last save recorded (none in an old or empty lock file),
    /// here or in an older kith's lock file.
    pub fn marks(&self) -> IdMarks {
        let mut marks = read_marks(&self.file);
        if let Some(legacy) = &self.legacy {
            marks = marks.max(read_marks(legacy));
        }
        marks
    }

    /// What the last save recorded it wrote (see [`Checked`]), if this
    /// kith recorded it.
    pub(super) fn checked(&self) -> Option<Checked> {
        Checked::from_record(&read_record(&self.file)?)
    }

    /// Records the marks for the next writer, and what the save wrote.
    /// Best effort: the book itself is already saved, and its counters are
    /// the marks' main record; a record lost only costs the next capture a
    /// whole read.
    pub(super) fn record(&mut self, marks: IdMarks, wrote: Option<Checked>) {
        let text = format!(
            "next_person_id {}\nnext_entry_id {}\n{}",
            marks.person,
            marks.entry,
            wrote.map(|c| c.line()).unwrap_or_default()
        );
        let _ = self
            .file
            .set_len(0)
            .and_then(|()| self.file.seek(SeekFrom::Start(0)))
            .and_then(|_| self.file.write_all(text.as_bytes()));
    }
}

fn wait_for(file: &File, book: &Path, path: &Path, deadline: Instant) -> Result<(), StoreError> {
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Busy {
                    path: book.to_path_buf(),
                    lock: path.to_path_buf(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(path)(e)),
        }
    }
}

/// The marks the lock file at `path` records, without taking the lock (none
/// when it is not there, or not kith's own regular file).
pub fn read_marks_at(path: &Path) -> IdMarks {
    match open_own(path) {
        Ok(file) => read_marks(&file),
        Err(_) => IdMarks::default(),
    }
}

/// What the last save recorded it wrote ([`Checked`]), from the lock file
/// at `path` without taking the lock: `None` when there is no record from
/// this kith (or no lock file of kith's own).
pub(super) fn read_checked_at(path: &Path) -> Option<Checked> {
    Checked::from_record(&read_record(&open_own(path).ok()?)?)
}

/// The marks recorded in a lock file (`next_person_id N`, `next_entry_id N`).
fn read_marks(file: &File) -> IdMarks {
    let Some(text) = read_record(file) else {
        return IdMarks::default();
    };
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    IdMarks {
        person: value("next_person_id "),
        entry: value("next_entry_id "),
    }
}

/// A lock file's record, from its start (none when it cannot be read).
fn read_record(mut file: &File) -> Option<String> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.take(256).read_to_string(&mut text).ok()?;
    Some(text)
}

/// Opens (or creates, private) the lock file; an old lock file more open
/// than 0600 is made private. Never through a link planted at its name, and
/// never a FIFO or anything but a regular file (which would hang or leak).
fn open(path: &PathBuf) -> Result<File, StoreError> {
    let file = match create_private(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let mut options = OpenOptions::new();
            options.read(true).write(true);
            no_follow(&mut options);
            match options.open(path) {
                Ok(file) => file,
                Err(e) => return Err(not_ours(path, e)),
            }
        }
        Err(e) => return Err(StoreError::io(path)(e)),
    };
    let meta = file.metadata().map_err(StoreError::io(path))?;
    if !meta.is_file() {
        return Err(StoreError::NotOurs {
            path: path.clone(),
            what: kind_of(&meta).into(),
        });
    }
    if file_mode(&meta) & !PRIVATE != 0 {
        set_mode(&file, PRIVATE).map_err(StoreError::io(path))?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_kiths_lock_is_taken_too_and_its_marks_count_but_it_is_never_made() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("kith.ron");
        let old = legacy_lock_path(&target);
        let mut lock = Lock::take(&target, &target).unwrap();
        assert!(lock.legacy.is_none());
        assert!(!old.exists(), "no old lock file is made");
        lock.record(
            IdMarks {
                person: 3,
                entry: 4,
            },
            None,
        );
        drop(lock);

        std::fs::write(&old, "next_person_id 9\nnext_entry_id 2\n").unwrap();
        let lock = Lock::take(&target, &target).unwrap();
        assert_eq!(
            lock.marks(),
            IdMarks {
                person: 9,
                entry: 4
            }
        );
        drop(lock);

        // An older kith (a TUI left open across an upgrade) is saving.
        let held = File::open(&old).unwrap();
        held.try_lock().unwrap();
        match Lock::take(&target, &target) {
            Err(StoreError::Busy { lock, .. }) => assert_eq!(lock, old),
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("took the lock an older kith holds"),
        }
        drop(held);
        assert!(Lock::take(&target, &target).is_ok());
    }
}
