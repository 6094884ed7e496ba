//! Which person in the book (or earlier in the file) a record is, and what it
//! adds to them. A match needs a UID, a personal profile URL, an e-mail or a
//! phone under a name that agrees ([`keys::names_agree`]: "Ana" and "Ana
//! Lima", accents, a nickname), or the same name and another agreeing field
//! ([`keys`]). A UID is one card's identity, so it matches whatever the name
//! (a rename on the phone is a rename). A shared name, e-mail or phone alone
//! (a family address, an office number) makes a new person and a "possible
//! duplicate" line. One pass with hash maps, so ten thousand rows cost
//! milliseconds.

use std::collections::HashMap;

use super::keys::{self, On, email_key, name_key, phone_key, profile_key};
use super::report::{Duplicate, Merge, Report};
use super::{Parsed, Place, Problem};
use crate::model::{Book, Op, Person, PersonId};
use crate::text::fold;
use crate::vcard::fields::kith_id_of_uid;
use crate::vcard::kith as kith_fields;

/// Who a key belongs to: someone already in the book (by index), or a person
/// this import is building (by slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Book(usize),
    Slot(usize),
}

#[derive(Default)]
struct Keys {
    uids: HashMap<String, Target>,
    /// Everyone with the value: strangers may share one.
    emails: HashMap<String, Vec<Target>>,
    phones: HashMap<String, Vec<Target>>,
    profiles: HashMap<String, Target>,
    names: HashMap<String, Vec<Target>>,
}

impl Keys {
    fn add(&mut self, p: &Person, t: Target) {
        for u in &p.uids {
            self.uids.entry(u.clone()).or_insert(t);
        }
        let shared = |map: &mut HashMap<String, Vec<Target>>, k: String| {
            let list = map.entry(k).or_default();
            if !list.contains(&t) {
                list.push(t);
            }
        };
        for e in &p.emails {
            shared(&mut self.emails, email_key(e));
        }
        for k in p.phones.iter().filter_map(|x| phone_key(x)) {
            shared(&mut self.phones, k);
        }
        for k in p.links.iter().filter_map(|l| profile_key(l)) {
            self.profiles.entry(k).or_insert(t);
        }
        let names = self.names.entry(name_key(p)).or_default();
        if !names.contains(&t) {
            names.push(t);
        }
    }
}

/// A person this import adds or changes.
struct Slot {
    person: Person,
    /// Index in the book for someone already there.
    from_book: Option<usize>,
    /// Where the first record for a new person was.
    at: Place,
}

