//! The book file read a piece at a time into the fast reader, so the whole
//! text is never held beside the book it becomes. A big book's records —
//! nearly all its bytes — are read on two threads: two runs in three of a
//! list's lines go to a helper thread, and the runs are put back in the
//! file's order as they come back.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::thread::Scope;

use crate::model::{Book, Person};

use super::checked::{Checked, Hasher};
use super::fast_read::{List, NamesKept, Reader, entry_lines, person_lines, person_name_lines};

/// How much of the file is read at a time.
pub(super) const PIECE: u64 = 1 << 18;
/// A file this long or longer has its records read on two threads.
const SHARED: u64 = 4 * PIECE;
pub(super) const BOM: &[u8] = "\u{feff}".as_bytes();

/// The book, or `None` when the fast reader gives up on a line (or the text
/// is not UTF-8): the caller then reads the file whole, by ron.
pub(super) fn read_in_pieces(file: &mut File) -> std::io::Result<Option<Book>> {
    let shared = file.metadata()?.len() >= SHARED;
    read_shared(file, shared)
}

/// [`read_in_pieces`], the records on two threads when `shared`.
pub(super) fn read_shared(file: &mut File, shared: bool) -> std::io::Result<Option<Book>> {
    read_with(file, shared, person_lines, None)
}

/// The book with only the people `keep` keeps, read for a search of names
/// ([`person_name_lines`]), and the fingerprint of every byte read. On this
/// thread alone: reading so little of each person, a helper thread saved no
/// time (10,000 people: 14.6 and 13.0 ms with one, 14.0 and 13.7 without)
/// and cost a copy of most of the text.
pub(super) fn read_names(
    file: &mut File,
    keep: &NamesKept,
) -> std::io::Result<Option<(Book, Checked)>> {
    let mut hasher = Hasher::default();
    let read_people = |run: &str, out: &mut Vec<Person>| person_name_lines(run, keep, out);
    let book = read_with(file, false, read_people, Some(&mut hasher))?;
    Ok(book.map(|book| (book, hasher.finish())))
}

/// [`read_shared`], people read by `read_people`, and every byte read (the
/// file's own, before a BOM is taken off) fed to `hasher` if there is one.
fn read_with(
    file: &mut File,
    shared: bool,
    read_people: impl ReadRun<Person>,
    mut hasher: Option<&mut Hasher>,
) -> std::io::Result<Option<Book>> {
    let len = file.metadata()?.len();
    std::thread::scope(|scope| {
        let mut people = Runs::new(shared.then_some(scope), read_people);
        let mut entries = Runs::new(shared.then_some(scope), entry_lines);
        let mut reader = Reader::default();
        let mut buf = Vec::with_capacity(PIECE as usize);
        let mut first = true;
        // The file's bytes read so far (and those of the lines in `buf`).
        let mut read = 0;
        loop {
            let n = (&mut *file).take(PIECE).read_to_end(&mut buf)?;
            read += n as u64;
            if let Some(hasher) = hasher.as_deref_mut() {
                hasher.write(&buf[buf.len() - n..]);
            }
            if std::mem::take(&mut first) && buf.starts_with(BOM) {
                buf.drain(..BOM.len());
            }
            if n == 0 {
                let Ok(last) = std::str::from_utf8(&buf) else {
                    return Ok(None);
                };
                let (Some(people), Some(entries)) = (people.gather(), entries.gather()) else {
                    return Ok(None);
                };
                return Ok(reader.finish_with(last, people, entries));
            }
            if let Some(nl) = memchr::memrchr(b'\n', &buf) {
                // A line break never falls inside a UTF-8 sequence.
                let Ok(lines) = std::str::from_utf8(&buf[..=nl]) else {
                    return Ok(None);
                };
                // What is left of the file from these lines on.
                let left = len.saturating_sub(read.saturating_sub(buf.len() as u64));
                if reader
                    .lines_apart(lines, &mut |list, run| match list {
                        List::People => {
                            people.make_room(run, left);
                            people.take(run)
                        }
                        List::Entries => {
                            entries.make_room(run, left);
                            entries.take(run)
                        }
                    })
                    .is_none()
                {
                    return Ok(None);
                }
                buf.drain(..=nl);
            }
        }
    })
}

/// How a run of one list's lines is read (onto the end of the list).
trait ReadRun<T>: Fn(&str, &mut Vec<T>) -> Option<()> + Copy + Send {}

impl<T, F: Fn(&str, &mut Vec<T>) -> Option<()> + Copy + Send> ReadRun<T> for F {}

/// The runs of one list's lines, read here or by the helper, in order.
struct Runs<T, R> {
    helper: Option<Helper<T>>,
    read_run: R,
    /// Runs handed out so far, and the next one to put in `read`.
    runs: usize,
    next: usize,
    /// Runs read before an earlier one came back.
    waiting: BTreeMap<usize, Vec<T>>,
    read: Vec<T>,
    /// Whether `read` has been given room for the whole list.
    sized: bool,
}

/// The other thread: runs go out with their number, and come back read (or
/// `None`, a line the fast reader gives up on).
struct Helper<T> {
    to: SyncSender<(usize, String)>,
    from: Receiver<(usize, Option<Vec<T>>)>,
}

