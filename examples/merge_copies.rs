//! Writes a book and two copies of it changed apart, for trying (and
//! measuring) `kith merge-books` on big files:
//!
//! ```sh
//! cargo run --release --example merge_copies -- BOOK.ron OURS.ron THEIRS.ron [CHANGES]
//! /usr/bin/time -v target/release/kith merge-books BOOK.ron OURS.ron THEIRS.ron
//! ```
//!
//! BOOK.ron is read if it exists (e.g. `kith demo --generate … --out BOOK.ron`),
//! else a heavy one (10,000 people, 100,000 entries) is generated there.

use chrono::NaiveDate;
use std::path::Path;

use kith::store::{parse_book, write_book};

#[path = "../benches/support/copies.rs"]
mod copies;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, ours, theirs] = [0, 1, 2].map(|i| {
        Path::new(args.get(i).map(String::as_str).unwrap_or_else(|| {
            eprintln!("usage: merge_copies BOOK.ron OURS.ron THEIRS.ron [CHANGES]");
            std::process::exit(2)
        }))
        .to_path_buf()
    });
    let changes = args
        .get(3)
        .map_or(300, |n| n.parse().expect("CHANGES is a number"));
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let book = match std::fs::read(&base) {
        Ok(bytes) => parse_book(&base, &bytes).expect("BOOK.ron is a book"),
        Err(_) => {
            let book = kith::demo::generate(10_000, 100_000, 7, today);
            write_book(&base, &book).expect("writing BOOK.ron");
            book
        }
    };
    for (path, seed) in [(&ours, 1), (&theirs, 2)] {
        let copy = copies::changed_copy(&book, changes, seed, today);
        write_book(path, &copy).expect("writing a copy");
    }
}
