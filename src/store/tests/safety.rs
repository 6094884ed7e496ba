//! Tests of what the store refuses and what a save leaves on disk: unknown
//! fields, invalid books, symlinks, file modes, failed and killed saves, ids
//! after a rollback, a deleted book, the demo's anchor.

use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::model::OpError;
use crate::model::{Entry, EntryId, Kind, Person, PersonId};

fn today() -> NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn add(name: &str) -> Op {
    Op::AddPerson(Person::new(PersonId(0), name))
}

fn log(person: u32) -> Op {
    Op::AddEntry(Entry::new(
        today(),
        vec![PersonId(person.into())],
        Kind::new("call"),
        "x",
    ))
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A book with Ana (p1) saved at `dir/kith.ron`.
fn saved(dir: &Path) -> (PathBuf, Store, Book) {
    let path = dir.join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store.apply(&mut book, add("Ana")).unwrap();
    (path, store, book)
}

fn parse_error(err: &StoreError) -> &ParseError {
    match err {
        StoreError::Parse(p) => p,
        StoreError::Invalid(Problems(ps)) => &ps[0],
        other => panic!("not a parse error: {other}"),
    }
}

const BOOK: &str = "(
  version: 1,
  next_person_id: 3,
  next_entry_id: 2,
  people: [
    (id: 1, name: \"Ana\"),
    (id: 2, name: \"Bo\", phone: [\"123\"]),
  ],
  entries: [
    (id: 1, date: \"2026-11-01\", people: [1], kind: \"favor\", direction: received, summary: \"deck\"),
  ],
)
";

#[test]
fn an_unknown_field_is_refused_where_it_is_with_the_field_it_meant() {
    let err = parse_book(Path::new("k.ron"), BOOK.as_bytes()).unwrap_err();
    let p = parse_error(&err);
    assert_eq!((p.line, p.col), (7, 25), "{err}");
    assert!(
        p.message
            .starts_with("unknown field 'phone' in a person — did you mean 'phones'?"),
        "{err}"
    );
    assert_eq!(err.exit_code(), 2);
    for (typo, meant) in [
        ("direction: received", "direcdion: received"),
        (
            "summary: \"deck\"",
            "summary: \"deck\", follow_upp: \"2026-11-02\"",
        ),
    ] {
        let text = BOOK.replace(", phone: [\"123\"]", "").replace(typo, meant);
        let err = parse_book(Path::new("k.ron"), text.as_bytes()).unwrap_err();
        assert!(
            err.to_string().contains("in an entry — did you mean"),
            "{err}"
        );
    }
    let text = BOOK.replace("phone: [\"123\"]", "met: (contmxt: \"RustConf\")");
    let err = parse_book(Path::new("k.ron"), text.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("did you mean 'context'?"), "{err}");
    let text = BOOK.replace("  version: 1,", "  version: 1,\n  colour: \"blue\",");
    let err = parse_book(Path::new("k.ron"), text.as_bytes()).unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown field 'colour' in the book"),
        "{err}"
    );
}

#[test]
fn older_versions_migrate_and_newer_ones_with_new_fields_are_refused() {
    let text = BOOK
        .replace(", phone: [\"123\"]", "")
        .replace("version: 1", "version: 0");
    assert_eq!(
        parse_book(Path::new("k.ron"), text.as_bytes())
            .unwrap()
            .version,
        crate::model::FORMAT_VERSION
    );
    let text = BOOK.replace("version: 1", "version: 4");
    let err = parse_book(Path::new("k.ron"), text.as_bytes()).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerVersion { found: 4, .. }),
        "{err}"
    );
}

