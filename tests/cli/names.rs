//! One name resolver: the same text names the same person, or the same
//! ambiguity, or the same did-you-mean, in `kith show`, in a capture's
//! `@name` (`kith log`) and in name completion (`COMPLETE=fish kith`).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::common::cli::{kith, ok};

const PEOPLE: [&str; 7] = [
    "Ana María Pérez",
    "Hana Kim",
    "Alice García",
    "Søren Madsen",
    "Anabel Ruiz",
    "Dana Scully",
    "Dana White",
];

/// What a query found: one person, several, or nobody and whom it meant.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    One(String),
    Many(BTreeSet<String>),
    Nobody(BTreeSet<String>),
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|n| n.to_string()).collect()
}

/// Every name of the book that `text` mentions.
fn named_in(text: &str) -> BTreeSet<String> {
    PEOPLE
        .iter()
        .filter(|n| text.contains(*n))
        .map(|n| n.to_string())
        .collect()
}

fn by_show(file: &Path, q: &str) -> Found {
    let out = kith(file, &["show", q]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    if out.status.success() {
        let first = stdout.lines().next().unwrap();
        return Found::One(named_in(first).into_iter().next().expect(first));
    }
    assert_eq!(out.status.code(), Some(2), "{err}");
    if err.contains("nobody called") {
        Found::Nobody(named_in(&err))
    } else {
        assert!(err.contains("could be"), "{err}");
        Found::Many(named_in(&err))
    }
}

fn by_log(file: &Path, q: &str) -> Found {
    let before = std::fs::read(file).unwrap();
    // A name of two words is written as the grammar takes it: `@"ana maria"`.
    let mention = match q.contains(' ') {
        true => format!("@\"{q}\""),
        false => format!("@{q}"),
    };
    let out = kith(file, &["log", &mention, "coffee:"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    if out.status.success() {
        // Taken back, so the book stays as it was for the next query.
        ok(file, &["undo", "--yes"]);
        return Found::One(named_in(&stdout).into_iter().next().expect(&stdout));
    }
    assert_eq!(std::fs::read(file).unwrap(), before);
    if err.contains("nobody called") {
        Found::Nobody(named_in(&err))
    } else {
        assert!(err.contains("could be"), "{err}");
        Found::Many(named_in(&err))
    }
}

/// What fish would offer for `kith show --file FILE q<Tab>`.
fn completed(file: &Path, words: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_kith"))
        .env("COMPLETE", "fish")
        .env_remove("KITH_FILE")
        .args(["--", "kith", words[0], "--file"])
        .arg(file)
        .args(&words[1..])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Completion's words are names; which of the three it is follows from what
/// the command would say, so it is compared on the names it offers.
fn by_completion(file: &Path, q: &str) -> BTreeSet<String> {
    completed(file, &["show", q]).into_iter().collect()
}

fn book(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("kith.ron");
    for n in PEOPLE {
        ok(&file, &["add", n]);
    }
    file
}

#[test]
fn the_same_text_finds_the_same_people_in_show_log_and_completion() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let one = |n: &str| Found::One(n.to_string());
    let table = [
        // A first name beats a word that merely holds it ("H-ana").
        ("ana", one("Ana María Pérez")),
        ("ana maria", one("Ana María Pérez")),
        (
            "an",
            Found::Many(names(&["Ana María Pérez", "Anabel Ruiz"])),
        ),
        ("dana", Found::Many(names(&["Dana Scully", "Dana White"]))),
        ("garc", one("Alice García")),
        ("soren", one("Søren Madsen")),
        ("agar", one("Alice García")),
        // Letters inside a word find nobody, and say whom they probably meant.
        ("lice", Found::Nobody(names(&["Alice García"]))),
        ("sorne", Found::Nobody(names(&["Søren Madsen"]))),
        ("zed", Found::Nobody(names(&[]))),
    ];
    for (q, want) in table {
        assert_eq!(by_show(&file, q), want, "kith show {q}");
        assert_eq!(by_log(&file, q), want, "kith log @{q}");
        let offered = by_completion(&file, q);
        let want_offered = match &want {
            Found::One(n) => names(&[n]),
            Found::Many(all) | Found::Nobody(all) => all.clone(),
        };
        assert_eq!(offered, want_offered, "kith show {q}<Tab>");
    }
}

#[test]
fn completion_offers_mentions_kinds_and_tags_from_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    ok(&file, &["edit", "alice", "--tag", "+climbing"]);
    assert_eq!(
        completed(&file, &["log", "@an"]),
        ["@\"Ana María Pérez\"", "@\"Anabel Ruiz\""]
    );
    assert_eq!(completed(&file, &["log", "@ana", "fa"]), ["favor:"]);
    assert_eq!(
        completed(&file, &["log", "@ana", "<co"]),
        ["<coffee:", "<collab:"]
    );
    assert_eq!(
        completed(&file, &["edit", "alice", "--tag", "-cl"]),
        ["-climbing"]
    );
    let all: Vec<String> = completed(&file, &["show", ""])
        .into_iter()
        .filter(|w| !w.starts_with("--"))
        .collect();
    assert_eq!(
        all.len(),
        PEOPLE.len(),
        "everyone, then the options: {all:?}"
    );
}

#[test]
fn import_completes_formats_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    std::fs::write(dir.path().join("contacts.vcf"), "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kith"))
        .current_dir(dir.path())
        .env("COMPLETE", "fish")
        .args(["--", "kith", "import", "--file"])
        .arg(&file)
        .arg("c")
        .output()
        .unwrap();
    let offered: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(offered, ["csv", "contacts.vcf"]);
}