/// Plans the import of `parsed` into `book`: the operations to apply (in one
/// batch) and the report. A match by UID (a card edited elsewhere and read
/// back) takes the card's values, renames included, and no `tag`; any other
/// match only fills empty fields. Lists gain new values and never lose any.
pub fn plan(book: &Book, parsed: Parsed, tag: &str) -> (Vec<Op>, Report) {
    let mut parsed = parsed;
    let mut keys = Keys::default();
    for (i, p) in book.people.iter().enumerate() {
        keys.add(p, Target::Book(i));
    }
    if !parsed.unchanged_files.is_empty() {
        super::vdir::read_unknown(&mut parsed, |uid| {
            keys.uids.contains_key(uid)
                || kith_id_of_uid(uid).is_some_and(|id| book.person(book.survivor(id)).is_some())
        });
    }
    let mut slots: Vec<Slot> = Vec::new();
    let mut slot_of_book: HashMap<usize, usize> = HashMap::new();
    let mut merges: Vec<(usize, Merge)> = Vec::new();
    let mut report = Report {
        skipped: parsed.skipped,
        warnings: parsed.warnings,
        unchanged: parsed.unchanged_cards,
        ..Report::default()
    };
    let tag = tag.trim();
    // Every UID a card of this file or folder carries (kith's own
    // included), by the person it became: who introduced whom is resolved
    // against these first.
    let mut file_uids: HashMap<String, usize> = HashMap::new();
    let mut introducers: Vec<Introducer> = Vec::new();
    for record in parsed.records {
        let mut incoming = record.person;
        report.kept_verbatim += incoming.vcard.len();
        // kith's own UID for someone in this book is their id: it finds them,
        // and is not stored. One this book does not know (a card from another
        // book, a book restored from its vdir) is kept, so the card keeps it.
        // Another book's `p7@kith` may be someone else here: unless kith wrote
        // the card to this vdir, the names must agree (a shared e-mail or
        // phone alone is not enough).
        let kith_uid = incoming.uids.iter().find_map(|u| {
            let id = kith_id_of_uid(u)?;
            let i = book.person_index(book.survivor(id))?;
            let agrees = record.base.is_some() || keys::same_person(&incoming, &book.people[i]);
            agrees.then(|| (Target::Book(i), u.clone()))
        });
        let card_uids = incoming.uids.clone();
        let own_uid = |u: &String| kith_uid.as_ref().is_some_and(|(_, k)| k == u);
        incoming.uids.retain(|u| !own_uid(u));
        let mut base = record.base.map(|b| *b);
        if let Some(b) = &mut base {
            b.uids.retain(|u| !own_uid(u));
        }
        // Who introduced them is looked for among the file's cards once all
        // are read; a card kith wrote to this book's vdir names this book's
        // people, found now (so the three-way merge sees it).
        let by_ref = record.introduced_by;
        let trusted = base.is_some() || kith_uid.is_some();
        let mut settled = false;
        match (&by_ref, &base) {
            (Some(r), Some(_)) => {
                incoming.met.introduced_by = in_book(r, book, &keys, trusted);
                settled = incoming.met.introduced_by.is_some();
            }
            // Kept from the card kith wrote (an app dropped kith's lines).
            (None, Some(_)) => {
                let by = incoming.met.introduced_by;
                incoming.met.introduced_by = by.filter(|id| book.person(*id).is_some());
            }
            (_, None) => incoming.met.introduced_by = None,
        }
        let person_at = |t: Target| match t {
            Target::Book(i) => &book.people[i],
            Target::Slot(s) => &slots[s].person,
        };
        let (found, shared) = match kith_uid {
            Some((t, u)) => (Some((t, On::Uid(u))), None),
            None => find(&keys, &incoming, person_at),
        };
        // A card read back by UID is the person syncing, not someone imported:
        // it gets no tag (so an unchanged vdir writes nothing).
        if !tag.is_empty() && !matches!(found, Some((_, On::Uid(_)))) {
            add_all_by(&mut incoming.tags, [tag.to_string()], fold);
        }
        let Some((target, on)) = found else {
            let same_name = keys.names.get(&name_key(&incoming)).and_then(|t| t.first());
            let flagged = match (same_name, shared) {
                (Some(first), _) => Some((*first, "same name only".to_string())),
                (None, Some((t, on))) => Some((t, format!("same {on}, another name"))),
                (None, None) => None,
            };
            if let Some((t, why)) = flagged {
                report.duplicates.push(Duplicate {
                    at: record.at.clone(),
                    name: incoming.name.clone(),
                    of: describe(t, book, &slots),
                    why,
                });
            }
            slots.push(Slot {
                person: Person::default(),
                from_book: None,
                at: record.at.clone(),
            });
            let s = slots.len() - 1;
            fill(&mut slots[s].person, incoming.clone());
            keys.add(&slots[s].person, Target::Slot(s));
            note_card(&mut file_uids, card_uids, s);
            if let (Some(r), false) = (by_ref, settled) {
                introducers.push(Introducer {
                    slot: s,
                    by: r,
                    at: record.at,
                    trusted,
                    overwrite: true,
                });
            }
            continue;
        };
        let into = describe(target, book, &slots);
        let slot = match target {
            Target::Slot(s) => {
                report.merged_in_file += 1;
                s
            }
            Target::Book(i) => *slot_of_book.entry(i).or_insert_with(|| {
                slots.push(Slot {
                    person: book.people[i].clone(),
                    from_book: Some(i),
                    at: record.at.clone(),
                });
                slots.len() - 1
            }),
        };
        note_card(&mut file_uids, card_uids, slot);
        if let (Some(r), false) = (by_ref, settled) {
            introducers.push(Introducer {
                slot,
                by: r,
                at: record.at.clone(),
                trusted,
                overwrite: matches!(on, On::Uid(_)),
            });
        }
        merges.push((
            slot,
            Merge {
                at: record.at,
                name: incoming.name.clone(),
                into,
                on: on.clone(),
                in_file: matches!(target, Target::Slot(_)),
            },
        ));
        let person = &mut slots[slot].person;
        match (&on, base) {
            // A card kith synced, changed elsewhere: three-way against the
            // card both sides started from.
            (On::Uid(_), Some(mut base)) => {
                base.id = person.id;
                incoming.id = person.id;
                let (merged, clashes) = crate::sync::merge_card(&base, person, &incoming);
                *person = merged;
                report.clashes += clashes;
            }
            (On::Uid(_), None) => overwrite(person, incoming),
            _ => fill(person, incoming),
        }
        keys.add(&slots[slot].person, Target::Slot(slot));
    }
    resolve_introducers(
        introducers,
        &file_uids,
        book,
        &keys,
        &mut slots,
        &mut report,
    );
    // Cards deleted elsewhere: their people are archived, history kept.
    for (at, uid) in parsed.gone {
        let target = kith_id_of_uid(&uid)
            .and_then(|id| book.person_index(book.survivor(id)))
            .map(Target::Book)
            .or_else(|| keys.uids.get(&uid).copied());
        let slot = match target {
            Some(Target::Book(i)) => *slot_of_book.entry(i).or_insert_with(|| {
                slots.push(Slot {
                    person: book.people[i].clone(),
                    from_book: Some(i),
                    at: at.clone(),
                });
                slots.len() - 1
            }),
            Some(Target::Slot(s)) => s,
            None => continue,
        };
        let person = &mut slots[slot].person;
        if !person.archived {
            person.archived = true;
            report.archived.push(format!("{} ({})", person.name, at));
        }
    }
    let mut ops = Vec::new();
    let mut changed = vec![true; slots.len()];
    for (s, slot) in slots.into_iter().enumerate() {
        match slot.from_book {
            None => {
                report.added += 1;
                report.added_names.push((slot.at, slot.person.name.clone()));
                ops.push(Op::AddPerson(slot.person));
            }
            Some(i) if book.people[i] == slot.person => {
                report.unchanged += 1;
                changed[s] = false;
            }
            Some(i) => {
                report.updated += 1;
                report
                    .updated_names
                    .push(describe(Target::Book(i), book, &[]));
                ops.push(Op::edit_person(&book.people[i], slot.person));
            }
        }
    }
    // Every merge that changed someone, or joined two rows of the file.
    report.merges = merges
        .into_iter()
        .filter(|(s, m)| changed[*s] || m.in_file)
        .map(|(_, m)| m)
        .collect();
    (ops, report)
}

