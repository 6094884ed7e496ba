//! Hand edits and damage, as a property: take a generated book's file, flip a
//! byte, cut it short, duplicate or swap lines, misspell a field — and kith
//! either refuses the file with a position and leaves its bytes alone (even
//! when asked to save), or reads it, and then what it saves reads back as the
//! book it read. Never a silent loss.

use chrono::NaiveDate;
use kith::demo::generate;
use kith::model::{Book, Op, Person, PersonId};
use kith::store::{Store, StoreError, parse_book, serialize_book};
use proptest::prelude::*;
use std::fs;
use std::path::Path;

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Sets the byte at this fraction of the file to this value.
    Flip(f64, u8),
    /// Keeps this fraction of the file.
    Truncate(f64),
    /// Writes this line (by fraction) twice.
    DuplicateLine(f64),
    /// Swaps two lines.
    SwapLines(f64, f64),
    /// Changes one letter of the n-th field name (`name:` → `nbme:`), or
    /// drops or adds an `s`.
    RenameField(f64, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        at.clone().prop_map(Mutation::Truncate),
        at.clone().prop_map(Mutation::DuplicateLine),
        (at.clone(), at.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (at, any::<u8>()).prop_map(|(a, b)| Mutation::RenameField(a, b)),
    ]
}

fn index(fraction: f64, len: usize) -> usize {
    ((fraction * len as f64) as usize).min(len.saturating_sub(1))
}

fn mutate(text: &[u8], m: &Mutation) -> Vec<u8> {
    let mut out = text.to_vec();
    let lines = || -> Vec<Vec<u8>> {
        text.split_inclusive(|&b| b == b'\n')
            .map(<[u8]>::to_vec)
            .collect()
    };
    match *m {
        Mutation::Flip(at, byte) => {
            let i = index(at, out.len());
            out[i] = byte;
        }
        Mutation::Truncate(at) => out.truncate(index(at, out.len())),
        Mutation::DuplicateLine(at) => {
            let mut ls = lines();
            let i = index(at, ls.len());
            ls.insert(i, ls[i].clone());
            out = ls.concat();
        }
        Mutation::SwapLines(a, b) => {
            let mut ls = lines();
            let (i, j) = (index(a, ls.len()), index(b, ls.len()));
            ls.swap(i, j);
            out = ls.concat();
        }
        Mutation::RenameField(at, how) => {
            let names: Vec<(usize, usize)> = field_names(text);
            if names.is_empty() {
                return out;
            }
            let (start, end) = names[index(at, names.len())];
            let name = &text[start..end];
            let renamed: Vec<u8> = match how % 3 {
                0 => [name, b"s"].concat(),
                1 if name.len() > 1 => name[..name.len() - 1].to_vec(),
                _ => {
                    let mut n = name.to_vec();
                    let k = usize::from(how) % n.len();
                    n[k] = if n[k] == b'x' { b'y' } else { b'x' };
                    n
                }
            };
            out = [&text[..start], &renamed[..], &text[end..]].concat();
        }
    }
    out
}

/// Byte ranges of `ident:` field names (outside strings, roughly: an ASCII
/// lowercase word right before `: `).
fn field_names(text: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b':' if !in_string => {
                let end = i;
                let mut start = i;
                while start > 0 && (text[start - 1].is_ascii_lowercase() || text[start - 1] == b'_')
                {
                    start -= 1;
                }
                if start < end {
                    out.push((start, end));
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The book without what a probe save adds (the probe person, the counters).
fn without_probe(mut book: Book) -> Book {
    book.people.retain(|p| p.name != "Probe");
    book.next_person_id = 0;
    book.next_entry_id = 0;
    book
}

fn check(original: &Book, m: &Mutation) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let text = serialize_book(original);
    let mutated = mutate(text.as_bytes(), m);
    fs::write(&path, &mutated).unwrap();
    let probe = || Op::AddPerson(Person::new(PersonId(0), "Probe"));
    match parse_book(&path, &mutated) {
        Err(err) => {
            match &err {
                StoreError::Parse(p) => prop_assert!(p.line >= 1 && p.col >= 1, "{}", err),
                StoreError::Invalid(problems) => prop_assert!(!problems.0.is_empty()),
                StoreError::NewerVersion { .. } => {}
                other => prop_assert!(false, "unexpected error {other}"),
            }
            prop_assert_eq!(err.exit_code(), 2);
            prop_assert!(
                Store::open(&path, today()).is_err(),
                "Store refuses what parse_book does"
            );
            // A store that read the good file, then the file is damaged: its
            // next save must reload, refuse, and write nothing.
            let (mut store, mut book) = open_on_good_then_damage(&path, original, &mutated);
            prop_assert!(
                store.apply(&mut book, probe()).is_err(),
                "saved over a refused file"
            );
            prop_assert_eq!(
                fs::read(&path).unwrap(),
                mutated,
                "the file's bytes are unchanged"
            );
        }
        Ok(read) => {
            let (mut store, mut book) = Store::open(&path, today()).map_err(|e| {
                TestCaseError::fail(format!("parse_book took it, Store refused: {e}"))
            })?;
            prop_assert_eq!(&book, &read);
            if matches!(m, Mutation::RenameField(..)) {
                // A misspelt field name is never read as some other book.
                prop_assert_eq!(&read, original, "a renamed field was accepted");
            }
            if let Err(e) = store.apply(&mut book, probe()) {
                // Refusing to save is allowed (no ids left, say); writing is not.
                prop_assert_eq!(fs::read(&path).unwrap(), mutated, "{}", e);
                return Ok(());
            }
            let again = parse_book(&path, &fs::read(&path).unwrap())
                .map_err(|e| TestCaseError::fail(format!("kith wrote what it refuses: {e}")))?;
            prop_assert_eq!(without_probe(again), without_probe(read));
        }
    }
    Ok(())
}

/// A store that read the good file, and then the damaged file put in its
/// place (a new inode, as an editor's save makes, so the change is seen).
fn open_on_good_then_damage(path: &Path, good: &Book, damaged: &[u8]) -> (Store, Book) {
    fs::write(path, serialize_book(good)).unwrap();
    let opened = Store::open(path, today()).unwrap();
    let edited = path.with_extension("edited");
    fs::write(&edited, damaged).unwrap();
    fs::rename(&edited, path).unwrap();
    opened
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_damaged_book_is_refused_untouched_or_read_and_saved_without_loss(
        people in 2usize..8,
        entries in 0usize..16,
        seed in any::<u64>(),
        m in mutation(),
    ) {
        check(&generate(people, entries, seed, today()), &m)?;
    }
}
