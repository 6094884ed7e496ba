//! The fast reader and writer against ron on fixed inputs: the demo book, and
//! every kind of text the fast reader must hand back to ron.

use super::*;
use crate::model::{Entry, Kind, Person, PersonId};

const DEMO: &str = include_str!("../../../assets/demo.ron");

fn ron(text: &str) -> Result<Book, StoreError> {
    read_book_with_ron(Path::new("k.ron"), text.as_bytes())
}

/// A small book in the writer's shape, with every optional field in use.
fn sample() -> String {
    let mut book = Book::default();
    let mut p = Person::new(PersonId(1), "José \"Pepe\" O'Brien \\ 王芳 🚀\u{fe0f}");
    p.nicknames = vec!["Pepe".into(), String::new()];
    p.org = Some("Acme\r\n(\"x\"),".into());
    p.met.context = Some("tab\there\u{0}\u{7f}".into());
    p.met.date = Some("2024-02-29".parse().unwrap());
    p.met.introduced_by = Some(PersonId(2));
    p.cadence = Some(0);
    p.birthday = "1990-03-04".parse().ok();
    p.notes = "line one\nline two".into();
    p.archived = true;
    p.snoozed_until = Some("2026-12-01".parse().unwrap());
    p.structured_name = Some(r"O'Brien;José;Pepe\, Jr;;".into());
    p.uids = vec!["urn:uuid:1f0e".into(), "android-7".into()];
    p.vcard = vec![
        "item1.TEL;TYPE=\"CELL,VOICE\":+34 600".into(),
        "!ORG:Second".into(),
    ];
    book.people.push(p);
    book.people.push(Person::new(PersonId(2), "Bo"));
    // A record added since several machines: a drawn code, not a number.
    let code = PersonId::parse("pk7f3qa2x").unwrap();
    let mut cy = Person::new(code, "Cy");
    cy.met.introduced_by = Some(PersonId(1));
    book.people.push(cy);
    let mut coded = Entry::new(
        "2026-11-27".parse().unwrap(),
        vec![code, PersonId(2)],
        Kind::new("call"),
        "coded",
    );
    coded.id = crate::model::EntryId::parse("em0x4vz9r").unwrap();
    coded.source = Some(crate::model::Origin::Calendar);
    book.entries.push(coded);
    book.merged
        .insert(PersonId::parse("pz0000001").unwrap(), code);
    let mut e = Entry::new(
        "2026-11-26".parse().unwrap(),
        vec![PersonId(1), PersonId(2)],
        Kind::new("promise"),
        "an intro // not a comment",
    );
    e.id = crate::model::EntryId(1);
    e.direction = crate::model::Direction::Mutual;
    e.follow_up = Some("2026-12-03".parse().unwrap());
    e.done = true;
    e.done_on = Some("2026-12-02".parse().unwrap());
    book.entries.push(e);
    book.merged.insert(PersonId(7), PersonId(1));
    book.merged.insert(PersonId(9), PersonId(2));
    book.anchor = Some("2026-11-26".parse().unwrap());
    book.dismissed_intros = vec![
        crate::model::DismissedIntro {
            person: PersonId(1),
            need: "a \"seed\" investor, (climate)\n王芳".into(),
            candidate: Some(PersonId(2)),
        },
        crate::model::DismissedIntro {
            person: PersonId(2),
            need: "speakers".into(),
            candidate: None,
        },
    ];
    book.review = Some(crate::model::ReviewProgress {
        date: "2026-11-26".parse().unwrap(),
        handled: vec![
            (PersonId(2), crate::model::Handled::Done),
            (PersonId(1), crate::model::Handled::Skipped),
        ],
        snoozes: [(PersonId(2), (2, "2026-11-20".parse().unwrap()))].into(),
    });
    let waiting = crate::model::InboxLine {
        file: "phone.txt".into(),
        key: "3ec5be8073273d32".into(),
        line: "- [ ] 2026-12-05 @sorne \"coffee\": Lisbon, 王芳".into(),
        seen: "2026-12-05".parse().unwrap(),
        why: "nobody called sorne — did you mean Søren Madsen?".into(),
        about: Some(PersonId(2)),
    };
    book.inbox.set(
        "phone.txt",
        "854a9b7666ba3da7",
        Some(crate::model::LineState::Applied),
    );
    book.inbox.set(
        "tablet.md",
        "8905cf3da45e8b8d",
        Some(crate::model::LineState::Applied),
    );
    book.inbox.set(
        "phone.txt",
        &waiting.key.clone(),
        Some(crate::model::LineState::Waiting(waiting)),
    );
    book.touches.insert(
        "cal:lunch@x 2026-12-01".into(),
        crate::model::Imported {
            entry: crate::model::EntryId::parse("em0x4vz9r").unwrap(),
            said: "0921acf6db036383".into(),
        },
    );
    book.meetings.insert(
        "lunch@x".into(),
        crate::model::Meeting {
            date: "2026-12-10".parse().unwrap(),
            summary: "Lunch with Ana's \"team\"".into(),
            people: vec![PersonId(1), PersonId(2)],
        },
    );
    book.lineage
        .people
        .insert(PersonId(1), vec![crate::model::Rev(0xab_cdef_0123)]);
    book.lineage.entries.insert(
        crate::model::EntryId(1),
        vec![crate::model::Rev(1), crate::model::Rev(2)],
    );
    serialize_book_with_ron(&book)
}

