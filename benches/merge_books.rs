//! The three-way merge on a heavy book (10,000 people, 100,000 entries)
//! with a few hundred changes on each side. Target: parse ×3 + merge +
//! serialize ≤ 1 s (release), the whole `kith merge-books` ≤ 300 MB peak.
//! And `kith sync`'s merge of one conflict copy into it (no base): parse ×2 +
//! merge + the store's operation applied + serialize ≤ 1.5 s.
//!
//! `sync heavy`: `kith sync`'s merge of one conflict copy (a few records
//! apart, or 300 changes) into the heavy book, as the store runs it
//! (`merge_op`), with the peak heap it takes beside the two books, printed
//! against a parse's (issue 29: sync ≤ 2× a load's memory). Beside it, the
//! way `kith sync` takes since: the copy's text held against the book's,
//! only the lines that differ read and merged (`near` + `merge_near`),
//! against the whole copy parsed and merged (`parse + merge_op`).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

use kith::store::{parse_book, serialize_book};
use kith::sync::conflicts::merge_op;
use kith::sync::merge3;
use kith::sync::near_copy::{merge_near, merge3_near, near};

#[path = "support/peak_alloc.rs"]
mod peak_alloc;

#[global_allocator]
static ALLOC: peak_alloc::Peak = peak_alloc::Peak;

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
    // kith merge-books since: the base read whole, of each copy only the
    // lines that differ from the base's (the 300 changes merge and delete
    // people, so here two copies a few entries apart).
    let (few_o, few_t) = (few_apart_by(&base, 1), few_apart_by(&base, 2));
    let few = [&few_o, &few_t].map(serialize_book);
    group.bench_function("few apart: parse x3 + merge3", |b| {
        b.iter(|| {
            let [bb, o, t] = [&texts[0], &few[0], &few[1]]
                .map(|text| parse_book(Path::new("k.ron"), text.as_bytes()).unwrap());
            merge3(&bb, &o, &t)
        })
    });
    group.bench_function("few apart: parse base + near x2 + merge3_near", |b| {
        b.iter(|| {
            let bb = parse_book(Path::new("k.ron"), texts[0].as_bytes()).unwrap();
            let [o, t] = few
                .each_ref()
                .map(|text| near(&bb, &texts[0], text.as_bytes()).unwrap());
            merge3_near(bb, o, t).unwrap()
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

/// `book` with a few entries' summaries changed (every 20,000th from
/// `start`), as one machine's day.
fn few_apart_by(book: &kith::model::Book, start: usize) -> kith::model::Book {
    let mut copy = book.clone();
    for e in copy.entries.iter_mut().skip(start).step_by(20_000) {
        e.summary = format!("{} (edited on one machine)", e.summary).into();
    }
    copy
}

/// The heavy book, and a copy of it a few entries apart (as a sync tool's
/// conflict copy of a book edited on two machines the same day).
fn few_apart(today: NaiveDate) -> (kith::model::Book, kith::model::Book) {
    let book = kith::demo::generate(10_000, 100_000, 7, today);
    let mut copy = book.clone();
    for e in copy.entries.iter_mut().step_by(20_000) {
        e.summary = format!("{} (edited on the other machine)", e.summary).into();
    }
    (book, copy)
}

fn sync_heavy(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let (book, few) = few_apart(today);
    let many = copies::changed_copy(&book, 300, 2, today);
    let text = serialize_book(&book);
    let (parsed, parse_peak) =
        peak_alloc::peak_of(|| parse_book(Path::new("k.ron"), text.as_bytes()).unwrap());
    let held = peak_alloc::peak_of(|| parsed.clone()).1;
    drop(parsed);
    for (name, copy) in [("few apart", &few), ("300 changes", &many)] {
        let copy = copy.clone();
        let (op, peak) = peak_alloc::peak_of(|| merge_op(&book, vec![copy], &[]).0);
        eprintln!(
            "sync heavy, {name}: merge_op's peak heap beyond the two books it is given \
             {:.1} MB; a book held {:.1} MB; a parse's peak {:.1} MB; {} ops",
            peak as f64 / 1e6,
            held as f64 / 1e6,
            parse_peak as f64 / 1e6,
            match &op {
                kith::model::Op::Batch(ops) => ops.len(),
                _ => 1,
            }
        );
    }
    // As the store hands them over: the book read from its text.
    let book = parse_book(Path::new("k.ron"), text.as_bytes()).unwrap();
    let texts = [
        ("few apart", serialize_book(&few)),
        ("300 changes", serialize_book(&many)),
    ];
    for (name, copy) in &texts {
        let (taken, peak) = peak_alloc::peak_of(|| {
            let n = near(&book, &text, copy.as_bytes());
            n.and_then(|n| merge_near(&book, n, &[])).is_some()
        });
        eprintln!(
            "sync heavy, {name}: near + merge_near taken: {taken}; its peak heap beyond the \
             book and the two texts {:.1} MB",
            peak as f64 / 1e6
        );
    }
    let mut group = c.benchmark_group("sync heavy (10k people, 100k entries, one copy)");
    group.sample_size(10);
    for (name, copy) in [("few apart", &few), ("300 changes", &many)] {
        group.bench_function(format!("merge_op, {name}"), |b| {
            b.iter_batched(
                || vec![copy.clone()],
                |copies| merge_op(black_box(&book), copies, &[]),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    for (name, copy) in &texts {
        group.bench_function(format!("parse + merge_op, {name}"), |b| {
            b.iter(|| {
                let copy = parse_book(Path::new("c.ron"), copy.as_bytes()).unwrap();
                merge_op(black_box(&book), vec![copy], &[])
            })
        });
        // The 300 changes merge and delete people: read whole, as before.
        let taken = near(&book, &text, copy.as_bytes())
            .is_some_and(|n| merge_near(&book, n, &[]).is_some());
        if taken {
            group.bench_function(format!("near + merge_near, {name}"), |b| {
                b.iter(|| {
                    let n = near(black_box(&book), &text, copy.as_bytes()).unwrap();
                    merge_near(&book, n, &[]).unwrap()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, heavy, sync_heavy);
criterion_main!(benches);
