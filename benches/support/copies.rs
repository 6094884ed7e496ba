//! Two copies of a book changed apart, as two machines would: people added
//! (under the same new ids on both, so the merge re-numbers one side's),
//! entries logged, people and entries edited, people deleted and merged.
//! Shared by `benches/merge_books.rs` and `examples/merge_copies.rs`.

use chrono::NaiveDate;
use kith::model::delete_op;
use kith::model::lineage::apply_noting;
use kith::model::{Book, Entry, Kind, Op, Person, merge_op};

/// splitmix64, as the demo generator uses: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// `base` with `changes` operations applied (the same seed, the same copy):
/// a fifth new people, two fifths new entries, a fifth edits of people, a
/// tenth edits of entries, and the rest deletes and merges of people.
pub fn changed_copy(base: &Book, changes: usize, seed: u64, today: NaiveDate) -> Book {
    let mut book = base.clone();
    let mut rng = Rng(seed);
    let words = ["climate", "design", "seed round", "hiring", "rust", "jazz"];
    for i in 0..changes {
        let person = |book: &Book, rng: &mut Rng| book.people[rng.below(book.people.len())].id;
        let op = match i % 10 {
            // Codes drawn as each machine draws them: its own salt.
            0 | 1 => Op::AddPerson(Person::new(
                book.fresh_person_id(seed),
                format!("New person {seed}-{i}"),
            )),
            2..=5 => {
                let who = vec![person(&book, &mut rng)];
                let summary = format!("logged on copy {seed}: {}", words[rng.below(6)]);
                let mut e = Entry::new(today, who, Kind::new("favor"), &summary);
                e.id = book.fresh_entry_id(seed);
                Op::AddEntry(e)
            }
            6 | 7 => {
                let id = person(&book, &mut rng);
                let before = book.person(id).unwrap();
                let mut p = before.clone();
                match rng.below(4) {
                    0 => p.org = Some(format!("Org {seed}")),
                    1 => p.title = Some(words[rng.below(6)].to_string()),
                    2 => p.tags.push(words[rng.below(6)].to_string()),
                    _ => p.notes.push_str(&format!("\nnote from copy {seed}")),
                }
                p.tags.dedup();
                Op::edit_person(before, p)
            }
            8 => {
                let mut e = book.entries[rng.below(book.entries.len())].clone();
                e.summary = format!("{} (edited on copy {seed})", e.summary).into();
                Op::UpdateEntry(e)
            }
            _ if i % 20 == 9 => delete_op(&book, person(&book, &mut rng)),
            _ => {
                let (from, into) = (person(&book, &mut rng), person(&book, &mut rng));
                match merge_op(&book, from, into) {
                    Ok(op) => op,
                    Err(_) => continue,
                }
            }
        };
        // As the store saves it: what the op replaced goes in the lineage.
        let _ = apply_noting(op, &mut book);
    }
    book
}
