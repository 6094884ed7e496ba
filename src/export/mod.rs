//! Taking the book elsewhere: vCard 4.0 for address books, CSV with the derived
//! facts for spreadsheets, a Markdown report for reading, and iCalendar for
//! promises, follow-ups and birthdays. Each renders the whole book to a string;
//! writing it (to stdout or atomically to a file) is the caller's business.

pub mod csv;
pub mod google_csv;
pub mod ics;
pub mod markdown;
pub mod vcard;
pub mod vdir;

use chrono::NaiveDate;

use crate::model::{Book, Kinds};

/// The formats kith writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    VCard,
    Csv,
    Markdown,
    Ics,
    /// Google Contacts' CSV import format.
    GoogleCsv,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::VCard => "vcard",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Ics => "ics",
            Format::GoogleCsv => "Google CSV",
        }
    }
}

/// Renders the book. `today` dates the export (the iCalendar DTSTAMP, the
/// report's heading, days since contact).
pub fn render(format: Format, book: &Book, kinds: &Kinds, today: NaiveDate) -> String {
    match format {
        Format::VCard => vcard::render(book),
        Format::Csv => csv::render(book, kinds, today),
        Format::Markdown => markdown::render(book, kinds, today),
        Format::Ics => ics::render(book, today),
        Format::GoogleCsv => google_csv::render(book),
    }
}
