//! The book read from its file a piece at a time (`Store::open`, `reload`)
//! is the book read whole (`load_book`), whatever falls on a piece's edge;
//! what the fast reader gives up on is read whole, with the same errors.

use super::*;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

/// A book of several pieces (~700 KB against 256 KB pieces), in the writer's shape.
fn big() -> (Book, String) {
    let book = crate::demo::generate(500, 5_000, 7, today());
    let text = serialize_book(&book);
    assert!(text.len() as u64 > 2 * pieces::PIECE, "{}", text.len());
    (book, text)
}

fn open(text: &[u8]) -> Result<Book, StoreError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    fs::write(&path, text).unwrap();
    Store::open(&path, today()).map(|(_, book)| book)
}

#[test]
fn a_book_of_many_pieces_reads_as_the_whole_text_does() {
    let (_, text) = big();
    let whole = parse_book(Path::new("kith.ron"), text.as_bytes()).unwrap();
    assert_eq!(open(text.as_bytes()).unwrap(), whole);
    // By the fast reader, not by ron after it gave up.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    fs::write(&path, &text).unwrap();
    for shared in [false, true] {
        let pieces = pieces::read_shared(&mut fs::File::open(&path).unwrap(), shared).unwrap();
        assert_eq!(pieces, fast_read::read_book(text.as_bytes()), "{shared}");
        assert!(pieces.is_some());
    }
    // With a byte-order mark, and without the final line break.
    let bom = format!("\u{feff}{text}");
    assert_eq!(open(bom.as_bytes()).unwrap(), whole);
    assert_eq!(open(text.trim_end().as_bytes()).unwrap(), whole);
}

#[test]
fn a_character_or_an_escape_on_a_piece_s_edge_reads_the_same() {
    // The person whose line crosses the first edge gets notes of two-byte
    // characters and escapes; the first person's notes shift them across the
    // edge a byte at a time.
    let (mut book, text) = big();
    let edge = pieces::PIECE as usize;
    // Every person's line comes before the edge: the crossing line is an entry's.
    let crossing = text[..edge].matches("\n    (").count() - 1 - book.people.len();
    book.entries[crossing].summary = "é\"\\".repeat(100).into();
    for shift in 0..8 {
        book.people[0].notes = "x".repeat(shift);
        let text = serialize_book(&book);
        let whole = parse_book(Path::new("kith.ron"), text.as_bytes()).unwrap();
        assert_eq!(
            whole.entries[crossing].summary,
            book.entries[crossing].summary
        );
        assert_eq!(open(text.as_bytes()).unwrap(), whole, "shifted {shift}");
    }
}

#[test]
fn a_line_the_fast_reader_gives_up_on_late_in_the_file_is_read_by_ron() {
    let (_, text) = big();
    let last = text.rfind("\n    (id: ").unwrap() + 1;
    // Hand-formatted (a comment) near the end: ron reads it, warns of the comment.
    let mut edited = text.clone();
    edited.insert_str(last, "    // added by hand\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    fs::write(&path, &edited).unwrap();
    let (store, book) = Store::open(&path, today()).unwrap();
    assert_eq!(book, parse_book(&path, edited.as_bytes()).unwrap());
    assert_eq!(store.warnings().len(), 1, "{:?}", store.warnings());
    // Broken there: ron's positioned error, as for the whole text.
    let mut broken = text.clone();
    broken.insert_str(last + "    (id: 1".len(), " bogus");
    fs::write(&path, &broken).unwrap();
    let err = Store::open(&path, today()).unwrap_err();
    let whole = parse_book(&path, broken.as_bytes()).unwrap_err();
    assert_eq!(err.to_string(), whole.to_string());
    assert!(matches!(err, StoreError::Parse(_)), "{err}");
}

#[test]
fn not_utf8_after_the_first_piece_is_named_where_it_is() {
    let (_, text) = big();
    let mut bytes = text.into_bytes();
    let at = bytes.len() / 2;
    bytes[at] = 0xff;
    let err = open(&bytes).unwrap_err();
    let whole = parse_book(Path::new("kith.ron"), &bytes).unwrap_err();
    assert!(err.to_string().contains("not UTF-8"), "{err}");
    // A stray byte reads as a file cut short (zeros a sync tool left), as
    // it did when the file was read whole.
    let (StoreError::CutShort { error: a, .. }, StoreError::Parse(b)) = (&err, &whole) else {
        panic!("{err} / {whole}")
    };
    assert_eq!((a.line, a.col), (b.line, b.col));
}

#[test]
fn a_canonical_book_with_a_problem_is_refused_with_its_place() {
    let (_, text) = big();
    // The last entry names someone not in the book: found after reading,
    // positioned in the text read again.
    let last = text.rfind("people: [").unwrap();
    let mut bad = text.clone();
    bad.replace_range(last..last + "people: [".len(), "people: [999999, ");
    let err = open(bad.as_bytes()).unwrap_err();
    let whole = parse_book(Path::new("kith.ron"), bad.as_bytes()).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    let strip = |e: &StoreError| {
        e.to_string()
            .lines()
            .map(|l| l.rsplit("kith.ron").next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&err), strip(&whole));
}

#[test]
fn a_book_cut_short_mid_piece_is_still_named_cut_short() {
    let (_, text) = big();
    let cut = &text.as_bytes()[..text.len() * 2 / 3];
    let err = open(cut).unwrap_err();
    assert!(matches!(err, StoreError::CutShort { .. }), "{err}");
}

/// A book of people only, several pieces long.
fn people_only() -> Book {
    let mut book = big().0;
    book.entries.clear();
    for p in &mut book.people {
        p.notes = "a note of some length, to fill the pieces ".repeat(60);
    }
    book
}

#[test]
fn people_alone_read_the_same_on_one_thread_or_two() {
    let book = people_only();
    let text = serialize_book(&book);
    assert!(text.len() as u64 > 3 * pieces::PIECE);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    fs::write(&path, &text).unwrap();
    for shared in [false, true] {
        let read = pieces::read_shared(&mut fs::File::open(&path).unwrap(), shared).unwrap();
        assert_eq!(read.as_ref(), Some(&book), "{shared}");
    }
}

#[test]
fn a_broken_record_in_either_thread_s_runs_gives_the_file_to_ron() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let people = serialize_book(&people_only());
    for (text, list) in [(people, "  people: ["), (big().1, "  entries: [")] {
        // Runs go to one thread or the other piece by piece: a break in
        // each of the first pieces of the list, and at its very end.
        let start = text.find(list).unwrap();
        let end = start + text[start..].find("\n  ],").unwrap();
        let lines: Vec<usize> = text[start..end]
            .match_indices("\n    (")
            .map(|(at, _)| start + at + 1)
            .collect();
        for at in [0.0, 0.2, 0.4, 0.6, 0.8, 1.0] {
            let line = lines[((lines.len() - 1) as f64 * at) as usize];
            let mut broken = text.clone();
            broken.insert_str(line + 5, "bogus: 1, ");
            fs::write(&path, &broken).unwrap();
            for shared in [false, true] {
                let read =
                    pieces::read_shared(&mut fs::File::open(&path).unwrap(), shared).unwrap();
                assert!(read.is_none(), "{list} {at} {shared}");
            }
            assert!(
                matches!(open(broken.as_bytes()), Err(StoreError::Parse(_))),
                "{list} {at}"
            );
        }
    }
}
