//! Importing a 30,000-row LinkedIn export (into an empty book, and again into
//! the result, which must add nobody) and a 10,000-card vdir; exporting the
//! heavy book (10,000 people, 100,000 entries) as a vdir. Each import run is
//! the whole command's work: open the book, read and parse, plan, one save.

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use kith::import::{Source, import, parse_path};
use kith::store::Store;

const ROWS: usize = 30_000;
const CARDS: usize = 10_000;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn connections_csv() -> String {
    let mut s = String::from(
        "\u{feff}Notes:\r\n\"When exporting your connection data, you may notice that some \
         of the email addresses are missing.\"\r\n\r\n\
         First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n",
    );
    for i in 0..ROWS {
        let email = if i % 3 == 0 {
            format!("person{i}@example.com")
        } else {
            String::new()
        };
        let _ = write!(
            s,
            "Fírst{i},Lást{},https://www.linkedin.com/in/person-{i},{email},\"Company {}, Inc.\",Engineer,{:02} Mar 20{:02}\r\n",
            i % 97,
            i % 500,
            1 + i % 28,
            10 + i % 15
        );
    }
    s
}

fn run(book_path: &Path, csv: &Path) -> kith::import::Report {
    let (mut store, mut book) = Store::open(book_path, today()).unwrap();
    let parsed = parse_path(Source::LinkedIn, csv).unwrap();
    import(&mut store, &mut book, parsed, "linkedin", false).unwrap()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("Connections.csv");
    std::fs::write(&csv, connections_csv()).unwrap();
    let full = dir.path().join("full.ron");
    let first = run(&full, &csv);
    assert_eq!(first.added, ROWS);
    let again = run(&full, &csv);
    assert_eq!((again.added, again.unchanged), (0, ROWS), "no duplicates");

    let mut group = c.benchmark_group("linkedin_30k");
    group.sample_size(10);
    let mut n = 0;
    group.bench_function("into_empty_book", |b| {
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("empty{n}.ron"))
            },
            |path| black_box(run(&path, &csv)),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("reimport_into_result", |b| {
        b.iter(|| {
            let report = run(&full, &csv);
            assert_eq!(report.added, 0);
            black_box(report)
        })
    });
    group.finish();
}

fn vdir(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let book = kith::demo::generate(CARDS, 100_000, 7, today());
    let cards = dir.path().join("cards");
    let mut group = c.benchmark_group("vdir_10k");
    group.sample_size(10);
    group.bench_function("export_heavy_book_fresh", |b| {
        let mut n = 0;
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("fresh{n}"))
            },
            |out| black_box(kith::export::vdir::write(&book, &out).unwrap()),
            BatchSize::PerIteration,
        )
    });
    let first = kith::export::vdir::write(&book, &cards).unwrap();
    let exported = book.people.iter().filter(|p| !p.archived).count();
    assert_eq!(first.written, exported, "everyone but the archived");
    group.bench_function("export_heavy_book_unchanged", |b| {
        b.iter(|| {
            let r = kith::export::vdir::write(&book, &cards).unwrap();
            assert_eq!(r.written, 0);
            black_box(r)
        })
    });
    let mut n = 0;
    group.bench_function("import_into_empty_book", |b| {
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("book{n}.ron"))
            },
            |path| {
                let (mut store, mut book) = Store::open(&path, today()).unwrap();
                let parsed = parse_path(Source::VCard, &cards).unwrap();
                let r = import(&mut store, &mut book, parsed, "vcard", false).unwrap();
                assert_eq!(
                    r.added + r.merged_in_file,
                    exported,
                    "{}",
                    r.to_string().lines().take(4).collect::<Vec<_>>().join("\n")
                );
                black_box(r)
            },
            BatchSize::PerIteration,
        )
    });
    // The whole round trip of `kith contacts sync` on an unchanged vdir: open
    // the heavy book, import the vdir three-way (each card's fingerprint
    // checked against kith's state), export it again; nothing is written.
    let synced = dir.path().join("synced.ron");
    kith::store::write_book(&synced, &book).unwrap();
    let on_disk = Store::open(&synced, today()).unwrap().1;
    let phone = dir.path().join("phone");
    kith::export::vdir::write(&on_disk, &phone).unwrap();
    group.bench_function("round_trip_unchanged", |b| {
        b.iter(|| {
            let (mut store, mut book) = Store::open(&synced, today()).unwrap();
            let parsed = parse_path(Source::VCard, &phone).unwrap();
            let r = import(&mut store, &mut book, parsed, "", false).unwrap();
            assert_eq!((r.added, r.updated), (0, 0));
            let w = kith::export::vdir::write(&book, &phone).unwrap();
            assert_eq!(w.written, 0);
            black_box((r, w))
        })
    });
    group.finish();
}

criterion_group!(benches, bench, vdir);
criterion_main!(benches);
