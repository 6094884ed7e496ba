//! What is left beside a book: its backups and what each holds, and the
//! traces that show a book was here. A missing book with such traces is
//! never taken for a new, empty one ([`super::StoreError::Missing`]), a book
//! cut short names the backup that is intact ([`super::StoreError::CutShort`]),
//! and `kith restore` brings a backup back ([`restore`]).

use chrono::{DateTime, Local};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::disk::{self, PRIVATE, file_mode, open_own, save_with};
use super::lock::{Lock, read_marks_at};
use super::names::{backup_path, legacy_backup_path, merged_dir, prev_path, replaced_path};
use super::{BACKUPS, ParseError, StoreError, parse_book};

/// One backup beside the book: where it is, when it was saved, what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// 1 for the first one listed (the newest), as `kith restore N` takes it.
    pub number: usize,
    pub path: PathBuf,
    pub saved: Option<SystemTime>,
    /// The people and entries it holds, or why it cannot be read.
    pub holds: Result<Holds, String>,
}

/// How much a book holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holds {
    pub people: usize,
    pub entries: usize,
}

impl Backup {
    /// Reads cleanly as a book kith would open.
    pub fn intact(&self) -> bool {
        self.holds.is_ok()
    }

    /// The backup's file name (`.kith.ron.kith-1`).
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    }
}

impl Backup {
    /// `50 people, 210 entries`, or why it cannot be read.
    pub fn contents(&self) -> String {
        match &self.holds {
            Ok(h) => format!(
                "{}, {}",
                crate::text::count(h.people, "person", "people"),
                crate::text::count(h.entries, "entry", "entries")
            ),
            Err(why) => format!("not readable: {why}"),
        }
    }

    /// [`Backup::contents`], and when it was saved.
    pub fn summary(&self) -> String {
        match self.saved {
            Some(saved) => format!("{}, saved {}", self.contents(), when(saved)),
            None => self.contents(),
        }
    }
}

impl fmt::Display for Backup {
    /// `1  .kith.ron.kith-1  50 people, 210 entries, saved Mon 7 Dec 2026 10:39`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}  {}  {}", self.number, self.name(), self.summary())
    }
}

/// `Mon 7 Dec 2026 10:39`, in local time.
pub fn when(time: SystemTime) -> String {
    DateTime::<Local>::from(time)
        .format("%a %-d %b %Y %H:%M")
        .to_string()
}

/// The backups beside `target` (a resolved book path), newest first: the
/// previous file a killed save left (`.NAME.kith-prev`), then `.NAME.kith-1`
/// … `-3`, then any an older kith left as `NAME.1` …. Each is read (never
/// through a link) and checked as a book.
pub fn backups(target: &Path) -> Vec<Backup> {
    let prev = prev_path(target);
    let candidates = std::iter::once(prev)
        .chain((1..=BACKUPS).map(|n| backup_path(target, n)))
        .chain((1..=BACKUPS).map(|n| legacy_backup_path(target, n)));
    let mut found = Vec::new();
    for path in candidates {
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let holds = if meta.file_type().is_symlink() {
            Err("a link, not a file kith wrote; not read".to_string())
        } else if !meta.is_file() {
            Err("not a regular file; not read".to_string())
        } else {
            read_holds(&path)
        };
        found.push(Backup {
            number: found.len() + 1,
            path,
            saved: meta.modified().ok(),
            holds,
        });
    }
    found
}

fn read_holds(path: &Path) -> Result<Holds, String> {
    let bytes = disk::read_own(path).map_err(|e| e.to_string())?;
    match parse_book(path, &bytes) {
        Ok(book) => Ok(Holds {
            people: book.people.len(),
            entries: book.entries.len(),
        }),
        Err(StoreError::Parse(p)) if cut_short(&bytes, &p) => Err(format!(
            "cut short ({}; line {}: {})",
            crate::text::count(bytes.len(), "byte", "bytes"),
            p.line,
            p.message
        )),
        Err(StoreError::Parse(p)) => Err(format!("line {}: {}", p.line, p.message)),
        Err(e) => Err(e.to_string()),
    }
}

/// What shows that a book was at a path that has none now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traces {
    pub backups: Vec<Backup>,
    /// The lock file recorded ids handed out by a save.
    pub lock: Option<PathBuf>,
    /// `kith sync` put conflict copies away here.
    pub merged: Option<PathBuf>,
}

impl Traces {
    /// The newest backup that reads cleanly.
    pub fn best(&self) -> Option<&Backup> {
        self.backups.iter().find(|b| b.intact())
    }
}

