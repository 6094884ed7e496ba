//! What kith keeps of other tools' cards ([`Person::vcard`]) and how a card
//! export puts it back, so a phone's data survives a round trip through kith:
//! - a property kith does not model (PHOTO, IMPP, RELATED, an app's `X-…`,
//!   `item1.X-ABLabel`) is kept as its line and written back as it is;
//! - a property kith models, written otherwise than kith writes it (a TYPE or
//!   PREF parameter, a group prefix, `tel:`), is kept too, and written back in
//!   place of kith's own line for the same value while kith still holds that
//!   value; a value removed or changed in kith drops it, and with it the lines
//!   of its group (an `item1.X-ABLabel` whose `item1.TEL` is gone);
//! - a line of a modeled property whose value kith did not take (a second
//!   ORG, a birthday it cannot read) is kept behind [`LEFT_OUT`], written back
//!   as it is; one that is no content line at all stays in the book only.
//!
//! VERSION, PRODID, REV and kith's own `X-KITH-…` are written by kith itself.

use std::collections::HashSet;

use crate::model::Person;
use crate::vcard::escape_text;
use crate::vcard::fields::{
    address_of_adr, adr_line, bday_value, drop_year, list, parse_bday, with_scheme,
};
use crate::vcard::line::{Content, parse_content, split_escaped, unescape};

/// Starts a kept line that is written back as it is, although kith models
/// its property (kith did not take its value).
pub const LEFT_OUT: &str = "!";

/// Properties kith writes from its own fields alone, never kept.
pub(crate) fn is_owned(name: &str) -> bool {
    matches!(name, "BEGIN" | "END" | "VERSION" | "PRODID" | "REV") || name.starts_with("X-KITH-")
}

/// The line kith's own card writes for the value `c` holds, for a property
/// kith models; `None` for one it does not (or a binary value).
pub(crate) fn own_line(c: &Content) -> Option<String> {
    if c.binary {
        return None;
    }
    let text = || unescape(&c.value).replace("\r\n", "\n").trim().to_string();
    let items = |sep| {
        split_escaped(&c.value, sep)
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
    };
    Some(match c.name.as_str() {
        "UID" => format!("UID:{}", escape_text(&text())),
        "FN" => format!("FN:{}", escape_text(&text())),
        "N" => format!("N:{}", c.value.trim()),
        "NICKNAME" => format!("NICKNAME:{}", list(&items(','))),
        "ORG" => format!("ORG:{}", escape_text(&items(';').join(", "))),
        "TITLE" => format!("TITLE:{}", escape_text(&text())),
        "EMAIL" => format!("EMAIL:{}", escape_text(&text())),
        "TEL" => {
            let t = text();
            let t = t.strip_prefix("tel:").unwrap_or(&t);
            format!("TEL;VALUE=text:{}", escape_text(t))
        }
        "URL" | "X-SOCIALPROFILE" => format!("URL:{}", escape_text(&with_scheme(&text()))),
        "NOTE" => format!("NOTE:{}", escape_text(&text())),
        "CATEGORIES" => format!("CATEGORIES:{}", list(&items(','))),
        "ADR" => adr_line(&address_of_adr(c)?),
        "BDAY" => {
            let omit = c.param("X-APPLE-OMIT-YEAR").and_then(|y| y.parse().ok());
            let b = parse_bday(&c.value).map(|b| drop_year(b, omit))?;
            format!("BDAY:{}", bday_value(b))
        }
        _ => return None,
    })
}

/// For a book written before kith modelled addresses (format 2), whose
/// people keep their cards' ADR lines here as lines of a property kith does
/// not model: each such line's address becomes one of the person's
/// addresses, and the line stays only where kith would write it otherwise
/// (so the card comes back as it was, and no address is held twice).
pub fn adopt_kept_addresses(p: &mut Person) {
    let mut kept = Vec::with_capacity(p.vcard.len());
    for raw in std::mem::take(&mut p.vcard) {
        let adr = parse_content(&raw)
            .ok()
            .filter(|c| c.name == "ADR")
            .and_then(|c| Some((address_of_adr(&c)?, own_line(&c)?)));
        match adr {
            Some((a, own)) => {
                if !p.addresses.contains(&a) {
                    p.addresses.push(a);
                }
                if own != raw {
                    kept.push(raw);
                }
            }
            None => kept.push(raw),
        }
    }
    p.vcard = kept;
}

