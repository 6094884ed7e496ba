//! Every quirk in the hand-written fixtures, read through the public API.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

use kith::import::{self, Parsed, Source, parse_path};
use kith::model::{Book, Person};
use kith::store::Store;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn named<'a>(parsed: &'a Parsed, name: &str) -> &'a Person {
    &parsed
        .records
        .iter()
        .find(|r| r.person.name == name)
        .unwrap_or_else(|| panic!("no {name} in {parsed:#?}"))
        .person
}

#[test]
fn linkedin_with_bom_crlf_quoted_preamble_and_every_quirk() {
    let parsed = parse_path(Source::LinkedIn, &fixture("linkedin_connections.csv")).unwrap();
    let ana = named(&parsed, "Ana García");
    assert_eq!(ana.org.as_deref(), Some("Acme, Inc."));
    assert_eq!(ana.title.as_deref(), Some("CTO"));
    assert_eq!(ana.links, vec!["https://www.linkedin.com/in/ana-garcia"]);
    assert_eq!(ana.met.context.as_deref(), Some("LinkedIn"));
    assert_eq!(ana.met.date, Some(d("2024-03-12")));
    let jose = named(&parsed, "José Núñez");
    assert_eq!(jose.org.as_deref(), Some("The \"Best\" Widgets"));
    assert!(jose.emails.is_empty(), "empty e-mail is no e-mail");
    assert_eq!(jose.met.date, Some(d("2022-02-07")));
    assert_eq!(named(&parsed, "王 芳").org.as_deref(), Some("字节"));
    assert_eq!(named(&parsed, "Zoë O'Brien").met.date, None);
    assert_eq!(named(&parsed, "Bob Builder").met.date, None);
    let skipped: Vec<(usize, &str)> = parsed
        .skipped
        .iter()
        .map(|p| (p.at.line, p.why.as_str()))
        .collect();
    assert_eq!(
        skipped,
        vec![(10, "no name"), (11, "2 fields where the header has 7")]
    );
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].at.line, 12);
    assert!(parsed.warnings[0].why.contains("someday"));
}

#[test]
fn a_csv_that_is_not_linkedin_is_refused_with_exit_code_2() {
    let err = parse_path(Source::LinkedIn, &fixture("not_linkedin.csv")).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    let msg = err.to_string();
    assert!(msg.contains("not_linkedin.csv"), "{msg}");
    assert!(msg.contains("not a LinkedIn Connections.csv"), "{msg}");
    let err = parse_path(Source::Google, &fixture("linkedin_connections.csv")).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    let err = parse_path(Source::VCard, &fixture("google_current.csv")).unwrap_err();
    assert!(err.to_string().contains("use `kith import google"), "{err}");
    let err = parse_path(Source::VCard, &fixture("not_linkedin.csv")).unwrap_err();
    assert!(err.to_string().contains("BEGIN:VCARD"), "{err}");
}

#[test]
fn google_current_header() {
    let parsed = parse_path(Source::Google, &fixture("google_current.csv")).unwrap();
    let ana = named(&parsed, "Ana García");
    assert_eq!(ana.emails, vec!["ANA@ACME.EXAMPLE", "ana@home.example"]);
    assert_eq!(ana.tags, vec!["Friends", "Rust"], "system labels dropped");
    assert_eq!(ana.notes, "Met at RustConf.\nLikes \"good\" tea.");
    assert_eq!(ana.birthday.unwrap().to_string(), "1985-03-14");
    assert_eq!(ana.phones, vec!["+34 600 000 000"]);
    assert_eq!(ana.nicknames, vec!["Anita"]);
    let soren = named(&parsed, "Dr. Søren Kierkegaard");
    assert_eq!(soren.birthday.unwrap().to_string(), "05-05");
    assert!(soren.tags.is_empty());
    assert_eq!(named(&parsed, "Initech").tags, vec!["Vendors"]);
    assert_eq!(named(&parsed, "Mia Chen").birthday, None);
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(parsed.skipped[0].at.line, 5);
    assert_eq!(parsed.warnings[0].at.line, 7);
}

#[test]
fn google_legacy_header() {
    let parsed = parse_path(Source::Google, &fixture("google_legacy.csv")).unwrap();
    let bo = named(&parsed, "Bo Chen");
    assert_eq!(bo.phones, vec!["555-0100", "555-0101"]);
    assert_eq!(bo.org.as_deref(), Some("Initech"));
    assert_eq!(bo.title.as_deref(), Some("Developer"));
    assert_eq!(bo.tags, vec!["Work"]);
}

