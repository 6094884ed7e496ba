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
        .filter(|n| n != ".kith-state")
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
        // Into a new book, a card keeps the UID kith gave it.
        let mut expected = book.people.clone();
        for p in &mut expected {
            if p.uids.is_empty() {
                p.uids = vec![format!("{}@kith", p.id)];
            }
        }
        prop_assert_eq!(&back.people, &expected);
        // And once more into the book it came from: nothing to do.
        let again = import::parse_text(Source::VCard, &text).unwrap();
        let (ops, r) = import::plan(&book, again, "");
        prop_assert!(ops.is_empty(), "{}", r);
    }
}

/// The vdir's card file for a person named `name`.
fn card_of(dir: &Path, name: &str) -> std::path::PathBuf {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "vcf")
                && fs::read_to_string(p)
                    .unwrap()
                    .contains(&format!("FN:{name}"))
        })
        .unwrap_or_else(|| panic!("no card for {name}"))
}

fn export_dir(file: &Path, dir: &Path) -> vdir::VdirReport {
    vdir::write(&Store::open(file, today()).unwrap().1, dir).unwrap()
}

/// Ana (an e-mail, a phone, a need only kith knows) and Bo, in a new book.
fn ana_and_bo(file: &Path) {
    let mut ana = Person::new(PersonId(0), "Ana García");
    ana.emails = vec!["ana@acme.example".into(), "ana@home.example".into()];
    ana.phones = vec!["+34 600 000 001".into()];
    ana.needs = vec!["a designer".into()];
    let mut bo = Person::new(PersonId(0), "Bo Chen");
    bo.emails = vec!["bo@chen.example".into()];
    let (mut store, mut book) = Store::open(file, today()).unwrap();
    store
        .update(&mut book, |_| {
            Ok(Op::Batch(vec![Op::AddPerson(ana), Op::AddPerson(bo)]))
        })
        .unwrap();
}

fn named<'a>(people: &'a [Person], name: &str) -> &'a Person {
    people.iter().find(|p| p.name == name).unwrap()
}

/// The card as DAVx5 writes it back after an edit on the phone: vCard 3.0,
/// its own PRODID and REV, the number changed (with a TYPE and a label), the
/// home e-mail removed, an address and a photo added, kith's X-KITH- lines
/// kept where they were.
fn davx5_edit(card: &str) -> String {
    let mut out = String::new();
    for line in card.split("\r\n") {
        match line {
            "VERSION:4.0" => out.push_str("VERSION:3.0\r\n"),
            "PRODID:-//kith//kith export//EN" => {
                out.push_str("PRODID:+//IDN bitfire.at//DAVx5/4.4.2-ose ez-vcard/0.12.1\r\n")
            }
            "EMAIL:ana@home.example" => {}
            "TEL;VALUE=text:+34 600 000 001" => out.push_str(
                "item1.TEL;TYPE=cell:+34 600 000 002\r\nitem1.X-ABLabel:mobile\r\n\
                 ADR;TYPE=home:;;Calle Mayor 1;Madrid;;28013;Spain\r\n\
                 PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==\r\n",
            ),
            "END:VCARD" => out.push_str("REV:20261126T101500Z\r\nEND:VCARD\r\n"),
            "" => {}
            other => {
                out.push_str(other);
                out.push_str("\r\n");
            }
        }
    }
    out
}

