//! Google Contacts CSV, in both header styles: the current one (`First Name,
//! Middle Name,Last Name,…,Labels,E-mail 1 - Value,…`) and the legacy one
//! (`Name,Given Name,Additional Name,Family Name,…,Group Membership,…`).
//! A cell may hold several values joined by ` ::: `.

use super::table::{Columns, Row, rows};
use super::{NotFormat, Parsed};
use crate::model::{Address, Person, PersonId};
use crate::vcard::fields::parse_bday;

/// Google joins several values in one cell with ` ::: ` (older exports: `:::`).
const MULTI: &str = ":::";

pub fn parse(text: &str) -> Result<Parsed, NotFormat> {
    let mut all = rows(text);
    let header = match all.next() {
        Some(Ok(row)) => row,
        _ => return Err(NotFormat("the file is empty".into())),
    };
    let cols = Columns::new(&header.fields);
    let style = Style::of(&cols)
        .filter(|_| is_header(&cols))
        .ok_or_else(|| {
            NotFormat(
                "the first row is neither Google's `First Name,Middle Name,Last Name,…` \
             header nor its legacy `Name,Given Name,…` header"
                    .into(),
            )
        })?;
    let emails = cols.numbered("E-mail ", " - Value");
    let phones = cols.numbered("Phone ", " - Value");
    let sites = cols.numbered("Website ", " - Value");
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
        let multi = |idx: &[usize]| -> Vec<String> {
            idx.iter()
                .filter_map(|i| row.fields.get(*i))
                .flat_map(|f| split_multi(f))
                .collect()
        };
        let mut p = Person::new(PersonId(0), "");
        p.emails = multi(&emails);
        p.phones = multi(&phones);
        p.links = multi(&sites);
        p.addresses = addresses(&cols, &row);
        let get = |name: &str| cols.get(&row, name).map(str::to_string);
        let (org, title) = match style {
            Style::Current => ("Organization Name", "Organization Title"),
            Style::Legacy => ("Organization 1 - Name", "Organization 1 - Title"),
        };
        p.org = get(org).and_then(|o| split_multi(&o).into_iter().next());
        p.title = get(title).and_then(|t| split_multi(&t).into_iter().next());
        p.nicknames = get("Nickname").map(|n| split_multi(&n)).unwrap_or_default();
        p.notes = get("Notes").unwrap_or_default();
        let labels = get("Labels").or_else(|| get("Group Membership"));
        // `* myContacts` and `* starred` are dropped with the other values'
        // checks (values::check); `* friends` becomes `friends`.
        p.tags = labels.map(|l| split_multi(&l)).unwrap_or_default();
        if let Some(b) = get("Birthday") {
            match parse_bday(&b) {
                Some(bd) => p.birthday = Some(bd),
                None => parsed.warn(row.line, format!("birthday `{b}` not understood; left out")),
            }
        }
        p.name = match name_of(&cols, &row, style) {
            Some(n) => n,
            None => match p.org.clone().or_else(|| p.emails.first().cloned()) {
                Some(n) => n,
                None => {
                    parsed.skip(row.line, "no name, organisation or e-mail");
                    continue;
                }
            },
        };
        parsed.record(row.line, p);
    }
    Ok(parsed)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Current,
    Legacy,
}

/// Google's own header, current or legacy: name columns and a column only
/// Google writes (Outlook's CSV has First, Middle and Last Name too).
pub(super) fn is_header(cols: &Columns) -> bool {
    let google_only = [
        "Labels",
        "Group Membership",
        "E-mail 1 - Value",
        "Phone 1 - Value",
        "Organization Name",
        "Organization 1 - Name",
    ];
    Style::of(cols).is_some() && google_only.iter().any(|c| cols.has(c))
}

impl Style {
    fn of(cols: &Columns) -> Option<Style> {
        if cols.has("First Name") && cols.has("Last Name") && cols.has("Middle Name") {
            Some(Style::Current)
        } else if cols.has("Given Name") && cols.has("Family Name") {
            Some(Style::Legacy)
        } else {
            None
        }
    }
}

