//! The splice against the whole writer: over the previous canonical text,
//! after any sequence of operations, it writes exactly [`serialize_book`];
//! over any text it cannot trust it gives up; and through [`Store::update`]
//! an untouched record's line is the file's own bytes.

use chrono::NaiveDate;
use proptest::prelude::*;
use std::fs;

use super::splice::{Touched, text};
use super::*;
use crate::model::OpError;
use crate::model::{Entry, EntryId, Kind, Person, PersonId, delete_op, merge_op};

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn start() -> Book {
    let mut book = crate::demo::generate(12, 40, 7, today());
    // A record added since several machines: its id is a code in quotes.
    let coded = PersonId::parse("pk7f3qa2x").unwrap();
    Op::AddPerson(Person::new(coded, "Cy Coded"))
        .apply(&mut book)
        .unwrap();
    let mut e = Entry::new(today(), vec![coded], Kind::new("call"), "a \"coded\" call");
    e.id = EntryId::parse("em0x4vz9r").unwrap();
    Op::AddEntry(e).apply(&mut book).unwrap();
    book
}

/// Applies `op` to `book`, then splices over the text `book` had before it.
fn splice_after(book: &mut Book, op: Op) -> Result<Option<String>, OpError> {
    let old = serialize_book(book);
    op.clone().apply(book)?;
    Ok(text(old.as_bytes(), book, &Touched::by(&op)))
}

/// One step of a random session, resolved against the book as it is then.
#[derive(Debug, Clone)]
enum Step {
    AddPerson(String),
    UpdatePerson(usize, String),
    EditPerson(usize, String),
    DeletePerson(usize),
    AddEntry(usize, String),
    UpdateEntry(usize, String),
    DeleteEntry(usize),
    Done(usize),
    Merge(usize, usize),
    Import(Vec<String>),
}

fn step() -> impl Strategy<Value = Step> {
    let name = "[A-Za-z\"\\\\ ,()é王]{1,12}";
    prop_oneof![
        name.prop_map(Step::AddPerson),
        (any::<usize>(), name).prop_map(|(i, s)| Step::UpdatePerson(i, s)),
        (any::<usize>(), name).prop_map(|(i, s)| Step::EditPerson(i, s)),
        any::<usize>().prop_map(Step::DeletePerson),
        (any::<usize>(), name).prop_map(|(i, s)| Step::AddEntry(i, s)),
        (any::<usize>(), name).prop_map(|(i, s)| Step::UpdateEntry(i, s)),
        any::<usize>().prop_map(Step::DeleteEntry),
        any::<usize>().prop_map(Step::Done),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Step::Merge(a, b)),
        prop::collection::vec(name, 1..4).prop_map(Step::Import),
    ]
}

fn op_for(book: &Book, step: &Step) -> Option<Op> {
    let person = |i: &usize| book.people.get(i % book.people.len().max(1));
    let entry = |i: &usize| book.entries.get(i % book.entries.len().max(1));
    let new_entry = |who: PersonId, s: &str| {
        Op::AddEntry(Entry::new(today(), vec![who], Kind::new("coffee"), s))
    };
    Some(match step {
        Step::AddPerson(name) => Op::AddPerson(Person::new(PersonId(0), name)),
        Step::UpdatePerson(i, org) => {
            let mut p = person(i)?.clone();
            p.org = Some(org.clone());
            Op::UpdatePerson(p)
        }
        Step::EditPerson(i, tag) => {
            let before = person(i)?;
            let mut after = before.clone();
            after.tags.push(tag.clone());
            Op::edit_person(before, after)
        }
        Step::DeletePerson(i) => delete_op(book, person(i)?.id),
        Step::AddEntry(i, s) => new_entry(person(i)?.id, s),
        Step::UpdateEntry(i, s) => {
            let mut e = entry(i)?.clone();
            e.summary = s.as_str().into();
            Op::UpdateEntry(e)
        }
        Step::DeleteEntry(i) => Op::DeleteEntry(entry(i)?.id),
        Step::Done(i) => Op::SetDone(entry(i)?.id, Some(today())),
        Step::Merge(a, b) => merge_op(book, person(a)?.id, person(b)?.id).ok()?,
        Step::Import(names) => {
            // As an import lands: new people, and entries naming old ones.
            let who = person(&names.len())?.id;
            let mut ops: Vec<Op> = names
                .iter()
                .map(|n| Op::AddPerson(Person::new(PersonId(0), n)))
                .collect();
            ops.extend(names.iter().map(|n| new_entry(who, n)));
            Op::Batch(ops)
        }
    })
}