#[test]
fn a_phone_edit_removal_address_photo_and_deletion_survive_the_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("book.ron");
    let dir = tmp.path().join("kith");
    ana_and_bo(&file);
    assert_eq!(export_dir(&file, &dir).written, 2);
    let ana_card = card_of(&dir, "Ana García");
    fs::write(
        &ana_card,
        davx5_edit(&fs::read_to_string(&ana_card).unwrap()),
    )
    .unwrap();
    fs::remove_file(card_of(&dir, "Bo Chen")).unwrap();

    // Before the import, an export leaves the phone's edit and deletion be.
    let r = export_dir(&file, &dir);
    assert_eq!(
        (
            r.written,
            r.changed_elsewhere.len(),
            r.deleted_elsewhere.len()
        ),
        (0, 1, 1)
    );
    assert!(fs::read_to_string(&ana_card).unwrap().contains("PHOTO"));

    let r = import_dir(&file, &dir);
    assert_eq!(r.archived.len(), 1, "{r}");
    let all = people(&file);
    let ana = named(&all, "Ana García");
    assert_eq!(ana.phones, ["+34 600 000 002"], "a changed number replaces");
    assert_eq!(ana.emails, ["ana@acme.example"], "a removal removes");
    assert_eq!(ana.needs, ["a designer"], "kith's own fields stay");
    assert!(
        named(&all, "Bo Chen").archived,
        "deleted there: archived here"
    );

    let r = export_dir(&file, &dir);
    assert_eq!(
        r.written, 0,
        "the phone's card says what the book says: {r:?}"
    );
    let card = fs::read_to_string(&ana_card).unwrap();
    for line in [
        "item1.TEL;TYPE=cell:+34 600 000 002\r\n",
        "item1.X-ABLabel:mobile\r\n",
        "ADR;TYPE=home:;;Calle Mayor 1;Madrid;;28013;Spain\r\n",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==\r\n",
    ] {
        assert!(card.contains(line), "{line} lost:\n{card}");
    }
    assert!(!card.contains("ana@home") && !card.contains("000 001"));
    let cards = |d: &Path| {
        fs::read_dir(d)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "vcf")
            })
            .count()
    };
    assert_eq!(cards(&dir), 1, "Bo's card is not written again");

    // A change in kith now goes out over the phone's card, its lines kept.
    let (mut store, mut book) = Store::open(&file, today()).unwrap();
    let seen = named(&book.people, "Ana García").clone();
    let mut after = seen.clone();
    after.title = Some("CTO".into());
    store
        .update(&mut book, |_| Ok(Op::edit_person(&seen, after.clone())))
        .unwrap();
    assert_eq!(export_dir(&file, &dir).written, 1);
    let card = fs::read_to_string(&ana_card).unwrap();
    assert!(
        card.contains("TITLE:CTO\r\n") && card.contains("PHOTO;"),
        "{card}"
    );

    // Unarchived, Bo's card comes back.
    let (mut store, mut book) = Store::open(&file, today()).unwrap();
    let seen = named(&book.people, "Bo Chen").clone();
    let mut after = seen.clone();
    after.archived = false;
    store
        .update(&mut book, |_| Ok(Op::edit_person(&seen, after.clone())))
        .unwrap();
    assert_eq!(export_dir(&file, &dir).written, 1);
    assert_eq!(cards(&dir), 2);
}

#[test]
fn an_unchanged_round_trip_writes_no_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("book.ron");
    let dir = tmp.path().join("kith");
    ana_and_bo(&file);
    export_dir(&file, &dir);
    let ana_card = card_of(&dir, "Ana García");
    fs::write(
        &ana_card,
        davx5_edit(&fs::read_to_string(&ana_card).unwrap()),
    )
    .unwrap();
    import_dir(&file, &dir);
    export_dir(&file, &dir);
    let snapshot = |d: &Path| {
        let mut v: Vec<_> = fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.clone(),
                    fs::read(&p).unwrap(),
                    fs::metadata(&p).unwrap().modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (book, cards) = (fs::read(&file).unwrap(), snapshot(&dir));
    let r = import_dir(&file, &dir);
    assert_eq!((r.added, r.updated, r.unchanged), (0, 0, 2), "{r}");
    let r = export_dir(&file, &dir);
    assert_eq!((r.written, r.unchanged), (0, 2));
    assert_eq!(fs::read(&file).unwrap(), book);
    assert_eq!(snapshot(&dir), cards, "no card and no state rewritten");
}

#[test]
fn a_value_changed_on_both_sides_keeps_both_visible() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("book.ron");
    let dir = tmp.path().join("kith");
    ana_and_bo(&file);
    let (mut store, mut book) = Store::open(&file, today()).unwrap();
    let seen = named(&book.people, "Ana García").clone();
    let mut after = seen.clone();
    after.org = Some("Acme".into());
    store
        .update(&mut book, |_| Ok(Op::edit_person(&seen, after.clone())))
        .unwrap();
    export_dir(&file, &dir);
    // Changed in kith (Globex) and on the phone (Initech) since.
    let (mut store, mut book) = Store::open(&file, today()).unwrap();
    let seen = named(&book.people, "Ana García").clone();
    let mut after = seen.clone();
    after.org = Some("Globex".into());
    store
        .update(&mut book, |_| Ok(Op::edit_person(&seen, after.clone())))
        .unwrap();
    let ana_card = card_of(&dir, "Ana García");
    let text = fs::read_to_string(&ana_card)
        .unwrap()
        .replace("ORG:Acme", "ORG:Initech");
    fs::write(&ana_card, text).unwrap();
    let r = import_dir(&file, &dir);
    assert_eq!(r.clashes, 1, "{r}");
    let all = people(&file);
    let ana = named(&all, "Ana García");
    let both = [ana.org.clone().unwrap(), ana.notes.clone()].join(" ");
    assert!(
        both.contains("Globex") && both.contains("Initech"),
        "{both}"
    );
}