/// A record that names who introduced them, to resolve once the whole file
/// is read.
struct Introducer {
    slot: usize,
    by: String,
    at: Place,
    /// The card is this book's (kith wrote it, or its kith UID is someone
    /// here): a bare kith id may name someone in the book.
    trusted: bool,
    /// The record was matched by UID: its value replaces the person's.
    overwrite: bool,
}

fn note_card(file_uids: &mut HashMap<String, usize>, uids: Vec<String>, slot: usize) {
    for u in uids {
        file_uids.entry(u).or_insert(slot);
    }
}

/// Someone in the book a card names as introducer: by another tool's UID
/// they hold, or (only on a card of this book) by kith id.
fn in_book(by: &str, book: &Book, keys: &Keys, trusted: bool) -> Option<PersonId> {
    let by_uid = keys.uids.get(by).and_then(|t| match t {
        Target::Book(i) => Some(book.people[*i].id),
        Target::Slot(_) => None,
    });
    let by_id = || {
        let id = book.survivor(kith_fields::introducer_id(by)?);
        (trusted && book.person(id).is_some()).then_some(id)
    };
    by_uid.or_else(by_id)
}

/// Sets each "introduced by": the card of the same file or folder with that
/// UID (or kith id), else someone in the book ([`in_book`]); else a note,
/// and the person keeps what they had. New people someone was introduced by
/// get their ids now, so the reference holds once added.
fn resolve_introducers(
    introducers: Vec<Introducer>,
    file_uids: &HashMap<String, usize>,
    book: &Book,
    keys: &Keys,
    slots: &mut [Slot],
    report: &mut Report,
) {
    let in_file = |by: &str| {
        file_uids.get(by).copied().or_else(|| {
            let id = kith_fields::introducer_id(by)?;
            file_uids.get(&format!("{id}@kith")).copied()
        })
    };
    let found: Vec<(Introducer, Option<usize>)> = introducers
        .into_iter()
        .map(|i| {
            let s = in_file(&i.by);
            (i, s)
        })
        .collect();
    let needs_ids = found
        .iter()
        .any(|(_, s)| s.is_some_and(|s| slots[s].from_book.is_none()));
    if needs_ids {
        let new_ones: Vec<usize> = (0..slots.len())
            .filter(|s| slots[*s].from_book.is_none())
            .collect();
        for (s, id) in new_ones.iter().zip(book.next_person_ids(new_ones.len())) {
            slots[*s].person.id = id;
        }
    }
    for (i, target) in found {
        let id = match target {
            Some(s) => Some(slots[s].person.id),
            None => in_book(&i.by, book, keys, i.trusted),
        };
        let person = &mut slots[i.slot].person;
        match id {
            Some(id) if id == person.id => {}
            Some(id) => {
                if i.overwrite || person.met.introduced_by.is_none() {
                    person.met.introduced_by = Some(id);
                }
            }
            None => report.warnings.push(Problem {
                at: i.at,
                why: format!(
                    "introduced by {}, who is neither in this file nor in this book; left out",
                    i.by
                ),
            }),
        }
    }
}

