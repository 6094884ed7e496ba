//! Dedupe and merge: which person in the book (or earlier in the file) a record
//! is, and what it adds to them. One pass with hash maps, so ten thousand rows
//! cost milliseconds.

use std::collections::HashMap;

use super::{Parsed, Report};
use crate::model::{Book, Op, Person};
use crate::text::fold;

/// A link as a matching key: no scheme, no `www.`, no trailing slash, lower case.
/// `https://www.linkedin.com/in/ana/` and `linkedin.com/in/Ana` are one key.
pub fn link_key(url: &str) -> String {
    let mut s = url.trim().to_lowercase();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = s.strip_prefix(scheme) {
            s = rest.to_string();
            break;
        }
    }
    if let Some(rest) = s.strip_prefix("www.") {
        s = rest.to_string();
    }
    s.trim_end_matches('/').to_string()
}

fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Folded name and organisation, whitespace collapsed.
fn name_key(p: &Person) -> String {
    let words = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}\u{1f}{}",
        words(&p.name),
        words(p.org.as_deref().unwrap_or(""))
    )
}

/// Who a key belongs to: someone already in the book (by index), or a person
/// this import is building (by slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Book(usize),
    Slot(usize),
}

/// The matching keys of one person.
struct PersonKeys {
    links: Vec<String>,
    emails: Vec<String>,
    name: String,
}

impl PersonKeys {
    fn of(p: &Person) -> PersonKeys {
        PersonKeys {
            links: p.links.iter().map(|l| link_key(l)).collect(),
            emails: p.emails.iter().map(|e| email_key(e)).collect(),
            name: name_key(p),
        }
    }
}

#[derive(Default)]
struct Keys {
    links: HashMap<String, Target>,
    emails: HashMap<String, Target>,
    names: HashMap<String, Target>,
}

impl Keys {
    fn add(&mut self, k: PersonKeys, t: Target) {
        for l in k.links {
            self.links.entry(l).or_insert(t);
        }
        for e in k.emails {
            self.emails.entry(e).or_insert(t);
        }
        self.names.entry(k.name).or_insert(t);
    }

    /// Link first, then e-mail, then name and organisation. A name match is
    /// refused when both have a link on the same site and the links differ
    /// (two connections called Wei Zhang are two people).
    fn find(&self, k: &PersonKeys, links_of: impl Fn(Target) -> Vec<String>) -> Option<Target> {
        let by_link = k.links.iter().find_map(|l| self.links.get(l));
        let by_email = || k.emails.iter().find_map(|e| self.emails.get(e));
        let by_name = || {
            self.names
                .get(&k.name)
                .filter(|t| !links_conflict(&k.links, &links_of(**t)))
        };
        by_link.or_else(by_email).or_else(by_name).copied()
    }
}

/// Some link in `a` and some in `b` are on the same site but differ.
fn links_conflict(a: &[String], b: &[String]) -> bool {
    let site = |k: &str| k.split('/').next().unwrap_or("").to_string();
    a.iter().any(|x| {
        b.iter()
            .map(|l| link_key(l))
            .any(|y| site(x) == site(&y) && *x != y)
    })
}

/// A person this import adds or changes.
struct Slot {
    person: Person,
    /// Index in the book for someone already there.
    from_book: Option<usize>,
}