/// Applies `op` to `book`, then splices by places ([`splice::places`]) over
/// the text `book` had before it.
fn places_after(book: &mut Book, op: Op) -> Result<Option<String>, OpError> {
    let old = serialize_book(book);
    let inverse = op.clone().apply(book)?;
    let changed = splice::Changed::by(&op, &inverse);
    let out = splice::places::over(&old, book, &changed);
    Ok(out.map(|out| String::from_utf8(out.parts().concat()).unwrap()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_splice_by_places_over_the_last_text_is_the_whole_writers_text(
        steps in prop::collection::vec(step(), 1..12),
    ) {
        let mut book = start();
        for step in &steps {
            let Some(op) = op_for(&book, step) else { continue };
            let mut after = book.clone();
            let Ok(spliced) = places_after(&mut after, op) else { continue };
            prop_assert_eq!(spliced, Some(serialize_book(&after)), "after {:?}", step);
            book = after;
        }
    }

    #[test]
    fn a_splice_over_the_last_text_is_the_whole_writers_text(
        steps in prop::collection::vec(step(), 1..12),
    ) {
        let mut book = start();
        for step in &steps {
            let Some(op) = op_for(&book, step) else { continue };
            let mut after = book.clone();
            let Ok(spliced) = splice_after(&mut after, op) else { continue };
            prop_assert_eq!(spliced, Some(serialize_book(&after)), "after {:?}", step);
            book = after;
        }
    }
}

#[test]
fn a_deleted_record_is_dropped_and_a_changed_one_rewritten() {
    let mut book = start();
    let gone = book.people[3].id;
    let changed = book.entries[5].id;
    let op = Op::Batch(vec![
        delete_op(&book, gone),
        Op::SetDone(changed, Some(today())),
    ]);
    let spliced = splice_after(&mut book, op).unwrap().unwrap();
    assert_eq!(spliced, serialize_book(&book));
    assert!(book.person_index(gone).is_none());
}

/// The old text in another shape than the writer's, though kith reads it.
fn refused(old: &str) {
    let mut book = parse_book(Path::new("k.ron"), old.as_bytes()).expect("a readable book");
    let op = Op::AddPerson(Person::new(PersonId(0), "New"));
    op.clone().apply(&mut book).unwrap();
    assert_eq!(text(old.as_bytes(), &book, &Touched::by(&op)), None);
}

#[test]
fn a_text_ron_formatted_its_own_way_is_written_whole() {
    let book = start();
    let pretty = ron::ser::to_string_pretty(&book, ron::ser::PrettyConfig::new()).unwrap();
    refused(&pretty);
}

#[test]
fn an_older_version_is_written_whole() {
    let old = serialize_book(&start()).replacen("  version: 3,", "  version: 2,", 1);
    refused(&old);
}

#[test]
fn an_id_twice_or_out_of_order_is_written_whole() {
    let text = serialize_book(&start());
    let lines: Vec<&str> = text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("    (id: 1,"))
        .unwrap();
    // The same person's line twice: ron keeps one, the splice trusts neither.
    let mut twice = lines.clone();
    twice.insert(first + 1, lines[first]);
    assert_eq!(refused_text(&twice.join("\n")), None);
    let mut swapped = lines.clone();
    swapped.swap(first, first + 1);
    refused(&(swapped.join("\n") + "\n"));
}

/// What the splice makes of `old` without reading it as a book first.
fn refused_text(old: &str) -> Option<String> {
    let book = start();
    text(old.as_bytes(), &book, &Touched::default())
}

#[test]
fn a_record_that_is_not_whole_on_its_line_is_written_whole() {
    let text = serialize_book(&start());
    let line = |id: u32| format!("    (id: {id}, ");
    let cases = [
        // A string running on to the next line, which looks like a record.
        text.replacen(
            &line(2),
            "    (id: 2, notes: \"a),\n    (id: 3, name: \\\"x\\\")\", ",
            1,
        ),
        // An escape at the end of the line: the string goes on below.
        text.replacen(
            &line(2),
            "    (id: 2, notes: \"a\\\n    (id: 3, name: \\\"x\\\")\", ",
            1,
        ),
        // A comment, a raw string running on, an upper-case code.
        text.replacen(&line(2), "    (id: 2, /* \" */ ", 1),
        text.replacen(&line(2), "    (id: 2, notes: r\"a),\n    (id: 3, b\", ", 1),
        text.replacen("\"k7f3qa2x\"", "\"K7F3QA2X\"", 1),
        text.replacen("    (id: 2, ", "    (id: 02, ", 1),
    ];
    for case in cases {
        assert_ne!(case, text);
        assert_eq!(refused_text(&case), None, "{case}");
    }
    assert!(refused_text(&text).is_some());
}

#[test]
fn a_save_copies_an_untouched_line_as_the_file_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let book = start();
    let canonical = serialize_book(&book);
    // A field written though it holds its default: read the same, spelt otherwise.
    let own = canonical.replacen("    (id: 1, ", "    (id: 1, archived: false, ", 1);
    fs::write(&path, &own).unwrap();
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store
        .apply(&mut book, Op::AddPerson(Person::new(PersonId(0), "Dee")))
        .unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert!(saved.contains("    (id: 1, archived: false, "), "{saved}");
    assert_eq!(parse_book(&path, saved.as_bytes()).unwrap(), book);
    // Touched, the line is written as the writer writes it.
    let mut ana = book.people[0].clone();
    ana.org = Some("Acme".into());
    store.apply(&mut book, Op::UpdatePerson(ana)).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), serialize_book(&book));
}

