//! The daily review on a heavy book (10,000 people, 100,000 entries): building
//! the index, the queue, and moving to the next person.

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
    };
    let kinds = config.kinds();

    c.bench_function("index_build", |b| {
        b.iter(|| Index::build(black_box(&book), &kinds))
    });
    let index = Index::build(&book, &kinds);
    let queue = review::queue(&book, &index, &config, today);
    eprintln!("queue: {} people", queue.len());
    c.bench_function("queue", |b| {
        b.iter(|| review::queue(black_box(&book), &index, &config, today))
    });

    // Half-way through: half the queue skipped, then one more step: record the
    // outcome, resync the session, and fetch the next person with their card.
    let mut session = ReviewSession::new(&book, &index, &config, today);
    for item in queue.iter().take(queue.len() / 2) {
        review::skip(&book, item.person, today)
            .apply(&mut book)
            .unwrap();
    }
    session.sync(&book);
    let next = session.current().unwrap().person;
    let op = review::skip(&book, next, today);
    c.bench_function("next_person", |b| {
        b.iter(|| {
            let inverse = op.clone().apply(&mut book).unwrap();
            session.sync(&book);
            let step = session
                .step(&book, &index)
                .map(|s| (s.person.id, s.recent.len()));
            inverse.apply(&mut book).unwrap();
            black_box(step)
        })
    });
    c.bench_function("done_op", |b| {
        b.iter(|| review::done(black_box(&book), next, today))
    });
}

criterion_group!(benches, heavy);
criterion_main!(benches);
