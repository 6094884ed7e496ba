//! A capture that costs the entry, not the book: `kith log` adds one entry
//! (and the newcomers it names) to a book of any size by reading its people,
//! not its entries, and writing the new file as the old one with the new
//! lines put in their places.
//!
//! It may skip reading and checking the entries only because it knows the
//! file is exactly the text a save of this kith wrote after checking it: the
//! lock file records that text's fingerprint ([`Checked`]), and the bytes
//! read under the lock must have it. Anything else — a file another program
//! wrote, an older kith's record, a book with its demo anchor, an operation
//! that changes a record already there, a drawn id some old entry has —
//! declines, writing nothing, and the caller goes the whole way
//! ([`Store::open`], [`Store::update`]). Every other guarantee is the
//! update's: the lock is held from the read to the save, the new records
//! are checked against every person, the save is atomic and synced with its
//! backups turned over, and `kith undo` can take the capture back.

use chrono::NaiveDate;
use std::io::Read;
use std::path::PathBuf;

use crate::model::{Book, FORMAT_VERSION, Op, OpError};

use super::checked::Checked;
use super::fast_read::{List, Reader, person_lines};
use super::lock::Lock;
use super::splice::{self, Changed, Runs, places, places::place};
use super::{Applied, Stamp, Store, StoreError, backup_marks, disk, marks_of, undo};

/// A book opened to add to it, with the lock held until it is saved or
/// dropped: its header, its people and the sections after its entries, and
/// where its entries' lines are in the file as read.
pub struct Adding {
    lock: Lock,
    target: PathBuf,
    /// The file, exactly as the last save wrote it.
    text: String,
    /// Every field of the book but its entries, which are not read: in the
    /// book only the entries added here are. Never saved as it is.
    book: Book,
    /// Where the old people's and entries' records are in `text`.
    runs: Runs,
    stamp: Stamp,
}

impl Adding {
    /// The book's people and every field but its entries: what a capture
    /// line is read against. Its entries are only those added here.
    pub fn book(&self) -> &Book {
        &self.book
    }
}

impl Store {
    /// Opens the book at `path` to add to it cheaply, holding its lock:
    /// `None` (nothing written, the lock let go) unless the file is the text
    /// a save of this kith last wrote and in the shape its writer writes —
    /// then the caller opens it whole. Errors are the lock's (a writer that
    /// holds it too long).
    pub fn open_to_add(
        path: impl Into<PathBuf>,
        today: NaiveDate,
    ) -> Result<Option<(Store, Adding)>, StoreError> {
        let path = path.into();
        let Ok(target) = disk::follow_link(&path) else {
            return Ok(None);
        };
        if !target.is_file() {
            return Ok(None);
        }
        let lock = Lock::take(&path, &target)?;
        let Some(checked) = lock.checked() else {
            return Ok(None);
        };
        let Some((text, stamp, (book, runs))) = read_checked(&target, checked) else {
            return Ok(None);
        };
        let store = Store::at(path, today, Some(stamp), true);
        let adding = Adding {
            lock,
            target,
            text,
            book,
            runs,
            stamp,
        };
        Ok(Some((store, adding)))
    }

    /// [`Store::update`] for a book opened with [`Store::open_to_add`]: `make`
    /// builds the operation from it (the lock was held all along, so it is
    /// the freshest), which must only add people and entries. Saved, it
    /// returns what was applied and the book as it is after it (only the
    /// new entries in it). `None` when the operation changes a record that
    /// is there, or its new records are not right with the people alone, or
    /// an id it drew is an old entry's: nothing is written, and the caller
    /// goes the whole way.
    pub fn add(
        &mut self,
        adding: Adding,
        make: impl FnOnce(&Book) -> Result<Op, OpError>,
    ) -> Result<Option<(Applied, Book)>, StoreError> {
        let Adding {
            mut lock,
            target,
            text,
            mut book,
            runs,
            stamp,
        } = adding;
        let marks = self
            .marks
            .max(lock.marks())
            .max(backup_marks(&target))
            .max(marks_of(&book));
        book.raise_id_counters(marks.person, marks.entry);
        let op = make(&book)?;
        if !op.only_adds() {
            return Ok(None);
        }
        let inverse = op.clone().apply(&mut book)?;
        if !super::validate::problems(&book).is_empty() {
            return Ok(None);
        }
        // Only the new records are changed; a drawn id an old entry has
        // would replace it.
        let changed = Changed::by(&op, &inverse);
        let entries = runs.entries.clone().unwrap_or(0..0);
        let fresh = |id: &u64| matches!(place(&text, entries.clone(), *id), Some(Err(_)));
        if !changed.entries.iter().all(fresh) {
            return Ok(None);
        }
        let Some(out) = places::over_runs(&text, &runs, &book, &changed) else {
            return Ok(None);
        };
        let parts = out.parts();
        #[cfg(debug_assertions)]
        check(&text, &parts.concat(), &book, &inverse);
        debug_assert_eq!(self.seen, Some(stamp));
        let wrote = splice::write(&target, &parts)?;
        self.seen = Stamp::of(&self.path);
        if self.remember {
            undo::keep(&target, &inverse);
        }
        self.marks = self.marks.max(marks_of(&book));
        lock.record(self.marks, Some(wrote));
        let applied = Applied {
            op,
            inverse,
            reloaded: false,
        };
        Ok(Some((applied, book)))
    }
}

