//! A card's fields in vCard's words, both ways: UIDs, names, addresses,
//! birthdays, lists and links as kith writes them and reads them back, and
//! the UID of a card file.

use crate::model::{Address, Birthday, Book, Person};
use crate::vcard::escape_text;
use crate::vcard::line::{Content, split_escaped, unescape};

/// Marks a card kith wrote (a vdir export removes only such files).
pub const PRODID: &str = "PRODID:-//kith//kith export//EN";

/// The UID a person's card carries: the first UID another tool gave them
/// (so a phone or a CardDAV server finds its card again), else kith's own.
pub fn uid_of(p: &Person) -> String {
    p.uids
        .first()
        .cloned()
        .unwrap_or_else(|| format!("{}@kith", p.id))
}

/// kith's own UID for an id: `p42@kith`.
pub fn kith_id_of_uid(uid: &str) -> Option<crate::model::PersonId> {
    uid.strip_suffix("@kith")
        .and_then(crate::model::PersonId::parse)
}

/// How a card names who introduced its person: kith's id (`p3`, whose card
/// is `UID:p3@kith`) or, for someone whose card carries another tool's UID,
/// that UID, so an import finds the introducer among the other cards of the
/// file or folder, whatever ids the reading book has.
pub fn introducer_ref(id: crate::model::PersonId, book: &Book) -> String {
    match book.person(id).map(uid_of) {
        Some(uid) if kith_id_of_uid(&uid).is_none() => uid,
        _ => id.to_string(),
    }
}

/// An address as kith writes it: `ADR;TYPE=home:;;street;locality;region;code;country`
/// (no post office box or extended address: kith keeps those in the street).
pub(crate) fn adr_line(a: &Address) -> String {
    let label = a.label.replace('"', "");
    let param = if label.is_empty() {
        String::new()
    } else if label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        format!(";TYPE={label}")
    } else {
        format!(";TYPE=\"{label}\"")
    };
    let parts: Vec<String> = a.parts().iter().map(|p| escape_text(p)).collect();
    format!("ADR{param}:;;{}", parts.join(";"))
}

/// A comma-separated list value, each item escaped.
pub(crate) fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| escape_text(s))
        .collect::<Vec<_>>()
        .join(",")
}

/// `19850314`, or `--0314` without a year (RFC 6350 §4.3.1).
pub(crate) fn bday_value(b: Birthday) -> String {
    match b.year {
        Some(y) => format!("{y:04}{:02}{:02}", b.month, b.day),
        None => format!("--{:02}{:02}", b.month, b.day),
    }
}

/// A URL as strict RFC 6350 readers want it: with a scheme (`https://` when
/// it has none).
pub fn with_scheme(url: &str) -> String {
    let url = url.trim();
    let has_scheme = url.split_once(':').is_some_and(|(s, rest)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.chars().next().is_some_and(|c| c.is_ascii_digit())
    });
    if has_scheme || url.is_empty() {
        url.to_string()
    } else {
        format!("https://{url}")
    }
}

/// The N value (escaped) kith builds for a person made in kith.
pub fn n_of_name(name: &str) -> String {
    let (given, family) = split_name(name);
    format!("{};{};;;", escape_text(family), escape_text(given))
}

/// An imported N still names this person: its family and given names are
/// words of the name (after a rename in kith, N is built anew).
pub(crate) fn n_fits_name(n: &str, name: &str) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let mut parts = n.split(';');
    let (family, given) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    [family, given].iter().all(|part| {
        part.replace("\\,", " ")
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .all(|w| {
                words
                    .iter()
                    .any(|x| x.trim_matches(',') == w.to_lowercase())
            })
    })
}

/// A best guess at given and family name for N: the last word is the family
/// name. FN stays the name kith shows.
fn split_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    match name.rsplit_once(' ') {
        Some((given, family)) => (given.trim(), family),
        None => (name, ""),
    }
}

/// The address an `ADR` line holds (`pobox;ext;street;locality;region;code;country`),
/// labelled by its first TYPE that names a place (`home`, `work`, the user's
/// own word; not `pref` or `postal`). A post office box and an extended
/// address go into the street, after it. `None` when every part is empty.
pub(crate) fn address_of_adr(c: &Content) -> Option<Address> {
    let parts: Vec<String> = split_escaped(&c.value, ';')
        .into_iter()
        .map(|s| unescape(&s).replace("\r\n", "\n").trim().to_string())
        .collect();
    let at = |i: usize| parts.get(i).cloned().unwrap_or_default();
    let street = [at(2), at(1), at(0)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let label = c
        .params
        .iter()
        .filter(|(k, _)| k == "TYPE")
        .flat_map(|(_, v)| v.split(','))
        .map(|t| t.trim().to_lowercase())
        .find(|t| {
            !t.is_empty() && !matches!(t.as_str(), "pref" | "postal" | "parcel" | "dom" | "intl")
        })
        .unwrap_or_default();
    let a = Address {
        label,
        street,
        locality: at(3),
        region: at(4),
        postal_code: at(5),
        country: at(6),
    }
    .trimmed();
    (!a.is_empty()).then_some(a)
}

pub(crate) fn drop_year(b: Birthday, omit: Option<i32>) -> Birthday {
    match (b.year, omit) {
        (Some(y), Some(o)) if y == o => Birthday { year: None, ..b },
        _ => b,
    }
}

/// A birthday as vCard and Google write it: `1985-03-14`, `19850314`,
/// `--0314`, `--03-14`, `1985-03-14T00:00:00Z`, `03-14`.
pub fn parse_bday(s: &str) -> Option<Birthday> {
    let s = s.trim();
    let date = s.split('T').next().unwrap_or(s);
    if let Ok(b) = date.parse::<Birthday>() {
        return Some(b);
    }
    let digits = date.strip_prefix("--").unwrap_or(date);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| digits.get(r)?.parse::<u32>().ok();
    match digits.len() {
        4 => Birthday::new(None, num(0..2)?, num(2..4)?),
        8 => Birthday::new(Some(num(0..4)? as i32), num(4..6)?, num(6..8)?),
        _ => None,
    }
}

/// The UID of a file that holds exactly one card, and whether kith wrote it.
pub(crate) fn card_uid(bytes: &[u8]) -> Option<(String, bool)> {
    let text = String::from_utf8_lossy(bytes);
    let mut uids = Vec::new();
    let mut by_kith = false;
    let mut cards = 0;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let name_end = line.find([':', ';']).unwrap_or(line.len());
        let name = line[..name_end].rsplit('.').next().unwrap_or("");
        if name.eq_ignore_ascii_case("UID") {
            uids.push(line[name_end..].trim_start_matches([':', ';']).to_string());
        } else if line == PRODID {
            by_kith = true;
        } else if line.trim().to_ascii_uppercase().ends_with("BEGIN:VCARD") {
            cards += 1;
        }
    }
    match (uids.as_slice(), cards) {
        // An escaped UID (`\,`) is kith's own writing: undo it.
        ([uid], 1) => Some((
            uid.replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\\\", "\\"),
            by_kith,
        )),
        _ => None,
    }
}
