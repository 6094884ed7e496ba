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
use std::ops::Range;
use std::path::PathBuf;

use crate::model::{Book, EntryId, FORMAT_VERSION, Op, OpError, PersonId};

use super::checked::Checked;
use super::fast_read::{List, Reader, person_lines, record_id};
use super::fast_write::{self, Out};
use super::lock::{IdMarks, Lock};
use super::{Applied, Stamp, Store, StoreError, backup_marks, disk, marks_of, splice, undo};

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
    /// The old people's and entries' records in `text`, as a run of whole
    /// records (from the line break before the first to the comma after
    /// the last; see [`fast_write::record`]).
    people: Option<Range<usize>>,
    entries: Range<usize>,
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
        let Some((text, stamp, (book, people, entries))) = read_checked(&target, checked) else {
            return Ok(None);
        };
        let store = Store {
            path,
            today,
            seen: Some(stamp),
            expect_file: true,
            fresh_ok: false,
            marks: IdMarks::default(),
            warnings: Vec::new(),
            remember: false,
            held: None,
        };
        let adding = Adding {
            lock,
            target,
            text,
            book,
            people,
            entries,
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
            people,
            entries,
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
        let (mut new_people, mut new_entries) = (Vec::new(), Vec::new());
        added(&inverse, &mut new_people, &mut new_entries);
        let Some(out) = written(&text, &book, people, entries, &new_people, &new_entries) else {
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
/// of it, when its bytes are the ones `checked` describes. The bytes are
/// read while their fingerprint is taken on another thread; what was read
/// is dropped unless the fingerprint is right.
fn read_checked(target: &std::path::Path, checked: Checked) -> Option<(String, Stamp, Parts)> {
    let mut file = disk::open_own(target).ok()?;
    let meta = file.metadata().ok()?;
    let len = usize::try_from(meta.len()).ok()?;
    let mut bytes = Vec::with_capacity(len + 1);
    file.read_to_end(&mut bytes).ok()?;
    let (right, parts) = std::thread::scope(|scope| {
        let fingerprint = std::thread::Builder::new()
            .name("kith-checked".into())
            .spawn_scoped(scope, || Checked::of(&[&bytes]) == checked);
        let parts = std::str::from_utf8(&bytes)
            .ok()
            .and_then(read_all_but_entries);
        let right = match fingerprint {
            Ok(thread) => thread.join().unwrap_or(false),
            Err(_) => Checked::of(&[&bytes]) == checked,
        };
        (right, parts)
    });
    let parts = parts.filter(|_| right)?;
    let text = String::from_utf8(bytes).ok()?;
    Some((text, Stamp::from_meta(&meta), parts))
}

type Parts = (Book, Option<Range<usize>>, Range<usize>);

/// The book in `text` without its entries, and where the people's and the
/// entries' records are; `None` unless it is in the writer's shape at this
/// version, without a demo anchor, with at least one entry.
fn read_all_but_entries(text: &str) -> Option<Parts> {
    if !text.ends_with('\n') {
        return None;
    }
    let mut reader = Reader::default();
    let (mut people, mut people_run, mut entries_run) = (Vec::new(), None, None);
    let at = |run: &str| run.as_ptr() as usize - text.as_ptr() as usize;
    reader.lines_apart(text, &mut |list, run| {
        let run_at = at(run);
        let slot = match list {
            List::People => {
                person_lines(run, &mut people)?;
                &mut people_run
            }
            List::Entries => &mut entries_run,
        };
        // One run a list: the text is handed over whole.
        slot.is_none().then_some(())?;
        *slot = Some(whole_records(text, run_at..run_at + run.len())?);
        Some(())
    })?;
    let book = reader.finish_with("", people, Vec::new())?;
    if book.version != FORMAT_VERSION || book.anchor.is_some() {
        return None;
    }
    Some((book, people_run, entries_run?))
}

/// A list's lines (`    (…),\n` each) as a run of whole records: one byte
/// earlier, one byte shorter.
fn whole_records(text: &str, lines: Range<usize>) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    (lines.start > 0 && bytes[lines.start - 1] == b'\n' && lines.end >= 2).then_some(())?;
    (bytes[lines.end - 2] == b',').then_some(lines.start - 1..lines.end - 1)
}

/// The people and entries `inverse` takes away again: those the operation
/// added, with the ids they were given.
fn added(inverse: &Op, people: &mut Vec<PersonId>, entries: &mut Vec<EntryId>) {
    match inverse {
        Op::RemovePerson(p) => people.push(p.id),
        Op::RemoveEntry(e) => entries.push(e.id),
        Op::Batch(ops) => ops.iter().for_each(|op| added(op, people, entries)),
        _ => {}
    }
}

/// The new file: the old one with the header and the sections after the
/// entries written afresh, and each new record's line put where its id goes
/// among the old ones. `None` when an id is already there.
fn written<'a>(
    text: &'a str,
    book: &Book,
    people_run: Option<Range<usize>>,
    entries_run: Range<usize>,
    new_people: &[PersonId],
    new_entries: &[EntryId],
) -> Option<Out<'a>> {
    let mut new_people: Vec<_> = new_people
        .iter()
        .map(|id| Some(&book.people[book.person_index(*id)?]))
        .collect::<Option<_>>()?;
    let mut new_entries: Vec<_> = new_entries
        .iter()
        .map(|id| book.entry(*id))
        .collect::<Option<_>>()?;
    new_people.sort_by_key(|p| p.id);
    new_entries.sort_by_key(|e| e.id);
    let mut out = Out::over(text, 1024);
    let fits = std::cell::Cell::new(true);
    fast_write::write_book(
        &mut out,
        book,
        |out| {
            let run = people_run.unwrap_or(0..0);
            let placed = among(out, text, run, &new_people, |p| p.id.0, fast_write::person);
            fits.set(fits.get() && placed);
            !book.people.is_empty()
        },
        |out| {
            let placed = among(
                out,
                text,
                entries_run,
                &new_entries,
                |e| e.id.0,
                fast_write::entry,
            );
            fits.set(fits.get() && placed);
            true
        },
    );
    fits.get().then_some(out)
}