/// The group prefix of a content line (`item1` of `item1.TEL;…`).
fn group(line: &str) -> Option<&str> {
    let name_end = line.find([':', ';']).unwrap_or(line.len());
    line[..name_end].rsplit_once('.').map(|(g, _)| g)
}

/// Puts `p`'s kept lines into kith's own `lines` (unfolded, without BEGIN,
/// END and kith's `X-KITH-…`): each kept line of a modeled property replaces
/// kith's line for the same value, the others are appended.
pub(crate) fn put_back(lines: &mut Vec<String>, p: &Person) {
    if p.vcard.is_empty() {
        return;
    }
    let mut extras: Vec<&str> = Vec::new();
    let mut used: HashSet<&str> = HashSet::new();
    let mut unused: HashSet<&str> = HashSet::new();
    for raw in &p.vcard {
        if let Some(line) = raw.strip_prefix(LEFT_OUT) {
            if parse_content(line).is_ok() {
                extras.push(line);
            }
            continue;
        }
        let Ok(c) = parse_content(raw) else { continue };
        if is_owned(&c.name) {
            continue;
        }
        match own_line(&c) {
            None => extras.push(raw),
            Some(own) => match lines.iter().position(|l| *l == own) {
                Some(i) => {
                    lines[i] = raw.clone();
                    used.extend(group(raw));
                }
                None => unused.extend(group(raw)),
            },
        }
    }
    for line in extras {
        let orphan = group(line).is_some_and(|g| unused.contains(g) && !used.contains(g));
        if !orphan {
            lines.push(line.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::vcard::card;
    use crate::import::vcard::parse;

    fn round(card_text: &str) -> (Person, String) {
        let parsed = parse(card_text).unwrap();
        let p = parsed.records[0].person.clone();
        let mut out = String::new();
        card(&mut out, &p, &crate::model::Book::default());
        (p, out)
    }

    #[test]
    fn a_phone_card_comes_back_with_its_photo_labels_and_other_apps_fields() {
        let phone = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//DAVx5//EN\r\nUID:abc-1\r\n\
            FN:Ana García\r\nN:García;Ana;;;\r\nitem1.TEL;TYPE=CELL:+34 600 1\r\n\
            item1.X-ABLabel:mobile\r\nEMAIL;TYPE=WORK;PREF=1:ana@acme.test\r\n\
            PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg==\r\nIMPP:xmpp:ana@jabber.test\r\n\
            X-DAVDROID-STARRED:1\r\nADR;TYPE=HOME:;;Calle 1;Madrid;;28001;Spain\r\n\
            ORG:Acme\r\nORG:Second\r\nREV:20260101T000000Z\r\nEND:VCARD\r\n";
        let (p, out) = round(phone);
        assert_eq!(p.phones, ["+34 600 1"]);
        for line in [
            "item1.TEL;TYPE=CELL:+34 600 1\r\n",
            "item1.X-ABLabel:mobile\r\n",
            "EMAIL;TYPE=WORK;PREF=1:ana@acme.test\r\n",
            "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg==\r\n",
            "IMPP:xmpp:ana@jabber.test\r\n",
            "X-DAVDROID-STARRED:1\r\n",
            "ADR;TYPE=HOME:;;Calle 1;Madrid;;28001;Spain\r\n",
            "ORG:Acme\r\n",
            "ORG:Second\r\n",
        ] {
            assert!(out.contains(line), "{line} missing from\n{out}");
        }
        assert!(!out.contains("REV:") && !out.contains("DAVx5") && !out.contains("3.0"));
        assert!(
            !out.contains("TEL;VALUE=text"),
            "kith's own line replaced: {out}"
        );
        // Read again and written again: the same card.
        let (_, again) = round(&out);
        assert_eq!(again, out);
    }

    #[test]
    fn a_value_changed_in_kith_drops_its_line_and_its_group() {
        let phone = "BEGIN:VCARD\r\nFN:Ana\r\nitem1.TEL;TYPE=CELL:+34 600 1\r\n\
            item1.X-ABLabel:mobile\r\nEND:VCARD\r\n";
        let (mut p, _) = round(phone);
        p.phones = vec!["+34 600 2".into()];
        let mut out = String::new();
        card(&mut out, &p, &crate::model::Book::default());
        assert!(out.contains("TEL;VALUE=text:+34 600 2\r\n"), "{out}");
        assert!(
            !out.contains("600 1") && !out.contains("X-ABLabel"),
            "{out}"
        );
    }

    #[test]
    fn a_card_kith_wrote_keeps_nothing() {
        let mut p = Person::new(crate::model::PersonId(7), "Ana García");
        p.phones = vec!["+1 555 0100".into()];
        p.links = vec!["https://x.test/a".into()];
        p.birthday = "1985-03-14".parse().ok();
        p.nicknames = vec!["Anita".into()];
        let mut out = String::new();
        card(&mut out, &p, &crate::model::Book::default());
        let (back, again) = round(&out);
        assert!(back.vcard.is_empty(), "{:?}", back.vcard);
        assert_eq!(again, out);
    }

    #[test]
    fn an_address_is_kith_s_own_field_written_once() {
        let phone = "BEGIN:VCARD\r\nFN:Ana\r\nADR;TYPE=HOME:;Apt 3;Calle 1;Madrid;;28001;Spain\r\n\
            ADR:;;Main St 5;Springfield;IL;62701;USA\r\nEND:VCARD\r\n";
        let (mut p, out) = round(phone);
        assert_eq!(p.addresses.len(), 2, "{:?}", p.addresses);
        assert_eq!(p.addresses[0].label, "home");
        assert_eq!(p.addresses[0].street, "Calle 1, Apt 3");
        assert_eq!(p.addresses[0].postal_code, "28001");
        assert_eq!(p.addresses[1].region, "IL");
        // The phone's line (a TYPE and an extended address kith folds into
        // the street) comes back instead of kith's; kith's plain one is not kept.
        assert_eq!(
            p.vcard,
            ["ADR;TYPE=HOME:;Apt 3;Calle 1;Madrid;;28001;Spain"]
        );
        assert_eq!(out.matches("ADR").count(), 2, "{out}");
        assert!(out.contains("ADR;TYPE=HOME:;Apt 3;Calle 1;Madrid;;28001;Spain\r\n"));
        assert!(out.contains("ADR:;;Main St 5;Springfield;IL;62701;USA\r\n"));
        // Moved in kith: kith's line, the phone's old one gone.
        p.addresses[0].street = "Calle 2".into();
        let mut out = String::new();
        card(&mut out, &p, &crate::model::Book::default());
        assert!(
            out.contains("ADR;TYPE=home:;;Calle 2;Madrid;;28001;Spain\r\n"),
            "{out}"
        );
        assert!(!out.contains("Calle 1"), "{out}");
        assert_eq!(out.matches("ADR").count(), 2, "{out}");
    }

    #[test]
    fn a_book_from_before_addresses_adopts_its_kept_adr_lines() {
        let mut p = Person::new(crate::model::PersonId(1), "Ana");
        p.vcard = vec![
            "ADR;TYPE=HOME:;;Calle 1;Madrid;;28001;Spain".into(),
            "ADR;TYPE=home:;;Otra 2;Madrid;;;".into(),
            "PHOTO:x".into(),
        ];
        adopt_kept_addresses(&mut p);
        assert_eq!(p.addresses.len(), 2);
        assert_eq!(p.addresses[1].street, "Otra 2");
        // kith's own rendering of the second is not kept twice.
        assert_eq!(
            p.vcard,
            ["ADR;TYPE=HOME:;;Calle 1;Madrid;;28001;Spain", "PHOTO:x"]
        );
        let mut out = String::new();
        card(&mut out, &p, &crate::model::Book::default());
        assert_eq!(out.matches("ADR").count(), 2, "{out}");
    }
}
