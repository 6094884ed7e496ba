//! The sentence encoder (all-MiniLM-L6-v2 inside kith, issue 27): loading
//! it, one short text, and every distinct offer, title and need of the heavy
//! book (10,000 people), batched as the matcher does: through the layers
//! (a process's first build of the matcher) and from the memo (every build
//! after it, which `cargo bench --bench intros` measures).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::BTreeSet;
use std::hint::black_box;

use kith::intros::sentence::Encoder;

fn encoder(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let book = kith::demo::generate(10_000, 100_000, 7, today);
    let texts: BTreeSet<&str> = book
        .people
        .iter()
        .flat_map(|p| p.offers.iter().chain(&p.needs).chain(&p.title))
        .map(String::as_str)
        .collect();
    let texts: Vec<&str> = texts.into_iter().collect();
    let enc = Encoder::bundled().unwrap();
    let tokens: usize = texts.iter().map(|t| enc.tokens(t).len()).sum();
    eprintln!(
        "heavy book: {} distinct texts, {tokens} tokens",
        texts.len()
    );
    c.bench_function("encoder_load", |b| b.iter(|| Encoder::bundled().unwrap()));
    c.bench_function("encoder_one_text", |b| {
        b.iter(|| enc.encode_one(black_box("someone to review our Kubernetes setup")))
    });
    c.bench_function("encoder_heavy_book_texts_fresh", |b| {
        b.iter(|| enc.encode_fresh(black_box(&texts)))
    });
    enc.encode(&texts);
    c.bench_function("encoder_heavy_book_texts_memo", |b| {
        b.iter(|| enc.encode(black_box(&texts)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = encoder
}
criterion_main!(benches);
