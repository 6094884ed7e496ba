//! `--demo` on every subcommand: the command runs on a temporary copy of the
//! bundled demo book, and the user's own book (`--file`) is never touched —
//! not read into the output, not written, not created. And `kith` with no
//! terminal says it needs one.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::cli::ok;

/// The user's own book: one person the demo does not have.
fn own_book() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.ron");
    ok(&file, &["add", "Zaphod Beeblebrox"]);
    let bytes = std::fs::read(&file).unwrap();
    (dir, file, bytes)
}

/// Runs `kith --demo ARGS…` against the user's `file`: success, stdout,
/// and the file byte for byte as it was.
fn demo(file: &Path, before: &[u8], args: &[&str]) -> String {
    let mut all = vec!["--demo"];
    all.extend_from_slice(args);
    let out = ok(file, &all);
    assert_eq!(
        std::fs::read(file).unwrap(),
        before,
        "{args:?} touched the user's book"
    );
    assert!(
        !out.contains("Zaphod"),
        "{args:?} read the user's book: {out}"
    );
    out
}

#[test]
fn every_reading_command_reads_the_demo() {
    let (_dir, file, before) = own_book();
    let list = demo(&file, &before, &["list"]);
    assert!(
        list.contains("José García") && list.lines().count() > 30,
        "{list}"
    );
    assert!(demo(&file, &before, &["show", "jose"]).contains("Tidepool Labs"));
    assert!(demo(&file, &before, &["find", "rafeal"]).contains("Rafael Costa"));
    assert!(!demo(&file, &before, &["list", "--due"]).is_empty());
    assert!(!demo(&file, &before, &["list", "--coffee-only"]).is_empty());
    assert!(!demo(&file, &before, &["review", "--print"]).is_empty());
    assert!(!demo(&file, &before, &["intros"]).is_empty());
    assert!(!demo(&file, &before, &["give-take"]).is_empty());
    assert!(demo(&file, &before, &["export", "md"]).contains("José García"));
    assert!(demo(&file, &before, &["export", "vcard"]).contains("BEGIN:VCARD"));
    assert!(demo(&file, &before, &["export", "csv"]).contains("José García"));
    assert!(demo(&file, &before, &["export", "ics"]).contains("BEGIN:VCALENDAR"));
    assert!(!demo(&file, &before, &["check"]).is_empty());
    // `--demo` after the subcommand works too (it is a global option).
    assert!(ok(&file, &["show", "jose", "--demo"]).contains("Tidepool Labs"));
}

#[test]
fn every_changing_command_changes_only_the_copy() {
    let (_dir, file, before) = own_book();
    demo(&file, &before, &["add", "Ford Prefect"]);
    demo(&file, &before, &["log", "@jose favor: a test favor"]);
    demo(&file, &before, &["edit", "jose", "--org", "Elsewhere"]);
    demo(&file, &before, &["archive", "rafael"]);
    demo(&file, &before, &["merge", "rafael", "jose"]);
    // Each run starts from a fresh copy: the favor above is gone.
    assert!(!demo(&file, &before, &["show", "jose"]).contains("a test favor"));
    // The user's file is only read when not in the demo.
    assert!(ok(&file, &["list"]).contains("Zaphod"));
}

#[test]
fn demo_leaves_no_user_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("never.ron");
    let out = ok(&file, &["--demo", "add", "Ford Prefect"]);
    assert!(out.starts_with('p'), "{out}");
    assert!(!file.exists(), "the user's book was created");
}

#[test]
fn kith_without_a_terminal_says_it_needs_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    for args in [&[][..], &["--demo"][..], &["review"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_kith"))
            .arg("--file")
            .arg(&file)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains("needs a terminal"), "{err}");
        assert!(err.contains("kith list"), "{err}");
        assert!(!err.contains("os error"), "{err}");
        assert!(!file.exists());
    }
}

#[test]
fn completions_and_man_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = ok(&file, &["completions", shell]);
        // The script asks kith itself, which knows the book.
        assert!(out.contains("kith"), "{shell}: {out}");
        assert!(out.contains("COMPLETE"), "{shell} calls back: {out}");
        let asked = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .env("COMPLETE", shell)
            .env("_CLAP_COMPLETE_INDEX", "1")
            .args(["--", "kith", "giv"])
            .output()
            .unwrap();
        let offered = String::from_utf8(asked.stdout).unwrap();
        assert!(
            offered.contains("give-take"),
            "{shell} completes subcommands: {offered}"
        );
    }
    let man = ok(&file, &["man"]);
    assert!(man.contains(".TH kith 1"), "a section-1 page");
    assert!(man.contains("completions"), "lists the subcommands");
    assert!(!file.exists(), "neither reads nor writes a book");
}

#[test]
fn help_lists_the_global_options_once_under_their_own_heading() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let help = ok(&file, &["add", "--help"]);
    assert_eq!(help.matches("--file").count(), 1, "{help}");
    let (own, global) = help.split_once("Global options:").expect(&help);
    assert!(own.contains("--org") && !own.contains("--demo"), "{help}");
    assert!(global.contains("--demo") && global.contains("--today"));
    let org = own.lines().find(|l| l.contains("--org")).unwrap();
    assert!(org.contains("Where they work"), "{org}");
}

/// The man page is a page: the grammar with examples, every key of every
/// table of the default keymap (the table the hint line and `?` read),
/// FILES, ENVIRONMENT, EXIT STATUS and EXAMPLES, and no pointer to
/// kith-add(1) pages that do not exist.
#[test]
fn the_man_page_has_the_grammar_every_key_and_the_sections() {
    use kith::tui::keys::keymap::{Keymap, Table};
    let dir = tempfile::tempdir().unwrap();
    let man = ok(&dir.path().join("kith.ron"), &["man"]);
    for section in [
        ".SH CAPTURE GRAMMAR",
        ".SH KEYS",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH EXIT STATUS",
        ".SH EXAMPLES",
    ] {
        assert!(man.contains(section), "{section}");
    }
    for var in ["KITH_FILE", "KITH_CONFIG", "NO_COLOR", "EDITOR"] {
        assert!(man.contains(&format!("\\fB{var}\\fR")), "{var}");
    }
    assert!(man.contains("@alice favor: reviewed her pitch deck \\-2d !+1w"));
    assert!(!man.contains("kith\\-add(1)") && !man.contains("kith-add(1)"));
    let roff = |s: &str| s.replace('\\', "\\e").replace('-', "\\-");
    let keymap = Keymap::default();
    for table in Table::ALL {
        for (keys, help) in keymap.help_rows(*table) {
            let row = format!(".TP\n\\fB{}\\fR\n{}\n", roff(&keys), roff(help));
            assert!(man.contains(&row), "{} {keys} {help}", table.title());
        }
    }
}
