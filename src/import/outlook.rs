//! Outlook's contacts CSV, desktop and web (outlook.com): `First Name,Middle
//! Name,Last Name,…,E-mail Address,E-mail 2 Address,E-mail 3 Address,…`,
//! phones in columns named `… Phone` (faxes left out), `Company`, `Job
//! Title`, `Web Page`, `Birthday` as `M/D/YYYY` (`0/0/00` means none),
//! `Notes`, and `Categories` (`;`-separated) as tags.

use chrono::{Datelike, NaiveDate};

use super::table::{Columns, Row, rows};
use super::{NotFormat, Parsed};
use crate::model::{Address, Birthday, Person, PersonId};

/// Outlook's header: the name columns and a column only Outlook writes.
pub(super) fn is_header(cols: &Columns) -> bool {
    let outlook_only = [
        "E-mail Address",
        "Job Title",
        "Business Phone",
        "Mobile Phone",
        "Web Page",
    ];
    cols.has("First Name") && cols.has("Last Name") && outlook_only.iter().any(|c| cols.has(c))
}

pub fn parse(text: &str) -> Result<Parsed, NotFormat> {
    let mut all = rows(text);
    let header = match all.next() {
        Some(Ok(row)) => row,
        _ => return Err(NotFormat("the file is empty".into())),
    };
    let cols = Columns::new(&header.fields);
    if !is_header(&cols) {
        return Err(NotFormat(
            "the first row is not Outlook's `First Name,Middle Name,Last Name,…,E-mail Address,…` header"
                .into(),
        ));
    }
    let phones: Vec<usize> = (0..cols.names.len())
        .filter(|i| {
            let n = cols.names[*i].to_ascii_lowercase();
            (n.contains("phone") || n == "pager") && !n.contains("assistant")
        })
        .collect();
    let mut parsed = Parsed::default();
    for row in all {
        let row = match row {
            Ok(row) => row,
            Err((line, why)) => {
                parsed.skip(line, why);
                continue;
            }
        };
        if row.is_blank() {
            continue;
        }
        let get = |name: &str| cols.get(&row, name).map(str::to_string);
        let mut p = Person::new(PersonId(0), "");
        for c in ["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"] {
            p.emails.extend(get(c));
        }
        p.phones = phones
            .iter()
            .filter_map(|i| row.fields.get(*i))
            .filter(|f| !f.is_empty())
            .cloned()
            .collect();
        p.org = get("Company");
        p.title = get("Job Title");
        p.addresses = addresses(&cols, &row);
        p.links.extend(get("Web Page"));
        p.links.extend(get("Personal Web Page"));
        p.nicknames.extend(get("Nickname"));
        p.notes = get("Notes").unwrap_or_default();
        p.tags = get("Categories")
            .map(|c| {
                c.split([';', ','])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if let Some(b) = get("Birthday") {
            match birthday(&b) {
                Ok(bd) => p.birthday = bd,
                Err(()) => {
                    parsed.warn(row.line, format!("birthday `{b}` not understood; left out"))
                }
            }
        }
        let words: Vec<String> = ["Title", "First Name", "Middle Name", "Last Name", "Suffix"]
            .iter()
            .filter_map(|c| get(c))
            .collect();
        p.name = match Some(words.join(" ")).filter(|n| !n.is_empty()) {
            Some(n) => n,
            None => match p.org.clone().or_else(|| p.emails.first().cloned()) {
                Some(n) => n,
                None => {
                    parsed.skip(row.line, "no name, company or e-mail");
                    continue;
                }
            },
        };
        parsed.record(row.line, p);
    }
    Ok(parsed)
}

/// `Business Street` (2, 3), `… City`, `… State`, `… Postal Code`,
/// `… Country/Region` (`… Country` in outlook.com's), `… PO Box`, for the
/// business, home and other address, labelled `work`, `home`, `other`.
fn addresses(cols: &Columns, row: &Row) -> Vec<Address> {
    let mut out = Vec::new();
    for (prefix, label) in [("Business", "work"), ("Home", "home"), ("Other", "other")] {
        let get = |part: &str| {
            cols.get(row, &format!("{prefix} {part}"))
                .unwrap_or("")
                .to_string()
        };
        let street = ["Street", "Street 2", "Street 3", "PO Box"]
            .into_iter()
            .map(get)
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let country = Some(get("Country/Region"))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| get("Country"));
        let a = Address {
            label: label.to_string(),
            street,
            locality: get("City"),
            region: get("State"),
            postal_code: get("Postal Code"),
            country,
        }
        .trimmed();
        if !a.is_empty() {
            out.push(a);
        }
    }
    out
}

/// `M/D/YYYY` (Outlook's US form; `0/0/00` is "none"), or ISO.
fn birthday(s: &str) -> Result<Option<Birthday>, ()> {
    let s = s.trim();
    if s.split('/').all(|p| p.trim_start_matches('0').is_empty()) {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(s, "%m/%d/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .map_err(|_| ())?;
    Ok(Birthday::new(Some(date.year()), date.month(), date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desktop_columns() {
        let text = "Title,First Name,Middle Name,Last Name,Suffix,Company,Job Title,Business Phone,\
            Business Fax,Mobile Phone,Birthday,Categories,E-mail Address,E-mail 2 Address,Notes,Web Page\n\
            Dr.,Ana,,García,,Acme,CTO,+1 555 0100,+1 555 0199,+1 555 0101,3/14/1985,Work;VIP,\
            ana@acme.com,ana@home.net,\"two\nlines\",www.acme.com\n\
            ,Bo,,,,,,,,,0/0/00,,,,,\n";
        let parsed = parse(text).unwrap();
        let p = &parsed.records[0].person;
        assert_eq!(p.name, "Dr. Ana García");
        assert_eq!(p.emails, vec!["ana@acme.com", "ana@home.net"]);
        assert_eq!(p.phones, vec!["+1 555 0100", "+1 555 0101"], "no fax");
        assert_eq!(
            (p.org.as_deref(), p.title.as_deref()),
            (Some("Acme"), Some("CTO"))
        );
        assert_eq!(p.birthday.unwrap().to_string(), "1985-03-14");
        assert_eq!(p.tags, vec!["Work", "VIP"]);
        assert_eq!(p.notes, "two\nlines");
        assert_eq!(p.links, vec!["www.acme.com"]);
        assert_eq!(parsed.records[1].person.birthday, None);
        assert!(parsed.warnings.is_empty());
    }
}
