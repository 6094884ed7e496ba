//! Quick capture speed: parse + resolve on a heavy book, and Enter → durable
//! on disk (Store::update with the capture's op) for a typical and a heavy book.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use kith::capture::{Names, Who, parse, parse_with};
use kith::model::{Book, Kinds};
use kith::store::{Store, write_book};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// A line naming someone near the middle of the book by their full name (the
/// first there whose name is unique), and one naming them by the start of
/// their last name (a full scan down to the word-piece tier).
fn lines(book: &Book, kinds: &Kinds) -> (String, String) {
    let person = book.people[book.people.len() / 2..]
        .iter()
        .find(|p| {
            let line = format!("@\"{}\" coffee:", p.name);
            matches!(parse(&line, today(), book, kinds), Ok(c) if c.people == [Who::Known(p.id)])
        })
        .expect("someone has a unique name");
    let name = &person.name;
    let last = name.split_whitespace().last().unwrap_or(name);
    let fragment: String = last.chars().take(4).collect();
    (
        format!("@\"{name}\" favor: reviewed the pitch deck -2d !+1w"),
        format!("@{fragment} <intro: met their cofounder yesterday"),
    )
}

fn parse_heavy(c: &mut Criterion) {
    let book = kith::demo::generate(10_000, 50_000, 7, today());
    let kinds = Kinds::default();
    let (exact, fragment) = lines(&book, &kinds);
    eprintln!("lines: {exact:?}, {fragment:?}");
    let names = Names::new(&book);
    c.bench_function("parse+resolve exact name, 10k people", |b| {
        b.iter(|| parse_with(black_box(&exact), today(), &book, &names, &kinds))
    });
    c.bench_function("parse+resolve name fragment, 10k people", |b| {
        b.iter(|| parse_with(black_box(&fragment), today(), &book, &names, &kinds))
    });
    c.bench_function("Names::new, 10k people", |b| b.iter(|| Names::new(&book)));
    c.bench_function("parse with a fresh Names, 10k people", |b| {
        b.iter(|| parse(black_box(&exact), today(), &book, &kinds))
    });
}

/// What a Tab costs in `kith show ana<Tab>`: read the book from disk, fold
/// its names, resolve the typed text (the shell runs kith once a Tab).
fn complete_heavy(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let book = kith::demo::generate(10_000, 50_000, 7, today());
    write_book(&path, &book).unwrap();
    let typed: String = book.people[book.people.len() / 2]
        .name
        .chars()
        .take(3)
        .collect();
    let mut group = c.benchmark_group("complete a name");
    group.sample_size(20);
    group.bench_function(
        "open + Names + complete_person, 10k people 50k entries",
        |b| {
            b.iter(|| {
                let (_, book) = Store::open(&path, today()).unwrap();
                let names = Names::new(&book);
                kith::capture::complete_person(
                    &names,
                    black_box(&typed),
                    &book,
                    kith::capture::Among::ArchivedToo,
                )
            })
        },
    );
    group.bench_function("Names + complete_person (book in memory)", |b| {
        b.iter(|| {
            let names = Names::new(&book);
            kith::capture::complete_person(
                &names,
                black_box(&typed),
                &book,
                kith::capture::Among::ArchivedToo,
            )
        })
    });
    group.finish();
}

fn durable(c: &mut Criterion, people: usize, entries: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    write_book(&path, &kith::demo::generate(people, entries, 7, today())).unwrap();
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let kinds = Kinds::default();
    let (line, _) = lines(&book, &kinds);
    let mut group = c.benchmark_group("enter to durable");
    group.sample_size(20);
    group.bench_function(format!("{people} people, {entries} entries"), |b| {
        b.iter(|| {
            let capture = parse(&line, today(), &book, &kinds).unwrap();
            store
                .update(&mut book, |fresh| Ok(capture.to_op(fresh)))
                .unwrap()
        })
    });
    group.finish();
}

fn durable_typical(c: &mut Criterion) {
    durable(c, 1_000, 5_000);
}

fn durable_heavy(c: &mut Criterion) {
    durable(c, 10_000, 50_000);
}

criterion_group!(
    benches,
    parse_heavy,
    complete_heavy,
    durable_typical,
    durable_heavy
);
criterion_main!(benches);
