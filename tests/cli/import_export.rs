//! The import and export commands of issue 18 through the real binary:
//! `kith import FILE` recognising the format, a wrong format named with the
//! right command, `--dry-run` listing names, merges and possible duplicates in
//! the report and in `kith check`, the vdir and Google CSV exports, and an
//! empty calendar refused.

use std::path::{Path, PathBuf};

use crate::common::cli::{kith, ok};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn import_without_a_format_and_a_wrong_format_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let out = ok(
        &file,
        &["import", s(&fixture("outlook_web.csv")), "--dry-run"],
    );
    assert!(out.contains("added 1"), "{out}");
    assert!(out.contains("\n  add Ana García (line 2)"), "{out}");
    assert!(!file.exists());
    let out = kith(
        &file,
        &["import", "google", s(&fixture("outlook_desktop.csv"))],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("use `kith import outlook FILE`"), "{err}");
    let out = kith(&file, &["import", s(&fixture("not_linkedin.csv"))]);
    assert_eq!(out.status.code(), Some(2));
    ok(&file, &["import", s(&fixture("vcards"))]);
    assert!(file.exists());
}

#[test]
fn same_names_are_kept_apart_and_shown_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let a = dir.path().join("a.vcf");
    std::fs::write(
        &a,
        "BEGIN:VCARD\r\nFN:John Smith\r\nEMAIL:john@acme.example\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nFN:John Smith\r\nEMAIL:js@home.example\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nFN:Smith, John\r\nEMAIL:JOHN@acme.example\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nFN:Johnny\r\nEMAIL:john@acme.example\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let out = ok(&file, &["import", "vcard", s(&a)]);
    assert!(out.starts_with("added 3,"), "{out}");
    assert!(out.contains("possible duplicate"), "{out}");
    assert!(
        out.contains("merged")
            && out.contains("“Smith, John” into John Smith")
            && out.contains("on e-mail JOHN@acme.example"),
        "{out}"
    );
    // A shared e-mail under another name is two people, flagged.
    assert!(
        out.contains(
            "“Johnny” of John Smith (line 1) (same e-mail john@acme.example, another name;"
        ),
        "{out}"
    );
    let out = kith(&file, &["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("possible duplicate: p") && err.contains(" “John Smith” and p"),
        "{err}"
    );
    assert!(
        err.contains("“Johnny” and p")
            && err.contains("“John Smith” share the e-mail john@acme.example; if they are one person: kith merge"),
        "{err}"
    );
}

#[test]
fn vdir_google_csv_markdown_and_an_empty_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    ok(
        &file,
        &["import", "outlook", s(&fixture("outlook_desktop.csv"))],
    );
    let vdir = dir.path().join("cards");
    let vdir_arg = format!("{}/", vdir.display());
    let out = kith(&file, &["export", "vcard", "--out", &vdir_arg]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_dir(&vdir).unwrap().count(),
        3,
        "2 cards and kith's .kith-state"
    );
    let again = ok(&file, &["import", s(&vdir)]);
    assert!(
        again.starts_with("added 0, updated 0, unchanged 2"),
        "{again}"
    );
    let google = ok(&file, &["export", "csv", "--google"]);
    assert!(
        google.starts_with("First Name,Middle Name,Last Name,"),
        "{google}"
    );
    let g = dir.path().join("g.csv");
    std::fs::write(&g, &google).unwrap();
    let other = dir.path().join("other.ron");
    let out = ok(&other, &["import", s(&g)]);
    assert!(out.starts_with("added 2,"), "read back as Google's: {out}");
    let md = ok(&file, &["export", "md"]);
    assert!(md.contains("> Met at the fair.\\\n> Prices in €."), "{md}");
    assert!(!md.contains("\\<"));
    let empty = dir.path().join("empty.ron");
    ok(&empty, &["add", "Ana"]);
    let out = kith(&empty, &["export", "ics"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to export"));
    assert!(out.stdout.is_empty());
}
