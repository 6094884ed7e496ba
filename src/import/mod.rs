//! Bringing people in from other tools: LinkedIn's `Connections.csv`, Google
//! Contacts and Outlook CSV, vCard (a file, or a folder such as a vdirsyncer
//! storage), and kith's own CSV. Each format is recognised by its header
//! ([`detect`]); its parser turns text into [`Parsed`] records, whose values
//! are then checked ([`values`]); [`merge`] turns the records into one
//! [`Op::Batch`](crate::model::Op) against a book, matching people already
//! there so a re-import never duplicates anyone and never merges strangers.

pub mod detect;
pub mod google;
mod keys;
pub mod kith_csv;
pub mod linkedin;
mod merge;
pub mod outlook;
mod read;
mod report;
mod table;
pub mod values;
pub mod vcard;
mod vdir;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Book, Op, OpError, Person};
use crate::store::{Store, StoreError};
use crate::vcard::kith as kith_fields;

pub use keys::{On, link_key, possible_duplicates, profile_key};
pub use merge::plan;
pub use read::{parse_path, recognise_path};
pub use report::{Duplicate, Merge, Report};

/// The formats kith reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    LinkedIn,
    Google,
    Outlook,
    VCard,
    /// kith's own `export csv`.
    KithCsv,
}

impl Source {
    pub const ALL: [Source; 5] = [
        Source::LinkedIn,
        Source::Google,
        Source::Outlook,
        Source::VCard,
        Source::KithCsv,
    ];

    /// The name used on the command line and as the default tag.
    pub fn name(self) -> &'static str {
        match self {
            Source::LinkedIn => "linkedin",
            Source::Google => "google",
            Source::Outlook => "outlook",
            Source::VCard => "vcard",
            Source::KithCsv => "csv",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Source::LinkedIn => "a LinkedIn Connections.csv",
            Source::Google => "a Google Contacts CSV",
            Source::Outlook => "an Outlook contacts CSV",
            Source::VCard => "a vCard file",
            Source::KithCsv => "a kith CSV export",
        }
    }

    /// The tag imported people get by default (none for kith's own CSV,
    /// whose people carry their own tags).
    pub fn default_tag(self) -> &'static str {
        match self {
            Source::KithCsv => "",
            other => other.name(),
        }
    }
}

/// One person read from the file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub at: Place,
    pub person: Person,
    /// For a card of a vdir kith syncs with: the card as kith last wrote or
    /// read it there, so the import is three-way (see `export::vdir_state`).
    pub base: Option<Box<Person>>,
    /// Who introduced them, as the record names them: a kith id (`p3`, as
    /// kith's CSV and cards write it) or another card's UID. Resolved against
    /// the other records of the same file or folder first (the merge), so a
    /// round trip keeps it whatever ids the reading book has.
    pub introduced_by: Option<String>,
}

/// Where in the input something was: a line, and the file when a folder was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub file: Option<PathBuf>,
    pub line: usize,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) if self.line == 0 => write!(f, "{}", file.display()),
            Some(file) => write!(f, "{}:{}", file.display(), self.line),
            None => write!(f, "line {}", self.line),
        }
    }
}

/// A row that was left out (or a field that was dropped), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Place,
    pub why: String,
}

impl Problem {
    pub fn at_line(line: usize, why: impl Into<String>) -> Problem {
        Problem {
            at: Place { file: None, line },
            why: why.into(),
        }
    }
}

/// What a parser made of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub records: Vec<Record>,
    /// Rows that yielded no person.
    pub skipped: Vec<Problem>,
    /// Rows imported with a field left out (say, a date that does not parse).
    pub warnings: Vec<Problem>,
    /// Cards of a synced vdir that did not change since kith last saw them
    /// (not read again).
    pub unchanged_cards: usize,
    /// Those cards' files and UIDs: read after all for anyone the book does
    /// not hold (a kith vdir imported into another book).
    pub unchanged_files: Vec<(PathBuf, String)>,
    /// Cards of a synced vdir deleted elsewhere: where each was, and its UID.
    pub gone: Vec<(Place, String)>,
    /// The synced vdirs' states as they are once this import is saved.
    pub states: Vec<(PathBuf, crate::store::vdir_state::State)>,
}

impl Parsed {
    pub(crate) fn record(&mut self, line: usize, person: Person) {
        self.record_introduced(line, person, None);
    }

