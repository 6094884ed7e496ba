//! vCard 4.0 (RFC 6350) of every person: what an address book understands of
//! them, and kith's own fields as `X-KITH-…` ([`super::vcard_kith`]), so
//! kith's import reads every field back.

use super::{escape_text, push_folded, vcard_keep, vcard_kith};
use crate::model::{Address, Birthday, Book, Person};

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

pub fn render(book: &Book) -> String {
    let mut out = String::new();
    for p in &book.people {
        card(&mut out, p, book);
    }
    out
}

/// One card, CRLF line ends, folded at 75 octets: kith's fields, then the
/// lines kept from other tools' cards ([`vcard_keep`]), then kith's own
/// `X-KITH-…` fields. `book` holds whoever introduced them, whose card's UID
/// the card names ([`introducer_ref`]).
pub fn card(out: &mut String, p: &Person, book: &Book) {
    let mut lines: Vec<String> = Vec::with_capacity(16 + p.vcard.len());
    let mut line = |s: String| lines.push(s);
    line(format!("UID:{}", escape_text(&uid_of(p))));
    line(format!("FN:{}", escape_text(&p.name)));
    let n = match &p.structured_name {
        Some(n) if n_fits_name(n, &p.name) => n.clone(),
        _ => n_of_name(&p.name),
    };
    line(format!("N:{n}"));
    if !p.nicknames.is_empty() {
        line(format!("NICKNAME:{}", list(&p.nicknames)));
    }
    if let Some(org) = &p.org {
        line(format!("ORG:{}", escape_text(org)));
    }
    if let Some(title) = &p.title {
        line(format!("TITLE:{}", escape_text(title)));
    }
    for e in &p.emails {
        line(format!("EMAIL:{}", escape_text(e)));
    }
    for t in &p.phones {
        line(format!("TEL;VALUE=text:{}", escape_text(t)));
    }
    for a in &p.addresses {
        line(adr_line(a));
    }
    for u in &p.links {
        line(format!("URL:{}", escape_text(&with_scheme(u))));
    }
    if let Some(b) = p.birthday {
        line(format!("BDAY:{}", bday_value(b)));
    }
    if !p.tags.is_empty() {
        line(format!("CATEGORIES:{}", list(&p.tags)));
    }
    if !p.notes.is_empty() {
        line(format!("NOTE:{}", escape_text(&p.notes)));
    }
    vcard_keep::put_back(&mut lines, p);
    let by = p.met.introduced_by.map(|id| introducer_ref(id, book));
    vcard_kith::write(p, by.as_deref(), &mut |s| lines.push(s));
    push_folded(out, "BEGIN:VCARD");
    push_folded(out, "VERSION:4.0");
    push_folded(out, PRODID);
    for l in &lines {
        push_folded(out, l);
    }
    push_folded(out, "END:VCARD");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonId;

    #[test]
    fn a_card_with_escapes_and_a_yearless_birthday() {
        let mut p = Person::new(PersonId(7), "Ana García");
        p.org = Some("Acme, Inc.".into());
        p.birthday = "03-14".parse().ok();
        p.tags = vec!["a,b".into(), "c".into()];
        p.notes = "line one\nline; two".into();
        let mut out = String::new();
        card(&mut out, &p, &Book::default());
        assert!(out.contains("UID:p7@kith\r\n"), "{out}");
        assert!(out.contains(PRODID));
        assert!(out.contains("N:García;Ana;;;\r\n"));
        assert!(out.contains("ORG:Acme\\, Inc.\r\n"));
        assert!(out.contains("BDAY:--0314\r\n"));
        assert!(out.contains("CATEGORIES:a\\,b,c\r\n"));
        assert!(out.contains("NOTE:line one\\nline\\; two\r\n"));
    }

    #[test]
    fn imported_n_is_kept_until_a_rename_and_urls_get_a_scheme() {
        let mut p = Person::new(PersonId(1), "Mr. John Richter James Doe Sr.");
        p.structured_name = Some("Doe;John;Richter,James;Mr.;Sr.".into());
        p.links = vec![
            "www.company.com".into(),
            "mailto:a@b".into(),
            "https://x.y".into(),
        ];
        p.uids = vec!["abc-1".into(), "urn:uuid:2".into()];
        let mut out = String::new();
        card(&mut out, &p, &Book::default());
        assert!(
            out.contains("\r\nN:Doe;John;Richter,James;Mr.;Sr.\r\n"),
            "{out}"
        );
        assert!(out.contains("URL:https://www.company.com\r\n"));
        assert!(out.contains("URL:mailto:a@b\r\n"));
        assert!(out.contains("UID:abc-1\r\nFN"));
        assert!(out.contains("X-KITH-UID:urn:uuid:2\r\n"));
        p.name = "Jane Roe".into();
        let mut out = String::new();
        card(&mut out, &p, &Book::default());
        assert!(out.contains("\r\nN:Roe;Jane;;;\r\n"), "{out}");
        assert_eq!(with_scheme("localhost:8080/x"), "https://localhost:8080/x");
        assert_eq!(with_scheme("example.com:8080"), "https://example.com:8080");
    }
}
