//! RON as kith reads and writes it — the book, the config, a person in the
//! editor — and how a file that does not parse is told: its path, line and
//! column, and ron's message made plain. Below both `store` and `config`,
//! so neither reaches into the other for it.

use std::path::{Path, PathBuf};

/// RON as kith reads and writes it: optional fields are written bare
/// (`org: "Acme"`), and `Some("Acme")` is read as well.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

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