    /// A record that names who introduced them ([`Record::introduced_by`]).
    pub(crate) fn record_introduced(
        &mut self,
        line: usize,
        mut person: Person,
        introduced_by: Option<String>,
    ) {
        person.met.introduced_by = None;
        self.records.push(Record {
            at: Place { file: None, line },
            person,
            base: None,
            introduced_by: introduced_by.filter(|b| !b.trim().is_empty()),
        });
    }

    pub(crate) fn skip(&mut self, line: usize, why: impl Into<String>) {
        self.skipped.push(Problem::at_line(line, why));
    }

    pub(crate) fn warn(&mut self, line: usize, why: impl Into<String>) {
        self.warnings.push(Problem::at_line(line, why));
    }

    /// Marks every place as being in `file` (when a folder is read).
    fn in_file(mut self, file: &Path) -> Parsed {
        let places = self.records.iter_mut().map(|r| &mut r.at).chain(
            self.skipped
                .iter_mut()
                .chain(self.warnings.iter_mut())
                .map(|p| &mut p.at),
        );
        for at in places {
            at.file = Some(file.to_path_buf());
        }
        self
    }

    fn extend(&mut self, other: Parsed) {
        self.records.extend(other.records);
        self.skipped.extend(other.skipped);
        self.warnings.extend(other.warnings);
        self.unchanged_cards += other.unchanged_cards;
        self.unchanged_files.extend(other.unchanged_files);
        self.gone.extend(other.gone);
        self.states.extend(other.states);
    }
}

/// The text is not the named format at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotFormat(pub String);

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: not {}: {why}", path.display(), source_kind.describe())]
    NotFormat {
        path: PathBuf,
        source_kind: Source,
        why: String,
    },
    #[error(
        "{}: kith cannot tell the format; name it: kith import linkedin|google|outlook|vcard|csv FILE",
        path.display()
    )]
    Unknown { path: PathBuf },
    #[error("{}: {why}", path.display())]
    Undecodable { path: PathBuf, why: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    /// The CLI's exit code: 2 for input that is not the format, else 1
    /// (or the store's own code).
    pub fn exit_code(&self) -> i32 {
        match self {
            ImportError::NotFormat { .. }
            | ImportError::Unknown { .. }
            | ImportError::Undecodable { .. } => 2,
            ImportError::Io { .. } => 1,
            ImportError::Store(e) => e.exit_code(),
        }
    }
}

/// Parses text in the given format. Text of another format is refused,
/// naming the command that reads it; values are checked ([`values`]).
pub fn parse_text(source: Source, text: &str) -> Result<Parsed, NotFormat> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(other) = detect::recognise(text).filter(|s| *s != source) {
        return Err(NotFormat(format!(
            "this is {}: use `kith import {} FILE`",
            other.describe(),
            other.name()
        )));
    }
    let mut parsed = match source {
        Source::LinkedIn => linkedin::parse(text),
        Source::Google => google::parse(text),
        Source::Outlook => outlook::parse(text),
        Source::VCard => vcard::parse(text),
        Source::KithCsv => kith_csv::parse(text),
    }?;
    values::check(&mut parsed);
    Ok(parsed)
}

/// Merges `parsed` into the book with one atomic save (or, with `dry_run`,
/// only says what would happen). Every imported person gets `tag`.
pub fn import(
    store: &mut Store,
    book: &mut Book,
    parsed: Parsed,
    tag: &str,
    dry_run: bool,
) -> Result<Report, ImportError> {
    if dry_run {
        return Ok(plan(book, parsed, tag).1);
    }
    let mut parsed = parsed;
    let states = std::mem::take(&mut parsed.states);
    // Planned on the freshest book, under the lock, so ids never collide with
    // a change another process made meanwhile. Nothing to do means no save
    // (which would also rotate a backup away).
    let mut report = Report::default();
    let result = store.update(book, |fresh| {
        let (ops, r) = plan(fresh, parsed, tag);
        report = r;
        match ops.is_empty() {
            true => Err(OpError::Rejected(NOTHING_TO_DO.into())),
            false => Ok(Op::Batch(ops)),
        }
    });
    match result {
        Ok(_) => {}
        Err(StoreError::Op(OpError::Rejected(why))) if why == NOTHING_TO_DO => {}
        Err(e) => return Err(e.into()),
    }
    // Only once the book holds what the cards said: a state saved first and
    // a failed save would make the next import miss the changes.
    for (dir, state) in states {
        state.save(&dir).map_err(|source| ImportError::Io {
            path: dir.join(crate::store::vdir_state::FILE),
            source,
        })?;
    }
    Ok(report)
}

const NOTHING_TO_DO: &str = "the import changes nothing";