#[test]
fn a_broken_book_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    let dup = BOOK
        .replace(", phone: [\"123\"]", "")
        .replace("(id: 2, name: \"Bo\")", "(id: 1, name: \"Bo\")");
    for text in [BOOK.to_string(), dup] {
        fs::write(&path, &text).unwrap();
        let err = store.apply(&mut book, add("Cy")).unwrap_err();
        assert_eq!(err.exit_code(), 2, "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }
}

#[test]
fn invalid_books_are_refused_with_every_problem_and_its_line() {
    let text = "(
  version: 1,
  people: [
    (id: 1, name: \"Ana\"),
    (id: 1, name: \"Ana again\"),
    (id: 2, name: \"  \"),
  ],
  entries: [
    (id: 1, date: \"2026-11-01\", people: [1], kind: \"call\", summary: \"a\"),
    (id: 1, date: \"2026-11-01\", people: [], kind: \"call\", summary: \"b\"),
    (id: 2, date: \"2026-11-01\", people: [7], kind: \"call\", summary: \"c\"),
  ],
  merged: {
    3: 4,
    4: 3,
    5: 5,
  },
)
";
    let err = parse_book(Path::new("k.ron"), text.as_bytes()).unwrap_err();
    let StoreError::Invalid(Problems(problems)) = &err else {
        panic!("{err}");
    };
    let at: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.col)).collect();
    assert_eq!(
        at,
        vec![
            (5, 5),
            (6, 5),
            (13, 3),
            (13, 3),
            (13, 3),
            (10, 5),
            (10, 5),
            (11, 5)
        ],
        "{err}"
    );
    let text = err.to_string();
    for said in [
        "k.ron:5:5: duplicate person id 1",
        "k.ron:6:5: person p2 has an empty name",
        "k.ron:13:3: merged: p3 is merged in a circle",
        "k.ron:13:3: merged: p5 is merged into itself",
        "k.ron:10:5: duplicate entry id 1",
        "k.ron:10:5: entry e1 names nobody",
        "k.ron:11:5: entry e2 names p7, who is not in the book",
    ] {
        assert!(text.contains(said), "{said}\n{text}");
    }
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn an_op_that_would_leave_an_invalid_book_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    store.apply(&mut book, log(1)).unwrap();
    let before = fs::read(&path).unwrap();
    let err = store
        .apply(&mut book, Op::DeletePerson(PersonId(1)))
        .unwrap_err();
    assert!(err.to_string().contains("names p1, who is not"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(book.people.len(), 1, "the book in memory is as on disk");
}

#[cfg(unix)]
#[test]
fn a_symlinked_book_is_written_through_its_link_which_survives() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("dotfiles");
    let data = dir.path().join("data");
    fs::create_dir_all(&real).unwrap();
    fs::create_dir_all(&data).unwrap();
    let target = real.join("kith.ron");
    write_book(&target, &Book::default()).unwrap();
    chmod(&target, 0o640);
    let link = data.join("kith.ron");
    std::os::unix::fs::symlink("../dotfiles/kith.ron", &link).unwrap();

    let (mut store, mut book) = Store::open(&link, today()).unwrap();
    store.apply(&mut book, add("Ana")).unwrap();
    store.apply(&mut book, add("Bo")).unwrap();

    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(mode(&target), 0o640);
    let on_disk = parse_book(&target, &fs::read(&target).unwrap()).unwrap();
    assert_eq!(on_disk.people.len(), 2);
    assert!(backup_path(&target, 1).exists());
    assert!(real.join(".kith.ron.kith-lock").exists());
    let beside_link: Vec<_> = fs::read_dir(&data).unwrap().collect();
    assert_eq!(beside_link.len(), 1, "only the link: {beside_link:?}");
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_an_error_not_an_empty_book() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("kith.ron");
    std::os::unix::fs::symlink("gone/kith.ron", &link).unwrap();
    let err = Store::open(&link, today()).unwrap_err();
    assert!(matches!(err, StoreError::DanglingLink { .. }), "{err}");
    assert!(err.to_string().contains("gone/kith.ron"), "{err}");
    let err = write_book(&link, &Book::default()).unwrap_err();
    assert!(matches!(err, StoreError::DanglingLink { .. }), "{err}");
    assert!(!dir.path().join("gone").exists());
}

#[cfg(unix)]
#[test]
fn new_books_their_backups_and_lock_are_private_whatever_the_umask() {
    // SAFETY: umask is process-wide but only narrows what new files get; 022
    // is what most users have, and what made books 0644.
    let old = unsafe { libc::umask(0o022) };
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    store.apply(&mut book, add("Bo")).unwrap();
    unsafe { libc::umask(old) };
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&backup_path(&path, 1)), 0o600);
    assert_eq!(mode(&lock_path(&path)), 0o600);
    let temp = dir.path().join("t");
    disk::create_private(&temp).unwrap();
    assert_eq!(mode(&temp), 0o600);
}

#[cfg(unix)]
#[test]
fn an_existing_books_mode_is_kept_and_no_backup_is_more_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    store.apply(&mut book, add("Bo")).unwrap();
    chmod(&backup_path(&path, 1), 0o666);
    chmod(&path, 0o640);
    store.apply(&mut book, add("Cy")).unwrap();
    assert_eq!(mode(&path), 0o640);
    assert_eq!(mode(&backup_path(&path, 1)), 0o640);
    assert_eq!(
        mode(&backup_path(&path, 2)),
        0o640,
        "was 0666, now within 0640"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_book_is_refused_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    chmod(&path, 0o444);
    let before = fs::read(&path).unwrap();
    let err = store.apply(&mut book, add("Bo")).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(mode(&path), 0o444);
    assert_eq!(book.people.len(), 1);
}

/// Every backup's bytes, `.1` first.
fn backups(path: &Path) -> Vec<Option<Vec<u8>>> {
    (1..=BACKUPS)
        .map(|n| fs::read(backup_path(path, n)).ok())
        .collect()
}

#[test]
fn a_failing_save_spends_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    for name in ["Bo", "Cy", "Di"] {
        store.apply(&mut book, add(name)).unwrap();
    }
    let book_before = fs::read(&path).unwrap();
    let backups_before = backups(&path);
    assert!(backups_before.iter().all(Option::is_some));
    // A directory where the temp file goes: the save cannot write it (and
    // says that something not kith's own is at that name).
    fs::create_dir(temp_path(&path)).unwrap();
    for _ in 0..4 {
        let err = store.apply(&mut book, add("Ed")).unwrap_err();
        assert!(matches!(err, StoreError::NotOurs { .. }), "{err}");
    }
    assert_eq!(fs::read(&path).unwrap(), book_before);
    assert_eq!(backups(&path), backups_before);
    assert_eq!(book.people.len(), 4);
    fs::remove_dir(temp_path(&path)).unwrap();
    store.apply(&mut book, add("Ed")).unwrap();
    assert_eq!(backups(&path)[0].as_deref(), Some(&book_before[..]));
}

#[test]
fn a_killed_saves_leftovers_are_removed_by_the_next_save_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    fs::write(temp_path(&path), "half a book").unwrap();
    // Killed before its rename: the previous file is the book itself.
    fs::hard_link(&path, prev_path(&path)).unwrap();
    let mine = dir.path().join(".kith.ron.notes");
    fs::write(&mine, "my own file").unwrap();
    store.apply(&mut book, add("Bo")).unwrap();
    assert!(!temp_path(&path).exists());
    assert!(!prev_path(&path).exists());
    assert_eq!(fs::read_to_string(&mine).unwrap(), "my own file");
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".kith.ron.kith-1",
            ".kith.ron.kith-lock",
            ".kith.ron.notes",
            "kith.ron"
        ]
    );
}

