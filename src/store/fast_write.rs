//! The book's text, written by hand into one preallocated `String`: byte for
//! byte what ron's pretty printer writes with [`super::ron_options`] and the
//! store's `PrettyConfig` (a test holds the two equal), at a fraction of the cost.
//!
//! Each struct is taken apart with a full pattern (no `..`), so a field added
//! to the model fails to compile here until the writer learns it and cannot
//! be silently dropped from the file. The `skip_serializing_if` rules of the
//! model are mirrored field by field.

use std::fmt::Write;

use crate::model::{
    Address, Book, Direction, DismissedIntro, Entry, EntryId, HowMet, Person, PersonId,
};

mod out;

pub(super) use out::Out;

/// The whole file, including its final newline.
pub fn book_text(book: &Book) -> String {
    let capacity = 256 + book.people.len() * 256 + book.entries.len() * 128;
    let mut out = Out::new(capacity);
    write_book(
        &mut out,
        book,
        |out| each(out, &book.people, person),
        |out| each(out, &book.entries, entry),
    );
    out.text
}

/// The whole file into `out`, the people's and the entries' lists written
/// by `people` and `entries` (each record as [`record`] frames it; they say
/// whether they wrote any): the one layout behind [`book_text`], the splice
/// ([`super::splice`]), which takes an untouched record's line from the old
/// text instead, and a capture's save ([`super::adding`]).
pub(super) fn write_book<'a>(
    out: &mut Out<'a>,
    book: &Book,
    people_list: impl FnOnce(&mut Out<'a>) -> bool,
    entries_list: impl FnOnce(&mut Out<'a>) -> bool,
) {
    let Book {
        version,
        anchor,
        next_person_id,
        next_entry_id,
        people: _,
        entries: _,
        merged,
        dismissed_intros,
        review,
        inbox,
        touches,
        meetings,
        lineage,
    } = book;
    out.push("(\n  version: ");
    out.u32(*version);
    if let Some(anchor) = anchor {
        out.push(",\n  anchor: ");
        out.date(*anchor);
    }
    out.push(",\n  next_person_id: ");
    out.u32(*next_person_id);
    out.push(",\n  next_entry_id: ");
    out.u32(*next_entry_id);
    out.push(",\n  people: [");
    let any = people_list(out);
    out.push(if any { "\n  ]" } else { "]" });
    out.push(",\n  entries: [");
    let any = entries_list(out);
    out.push(if any { "\n  ]" } else { "]" });
    if !merged.is_empty() {
        out.push(",\n  merged: {");
        for (from, to) in merged {
            out.push("\n    ");
            out.id(from.0);
            out.push(": ");
            out.id(to.0);
            out.push(",");
        }
        out.push("\n  }");
    }
    if !dismissed_intros.is_empty() {
        out.push(",\n  dismissed_intros: [");
        for d in dismissed_intros {
            out.push("\n    ");
            dismissed(out, d);
            out.push(",");
        }
        out.push("\n  ]");
    }
    if review.is_some()
        || !inbox.is_empty()
        || !touches.is_empty()
        || !meetings.is_empty()
        || !lineage.is_empty()
    {
        out.push(&tail_text(review, inbox, touches, meetings, lineage));
    }
    out.push(",\n)\n");
}

/// Every one of `records` framed as [`record`] frames it, its line by
/// `line`; whether there were any.
pub(super) fn each<'a, T>(
    out: &mut Out<'a>,
    records: &[T],
    mut line: impl FnMut(&mut Out<'a>, &T),
) -> bool {
    for r in records {
        record(out, |out| line(out, r));
    }
    !records.is_empty()
}

/// One record in its list: on a line of its own, indented, after a comma.
/// In the old text a run of whole records therefore starts at a line break
/// and ends at a comma.
pub(super) fn record<'a>(out: &mut Out<'a>, line: impl FnOnce(&mut Out<'a>)) {
    out.push("\n    ");
    line(out);
    out.push(",");
}

/// The review progress and the lineage as ron writes them inside the book,
/// from the `,` after the entries: small, so cut out of ron's text for a book
/// holding nothing else, which keeps them byte for byte what ron writes.
fn tail_text(
    review: &Option<crate::model::ReviewProgress>,
    inbox: &crate::model::Inbox,
    touches: &crate::model::Logged,
    meetings: &crate::model::Meetings,
    lineage: &crate::model::Lineage,
) -> String {
    let alone = Book {
        review: review.clone(),
        inbox: inbox.clone(),
        touches: touches.clone(),
        meetings: meetings.clone(),
        lineage: lineage.clone(),
        ..Book::default()
    };
    let text = super::serialize_book_with_ron(&alone);
    let start = text
        .find("\n  entries: []")
        .expect("ron writes the entries")
        + "\n  entries: []".len();
    let end = text.rfind(",\n)").expect("ron closes the book");
    text[start..end].to_string()
}

fn dismissed(out: &mut Out<'_>, d: &DismissedIntro) {
    let DismissedIntro {
        person: PersonId(person),
        need,
        candidate,
    } = d;
    out.push("(person: ");
    out.id(*person);
    out.push(", need: ");
    out.string(need);
    if let Some(PersonId(c)) = candidate {
        out.push(", candidate: ");
        out.id(*c);
    }
    out.push(")");
}

pub(super) fn person(out: &mut Out, p: &Person) {
    let Person {
        id: PersonId(id),
        name,
        nicknames,
        org,
        title,
        emails,
        phones,
        addresses,
        links,
        tags,
        met,
        needs,
        offers,
        cadence,
        birthday,
        notes,
        archived,
        snoozed_until,
        structured_name,
        uids,
        vcard,
    } = p;
    out.push("(id: ");
    out.id(*id);
    out.push(", name: ");
    out.string(name);
    if let Some(n) = structured_name {
        out.push(", structured_name: ");
        out.string(n);
    }
    out.strings(", nicknames: ", nicknames);
    if let Some(org) = org {
        out.push(", org: ");
        out.string(org);
    }
    if let Some(title) = title {
        out.push(", title: ");
        out.string(title);
    }
    out.strings(", emails: ", emails);
    out.strings(", phones: ", phones);
    if !addresses.is_empty() {
        out.push(", addresses: [");
        for (i, a) in addresses.iter().enumerate() {
            if i > 0 {
                out.push(", ");
            }
            address(out, a);
        }
        out.push("]");
    }
    out.strings(", links: ", links);
    out.strings(", tags: ", tags);
    if !met.is_empty() {
        out.push(", met: ");
        how_met(out, met);
    }
    out.strings(", needs: ", needs);
    out.strings(", offers: ", offers);
    if let Some(cadence) = cadence {
        out.push(", cadence: ");
        out.u32(*cadence);
    }
    if let Some(birthday) = birthday {
        // Digits and dashes only: nothing to escape.
        write!(out.text, ", birthday: \"{birthday}\"").expect("writing to a String");
    }
    if !notes.is_empty() {
        out.push(", notes: ");
        out.string(notes);
    }
    if *archived {
        out.push(", archived: true");
    }
    if let Some(day) = snoozed_until {
        out.push(", snoozed_until: ");
        out.date(*day);
    }
    out.strings(", uids: ", uids);
    out.strings(", vcard: ", vcard);
    out.push(")");
}

fn address(out: &mut Out, a: &Address) {
    let Address {
        label,
        street,
        locality,
        region,
        postal_code,
        country,
    } = a;
    let mut sep = "(";
    for (name, value) in [
        ("label: ", label),
        ("street: ", street),
        ("locality: ", locality),
        ("region: ", region),
        ("postal_code: ", postal_code),
        ("country: ", country),
    ] {
        if !value.is_empty() {
            out.push(sep);
            out.push(name);
            out.string(value);
            sep = ", ";
        }
    }
    if sep == "(" {
        out.push("(");
    }
    out.push(")");
}

fn how_met(out: &mut Out, met: &HowMet) {
    let HowMet {
        context,
        date,
        introduced_by,
    } = met;
    let mut sep = "(";
    if let Some(context) = context {
        out.push(sep);
        out.push("context: ");
        out.string(context);
        sep = ", ";
    }
    if let Some(date) = date {
        out.push(sep);
        out.push("date: ");
        out.date(*date);
        sep = ", ";
    }
    if let Some(PersonId(by)) = introduced_by {
        out.push(sep);
        out.push("introduced_by: ");
        out.id(*by);
    }
    out.push(")");
}

pub(super) fn entry(out: &mut Out, e: &Entry) {
    let Entry {
        id: EntryId(id),
        date,
        people,
        kind,
        direction,
        summary,
        follow_up,
        done,
        done_on,
        released,
        source,
    } = e;
    out.push("(id: ");
    out.id(*id);
    out.push(", date: ");
    out.date(*date);
    out.push(", people: [");
    for (i, PersonId(p)) in people.iter().enumerate() {
        if i > 0 {
            out.push(", ");
        }
        out.id(*p);
    }
    out.push("], kind: ");
    out.string(kind.as_str());
    if *direction != Direction::Gave {
        out.push(", direction: ");
        out.push(direction.as_str());
    }
    out.push(", summary: ");
    out.string(summary);
    if let Some(day) = follow_up {
        out.push(", follow_up: ");
        out.date(*day);
    }
    if *done {
        out.push(", done: true");
    }
    if let Some(day) = done_on {
        out.push(", done_on: ");
        out.date(*day);
    }
    if let Some(note) = released {
        out.push(", released: ");
        out.string(note);
    }
    if let Some(origin) = source {
        out.push(", source: ");
        out.push(origin.as_str());
    }
    out.push(")");
}
