//! What an import did (or, for a dry run, would do): counts, every merge (who
//! into whom, on what), every possible duplicate, and what was left out.

use std::fmt;

use super::keys::On;
use super::{Place, Problem};

/// A record that was found to be someone already known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    pub at: Place,
    /// The name the record had.
    pub name: String,
    /// Who it was merged into: `Ana García (p3)` or `Ana García (line 4)`.
    pub into: String,
    pub on: On,
    /// Into a row earlier in the same file (else into someone in the book).
    pub in_file: bool,
}

/// A new person with the same name as someone else and nothing more in
/// common, or who shares an e-mail or phone with someone of another name:
/// kept apart, and said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub at: Place,
    pub name: String,
    pub of: String,
    /// What they share: `same name only`, `same e-mail x, another name`.
    pub why: String,
}

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
    /// Every merge that changed someone or joined two rows.
    pub merges: Vec<Merge>,
    pub duplicates: Vec<Duplicate>,
    /// Who is added (with the record's place) and who is updated, for a dry run.
    pub added_names: Vec<(Place, String)>,
    pub updated_names: Vec<String>,
    pub skipped: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// People whose card was deleted elsewhere, archived (name and where).
    pub archived: Vec<String>,
    /// Values changed both in kith and on a card: how many kept in notes.
    pub clashes: usize,
    /// vCard lines kept verbatim (properties kith does not model, labels).
    pub kept_verbatim: usize,
}

impl Report {
    /// The names a dry run lists: one line each, `add …` and `update …`.
    pub fn names(&self) -> String {
        let mut out = String::new();
        for (at, name) in &self.added_names {
            out.push_str(&format!("\n  add {name} ({at})"));
        }
        for name in &self.updated_names {
            out.push_str(&format!("\n  update {name}"));
        }
        out
    }
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
        if !self.duplicates.is_empty() {
            write!(f, ", {} possible duplicates", self.duplicates.len())?;
        }
        if !self.archived.is_empty() {
            write!(f, ", archived {}", self.archived.len())?;
        }
        if self.kept_verbatim > 0 {
            write!(f, ", {} vCard lines kept verbatim", self.kept_verbatim)?;
        }
        for a in &self.archived {
            write!(
                f,
                "\n  archived {a}: the card was deleted elsewhere (history kept; `kith archive --undo` brings the card back)"
            )?;
        }
        if self.clashes > 0 {
            write!(
                f,
                "\n  {} values changed both in kith and on a card: kept in the notes as `kith merge:` lines",
                self.clashes
            )?;
        }
        for m in &self.merges {
            let row = match m.at.line {
                0 => String::new(),
                _ => format!("{} ", m.at),
            };
            write!(
                f,
                "\n  merged {row}“{}” into {} on {}",
                m.name, m.into, m.on
            )?;
        }
        for d in &self.duplicates {
            write!(
                f,
                "\n  possible duplicate {}: “{}” of {} ({}; kept apart, see `kith check`)",
                d.at, d.name, d.of, d.why
            )?;
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
