//! Load and save of generated books at the sizes the issue names:
//! typical (1,000 people / 5,000 entries) and heavy (10,000 / 100,000).
//! Targets: typical load ≤ 15 ms, save ≤ 20 ms; heavy load ≤ 150 ms, save ≤ 250 ms.
//!
//! `read/*` and `write/*` hold the hand-written fast path against ron on the
//! same text; the fast/ron ratios are also printed once per size before the
//! criterion runs (best of five), so they come from the same process.
//! `write/spliced` is a save's text after one logged entry, spliced over the
//! text before it, beside `write/fast` of the same book (ratio printed too).
//! `capture/whole` and `capture/added` are `kith log`'s durable capture
//! (open, add one entry, atomic synced save with backups), the whole way
//! and the way that does not read the entries ([`Store::open_to_add`]).

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kith::demo::generate;
use kith::model::{Book, Entry, Kind, Op};
use kith::store::{
    Store, fast, parse_book, read_book_with_ron, serialize_book, serialize_book_with_ron,
    write_book,
};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const SIZES: [(&str, usize, usize); 2] = [("typical", 1_000, 5_000), ("heavy", 10_000, 100_000)];

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn best_of_five<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// The book after logging one entry with someone in the middle of it, and
/// that operation.
fn logged(book: &Book) -> (Book, Op) {
    let who = book.people[book.people.len() / 2].id;
    let op = Op::AddEntry(Entry::new(
        today(),
        vec![who],
        Kind::new("coffee"),
        "a chat",
    ));
    let mut after = book.clone();
    op.clone().apply(&mut after).unwrap();
    (after, op)
}

fn ratios(size: &str, text: &str, book: &Book) {
    let path = Path::new("b.ron");
    let ron_read = best_of_five(|| read_book_with_ron(path, text.as_bytes()).unwrap());
    let fast_read = best_of_five(|| fast::read(text.as_bytes()).unwrap());
    let ron_write = best_of_five(|| serialize_book_with_ron(book));
    let fast_write = best_of_five(|| fast::write(book));
    let (after, op) = logged(book);
    let spliced = best_of_five(|| fast::splice(text, &after, &op).unwrap().len());
    let whole = best_of_five(|| fast::write(&after));
    eprintln!(
        "{size}: after one entry, spliced {spliced:.1?} whole {whole:.1?} (spliced/whole {:.3})",
        spliced.as_secs_f64() / whole.as_secs_f64(),
    );
    eprintln!(
        "{size}: read ron {ron_read:.1?} fast {fast_read:.1?} (fast/ron {:.3}); \
         write ron {ron_write:.1?} fast {fast_write:.1?} (fast/ron {:.3})",
        fast_read.as_secs_f64() / ron_read.as_secs_f64(),
        fast_write.as_secs_f64() / ron_write.as_secs_f64(),
    );
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
        ratios(size, &text, &book);

        let mut group = c.benchmark_group("store");
        if size == "heavy" {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::new("read/ron", size), &text, |b, text| {
            b.iter(|| read_book_with_ron(Path::new("b.ron"), black_box(text.as_bytes())).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("read/fast", size), &text, |b, text| {
            b.iter(|| fast::read(black_box(text.as_bytes())).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("parse_book", size), &text, |b, text| {
            b.iter(|| parse_book(Path::new("b.ron"), black_box(text.as_bytes())).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("open", size), &path, |b, path| {
            b.iter(|| Store::open(black_box(path), today()).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("write/ron", size), &book, |b, book| {
            b.iter(|| serialize_book_with_ron(black_box(book)))
        });
        group.bench_with_input(BenchmarkId::new("write/fast", size), &book, |b, book| {
            b.iter(|| fast::write(black_box(book)))
        });
        let (after, op) = logged(&book);
        let spliced = fast::splice(&text, &after, &op).unwrap().parts().concat();
        assert_eq!(spliced, serialize_book(&after).into_bytes());
        // What a save writes from: the parts, not joined (the old text's runs
        // go to the file from where they were read).
        group.bench_with_input(BenchmarkId::new("write/spliced", size), &text, |b, text| {
            b.iter(|| fast::splice(black_box(text), &after, &op).unwrap().len())
        });
        group.bench_with_input(BenchmarkId::new("write/whole", size), &after, |b, after| {
            b.iter(|| fast::write(black_box(after)))
        });
        let out = dir.path().join(format!("{size}-saved.ron"));
        group.bench_with_input(BenchmarkId::new("write_book", size), &book, |b, book| {
            b.iter(|| write_book(&out, black_box(book)).unwrap())
        });
        bench_captures(
            &mut group,
            size,
            &dir.path().join(format!("{size}-log.ron")),
            &book,
        );
        group.finish();
    }
}

/// One entry logged to the book saved at `path`, each way, as `kith log`
/// does it: opened, added, saved (and the file grows by an entry each time).
fn bench_captures(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    size: &str,
    path: &Path,
    book: &Book,
) {
    let who = book.people[book.people.len() / 2].id;
    let entry = || {
        Op::AddEntry(Entry::new(
            today(),
            vec![who],
            Kind::new("coffee"),
            "a chat",
        ))
    };
    // Saved by the store, so the lock file records what it wrote.
    let (mut store, mut saved) = Store::open(path, today()).unwrap();
    saved.clone_from(book);
    store.apply(&mut saved, entry()).unwrap();
    group.bench_function(BenchmarkId::new("capture/whole", size), |b| {
        b.iter(|| {
            let (mut store, mut book) = Store::open(path, today()).unwrap();
            store.apply(&mut book, entry()).unwrap();
        })
    });
    group.bench_function(BenchmarkId::new("capture/added", size), |b| {
        b.iter(|| {
            let (mut store, adding) = Store::open_to_add(path, today()).unwrap().unwrap();
            store.add(adding, |_| Ok(entry())).unwrap().unwrap();
        })
    });
}

criterion_group!(benches, store);
criterion_main!(benches);
