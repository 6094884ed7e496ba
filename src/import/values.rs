//! Values checked on the way in, for every format: an e-mail is an address
//! (`Frost, Wanda (ACME) <wanda@x.org>` gives the address; `* Other` or
//! `urn:li:member:…` is none and is left out with a note), a link has a
//! scheme, and Google's system labels are no tags.

use super::Parsed;

/// The address in `raw`, or why there is none.
pub fn email(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let inner = match (raw.rfind('<'), raw.rfind('>')) {
        (Some(open), Some(close)) if open < close => &raw[open + 1..close],
        _ => raw,
    };
    let addr = inner.trim();
    let addr = addr
        .strip_prefix("mailto:")
        .or_else(|| addr.strip_prefix("MAILTO:"))
        .unwrap_or(addr);
    let ok = match addr.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && addr
                    .chars()
                    .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[],;:\"".contains(c))
        }
        None => false,
    };
    if ok {
        Ok(addr.to_string())
    } else {
        Err(format!("e-mail `{raw}` is no address; left out"))
    }
}

/// Google's own labels, which say nothing about the person.
pub fn is_system_label(label: &str) -> bool {
    let l = label.trim().trim_start_matches('*').trim();
    [
        "myContacts",
        "starred",
        "otherContacts",
        "Other Contacts",
        "Starred in Android",
    ]
    .iter()
    .any(|s| s.eq_ignore_ascii_case(l))
}

/// Fixes up every record's values in place; what is left out is a note.
pub(super) fn check(parsed: &mut Parsed) {
    let mut notes = Vec::new();
    for r in &mut parsed.records {
        let p = &mut r.person;
        let mut emails = Vec::with_capacity(p.emails.len());
        for e in p.emails.drain(..) {
            match email(&e) {
                Ok(a) if !emails.iter().any(|x: &String| x.eq_ignore_ascii_case(&a)) => {
                    emails.push(a)
                }
                Ok(_) => {}
                Err(why) => notes.push((r.at.clone(), why)),
            }
        }
        p.emails = emails;
        for l in &mut p.links {
            *l = crate::vcard::fields::with_scheme(l);
        }
        p.tags.retain(|t| !is_system_label(t));
        for t in &mut p.tags {
            if let Some(rest) = t.strip_prefix('*') {
                *t = rest.trim().to_string();
            }
        }
        p.tags.retain(|t| !t.is_empty());
    }
    for (at, why) in notes {
        parsed.warnings.push(super::Problem { at, why });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_what_is_none() {
        assert_eq!(
            email("Frost, Wanda (ACME) <wanda.frost@example.org>").unwrap(),
            "wanda.frost@example.org"
        );
        assert_eq!(email(" mailto:a@x.org ").unwrap(), "a@x.org");
        assert_eq!(email("a@x").unwrap(), "a@x");
        for bad in [
            "* Other",
            "urn:li:member:12345",
            "a@@x",
            "two words@x.org",
            "@x",
            "a@",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn system_labels() {
        assert!(is_system_label("* myContacts") && is_system_label("* starred"));
        assert!(!is_system_label("* friends") && !is_system_label("Work"));
    }
}