#[test]
fn the_demo_book_reads_the_same_and_is_written_byte_for_byte() {
    let by_ron = ron(DEMO).unwrap();
    assert_eq!(fast::read(DEMO.as_bytes()), Some(by_ron.clone()));
    assert_eq!(fast::write(&by_ron), serialize_book_with_ron(&by_ron));
    assert_eq!(
        fast::write(&by_ron),
        DEMO,
        "the demo book is in the writer's shape"
    );
}

#[test]
fn every_field_and_escape_reads_and_writes_as_ron_does() {
    let text = sample();
    let by_ron = ron(&text).unwrap();
    assert_eq!(fast::read(text.as_bytes()), Some(by_ron.clone()));
    assert_eq!(fast::write(&by_ron), text);
    assert!(
        text.contains(r#"\'"#) && text.contains(r"\u{fe0f}"),
        "{text}"
    );
    assert!(by_ron.review.is_some(), "the sample holds review progress");
    assert_eq!(by_ron.inbox.waiting.len(), 1, "and the inbox: {text}");
    assert_eq!(by_ron.touches.len(), 1, "and what calendars logged: {text}");
    assert_eq!(by_ron.meetings.len(), 1, "and the meetings ahead: {text}");
    assert!(text.contains("source: calendar"), "{text}");
}

#[test]
fn empty_and_default_books_match() {
    for book in [
        Book::default(),
        Book {
            version: 0,
            ..Book::default()
        },
    ] {
        let text = serialize_book_with_ron(&book);
        assert_eq!(fast::write(&book), text);
        assert_eq!(fast::read(text.as_bytes()), Some(book));
    }
}

#[test]
fn escapes_ron_reads_but_the_writer_never_writes_are_decoded_the_same() {
    let text = sample().replacen("Bo", r"B\u{6F}\u{1F680}\r\0", 1);
    assert_eq!(fast::read(text.as_bytes()), Some(ron(&text).unwrap()));
}

/// Edits that ron may or may not accept, but that are not the writer's shape.
#[test]
fn anything_unexpected_is_left_to_ron() {
    let text = sample();
    let edits: &[(&str, &str)] = &[
        (
            "(id: 2, name: \"Bo\")",
            "(id: 2, name: \"Bo\") // a comment",
        ),
        (
            "(id: 2, name: \"Bo\")",
            "(id: 2, name: \"Bo\", shoe_size: 44)",
        ),
        ("(id: 2, name: \"Bo\")", "(id: 2,\n      name: \"Bo\")"),
        ("(id: 2, name: \"Bo\")", "(id: 2, name: r\"Bo\")"),
        (
            "(id: 2, name: \"Bo\")",
            "(id: 2, name: \"Bo\", org: Some(\"x\"))",
        ),
        (
            "(id: 2, name: \"Bo\")",
            "(id: 2, name: \"Bo\", name: \"Cy\")",
        ),
        (
            "(id: 2, name: \"Bo\")",
            "(id: 2, name: \"Bo\", tags: [\"a\",])",
        ),
        ("(id: 2, name: \"Bo\")", "(id: 02, name: \"Bo\")"),
        ("(id: \"k7f3qa2x\"", "(id: \"K7F3QA2X\""),
        ("(id: \"k7f3qa2x\"", "(id: \"k7f3qa2\""),
        ("(id: \"k7f3qa2x\"", "(id: \"k7f3qa2xx\""),
        ("(id: \"k7f3qa2x\"", "(id: \"i7f3qa2x\""),
        ("(id: \"k7f3qa2x\"", "(id: k7f3qa2x"),
        ("(id: 2, name: \"Bo\")", "(id: 2, name: \"B\\x6F\")"),
        (
            "(id: 2, name: \"Bo\")",
            "(id: 2, name: \"Bo\", birthday: \"02-30\")",
        ),
        ("(id: 2, name: \"Bo\")", "(id: 2)"),
        ("(id: 2, name: \"Bo\")", "(id: 2, name: \"B\no\")"),
        ("(id: 2, name: \"Bo\")", "(id: 2,  name: \"Bo\")"),
        ("date: \"2026-11-26\"", "date: \"2026-02-30\""),
        ("date: \"2026-11-26\"", "date: \"2026-11-26 \""),
        ("kind: \"promise\"", "kind: \"promise\", comment: ()"),
        ("direction: mutual", "direction: Mutual"),
        ("  version: 3,\n", "  version: 3,\n  version: 3,\n"),
        ("  version: 3,\n", ""),
        ("  version: 3,\n", "  version: 3, // v1\n"),
        ("  version: 3,\n", "  version: 3,\n  future: [],\n"),
        ("  version: 3,\n", "\tversion: 3,\n"),
        ("(\n  version", "Book(\n  version"),
        ("(\n  version", "\u{feff}(\n  version"),
        ("7: 1,", "7: 1"),
        (",\n)\n", ",\n)\n\n"),
    ];
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        let edited = text.replacen(from, to, 1);
        if edited == text {
            continue;
        }
        assert_eq!(fast::read(edited.as_bytes()), None, "{to:?} in\n{edited}");
        let crlf = edited.replace('\n', "\r\n");
        assert_eq!(fast::read(crlf.as_bytes()), None, "CRLF");
    }
    assert_eq!(fast::read(&[b'(', 0xff, b'\n']), None);
    assert_eq!(fast::read(b""), None);
}

