//! Which format a file is, from its header: a vCard's `BEGIN:VCARD`, or the
//! header row of each CSV kith reads (LinkedIn's may follow a preamble).

use super::table::{Columns, rows};
use super::{Source, google, kith_csv, linkedin, outlook, vcard};

/// How far to look for a CSV header (LinkedIn puts a `Notes:` preamble first).
const HEADER_WITHIN_ROWS: usize = 20;

/// The format of `text`, if it is one kith reads.
pub fn recognise(text: &str) -> Option<Source> {
    if vcard::looks_like_vcard(text) {
        return Some(Source::VCard);
    }
    // Only the head of the file: a 30,000-row CSV is not read twice.
    let head = match text.char_indices().nth(64 * 1024) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    rows(head)
        .take(HEADER_WITHIN_ROWS)
        .filter_map(Result::ok)
        .find_map(|row| csv_header(&row.fields))
}

/// The CSV format whose header this row is.
pub fn csv_header(fields: &[String]) -> Option<Source> {
    let cols = Columns::new(fields);
    if kith_csv::is_header(&cols) {
        Some(Source::KithCsv)
    } else if google::is_header(&cols) {
        Some(Source::Google)
    } else if outlook::is_header(&cols) {
        Some(Source::Outlook)
    } else if linkedin::is_header(fields) {
        Some(Source::LinkedIn)
    } else {
        None
    }
}
