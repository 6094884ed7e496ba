//! `kith inbox` with the real binary: device files beside the book applied
//! exactly once, never edited; what cannot be applied waits with why; bad
//! files are refused with their name and line.

use crate::common::cli::{add, kith, ok};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A book with Ana Lima and Søren Madsen, and its empty inbox folder.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("kith.ron");
    add(&book, &["Ana Lima"]);
    add(&book, &["Søren Madsen"]);
    let inbox = dir.path().join("inbox");
    fs::create_dir(&inbox).unwrap();
    (dir, book, inbox)
}

fn summaries(book: &Path) -> Vec<String> {
    let b = kith::store::parse_book(book, &fs::read(book).unwrap()).unwrap();
    let mut s: Vec<String> = b.entries.iter().map(|e| e.summary.to_string()).collect();
    s.sort();
    s
}

fn append(file: &Path, text: &str) {
    use std::io::Write;
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
        .unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

#[test]
fn lines_are_applied_once_dated_as_written_and_the_file_is_never_touched() {
    let (_dir, book, inbox) = setup();
    let phone = inbox.join("phone.txt");
    let text = "- [ ] 2026-11-20 @ana favor: sent the landlord list\n\
                # Monday\n\
                2026-11-21 14:03 @ana <help: fixed my bike\n\
                @ana coffee: again\n\
                @ana coffee: again\n";
    fs::write(&phone, text).unwrap();
    let first = kith(&book, &["inbox"]);
    assert!(first.status.success(), "{}", err(&first));
    let said = out(&first);
    assert_eq!(said.matches("applied phone.txt:").count(), 4, "{said}");
    assert!(
        said.contains("2026-11-20  favor · gave · Ana Lima"),
        "the line's own date: {said}"
    );
    assert!(
        said.contains("2026-11-21  help · received · Ana Lima"),
        "{said}"
    );
    assert_eq!(
        summaries(&book),
        ["again", "again", "fixed my bike", "sent the landlord list"],
        "the same line twice is two captures"
    );
    assert_eq!(fs::read_to_string(&phone).unwrap(), text, "never edited");
    let before = fs::read(&book).unwrap();

    // Again: nothing new, nothing written (not even a save).
    let again = ok(&book, &["inbox"]);
    assert!(again.contains("nothing new"), "{again}");
    assert_eq!(fs::read(&book).unwrap(), before);

    // Only what was appended since.
    append(&phone, "@søren call: about Lisbon\n");
    let third = ok(&book, &["inbox"]);
    assert_eq!(third.matches("applied").count(), 1, "{third}");
    assert_eq!(summaries(&book).len(), 5);
}

#[test]
fn two_devices_rewritten_and_cut_short_files_apply_nothing_twice() {
    let (_dir, book, inbox) = setup();
    let same = "@ana coffee: at the market\n";
    fs::write(inbox.join("phone.txt"), same).unwrap();
    fs::write(inbox.join("tablet.md"), same).unwrap();
    ok(&book, &["inbox"]);
    assert_eq!(
        summaries(&book),
        ["at the market", "at the market"],
        "one per device"
    );

    // The app rewrites its file (a new inode, a line ticked, another added)
    // and a sync tool brings it in again: only the new line is applied.
    let phone = inbox.join("phone.txt");
    fs::remove_file(&phone).unwrap();
    fs::write(
        &phone,
        "- [x] @ana coffee: at the market\n@ana call: new one\n",
    )
    .unwrap();
    let said = ok(&book, &["inbox"]);
    assert_eq!(said.matches("applied").count(), 1, "{said}");
    // Cut short to nothing, then the old line comes back: already applied.
    fs::write(&phone, "").unwrap();
    ok(&book, &["inbox"]);
    fs::write(&phone, "@ana coffee: at the market\n").unwrap();
    let said = ok(&book, &["inbox"]);
    assert!(said.contains("nothing new"), "{said}");
    assert_eq!(summaries(&book).len(), 3);
}

#[test]
fn a_line_that_cannot_be_applied_waits_with_why_until_it_can() {
    let (_dir, book, inbox) = setup();
    fs::write(
        inbox.join("phone.txt"),
        "@sorne coffee: talked about Lisbon\n@zed coffee: hello\n@ana talked\n2026-12-24 @ana favor: later\n",
    )
    .unwrap();
    let run = kith(&book, &["inbox"]);
    assert_eq!(run.status.code(), Some(1), "waiting lines: exit 1");
    let said = out(&run);
    assert!(
        said.contains("waiting  phone.txt, 26 Nov: @sorne coffee: talked about Lisbon  — nobody called sorne — did you mean Søren Madsen?"),
        "{said}"
    );
    assert!(
        said.contains("@zed coffee: hello  — nobody called zed"),
        "{said}"
    );
    assert!(
        said.contains("@ana talked  — say what kind it was"),
        "{said}"
    );
    assert!(said.contains("dated 2026-12-24, after today"), "{said}");
    assert!(summaries(&book).is_empty(), "nothing applied: {said}");
    // Still waiting, and said again, on the next run.
    let again = kith(&book, &["inbox"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(out(&again).matches("waiting").count(), 4);
    // Zed is added: his line applies, dated the day kith first read it.
    add(&book, &["Zed Example"]);
    let after = kith(&book, &["inbox", "--dry-run"]);
    assert!(
        out(&after).contains("would apply phone.txt:2"),
        "{}",
        out(&after)
    );
    let after = kith(&book, &["inbox"]);
    assert!(
        out(&after).contains("2026-11-26  coffee · gave · Zed Example"),
        "{}",
        out(&after)
    );
    assert_eq!(out(&after).matches("waiting").count(), 3);
}

#[test]
fn bad_files_are_refused_with_their_name_and_line_and_never_half_applied() {
    let (_dir, book, inbox) = setup();
    fs::write(inbox.join("big.txt"), "@ana coffee: x\n".repeat(80_000)).unwrap();
    let mut latin1 = b"@ana coffee: one\n@ana coffee: caf".to_vec();
    latin1.extend([0xe9, b'\n']);
    fs::write(inbox.join("latin1.txt"), latin1).unwrap();
    fs::write(inbox.join("binary.md"), b"@ana coffee: x\n\x00\x01\x02").unwrap();
    let long = format!("@ana coffee: ok\n@ana coffee: {}\n", "x".repeat(10_000));
    fs::write(inbox.join("long.txt"), long).unwrap();
    fs::write(
        inbox.join("control.txt"),
        "@ana coffee: \x1b[31mred\x1b[0m\n",
    )
    .unwrap();
    let run = kith(&book, &["inbox"]);
    let e = err(&run);
    assert_eq!(run.status.code(), Some(2), "{e}");
    assert!(
        e.contains("big.txt: 1171 KB, over the inbox's 1024 KB"),
        "{e}"
    );
    assert!(e.contains("latin1.txt:2: not UTF-8 text"), "{e}");
    assert!(e.contains("binary.md:2: a NUL byte"), "{e}");
    assert!(e.contains("long.txt:2: a line of 10013 characters"), "{e}");
    // Only the good lines: long.txt's first, control.txt's cleaned.
    assert_eq!(
        summaries(&book),
        ["[31mred[0m", "ok"],
        "the escapes' ESC taken out"
    );
    assert!(!fs::read_to_string(&book).unwrap().contains('\x1b'));
}

#[cfg(unix)]
#[test]
fn two_processes_applying_the_same_inbox_apply_each_line_once() {
    let (_dir, book, inbox) = setup();
    let lines: String = (0..40)
        .map(|i| format!("@ana coffee: line {i}\n"))
        .collect();
    fs::write(inbox.join("phone.txt"), lines).unwrap();
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .args(["--file", book.to_str().unwrap(), "--today", "2026-11-26"])
            .args(["--config", "/nonexistent/kith-test-config.ron", "inbox"])
            .env("KITH_ID_SEED", "7")
            .output()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(spawn);
        let b = s.spawn(spawn);
        (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
    });
    assert!(
        a.status.success() && b.status.success(),
        "{}{}",
        err(&a),
        err(&b)
    );
    assert_eq!(
        out(&a).matches("applied").count() + out(&b).matches("applied").count(),
        40
    );
    assert_eq!(summaries(&book).len(), 40);
}