/// The file at `target`, its stamp and what [`read_all_but_entries`] reads
/// of it, when its bytes are the ones `checked` describes. The text is read
/// while its fingerprint is taken on another thread; what was read is
/// dropped unless the fingerprint is right.
fn read_checked(target: &std::path::Path, checked: Checked) -> Option<(String, Stamp, Parts)> {
    let mut file = disk::open_own(target).ok()?;
    let meta = file.metadata().ok()?;
    let len = usize::try_from(meta.len()).ok()?;
    let mut bytes = Vec::with_capacity(len + 1);
    file.read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (right, parts) = std::thread::scope(|scope| {
        let fingerprint = std::thread::Builder::new()
            .name("kith-checked".into())
            .spawn_scoped(scope, || Checked::of(&[text.as_bytes()]) == checked);
        let parts = read_all_but_entries(&text);
        let right = match fingerprint {
            Ok(thread) => thread.join().unwrap_or(false),
            Err(_) => Checked::of(&[text.as_bytes()]) == checked,
        };
        (right, parts)
    });
    let parts = parts.filter(|_| right)?;
    Some((text, Stamp::from_meta(&meta), parts))
}

type Parts = (Book, Runs);

/// The book in `text` without its entries, and where the people's and the
/// entries' records are; `None` unless it is in the writer's shape at this
/// version, without a demo anchor. The entries' lines are not even looked
/// at: the reader is handed the text before them and the text after them.
fn read_all_but_entries<'t>(text: &'t str) -> Option<Parts> {
    if !text.ends_with('\n') {
        return None;
    }
    let runs = Runs::of(text)?;
    let mut reader = Reader::default();
    let mut people_run: &'t str = "";
    let mut read = |text: &'t str| {
        reader.lines_apart(text, &mut |list, run| match list {
            List::People if people_run.is_empty() => {
                people_run = run;
                Some(())
            }
            // One run a list, the text being handed over whole.
            List::People => None,
            List::Entries => Some(()),
        })
    };
    match &runs.entries {
        // Up to the list's opening line, then from its closing line.
        Some(entries) => {
            read(&text[..=entries.start])?;
            read(&text[entries.end + 1..])?;
        }
        None => read(text)?,
    }
    let people = people_on_two_threads(people_run)?;
    let book = reader.finish_with("", people, Vec::new())?;
    if book.version != FORMAT_VERSION || book.anchor.is_some() {
        return None;
    }
    Some((book, runs))
}

/// The people's lines read, the second half on a thread of its own.
fn people_on_two_threads(run: &str) -> Option<Vec<crate::model::Person>> {
    let middle = memchr::memchr(b'\n', &run.as_bytes()[run.len() / 2..])
        .map_or(run.len(), |at| run.len() / 2 + at + 1);
    let (first, second) = run.split_at(middle);
    let mut people = Vec::new();
    std::thread::scope(|scope| {
        let later = std::thread::Builder::new()
            .name("kith-people".into())
            .spawn_scoped(scope, || {
                let mut later = Vec::new();
                person_lines(second, &mut later).map(|()| later)
            });
        person_lines(first, &mut people)?;
        let later = match later {
            Ok(thread) => thread.join().ok()??,
            Err(_) => {
                let mut later = Vec::new();
                person_lines(second, &mut later)?;
                later
            }
        };
        people.extend(later);
        Some(people)
    })
}

/// The safety net of every build with debug assertions (the test suite): the
/// text written is exactly what the whole writer writes for the whole old
/// book with the new records added.
#[cfg(debug_assertions)]
fn check(old: &str, new: &[u8], book: &Book, inverse: &Op) {
    let mut whole = super::parse_book(std::path::Path::new("old"), old.as_bytes())
        .expect("a checked file reads back");
    fn add_back(op: &Op, book: &mut Book) {
        match op {
            Op::RemovePerson(p) => {
                Op::AddPerson((**p).clone()).apply(book).expect("adds");
            }
            Op::RemoveEntry(e) => {
                Op::AddEntry((**e).clone()).apply(book).expect("adds");
            }
            Op::Batch(ops) => ops.iter().rev().for_each(|op| add_back(op, book)),
            _ => unreachable!("a capture only adds"),
        }
    }
    add_back(inverse, &mut whole);
    whole.next_person_id = book.next_person_id;
    whole.next_entry_id = book.next_entry_id;
    assert!(
        new == super::fast_write::book_text(&whole).as_bytes(),
        "a capture's save wrote other than the whole book with its new records"
    );
}