#[test]
fn a_save_killed_after_its_rename_loses_no_backup_generation() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    for name in ["Bo", "Cy", "Di"] {
        store.apply(&mut book, add(name)).unwrap();
    }
    let before = fs::read(&path).unwrap();
    let backups_before = backups(&path);
    store.apply(&mut book, add("Ed")).unwrap();
    let newer = fs::read(&path).unwrap();
    // As if that save were killed between its rename and the turn-over:
    // the book is the new file, `.kith-prev` the book before that save,
    // the backups as they were.
    for (n, bytes) in (1..=BACKUPS).zip(&backups_before) {
        fs::write(backup_path(&path, n), bytes.as_ref().unwrap()).unwrap();
    }
    fs::write(prev_path(&path), &before).unwrap();
    store.apply(&mut book, add("Fa")).unwrap();
    assert!(!prev_path(&path).exists());
    // The file before this save, then the killed save's previous file,
    // then what was the newest backup: no generation skipped.
    assert_eq!(
        backups(&path),
        [Some(newer), Some(before), backups_before[0].clone()]
    );
}

#[test]
fn ids_are_not_reused_after_the_file_is_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    for _ in 0..4 {
        store.apply(&mut book, log(1)).unwrap();
    }
    let older = fs::read(&path).unwrap(); // next_entry_id: 5
    store.apply(&mut book, log(1)).unwrap();
    assert_eq!(book.entries.last().unwrap().id, EntryId(5));
    fs::write(&path, &older).unwrap(); // `git checkout` of the older copy

    // Another process: it sees only the file, the backups and the lock.
    let (mut other, mut other_book) = Store::open(&path, today()).unwrap();
    assert_eq!(other_book.next_entry_id, 5);
    other.apply(&mut other_book, log(1)).unwrap();
    assert_eq!(other_book.entries.last().unwrap().id, EntryId(6));

    // This process remembers what it handed out (e5), even with the lock
    // file and backups gone; e6 was only ever in the lock file's record.
    fs::write(&path, &older).unwrap();
    fs::remove_file(lock_path(&path)).unwrap();
    for n in 1..=BACKUPS {
        let _ = fs::remove_file(backup_path(&path, n));
    }
    store.apply(&mut book, log(1)).unwrap();
    assert_eq!(book.entries.last().unwrap().id, EntryId(6));
}

