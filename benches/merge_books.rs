//! The three-way merge on a heavy book (10,000 people, 100,000 entries)
//! with a few hundred changes on each side. Target: parse ×3 + merge +
//! serialize ≤ 1 s (release), the whole `kith merge-books` ≤ 300 MB peak.
//! And `kith sync`'s merge of one conflict copy into it (no base): parse ×2 +
//! merge + the store's operation applied + serialize ≤ 1.5 s.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

use kith::store::{parse_book, serialize_book};
use kith::sync::merge3;

#[path = "support/copies.rs"]
mod copies;

fn heavy(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let base = kith::demo::generate(10_000, 100_000, 7, today);
    let ours = copies::changed_copy(&base, 300, 1, today);
    let theirs = copies::changed_copy(&base, 300, 2, today);
    let report = merge3(&base, &ours, &theirs).report;
    eprintln!(
        "ours {:?}, theirs {:?}; {} clashes, {} re-numbered, {} resurrected, {} carried",
        report.ours,
        report.theirs,
        report.clashes.len(),
        report.renumbered.len(),
        report.resurrected.len(),
        report.carried.len()
    );
    let mut group =
        c.benchmark_group("merge_books heavy (10k people, 100k entries, 300 changes a side)");
    group.sample_size(10);
    group.bench_function("merge3", |b| {
        b.iter(|| merge3(black_box(&base), black_box(&ours), black_box(&theirs)))
    });
    let texts = [&base, &ours, &theirs].map(serialize_book);
    group.bench_function("parse x3 + merge3 + serialize", |b| {
        b.iter(|| {
            let [b, o, t] = texts
                .each_ref()
                .map(|text| parse_book(Path::new("k.ron"), text.as_bytes()).unwrap());
            serialize_book(&merge3(&b, &o, &t).book)
        })
    });
    group.bench_function("sync: merge_copy", |b| {
        b.iter(|| kith::sync::merge_copy(black_box(&ours), black_box(&theirs)))
    });
    group.bench_function("sync: parse x2 + merge_copy + apply + serialize", |b| {
        b.iter(|| {
            let [o, t] = [&texts[1], &texts[2]]
                .map(|text| parse_book(Path::new("k.ron"), text.as_bytes()).unwrap());
            let merged = kith::sync::merge_copy(&o, &t).book;
            let mut book = o.clone();
            kith::sync::ops_between(&o, &merged)
                .apply(&mut book)
                .unwrap();
            serialize_book(&book)
        })
    });
    group.finish();
}

criterion_group!(benches, heavy);
criterion_main!(benches);
