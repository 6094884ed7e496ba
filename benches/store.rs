//! Load and save of generated books at the sizes the issue names:
//! typical (1,000 people / 5,000 entries) and heavy (10,000 / 100,000).
//! Targets: typical load ≤ 15 ms, save ≤ 20 ms; heavy load ≤ 150 ms, save ≤ 250 ms.

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kith::demo::generate;
use kith::store::{Store, parse_book, serialize_book, write_book};
use std::hint::black_box;
use std::path::Path;

const SIZES: [(&str, usize, usize); 2] = [("typical", 1_000, 5_000), ("heavy", 10_000, 100_000)];

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for (size, people, entries) in SIZES {
        let book = generate(people, entries, 1, today());
        let text = serialize_book(&book);
        let path = dir.path().join(format!("{size}.ron"));
        std::fs::write(&path, &text).unwrap();
        eprintln!(
            "{size}: {people} people, {entries} entries, {} bytes",
            text.len()
        );

        let mut group = c.benchmark_group("store");
        if size == "heavy" {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::new("parse_book", size), &text, |b, text| {
            b.iter(|| parse_book(Path::new("b.ron"), black_box(text.as_bytes())).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("open", size), &path, |b, path| {
            b.iter(|| Store::open(black_box(path), today()).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("serialize_book", size),
            &book,
            |b, book| b.iter(|| serialize_book(black_box(book))),
        );
        let out = dir.path().join(format!("{size}-saved.ron"));
        group.bench_with_input(BenchmarkId::new("write_book", size), &book, |b, book| {
            b.iter(|| write_book(&out, black_box(book)).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, store);
criterion_main!(benches);