/// Who a record is, and on what.
type Found = (Target, On);

/// UID, then e-mail, then phone (each under a name that agrees), then
/// profile, then name and another field. Also, when nothing matched, the
/// first record that shares an e-mail or phone under another name (for the
/// possible-duplicate line).
fn find<'a>(
    keys: &Keys,
    p: &Person,
    person_at: impl Fn(Target) -> &'a Person,
) -> (Option<Found>, Option<Found>) {
    let by =
        |map: &HashMap<String, Target>, k: Option<String>, on: On| map.get(&k?).map(|t| (*t, on));
    let mut shared: Option<Found> = None;
    let mut agreeing = |map: &HashMap<String, Vec<Target>>, k: Option<String>, on: On| {
        let all = map.get(&k?)?;
        let found = all.iter().find(|t| keys::names_agree(p, person_at(**t)));
        if found.is_none() && shared.is_none() {
            shared = all.first().map(|t| (*t, on.clone()));
        }
        found.map(|t| (*t, on))
    };
    let mut found = p
        .uids
        .iter()
        .find_map(|u| by(&keys.uids, Some(u.clone()), On::Uid(u.clone())));
    if found.is_none() {
        found = p
            .emails
            .iter()
            .find_map(|e| agreeing(&keys.emails, Some(email_key(e)), On::Email(e.clone())));
    }
    if found.is_none() {
        found = p
            .phones
            .iter()
            .find_map(|x| agreeing(&keys.phones, phone_key(x), On::Phone(x.clone())));
    }
    let found = found
        .or_else(|| {
            p.links
                .iter()
                .find_map(|l| by(&keys.profiles, profile_key(l), On::Profile(l.clone())))
        })
        .or_else(|| {
            let candidates = keys.names.get(&name_key(p))?;
            candidates
                .iter()
                .find_map(|t| {
                    keys::same_name_agrees(p, person_at(*t)).map(|field| (*t, On::NameAnd(field)))
                })
                .or_else(|| {
                    let t = candidates
                        .iter()
                        .find(|t| keys::adds_nothing(p, person_at(**t)))?;
                    Some((*t, On::NameOnly))
                })
        });
    match found {
        Some(f) => (Some(f), None),
        None => (None, shared),
    }
}

