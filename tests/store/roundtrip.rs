//! Whatever a book holds, saving and loading it gives the same book back.

use chrono::NaiveDate;
use kith::demo::generate;
use kith::model::Book;
use kith::store::{parse_book, serialize_book};
use proptest::prelude::*;
use std::path::Path;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn roundtrip(book: &Book) -> Book {
    let text = serialize_book(book);
    parse_book(Path::new("prop.ron"), text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}\n--- file ---\n{text}"))
}

/// Text a user might type or paste, tilted towards what trips up a writer:
/// quotes, backslashes, newlines, RON syntax, accents, CJK, emoji, controls.
fn nasty_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "\\",
        "\\\"",
        "\n",
        "\r\n",
        "\t",
        "'",
        "),",
        "(",
        "]",
        "//",
        "/*",
        "r#\"",
        "#",
        "José",
        "Zoë",
        "ÅNGSTRÖM",
        "王芳",
        "佐藤",
        "🚀",
        "👩‍👩‍👧",
        "\u{0}",
        "\u{7f}",
        "\u{200b}",
        " ",
        "a",
        "Acme",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_generated_book_survives_save_and_load(
        people in 0usize..80,
        entries in 0usize..400,
        seed in any::<u64>(),
    ) {
        let book = generate(people, entries, seed, today());
        prop_assert_eq!(roundtrip(&book), book);
    }

    #[test]
    fn any_text_in_any_field_survives_save_and_load(
        seed in any::<u64>(),
        texts in prop::collection::vec(nasty_text(), 1..24),
    ) {
        let mut book = generate(4, 12, seed, today());
        let mut t = texts.into_iter().cycle();
        let mut next = || t.next().unwrap();
        for p in &mut book.people {
            p.name = format!("{}x", next()); // a name is never empty
            p.nicknames.push(next());
            p.org = Some(next());
            p.tags.push(next());
            p.needs.push(next());
            p.met.context = Some(next());
            p.notes = next();
        }
        for e in &mut book.entries {
            e.summary = next().into();
        }
        prop_assert_eq!(roundtrip(&book), book);
    }
}