#[test]
fn the_last_id_is_an_error_not_a_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    fs::write(
        &path,
        "(\n  version: 1,\n  next_person_id: 4294967295,\n  next_entry_id: 1,\n  people: [],\n  entries: [],\n)\n",
    )
    .unwrap();
    let before = fs::read(&path).unwrap();
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    let err = store.apply(&mut book, add("Ana")).unwrap_err();
    assert!(err.to_string().contains("every person id"), "{err}");
    assert_eq!(err.exit_code(), 2);
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_book_deleted_under_the_store_is_not_recreated_until_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    assert!(store.expects_file());
    fs::remove_file(&path).unwrap();
    let err = store.apply(&mut book, add("Bo")).unwrap_err();
    assert!(matches!(err, StoreError::Vanished { .. }), "{err}");
    assert_eq!(err.exit_code(), 1);
    assert!(!path.exists());
    assert!(matches!(store.reload(), Err(StoreError::Vanished { .. })));
    assert_eq!(book.people.len(), 1, "the book in memory is kept");

    store.recreate();
    store.apply(&mut book, add("Bo")).unwrap();
    let on_disk = parse_book(&path, &fs::read(&path).unwrap()).unwrap();
    assert_eq!(on_disk.people.len(), 2);
}

#[test]
fn a_new_store_on_a_missing_file_starts_a_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    assert!(!store.expects_file());
    store.apply(&mut book, add("Ana")).unwrap();
    assert!(path.exists());
}

#[test]
fn a_real_book_with_the_demos_anchor_is_shifted_once_on_its_first_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let text = "(
  version: 1,
  anchor: \"2026-11-01\",
  people: [
    (id: 1, name: \"Ana\"),
  ],
  entries: [
    (id: 1, date: \"2026-10-30\", people: [1], kind: \"call\", summary: \"a\"),
  ],
)
";
    fs::write(&path, text).unwrap();
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    assert_eq!(book.entries[0].date, d("2026-10-30"), "read as written");
    let applied = store.apply(&mut book, log(1)).unwrap();
    assert!(applied.reloaded, "the whole book changed");
    assert_eq!(book.anchor, None);
    let dates = |b: &Book| b.entries.iter().map(|e| e.date).collect::<Vec<_>>();
    assert_eq!(dates(&book), vec![d("2026-11-24"), today()]);
    // Weeks later, the dates are where they were.
    let (_, later) = Store::open(&path, d("2026-12-20")).unwrap();
    assert_eq!(later.anchor, None);
    assert_eq!(dates(&later), vec![d("2026-11-24"), today()]);
}

