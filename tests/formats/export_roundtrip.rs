//! Exports read back: vCard through our own import, iCalendar through an
//! independent parser, CSV through the csv crate.

use chrono::NaiveDate;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

use kith::export::{self, Format};
use kith::import::{self, Parsed, Source, parse_path, parse_text};
use kith::model::{Book, Entry, Kind, Kinds, Op, Person, PersonId};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-26")
}

fn merged(book: &mut Book, parsed: Parsed, tag: &str) -> import::Report {
    let (ops, report) = import::plan(book, parsed, tag);
    Op::Batch(ops).apply(book).unwrap();
    report
}

/// Every fixture imported into one book.
fn imported_book() -> Book {
    let mut book = Book::default();
    for (source, file) in [
        (Source::LinkedIn, "linkedin_connections.csv"),
        (Source::Google, "google_current.csv"),
        (Source::Google, "google_legacy.csv"),
        (Source::VCard, "contacts.vcf"),
    ] {
        merged(
            &mut book,
            parse_path(source, &fixture(file)).unwrap(),
            source.name(),
        );
    }
    book
}

/// What vCard carries of a person.
fn vcard_fields(p: &Person) -> impl PartialEq + std::fmt::Debug {
    (
        p.name.clone(),
        p.nicknames.clone(),
        p.org.clone(),
        p.title.clone(),
        p.emails.clone(),
        p.phones.clone(),
        p.links.clone(),
        p.tags.clone(),
        p.birthday,
        p.notes.clone(),
    )
}

#[test]
fn vcard_export_imports_back_without_loss() {
    let book = imported_book();
    assert!(book.people.len() >= 12, "{}", book.people.len());
    let vcf = export::render(Format::VCard, &book, &Kinds::default(), today());
    let parsed = parse_text(Source::VCard, &vcf).unwrap();
    assert!(
        parsed.skipped.is_empty() && parsed.warnings.is_empty(),
        "{parsed:#?}"
    );
    let mut again = Book::default();
    let report = merged(&mut again, parsed, "");
    assert_eq!(report.added, book.people.len(), "{report}");
    for (a, b) in book.people.iter().zip(&again.people) {
        assert_eq!(vcard_fields(a), vcard_fields(b));
    }
}

#[test]
fn introduced_by_survives_a_round_trip_into_a_book_with_other_ids() {
    let mut book = imported_book();
    // Four people with names no one else has: two introducers, one whose
    // card carries another tool's UID, one with kith's own.
    let unique: Vec<usize> = (0..book.people.len())
        .filter(|i| {
            let n = &book.people[*i].name;
            book.people.iter().filter(|p| &p.name == n).count() == 1
        })
        .take(4)
        .collect();
    let [a, b, c, e] = unique[..] else {
        panic!("{unique:?}")
    };
    book.people[a].uids = vec!["phone-uid-a".into()];
    book.people[b].uids.clear();
    book.people[c].met.introduced_by = Some(book.people[a].id);
    book.people[e].met.introduced_by = Some(book.people[b].id);
    let pairs: Vec<(String, String)> = [(c, a), (e, b)]
        .iter()
        .map(|(who, by)| {
            (
                book.people[*who].name.clone(),
                book.people[*by].name.clone(),
            )
        })
        .collect();
    for format in [Format::VCard, Format::Csv] {
        let text = export::render(format, &book, &Kinds::default(), today());
        let source = match format {
            Format::VCard => Source::VCard,
            _ => Source::KithCsv,
        };
        // Another book, whose ids name other people.
        let mut again = Book::default();
        for n in ["Zoe", "Yan", "Xia", "Wim"] {
            Op::AddPerson(Person::new(PersonId(0), n))
                .apply(&mut again)
                .unwrap();
        }
        let report = merged(&mut again, parse_text(source, &text).unwrap(), "");
        assert!(report.warnings.is_empty(), "{format:?}: {report}");
        for (who, by) in &pairs {
            let p = again.people.iter().find(|p| &p.name == who).unwrap();
            let got = p.met.introduced_by.map(|id| again.name_of(id));
            assert_eq!(got.as_ref(), Some(by), "{format:?}: {who}");
        }
    }
}

#[test]
fn reimporting_an_export_duplicates_nobody() {
    let mut book = imported_book();
    let n = book.people.len();
    let vcf = export::render(Format::VCard, &book, &Kinds::default(), today());
    let report = merged(&mut book, parse_text(Source::VCard, &vcf).unwrap(), "");
    assert_eq!((report.added, report.updated, report.unchanged), (0, 0, n));
    let report = merged(&mut book, parse_text(Source::VCard, &vcf).unwrap(), "vcard");
    assert_eq!(report.added, 0);
    assert_eq!(book.people.len(), n);
    for file in ["linkedin_connections.csv", "google_current.csv"] {
        let source = if file.starts_with("linkedin") {
            Source::LinkedIn
        } else {
            Source::Google
        };
        let report = merged(
            &mut book,
            parse_path(source, &fixture(file)).unwrap(),
            source.name(),
        );
        assert_eq!(report.added, 0, "{file}: {report}");
    }
}