/// Plans the import of `parsed` into `book`: the operations to apply (in one
/// batch) and the report. Matched people keep everything they have; only
/// empty fields are filled, and new e-mails, phones, links, nicknames and tags
/// are added to their lists.
pub fn plan(book: &Book, parsed: Parsed, tag: &str) -> (Vec<Op>, Report) {
    let mut keys = Keys::default();
    for (i, p) in book.people.iter().enumerate() {
        keys.add(PersonKeys::of(p), Target::Book(i));
    }
    let mut slots: Vec<Slot> = Vec::new();
    let mut slot_of_book: HashMap<usize, usize> = HashMap::new();
    let mut report = Report {
        skipped: parsed.skipped,
        warnings: parsed.warnings,
        ..Report::default()
    };
    let tag = tag.trim();
    for record in parsed.records {
        let mut incoming = record.person;
        if !tag.is_empty() {
            add_all(&mut incoming.tags, [tag.to_string()]);
        }
        let incoming_keys = PersonKeys::of(&incoming);
        let links_of = |t: Target| match t {
            Target::Book(i) => book.people[i].links.clone(),
            Target::Slot(s) => slots[s].person.links.clone(),
        };
        let slot = match keys.find(&incoming_keys, links_of) {
            Some(Target::Slot(s)) => {
                report.merged_in_file += 1;
                s
            }
            Some(Target::Book(i)) => *slot_of_book.entry(i).or_insert_with(|| {
                slots.push(Slot {
                    person: book.people[i].clone(),
                    from_book: Some(i),
                });
                slots.len() - 1
            }),
            None => {
                slots.push(Slot {
                    person: Person::default(),
                    from_book: None,
                });
                slots.len() - 1
            }
        };
        let person = &mut slots[slot].person;
        let had_org = person.org.is_some() || person.name.is_empty();
        fill(person, incoming);
        // The record's keys now lead here too; and an organisation filled in
        // for someone known makes a new name key.
        let filled_org = !had_org && person.org.is_some();
        let extra_name = filled_org.then(|| name_key(person));
        keys.add(incoming_keys, Target::Slot(slot));
        if let Some(name) = extra_name {
            keys.names.entry(name).or_insert(Target::Slot(slot));
        }
    }
    let mut ops = Vec::new();
    for slot in slots {
        match slot.from_book {
            None => {
                report.added += 1;
                ops.push(Op::AddPerson(slot.person));
            }
            Some(i) if book.people[i] == slot.person => report.unchanged += 1,
            Some(_) => {
                report.updated += 1;
                ops.push(Op::UpdatePerson(slot.person));
            }
        }
    }
    (ops, report)
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
    opt(&mut into.org, from.org);
    opt(&mut into.title, from.title);
    opt(&mut into.met.context, from.met.context);
    opt(&mut into.met.date, from.met.date);
    opt(&mut into.birthday, from.birthday);
    opt(&mut into.cadence, from.cadence);
    if into.notes.trim().is_empty() {
        into.notes = from.notes;
    }
    add_all(&mut into.nicknames, from.nicknames);
    add_all_by(&mut into.emails, from.emails, email_key);
    add_all(&mut into.phones, from.phones);
    add_all_by(&mut into.links, from.links, link_key);
    add_all_by(&mut into.tags, from.tags, fold);
    add_all(&mut into.needs, from.needs);
    add_all(&mut into.offers, from.offers);
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
mod tests {
    use super::*;
    use crate::import::{Place, Record};
    use crate::model::PersonId;

    fn rec(name: &str, f: impl FnOnce(&mut Person)) -> Record {
        let mut p = Person::new(PersonId(0), name);
        f(&mut p);
        Record {
            at: Place::default(),
            person: p,
        }
    }

    fn parsed(records: Vec<Record>) -> Parsed {
        Parsed {
            records,
            ..Parsed::default()
        }
    }

    fn apply(book: &mut Book, ops: Vec<Op>) {
        Op::Batch(ops).apply(book).unwrap();
    }

    #[test]
    fn link_keys_ignore_scheme_www_case_and_trailing_slash() {
        assert_eq!(
            link_key("https://www.LinkedIn.com/in/ana/"),
            link_key("linkedin.com/in/ana")
        );
        assert_ne!(
            link_key("linkedin.com/in/ana"),
            link_key("linkedin.com/in/bo")
        );
    }

    #[test]
    fn matches_by_link_then_email_then_name_and_org() {
        let mut book = Book::default();
        let first = parsed(vec![
            rec("Ana García", |p| {
                p.links = vec!["https://linkedin.com/in/ana".into()]
            }),
            rec("Bo", |p| p.emails = vec!["bo@x.org".into()]),
            rec("José Núñez", |p| p.org = Some("Acme".into())),
        ]);
        let (ops, r) = plan(&book, first, "linkedin");
        assert_eq!((r.added, r.updated), (3, 0));
        apply(&mut book, ops);
        let again = parsed(vec![
            rec("Ana G.", |p| {
                p.links = vec!["www.linkedin.com/in/ana/".into()];
                p.title = Some("CTO".into());
            }),
            rec("Robert", |p| p.emails = vec!["BO@X.ORG".into()]),
            rec("jose  nunez", |p| p.org = Some("ACME".into())),
            rec("José Núñez", |p| p.org = Some("Other".into())),
        ]);
        let (ops, r) = plan(&book, again, "linkedin");
        assert_eq!((r.added, r.updated, r.unchanged), (1, 1, 2), "{r}");
        apply(&mut book, ops);
        assert_eq!(book.people.len(), 4);
        assert_eq!(book.people[0].name, "Ana García", "names are kept");
        assert_eq!(book.people[0].title.as_deref(), Some("CTO"), "gaps filled");
    }

    #[test]
    fn same_name_and_org_with_different_profiles_are_two_people() {
        let book = Book::default();
        let wei = |url: &str| {
            let url = url.to_string();
            rec("Wei Zhang", move |p| p.links = vec![url])
        };
        let rows = parsed(vec![
            wei("https://www.linkedin.com/in/wei-zhang-1"),
            wei("https://www.linkedin.com/in/wei-zhang-2"),
            wei("https://wei.dev"),
        ]);
        let (_, r) = plan(&book, rows, "linkedin");
        assert_eq!((r.added, r.merged_in_file), (2, 1), "{r}");
    }

    #[test]
    fn only_missing_fields_are_filled_and_lists_gain_new_values() {
        let mut book = Book::default();
        let mut ana = Person::new(PersonId(0), "Ana");
        ana.org = Some("Acme".into());
        ana.emails = vec!["ana@acme.com".into()];
        ana.notes = "met at the meetup".into();
        apply(&mut book, vec![Op::AddPerson(ana)]);
        let incoming = parsed(vec![rec("Ana", |p| {
            p.org = Some("Acme".into());
            p.emails = vec!["ANA@acme.com".into(), "ana@home.net".into()];
            p.notes = "something else".into();
            p.title = Some("CTO".into());
        })]);
        let (ops, r) = plan(&book, incoming, "vcard");
        assert_eq!(r.updated, 1);
        apply(&mut book, ops);
        let ana = &book.people[0];
        assert_eq!(ana.emails, vec!["ana@acme.com", "ana@home.net"]);
        assert_eq!(ana.notes, "met at the meetup");
        assert_eq!(ana.title.as_deref(), Some("CTO"));
        assert_eq!(ana.tags, vec!["vcard"]);
    }

    #[test]
    fn duplicate_rows_in_one_file_become_one_person() {
        let book = Book::default();
        let (ops, r) = plan(
            &book,
            parsed(vec![
                rec("Ana", |p| p.emails = vec!["a@x".into()]),
                rec("Ana Two", |p| {
                    p.emails = vec!["a@x".into()];
                    p.phones = vec!["+1 555".into()];
                }),
            ]),
            "google",
        );
        assert_eq!((r.added, r.merged_in_file), (1, 1));
        let Op::AddPerson(p) = &ops[0] else { panic!() };
        assert_eq!(p.phones, vec!["+1 555"]);
    }

    #[test]
    fn reimport_is_unchanged_and_writes_nothing() {
        let mut book = Book::default();
        let rows = || parsed(vec![rec("Ana", |p| p.tags = vec!["Friends".into()])]);
        let (ops, _) = plan(&book, rows(), "google");
        apply(&mut book, ops);
        let (ops, r) = plan(&book, rows(), "google");
        assert!(ops.is_empty());
        assert_eq!((r.added, r.updated, r.unchanged), (0, 0, 1));
    }
}