#[test]
fn vcard_versions_folding_groups_escapes_and_broken_cards() {
    let parsed = parse_path(Source::VCard, &fixture("contacts.vcf")).unwrap();
    let ana = named(&parsed, "Ana García");
    assert_eq!(
        ana.org.as_deref(),
        Some("Acme, Inc., Engineering"),
        "ORG units kept"
    );
    assert_eq!(ana.emails, vec!["ana@acme.example"], "item1. group prefix");
    assert_eq!(
        ana.notes,
        "Met at RustConf; loves tea, not coffee.\nSecond line with a long tail that was \
         folded by the writer because it went past seventy-five octets."
    );
    assert_eq!(ana.tags, vec!["Friends", "Rust"]);
    let fang = named(&parsed, "王芳");
    assert_eq!(fang.nicknames, vec!["Fang", "小芳"]);
    assert_eq!(fang.phones, vec!["+86-10-1234-5678"]);
    assert_eq!(fang.birthday.unwrap().to_string(), "07-04");
    let jurgen = named(&parsed, "Jürgen Müller");
    assert_eq!(jurgen.phones, vec!["+49 30 1234567"], "2.1 bare params");
    assert_eq!(jurgen.notes, "Line one\nLine two");
    let zoe = named(&parsed, "Zoë Year-less");
    assert_eq!(zoe.birthday.unwrap().to_string(), "12-24");
    let skipped: Vec<usize> = parsed.skipped.iter().map(|p| p.at.line).collect();
    assert_eq!(skipped, vec![32, 43], "{:#?}", parsed.skipped);
    assert!(parsed.skipped[0].why.contains("2.1"));
    assert!(
        parsed.warnings.iter().any(|w| w.at.line == 41),
        "{:#?}",
        parsed.warnings
    );
    assert_eq!(parsed.records.len(), 4);
}

#[test]
fn a_fold_inside_a_utf8_character_is_repaired() {
    let parsed = parse_path(Source::VCard, &fixture("split_utf8.vcf")).unwrap();
    assert_eq!(parsed.records[0].person.name, "José Split");
    assert_eq!(parsed.records[0].person.notes, "café");
}

#[test]
fn a_folder_of_vcards_reads_every_vcf_and_reports_broken_files() {
    let parsed = parse_path(Source::VCard, &fixture("vcards")).unwrap();
    let names: Vec<&str> = parsed
        .records
        .iter()
        .map(|r| r.person.name.as_str())
        .collect();
    assert_eq!(names, vec!["Folder One", "Folder Two", "Folder Three"]);
    assert_eq!(parsed.skipped.len(), 1);
    let at = parsed.skipped[0].at.to_string();
    assert!(at.ends_with("broken.vcf:1"), "{at}");
    assert_eq!(parsed.records[2].at.line, 5);
}

#[test]
fn import_saves_once_tags_everyone_and_reimport_adds_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let file = fixture("linkedin_connections.csv");
    let parsed = parse_path(Source::LinkedIn, &file).unwrap();
    let report = import::import(&mut store, &mut book, parsed, "linkedin", false).unwrap();
    assert_eq!((report.added, report.merged_in_file), (5, 1), "{report}");
    assert!(book.people.iter().all(|p| p.has_tag("linkedin")));
    assert!(!kith::store::backup_path(&path, 1).exists(), "one save");

    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let before = book.clone();
    let parsed = parse_path(Source::LinkedIn, &file).unwrap();
    let report = import::import(&mut store, &mut book, parsed, "linkedin", false).unwrap();
    assert_eq!(
        (report.added, report.updated, report.unchanged),
        (0, 0, 5),
        "{report}"
    );
    assert_eq!(book, before);
    assert!(
        !kith::store::backup_path(&path, 1).exists(),
        "nothing saved"
    );

    // Google knows Ana by her LinkedIn URL: she gains e-mail, phone and tags.
    let parsed = parse_path(Source::Google, &fixture("google_current.csv")).unwrap();
    let report = import::import(&mut store, &mut book, parsed, "google", false).unwrap();
    assert_eq!((report.added, report.updated), (3, 1), "{report}");
    let ana = book.people.iter().find(|p| p.name == "Ana García").unwrap();
    assert_eq!(ana.tags, vec!["linkedin", "Friends", "Rust", "google"]);
    assert_eq!(ana.emails, vec!["ana@acme.example", "ana@home.example"]);
    let (_, on_disk) = Store::open(&path, today()).unwrap();
    assert_eq!(on_disk.people.len(), 8);
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let parsed = parse_path(Source::VCard, &fixture("contacts.vcf")).unwrap();
    let report = import::import(&mut store, &mut book, parsed, "vcard", true).unwrap();
    assert_eq!(report.added, 4);
    assert_eq!(report.skipped.len(), 2);
    let text = report.to_string();
    assert!(
        text.starts_with("added 4, updated 0, unchanged 0, skipped 2"),
        "{text}"
    );
    assert!(text.contains("skipped line 32:"), "{text}");
    assert!(!path.exists());
    assert_eq!(book, Book::default());
}
