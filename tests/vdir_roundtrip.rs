//! kith → vCard → kith over generated people (every field equal), and a vdir
//! both ways: export, an unchanged re-import that writes nothing, a card
//! renamed elsewhere that updates its person by UID, a deleted person whose
//! card goes (and a user's own files that stay), a vdirsyncer-style tree.

use chrono::NaiveDate;
use proptest::prelude::*;
use std::fs;
use std::path::Path;

use kith::export::vdir;
use kith::import::{self, Source, parse_path};
use kith::model::{Birthday, Book, Op, Person, PersonId};
use kith::store::Store;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn book_with(people: Vec<Person>) -> Book {
    let mut book = Book::default();
    for p in people {
        Op::AddPerson(p).apply(&mut book).unwrap();
    }
    book
}

fn import_dir(file: &Path, dir: &Path) -> import::Report {
    let (mut store, mut book) = Store::open(file, today()).unwrap();
    let parsed = parse_path(Source::VCard, dir).unwrap();
    import::import(&mut store, &mut book, parsed, "", false).unwrap()
}

fn people(file: &Path) -> Vec<Person> {
    Store::open(file, today()).unwrap().1.people
}

#[test]
fn a_vdir_both_ways_with_a_rename_by_uid_and_a_deleted_person() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("book.ron");
    let dir = tmp.path().join("contacts/default");
    let mut ana = Person::new(PersonId(0), "Ana García");
    ana.emails = vec!["ana@acme.example".into()];
    ana.needs = vec!["a designer".into()];
    ana.met.context = Some("LinkedIn".into());
    let mut bo = Person::new(PersonId(0), "Bo Chen");
    bo.uids = vec!["4c1b-phone".into()];
    let cy = Person::new(PersonId(0), "Cy");
    let (mut store, mut book) = Store::open(&file, today()).unwrap();
    store
        .update(&mut book, |_| {
            Ok(Op::Batch(vec![
                Op::AddPerson(ana),
                Op::AddPerson(bo),
                Op::AddPerson(cy),
            ]))
        })
        .unwrap();
    let r = vdir::write(&book, &dir).unwrap();
    assert_eq!(r.written, 3);
    let bo_card = dir.join("4c1b-phone.vcf");
    assert!(bo_card.exists(), "named by the UID the person already had");

    // Unchanged: the import writes nothing (the book file's bytes stay).
    let before = fs::read(&file).unwrap();
    let r = import_dir(&file, tmp.path().join("contacts").as_path());
    assert_eq!((r.added, r.updated, r.unchanged), (0, 0, 3), "{r}");
    assert_eq!(fs::read(&file).unwrap(), before, "nothing written");

    // khard renames Ana and adds a phone; a phone adds a new card.
    let ana_card = dir.join("p1@kith.vcf");
    let text = fs::read_to_string(&ana_card).unwrap();
    let text = text
        .replace("FN:Ana García", "FN:Ana López")
        .replace("N:García;Ana;;;", "N:López;Ana;;;")
        .replace("END:VCARD", "TEL:+34 600 000 000\r\nEND:VCARD");
    fs::write(&ana_card, text).unwrap();
    fs::write(
        dir.join("9d2e.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:9d2e\r\nFN:Di New\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let r = import_dir(&file, tmp.path().join("contacts").as_path());
    assert_eq!((r.added, r.updated, r.unchanged), (1, 1, 2), "{r}");
    let now = people(&file);
    let ana = now.iter().find(|p| p.id == PersonId(1)).unwrap();
    assert_eq!(ana.name, "Ana López");
    assert_eq!(ana.phones, vec!["+34 600 000 000"]);
    assert_eq!(
        ana.needs,
        vec!["a designer"],
        "kith's fields survive the trip"
    );
    assert!(
        now.iter()
            .any(|p| p.name == "Di New" && p.uids == vec!["9d2e"])
    );
    assert_eq!(now.len(), 4);

    // Bo is deleted in kith: his card goes; Di's (written by a phone) and a
    // user's own file stay, and Di's card is rewritten by kith in place.
    fs::write(dir.join("README"), "mine").unwrap();
    let (mut store, mut book) = Store::open(&file, today()).unwrap();
    store
        .update(&mut book, |_| Ok(Op::DeletePerson(PersonId(2))))
        .unwrap();
    let r = vdir::write(&book, &dir).unwrap();
    assert_eq!(r.removed, vec![bo_card.clone()]);
    assert!(!bo_card.exists() && dir.join("README").exists());
    assert!(
        fs::read_to_string(dir.join("9d2e.vcf"))
            .unwrap()
            .contains("FN:Di New")
    );
    let names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    let r = vdir::write(&book, &dir).unwrap();
    assert_eq!(
        (r.written, r.unchanged),
        (0, 3),
        "a second export rewrites nothing"
    );
}

fn word() -> impl Strategy<Value = String> {
    "[A-Z][a-zà-ÿ]{1,7}"
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-zà-ÿ0-9 ,;:.!?\"'()\\\\-]{1,24}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("not empty", |s| !s.is_empty())
}

fn list(of: impl Strategy<Value = String>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::btree_set(of, 0..3).prop_map(|s| s.into_iter().collect())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1950i32..2030, 1u32..13, 1u32..29)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

prop_compose! {
    fn person(i: usize)(
        given in word(), family in word(), extra in prop::option::of(word()),
        n_kept in any::<bool>(), nicknames in list(text()), org in prop::option::of(text()),
        title in prop::option::of(text()), emails in 0usize..3, phones in 0usize..3,
        links in list("[a-z]{1,8}".prop_map(|s| format!("https://{s}.example/p"))),
        tags in list("[a-z]{1,8}(-[a-z]{1,4})?"), context in prop::option::of(text()),
        met_date in prop::option::of(date()), needs in list(text()), offers in list(text()),
        cadence in prop::option::of(0u32..400), birthday in prop::option::of((prop::option::of(1900i32..2020), 1u32..13, 1u32..29)),
        notes in prop::option::of((text(), text())), archived in any::<bool>(),
        snoozed in prop::option::of(date()), uids in list("[a-z0-9-]{4,12}"),
        kept in list("(item[1-3]\\.)?X-[A-Z]{2,6}(;TYPE=[a-z]{1,5})?:[a-z]{1,10}"),
    ) -> Person {
        let family = format!("{family}{i}");
        let mut p = Person::new(PersonId(0), match &extra {
            Some(x) => format!("Dr. {given} {x} {family}"),
            None => format!("{given} {family}"),
        });
        if let (true, Some(x)) = (n_kept, &extra) {
            p.structured_name = Some(format!("{family};{given};{x};Dr.;"));
        }
        p.nicknames = nicknames;
        p.org = org;
        p.title = title;
        p.emails = (0..emails).map(|k| format!("p{i}.{k}@mail.example")).collect();
        p.phones = (0..phones).map(|k| format!("+1 555 {i:03}{k:04}")).collect();
        p.links = links.into_iter().map(|l| l.replace("/p", &format!("/p{i}"))).collect();
        p.tags = tags;
        p.met.context = context;
        p.met.date = met_date;
        p.needs = needs;
        p.offers = offers;
        p.cadence = cadence;
        p.birthday = birthday.and_then(|(y, m, d)| Birthday::new(y, m, d));
        p.notes = notes.map(|(a, b)| format!("{a}\n{b}")).unwrap_or_default();
        p.archived = archived;
        p.snoozed_until = snoozed;
        p.uids = uids.into_iter().map(|u| format!("{u}-{i}")).collect();
        // Other apps' lines, which a card keeps verbatim.
        for line in kept {
            if !p.vcard.contains(&line) {
                p.vcard.push(line);
            }
        }
        p
    }
}

fn book() -> impl Strategy<Value = Book> {
    (1usize..6)
        .prop_flat_map(|n| (0..n).map(person).collect::<Vec<_>>())
        .prop_map(book_with)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn kith_to_vcard_to_kith_keeps_every_field(book in book()) {
        let text = kith::export::vcard::render(&book);
        let parsed = import::parse_text(Source::VCard, &text).unwrap();
        prop_assert!(parsed.warnings.is_empty() && parsed.skipped.is_empty(), "{:?}", parsed.warnings);
        let mut back = Book::default();
        let (ops, _) = import::plan(&back, parsed, "");
        Op::Batch(ops).apply(&mut back).unwrap();
        prop_assert_eq!(&back.people, &book.people);
        // And once more into the book it came from: nothing to do.
        let again = import::parse_text(Source::VCard, &text).unwrap();
        let (ops, r) = import::plan(&book, again, "");
        prop_assert!(ops.is_empty(), "{}", r);
    }
}
