//! `kith sync` of a conflict copy that is mostly the book, and `kith
//! merge-books` of two copies that are mostly the base: merged from the
//! lines that differ (`kith::sync::near_copy`), they must come out exactly
//! as the merge of the whole copies — the same operation on the book and
//! report for sync, the same book and report for merge-books — on random
//! histories of both sides (the generator of `merge_props`). And the short
//! way must be taken whenever it can be, or the property would hold of a
//! path never run.

use proptest::prelude::*;
use std::path::Path;

use kith::demo::generate;
use kith::model::Book;
use kith::store::{parse_book, serialize_book};
use kith::sync::conflicts::merge_op;
use kith::sync::merge3_owned;
use kith::sync::near_copy::{merge_near, merge3_near, near};

use super::merge_props::{Edit, Step, play_on, step, today};

/// The book as the store reads it from its text (what `sync` compares the
/// copy's text with), and the copy's text.
fn as_on_disk(book: &Book, copy: &Book) -> (Book, String, String) {
    let text = serialize_book(book);
    let read = parse_book(Path::new("kith.ron"), text.as_bytes()).unwrap();
    (read, text, serialize_book(copy))
}

/// The short way's result equals the whole copy's; says whether it was
/// taken.
fn same_either_way(book: &Book, copy: &Book) -> Result<bool, TestCaseError> {
    let (book, text, copy_text) = as_on_disk(book, copy);
    let copy = parse_book(Path::new("kith.sync-conflict.ron"), copy_text.as_bytes()).unwrap();
    let (op, reports) = merge_op(&book, vec![copy.clone()], &[]);
    let Some(n) = near(&book, &text, copy_text.as_bytes()) else {
        return Ok(false);
    };
    let Some((short_op, report)) = merge_near(&book, n, &[]) else {
        return Ok(false);
    };
    prop_assert_eq!(&short_op, &op);
    prop_assert_eq!(&vec![report], &reports);
    Ok(true)
}

/// Whether the short way has to give up on this pair: the copy merged or
/// deleted someone the book holds, or the merge re-numbers.
fn must_read_whole(book: &Book, copy: &Book) -> bool {
    let report = &merge_op(book, vec![copy.clone()], &[]).1[0];
    copy.merged != book.merged
        || book
            .people
            .iter()
            .any(|p| copy.person(p.id).map(|q| q.id) != Some(p.id))
        || !report.renumbered.is_empty()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_copy_near_the_book_merges_as_the_whole_copy(
        seed in 0..4u64,
        ours in prop::collection::vec(step(), 0..14),
        theirs in prop::collection::vec(step(), 0..14),
    ) {
        let base = generate(30, 150, seed, today());
        let (o, t) = (play_on(&base, &ours, Some(11)), play_on(&base, &theirs, Some(22)));
        for (book, copy) in [(&o, &t), (&t, &o)] {
            let short = same_either_way(book, copy)?;
            prop_assert!(short || must_read_whole(book, copy), "the short way was not taken");
        }
    }
}

/// merge-books the short way against the whole copies' `merge3_owned`;
/// says whether it was taken.
fn same_three_way(base: &Book, ours: &Book, theirs: &Book) -> Result<bool, TestCaseError> {
    let text = serialize_book(base);
    let read = |t: &str| parse_book(Path::new("k.ron"), t.as_bytes()).unwrap();
    let base = read(&text);
    let (o, t) = (serialize_book(ours), serialize_book(theirs));
    let whole = merge3_owned(base.clone(), read(&o), read(&t));
    let (Some(no), Some(nt)) = (
        near(&base, &text, o.as_bytes()),
        near(&base, &text, t.as_bytes()),
    ) else {
        return Ok(false);
    };
    let Some(short) = merge3_near(base, no, nt) else {
        return Ok(false);
    };
    prop_assert_eq!(&short.report, &whole.report);
    prop_assert_eq!(serialize_book(&short.book), serialize_book(&whole.book));
    prop_assert_eq!(&short.book, &whole.book);
    Ok(true)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    })]

    #[test]
    fn two_copies_near_the_base_merge_as_the_whole_copies(
        seed in 0..4u64,
        ours in prop::collection::vec(step(), 0..14),
        theirs in prop::collection::vec(step(), 0..14),
    ) {
        let base = generate(30, 150, seed, today());
        let (o, t) = (play_on(&base, &ours, Some(11)), play_on(&base, &theirs, Some(22)));
        let short = same_three_way(&base, &o, &t)?;
        let renumbered = !merge3_owned(base.clone(), o.clone(), t.clone()).report.renumbered.is_empty();
        let apart = |c: &Book| c.merged != base.merged
            || base.people.iter().any(|p| c.person(p.id).map(|q| q.id) != Some(p.id));
        prop_assert!(short || renumbered || apart(&o) || apart(&t), "the short way was not taken");
    }
}