/// The old records `run` with each of `new` (sorted by id) put in its place;
/// false when one's id is there already.
fn among<'a, T>(
    out: &mut Out<'a>,
    text: &str,
    mut run: Range<usize>,
    new: &[&T],
    id: impl Fn(&T) -> u64,
    line: impl Fn(&mut Out<'a>, &T),
) -> bool {
    for record in new {
        let Some(at) = place(text, run.clone(), id(*record)) else {
            return false;
        };
        if at > run.start {
            out.take(run.start..at);
        }
        fast_write::record(out, |out| line(out, record));
        run.start = at;
    }
    if run.end > run.start {
        out.take(run);
    }
    true
}

/// Where a record with id `id` goes in the run of whole records `run` (in
/// rising id order, each starting at its line break): the start of the
/// first record with a higher id, or the run's end. `None` when a record
/// has that id, or a line is not a record's. A binary search over the
/// bytes: a few lines read, however long the run.
fn place(text: &str, run: Range<usize>, id: u64) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut low, mut high) = (run.start, run.end);
    while low < high {
        let mid = low + (high - low) / 2;
        // The record that starts at or after the middle, else the last one
        // before it (`low` starts one).
        let start = match memchr::memchr(b'\n', &bytes[mid..high]) {
            Some(i) => mid + i,
            None => low + memchr::memrchr(b'\n', &bytes[low..mid])?,
        };
        let end = memchr::memchr(b'\n', &bytes[start + 1..high]).map_or(high, |i| start + 1 + i);
        let found = record_id(&text[start + 1..end])?;
        match found.cmp(&id) {
            std::cmp::Ordering::Equal => return None,
            std::cmp::Ordering::Less => low = end,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    Some(low)
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
        new == fast_write::book_text(&whole).as_bytes(),
        "a capture's save wrote other than the whole book with its new records"
    );
}
