//! vCard 4.0 (RFC 6350) of every person: what an address book understands of
//! them, and kith's own fields as `X-KITH-…` ([`crate::vcard::kith`]), so
//! kith's import reads every field back.

use crate::model::{Book, Person};
use crate::vcard::fields::{
    PRODID, adr_line, bday_value, introducer_ref, list, n_fits_name, n_of_name, uid_of, with_scheme,
};
use crate::vcard::{escape_text, keep, kith, push_folded};

pub fn render(book: &Book) -> String {
    let mut out = String::new();
    for p in &book.people {
        card(&mut out, p, book);
    }
    out
}

/// One card, CRLF line ends, folded at 75 octets: kith's fields, then the
/// lines kept from other tools' cards ([`keep`]), then kith's own
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
    keep::put_back(&mut lines, p);
    let by = p.met.introduced_by.map(|id| introducer_ref(id, book));
    kith::write(p, by.as_deref(), &mut |s| lines.push(s));
    push_folded(out, "BEGIN:VCARD");
    push_folded(out, "VERSION:4.0");
    push_folded(out, PRODID);
    for l in &lines {
        push_folded(out, l);
    }
    push_folded(out, "END:VCARD");
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