fn calendar_book() -> Book {
    let mut book = Book::default();
    let long = "Zoë 王芳 ".repeat(12);
    for (name, bday) in [
        ("Ana", Some("1985-03-14")),
        (long.trim(), Some("02-29")),
        ("Bo", None),
    ] {
        let mut p = Person::new(PersonId(0), name);
        p.birthday = bday.map(|b| b.parse().unwrap());
        Op::AddPerson(p).apply(&mut book).unwrap();
    }
    let mut promise = Entry::new(
        d("2026-11-20"),
        vec![PersonId(1), PersonId(2)],
        Kind::new("promise"),
        "intro to a designer; soon, really",
    );
    promise.follow_up = Some(d("2026-11-30"));
    let mut favor = Entry::new(
        d("2026-11-21"),
        vec![PersonId(2)],
        Kind::new("favor"),
        &"reviewed the pitch deck ✓ ".repeat(6),
    );
    favor.follow_up = Some(d("2026-12-01"));
    let kept = Entry::new(
        d("2026-11-22"),
        vec![PersonId(3)],
        Kind::new("promise"),
        "done already",
    );
    for e in [promise, favor, kept] {
        Op::AddEntry(e).apply(&mut book).unwrap();
    }
    Op::SetDone(kith::model::EntryId(3), Some(d("2026-11-23")))
        .apply(&mut book)
        .unwrap();
    book
}

#[test]
fn ics_lines_are_short_crlf_terminated_and_parse_with_an_independent_parser() {
    let ics = export::render(Format::Ics, &calendar_book(), &Kinds::default(), today());
    assert!(ics.ends_with("\r\n"));
    for line in ics.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "{line:?}");
        let content = line.trim_end_matches("\r\n");
        assert!(content.len() <= 75, "{} octets: {content}", content.len());
        assert!(!content.contains('\r'));
    }
    assert!(
        ics.lines().any(|l| l.starts_with(' ')),
        "long lines were folded"
    );
    let mut cals = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let cal = cals.next().expect("one calendar").expect("parses");
    assert!(cals.next().is_none());
    let uid = |props: &[ical::property::Property]| {
        props
            .iter()
            .find(|p| p.name == "UID")
            .and_then(|p| p.value.clone())
            .unwrap()
    };
    let todos: Vec<String> = cal.todos.iter().map(|t| uid(&t.properties)).collect();
    assert_eq!(
        todos,
        vec!["e1-promise@kith"],
        "the kept promise is left out"
    );
    let mut events: Vec<String> = cal.events.iter().map(|e| uid(&e.properties)).collect();
    events.sort();
    assert_eq!(
        events,
        vec![
            "e1-promise-due@kith",
            "e2-follow-up@kith",
            "p1-birthday@kith",
            "p2-birthday@kith"
        ]
    );
    // The open promise is an all-day event on its follow-up day, which
    // calendars show (a dateless VTODO they ignore).
    let due = cal
        .events
        .iter()
        .find(|e| uid(&e.properties) == "e1-promise-due@kith")
        .unwrap();
    let prop = |name: &str| {
        due.properties
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(prop("DTSTART").value.as_deref(), Some("20261130"));
    assert_eq!(
        prop("DTSTART").params.as_ref().map(|p| p[0].clone()),
        Some(("VALUE".to_string(), vec!["DATE".to_string()]))
    );
    assert!(
        prop("DESCRIPTION")
            .value
            .as_deref()
            .unwrap()
            .starts_with("You promised Ana and Zoë 王芳"),
        "{:?}",
        prop("DESCRIPTION").value
    );
    let rrules = cal
        .events
        .iter()
        .flat_map(|e| &e.properties)
        .filter(|p| p.name == "RRULE")
        .count();
    assert_eq!(rrules, 2);
    for e in &cal.events {
        assert!(
            e.properties
                .iter()
                .any(|p| p.name == "DTSTAMP" && p.value.as_deref() == Some("20261126T000000Z"))
        );
    }
}

#[test]
fn ics_uids_do_not_depend_on_the_day_of_export() {
    let book = calendar_book();
    let uids = |ics: String| {
        ics.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let a = export::render(Format::Ics, &book, &Kinds::default(), today());
    let b = export::render(Format::Ics, &book, &Kinds::default(), d("2027-01-01"));
    assert_ne!(a, b, "DTSTAMP moves");
    assert_eq!(uids(a), uids(b));
}

#[test]
fn csv_export_has_a_row_per_person() {
    let book = imported_book();
    let text = export::render(Format::Csv, &book, &Kinds::default(), today());
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(r.headers().unwrap().get(0), Some("id"));
    assert_eq!(r.records().count(), book.people.len());
}

fn field() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;:\\\\éü王😀\"'.=-]{1,30}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("non-empty", |s| !s.is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_survives_vcard_export_and_import(
        name in field(), org in field(), note in field(), tags in prop::collection::vec(field(), 0..3),
        nick in field(),
    ) {
        let mut book = Book::default();
        let mut p = Person::new(PersonId(0), name);
        p.org = Some(org);
        p.notes = format!("{note}\nsecond line");
        p.nicknames = vec![nick];
        // The import keeps one of tags that differ only by case or accent.
        let mut seen = std::collections::HashSet::new();
        p.tags = tags.into_iter().filter(|t| seen.insert(kith::text::fold(t))).collect();
        Op::AddPerson(p).apply(&mut book).unwrap();
        let vcf = export::render(Format::VCard, &book, &Kinds::default(), today());
        let mut again = Book::default();
        merged(&mut again, parse_text(Source::VCard, &vcf).unwrap(), "");
        prop_assert_eq!(vcard_fields(&book.people[0]), vcard_fields(&again.people[0]));
    }
}
