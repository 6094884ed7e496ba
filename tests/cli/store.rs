//! What the CLI says about a book it cannot or will not use: missing, broken,
//! invalid, unreadable — through the real binary.

use std::fs;

use crate::common::cli::kith;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn check_on_a_missing_book_says_there_is_none_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let out = kith(&file, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("no book at"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(!file.exists());
}

#[test]
fn reading_a_book_in_a_directory_that_does_not_exist_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nonexistent/dir/x.ron");
    let out = kith(&file, &["list"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no book at") && stderr(&out).contains("does not exist"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("nonexistent").exists());
}

#[test]
fn check_reports_every_problem_with_its_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let text = "(\n  version: 1,\n  people: [\n    (id: 1, name: \"Ana\"),\n    (id: 1, name: \"Bo\"),\n  ],\n  entries: [\n    (id: 1, date: \"2026-11-01\", people: [9], kind: \"call\", summary: \"x\"),\n  ],\n)\n";
    fs::write(&file, text).unwrap();
    let out = kith(&file, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("kith.ron:5:5: duplicate person id 1"), "{err}");
    assert!(err.contains("kith.ron:8:5: entry e1 names p9"), "{err}");
    let out = kith(&file, &["add", "Cy"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&file).unwrap(), text, "never written");
}

#[test]
fn an_unknown_field_is_an_error_that_suggests_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let text =
        "(\n  version: 1,\n  people: [\n    (id: 1, name: \"Ana\", phone: [\"1\"]),\n  ],\n)\n";
    fs::write(&file, text).unwrap();
    for args in [&["check"][..], &["add", "Bo"][..]] {
        let out = kith(&file, args);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains(
                "kith.ron:4:26: unknown field 'phone' in a person — did you mean 'phones'?"
            ),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn a_comment_is_warned_about_by_check_and_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let text = "(\n  version: 1,\n  // Ana: call back in spring\n  people: [\n    (id: 1, name: \"Ana\"),\n  ],\n)\n";
    fs::write(&file, text).unwrap();
    for args in [&["check"][..], &["list"][..]] {
        let out = kith(&file, args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("kith.ron:3:3: a comment, which the next save will not keep"),
            "{}",
            stderr(&out)
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_io_error_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    fs::create_dir(&file).unwrap(); // reading a directory fails
    let out = kith(&file, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.matches("Is a directory").count(), 1, "{err}");
}