impl<T: Send, R: ReadRun<T>> Runs<T, R> {
    /// With a helper thread in `scope`, if one is given and can be started.
    fn new<'scope>(scope: Option<&'scope Scope<'scope, '_>>, read_run: R) -> Runs<T, R>
    where
        T: 'scope,
        R: 'scope,
    {
        let helper = scope.and_then(|scope| {
            let (to, work) = sync_channel::<(usize, String)>(2);
            let (back, from) = channel();
            std::thread::Builder::new()
                .name("kith-read".into())
                .spawn_scoped(scope, move || {
                    for (run, text) in work {
                        let mut read = Vec::new();
                        let read = read_run(&text, &mut read).map(|()| read);
                        if back.send((run, read)).is_err() {
                            break;
                        }
                    }
                })
                .ok()?;
            Some(Helper { to, from })
        });
        Runs {
            helper,
            read_run,
            runs: 0,
            next: 0,
            waiting: BTreeMap::new(),
            read: Vec::new(),
            sized: false,
        }
    }

    /// Room for the whole list at once, from a run long enough to judge
    /// its lines by: as many records as the `left` bytes of the file would
    /// hold at this run's bytes per line, and a little over. The list then
    /// never grows by doubling, which copies (or leaves behind) the records
    /// read so far at the load's peak. For the entries, nearly all of what
    /// follows, that is about their number; for the people it is more (the
    /// entries follow them), but room never filled costs address space, not
    /// memory, and the reader gives it back (`shrink_to_fit`).
    fn make_room(&mut self, run: &str, left: u64) {
        /// Lines enough to judge the rest by.
        const SAMPLE: usize = 256;
        /// No record's line is shorter: `    (id: 1, date: "2026-01-01",
        /// people: [], kind: "", summary: ""),` is 67 bytes. A run of
        /// shorter lines (which the reader then gives up on) gets no more
        /// room than that allows.
        const SHORTEST: usize = 64;
        if self.sized {
            return;
        }
        let lines = memchr::memchr_iter(b'\n', run.as_bytes()).count();
        if lines < SAMPLE {
            return;
        }
        self.sized = true;
        let per_line = (run.len() / lines).max(SHORTEST) as u64;
        let records = usize::try_from(left / per_line).unwrap_or(usize::MAX);
        let records = records.saturating_add(records / 16);
        self.read.reserve(records.saturating_sub(self.read.len()));
    }

    /// Most runs to the helper, the rest read here.
    fn take(&mut self, run: &str) -> Option<()> {
        let number = self.runs;
        self.runs += 1;
        match &self.helper {
            // Two runs in three: this thread also reads the file, checks it
            // is UTF-8 and puts the runs back in order (measured on the
            // heavy book: a load's median 55 ms at one in two, 48 at two in
            // three, no better at three in four).
            Some(helper) if number % 3 != 2 => helper.to.send((number, run.to_owned())).ok()?,
            _ => {
                let mut read = Vec::new();
                (self.read_run)(run, &mut read)?;
                self.came_back(number, read);
            }
        }
        // What the helper has finished meanwhile, without waiting for it.
        while let Some((number, read)) = self.helper.as_ref().and_then(|h| h.from.try_recv().ok()) {
            self.came_back(number, read?);
        }
        Some(())
    }

    fn came_back(&mut self, number: usize, read: Vec<T>) {
        self.waiting.insert(number, read);
        while let Some(mut read) = self.waiting.remove(&self.next) {
            self.read.append(&mut read);
            self.next += 1;
        }
    }

    /// Every record, in the file's order, once the helper is done.
    fn gather(mut self) -> Option<Vec<T>> {
        if let Some(Helper { to, from }) = self.helper.take() {
            drop(to);
            for (number, read) in from {
                self.came_back(number, read?);
            }
        }
        (self.next == self.runs).then_some(self.read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entry;

    type EntryLines = fn(&str, &mut Vec<Entry>) -> Option<()>;

    fn runs() -> Runs<Entry, EntryLines> {
        Runs::new(None, entry_lines as EntryLines)
    }

    #[test]
    fn entries_get_room_once_for_the_rest_of_the_file_and_no_more_than_lines_allow() {
        let line = "    (id: 1, date: \"2026-01-01\", people: [1], kind: \"call\", \
                    summary: \"coffee at the corner\"),\n";
        let run = line.repeat(300);
        let mut entries = runs();
        entries.make_room(&line.repeat(10), 1 << 20);
        assert_eq!(entries.read.capacity(), 0, "too few lines to judge by");
        // The rest of the file ten such runs long: their records, a little over.
        entries.make_room(&run, 10 * run.len() as u64);
        let room = entries.read.capacity();
        assert!((3000..=3000 + 3000 / 16 + 1).contains(&room), "{room}");
        entries.make_room(&run, 100 * run.len() as u64);
        assert_eq!(entries.read.capacity(), room, "once");
        // Lines shorter than any record's: room as for the shortest.
        let mut short = runs();
        short.make_room(&"\n".repeat(300), 64 * 1000);
        let room = short.read.capacity();
        assert!((1000..=1000 + 1000 / 16 + 1).contains(&room), "{room}");
    }
}