#[test]
fn hand_edited_files_still_load_through_ron() {
    let edited = sample().replacen(
        "(id: 2, name: \"Bo\")",
        "(\n      id: 2, // added by hand\n      name: \"Bo\",\n    )",
        1,
    );
    assert_eq!(fast::read(edited.as_bytes()), None);
    let book = parse_book(Path::new("k.ron"), edited.as_bytes()).unwrap();
    assert_eq!(book.people[1].name, "Bo");
    assert_eq!(book.merged.len(), 3);
    assert_eq!(book.people[2].id.to_string(), "pk7f3qa2x");
}

#[test]
fn broken_files_give_ron_s_positioned_error() {
    let broken = sample().replacen("(id: 2, name: \"Bo\")", "(id: 2 name: \"Bo\")", 1);
    let err = parse_book(Path::new("k.ron"), broken.as_bytes()).unwrap_err();
    let StoreError::Parse(positioned) = &err else {
        panic!("{err}")
    };
    assert_eq!((positioned.line, positioned.col), (8, 12), "{err}");
    let StoreError::Parse(by_ron) = ron(&broken).unwrap_err() else {
        panic!()
    };
    assert_eq!(*positioned, by_ron);
}

#[test]
fn a_newer_version_in_the_writer_s_shape_is_still_refused() {
    let newer = sample().replacen("version: 3,", "version: 4,", 1);
    assert!(fast::read(newer.as_bytes()).is_some());
    let err = parse_book(Path::new("k.ron"), newer.as_bytes()).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerVersion { found: 4, .. }),
        "{err}"
    );
}

#[test]
fn dates_beyond_four_digit_years_are_written_as_ron_writes_them() {
    let mut book = Book::default();
    for (i, date) in ["-0005-03-01", "+12345-12-31", "0000-01-01", "9999-12-31"]
        .iter()
        .enumerate()
    {
        let mut e = Entry::new(date.parse().unwrap(), vec![], Kind::new("call"), "");
        e.id = crate::model::EntryId(i as u64 + 1);
        book.entries.push(e);
    }
    let text = serialize_book_with_ron(&book);
    assert_eq!(fast::write(&book), text);
    assert_eq!(ron(&text).unwrap(), book);
    assert_eq!(
        fast::read(text.as_bytes()),
        None,
        "signed years are left to ron"
    );
}

#[test]
fn a_long_list_is_read_whole_and_a_broken_line_anywhere_goes_to_ron() {
    let today = "2026-11-26".parse().unwrap();
    let book = crate::demo::generate(500, 5_000, 7, today);
    let text = serialize_book(&book);
    assert_eq!(fast_read::read_book(text.as_bytes()).unwrap(), book);
    // A line broken anywhere is left to ron.
    for at in [0.05, 0.3, 0.6, 0.95] {
        let cut = (text.len() as f64 * at) as usize;
        let after = text.as_bytes()[cut..]
            .windows(6)
            .position(|w| w == b"\n    (");
        let line = after.unwrap() + cut + 1;
        let mut broken = text.clone();
        broken.insert_str(line + 5, "bogus: 1, ");
        assert!(fast_read::read_book(broken.as_bytes()).is_none(), "{at}");
    }
}

/// What the load's memory relies on: an entry's people inline for one or
/// two and on the heap beyond, a person's lists read at just their length,
/// and the text of either unchanged (fast writer, ron, fast reader agree).
#[test]
fn records_hold_no_spare_room_and_read_and_write_as_ron_does() {
    let mut book = Book::default();
    for id in 1..=4 {
        let mut p = Person::new(PersonId(id), "Ana");
        p.tags = (0..id).map(|t| format!("t{t}")).collect();
        book.people.push(p);
    }
    for n in 1..=4 {
        let people = (1..=n).map(PersonId).collect();
        let mut e = Entry::new(
            "2026-11-26".parse().unwrap(),
            people,
            Kind::new("intro"),
            "x",
        );
        e.id = crate::model::EntryId(n);
        book.entries.push(e);
    }
    let text = serialize_book_with_ron(&book);
    assert_eq!(fast::write(&book), text);
    assert!(text.contains("people: [1, 2, 3]"), "{text}");
    assert_eq!(ron(&text).unwrap(), book);
    let read = fast::read(text.as_bytes()).unwrap();
    assert_eq!(read, book);
    for p in &read.people {
        assert_eq!(p.tags.capacity(), p.tags.len(), "{:?}", p.tags);
    }
    let spilled: Vec<bool> = read.entries.iter().map(|e| e.people.spilled()).collect();
    assert_eq!(spilled, [false, false, true, true]);
}
