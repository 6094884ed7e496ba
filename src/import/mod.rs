//! Bringing people in from other tools: LinkedIn's `Connections.csv`, Google
//! Contacts CSV and vCard. Each format has a parser that turns text into
//! [`Parsed`] records (or says the text is not that format at all); [`merge`]
//! turns the records into one [`Op::Batch`](crate::model::Op) against a book,
//! matching people already there so a re-import never duplicates anyone.

pub mod google;
pub mod linkedin;
mod merge;
mod table;
pub mod vcard;
mod vcard_line;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Book, Op, OpError, Person};
use crate::store::{Store, StoreError};

pub use merge::{link_key, plan};

/// The formats kith reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    LinkedIn,
    Google,
    VCard,
}

impl Source {
    /// The name used on the command line and as the default tag.
    pub fn name(self) -> &'static str {
        match self {
            Source::LinkedIn => "linkedin",
            Source::Google => "google",
            Source::VCard => "vcard",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Source::LinkedIn => "a LinkedIn Connections.csv",
            Source::Google => "a Google Contacts CSV",
            Source::VCard => "a vCard file",
        }
    }
}

/// One person read from the file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub at: Place,
    pub person: Person,
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
}

impl Parsed {
    fn record(&mut self, line: usize, person: Person) {
        self.records.push(Record {
            at: Place { file: None, line },
            person,
        });
    }

    fn skip(&mut self, line: usize, why: impl Into<String>) {
        self.skipped.push(Problem::at_line(line, why));
    }

    fn warn(&mut self, line: usize, why: impl Into<String>) {
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
            ImportError::NotFormat { .. } => 2,
            ImportError::Io { .. } => 1,
            ImportError::Store(e) => e.exit_code(),
        }
    }
}

/// Parses text in the given format.
pub fn parse_text(source: Source, text: &str) -> Result<Parsed, NotFormat> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match source {
        Source::LinkedIn => linkedin::parse(text),
        Source::Google => google::parse(text),
        Source::VCard => vcard::parse(text),
    }
}

/// Reads and parses a file, or for vCard a folder of `.vcf` files (in name
/// order). Bytes that are not UTF-8 are replaced, and the rows holding them
/// still read.
pub fn parse_path(source: Source, path: &Path) -> Result<Parsed, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let not_format = |why: String| ImportError::NotFormat {
        path: path.to_path_buf(),
        source_kind: source,
        why,
    };
    if source == Source::VCard && path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("vcf")))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(not_format("the folder holds no .vcf files".into()));
        }
        let mut all = Parsed::default();
        for file in files {
            let text = read_text(&file, source)?;
            match parse_text(source, &text) {
                Ok(parsed) => all.extend(parsed.in_file(&file)),
                Err(NotFormat(why)) => all.skipped.push(Problem {
                    at: Place {
                        file: Some(file.clone()),
                        line: 1,
                    },
                    why,
                }),
            }
        }
        return Ok(all);
    }
    let text = read_text(path, source)?;
    parse_text(source, &text).map_err(|NotFormat(why)| not_format(why))
}

fn read_text(path: &Path, source: Source) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        // A careless vCard writer may fold in the middle of a UTF-8 sequence:
        // unfold the bytes first (RFC 6350 §3.2), then decode.
        Err(e) if source == Source::VCard => {
            String::from_utf8_lossy(&unfold_bytes(e.as_bytes())).into_owned()
        }
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Removes every line break followed by a space or tab.
fn unfold_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let brk = match &bytes[i..] {
            [b'\r', b'\n', b' ' | b'\t', ..] => 3,
            [b'\n', b' ' | b'\t', ..] => 2,
            _ => 0,
        };
        if brk == 0 {
            out.push(bytes[i]);
            i += 1;
        } else {
            i += brk;
        }
    }
    out
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// People new to the book.
    pub added: usize,
    /// People already in the book who gained a field, a contact or the tag.
    pub updated: usize,
    /// People already in the book the file had nothing new about.
    pub unchanged: usize,
    /// Rows that matched a row earlier in the same file and were merged into it.
    pub merged_in_file: usize,
    pub skipped: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "added {}, updated {}, unchanged {}, skipped {}",
            self.added,
            self.updated,
            self.unchanged,
            self.skipped.len()
        )?;
        if self.merged_in_file > 0 {
            write!(f, " ({} duplicate rows merged)", self.merged_in_file)?;
        }
        for p in &self.skipped {
            write!(f, "\n  skipped {}: {}", p.at, p.why)?;
        }
        for p in &self.warnings {
            write!(f, "\n  note {}: {}", p.at, p.why)?;
        }
        Ok(())
    }
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
        Ok(_) => Ok(report),
        Err(StoreError::Op(OpError::Rejected(why))) if why == NOTHING_TO_DO => Ok(report),
        Err(e) => Err(e.into()),
    }
}

const NOTHING_TO_DO: &str = "the import changes nothing";
