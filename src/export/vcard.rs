//! vCard 4.0 (RFC 6350) of every person: what an address book understands of
//! them. kith's own import reads it back without losing any of these fields.

use super::{escape_text, push_folded};
use crate::model::{Birthday, Book, Person};

pub fn render(book: &Book) -> String {
    let mut out = String::new();
    for p in &book.people {
        card(&mut out, p);
    }
    out
}

/// One card, CRLF line ends, folded at 75 octets.
pub fn card(out: &mut String, p: &Person) {
    let mut line = |s: String| push_folded(out, &s);
    line("BEGIN:VCARD".into());
    line("VERSION:4.0".into());
    line(format!("UID:{}@kith", p.id));
    line(format!("FN:{}", escape_text(&p.name)));
    let (given, family) = split_name(&p.name);
    line(format!(
        "N:{};{};;;",
        escape_text(family),
        escape_text(given)
    ));
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
    for u in &p.links {
        line(format!("URL:{}", escape_text(u)));
    }
    if let Some(b) = p.birthday {
        line(format!("BDAY:{}", bday(b)));
    }
    if !p.tags.is_empty() {
        line(format!("CATEGORIES:{}", list(&p.tags)));
    }
    if !p.notes.is_empty() {
        line(format!("NOTE:{}", escape_text(&p.notes)));
    }
    line("END:VCARD".into());
}

/// A comma-separated list value, each item escaped.
fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| escape_text(s))
        .collect::<Vec<_>>()
        .join(",")
}

/// `19850314`, or `--0314` without a year (RFC 6350 §4.3.1).
fn bday(b: Birthday) -> String {
    match b.year {
        Some(y) => format!("{y:04}{:02}{:02}", b.month, b.day),
        None => format!("--{:02}{:02}", b.month, b.day),
    }
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
        card(&mut out, &p);
        assert!(out.contains("UID:p7@kith\r\n"), "{out}");
        assert!(out.contains("N:García;Ana;;;\r\n"));
        assert!(out.contains("ORG:Acme\\, Inc.\r\n"));
        assert!(out.contains("BDAY:--0314\r\n"));
        assert!(out.contains("CATEGORIES:a\\,b,c\r\n"));
        assert!(out.contains("NOTE:line one\\nline\\; two\r\n"));
    }
}
