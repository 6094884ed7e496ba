//! The fast reader and writer are held to ron: on any book, the fast writer's
//! bytes are ron's bytes, and the fast reader returns what ron returns.

use chrono::NaiveDate;
use kith::demo::generate;
use kith::model::{Birthday, Book, Direction, EntryId, Kind, PersonId, Rev};
use kith::store::{fast, read_book_with_ron, serialize_book_with_ron};
use proptest::prelude::*;
use std::path::Path;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

/// Writes with both writers, requires the same bytes, and reads those bytes
/// with both readers, requiring the same book (and the book written).
fn agree(book: &Book) -> Result<(), TestCaseError> {
    let by_ron = serialize_book_with_ron(book);
    let by_fast = fast::write(book);
    prop_assert_eq!(&by_fast, &by_ron);
    let read_by_ron = read_book_with_ron(Path::new("p.ron"), by_ron.as_bytes())
        .unwrap_or_else(|e| panic!("{e}\n--- file ---\n{by_ron}"));
    prop_assert_eq!(&read_by_ron, book);
    prop_assert_eq!(fast::read(by_ron.as_bytes()), Some(read_by_ron));
    Ok(())
}

/// The same pieces as `roundtrip.rs`: what trips up a writer or reader.
fn nasty_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "\\",
        "\\\"",
        "\\u{41}",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "'",
        "),",
        "(",
        "]",
        "[",
        "{",
        "}",
        ": ",
        ", ",
        "//",
        "/*",
        "*/",
        "r#\"",
        "#",
        "Some(",
        "None",
        "José",
        "Zoë",
        "ÅNGSTRÖM",
        "王芳",
        "佐藤",
        "🚀",
        "👩‍👩‍👧",
        "🎙\u{fe0f}",
        "e\u{301}",
        "\u{301}",
        "\u{0}",
        "\u{1}",
        "\u{1b}",
        "\u{7f}",
        "\u{85}",
        "\u{200b}",
        "\u{feff}",
        "\u{10ffff}",
        " ",
        "a",
        "Acme",
        "\n  ]",
        "\n    (",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

/// Small edits a person or a tool might make to a file.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop::sample::select(vec![
        ",",
        " ",
        "\n",
        "\r",
        "\t",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "\"",
        "\\",
        "\\u{",
        "//",
        "/*",
        "Some(",
        "None",
        "[]",
        "()",
        "r\"",
        "0",
        "07",
        "-1",
        "1_0",
        "true",
        "false",
        "x: 1, ",
        "id: 1, ",
        "tags: [], ",
        "met: (), ",
        "direction: mutual, ",
        "é",
        "\u{feff}",
    ]);
    prop_oneof![
        (any::<usize>(), piece).prop_map(|(at, p)| Edit::Insert(at, p)),
        (any::<usize>(), 1usize..6).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let at = |n: usize| bounds[n % bounds.len()];
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    match *edit {
        Edit::Insert(n, piece) => {
            let i = at(n);
            format!("{}{piece}{}", &text[..i], &text[i..])
        }
        Edit::Delete(n, len) => {
            let i = n % bounds.len();
            let end = bounds[(i + len).min(bounds.len() - 1)];
            format!("{}{}", &text[..bounds[i]], &text[end..])
        }
        Edit::DuplicateLine(n) => {
            let line = lines[n % lines.len()];
            lines.insert(n % lines.len(), line);
            lines.concat()
        }
        Edit::SwapLines(a, b) => {
            let len = lines.len();
            lines.swap(a % len, b % len);
            lines.concat()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_books_read_and_write_as_ron_does(
        people in 0usize..120,
        entries in 0usize..600,
        seed in any::<u64>(),
    ) {
        agree(&generate(people, entries, seed, today()))?;
    }

    #[test]
    fn any_text_in_any_field_reads_and_writes_as_ron_does(
        seed in any::<u64>(),
        texts in prop::collection::vec(nasty_text(), 1..24),
        numbers in prop::collection::vec(any::<u32>(), 1..8),
        days in prop::collection::vec(-700_000i64..700_000, 1..8),
    ) {
        let mut book = generate(4, 12, seed, today());
        let mut t = texts.into_iter().cycle();
        let mut next = || t.next().unwrap();
        let mut n = numbers.into_iter().cycle();
        let mut number = || n.next().unwrap();
        let mut d = days.into_iter().cycle();
        let mut day = || today() + chrono::TimeDelta::days(d.next().unwrap());
        // Old files' numbers and drawn codes, mixed.
        let id = |n: u32| {
            if n.is_multiple_of(2) {
                PersonId(u64::from(n))
            } else {
                Book::default().fresh_person_id(u64::from(n))
            }
        };
        for p in &mut book.people {
            p.name = next();
            p.nicknames.push(next());
            p.org = Some(next());
            p.title = Some(next());
            p.emails.push(next());
            p.phones.push(next());
            p.links.push(next());
            p.tags.push(next());
            p.needs.push(next());
            p.offers.push(next());
            p.met.context = Some(next());
            p.met.date = Some(day());
            p.met.introduced_by = Some(id(number()));
            p.cadence = Some(number());
            p.birthday = Birthday::new(Some(1990), 2, 28);
            p.notes = next();
            p.archived = number() % 2 == 0;
            p.snoozed_until = Some(day());
        }
        for e in &mut book.entries {
            e.summary = next().into();
            e.kind = Kind::new(&next());
            e.people.push(id(number()));
            e.direction = Direction::Mutual;
            e.follow_up = Some(day());
            e.done = number() % 2 == 0;
            e.done_on = Some(day());
        }
        book.anchor = Some(day());
        book.next_person_id = number();
        book.merged.insert(id(number()), id(number()));
        book.merged.insert(id(number()), id(number()));
        // The lineage after the records, any ids, with the review or without.
        let rev = |n: u32| Rev((u64::from(n) << 8) | 0xab);
        if number() % 2 == 0 {
            book.lineage.people.insert(id(number()), vec![rev(number()), rev(number())]);
        }
        book.lineage.entries.insert(EntryId(u64::from(number())), vec![rev(number())]);
        agree(&book)?;
    }

    /// The safety net: whatever an edit does to a file, the fast reader
    /// either gives up or returns exactly what ron returns.
    #[test]
    fn after_any_edit_the_fast_reader_gives_up_or_agrees_with_ron(
        people in 0usize..6,
        entries in 0usize..12,
        seed in any::<u64>(),
        name in nasty_text(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let mut book = generate(people, entries, seed, today());
        if let Some(p) = book.people.first_mut() {
            p.name = name;
        }
        book.merged.insert(PersonId(90), PersonId(1));
        book.lineage.people.insert(PersonId(1), vec![Rev(0x12_3456_789a), Rev(7)]);
        let mut text = serialize_book_with_ron(&book);
        for e in &edits {
            text = apply(&text, e);
        }
        if let Some(fast) = fast::read(text.as_bytes()) {
            let by_ron = read_book_with_ron(Path::new("p.ron"), text.as_bytes());
            prop_assert_eq!(by_ron.ok(), Some(fast), "{}", text);
        }
    }
}
