//! The one place that touches the book's file: load, atomic save with rolling
//! backups, and the lock that lets many processes write one at a time without
//! losing anything.
//!
//! Every change goes through [`Store::update`]: *lock → if the file changed since
//! we loaded it, reload → apply the operation → atomic save → unlock*.

use chrono::NaiveDate;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::model::{Book, FORMAT_VERSION, Op, OpError};

mod fast_read;
#[cfg(test)]
mod fast_tests;
mod fast_write;

/// The hand-written reader and writer behind [`parse_book`] and
/// [`serialize_book`], public so tests and benchmarks can hold them against ron.
pub mod fast {
    pub use super::fast_read::read_book as read;
    pub use super::fast_write::book_text as write;
}

/// How many rolling backups (`kith.ron.1` newest … `.3` oldest) a save keeps.
pub const BACKUPS: usize = 3;
/// How long a writer waits for the lock before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);

/// A file that does not parse: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{col}: {message}", path.display())]
pub struct ParseError {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl ParseError {
    pub fn from_ron(path: &Path, err: &ron::error::SpannedError) -> ParseError {
        ParseError {
            path: path.to_path_buf(),
            line: err.span.start.line,
            col: err.span.start.col,
            message: err.code.to_string(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Parse(#[from] ParseError),
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
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Op(#[from] OpError),
}

impl StoreError {
    /// The CLI's exit code: 2 for bad input or an unreadable file, else 1.
    pub fn exit_code(&self) -> i32 {
        match self {
            StoreError::Parse(_) | StoreError::NewerVersion { .. } | StoreError::Op(_) => 2,
            StoreError::Busy { .. } | StoreError::Io { .. } => 1,
        }
    }

    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
        move |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What identifies one version of the file on disk, cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

/// The result of a change that landed on disk.
#[derive(Debug)]
pub struct Applied {
    /// The operation that undoes the change.
    pub inverse: Op,
    /// The file had been changed by another process and was reloaded first.
    pub reloaded: bool,
}

/// The book's file, and what this process last saw of it. Two stores are
/// equal when they point at the same file and last saw the same version of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    path: PathBuf,
    today: NaiveDate,
    seen: Option<Stamp>,
}

impl Store {
    /// Opens the book at `path`. A missing file is an empty book. A demo book
    /// (one with an anchor date) is shifted so its dates end near `today`.
    pub fn open(path: impl Into<PathBuf>, today: NaiveDate) -> Result<(Store, Book), StoreError> {
        let mut store = Store {
            path: path.into(),
            today,
            seen: None,
        };
        let book = store.reload()?;
        Ok((store, book))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file on disk is not the version this process last loaded
    /// or saved. Only reads metadata.
    pub fn changed_on_disk(&self) -> bool {
        Stamp::of(&self.path) != self.seen
    }

    /// Reads the file again.
    pub fn reload(&mut self) -> Result<Book, StoreError> {
        let stamp = Stamp::of(&self.path);
        let book = match fs::read(&self.path) {
            Ok(bytes) => parse_book(&self.path, &bytes)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Book::default(),
            Err(e) => return Err(StoreError::io(&self.path)(e)),
        };
        let mut book = book;
        book.shift_to(self.today);
        self.seen = stamp;
        Ok(book)
    }

    /// Applies one operation to the freshest book and saves it. See [`Store::update`].
    pub fn apply(&mut self, book: &mut Book, op: Op) -> Result<Applied, StoreError> {
        self.update(book, |_| Ok(op))
    }

    /// The one way to change the book: takes the lock, reloads `book` if another
    /// process changed the file, lets `make` build the operation from that fresh
    /// book (so new ids do not collide), applies it, saves atomically, and
    /// unlocks. On any error `book` holds what is on disk and nothing is written.
    pub fn update(
        &mut self,
        book: &mut Book,
        make: impl FnOnce(&Book) -> Result<Op, OpError>,
    ) -> Result<Applied, StoreError> {
        let _lock = self.lock()?;
        let reloaded = self.changed_on_disk();
        if reloaded {
            *book = self.reload()?;
        }
        let op = make(book)?;
        let inverse = op.apply(book)?;
        if let Err(e) = self.save_locked(book) {
            inverse
                .apply(book)
                .expect("an inverse applies to the state it came from");
            return Err(e);
        }
        Ok(Applied { inverse, reloaded })
    }

    fn lock(&self) -> Result<File, StoreError> {
        if let Some(dir) = parent_dir(&self.path) {
            fs::create_dir_all(dir).map_err(StoreError::io(dir))?;
        }
        let lock_path = sibling(&self.path, ".lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(StoreError::io(&lock_path))?;
        let deadline = Instant::now() + LOCK_WAIT;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Busy {
                        path: self.path.clone(),
                        lock: lock_path,
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(&lock_path)(e)),
            }
        }
    }

    fn save_locked(&mut self, book: &Book) -> Result<(), StoreError> {
        write_book(&self.path, book)?;
        self.seen = Stamp::of(&self.path);
        Ok(())
    }
}

/// Parses a book file's bytes, refusing newer versions. A file in the shape
/// [`serialize_book`] writes takes the fast path; anything else (hand-edited,
/// broken, from another version) is read by ron, which also positions errors.
pub fn parse_book(path: &Path, bytes: &[u8]) -> Result<Book, StoreError> {
    let mut book = match fast_read::read_book(bytes) {
        Some(book) => book,
        None => read_book_with_ron(path, bytes)?,
    };
    if book.version > FORMAT_VERSION {
        return Err(newer_version(path, book.version));
    }
    book.version = FORMAT_VERSION; // older versions migrate on the next save
    book.normalize();
    Ok(book)
}

/// ron's reading of a book file, as it comes (no version check, no
/// normalising): the reference the fast reader is held to.
pub fn read_book_with_ron(path: &Path, bytes: &[u8]) -> Result<Book, StoreError> {
    ron_options().from_bytes::<Book>(bytes).map_err(|err| {
        // A newer file may not parse as this version's book at all: say so
        // rather than pointing at a field we do not know.
        #[derive(serde::Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        match ron_options().from_bytes::<VersionOnly>(bytes) {
            Ok(v) if v.version > FORMAT_VERSION => newer_version(path, v.version),
            _ => ParseError::from_ron(path, &err).into(),
        }
    })
}

fn newer_version(path: &Path, found: u32) -> StoreError {
    StoreError::NewerVersion {
        path: path.to_path_buf(),
        found,
        supported: FORMAT_VERSION,
    }
}

/// RON as kith reads and writes it: optional fields are written bare
/// (`org: "Acme"`), and `Some("Acme")` is read as well.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

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

/// Writes `book` to `path` atomically (temp file in the same directory, fsync,
/// rename), first rotating the previous file into the backups.
pub fn write_book(path: &Path, book: &Book) -> Result<(), StoreError> {
    let text = serialize_book(book);
    if let Some(dir) = parent_dir(path) {
        fs::create_dir_all(dir).map_err(StoreError::io(dir))?;
    }
    rotate_backups(path)?;
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(StoreError::io(path))?;
    file.write_all(text.as_bytes())
        .map_err(StoreError::io(path))?;
    file.commit().map_err(StoreError::io(path))
}

/// `path.1` … `path.N`, newest first.
pub fn backup_path(path: &Path, n: usize) -> PathBuf {
    sibling(path, &format!(".{n}"))
}

fn rotate_backups(path: &Path) -> Result<(), StoreError> {
    if !path.exists() {
        return Ok(());
    }
    for n in (1..BACKUPS).rev() {
        let from = backup_path(path, n);
        if from.exists() {
            let to = backup_path(path, n + 1);
            fs::rename(&from, &to).map_err(StoreError::io(&to))?;
        }
    }
    let first = backup_path(path, 1);
    // The rename that commits the new file leaves this link on the old bytes,
    // so a backup costs no copy; copy where links are not supported.
    let _ = fs::remove_file(&first);
    if fs::hard_link(path, &first).is_err() {
        fs::copy(path, &first).map_err(StoreError::io(&first))?;
    }
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn parent_dir(path: &Path) -> Option<&Path> {
    path.parent().filter(|p| !p.as_os_str().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Kind, Person, PersonId};

    fn today() -> NaiveDate {
        "2026-11-26".parse().unwrap()
    }

    fn add(name: &str) -> Op {
        Op::AddPerson(Person::new(PersonId(0), name))
    }

    #[test]
    fn missing_file_is_an_empty_book_and_first_save_creates_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/er/kith.ron");
        let (mut store, mut book) = Store::open(&path, today()).unwrap();
        assert!(book.people.is_empty());
        store.apply(&mut book, add("Ana")).unwrap();
        let (_, again) = Store::open(&path, today()).unwrap();
        assert_eq!(again.people[0].name, "Ana");
    }

    #[test]
    fn one_person_or_entry_per_line() {
        let mut book = Book::default();
        add("José \"Pepe\" García").apply(&mut book).unwrap();
        add("王芳").apply(&mut book).unwrap();
        let mut e = Entry::new(
            today(),
            vec![PersonId(1), PersonId(2)],
            Kind::new("intro"),
            "met, at last",
        );
        e.follow_up = Some(today());
        Op::AddEntry(e).apply(&mut book).unwrap();
        let text = serialize_book(&book);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines
                .iter()
                .any(|l| l.contains("王芳") && l.contains("id: 2")),
            "{text}"
        );
        let entry_line = lines.iter().find(|l| l.contains("intro")).unwrap();
        assert!(entry_line.contains("follow_up: \"2026-11-26\""), "{text}");
        assert!(text.contains("version: 1"));
        let back = parse_book(Path::new("x"), text.as_bytes()).unwrap();
        assert_eq!(back, book);
    }

    #[test]
    fn saves_keep_three_rolling_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kith.ron");
        let (mut store, mut book) = Store::open(&path, today()).unwrap();
        for name in ["A", "B", "C", "D", "E"] {
            store.apply(&mut book, add(name)).unwrap();
        }
        let people_in = |p: &Path| parse_book(p, &fs::read(p).unwrap()).unwrap().people.len();
        assert_eq!(people_in(&path), 5);
        assert_eq!(people_in(&backup_path(&path, 1)), 4);
        assert_eq!(people_in(&backup_path(&path, 3)), 2);
        assert!(!backup_path(&path, 4).exists());
    }

    #[test]
    fn an_outside_change_is_reloaded_before_applying() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kith.ron");
        let (mut mine, mut my_book) = Store::open(&path, today()).unwrap();
        mine.apply(&mut my_book, add("Ana")).unwrap();
        let (mut theirs, mut their_book) = Store::open(&path, today()).unwrap();
        theirs.apply(&mut their_book, add("Bo")).unwrap();
        assert!(mine.changed_on_disk());
        let applied = mine.apply(&mut my_book, add("Cy")).unwrap();
        assert!(applied.reloaded);
        let names: Vec<_> = my_book
            .people
            .iter()
            .map(|p| (p.id.0, p.name.as_str()))
            .collect();
        assert_eq!(names, vec![(1, "Ana"), (2, "Bo"), (3, "Cy")]);
    }

    #[test]
    fn a_file_broken_by_someone_else_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kith.ron");
        let (mut store, mut book) = Store::open(&path, today()).unwrap();
        store.apply(&mut book, add("Ana")).unwrap();
        fs::write(&path, "(version: 1, people: [ (id: 1 name: \"x\")])").unwrap();
        let before = fs::read(&path).unwrap();
        let err = store.apply(&mut book, add("Bo")).unwrap_err();
        assert!(
            matches!(err, StoreError::Parse(ParseError { line: 1, .. })),
            "{err}"
        );
        assert_eq!(err.exit_code(), 2);
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn newer_versions_are_refused() {
        let err = parse_book(
            Path::new("k.ron"),
            b"(version: 2, people: [], future: true)",
        )
        .unwrap_err();
        assert!(
            matches!(err, StoreError::NewerVersion { found: 2, .. }),
            "{err}"
        );
        let err = parse_book(Path::new("k.ron"), b"(version: 7, people: 3)").unwrap_err();
        assert!(err.to_string().contains("newer kith"), "{err}");
    }

    #[test]
    fn a_held_lock_makes_writers_give_up_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kith.ron");
        let (mut store, mut book) = Store::open(&path, today()).unwrap();
        store.apply(&mut book, add("Ana")).unwrap();
        let before = fs::read(&path).unwrap();
        let held = store.lock().unwrap();
        let (mut other, mut other_book) = Store::open(&path, today()).unwrap();
        let err = other.apply(&mut other_book, add("Bo")).unwrap_err();
        assert!(matches!(err, StoreError::Busy { .. }), "{err}");
        assert_eq!(err.exit_code(), 1);
        assert_eq!(
            other_book.people.len(),
            1,
            "the in-memory book is unchanged too"
        );
        drop(held);
        assert_eq!(fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_rejected_op_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kith.ron");
        let (mut store, mut book) = Store::open(&path, today()).unwrap();
        let err = store.apply(&mut book, add(" ")).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(!path.exists());
    }
}
