//! One keystroke in the finder over a heavy book: the query is matched against
//! every person and the visible rows come back ranked and highlighted.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use kith::model::{Index, Kinds};
use kith::search::{SearchIndex, SearchOptions};

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
    for (label, query) in [("name", "weber"), ("typo", "jse grc")] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let index = SearchIndex::for_one_search(&book);
                index.search(black_box(query), &book, &facts, &opts).len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
