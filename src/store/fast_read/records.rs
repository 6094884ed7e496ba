//! One record of the book from its line: a person, an entry, a dismissed
//! introduction. The structs are built with full literals (no
//! `..Default::default()`): a field added to the model fails to compile here
//! until this reader learns it.

use smallvec::SmallVec;
use std::borrow::Cow;

use crate::model::{Birthday, DismissedIntro, Entry, EntryId, Kind, Person, PersonId};

use super::NamesKept;
use super::cursor::Cursor;
use super::set_once;

/// The fields of one person, after its opening `(`, through its `)`.
pub(super) fn person(c: &mut Cursor) -> Option<Person> {
    let mut id = None;
    let mut name = None;
    let mut nicknames = None;
    let mut org = None;
    let mut title = None;
    let mut emails = None;
    let mut phones = None;
    let mut addresses = None;
    let mut links = None;
    let mut tags = None;
    let mut met = None;
    let mut needs = None;
    let mut offers = None;
    let mut cadence = None;
    let mut birthday = None;
    let mut notes = None;
    let mut archived = None;
    let mut snoozed_until = None;
    let mut structured_name = None;
    let mut uids = None;
    let mut vcard = None;
    c.fields(|c, field| {
        match field {
            "id" => set_once(&mut id, PersonId(c.id()?))?,
            "name" => set_once(&mut name, c.string()?)?,
            "nicknames" => set_once(&mut nicknames, c.strings()?)?,
            "org" => set_once(&mut org, c.string()?)?,
            "title" => set_once(&mut title, c.string()?)?,
            "emails" => set_once(&mut emails, c.strings()?)?,
            "phones" => set_once(&mut phones, c.strings()?)?,
            "addresses" => set_once(&mut addresses, c.list(Cursor::address)?)?,
            "links" => set_once(&mut links, c.strings()?)?,
            "tags" => set_once(&mut tags, c.strings()?)?,
            "met" => set_once(&mut met, c.how_met()?)?,
            "needs" => set_once(&mut needs, c.strings()?)?,
            "offers" => set_once(&mut offers, c.strings()?)?,
            "cadence" => set_once(&mut cadence, c.u32()?)?,
            "birthday" => set_once(&mut birthday, c.string()?.parse::<Birthday>().ok()?)?,
            "notes" => set_once(&mut notes, c.string()?)?,
            "archived" => set_once(&mut archived, c.bool()?)?,
            "snoozed_until" => set_once(&mut snoozed_until, c.date()?)?,
            "structured_name" => set_once(&mut structured_name, c.string()?)?,
            "uids" => set_once(&mut uids, c.strings()?)?,
            "vcard" => set_once(&mut vcard, c.strings()?)?,
            _ => return None,
        }
        Some(())
    })?;
    Some(Person {
        id: id?,
        name: name?,
        nicknames: nicknames.unwrap_or_default(),
        org,
        title,
        emails: emails.unwrap_or_default(),
        phones: phones.unwrap_or_default(),
        addresses: addresses.unwrap_or_default(),
        links: links.unwrap_or_default(),
        tags: tags.unwrap_or_default(),
        met: met.unwrap_or_default(),
        needs: needs.unwrap_or_default(),
        offers: offers.unwrap_or_default(),
        cadence,
        birthday,
        notes: notes.unwrap_or_default(),
        archived: archived.unwrap_or_default(),
        snoozed_until,
        structured_name,
        uids: uids.unwrap_or_default(),
        vcard: vcard.unwrap_or_default(),
    })
}

