//! Touches kith hears about by itself: past meetings from a calendar (an
//! `.ics` file or a calendar vdir) and messages from mail (a maildir or an
//! mbox, headers only), logged on the people they name by e-mail — never
//! creating anyone — and the meetings ahead. kith only reads these files.
//!
//! - [`calendar`]: events and their occurrences;
//! - [`mail`]: messages' headers, a day of mail per person;
//! - [`plan`]: what they do to a book, as one operation.

pub mod cache;
pub mod calendar;
pub mod mail;
pub mod plan;
mod report;

use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::model::{Book, Direction, Kind, Kinds, Meeting, Origin, PersonId};

pub use plan::{Plan, plan};
pub use report::Report;

/// What kind of source a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One `.ics` file.
    Ics,
    /// A folder of `.ics` files (vdirsyncer's storage for khal).
    CalendarDir,
    /// A folder with `cur/` and `new/` (or holding such folders).
    Maildir,
    Mbox,
}

impl Format {
    pub fn describe(self) -> &'static str {
        match self {
            Format::Ics => "an iCalendar file",
            Format::CalendarDir => "a calendar folder",
            Format::Maildir => "a maildir",
            Format::Mbox => "an mbox",
        }
    }
}

/// The format of `path` if it is a calendar or mail, by content: a file
/// that begins `BEGIN:VCALENDAR` or `From `; a folder holding maildir
/// folders or `.ics` files.
pub fn recognise(path: &Path) -> Option<Format> {
    if path.is_dir() {
        if mail::is_maildir(path) {
            return Some(Format::Maildir);
        }
        return calendar_files(path)
            .first()
            .filter(|f| starts_with(f, b"BEGIN:VCALENDAR"))
            .map(|_| Format::CalendarDir);
    }
    if starts_with(path, b"BEGIN:VCALENDAR") {
        Some(Format::Ics)
    } else if starts_with(path, b"From ") {
        Some(Format::Mbox)
    } else {
        None
    }
}

fn starts_with(path: &Path, head: &[u8]) -> bool {
    use std::io::Read;
    let mut buf = [0u8; 64];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = f.read(&mut buf).unwrap_or(0);
    let text = &buf[..n];
    let text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
    text.len() >= head.len() && text[..head.len()].eq_ignore_ascii_case(head)
}

/// The `.ics` files under `dir`, recursively, in path order (hidden ones
/// passed over, links not followed).
pub fn calendar_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in read.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file()
                && Path::new(&name)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("ics"))
            {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

/// A touch's key in the book (see [`crate::model::Touches`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TouchKey(pub String);

impl TouchKey {
    /// An event that happens once.
    pub fn event(uid: &str) -> TouchKey {
        TouchKey(format!("cal:{uid}"))
    }
    /// One occurrence of a recurring event, by the day it was planned for.
    pub fn occurrence(uid: &str, day: NaiveDate) -> TouchKey {
        TouchKey(format!("cal:{uid} {day}"))
    }
    /// A day of mail with one person.
    pub fn mail(person: PersonId, day: NaiveDate) -> TouchKey {
        TouchKey(format!("mail:{person} {day}"))
    }
}

/// One touch a source says happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touch {
    pub key: TouchKey,
    pub date: NaiveDate,
    pub people: Vec<PersonId>,
    pub kind: Kind,
    pub direction: Direction,
    pub summary: String,
    pub origin: Origin,
}

/// What was read from the sources, matched against the book.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub touches: Vec<Touch>,
    /// Meetings ahead, by the event's UID (the next occurrence only).
    pub meetings: BTreeMap<String, Meeting>,
    /// Every event UID read: a meeting ahead under one of them that is not
    /// in `meetings` any more was cancelled or moved to the past.
    pub uids: BTreeSet<String>,
    /// Addresses that name nobody in the book (nor you), with how often.
    pub unknown: BTreeMap<String, usize>,
    pub events: usize,
    pub messages: usize,
    /// Mailing-list and bulk messages passed over.
    pub bulk: usize,
    /// Messages seen twice (the same Message-ID in two folders).
    pub duplicates: usize,
    pub problems: Problems,
}

/// Items skipped as unreadable, and notes (a zone taken as UTC): a count
/// and the first few, each with its file and line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    pub bad: usize,
    pub bad_examples: Vec<String>,
    pub notes: usize,
    pub note_examples: Vec<String>,
}

const EXAMPLES: usize = 3;

impl Problems {
    pub fn bad(&mut self, path: &Path, line: usize, why: &str) {
        self.bad += 1;
        if self.bad_examples.len() < EXAMPLES {
            self.bad_examples.push(place(path, line, why));
        }
    }

    pub fn note(&mut self, path: &Path, line: usize, why: &str) {
        self.notes += 1;
        if self.note_examples.len() < EXAMPLES {
            self.note_examples.push(place(path, line, why));
        }
    }
}

fn place(path: &Path, line: usize, why: &str) -> String {
    let shown = crate::text::visible(&path.display().to_string()).into_owned();
    match line {
        0 => format!("{shown}: {}", crate::text::visible(why)),
        n => format!("{shown}:{n}: {}", crate::text::visible(why)),
    }
}

/// What the reading needs to know from the config.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Your own addresses, lower case.
    pub me: BTreeSet<String>,
    /// Words in an event's title and the kind they make it.
    pub calendar_kinds: BTreeMap<String, String>,
    pub kinds: Kinds,
}

