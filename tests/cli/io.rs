//! `kith import` and `kith export` on temp files, through the real binary.

use std::path::{Path, PathBuf};

use kith::store::Store;

use crate::common::cli::{kith, ok};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn people(file: &Path) -> Vec<kith::model::Person> {
    Store::open(file, "2026-11-26".parse().unwrap())
        .unwrap()
        .1
        .people
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn import_reports_and_reimport_adds_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let csv = fixture("linkedin_connections.csv");
    let out = ok(&file, &["import", "linkedin", path_str(&csv)]);
    assert!(
        out.starts_with("added 5, updated 0, unchanged 0, skipped 2 (1 duplicate rows merged)"),
        "{out}"
    );
    assert!(out.contains("skipped line 10: no name"), "{out}");
    assert!(out.contains("note line 12:"), "{out}");
    assert_eq!(people(&file).len(), 5);
    assert!(people(&file).iter().all(|p| p.tags == ["linkedin"]));
    let out = ok(&file, &["import", "linkedin", path_str(&csv)]);
    assert!(out.starts_with("added 0, updated 0, unchanged 5"), "{out}");
    assert_eq!(people(&file).len(), 5);
}

#[test]
fn dry_run_writes_nothing_and_tag_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let vcf = fixture("contacts.vcf");
    let out = ok(&file, &["import", "vcard", path_str(&vcf), "--dry-run"]);
    assert!(
        out.starts_with("dry run, nothing written: added 4"),
        "{out}"
    );
    assert!(!file.exists());
    ok(
        &file,
        &[
            "import",
            "vcard",
            path_str(&fixture("vcards")),
            "--tag",
            "phone",
        ],
    );
    let mut names: Vec<String> = people(&file).into_iter().map(|p| p.name).collect();
    names.sort();
    assert_eq!(names, ["Folder One", "Folder Three", "Folder Two"]);
    assert!(people(&file).iter().all(|p| p.tags == ["phone"]));
}

#[test]
fn a_file_that_is_not_the_format_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let out = kith(
        &file,
        &["import", "linkedin", path_str(&fixture("not_linkedin.csv"))],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not_linkedin.csv: not a LinkedIn Connections.csv"),
        "{err}"
    );
    assert!(!file.exists());
    let out = kith(&file, &["import", "google", "/nonexistent/contacts.csv"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn exports_go_to_stdout_or_atomically_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    ok(
        &file,
        &["import", "google", path_str(&fixture("google_current.csv"))],
    );
    let vcf = ok(&file, &["export", "vcard"]);
    assert_eq!(vcf.matches("BEGIN:VCARD").count(), 4);
    let csv = ok(&file, &["export", "csv"]);
    let rows = csv::Reader::from_reader(csv.as_bytes()).records().count();
    assert_eq!(rows, 4, "{csv}");
    let md = ok(&file, &["export", "md"]);
    assert!(md.contains("## Ana García"), "{md}");
    let out = dir.path().join("kith.ics");
    let stdout = ok(&file, &["export", "ics", "--out", path_str(&out)]);
    assert!(stdout.is_empty());
    let ics = std::fs::read_to_string(&out).unwrap();
    assert!(
        ics.contains("-birthday@kith\r\nDTSTAMP:20261126T000000Z\r\n"),
        "{ics}"
    );
    let mut leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    leftovers.sort();
    assert_eq!(
        leftovers,
        [
            ".kith.ron.kith-lock",
            ".kith.ron.kith-undo",
            "kith.ics",
            "kith.ron"
        ],
        "the book, its lock, what kith undo takes back and the export; no temp files"
    );
    // The vCard export imports back into a fresh book as the same people.
    let vcf_path = dir.path().join("all.vcf");
    ok(&file, &["export", "vcard", "--out", path_str(&vcf_path)]);
    let other = dir.path().join("other.ron");
    let out = ok(&other, &["import", "vcard", path_str(&vcf_path)]);
    assert!(out.starts_with("added 4,"), "{out}");
}
