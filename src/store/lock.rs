//! The lock that lets many processes write one book one at a time, and the
//! id high-water marks it carries: the lock file outlives any version of the
//! book (a `git checkout` of an older copy does not touch it), so ids handed
//! out once are never handed out again.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::disk::{PRIVATE, create_private, file_mode, lock_path, set_mode};
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
}

impl Lock {
    /// Waits up to [`LOCK_WAIT`] for the lock beside `target`; `book` names
    /// the book in the error.
    pub fn take(book: &Path, target: &Path) -> Result<Lock, StoreError> {
        let path = lock_path(target);
        let file = open(&path).map_err(StoreError::io(&path))?;
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { file }),
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Busy {
                        path: book.to_path_buf(),
                        lock: path,
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(&path)(e)),
            }
        }
    }

    /// The marks the last save recorded (none in an old or empty lock file).
    pub fn marks(&mut self) -> IdMarks {
        let mut text = String::new();
        if self.file.seek(SeekFrom::Start(0)).is_err()
            || (&self.file).take(256).read_to_string(&mut text).is_err()
        {
            return IdMarks::default();
        }
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

    /// Records the marks for the next writer. Best effort: the book itself is
    /// already saved, and its counters are the marks' main record.
    pub fn record(&mut self, marks: IdMarks) {
        let text = format!(
            "next_person_id {}\nnext_entry_id {}\n",
            marks.person, marks.entry
        );
        let _ = self
            .file
            .set_len(0)
            .and_then(|()| self.file.seek(SeekFrom::Start(0)))
            .and_then(|_| self.file.write_all(text.as_bytes()));
    }
}

/// Opens (or creates, private) the lock file; an old lock file more open
/// than 0600 is made private.
fn open(path: &PathBuf) -> std::io::Result<File> {
    let file = match create_private(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            OpenOptions::new().read(true).write(true).open(path)?
        }
        Err(e) => return Err(e),
    };
    if file_mode(&file.metadata()?) & !PRIVATE != 0 {
        set_mode(&file, PRIVATE)?;
    }
    Ok(file)
}