/// Of one person, after its opening `(`, through its `)`: only what a search
/// of names shows (id, name, nicknames, org, e-mails, archived), and only
/// when `keep` keeps their name and nicknames (`Some(None)` when it does
/// not); every other field passed over unread, and nothing of theirs copied
/// out of the line until they are kept ([`super::person_name_lines`]). A
/// field [`person`] does not know gives up all the same.
pub(super) fn person_names(c: &mut Cursor, keep: &NamesKept) -> Option<Option<Person>> {
    let mut id = None;
    let mut name = None;
    let mut nicknames = None;
    let mut org = None;
    let mut emails = None;
    let mut archived = None;
    c.fields(|c, field| {
        match field {
            "id" => set_once(&mut id, PersonId(c.id()?))?,
            "name" => set_once(&mut name, c.text_of_string()?)?,
            "nicknames" => set_once(&mut nicknames, c.texts_of_strings()?)?,
            "org" => set_once(&mut org, c.text_of_string()?)?,
            "emails" => set_once(&mut emails, c.texts_of_strings()?)?,
            "archived" => set_once(&mut archived, c.bool()?)?,
            "title" | "phones" | "addresses" | "links" | "tags" | "met" | "needs" | "offers"
            | "cadence" | "birthday" | "notes" | "snoozed_until" | "structured_name" | "uids"
            | "vcard" => c.skip_value()?,
            _ => return None,
        }
        Some(())
    })?;
    let (id, name) = (id?, name?);
    let nicknames = nicknames.unwrap_or_default();
    let kept = {
        let names: SmallVec<[&str; 3]> = std::iter::once(&*name)
            .chain(nicknames.iter().map(|n| &**n))
            .collect();
        keep(&names)
    };
    if !kept {
        return Some(None);
    }
    let owned = |texts: SmallVec<[Cow<str>; 2]>| texts.into_iter().map(Cow::into_owned).collect();
    let mut person = Person::new(id, name.into_owned());
    person.nicknames = owned(nicknames);
    person.org = org.map(Cow::into_owned);
    person.emails = emails.map(owned).unwrap_or_default();
    person.archived = archived.unwrap_or_default();
    Some(Some(person))
}

/// One dismissed introduction, after its opening `(`, through its `)`.
pub(super) fn dismissed(c: &mut Cursor) -> Option<DismissedIntro> {
    let mut person = None;
    let mut need = None;
    let mut candidate = None;
    c.fields(|c, field| {
        match field {
            "person" => set_once(&mut person, PersonId(c.id()?))?,
            "need" => set_once(&mut need, c.string()?)?,
            "candidate" => set_once(&mut candidate, PersonId(c.id()?))?,
            _ => return None,
        }
        Some(())
    })?;
    Some(DismissedIntro {
        person: person?,
        need: need?,
        candidate,
    })
}

/// The fields of one entry, after its opening `(`, through its `)`.
pub(super) fn entry(c: &mut Cursor) -> Option<Entry> {
    let mut id = None;
    let mut date = None;
    let mut people = None;
    let mut kind = None;
    let mut direction = None;
    let mut summary = None;
    let mut follow_up = None;
    let mut done = None;
    let mut done_on = None;
    let mut released = None;
    let mut source = None;
    c.fields(|c, field| {
        match field {
            "id" => set_once(&mut id, EntryId(c.id()?))?,
            "date" => set_once(&mut date, c.date()?)?,
            "people" => set_once(&mut people, c.ids()?)?,
            "kind" => set_once(&mut kind, Kind::stored(c.string()?))?,
            "direction" => set_once(&mut direction, c.direction()?)?,
            "summary" => set_once(&mut summary, c.string()?.into())?,
            "follow_up" => set_once(&mut follow_up, c.date()?)?,
            "done" => set_once(&mut done, c.bool()?)?,
            "done_on" => set_once(&mut done_on, c.date()?)?,
            "released" => set_once(&mut released, c.string()?.into())?,
            "source" => set_once(&mut source, c.origin()?)?,
            _ => return None,
        }
        Some(())
    })?;
    Some(Entry {
        id: id?,
        date: date?,
        people: people?,
        kind: kind?,
        direction: direction.unwrap_or_default(),
        summary: summary?,
        follow_up,
        done: done.unwrap_or_default(),
        done_on,
        released,
        source,
    })
}
