//! Ids both sides handed out for different records. Two machines that add a
//! person apart may both call them `p41`: the two are different people, so
//! one keeps the id and the other is re-numbered, with every reference its
//! side made to it (entries, "introduced by", merges, dismissals, the review).
//!
//! Which one keeps the id depends on the records alone (the one whose text
//! sorts lower), and the fresh id on the record's text (a fixed hash of it as
//! the salt of [`Book::fresh_person_id`]), so both machines re-number alike.
//! Ids are opaque here: only compared, and only minted by the book.

use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::model::{Book, DismissedIntro, Entry, EntryId, Kind, Person, PersonId, ReviewProgress};

use super::base::Base;
use super::report::{RecordId, Renumbered, Report, Side};

/// One side's re-numbered ids, applied to every record read from that side.
#[derive(Debug, Default)]
pub(super) struct Remap {
    people: BTreeMap<PersonId, PersonId>,
    entries: BTreeMap<EntryId, EntryId>,
}

impl Remap {
    pub fn person_id(&self, id: PersonId) -> PersonId {
        self.people.get(&id).copied().unwrap_or(id)
    }

    pub fn is_renumbered_person(&self, id: PersonId) -> bool {
        self.people.contains_key(&id)
    }

    pub fn is_renumbered_entry(&self, id: EntryId) -> bool {
        self.entries.contains_key(&id)
    }

    /// The person with re-numbered ids replaced (borrowed when none is).
    pub fn person<'a>(&self, p: &'a Person) -> Cow<'a, Person> {
        if self.people.is_empty() {
            return Cow::Borrowed(p);
        }
        let id = self.person_id(p.id);
        let by = p.met.introduced_by.map(|b| self.person_id(b));
        if id == p.id && by == p.met.introduced_by {
            return Cow::Borrowed(p);
        }
        let mut p = p.clone();
        p.id = id;
        p.met.introduced_by = by;
        Cow::Owned(p)
    }

    /// The entry with re-numbered ids replaced (borrowed when none is).
    pub fn entry<'a>(&self, e: &'a Entry) -> Cow<'a, Entry> {
        let id = self.entries.get(&e.id).copied().unwrap_or(e.id);
        let touched = id != e.id || e.people.iter().any(|p| self.people.contains_key(p));
        if !touched {
            return Cow::Borrowed(e);
        }
        let mut e = e.clone();
        e.id = id;
        for p in &mut e.people {
            *p = self.person_id(*p);
        }
        Cow::Owned(e)
    }

    pub fn merged(&self, merged: &BTreeMap<PersonId, PersonId>) -> BTreeMap<PersonId, PersonId> {
        merged
            .iter()
            .map(|(from, into)| (self.person_id(*from), self.person_id(*into)))
            .collect()
    }

    pub fn dismissed(&self, d: &DismissedIntro) -> DismissedIntro {
        DismissedIntro {
            person: self.person_id(d.person),
            need: d.need.clone(),
            candidate: d.candidate.map(|c| self.person_id(c)),
        }
    }

    pub fn review(&self, r: &ReviewProgress) -> ReviewProgress {
        ReviewProgress {
            date: r.date,
            handled: r
                .handled
                .iter()
                .map(|(p, o)| (self.person_id(*p), *o))
                .collect(),
            snoozes: r
                .snoozes
                .iter()
                .map(|(p, s)| (self.person_id(*p), *s))
                .collect(),
        }
    }
}

/// What an id means on one side: a person, or a person merged away.
enum Meaning<'a> {
    Person(&'a Person),
    Merged(PersonId),
}

