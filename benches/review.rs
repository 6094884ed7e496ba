//! The daily review on a heavy book (10,000 people, 100,000 entries): building
//! the index, everyone due (the queue), the day's share of it, and one step.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use kith::config::Config;
use kith::model::Index;
use kith::model::review::{self, ReviewSession};

fn heavy(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut book = kith::demo::generate(10_000, 100_000, 7, today);
    let config = Config {
        default_cadence: Some(60),
        ..Config::default()
    }
    .review_rules();
    let kinds = config.kinds.clone();

    c.bench_function("index_build", |b| {
        b.iter(|| Index::build(black_box(&book), &kinds))
    });
    let index = Index::build(&book, &kinds);
    let queue = review::queue(&book, &index, &config, today);
    eprintln!("queue: {} people", queue.len());
    c.bench_function("queue", |b| {
        b.iter(|| review::queue(black_box(&book), &index, &config, today))
    });

    c.bench_function("day (review_size 10)", |b| {
        b.iter(|| review::day(black_box(&book), &index, &config, today))
    });

    // One step on the UI thread once a change has landed (the saver derived
    // the new index off the thread): take in the progress, compute every
    // reason of the day's people again from the book, and fetch the next
    // person with their card.
    let mut session = ReviewSession::new(&book, &index, &config, today);
    let first = session.current().unwrap().person;
    review::skip(&book, first, today).apply(&mut book).unwrap();
    c.bench_function("review step (refresh + next person)", |b| {
        b.iter(|| {
            session.refresh(black_box(&book), &index, &config);
            black_box(
                session
                    .step(&book, &index)
                    .map(|s| (s.person.id, s.recent.len())),
            )
        })
    });
    let next = session.current().unwrap().person;
    c.bench_function("done_op", |b| {
        b.iter(|| review::done(black_box(&book), next, today))
    });
}

criterion_group!(benches, heavy);
criterion_main!(benches);