#[test]
fn a_save_over_an_older_version_rewrites_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let old = serialize_book(&start())
        .replacen("  version: 3,", "  version: 2,", 1)
        .replacen("    (id: 1, ", "    (id: 1, archived: false, ", 1);
    fs::write(&path, &old).unwrap();
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store
        .apply(&mut book, Op::AddPerson(Person::new(PersonId(0), "Dee")))
        .unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), serialize_book(&book));
}

#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "changed without an operation")]
fn a_book_changed_without_an_operation_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    write_book(&path, &start()).unwrap();
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    book.people[0].org = Some("changed behind the store's back".into());
    let _ = store.apply(&mut book, Op::AddPerson(Person::new(PersonId(0), "Dee")));
}

#[test]
fn a_record_added_between_two_old_lines_lands_in_its_place() {
    // As a sync brings back a record with its own id: between ids already there.
    let mut book = start();
    delete_op(&book, PersonId(5)).apply(&mut book).unwrap();
    let back = Op::Batch(vec![
        Op::AddPerson(Person::new(PersonId(5), "Back again")),
        Op::AddEntry(Entry {
            id: EntryId(7),
            ..Entry::new(today(), vec![PersonId(5)], Kind::new("call"), "hi")
        }),
    ]);
    let old = serialize_book(&book);
    let old_entry = old.lines().find(|l| l.starts_with("    (id: 7,"));
    if old_entry.is_some() {
        Op::DeleteEntry(EntryId(7)).apply(&mut book).unwrap();
    }
    let spliced = splice_after(&mut book, back).unwrap().unwrap();
    assert_eq!(spliced, serialize_book(&book));
}

#[test]
fn settling_the_demos_anchor_writes_every_line_anew() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let mut demo = start();
    demo.anchor = Some("2026-11-01".parse().unwrap());
    write_book(&path, &demo).unwrap();
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let first = book.entries[0].clone();
    let op = Op::AddEntry(Entry::new(
        today(),
        vec![PersonId(1)],
        Kind::new("call"),
        "x",
    ));
    store.apply(&mut book, op).unwrap();
    assert_ne!(book.entries[0].date, first.date, "every date moved");
    assert_eq!(fs::read_to_string(&path).unwrap(), serialize_book(&book));
}