/// `Ana García (p3)` for someone in the book, `Ana García (line 4)` for a row.
fn describe(t: Target, book: &Book, slots: &[Slot]) -> String {
    match t {
        Target::Book(i) => format!("{} ({})", book.people[i].name, book.people[i].id),
        Target::Slot(s) if slots[s].from_book.is_some() => {
            describe(Target::Book(slots[s].from_book.unwrap_or(0)), book, slots)
        }
        Target::Slot(s) => format!("{} ({})", slots[s].person.name, slots[s].at),
    }
}

/// The card's values win (a card edited elsewhere, read back by UID); what
/// it lacks is kept, lists gain what is new.
fn overwrite(into: &mut Person, from: Person) {
    fn opt<T>(slot: &mut Option<T>, v: Option<T>) {
        if v.is_some() {
            *slot = v;
        }
    }
    if !from.name.trim().is_empty() {
        into.name = from.name.clone();
    }
    let mut from = from;
    opt(&mut into.structured_name, from.structured_name.take());
    opt(&mut into.org, from.org.take());
    opt(&mut into.title, from.title.take());
    opt(&mut into.met.context, from.met.context.take());
    opt(&mut into.met.date, from.met.date.take());
    opt(&mut into.birthday, from.birthday.take());
    opt(&mut into.cadence, from.cadence.take());
    opt(&mut into.snoozed_until, from.snoozed_until.take());
    if !from.notes.trim().is_empty() {
        into.notes = std::mem::take(&mut from.notes);
    }
    fill(into, from);
}

/// Fills what `into` lacks from `from`; never overwrites.
fn fill(into: &mut Person, from: Person) {
    fn opt<T>(slot: &mut Option<T>, v: Option<T>) {
        if slot.is_none() {
            *slot = v;
        }
    }
    if into.name.trim().is_empty() {
        into.name = from.name;
    }
    opt(&mut into.structured_name, from.structured_name);
    opt(&mut into.org, from.org);
    opt(&mut into.title, from.title);
    opt(&mut into.met.context, from.met.context);
    opt(&mut into.met.date, from.met.date);
    opt(&mut into.met.introduced_by, from.met.introduced_by);
    opt(&mut into.birthday, from.birthday);
    opt(&mut into.cadence, from.cadence);
    opt(&mut into.snoozed_until, from.snoozed_until);
    into.archived |= from.archived;
    if into.notes.trim().is_empty() {
        into.notes = from.notes;
    }
    add_all(&mut into.nicknames, from.nicknames);
    add_all_by(&mut into.emails, from.emails, email_key);
    add_all(&mut into.phones, from.phones);
    for a in from.addresses {
        if !into.addresses.contains(&a) {
            into.addresses.push(a);
        }
    }
    add_all_by(&mut into.links, from.links, keys::link_key);
    add_all_by(&mut into.tags, from.tags, fold);
    add_all(&mut into.needs, from.needs);
    add_all(&mut into.offers, from.offers);
    add_all(&mut into.uids, from.uids);
    add_all(&mut into.vcard, from.vcard);
}

fn add_all(list: &mut Vec<String>, new: impl IntoIterator<Item = String>) {
    add_all_by(list, new, |s| s.trim().to_string());
}

/// Appends the values of `new` whose key is not yet in `list`.
fn add_all_by(
    list: &mut Vec<String>,
    new: impl IntoIterator<Item = String>,
    key: impl Fn(&str) -> String,
) {
    for v in new {
        let k = key(&v);
        if !k.is_empty() && !list.iter().any(|have| key(have) == k) {
            list.push(v);
        }
    }
}

#[cfg(test)]
#[path = "tests/merge.rs"]
mod tests;