fn name_of(cols: &Columns, row: &Row, style: Style) -> Option<String> {
    let parts: &[&str] = match style {
        Style::Current => &[
            "Name Prefix",
            "First Name",
            "Middle Name",
            "Last Name",
            "Name Suffix",
        ],
        Style::Legacy => &["Name"],
    };
    let joined = |parts: &[&str]| {
        let words: Vec<&str> = parts.iter().filter_map(|c| cols.get(row, c)).collect();
        Some(words.join(" ")).filter(|s| !s.is_empty())
    };
    joined(parts)
        .or_else(|| joined(&["Given Name", "Additional Name", "Family Name"]))
        .or_else(|| joined(&["File As"]))
        .or_else(|| joined(&["Nickname"]))
}

/// `Address 1 - Type` (`- Label` in newer exports), `- Street`, `- City`, `- PO Box`, `- Region`,
/// `- Postal Code`, `- Country`, `- Extended Address` (`- Formatted` when a
/// row has no parts), for every number the header has. A PO box and an
/// extended address go into the street, after it; Google's `* ` before a
/// type (its own labels) is dropped.
fn addresses(cols: &Columns, row: &Row) -> Vec<Address> {
    let mut numbers: Vec<&str> = cols
        .names
        .iter()
        .filter_map(|name| name.strip_prefix("Address "))
        .filter_map(|rest| rest.split_once(" - ").map(|(n, _)| n))
        .collect();
    numbers.dedup();
    let mut out: Vec<Address> = Vec::new();
    for n in numbers {
        let get = |part: &str| {
            cols.get(row, &format!("Address {n} - {part}"))
                .unwrap_or("")
                .to_string()
        };
        let street = [get("Street"), get("Extended Address"), get("PO Box")]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let mut a = Address {
            label: Some(get("Type"))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| get("Label"))
                .trim()
                .trim_start_matches("* ")
                .to_lowercase(),
            street,
            locality: get("City"),
            region: get("Region"),
            postal_code: get("Postal Code"),
            country: get("Country"),
        };
        if a.is_empty() {
            a.street = get("Formatted");
        }
        let a = a.trimmed();
        if !a.is_empty() && !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

fn split_multi(cell: &str) -> Vec<String> {
    cell.split(MULTI)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_values_labels_and_birthdays() {
        let text = "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,\
            Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n\
            Ana,María,García,Anita,Acme,CTO,--03-14,\"likes tea, not coffee\",\
            * myContacts ::: Friends ::: * starred,* ,a@x.org ::: ana@home.net,Mobile,+1 555\n";
        let parsed = parse(text).unwrap();
        let p = &parsed.records[0].person;
        assert_eq!(p.name, "Ana María García");
        assert_eq!(p.emails, vec!["a@x.org", "ana@home.net"]);
        assert_eq!(
            p.tags,
            vec!["* myContacts", "Friends", "* starred"],
            "checked later"
        );
        assert_eq!(p.birthday.unwrap().to_string(), "03-14");
        assert_eq!(p.notes, "likes tea, not coffee");
        assert_eq!(p.nicknames, vec!["Anita"]);
    }

    #[test]
    fn legacy_header() {
        let text = "Name,Given Name,Additional Name,Family Name,Birthday,Group Membership,\
            E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\n\
            Bo Chen,Bo,,Chen,1990-01-02,* myContacts ::: Work,* Home,bo@x.org,Initech,Dev\n\
            ,,,,,,,,,\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.records.len(), 1);
        let p = &parsed.records[0].person;
        assert_eq!(p.name, "Bo Chen");
        assert_eq!(p.org.as_deref(), Some("Initech"));
        assert_eq!(p.tags, vec!["* myContacts", "Work"]);
        assert_eq!(p.birthday.unwrap().to_string(), "1990-01-02");
    }

    #[test]
    fn lists_without_spaces_split_too() {
        assert_eq!(
            split_multi("a@x.org:::b@y.org ::: c@z.org"),
            vec!["a@x.org", "b@y.org", "c@z.org"]
        );
    }

    #[test]
    fn linkedin_file_is_not_google() {
        let text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
        assert!(parse(text).is_err());
    }
}