/// The traces a book leaves beside `target`, or `None` when nothing shows
/// that one was ever saved there.
pub fn traces(target: &Path) -> Option<Traces> {
    let backups = backups(target);
    let lock_path = super::names::lock_path(target);
    let marks = read_marks_at(&lock_path);
    let lock = (marks.person > 0 || marks.entry > 0).then_some(lock_path);
    let merged_path = merged_dir(target);
    let merged = fs::symlink_metadata(&merged_path)
        .is_ok_and(|m| m.is_dir())
        .then_some(merged_path);
    if backups.is_empty() && lock.is_none() && merged.is_none() {
        return None;
    }
    Some(Traces {
        backups,
        lock,
        merged,
    })
}

/// Whether a file that does not parse looks cut short (a partial write by a
/// sync tool, a full disk): empty, not ending in the book's closing `)`, or
/// failing at its very end (the text ran out before the book did). A book
/// kith writes always ends `)` and a newline; a file broken in its middle
/// fails before its end.
pub fn cut_short(bytes: &[u8], error: &ParseError) -> bool {
    let text = bytes.trim_ascii_end();
    if text.trim_ascii_start().is_empty() || text.last() != Some(&b')') {
        return true;
    }
    error.message == ron::Error::Eof.to_string()
        || offset_of(bytes, error.line, error.col).is_none_or(|at| at + 1 >= text.len())
}

/// The byte offset of a line and column (both from 1, the column in
/// characters, as ron counts them); `None` past the end.
fn offset_of(text: &[u8], line: usize, col: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map(|(i, _)| i + 1)?
    };
    let rest = std::str::from_utf8(&text[start..]).ok()?;
    match rest.char_indices().nth(col.saturating_sub(1)) {
        Some((i, _)) => Some(start + i),
        None => Some(text.len()),
    }
}

/// The backups, listed for a person: one a line, indented.
pub fn listing(backups: &[Backup]) -> String {
    backups
        .iter()
        .map(|b| format!("  {b}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `kith restore` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub backup: Backup,
    /// Where the file that was the book went (it is never deleted).
    pub kept: Option<PathBuf>,
}

/// Puts backup `number` (as [`backups`] numbers them) back as the book at
/// `path`, under the lock: the backup's bytes as they are, atomically; a file
/// still at the book's place (cut short, or simply not wanted) is moved aside
/// as `.NAME.kith-replaced-…`, never deleted; no backup turns over.
pub fn restore(path: &Path, number: usize) -> Result<Restored, StoreError> {
    let target = super::target_of_even_dangling(path)?;
    let _lock = Lock::take(path, &target)?;
    let all = backups(&target);
    let Some(backup) = all.iter().find(|b| b.number == number).cloned() else {
        return Err(StoreError::NoSuchBackup {
            path: path.to_path_buf(),
            number,
            listing: listing(&all),
        });
    };
    if let Err(why) = &backup.holds {
        return Err(StoreError::NoSuchBackup {
            path: path.to_path_buf(),
            number,
            listing: format!("  backup {number} is {why}"),
        });
    }
    let bytes = disk::read_own(&backup.path).map_err(StoreError::io(&backup.path))?;
    let mode = match fs::symlink_metadata(&target) {
        Ok(meta) => Some(file_mode(&meta)),
        Err(_) => None,
    };
    let kept = match mode {
        Some(_) => Some(move_aside(&target)?),
        None => None,
    };
    let mode = mode
        .or_else(|| fs::metadata(&backup.path).ok().map(|m| file_mode(&m)))
        .unwrap_or(PRIVATE);
    save_with(&target, &[&bytes], false)?;
    if let Ok(file) = open_own(&target) {
        let _ = disk::set_mode(&file, (mode | 0o600) & 0o7777);
    }
    Ok(Restored { backup, kept })
}

/// Writes a new, empty book at `path`, where a book is missing and the user
/// says to start afresh. Refuses when a file is there.
pub fn start_empty(path: &Path) -> Result<(), StoreError> {
    let target = super::target_of_even_dangling(path)?;
    let _lock = Lock::take(path, &target)?;
    if fs::symlink_metadata(&target).is_ok() {
        return Err(StoreError::Exists {
            path: path.to_path_buf(),
        });
    }
    save_with(
        &target,
        &[super::serialize_book(&crate::model::Book::default()).as_bytes()],
        false,
    )
}

/// Moves the file at `target` to a free `.NAME.kith-replaced-…` name beside it.
fn move_aside(target: &Path) -> Result<PathBuf, StoreError> {
    let stamp = Local::now().format("%Y%m%d-%H%M%S").to_string();
    for n in 1.. {
        let to = replaced_path(target, &stamp, n);
        if fs::symlink_metadata(&to).is_ok() {
            continue;
        }
        fs::rename(target, &to).map_err(StoreError::io(target))?;
        return Ok(to);
    }
    unreachable!("some name is free")
}
