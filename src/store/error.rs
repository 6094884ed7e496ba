//! What can go wrong with the book's file, and how each failure reads.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::OpError;

use super::LOCK_WAIT;

/// A file that does not parse or does not hold a valid book: where, and what.
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
            message: ron_message(&err.code),
        }
    }
}

/// ron's message, except for an unknown field, which names the record it is
/// in the way a user thinks of it and suggests the field a typo meant.
fn ron_message(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let within = match outer.as_deref() {
                Some("Book") => " in the book",
                Some("Person") => " in a person",
                Some("Entry") => " in an entry",
                Some("HowMet") => " in a person's `met`",
                Some("ReviewProgress") => " in the review",
                _ => "",
            };
            let mut message = format!("unknown field '{found}'{within}");
            if let Some(near) = nearest(found, expected) {
                message.push_str(&format!(" — did you mean '{near}'?"));
            }
            message
        }
        other => other.to_string(),
    }
}

/// The known name closest to `found`, when it is close enough to be a typo.
fn nearest<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&found.to_lowercase(), k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Everything wrong with a file that parses but is not a valid book (duplicate
/// ids, dangling references, …), one problem a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<ParseError>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The file parses, but does not hold a valid book.
    #[error("{0}")]
    Invalid(Problems),
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
    /// The book was loaded from a file that is no longer there. Nothing is
    /// written until the caller says a new file is wanted ([`super::Store::recreate`]).
    #[error(
        "{}: the book is gone (deleted or moved since it was read); nothing was written",
        path.display()
    )]
    Vanished { path: PathBuf },
    /// A symbolic link to a file that does not exist.
    #[error("{}: a link to {}, which does not exist; nothing was read or written", path.display(), target.display())]
    DanglingLink { path: PathBuf, target: PathBuf },
    /// The book's file is not writable by its owner (e.g. mode 0444).
    #[error("{}: the book is read-only; make it writable (chmod u+w) to change it; nothing was written", path.display())]
    ReadOnly { path: PathBuf },
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
            StoreError::Parse(_)
            | StoreError::Invalid(_)
            | StoreError::NewerVersion { .. }
            | StoreError::Op(_) => 2,
            StoreError::Busy { .. }
            | StoreError::Io { .. }
            | StoreError::Vanished { .. }
            | StoreError::DanglingLink { .. }
            | StoreError::ReadOnly { .. } => 1,
        }
    }

    pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
        move |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_suggests_the_field_it_meant() {
        assert_eq!(
            nearest("phone", &["name", "phones", "emails"]),
            Some("phones")
        );
        assert_eq!(
            nearest("eMails", &["name", "phones", "emails"]),
            Some("emails")
        );
        assert_eq!(nearest("zzzz", &["name", "phones", "emails"]), None);
    }
}
