//! The JSON shapes scripts rely on. Ids are strings (`"p12"`, `"e40"`), dates
//! ISO `YYYY-MM-DD` or null.

use serde_json::{Value, json};

use kith::model::{Book, Entry, Person, PersonFacts};

/// The short form used by `list` (and any command listing people).
pub fn person_summary(p: &Person, f: &PersonFacts) -> Value {
    json!({
        "id": p.id.to_string(),
        "name": p.name,
        "org": p.org,
        "tags": p.tags,
        "last_contact": f.last_contact.map(|d| d.to_string()),
        "deeds_given": f.deeds_given,
        "deeds_received": f.deeds_received,
        "coffee_only": f.coffee_only(),
        "archived": p.archived,
    })
}

/// Every field of a person plus their derived facts (used by `show`).
pub fn person_full(p: &Person, f: &PersonFacts) -> Value {
    let mut v = person_summary(p, f);
    let extra = json!({
        "nicknames": p.nicknames,
        "snoozed_until": p.snoozed_until.map(|d| d.to_string()),
        "title": p.title,
        "emails": p.emails,
        "phones": p.phones,
        "addresses": p.addresses.iter().map(|a| json!({
            "label": a.label,
            "street": a.street,
            "locality": a.locality,
            "region": a.region,
            "postal_code": a.postal_code,
            "country": a.country,
        })).collect::<Vec<_>>(),
        "links": p.links,
        "met": {
            "context": p.met.context,
            "date": p.met.date.map(|d| d.to_string()),
            "introduced_by": p.met.introduced_by.map(|id| id.to_string()),
        },
        "needs": p.needs,
        "offers": p.offers,
        "cadence": p.cadence,
        "birthday": p.birthday.map(|b| b.to_string()),
        "notes": p.notes,
        "last_touch": f.last_touch.map(|d| d.to_string()),
        "last_deed": f.last_deed.map(|d| d.to_string()),
        "open_promises": f.open_promises,
        "next_follow_up": f.next_follow_up.map(|d| d.to_string()),
    });
    if let (Value::Object(base), Value::Object(more)) = (&mut v, extra) {
        base.extend(more);
    }
    v
}

pub fn entry(e: &Entry, book: &Book) -> Value {
    let mut v = entry_fields(e, book);
    if let Some(source) = e.source {
        v["source"] = json!(source.as_str());
    }
    v
}

fn entry_fields(e: &Entry, book: &Book) -> Value {
    json!({
        "id": e.id.to_string(),
        "date": e.date.to_string(),
        "kind": e.kind.as_str(),
        "direction": e.direction.as_str(),
        "people": e.people.iter().map(|id| json!({"id": id.to_string(), "name": book.name_of(*id)})).collect::<Vec<_>>(),
        "summary": e.summary,
        "follow_up": e.follow_up.map(|d| d.to_string()),
        "done": e.done,
    })
}
