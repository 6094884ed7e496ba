//! From the file's bytes to a valid book: UTF-8 (a BOM allowed), the fast
//! reader or ron, the version, the book's own rules, and warnings about what a
//! save would not keep (comments).

use std::path::Path;

use crate::model::{Book, FORMAT_VERSION};

use super::layout::{Layout, line_col};
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
/// handed to the merge driver — read whole and parsed as the book is. When
/// `empty_is_a_book`, a file of only whitespace is an empty book (git's
/// empty ancestor when both sides added the file).
pub fn read_book_file(path: &Path, empty_is_a_book: bool) -> Result<Loaded, StoreError> {
    let bytes = std::fs::read(path).map_err(StoreError::io(path))?;
    if empty_is_a_book && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Loaded {
            book: Book::default(),
            warnings: Vec::new(),
        });
    }
    load_book(path, &bytes)
}

/// Reads a book file's bytes. A file in the shape [`super::serialize_book`]
/// writes takes the fast path; anything else (hand-edited, broken, from
/// another version) is read by ron, which also positions errors. Refuses
/// newer versions, unknown fields and invalid books (duplicate ids, dangling
/// references, empty names, merge cycles), each with its line and column.
pub fn load_book(path: &Path, bytes: &[u8]) -> Result<Loaded, StoreError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
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
    let (mut book, canonical) = match fast_read::read_book(bytes) {
        Some(book) => (book, true),
        None => (read_book_with_ron(path, bytes)?, false),
    };
    if book.version > FORMAT_VERSION {
        return Err(newer_version(path, book.version));
    }
    let found = problems(&book);
    if !found.is_empty() {
        return Err(StoreError::Invalid(Problems(positioned(
            path, bytes, &found,
        ))));
    }
    let warnings = if canonical {
        Vec::new()
    } else {
        comment_warnings(path, bytes)
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