#[test]
fn a_nonsense_anchor_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let text = "(
  version: 1,
  anchor: \"-262000-01-01\",
  people: [
    (id: 1, name: \"Ana\"),
  ],
  entries: [
    (id: 1, date: \"2026-10-30\", people: [1], kind: \"call\", summary: \"a\"),
  ],
)
";
    fs::write(&path, text).unwrap();
    let err = Store::open(&path, today()).unwrap_err();
    let p = parse_error(&err);
    assert_eq!((p.line, p.col), (3, 3), "{err}");
    assert!(p.message.contains("out of the calendar"), "{err}");
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", BOOK.replace(", phone: [\"123\"]", ""));
    let book = parse_book(Path::new("k.ron"), text.as_bytes()).unwrap();
    assert_eq!(book.people.len(), 2);
    let canonical = format!("\u{feff}{}", serialize_book(&book));
    assert_eq!(
        parse_book(Path::new("k.ron"), canonical.as_bytes()).unwrap(),
        book
    );
}

#[test]
fn invalid_utf8_is_reported_at_the_bad_byte() {
    let mut bytes = BOOK.replace(", phone: [\"123\"]", "").into_bytes();
    let at = BOOK.find("\"Bo\"").unwrap() + 2; // line 7, the `o` of "Bo"
    bytes[at] = 0xff;
    let err = parse_book(Path::new("k.ron"), &bytes).unwrap_err();
    let p = parse_error(&err);
    assert_eq!((p.line, p.col), (7, 21), "{err}");
    assert!(p.message.contains("0xff"), "{err}");
}

#[test]
fn a_hand_written_comment_is_a_warning_on_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    let text = BOOK
        .replace(", phone: [\"123\"]", "")
        .replace("  people: [", "  // met Bo at the meetup\n  people: [");
    fs::write(&path, text).unwrap();
    let (store, book) = Store::open(&path, today()).unwrap();
    assert_eq!(book.people.len(), 2);
    assert_eq!(store.warnings().len(), 1);
    assert!(
        store.warnings()[0].contains("kith.ron:5:3: a comment"),
        "{:?}",
        store.warnings()
    );
    assert!(store.warnings()[0].contains("`notes`"));
}

/// What each file in `dir` holds, by name (links by where they point).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            let meta = fs::symlink_metadata(e.path()).unwrap();
            let bytes = if meta.file_type().is_symlink() {
                fs::read_link(e.path())
                    .unwrap()
                    .to_string_lossy()
                    .as_bytes()
                    .to_vec()
            } else if meta.is_file() {
                fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (name, bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_vanished_book_with_backups_is_refused_and_no_backup_turns_over() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    for name in ["Bo", "Cy", "Di"] {
        store.apply(&mut book, add(name)).unwrap();
    }
    fs::remove_file(&path).unwrap();
    let before = snapshot(dir.path());
    for _ in 0..4 {
        let err = Store::open(&path, today()).unwrap_err();
        let StoreError::Missing { traces, .. } = &err else {
            panic!("{err}");
        };
        assert_eq!(err.exit_code(), 2);
        assert_eq!(
            traces.best().map(|b| (b.number, b.holds.clone())),
            Some((
                1,
                Ok(Holds {
                    people: 3,
                    entries: 0
                })
            ))
        );
        assert!(err.to_string().contains("kith restore 1"), "{err}");
        // Nor does a book written afresh by `write_book`.
        assert!(matches!(
            write_book(&path, &Book::default()),
            Err(StoreError::Missing { .. })
        ));
    }
    assert_eq!(
        snapshot(dir.path()),
        before,
        "nothing written, nothing turned"
    );
    // Said yes to a new file (the TUI's question): it is written.
    store.recreate();
    store.apply(&mut book, add("Ed")).unwrap();
    assert!(path.exists());
}

#[test]
fn only_the_lock_s_record_is_enough_to_refuse_and_restore_empty_starts_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _) = saved(dir.path());
    fs::remove_file(&path).unwrap();
    assert!(backup_paths(&path).is_empty());
    let err = Store::open(&path, today()).unwrap_err();
    assert!(err.to_string().contains("kith restore --empty"), "{err}");
    start_empty(&path).unwrap();
    let (_, book) = Store::open(&path, today()).unwrap();
    assert!(book.people.is_empty());
    assert!(matches!(start_empty(&path), Err(StoreError::Exists { .. })));
    // A book never saved anywhere near is simply new.
    let fresh = dir.path().join("other.ron");
    assert!(Store::open(&fresh, today()).unwrap().1.people.is_empty());
}

