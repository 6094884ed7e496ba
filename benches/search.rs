//! One keystroke in the finder over a heavy book: the query is matched against
//! every person and the visible rows come back ranked and highlighted. And
//! `kith find` / `kith query`, which search once: the search alone (the way
//! before, every field indexed and every person's facts built, beside
//! `search_once`), and from the file at 1k, 3k, 10k and 30k people with no
//! entries (the size of abook's address books), load included: read whole,
//! and (a book kith saved) read for the names pass only, as `kith find` does.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use kith::model::{Entry, Index, Kind, Kinds, Op};
use kith::search::{
    SearchIndex, SearchOptions, names_may_match, search_fields_once, search_names_once, search_once,
};
use kith::store::{NamesOnly, Store, write_book};

const PEOPLE: usize = 10_000;
const ENTRIES: usize = 50_000;
/// The rows a tall terminal shows.
const VISIBLE: usize = 50;

fn keystroke(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let book = kith::demo::generate(PEOPLE, ENTRIES, 7, today);
    let facts = Index::build(&book, &Kinds::default());
    let index = SearchIndex::build(&book);
    let opts = SearchOptions {
        include_archived: false,
        limit: VISIBLE,
    };
    let mut group = c.benchmark_group("search_10k");
    for (label, query) in [
        ("1 char", "a"),
        ("3 chars", "mar"),
        ("6 chars", "garcia"),
        ("2 words", "ana acme"),
        ("typo", "jse grc"),
        ("need", "investor"),
        ("empty", ""),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| index.search(black_box(query), &book, &facts, &opts))
        });
    }
    group.finish();
    c.bench_function("index_build_10k", |b| b.iter(|| SearchIndex::build(&book)));
    // What `kith find` / `kith query` do once per process: an index without
    // the typo vocabulary, then one search that fills its limit before any
    // typo pass (and one that does not).
    let mut group = c.benchmark_group("one_search_10k");
    for (label, query) in [("name", "weber"), ("typo", "jse grc"), ("need", "investor")] {
        group.bench_function(format!("{label}/whole index"), |b| {
            b.iter(|| {
                let facts = Index::build(&book, &Kinds::default());
                let index = SearchIndex::for_one_search(&book);
                index.search(black_box(query), &book, &facts, &opts).len()
            })
        });
        group.bench_function(format!("{label}/search_once"), |b| {
            b.iter(|| search_once(&book, &Kinds::default(), black_box(query), &opts).len())
        });
    }
    group.finish();
}

/// What `kith find smith` does in-process: open the book file (read, parse,
/// validate) and search once (the book is freed outside the timing, as the
/// command never frees it); at four sizes, for the growth exponent.
fn find_from_file(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let opts = SearchOptions {
        include_archived: false,
        limit: 20,
    };
    let mut group = c.benchmark_group("find_from_file");
    group.sample_size(20);
    for people in [1_000, 3_000, 10_000, 30_000] {
        let path = dir.path().join(format!("p{people}.ron"));
        write_book(&path, &kith::demo::generate(people, 0, 7, today)).unwrap();
        group.bench_function(format!("smith/{people}"), |b| {
            b.iter_with_large_drop(|| {
                let (_store, book) = Store::open(&path, today).unwrap();
                let hits = search_once(&book, &Kinds::default(), black_box("smith"), &opts);
                (book, hits)
            })
        });
        // The same book saved by kith (its lock file records what it
        // wrote): read for the names pass only, as `kith find` does.
        let saved = dir.path().join(format!("s{people}.ron"));
        std::fs::copy(&path, &saved).unwrap();
        let (mut store, mut book) = Store::open(&saved, today).unwrap();
        let anyone = book.people[0].id;
        let entry = Entry::new(today, vec![anyone], Kind::new("call"), "saved by kith");
        store.apply(&mut book, Op::AddEntry(entry)).unwrap();
        group.bench_function(format!("smith names only/{people}"), |b| {
            b.iter_with_large_drop(|| {
                let query = black_box("smith");
                let names = NamesOnly::read(&saved, &names_may_match(query)).unwrap();
                match search_names_once(names.book(), &Kinds::default(), query, &opts) {
                    Some(hits) => (names.into_book(), hits),
                    // Fewer Smiths than the limit (1,000 people): read whole.
                    None => {
                        let (_store, book) = Store::open(&saved, today).unwrap();
                        let hits = search_fields_once(&book, &Kinds::default(), query, &opts);
                        (book, hits)
                    }
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke, find_from_file);
criterion_main!(benches);
