//! Text from the book is data, never terminal input: a book whose every field
//! holds ESC, BEL, C1 and bidi controls (as a hostile vCard or a hand edit
//! leaves it) prints none of them raw from any human-readable command, and
//! nothing typed or imported brings new ones in.

use std::path::Path;

use chrono::NaiveDate;
use kith::model::{Book, Entry, EntryId, Kind, Person, PersonId};

use crate::common::cli::{kith, ok};

const EVIL: &str = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[8m\u{9b}2J\u{202e}\u{7f}\r";

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

/// Written straight to the file, past the operations that would clean it.
fn hostile_book(path: &Path) {
    let mut p = Person::new(PersonId(1), format!("Eve{EVIL}Mallory"));
    p.org = Some(format!("Acme{EVIL}"));
    p.title = Some(format!("CTO{EVIL}"));
    p.emails = vec![format!("eve{EVIL}@example.org")];
    p.phones = vec![format!("+1{EVIL}")];
    p.links = vec![format!("https://e.test/{EVIL}")];
    p.tags = vec![format!("tag{EVIL}")];
    p.nicknames = vec![format!("evie{EVIL}")];
    p.needs = vec![format!("a seed investor{EVIL}")];
    p.offers = vec![format!("design{EVIL}")];
    let mut other = Person::new(PersonId(2), format!("Investor{EVIL}"));
    other.offers = vec![format!("seed investor funds{EVIL} climate")];
    other.title = Some(format!("Partner{EVIL}"));
    p.met.context = Some(format!("conf{EVIL}"));
    p.notes = format!("line one{EVIL}\nline two");
    p.cadence = Some(7);
    let mut e = Entry::new(
        "2026-09-01".parse().unwrap(),
        vec![PersonId(1)],
        Kind::new("promise"),
        &format!("intro{EVIL}"),
    );
    e.id = EntryId(1);
    e.follow_up = Some("2026-11-01".parse().unwrap());
    let book = Book {
        people: vec![p, other],
        entries: vec![e],
        ..Book::default()
    };
    kith::store::write_book(path, &book).unwrap();
}

/// Controls a terminal would act on (a CRLF line end is only a line end).
fn raw_controls(text: &str) -> Vec<char> {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| kith::text::is_hazard(*c) && !matches!(c, '\n' | '\t'))
        .collect()
}

#[test]
fn no_command_prints_a_control_character_from_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    hostile_book(&file);
    let commands: &[&[&str]] = &[
        &["show", "p1"],
        &["show", "p1", "--json"],
        &["list"],
        &["list", "--json"],
        &["list", "--due"],
        &["find", "eve"],
        &["find", "eve", "--json"],
        &["review", "--print"],
        &["review", "--print", "--json"],
        &["export", "vcard"],
        &["export", "csv"],
        &["export", "md"],
        &["export", "ics"],
        &["check"],
        &["intros"],
        &["intros", "--json"],
        &["give-take"],
        &["edit", "p1", "--tag", "+ok"],
        &["log", "@p1 call: hi"],
        &["log", "@nobody\u{1b}[2J call: hi"],
    ];
    let mut seen = 0;
    for args in commands {
        let out = kith(&file, args);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert_eq!(
                raw_controls(&text),
                Vec::<char>::new(),
                "{args:?} {stream}: {text:?}"
            );
            seen += text.matches('␛').count();
        }
    }
    assert!(
        seen > 10,
        "the hostile text was shown, made visible ({seen} ␛)"
    );
}

#[test]
fn json_keeps_the_text_but_escapes_every_control() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    hostile_book(&file);
    let out = ok(&file, &["show", "p1", "--json"]);
    assert!(out.contains("\\u009b"), "C1 escaped: {out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["name"],
        format!("Eve{EVIL}Mallory"),
        "the data itself is kept"
    );
}

#[test]
fn added_logged_and_imported_text_arrives_clean() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let ana = ok(
        &file,
        &[
            "add",
            &format!("Ana{EVIL}"),
            "--org",
            &format!("Org\t{EVIL}"),
        ],
    );
    let ana = ana.trim();
    ok(&file, &["log", &format!("@{ana} favor: deck{EVIL}")]);
    let vcf = dir.path().join("evil.vcf");
    std::fs::write(
        &vcf,
        format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo{EVIL}b\r\nNOTE:one\\ntwo{EVIL}\r\nEND:VCARD\r\n"
        ),
    )
    .unwrap();
    ok(&file, &["import", "vcard", vcf.to_str().unwrap()]);
    let (_, book) = kith::store::Store::open(&file, today()).unwrap();
    let texts: Vec<String> = book
        .people
        .iter()
        .flat_map(|p| {
            [
                p.name.clone(),
                p.org.clone().unwrap_or_default(),
                p.notes.clone(),
            ]
        })
        .chain(book.entries.iter().map(|e| e.summary.to_string()))
        .collect();
    for t in &texts {
        assert!(
            !t.chars().any(|c| kith::text::is_hazard(c) && c != '\n'),
            "{t:?} in {texts:?}"
        );
    }
    assert!(
        book.people
            .iter()
            .any(|p| p.name == "Ana]52;c;cm0gLXJmIH4=[8m2J"),
        "{texts:?}"
    );
    assert!(
        book.people.iter().any(|p| p.notes.contains('\n')),
        "notes keep line breaks: {texts:?}"
    );
}