/// The usual case, taken the short way: each side logged and edited, one
/// field both changed differently (a clash, noted on the person).
#[test]
fn a_copy_with_a_few_lines_changed_is_merged_the_short_way() {
    let base = generate(30, 150, 1, today());
    let ours = [
        Step::Log(vec![3], 0),
        Step::Edit(2, Edit::Org(0)),
        Step::EditEntry(7, 1, true),
    ];
    let theirs = [
        Step::Log(vec![3, 4], 1),
        Step::Edit(2, Edit::Org(1)),
        Step::Edit(5, Edit::IntroducedBy(9)),
    ];
    let (o, t) = (
        play_on(&base, &ours, Some(11)),
        play_on(&base, &theirs, Some(22)),
    );
    for (book, copy) in [(&o, &t), (&t, &o)] {
        assert!(same_either_way(book, copy).unwrap(), "taken the short way");
    }
    let (book, text, copy_text) = as_on_disk(&o, &t);
    let (_, report) = merge_near(
        &book,
        near(&book, &text, copy_text.as_bytes()).unwrap(),
        &[],
    )
    .unwrap();
    assert_eq!(report.clashes.len(), 1, "{:?}", report.clashes);
}

/// A copy that would not read as a valid book is never merged the short
/// way (the whole read names the problem and where).
#[test]
fn an_invalid_copy_is_left_to_the_whole_read() {
    let book = generate(30, 150, 1, today());
    let text = serialize_book(&book);
    let book = parse_book(Path::new("kith.ron"), text.as_bytes()).unwrap();
    let name = &book.people[4].name;
    for (from, to) in [
        (format!("name: {name:?}"), "name: \"  \"".to_string()),
        (
            format!("people: [{}]", book.entries[3].people[0].0),
            "people: []".to_string(),
        ),
        (
            format!("people: [{}]", book.entries[3].people[0].0),
            "people: [99999]".to_string(),
        ),
    ] {
        let copy = text.replacen(&from, &to, 1);
        assert_ne!(copy, text, "{from} is in the text");
        assert!(parse_book(Path::new("c.ron"), copy.as_bytes()).is_err());
        assert!(near(&book, &text, copy.as_bytes()).is_none(), "{to}");
    }
    // A person deleted on the copy whom a line left as it was still names.
    let named = book.entries[3].people[0];
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("    (id: {}, ", named.0)))
        .unwrap();
    let copy = text.replacen(&format!("{line}\n"), "", 1);
    assert!(parse_book(Path::new("c.ron"), copy.as_bytes()).is_err());
    assert!(near(&book, &text, copy.as_bytes()).is_none());
}

/// Records held alike that the merge of the whole copy sets right all the
/// same (hand edits: an entry naming someone twice or by an id merged
/// away, someone introduced by nobody in the book or by themselves) come
/// out as that merge has them, the short way too.
#[test]
fn records_held_alike_that_the_merge_sets_right_are_merged_too() {
    use kith::model::PersonId;
    use kith::model::lineage::apply_noting;
    let mut book = generate(30, 150, 1, today());
    let (from, into) = (book.people[6].id, book.people[7].id);
    let merge = kith::model::merge_op(&book, from, into).unwrap();
    apply_noting(merge, &mut book).unwrap();
    book.people[2].met.introduced_by = Some(PersonId(99_999));
    book.people[3].met.introduced_by = Some(book.people[3].id);
    let twice = book.entries[5].people[0];
    book.entries[5].people = vec![twice, twice].into();
    book.entries[9].people = vec![from].into();
    let text = serialize_book(&book);
    let book = parse_book(Path::new("kith.ron"), text.as_bytes()).unwrap();
    // The copy: the book and one entry logged there.
    let copy = play_on(&book, &[Step::Log(vec![1], 2)], Some(22));
    let copy_text = serialize_book(&copy);
    let whole = parse_book(Path::new("c.ron"), copy_text.as_bytes()).unwrap();
    let (op, reports) = merge_op(&book, vec![whole], &[]);
    let n = near(&book, &text, copy_text.as_bytes()).expect("near");
    let (short, report) = merge_near(&book, n, &[]).expect("the short way");
    assert_eq!(short, op);
    assert_eq!(vec![report], reports);
}
