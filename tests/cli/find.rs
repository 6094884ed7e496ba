//! `kith find` through the real binary, on temp files.

use std::path::Path;

use crate::common::cli::{kith, ok};

fn book(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("kith.ron");
    ok(
        &file,
        &["add", "José García", "--org", "Acme", "--tag", "rust"],
    );
    ok(&file, &["add", "王芳", "--org", "华为"]);
    ok(
        &file,
        &["add", "Ana Lima", "--org", "Acme", "--need", "a designer"],
    );
    ok(&file, &["add", "Dan Brown", "--need", "a rust mentor"]);
    ok(&file, &["add", "Old Friend", "--org", "Acme"]);
    ok(&file, &["archive", "Old Friend"]);
    file
}

/// A person's id, as `show --json` gives it.
fn id_of(file: &Path, name: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(&ok(file, &["show", name, "--json"])).unwrap();
    v["id"].as_str().unwrap().to_string()
}

/// The name column of a `find` line (columns are padded and split by two spaces).
fn column_two(line: &str) -> &str {
    line.split("  ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .nth(1)
        .unwrap()
}

#[test]
fn find_prints_one_line_per_match_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let out = ok(&file, &["find", "jose"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].starts_with(&format!("{} ", id_of(&file, "José García"))),
        "{out}"
    );
    assert!(lines[0].contains("José García") && lines[0].contains("Acme"));
    assert!(lines[0].ends_with("name: José García"), "{out}");
    let out = ok(&file, &["find", "rust"]);
    let names: Vec<&str> = out.lines().map(column_two).collect();
    assert_eq!(
        names,
        vec!["José García", "Dan Brown"],
        "a tag beats a need"
    );
    assert!(out.lines().nth(1).unwrap().ends_with("need: a rust mentor"));
}

