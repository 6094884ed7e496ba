//! Suggested introductions on the heavy book (10,000 people, 100,000
//! entries, the generator's needs and offers): building the matcher, every
//! suggestion, one person's (what a card or the review asks for), and what
//! you ask (`kith ask`) — with the word-meaning model on, as kith runs. Then
//! loading that model, and the growth: on 30,000 people, every suggestion
//! against loading the book (issue 27: at most 2.5 ×).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use kith::intros::meaning::Meaning;
use kith::intros::{Candidate, Matcher, Options};
use kith::model::PersonId;
use kith::store::{Store, write_book};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn heavy(c: &mut Criterion) {
    let book = kith::demo::generate(10_000, 100_000, 7, today());
    let me = vec!["Rust mentoring and code review".to_string()];
    let opts = Options::default();
    assert!(kith::intros::meaning::shared().is_ok(), "the model loads");

    c.bench_function("intros_model_load", |b| {
        b.iter(|| Meaning::bundled().unwrap())
    });
    c.bench_function("intros_build", |b| {
        b.iter(|| Matcher::build(black_box(&book), &me))
    });
    c.bench_function("intros_all", |b| {
        b.iter(|| Matcher::build(black_box(&book), &me).suggestions(&opts))
    });
    let matcher = Matcher::build(&book, &me);
    let all = matcher.suggestions(&opts);
    let needers = book.people.iter().filter(|p| !p.needs.is_empty()).count();
    eprintln!("{} suggestions for {needers} people with needs", all.len());
    c.bench_function("intros_all_prebuilt", |b| {
        b.iter(|| black_box(&matcher).suggestions(&opts))
    });
    // Someone with a need, and someone in the middle of the book.
    let one = book
        .people
        .iter()
        .find(|p| !p.needs.is_empty() && p.id.0 > 5_000)
        .map(|p| p.id)
        .unwrap_or(PersonId(1));
    c.bench_function("intros_one_person", |b| {
        b.iter(|| black_box(&matcher).for_person(one, &opts))
    });
    c.bench_function("intros_could_help_one_person", |b| {
        b.iter(|| black_box(&matcher).could_help(Candidate::Person(one), Some(10)))
    });
    c.bench_function("intros_ask", |b| {
        b.iter(|| black_box(&matcher).ask("someone to review our Kubernetes setup", 5))
    });
}

/// Every suggestion on 30,000 people against loading their book: the
/// matcher must grow like the book does.
fn growth(c: &mut Criterion) {
    let book = kith::demo::generate(30_000, 300_000, 7, today());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    write_book(&path, &book).unwrap();
    let opts = Options::default();
    c.bench_function("intros_load_30k", |b| {
        b.iter(|| Store::open(black_box(&path), today()).unwrap())
    });
    c.bench_function("intros_all_30k", |b| {
        b.iter(|| Matcher::build(black_box(&book), &[]).suggestions(&opts))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = heavy, growth
}
criterion_main!(benches);
