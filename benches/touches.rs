//! Touches from calendars and mail (issue 26): a 20,000-message maildir
//! read, matched and planned the first time and again unchanged (targets
//! 10 s and 1 s whole-process), and a 5,000-event calendar (1 s), on a
//! 2,000-person book where 200 people have the addresses the sources use.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};

use kith::touches::{Settings, find, plan, read, read_cached};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// A maildir of `n` messages in INBOX and Sent, two in five from or to
/// someone in the book, one in ten from a list.
pub fn maildir(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join("mail");
    for folder in ["INBOX", "Sent", "Lists"] {
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(root.join(folder).join(sub)).unwrap();
        }
    }
    for i in 0..n {
        let day = 1 + i % 28;
        let person = i % 400;
        let (folder, from, to, extra) = match i % 10 {
            0 => (
                "Lists",
                format!("p{person}@example.org"),
                "list@lists.example.org".to_string(),
                "List-Id: <l.example.org>\n",
            ),
            1 | 2 => (
                "Sent",
                "me@kith.test".to_string(),
                format!("p{person}@example.org"),
                "",
            ),
            _ => (
                "INBOX",
                format!("p{person}@example.org"),
                "me@kith.test".to_string(),
                "",
            ),
        };
        let text = format!(
            "Return-Path: <{from}>\nReceived: from mx.example.org by mail.kith.test; Mon, {day} Nov 2026 10:00:00 +0000\n\
             From: Person {person} <{from}>\nTo: {to}\nSubject: =?UTF-8?Q?Re=3A_caf=C3=A9_{i}?=\n\
             Date: Mon, {day} Nov 2026 {:02}:{:02}:00 +0100\nMessage-ID: <{i}@example.org>\n{extra}\
             Content-Type: text/plain; charset=utf-8\n\n{}\n",
            i % 24,
            i % 60,
            "body line of a message that nobody reads\n".repeat(40)
        );
        std::fs::write(
            root.join(folder)
                .join("cur")
                .join(format!("{i}.M{i}P1.host:2,S")),
            text,
        )
        .unwrap();
    }
    root
}

/// A calendar of `n` events over the year, a tenth weekly recurring.
pub fn calendar(dir: &Path, n: usize) -> PathBuf {
    let mut text = String::from("BEGIN:VCALENDAR\nVERSION:2.0\n");
    for i in 0..n {
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        let rrule = if i % 10 == 0 {
            "RRULE:FREQ=WEEKLY;COUNT=20\n"
        } else {
            ""
        };
        text.push_str(&format!(
            "BEGIN:VEVENT\nUID:ev{i}@kith.bench\nDTSTAMP:20260101T000000Z\n\
             DTSTART;TZID=Europe/Berlin:2026{month:02}{day:02}T120000\n\
             DTEND;TZID=Europe/Berlin:2026{month:02}{day:02}T130000\n{rrule}\
             SUMMARY:Lunch number {i}\nORGANIZER:mailto:me@kith.test\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:p{}@example.org\nATTENDEE:mailto:stranger{}@x.org\nEND:VEVENT\n",
            i % 400,
            i % 50
        ));
    }
    text.push_str("END:VCALENDAR\n");
    let path = dir.join("cal.ics");
    std::fs::write(&path, text).unwrap();
    path
}

/// A generated book with 200 people given the sources' addresses.
pub fn book() -> kith::model::Book {
    let mut book = kith::demo::generate(2_000, 4_000, 7, today());
    for (i, p) in book.people.iter_mut().take(200).enumerate() {
        p.emails = vec![format!("p{i}@example.org")];
    }
    book
}

fn settings() -> Settings {
    let config = kith::config::Config {
        me: kith::config::Me {
            emails: vec!["me@kith.test".into()],
            ..Default::default()
        },
        ..Default::default()
    };
    config.touch_settings()
}

fn touches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mail = maildir(dir.path(), 20_000);
    let cal = calendar(dir.path(), 5_000);
    let settings = settings();
    let mut book = book();
    let mut group = c.benchmark_group("touches");
    group.sample_size(10);
    group.bench_function(
        "maildir 20,000 messages: read + match + plan, first time",
        |b| {
            b.iter(|| {
                let raw = read(&[black_box(mail.clone())]);
                let found = find(&raw, &book, &settings, today());
                let p = plan(&book, &found, today());
                assert!(p.added > 1_000);
                p
            })
        },
    );
    let raw = read(std::slice::from_ref(&mail));
    let found = find(&raw, &book, &settings, today());
    plan(&book, &found, today()).op().apply(&mut book).unwrap();
    group.bench_function(
        "maildir 20,000 messages: read + match + plan, unchanged",
        |b| {
            b.iter(|| {
                let raw = read(&[black_box(mail.clone())]);
                let found = find(&raw, &book, &settings, today());
                let p = plan(&book, &found, today());
                assert!(p.is_empty());
                p
            })
        },
    );
    let cache = dir.path().join("cache");
    let _ = read_cached(std::slice::from_ref(&mail), Some(&cache));
    group.bench_function(
        "maildir 20,000 messages: re-scan with the cache (only new files read), unchanged",
        |b| {
            b.iter(|| {
                let raw = read_cached(&[black_box(mail.clone())], Some(&cache));
                let found = find(&raw, &book, &settings, today());
                let p = plan(&book, &found, today());
                assert!(p.is_empty());
                p
            })
        },
    );
    group.bench_function("calendar 5,000 events: read + match + plan", |b| {
        b.iter(|| {
            let raw = read(&[black_box(cal.clone())]);
            let found = find(&raw, &book, &settings, today());
            let p = plan(&book, &found, today());
            assert!(p.added > 1_000);
            p
        })
    });
    group.finish();
}

criterion_group!(benches, touches);
criterion_main!(benches);
