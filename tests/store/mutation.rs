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

/// What can happen around the book rather than in it (issue 22).
#[derive(Debug, Clone)]
enum Around {
    /// The book is deleted or moved away; its backups stay.
    Vanish,
    /// A partial write keeps this fraction of the file.
    CutShort(f64),
    /// A link to someone else's file planted at one of kith's own names.
    Link(u8),
    /// The n-th date is rewritten as a hand edit might (`26-1-1`).
    LooseDate(f64, u8),
}

fn around() -> impl Strategy<Value = Around> {
    prop_oneof![
        Just(Around::Vanish),
        (0.0..1.0f64).prop_map(Around::CutShort),
        any::<u8>().prop_map(Around::Link),
        (0.0..1.0f64, any::<u8>()).prop_map(|(a, b)| Around::LooseDate(a, b)),
    ]
}

/// The book saved twice through the store, so a backup is beside it.
fn saved_with_backup(dir: &Path, book: &Book) -> (std::path::PathBuf, Store, Book) {
    let path = dir.join("kith.ron");
    kith::store::write_book(&path, book).unwrap();
    let (mut store, mut read) = Store::open(&path, today()).unwrap();
    store
        .apply(&mut read, Op::AddPerson(Person::new(PersonId(0), "Second")))
        .unwrap();
    (path, store, read)
}

fn check_around(original: &Book, a: &Around) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved_with_backup(dir.path(), original);
    let backup = kith::store::backup_path(&path, 1);
    let backup_bytes = fs::read(&backup).unwrap();
    let probe = || Op::AddPerson(Person::new(PersonId(0), "Probe"));
    match *a {
        Around::Vanish => {
            fs::remove_file(&path).unwrap();
            let err = Store::open(&path, today()).unwrap_err();
            prop_assert!(matches!(err, StoreError::Missing { .. }), "{}", err);
            prop_assert!(store.apply(&mut book, probe()).is_err());
            prop_assert!(!path.exists(), "a vanished book was written afresh");
            prop_assert_eq!(fs::read(&backup).unwrap(), backup_bytes.clone());
            kith::store::restore(&path, 1).unwrap();
            prop_assert_eq!(fs::read(&path).unwrap(), backup_bytes);
        }
        Around::CutShort(at) => {
            let whole = fs::read(&path).unwrap();
            let cut = &whole[..index(at, whole.len())];
            fs::write(&path, cut).unwrap();
            if parse_book(&path, cut).is_ok() {
                return Ok(());
            }
            let err = Store::open(&path, today()).unwrap_err();
            prop_assert!(matches!(err, StoreError::CutShort { .. }), "{}", err);
            prop_assert!(
                err.to_string().contains(".kith.ron.kith-1 is intact"),
                "{}",
                err
            );
            prop_assert!(store.apply(&mut book, probe()).is_err());
            prop_assert_eq!(fs::read(&path).unwrap(), cut);
        }
        Around::Link(which) => {
            let names = [
                kith::store::temp_path(&path),
                kith::store::prev_path(&path),
                kith::store::lock_path(&path),
                backup.clone(),
                kith::store::backup_path(&path, 2),
                kith::store::backup_path(&path, 3),
            ];
            let at = &names[usize::from(which) % names.len()];
            let victim = dir.path().join("victim");
            fs::write(&victim, "not kith's").unwrap();
            let _ = fs::remove_file(at);
            #[cfg(unix)]
            std::os::unix::fs::symlink(&victim, at).unwrap();
            let before = fs::read(&path).unwrap();
            let err = store.apply(&mut book, probe()).unwrap_err();
            prop_assert!(
                matches!(err, StoreError::NotOurs { .. }),
                "{:?}: {}",
                at,
                err
            );
            prop_assert_eq!(fs::read(&victim).unwrap(), b"not kith's".to_vec());
            prop_assert_eq!(fs::read(&path).unwrap(), before);
        }
        Around::LooseDate(at, how) => {
            let text = fs::read_to_string(&path).unwrap();
            // The fields kith reads as dates (a birthday has rules of its own).
            let dates: Vec<usize> = [
                "date: \"",
                "follow_up: \"",
                "done_on: \"",
                "snoozed_until: \"",
            ]
            .iter()
            .flat_map(|key| text.match_indices(key).map(|(i, _)| i + key.len()))
            .filter(|&i| text[i..].len() > 10 && text.as_bytes()[i + 10] == b'"')
            .collect();
            if dates.is_empty() {
                return Ok(());
            }
            let i = dates[index(at, dates.len())];
            let date = &text[i..i + 10];
            let loose = match how % 3 {
                0 => format!(
                    "{}-{}-{}",
                    &date[2..4],
                    &date[5..7].trim_start_matches('0'),
                    &date[8..10]
                ),
                1 => format!(
                    "{}-{}-{}",
                    &date[..4],
                    &date[5..7].trim_start_matches('0'),
                    &date[8..10].trim_start_matches('0')
                ),
                _ => format!("0{date}"),
            };
            prop_assume!(loose != date);
            let edited = format!("{}{loose}{}", &text[..i], &text[i + 10..]);
            fs::write(&path, &edited).unwrap();
            let err = Store::open(&path, today()).unwrap_err();
            prop_assert!(
                err.to_string().contains("is not a date"),
                "{}: {}",
                loose,
                err
            );
            prop_assert_eq!(fs::read_to_string(&path).unwrap(), edited);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn around_the_book_nothing_is_taken_for_a_new_book_or_written_through(
        people in 2usize..8,
        entries in 1usize..16,
        seed in any::<u64>(),
        a in around(),
    ) {
        check_around(&generate(people, entries, seed, today()), &a)?;
    }
}