impl Settings {
    pub fn new(me: &[String], calendar_kinds: &BTreeMap<String, String>, kinds: Kinds) -> Settings {
        Settings {
            me: me.iter().map(|a| a.trim().to_lowercase()).collect(),
            calendar_kinds: calendar_kinds
                .iter()
                .map(|(w, k)| (w.to_lowercase(), k.to_lowercase()))
                .collect(),
            kinds,
        }
    }

    /// The kind of an event called `title`: the first word of it that the
    /// config maps to a known kind, else `meeting`.
    pub fn kind_of(&self, title: &str) -> Kind {
        title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .find_map(|w| {
                let kind = Kind::new(self.calendar_kinds.get(&w.to_lowercase())?);
                self.kinds.get(&kind).map(|_| kind)
            })
            .unwrap_or_else(|| Kind::new("meeting"))
    }
}

/// Everyone's addresses, lower case, to whom they belong.
pub fn addresses(book: &Book) -> HashMap<String, PersonId> {
    let mut out = HashMap::new();
    for p in &book.people {
        for e in &p.emails {
            out.entry(e.trim().to_lowercase()).or_insert(p.id);
        }
    }
    out
}

/// What the sources hold, read but not yet matched against a book (read
/// outside the store's lock; matched inside it, on the freshest book).
#[derive(Debug, Default)]
pub struct Raw {
    pub calendars: Vec<(PathBuf, calendar::Calendar)>,
    pub messages: Vec<mail::Message>,
    pub problems: Problems,
}

/// Reads each path as what it is (see [`recognise`]); a path that is no
/// calendar or mail is a problem. Maildirs are read whole (see
/// [`read_cached`] for the re-scan that reads only new files).
pub fn read(paths: &[PathBuf]) -> Raw {
    read_cached(paths, None)
}

/// [`read`], with a cache folder ([`cache::dir`]) remembering what each
/// maildir's files held, so a re-scan reads only the files new since.
pub fn read_cached(paths: &[PathBuf], cache: Option<&Path>) -> Raw {
    let mut raw = Raw::default();
    for path in paths {
        let path = &home(path);
        match recognise(path) {
            Some(Format::Ics) => {
                let cal = calendar::read_file(path, &mut raw.problems);
                raw.calendars.push((path.clone(), cal));
            }
            Some(Format::CalendarDir) => {
                for file in calendar_files(path) {
                    let cal = calendar::read_file(&file, &mut raw.problems);
                    raw.calendars.push((file, cal));
                }
            }
            Some(Format::Maildir | Format::Mbox) => {
                let mut m = mail::read_messages(path, cache, &mut raw.problems);
                raw.messages.append(&mut m);
            }
            None if !path.exists() => raw.problems.bad(path, 0, "not found"),
            None => raw.problems.bad(
                path,
                0,
                "neither a calendar (.ics, a vdir) nor mail (maildir, mbox)",
            ),
        }
    }
    raw
}

/// What `raw` means for `book`: past occurrences and days of mail as
/// touches on the people they name by e-mail, the next occurrence ahead
/// per event as a meeting.
pub fn find(raw: &Raw, book: &Book, settings: &Settings, today: NaiveDate) -> Found {
    let mut found = Found {
        problems: raw.problems.clone(),
        ..Found::default()
    };
    let who = addresses(book);
    for (file, cal) in &raw.calendars {
        found.events += cal.events.len();
        let (occurrences, uids) = calendar::occurrences(cal, file, today, &mut found.problems);
        found.uids.extend(uids);
        for occ in occurrences {
            if occ
                .people
                .iter()
                .any(|(a, d)| *d && settings.me.contains(a))
            {
                continue; // you declined it
            }
            let mut people: Vec<PersonId> = Vec::new();
            for (addr, declined) in &occ.people {
                if settings.me.contains(addr) {
                    continue;
                }
                match who.get(addr) {
                    Some(id) if !declined => {
                        if !people.contains(id) {
                            people.push(*id);
                        }
                    }
                    Some(_) => {}
                    None => *found.unknown.entry(addr.clone()).or_default() += 1,
                }
            }
            if people.is_empty() {
                continue;
            }
            let summary = match occ.summary.trim() {
                "" => "(untitled event)".to_string(),
                s => crate::text::clean_line(s).into_owned(),
            };
            if occ.date >= today {
                let m = Meeting {
                    date: occ.date,
                    summary,
                    people,
                };
                match found.meetings.get(&occ.uid) {
                    Some(was) if was.date <= m.date => {}
                    _ => {
                        found.meetings.insert(occ.uid.clone(), m);
                    }
                }
                continue;
            }
            found.touches.push(Touch {
                key: occ.key,
                date: occ.date,
                people,
                kind: settings.kind_of(&summary),
                direction: Direction::Mutual,
                summary,
                origin: Origin::Calendar,
            });
        }
    }
    // The same key twice (an event in two files): the last read wins.
    let mut seen = BTreeSet::new();
    let mut kept: Vec<Touch> = Vec::with_capacity(found.touches.len());
    for t in found.touches.drain(..).rev() {
        if seen.insert(t.key.clone()) {
            kept.push(t);
        }
    }
    kept.reverse();
    found.touches = kept;
    mail::add_messages(&raw.messages, book, settings, today, &mut found);
    found
}

/// `~/x` as `$HOME/x` (config.ron is not read by a shell).
fn home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// 64-bit FNV-1a: fingerprints that are the same on every machine.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
