//! LinkedIn's `Connections.csv`: a `Notes:` preamble (sometimes quoted, over
//! several lines), then `First Name,Last Name,URL,Email Address,Company,
//! Position,Connected On`. E-mails are often empty (or, in some exports, a
//! `urn:li:member:…` that the values' check leaves out); dates read
//! `12 Mar 2024` (older exports: `7-Feb-22`, and in 2018 `1/8/18, 6:14 PM`).

use chrono::NaiveDate;

use super::table::{Columns, rows};
use super::{NotFormat, Parsed};
use crate::model::{Person, PersonId};

/// The how-met context every LinkedIn connection gets.
pub const CONTEXT: &str = "LinkedIn";

/// How far to look for the header before deciding this is not LinkedIn's file.
const HEADER_WITHIN_ROWS: usize = 20;

pub fn parse(text: &str) -> Result<Parsed, NotFormat> {
    let mut parsed = Parsed::default();
    let mut columns: Option<Columns> = None;
    for (n, row) in rows(text).enumerate() {
        let row = match row {
            Ok(row) => row,
            Err((line, why)) => {
                if columns.is_some() {
                    parsed.skip(line, why);
                }
                continue;
            }
        };
        let Some(cols) = &columns else {
            if is_header(&row.fields) {
                columns = Some(Columns::new(&row.fields));
            } else if n >= HEADER_WITHIN_ROWS {
                break;
            }
            continue;
        };
        if row.is_blank() {
            continue;
        }
        if row.fields.len() < cols.names.len() {
            parsed.skip(
                row.line,
                format!(
                    "{} fields where the header has {}",
                    row.fields.len(),
                    cols.names.len()
                ),
            );
            continue;
        }
        let first = cols.get(&row, "First Name").unwrap_or("");
        let last = cols.get(&row, "Last Name").unwrap_or("");
        let name = format!("{first} {last}").trim().to_string();
        if name.is_empty() {
            parsed.skip(row.line, "no name");
            continue;
        }
        let mut p = Person::new(PersonId(0), name);
        p.links.extend(cols.get(&row, "URL").map(str::to_string));
        p.emails
            .extend(cols.get(&row, "Email Address").map(str::to_string));
        p.org = cols.get(&row, "Company").map(str::to_string);
        p.title = cols.get(&row, "Position").map(str::to_string);
        p.met.context = Some(CONTEXT.to_string());
        if let Some(on) = cols.get(&row, "Connected On") {
            match parse_date(on) {
                Some(d) => p.met.date = Some(d),
                None => parsed.warn(
                    row.line,
                    format!("`Connected On` date `{on}` not understood; left out"),
                ),
            }
        }
        parsed.record(row.line, p);
    }
    if columns.is_none() {
        return Err(NotFormat(
            "no `First Name,Last Name,URL,…,Connected On` header row near the top".into(),
        ));
    }
    Ok(parsed)
}

pub(super) fn is_header(fields: &[String]) -> bool {
    let has = |name: &str| fields.iter().any(|f| f.eq_ignore_ascii_case(name));
    has("First Name")
        && has("Last Name")
        && (has("Connected On") || has("URL"))
        && !has("Middle Name")
}

/// `12 Mar 2024`, `7-Feb-22`, `2024-03-12`, `03/12/2024` (month first, as the
/// US-locale export writes it), `1/8/18, 6:14 PM` (2018: the time is dropped).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    if let Some((day, time)) = s.trim().split_once(", ")
        && time.contains(':')
    {
        return ["%m/%d/%y", "%m/%d/%Y"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(day.trim(), f).ok());
    }
    const FORMATS: &[&str] = &[
        "%d %b %Y",
        "%d-%b-%y",
        "%d-%b-%Y",
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%d %B %Y",
        "%b %d, %Y",
    ];
    let s = s.trim();
    FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_in_every_form_linkedin_has_written() {
        assert_eq!(parse_date("12 Mar 2024"), Some(d("2024-03-12")));
        assert_eq!(parse_date("7-Feb-22"), Some(d("2022-02-07")));
        assert_eq!(parse_date("07 feb 2022"), Some(d("2022-02-07")));
        assert_eq!(parse_date("2024-03-12"), Some(d("2024-03-12")));
        assert_eq!(parse_date("1/8/18, 6:14 PM"), Some(d("2018-01-08")));
        assert_eq!(parse_date("12/31/18, 11:59 AM"), Some(d("2018-12-31")));
        assert_eq!(parse_date("sometime"), None);
    }

    #[test]
    fn header_after_a_quoted_preamble_with_commas_and_line_breaks() {
        let text = "Notes:\n\"When exporting, some e-mails are missing,\nsee help.\"\n\n\
            First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
            Ana,García,https://www.linkedin.com/in/ana,,\"Acme, Inc.\",CTO,12 Mar 2024\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.records.len(), 1);
        let r = &parsed.records[0];
        assert_eq!(r.at.line, 6);
        assert_eq!(r.person.org.as_deref(), Some("Acme, Inc."));
        assert!(r.person.emails.is_empty());
        assert_eq!(r.person.met.date, Some(d("2024-03-12")));
    }

    #[test]
    fn a_csv_that_is_not_linkedin_is_refused() {
        let err = parse("Name,Phone\nAna,123\n").unwrap_err();
        assert!(err.0.contains("header"), "{err}");
        let google = "First Name,Middle Name,Last Name,URL\nAna,,B,x\n";
        assert!(parse(google).is_err());
    }

    #[test]
    fn short_rows_and_nameless_rows_are_skipped_with_their_line() {
        let text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
            Ana,B\n,,https://x,,,,1 Jan 2020\nBo,C,,,,,never\n";
        let parsed = parse(text).unwrap();
        let lines: Vec<_> = parsed.skipped.iter().map(|p| p.at.line).collect();
        assert_eq!(lines, vec![2, 3]);
        assert_eq!(parsed.records.len(), 1);
        assert_eq!(parsed.warnings[0].at.line, 4);
        assert_eq!(parsed.records[0].person.met.date, None);
    }
}
