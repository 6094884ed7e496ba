//! The phone's inbox: reading 10 device files holding 10,000 lines that are
//! all applied already (what every poll after a file change and every
//! `kith inbox` pays), on a 10,000-person book; and applying 100 new lines.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use kith::inbox::{plan, read_dir};
use kith::model::Kinds;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn inbox(c: &mut Criterion) {
    let mut book = kith::demo::generate(10_000, 20_000, 7, today());
    let kinds = Kinds::default();
    let dir = tempfile::tempdir().unwrap();
    // By id (`@p42`): a generated book repeats names, and an ambiguous one waits.
    let names: Vec<String> = book
        .people
        .iter()
        .take(50)
        .map(|p| p.id.to_string())
        .collect();
    for device in 0..10 {
        let lines: String = (0..1_000)
            .map(|i| {
                format!(
                    "2026-11-{:02} @{} coffee: line {i} from device {device}\n",
                    1 + i % 25,
                    names[i % names.len()]
                )
            })
            .collect();
        std::fs::write(dir.path().join(format!("device{device}.txt")), lines).unwrap();
    }
    let (devices, problems) = read_dir(dir.path());
    assert!(problems.is_empty());
    let first = plan(&book, &devices, &kinds, today());
    assert_eq!(first.applied.len(), 10_000, "every line applies");
    first.op().apply(&mut book).unwrap();

    c.bench_function(
        "inbox: read + plan, 10 files, 10,000 lines all applied",
        |b| {
            b.iter(|| {
                let (devices, _) = read_dir(black_box(dir.path()));
                let p = plan(&book, &devices, &kinds, today());
                assert!(p.is_empty());
                p
            })
        },
    );

    let fresh = tempfile::tempdir().unwrap();
    let lines: String = (0..100)
        .map(|i| format!("@{} favor: new line {i}\n", names[i % names.len()]))
        .collect();
    std::fs::write(fresh.path().join("phone.txt"), lines).unwrap();
    c.bench_function("inbox: read + plan 100 new lines, 10k-person book", |b| {
        b.iter(|| {
            let (devices, _) = read_dir(black_box(fresh.path()));
            plan(&book, &devices, &kinds, today())
        })
    });
}

criterion_group!(benches, inbox);
criterion_main!(benches);