#[test]
fn find_exits_1_when_no_one_matches() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let out = kith(&file, &["find", "zzzz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no one matches"));
    let out = kith(&file, &["find", "zzzz", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

#[test]
fn find_json_has_id_name_org_score_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let out = ok(&file, &["find", "ana", "acme", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{out}");
    assert_eq!(rows[0]["id"], *id_of(&file, "Ana Lima"));
    assert_eq!(rows[0]["name"], "Ana Lima");
    assert_eq!(rows[0]["org"], "Acme");
    assert_eq!(rows[0]["field"], "org");
    assert!(rows[0]["score"].as_i64().unwrap() > 0);
    let out = ok(&file, &["find", "王", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["name"], "王芳");
    assert_eq!(v[0]["org"], "华为");
}

#[test]
fn find_leaves_archived_out_unless_asked_and_honours_limit() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    assert_eq!(
        kith(&file, &["find", "old", "friend"]).status.code(),
        Some(1)
    );
    let out = ok(&file, &["find", "old", "friend", "--archived"]);
    assert!(out.contains("Old Friend"));
    assert_eq!(ok(&file, &["find", "acme"]).lines().count(), 2);
    assert_eq!(
        ok(&file, &["find", "acme", "--archived"]).lines().count(),
        3
    );
    assert_eq!(
        ok(&file, &["find", "acme", "--limit", "1"]).lines().count(),
        1
    );
}

#[test]
fn find_needs_a_query_and_reports_an_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    assert_eq!(kith(&file, &["find"]).status.code(), Some(2));
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(version: 1, people: [ oops").unwrap();
    assert_eq!(kith(&bad, &["find", "ana"]).status.code(), Some(2));
}

#[test]
fn find_and_query_refuse_an_invalid_book_naming_file_line_and_column() {
    // A search reads only names when they fill its limit; the book is still
    // read and checked whole: a duplicate id or a misspelt field is refused
    // (exit 2, file:line:col) and the file is left as it was.
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().find(|l| l.contains("Dan Brown")).unwrap();
    let duplicate = text.replacen(line, &format!("{line}\n{line}"), 1);
    let misspelt = text.replacen("org: \"Acme\"", "orgg: \"Acme\"", 1);
    // Lines count from 1: the copy of Dan's line, the line of the misspelt org.
    let line_of = |bad: &str, what: &dyn Fn(&str) -> bool| 1 + bad.lines().position(what).unwrap();
    let dan = line_of(&duplicate, &|l| l == line);
    let typo = line_of(&misspelt, &|l| l.contains("orgg"));
    for (name, bad, line_no, says) in [
        ("dup.ron", &duplicate, dan + 1, "duplicate person id"),
        ("typo.ron", &misspelt, typo, "unknown field 'orgg'"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bad).unwrap();
        for command in ["find", "query"] {
            let out = kith(&path, &[command, "dan"]);
            assert_eq!(out.status.code(), Some(2), "{command} {name}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains(&format!("{name}:{line_no}:")) && err.contains(says),
                "{command} {name}: {err}"
            );
            assert!(out.stdout.is_empty(), "{command} {name} printed");
            assert_eq!(&std::fs::read_to_string(&path).unwrap(), bad);
        }
    }
}

/// A book for `kith query`: people with addresses, one without, one archived.
fn address_book(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("kith.ron");
    ok(
        &file,
        &[
            "add",
            "Ana Lima",
            "--org",
            "Acme",
            "--email",
            "ana@acme.test",
            "--email",
            "ana@home.test",
        ],
    );
    ok(&file, &["add", "Anabel Ruiz", "--email", "anabel@x.test"]);
    ok(&file, &["add", "Ana Nomail", "--org", "Acme"]);
    ok(&file, &["add", "Ana Old", "--email", "old@x.test"]);
    ok(&file, &["archive", "Ana Old"]);
    file
}

#[test]
fn query_prints_the_mail_clients_format_one_address_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = address_book(dir.path());
    let out = ok(&file, &["query", "ana"]);
    let lines: Vec<&str> = out.lines().collect();
    // mutt skips the first line: a message, never an address.
    assert_eq!(lines[0], "kith: 3 addresses of 2 people match \"ana\"");
    assert_eq!(
        &lines[1..],
        [
            "ana@acme.test\tAna Lima\tAcme",
            "ana@home.test\tAna Lima\tAcme",
            "anabel@x.test\tAnabel Ruiz\t",
        ],
        "{out}"
    );
    // By address or organisation too; archived people only when asked.
    let out = ok(&file, &["query", "--no-header", "anabel@x"]);
    assert_eq!(out, "anabel@x.test\tAnabel Ruiz\t\n");
    let out = ok(&file, &["query", "--no-header", "--archived", "old"]);
    assert_eq!(out, "old@x.test\tAna Old\t\n");
}

#[test]
fn query_with_no_address_to_give_says_so_on_the_first_line_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = address_book(dir.path());
    for query in ["nomail", "zzzz"] {
        let out = kith(&file, &["query", query]);
        assert_eq!(out.status.code(), Some(1), "{query}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            stdout,
            format!("kith: no one with an address matches \"{query}\"\n")
        );
    }
}

#[test]
fn query_fields_never_carry_a_tab_a_line_break_or_a_control_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    ok(
        &file,
        &[
            "add",
            "Eve\tTab \u{1b}[31mRed",
            "--org",
            "Line\nBreak",
            "--email",
            "eve@x.test",
        ],
    );
    let out = ok(&file, &["query", "--no-header", "eve"]);
    assert_eq!(out.lines().count(), 1, "{out:?}");
    let fields: Vec<&str> = out.trim_end_matches('\n').split('\t').collect();
    assert_eq!(fields.len(), 3, "{out:?}");
    assert_eq!(fields[0], "eve@x.test");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(fields[1].starts_with("Eve Tab "), "{out:?}");
    assert_eq!(fields[2], "Line Break");
}

#[test]
fn a_book_kith_wrote_finds_the_same_read_by_names_as_read_whole() {
    // A book kith last wrote (its lock file records what it wrote) is read
    // for a names search with only the people whose names may match; any
    // other is read whole. Both find the same, and print the same.
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let lock = dir.path().join(".kith.ron.kith-lock");
    let record = std::fs::read_to_string(&lock).unwrap();
    assert!(record.contains("checked "), "{record}");
    let searches: [&[&str]; 9] = [
        &["jose"],
        &["acme"],
        &["acme", "--archived"],
        &["old", "--archived"],
        &["a", "--limit", "2"],
        &["王"],
        &["designer"],
        &["an", "li"],
        &["zz"],
    ];
    let run = || -> Vec<(Option<i32>, String)> {
        let mut outs = Vec::new();
        for words in searches {
            for (command, flag) in [("find", "--json"), ("query", "--no-header")] {
                let out = kith(&file, &[&[command, flag], words].concat());
                outs.push((out.status.code(), String::from_utf8(out.stdout).unwrap()));
            }
        }
        outs
    };
    let by_names = run();
    assert!(by_names[0].1.contains("José García"), "{by_names:?}");
    // Without the record, the same book is read whole.
    let without: String = record
        .lines()
        .filter(|l| !l.starts_with("checked "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&lock, without).unwrap();
    assert_eq!(run(), by_names);
    // Edited by hand behind kith's back (the record kept): read whole, and
    // refused as an invalid book.
    std::fs::write(&lock, &record).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("org: \"Acme\"", "orgg: \"Acme\"", 1)).unwrap();
    let out = kith(&file, &["find", "jose"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field 'orgg'"));
}
