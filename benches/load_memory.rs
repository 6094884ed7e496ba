//! A load's peak heap against the file's size (issue 29: a heavy load's peak
//! memory ≤ 2× the file). Books of 1k, 3k, 10k and 30k people with ten
//! entries each, written to a temp dir and opened as `kith` opens them
//! (`Store::open`: the file read a piece at a time into the fast reader,
//! validated, normalised); printed, not timed (the time is `benches/store.rs`).
//!
//! Counts the bytes asked of the allocator, so it leaves out what the
//! allocator adds (a block's header and rounding, about 8–16 bytes a
//! string) and room reserved but never touched (which costs no memory). The
//! whole process's peak RSS, the target's measure, is taken with
//! `/usr/bin/time -f %M kith --file BOOK check` minus an empty book's.
//!
//!     cargo bench --bench load_memory

#[path = "support/peak_alloc.rs"]
mod peak_alloc;

#[global_allocator]
static ALLOC: peak_alloc::Peak = peak_alloc::Peak;

use chrono::NaiveDate;
use kith::store::{Store, serialize_book};

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let dir = tempfile::tempdir().unwrap();
    eprintln!("people  entries    file MB  peak heap MB  held MB  peak/file");
    for people in [1_000, 3_000, 10_000, 30_000] {
        let path = dir.path().join(format!("b{people}.ron"));
        let text = serialize_book(&kith::demo::generate(people, 10 * people, 7, today));
        std::fs::write(&path, &text).unwrap();
        let size = text.len() as f64;
        drop(text);
        let (opened, peak) = peak_alloc::peak_of(|| Store::open(&path, today).unwrap());
        let (_, book) = opened;
        let held = peak_alloc::peak_of(|| book.clone()).1;
        eprintln!(
            "{people:>6} {:>8} {:>10.1} {:>13.1} {:>8.1} {:>10.2}",
            book.entries.len(),
            size / 1e6,
            peak as f64 / 1e6,
            held as f64 / 1e6,
            peak as f64 / size,
        );
    }
}
