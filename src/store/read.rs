//! From the file's bytes to a valid book: UTF-8 (a BOM allowed), the fast
//! reader or ron, the version, the book's own rules, and warnings about what a
//! save would not keep (comments).

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::model::{Book, FORMAT_VERSION};

use super::layout::{Layout, line_col};
use super::pieces::BOM;
use super::validate::{positioned, problems};
use super::{ParseError, Problems, StoreError, fast_read, ron_options};

/// A book as read, with what the reader should be told about the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub book: Book,
    /// `file:line:col: …` lines about the file that are not errors: a
    /// hand-written comment, which the next save will not keep.
    pub warnings: Vec<String>,
}

/// A book file named from outside the store — git's versions of the book
/// handed to the merge driver — read and parsed as the book is (a piece at a
/// time, see [`load_file`]). When `empty_is_a_book`, a file of only
/// whitespace is an empty book (git's empty ancestor when both sides added
/// the file).
pub fn read_book_file(path: &Path, empty_is_a_book: bool) -> Result<Loaded, StoreError> {
    let mut file = File::open(path).map_err(StoreError::io(path))?;
    match load_file(path, &mut file).map_err(|e| *e) {
        Err(Unread {
            error: StoreError::Parse(_),
            bytes,
        }) if empty_is_a_book && bytes.iter().all(u8::is_ascii_whitespace) => Ok(Loaded {
            book: Book::default(),
            warnings: Vec::new(),
        }),
        loaded => loaded.map_err(|e| e.error),
    }
}

/// Reads a book file's bytes. A file in the shape [`super::serialize_book`]
/// writes takes the fast path; anything else (hand-edited, broken, from
/// another version) is read by ron, which also positions errors. Refuses
/// newer versions, unknown fields and invalid books (duplicate ids, dangling
/// references, empty names, merge cycles), each with its line and column.
pub fn load_book(path: &Path, bytes: &[u8]) -> Result<Loaded, StoreError> {
    load_text(path, bytes, true)
}

/// [`load_book`], trying the fast reader first only when `fast`.
fn load_text(path: &Path, bytes: &[u8], fast: bool) -> Result<Loaded, StoreError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, col) = line_col(bytes, e.valid_up_to());
            return Err(ParseError {
                path: path.to_path_buf(),
                line,
                col,
                message: format!(
                    "not UTF-8 text (byte 0x{:02x}); kith books are UTF-8",
                    bytes[e.valid_up_to()]
                ),
            }
            .into());
        }
    };
    let (book, canonical) = match fast.then(|| fast_read::read_str(text)).flatten() {
        Some(book) => (book, true),
        None => (read_book_with_ron(path, bytes)?, false),
    };
    settle(path, book, canonical, || Cow::Borrowed(bytes))
}

/// The book file open in `file`, read a piece at a time into the fast
/// reader, so the whole text is never held beside the book it becomes. A file
/// the fast reader gives up on (hand-edited, broken, from another version) is
/// read again whole from the same open file and goes the way of
/// [`load_book`]. An error comes with the file's bytes, for the caller to
/// look into (a file cut short).
pub(super) fn load_file(path: &Path, file: &mut File) -> Result<Loaded, Box<Unread>> {
    let io = |e| Unread::new(StoreError::io(path)(e), Vec::new());
    let read = super::pieces::read_in_pieces(&mut *file).map_err(io)?;
    let mut whole_text = || -> std::io::Result<Vec<u8>> {
        file.seek(SeekFrom::Start(0))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    match read {
        Some(book) => settle(path, book, true, || {
            Cow::Owned(whole_text().unwrap_or_default())
        })
        .map_err(|e| Unread::new(e, whole_text().unwrap_or_default())),
        None => {
            let bytes = whole_text().map_err(io)?;
            load_text(path, &bytes, false).map_err(|e| Unread::new(e, bytes))
        }
    }
}

/// A book file that could not be read, and its bytes, for the caller to look
/// into (a file cut short).
pub(super) struct Unread {
    pub error: StoreError,
    pub bytes: Vec<u8>,
}

impl Unread {
    fn new(error: StoreError, bytes: Vec<u8>) -> Box<Unread> {
        Box::new(Unread { error, bytes })
    }
}

/// A book as parsed, checked and brought to this version: newer versions,
/// invalid books (each problem positioned in `bytes`, asked for only then)
/// refused; comments warned about (a text not in the writer's shape).
fn settle<'a>(
    path: &Path,
    mut book: Book,
    canonical: bool,
    bytes: impl FnOnce() -> Cow<'a, [u8]>,
) -> Result<Loaded, StoreError> {
    if book.version > FORMAT_VERSION {
        return Err(newer_version(path, book.version));
    }
    let found = problems(&book);
    let needs_text = !found.is_empty() || !canonical;
    let text = if needs_text {
        bytes()
    } else {
        Cow::Borrowed(&[][..])
    };
    let text = text.strip_prefix(BOM).unwrap_or(&text);
    if !found.is_empty() {
        return Err(StoreError::Invalid(Problems(positioned(
            path, text, &found,
        ))));
    }
    let warnings = if canonical {
        Vec::new()
    } else {
        comment_warnings(path, text)
    };
    if book.version < 3 {
        for p in &mut book.people {
            crate::vcard::keep::adopt_kept_addresses(p);
        }
    }
    book.version = FORMAT_VERSION; // older versions migrate on the next save
    book.normalize();
    Ok(Loaded { book, warnings })
}

/// [`load_book`] without the warnings.
pub fn parse_book(path: &Path, bytes: &[u8]) -> Result<Book, StoreError> {
    load_book(path, bytes).map(|loaded| loaded.book)
}

/// ron's reading of a book file, as it comes (no version check, no
/// normalising, no validation): the reference the fast reader is held to.
pub fn read_book_with_ron(path: &Path, bytes: &[u8]) -> Result<Book, StoreError> {
    ron_options().from_bytes::<Book>(bytes).map_err(|err| {
        // A newer file may not parse as this version's book at all (a field
        // this version does not know): say so rather than point at the field.
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

/// One warning per comment: kith rewrites the file from the book, so a
/// comment lives only until the next save.
fn comment_warnings(path: &Path, bytes: &[u8]) -> Vec<String> {
    Layout::scan(bytes)
        .comments
        .into_iter()
        .map(|at| {
            let (line, col) = line_col(bytes, at);
            format!(
                "{}:{line}:{col}: a comment, which the next save will not keep; \
                 notes about a person belong in their `notes`",
                path.display()
            )
        })
        .collect()
}

/// The position of a top-level field (e.g. `anchor`) in the text, for errors
/// found after reading.
pub fn field_error(path: &Path, bytes: &[u8], field: &str, message: String) -> ParseError {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let (line, col) = Layout::scan(bytes)
        .fields
        .get(field)
        .map_or((1, 1), |&at| line_col(bytes, at));
    ParseError {
        path: path.to_path_buf(),
        line,
        col,
        message,
    }
}
