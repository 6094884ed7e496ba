use super::*;
use crate::import::Record;
use crate::import::keys::link_key;
use crate::model::PersonId;

fn rec(name: &str, f: impl FnOnce(&mut Person)) -> Record {
    let mut p = Person::new(PersonId(0), name);
    f(&mut p);
    Record {
        at: Place::default(),
        person: p,
        base: None,
        introduced_by: None,
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
        rec("Bo Berg", |p| p.emails = vec!["BO@X.ORG".into()]),
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
fn same_name_with_different_profiles_or_sites_are_three_people() {
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
    assert_eq!((r.added, r.merged_in_file), (3, 0), "{r}");
    assert_eq!(r.duplicates.len(), 2, "flagged, not merged: {r}");
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

fn rec_at(line: usize, name: &str, f: impl FnOnce(&mut Person)) -> Record {
    let mut r = rec(name, f);
    r.at.line = line;
    r
}

#[test]
fn a_shared_company_site_merges_nobody() {
    let book = Book::default();
    let kde = |name: &str| rec(name, |p| p.links = vec!["https://www.kde.org".into()]);
    let (ops, r) = plan(
        &book,
        parsed(vec![kde("Ana"), kde("Bo"), kde("Cy")]),
        "vcard",
    );
    assert_eq!((r.added, r.merged_in_file, ops.len()), (3, 0, 3), "{r}");
}

#[test]
fn same_name_different_emails_are_two_people_flagged_as_possible_duplicates() {
    let book = Book::default();
    let rows = parsed(vec![
        rec_at(2, "John Smith", |p| p.emails = vec!["john@acme.com".into()]),
        rec_at(3, "John Smith", |p| p.emails = vec!["js@home.net".into()]),
    ]);
    let (_, r) = plan(&book, rows, "google");
    assert_eq!(r.added, 2);
    assert_eq!(r.duplicates.len(), 1);
    let text = r.to_string();
    assert!(text.contains("possible duplicate"), "{text}");
    assert!(text.contains("John Smith (line 2)"), "{text}");
}

#[test]
fn strangers_who_share_a_phone_or_an_email_are_two_people_flagged() {
    let mut book = Book::default();
    let office = "+49 30 1234567";
    let first = parsed(vec![
        rec_at(2, "Heiko Mustermann", |p| p.phones = vec![office.into()]),
        rec_at(3, "Erika Musterfrau", |p| {
            p.phones = vec!["030 1234567".into(), "0049 30 1234567".into()]
        }),
        rec_at(4, "Ana Lima", |p| p.emails = vec!["lima@family.org".into()]),
        rec_at(5, "Bo Lima", |p| p.emails = vec!["LIMA@family.org".into()]),
    ]);
    let (ops, r) = plan(&book, first, "google");
    assert_eq!((r.added, r.merged_in_file), (4, 0), "{r}");
    let text = r.to_string();
    assert!(
        text.contains("possible duplicate line 3: “Erika Musterfrau” of Heiko Mustermann (line 2) (same phone 0049 30 1234567, another name;"),
        "{text}"
    );
    assert!(
        text.contains("“Bo Lima” of Ana Lima (line 4) (same e-mail LIMA@family.org, another name;"),
        "{text}"
    );
    apply(&mut book, ops);
    // Read again (both strangers share the value): each finds themselves.
    let again = parsed(vec![
        rec("Bo Lima", |p| p.emails = vec!["lima@family.org".into()]),
        rec("Erika Musterfrau", |p| {
            p.phones = vec!["030 1234567".into()]
        }),
        rec("Ana Lima", |p| p.emails = vec!["lima@family.org".into()]),
    ]);
    let (ops, r) = plan(&book, again, "google");
    assert_eq!((r.added, r.unchanged), (0, 3), "{r}");
    assert!(ops.is_empty() && r.duplicates.is_empty(), "{r}");
    let pairs = crate::import::possible_duplicates(&book);
    let whys: Vec<&str> = pairs.iter().map(|(_, _, w)| w.as_str()).collect();
    assert_eq!(
        whys,
        [
            "share the phone +49 30 1234567",
            "share the e-mail lima@family.org"
        ],
        "kith check says so too"
    );
}

#[test]
fn a_shared_value_merges_names_that_agree_loosely() {
    let book = Book::default();
    let mut ana = rec_at(2, "Ana María Lima", |p| {
        p.emails = vec!["ana@x.org".into()];
        p.nicknames = vec!["Nana".into()];
    });
    ana.person.structured_name = Some("Lima;Ana;María;;".into());
    let rows = parsed(vec![
        ana,
        rec_at(3, "ana lima", |p| p.emails = vec!["ana@x.org".into()]),
        rec_at(4, "Lima, Ána", |p| p.emails = vec!["ana@x.org".into()]),
        rec_at(5, "A. Lima", |p| p.emails = vec!["ana@x.org".into()]),
        rec_at(6, "Nana", |p| p.emails = vec!["ana@x.org".into()]),
        rec_at(7, "ana@x.org", |p| p.emails = vec!["ana@x.org".into()]),
        rec_at(8, "Ana", |p| p.emails = vec!["ana@x.org".into()]),
        rec_at(9, "Ana Souza", |p| p.emails = vec!["ana@x.org".into()]),
    ]);
    let (_, r) = plan(&book, rows, "");
    assert_eq!((r.added, r.merged_in_file), (2, 6), "{r}");
    assert_eq!(r.duplicates.len(), 1, "{r}");
    assert_eq!(r.duplicates[0].name, "Ana Souza");
}

#[test]
fn every_merge_is_named_with_what_it_was_made_on() {
    let book = Book::default();
    let rows = parsed(vec![
        rec_at(2, "Ana", |p| p.phones = vec!["+49 30 1234567".into()]),
        rec_at(5, "Ana M.", |p| {
            p.phones = vec!["0049 (30) 123-4567".into()]
        }),
        rec_at(7, "Bo", |p| {
            p.links = vec!["https://linkedin.com/in/bo".into()]
        }),
        rec_at(9, "Robert", |p| {
            p.links = vec!["linkedin.com/in/bo/".into()]
        }),
    ]);
    let (_, r) = plan(&book, rows, "");
    assert_eq!((r.added, r.merged_in_file), (2, 2));
    let text = r.to_string();
    assert!(
        text.contains("merged line 5 “Ana M.” into Ana (line 2) on phone 0049 (30) 123-4567"),
        "{text}"
    );
    assert!(
        text.contains("“Robert” into Bo (line 7) on profile"),
        "{text}"
    );
}

#[test]
fn a_uid_match_takes_the_cards_values_renames_included() {
    let mut book = Book::default();
    let mut ana = Person::new(PersonId(0), "Ana García");
    ana.uids = vec!["phone-1".into()];
    ana.notes = "old".into();
    ana.needs = vec!["a flat".into()];
    apply(&mut book, vec![Op::AddPerson(ana)]);
    let (ops, r) = plan(
        &book,
        parsed(vec![rec("Ana López", |p| {
            p.uids = vec!["phone-1".into()];
            p.notes = "new".into();
        })]),
        "",
    );
    assert_eq!((r.added, r.updated), (0, 1), "{r}");
    apply(&mut book, ops);
    let ana = &book.people[0];
    assert_eq!(
        (ana.name.as_str(), ana.notes.as_str()),
        ("Ana López", "new")
    );
    assert_eq!(ana.needs, vec!["a flat"], "what the card lacks is kept");
    let (ops, r) = plan(
        &book,
        parsed(vec![rec("Ana López", |p| {
            p.uids = vec!["p1@kith".into()];
            p.title = Some("CTO".into());
        })]),
        "",
    );
    assert_eq!(r.updated, 1, "kith's own UID is the id");
    apply(&mut book, ops);
    assert_eq!(book.people[0].title.as_deref(), Some("CTO"));
    // Another book's p1 is someone else here: a new person, keeping the UID.
    let (ops, r) = plan(
        &book,
        parsed(vec![rec("Other", |p| p.uids = vec!["p1@kith".into()])]),
        "",
    );
    assert_eq!((r.added, r.updated), (1, 0), "{r}");
    apply(&mut book, ops);
    assert_eq!(book.people[1].uids, ["p1@kith"]);
    assert_eq!(
        book.people[0].uids,
        vec!["phone-1"],
        "kith's UID is not stored"
    );
}

#[test]
fn a_dangling_introducer_is_left_out_with_a_note() {
    let book = Book::default();
    let mut ana = rec("Ana", |_| {});
    ana.introduced_by = Some("p9".into());
    let (ops, r) = plan(&book, parsed(vec![ana]), "");
    let Op::AddPerson(p) = &ops[0] else { panic!() };
    assert_eq!(p.met.introduced_by, None);
    assert!(r.warnings[0].why.contains("p9"), "{r}");
}

#[test]
fn introduced_by_names_a_card_of_the_same_file_whatever_the_books_ids() {
    let mut book = Book::default();
    // This book's p1 and p2 are other people than the file's.
    for n in ["Zoe", "Yan"] {
        apply(&mut book, vec![Op::AddPerson(Person::new(PersonId(0), n))]);
    }
    let by = |mut r: Record, who: &str| {
        r.introduced_by = Some(who.into());
        r
    };
    let rows = parsed(vec![
        by(rec("Ana", |p| p.uids = vec!["p1@kith".into()]), "p2"),
        rec("Bo", |p| p.uids = vec!["p2@kith".into()]),
        by(rec("Cy", |_| {}), "phone-uid-7"),
        rec("Di", |p| p.uids = vec!["phone-uid-7".into()]),
    ]);
    let (ops, r) = plan(&book, rows, "");
    assert_eq!(r.added, 4, "{r}");
    apply(&mut book, ops);
    let named = |n: &str| book.people.iter().find(|p| p.name == n).unwrap();
    let of = |n: &str| named(n).met.introduced_by.map(|id| book.name_of(id));
    assert_eq!(of("Ana").as_deref(), Some("Bo"), "not this book's p2, Yan");
    assert_eq!(of("Cy").as_deref(), Some("Di"));
    assert_eq!(of("Zoe"), None);
}
