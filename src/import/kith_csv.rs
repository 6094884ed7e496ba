//! kith's own CSV (`kith export csv`) read back: every field of a person, list
//! values split where the export joined them ([`crate::text::split_list`]).
//! The derived facts (last contact, deeds…) are the timeline's, and ignored.
//! The `id` column is kith's UID: in the book it came from, it finds the person.

use chrono::NaiveDate;

use super::table::{Columns, rows};
use super::{NotFormat, Parsed};
use crate::model::{Address, Person, PersonId};
use crate::text::split_list;

/// kith's header: `id,name,nicknames,…,met_context,…`.
pub(super) fn is_header(cols: &Columns) -> bool {
    cols.names.first().is_some_and(|n| n == "id")
        && cols.names.get(1).is_some_and(|n| n == "name")
        && cols.has("met_context")
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
            "the first row is not kith's `id,name,nicknames,…` header".into(),
        ));
    }
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
        let list = |name: &str| get(name).map(|v| split_list(&v)).unwrap_or_default();
        let mut bad = Vec::new();
        let mut date = |name: &str| {
            let v = get(name)?;
            let d = v.parse::<NaiveDate>().ok();
            if d.is_none() {
                bad.push(format!("{name} `{v}` not understood; left out"));
            }
            d
        };
        let mut p = Person::new(PersonId(0), get("name").unwrap_or_default());
        p.met.date = date("met_date");
        p.snoozed_until = date("snoozed_until");
        p.nicknames = list("nicknames");
        p.org = get("org");
        p.title = get("title");
        p.emails = list("emails");
        p.phones = list("phones");
        for a in list("addresses") {
            match Address::parse(&a) {
                Ok(a) => p.addresses.push(a),
                Err(why) => bad.push(format!("address {why}; left out")),
            }
        }
        p.links = list("links");
        p.tags = list("tags");
        p.met.context = get("met_context");
        p.needs = list("needs");
        p.offers = list("offers");
        p.notes = get("notes").unwrap_or_default();
        p.archived = get("archived").is_some_and(|v| v == "true");
        p.structured_name = get("structured_name");
        p.uids = list("uids");
        if let Some(id) = get("id").and_then(|v| PersonId::parse(&v)) {
            p.uids.insert(0, format!("{id}@kith"));
        }
        if let Some(b) = get("birthday") {
            match b.parse() {
                Ok(b) => p.birthday = Some(b),
                Err(_) => bad.push(format!("birthday `{b}` not understood; left out")),
            }
        }
        if let Some(c) = get("cadence_days") {
            match c.parse() {
                Ok(c) => p.cadence = Some(c),
                Err(_) => bad.push(format!("cadence_days `{c}` not understood; left out")),
            }
        }
        for why in bad {
            parsed.warn(row.line, why);
        }
        if p.name.is_empty() {
            parsed.skip(row.line, "no name");
            continue;
        }
        parsed.record_introduced(row.line, p, get("introduced_by"));
    }
    Ok(parsed)
}