#[test]
fn a_book_restored_from_its_vdir_writes_the_same_cards() {
    let tmp = tempfile::tempdir().unwrap();
    let (file, dir) = (tmp.path().join("book.ron"), tmp.path().join("kith"));
    ana_and_bo(&file);
    // And someone from a phone, with its own UID and lines.
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("phone-1.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-1\r\nFN:Cy Okafor\r\nN:Okafor;Cy;;;\r\n\
         item1.EMAIL;TYPE=INTERNET:cy@o.example\r\nitem1.X-ABLabel:_$!<Other>!$_\r\nEND:VCARD\r\n",
    )
    .unwrap();
    import_dir(&file, &dir);
    export_dir(&file, &dir);
    // A new laptop: the book is gone, the vdir came from the server.
    let restored = tmp.path().join("restored.ron");
    let copy = tmp.path().join("copy");
    fs::create_dir_all(&copy).unwrap();
    for e in fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "vcf") {
            fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
        }
    }
    // The new book is another process's (ids are drawn per process), and
    // holds someone already.
    let kith = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .args(args)
            .env("KITH_FILE", &restored)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let cards: Vec<(std::path::PathBuf, String)> = fs::read_dir(&copy)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), fs::read_to_string(&p).unwrap()))
        .collect();
    assert_eq!(cards.len(), 3);
    kith(&["add", "Di"]);
    kith(&["contacts", "sync", copy.to_str().unwrap()]);
    let fresh = tmp.path().join("fresh");
    assert_eq!(export_dir(&restored, &fresh).written, 4, "with Di");
    for (p, was) in cards {
        let again = fs::read_to_string(fresh.join(p.file_name().unwrap())).unwrap_or_default();
        if was.contains("PRODID:-//kith//") {
            assert_eq!(again, was, "{} not written again the same", p.display());
        } else {
            // The phone's own card, in kith's words: the same card.
            assert!(
                kith::export::vdir::same_card(&again, &was),
                "{again}\n{was}"
            );
            assert!(again.contains("item1.EMAIL;TYPE=INTERNET:cy@o.example\r\n"));
        }
    }
    // And into the restored vdir itself: nothing to write.
    assert_eq!(export_dir(&restored, &copy).written, 0);
}

#[test]
fn a_synced_vdir_imported_into_another_book_adds_everyone() {
    let tmp = tempfile::tempdir().unwrap();
    let (file, dir) = (tmp.path().join("book.ron"), tmp.path().join("kith"));
    ana_and_bo(&file);
    export_dir(&file, &dir);
    // Every card is as kith wrote it, but this book holds none of them.
    let other = tmp.path().join("other.ron");
    let r = import_dir(&other, &dir);
    assert_eq!((r.added, r.unchanged), (2, 0), "{r}");
    assert_eq!(people(&other).len(), 2);
}

/// An address is kith's own field (issue 24, point 3): added on the phone it
/// is in the book, once; moved on the phone it replaces the old one (three
/// way, like a number); the card carries one ADR line all along.
#[test]
fn an_address_changed_on_the_phone_replaces_the_old_one() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("book.ron");
    let dir = tmp.path().join("kith");
    ana_and_bo(&file);
    export_dir(&file, &dir);
    let ana_card = card_of(&dir, "Ana García");
    fs::write(
        &ana_card,
        davx5_edit(&fs::read_to_string(&ana_card).unwrap()),
    )
    .unwrap();
    import_dir(&file, &dir);
    let ana = named(&people(&file), "Ana García").clone();
    assert_eq!(ana.addresses.len(), 1, "{:?}", ana.addresses);
    assert_eq!(ana.addresses[0].street, "Calle Mayor 1");
    assert!(
        !ana.vcard.iter().any(|l| l.starts_with("ADR")),
        "kith writes this ADR line itself; not kept twice: {:?}",
        ana.vcard
    );
    export_dir(&file, &dir);

    let moved = fs::read_to_string(&ana_card)
        .unwrap()
        .replace("Calle Mayor 1;Madrid;;28013", "Rua Nova 5;Porto;;4000-001")
        .replace(";Spain\r\n", ";Portugal\r\n");
    fs::write(&ana_card, &moved).unwrap();
    import_dir(&file, &dir);
    let ana = named(&people(&file), "Ana García").clone();
    assert_eq!(
        ana.addresses
            .iter()
            .map(|a| a.one_line())
            .collect::<Vec<_>>(),
        ["Rua Nova 5, 4000-001 Porto, Portugal"]
    );
    export_dir(&file, &dir);
    let card = fs::read_to_string(&ana_card).unwrap();
    assert_eq!(card.matches("ADR").count(), 1, "{card}");
    assert!(card.contains("ADR;TYPE=home:;;Rua Nova 5;Porto;;4000-001;Portugal\r\n"));
}