#[test]
fn restore_brings_a_backup_back_byte_for_byte_and_keeps_what_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    for name in ["Bo", "Cy"] {
        store.apply(&mut book, add(name)).unwrap();
    }
    let second = fs::read(backup_path(&path, 2)).unwrap();
    let now = fs::read(&path).unwrap();
    let restored = restore(&path, 2).unwrap();
    assert_eq!(fs::read(&path).unwrap(), second);
    let kept = restored.kept.expect("the book there is kept");
    assert_eq!(fs::read(&kept).unwrap(), now);
    assert!(is_kith_file(&kept.file_name().unwrap().to_string_lossy()));
    // No backup turned over, none was spent.
    assert_eq!(fs::read(backup_path(&path, 2)).unwrap(), second);
    let err = restore(&path, 9).unwrap_err();
    assert!(
        matches!(err, StoreError::NoSuchBackup { number: 9, .. }),
        "{err}"
    );
    // Ids handed out since are still not handed out again.
    let (mut store, mut book) = Store::open(&path, today()).unwrap();
    store.apply(&mut book, add("Di")).unwrap();
    assert_eq!(book.people.last().unwrap().id, PersonId(4));
}

#[test]
fn a_book_cut_short_says_so_and_names_the_intact_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    store.apply(&mut book, add("Bo")).unwrap();
    let whole = fs::read(&path).unwrap();
    for cut in [0, 1, whole.len() / 2, whole.len() - 3] {
        fs::write(&path, &whole[..cut]).unwrap();
        let err = Store::open(&path, today()).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, StoreError::CutShort { .. }), "{cut}: {text}");
        assert!(text.contains("looks cut short"), "{text}");
        assert!(
            text.contains(".kith.ron.kith-1 is intact: `kith restore 1`"),
            "{text}"
        );
        assert_eq!(err.exit_code(), 2);
        assert_eq!(fs::read(&path).unwrap(), &whole[..cut], "left as it is");
    }
    // A file broken in its middle is not called cut short.
    let broken = String::from_utf8(whole.clone())
        .unwrap()
        .replacen("name:", "nmae:", 1);
    fs::write(&path, broken).unwrap();
    let err = Store::open(&path, today()).unwrap_err();
    assert!(matches!(err, StoreError::Parse(_)), "{err}");
}