/// Finds the ids both sides added for different records and re-numbers one
/// of each pair; returns each side's re-numbering.
pub(super) fn renumber(
    base: &Base<'_>,
    ours: &Book,
    theirs: &Book,
    report: &mut Report,
) -> (Remap, Remap) {
    let mut minter = Minter::new([base.book, ours, theirs]);
    let mut maps = [Remap::default(), Remap::default()];
    let (new_o, new_t) = (new_people(base, ours), new_people(base, theirs));
    for (id, o) in &new_o {
        let Some(t) = new_t.get(id) else { continue };
        if let (Meaning::Merged(_), Meaning::Merged(_)) = (o, t)
            && super::without_base::one_record(&ours.lineage.people, &theirs.lineage.people, *id)
        {
            // One person both copies merged away (into different people:
            // see `merges`), not two additions under one id.
            continue;
        }
        let texts = [meaning_text(o, &maps[0]), meaning_text(t, &maps[1])];
        if texts[0] == texts[1] {
            continue; // the same record added on both sides
        }
        let side = usize::from(texts[1] > texts[0]);
        let to = minter.person(&texts[side]);
        maps[side].people.insert(*id, to);
        report.renumbered.push(Renumbered {
            side: [Side::Ours, Side::Theirs][side],
            from: RecordId::Person(*id),
            to: RecordId::Person(to),
        });
    }
    let (new_o, new_t) = (new_entries(base, ours), new_entries(base, theirs));
    for (id, o) in &new_o {
        let Some(t) = new_t.get(id) else { continue };
        let texts = [
            format!("{:?}", maps[0].entry(o)),
            format!("{:?}", maps[1].entry(t)),
        ];
        if texts[0] == texts[1] {
            continue;
        }
        let side = usize::from(texts[1] > texts[0]);
        let to = minter.entry(&texts[side]);
        maps[side].entries.insert(*id, to);
        report.renumbered.push(Renumbered {
            side: [Side::Ours, Side::Theirs][side],
            from: RecordId::Entry(*id),
            to: RecordId::Entry(to),
        });
    }
    let [o, t] = maps;
    (o, t)
}

/// The ids `book` uses for people (or merged-away people) that base does not.
fn new_people<'a>(base: &Base<'_>, book: &'a Book) -> BTreeMap<PersonId, Meaning<'a>> {
    let is_base = |id: PersonId| base.person(id).is_some() || base.book.merged.contains_key(&id);
    let mut new = BTreeMap::new();
    for p in book.people.iter().filter(|p| !is_base(p.id)) {
        new.insert(p.id, Meaning::Person(p));
    }
    for (from, into) in book.merged.iter().filter(|(from, _)| !is_base(**from)) {
        new.entry(*from).or_insert(Meaning::Merged(*into));
    }
    new
}

/// The entries of `book` base does not have.
fn new_entries<'a>(base: &Base<'_>, book: &'a Book) -> BTreeMap<EntryId, &'a Entry> {
    let fresh = book.entries.iter();
    fresh
        .filter(|e| !base.has_entry(e.id))
        .map(|e| (e.id, e))
        .collect()
}

fn meaning_text(m: &Meaning<'_>, remap: &Remap) -> String {
    match m {
        Meaning::Person(p) => format!("{:?}", remap.person(p)),
        Meaning::Merged(into) => format!("merged into {:?}", remap.person_id(*into)),
    }
}

/// Hands out ids none of the three books uses, nor any handed out before:
/// the book mints them ([`Book::fresh_person_id`]) from the record's hash;
/// a scratch book remembers the ones handed out, and an id some book uses
/// is tried again with the next salt.
struct Minter<'b> {
    books: [&'b Book; 3],
    scratch: Book,
}

impl<'b> Minter<'b> {
    fn new(books: [&'b Book; 3]) -> Minter<'b> {
        let scratch = Book {
            next_person_id: books.iter().map(|b| b.next_person_id).max().unwrap_or(1),
            next_entry_id: books.iter().map(|b| b.next_entry_id).max().unwrap_or(1),
            ..Book::default()
        };
        Minter { books, scratch }
    }

    fn person(&mut self, text: &str) -> PersonId {
        let mut salt = fnv1a(text.as_bytes());
        loop {
            let id = self.scratch.fresh_person_id(salt);
            let at = self
                .scratch
                .people
                .binary_search_by_key(&id, |p| p.id)
                .unwrap_or_else(|at| at);
            self.scratch.people.insert(at, Person::new(id, ""));
            let used = self
                .books
                .iter()
                .any(|b| b.person_index(id).is_some() || b.merged.contains_key(&id));
            if !used {
                return id;
            }
            salt = fnv1a(&salt.to_le_bytes());
        }
    }

    fn entry(&mut self, text: &str) -> EntryId {
        let mut salt = fnv1a(text.as_bytes());
        loop {
            let id = self.scratch.fresh_entry_id(salt);
            let at = self
                .scratch
                .entries
                .binary_search_by_key(&id, |e| e.id)
                .unwrap_or_else(|at| at);
            let mut stub = Entry::new(NaiveDate::MIN, Vec::new(), Kind::new(""), "");
            stub.id = id;
            self.scratch.entries.insert(at, stub);
            if self.books.iter().all(|b| b.entry_index(id).is_none()) {
                return id;
            }
            salt = fnv1a(&salt.to_le_bytes());
        }
    }
}

/// 64-bit FNV-1a: fixed by its definition, so the salt (and the id minted
/// from it) is the same on every machine and every build, which a std
/// hasher does not promise across Rust releases.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}
