//! kith's own fields in a vCard, as `X-KITH-…` properties (RFC 6350 §6.10:
//! other tools keep or ignore them), both ways, so kith → vCard → kith loses
//! nothing: how-you-met, needs, offers, cadence, archived, snoozed, and the
//! other tools' UIDs beyond the one in `UID`.

use chrono::NaiveDate;

use crate::model::{Person, PersonId};
use crate::vcard::escape_text;

/// Writes the `X-KITH-…` lines of `p` through `line`; `introduced_by` is
/// how the card names its introducer ([`super::vcard::introducer_ref`]).
pub fn write(p: &Person, introduced_by: Option<&str>, line: &mut impl FnMut(String)) {
    let mut text = |name: &str, v: &str| line(format!("X-KITH-{name}:{}", escape_text(v)));
    if let Some(c) = &p.met.context {
        text("MET-CONTEXT", c);
    }
    if let Some(d) = p.met.date {
        text("MET-DATE", &d.to_string());
    }
    if let Some(by) = introduced_by {
        text("INTRODUCED-BY", by);
    }
    for n in &p.needs {
        text("NEED", n);
    }
    for o in &p.offers {
        text("OFFER", o);
    }
    if let Some(c) = p.cadence {
        text("CADENCE", &c.to_string());
    }
    if p.archived {
        text("ARCHIVED", "TRUE");
    }
    if let Some(d) = p.snoozed_until {
        text("SNOOZED-UNTIL", &d.to_string());
    }
    for u in p.uids.iter().skip(1) {
        text("UID", u);
    }
}

/// The kith id an introduced-by value names: `p3` or `p3@kith`.
pub fn introducer_id(value: &str) -> Option<PersonId> {
    let value = value.trim();
    PersonId::parse(value.strip_suffix("@kith").unwrap_or(value))
}

/// Reads one `X-KITH-…` property (its name upper case, its value unescaped)
/// into `p`. Unknown ones are ignored (a later kith's); a value that does not
/// parse is an error to report.
pub fn read(p: &mut Person, name: &str, value: &str) -> Result<(), String> {
    let bad = || format!("{name} `{value}` not understood; left out");
    let date = || value.parse::<NaiveDate>().map_err(|_| bad());
    let push = |list: &mut Vec<String>| {
        if !value.is_empty() && !list.iter().any(|v| v == value) {
            list.push(value.to_string());
        }
    };
    match name {
        "X-KITH-MET-CONTEXT" => p.met.context = Some(value.to_string()).filter(|v| !v.is_empty()),
        "X-KITH-MET-DATE" => p.met.date = Some(date()?),
        // A kith id (`p3`) is taken as is only for a card this book wrote
        // (the three-way base); an import resolves the value against the
        // other cards of the file ([`introducer_id`]).
        "X-KITH-INTRODUCED-BY" => p.met.introduced_by = introducer_id(value),
        "X-KITH-NEED" => push(&mut p.needs),
        "X-KITH-OFFER" => push(&mut p.offers),
        "X-KITH-CADENCE" => p.cadence = Some(value.parse().map_err(|_| bad())?),
        "X-KITH-ARCHIVED" => p.archived = value.eq_ignore_ascii_case("TRUE"),
        "X-KITH-SNOOZED-UNTIL" => p.snoozed_until = Some(date()?),
        // X-KITH-UID is read with UID by the card reader.
        _ => {}
    }
    Ok(())
}