#[test]
fn a_hand_written_date_kith_would_not_write_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    store.apply(&mut book, log(1)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replace("date: \"2026-11-26\"", "date: \"26-1-1\"");
    assert_ne!(edited, text);
    fs::write(&path, &edited).unwrap();
    let err = Store::open(&path, today()).unwrap_err();
    let p = parse_error(&err);
    let line = 1 + edited.lines().position(|l| l.contains("26-1-1")).unwrap();
    assert_eq!(p.line, line, "{err}");
    assert!(p.message.contains("\"26-1-1\" is not a date"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_any_of_kiths_own_names_is_never_written_through() {
    use std::os::unix::fs::symlink;
    let names: Vec<fn(&Path) -> PathBuf> = vec![
        |p| prev_path(p),
        |p| temp_path(p),
        |p| lock_path(p),
        |p| backup_path(p, 1),
        |p| backup_path(p, 3),
    ];
    for name in names {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut store, mut book) = saved(dir.path());
        store.apply(&mut book, add("Bo")).unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "not kith's").unwrap();
        chmod(&victim, 0o644);
        let at = name(&path);
        let _ = fs::remove_file(&at);
        symlink(&victim, &at).unwrap();
        let book_before = fs::read(&path).unwrap();
        let err = store.apply(&mut book, add("Cy")).unwrap_err();
        assert!(matches!(err, StoreError::NotOurs { .. }), "{at:?}: {err}");
        assert_eq!(err.exit_code(), 2);
        assert_eq!(fs::read(&victim).unwrap(), b"not kith's", "{at:?}");
        assert_eq!(mode(&victim), 0o644, "{at:?}");
        assert_eq!(fs::read(&path).unwrap(), book_before);
        // Removed, the next save goes through.
        fs::remove_file(&at).unwrap();
        store.apply(&mut book, add("Cy")).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_at_the_lock_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    let lock = lock_path(&path);
    fs::remove_file(&lock).unwrap();
    let c = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let err = store.apply(&mut book, add("Bo")).unwrap_err();
    assert!(
        matches!(&err, StoreError::NotOurs { what, .. } if what == "a FIFO"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_at_an_older_kiths_lock_name_neither_hangs_nor_stops_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, book) = saved(dir.path());
    let old = path.with_file_name("kith.ron.lock");
    let c = std::ffi::CString::new(old.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    // On its own thread, bounded: opening a FIFO to read waits for a writer,
    // which is what every save did before.
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut store, mut book) = (store, book);
        let _ = done.send(store.apply(&mut book, add("Bo")).map(|_| book.people.len()));
    });
    let saved = finished
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the save must end, not wait on the FIFO for a writer");
    assert_eq!(saved.unwrap(), 2);
}

#[cfg(unix)]
#[test]
fn work_beside_a_save_sees_the_changed_book_and_is_kept_only_if_the_save_lands() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    let names = |b: &Book| b.people.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    let (_, seen) = store
        .update_beside(&mut book, |_, _| Ok(add("Bo")), Some(names))
        .unwrap();
    assert_eq!(seen, Some(vec!["Ana".to_string(), "Bo".to_string()]));
    assert!(fs::read_to_string(&path).unwrap().contains("\"Bo\""));

    // The save fails: the work's result is dropped, the book is as on disk.
    chmod(&path, 0o444);
    let before = fs::read(&path).unwrap();
    let err = store
        .update_beside(&mut book, |_, _| Ok(add("Cy")), Some(names))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(names(&book), ["Ana", "Bo"]);

    // An operation that fails: nothing is saved, the work never runs.
    chmod(&path, 0o600);
    let ran = std::sync::atomic::AtomicBool::new(false);
    let err = store
        .update_beside(
            &mut book,
            |_, _| Err(OpError::Rejected("no".into())),
            Some(|_: &Book| ran.store(true, std::sync::atomic::Ordering::SeqCst)),
        )
        .unwrap_err();
    assert!(err.to_string().contains("no"), "{err}");
    assert!(!ran.load(std::sync::atomic::Ordering::SeqCst));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_panic_beside_a_save_comes_after_the_save_is_done_and_told_for() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut store, mut book) = saved(dir.path());
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        store.update_beside(
            &mut book,
            |_, _| Ok(add("Bo")),
            Some(|_: &Book| -> () { panic!("a bug beside the save") }),
        )
    }));
    assert!(caught.is_err(), "the panic is raised again");
    // The save landed, and the store knows it: the next change finds the
    // file as it left it, not changed by someone else.
    assert!(fs::read_to_string(&path).unwrap().contains("\"Bo\""));
    assert!(!store.changed_on_disk());
    let applied = store.apply(&mut book, add("Cy")).unwrap();
    assert!(!applied.reloaded);
    assert_eq!(book.people.len(), 3);
}
