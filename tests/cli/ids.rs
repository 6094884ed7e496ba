//! Ids that never collide across machines, through the real binary: an old
//! book keeps its numbers, new records take drawn codes, and everything that
//! takes an id takes both.

use std::process::Command;

use crate::common::cli::{kith, ok};

const OLD_BOOK: &str = "(\n  version: 1,\n  next_person_id: 3,\n  next_entry_id: 2,\n  people: [\n    (id: 1, name: \"Ana\"),\n    (id: 2, name: \"Bo\", met: (introduced_by: 1)),\n  ],\n  entries: [\n    (id: 1, date: \"2026-11-20\", people: [1, 2], kind: \"coffee\", summary: \"hello\"),\n  ],\n)\n";

#[test]
fn an_old_book_keeps_its_numbers_and_new_records_take_codes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    std::fs::write(&file, OLD_BOOK).unwrap();
    let cy = ok(&file, &["add", "Cy"]).trim().to_string();
    let code = kith::model::PersonId::parse(&cy).unwrap();
    assert!(code.is_code(), "{cy}");
    assert_eq!(cy.len(), 9, "p and eight characters: {cy}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("version: 3,"), "migrated: {text}");
    assert!(text.contains("(id: 1, name: \"Ana\")"), "{text}");
    assert!(
        text.contains("(id: 2, name: \"Bo\", met: (introduced_by: 1))"),
        "{text}"
    );
    assert!(
        text.contains(&format!("(id: \"{}\", name: \"Cy\")", &cy[1..])),
        "a code is a string in the file: {text}"
    );
    assert!(text.contains("people: [1, 2]"), "{text}");

    // Every way of naming someone takes both forms.
    assert!(ok(&file, &["show", "p1"]).contains("Ana"));
    assert!(ok(&file, &["show", &cy]).contains("Cy"));
    assert!(ok(&file, &["show", &cy.to_uppercase()]).contains("Cy"));
    assert!(ok(&file, &["show", &cy[1..]]).contains("Cy"));
    let logged = ok(&file, &["log", &format!("@{cy} @p2 call: catch-up")]);
    let entry = logged.split_whitespace().next().unwrap();
    assert!(
        kith::model::EntryId::parse(entry).is_some_and(|e| e.is_code()),
        "{logged}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&file, &["show", &cy, "--json"])).unwrap();
    assert_eq!(json["id"], *cy);
    assert_eq!(json["entries"][0]["id"], *entry);
    let check = ok(&file, &["check"]);
    assert!(check.contains("ok — 3 people"), "{check}");
}

#[test]
fn two_copies_adding_offline_draw_different_ids() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    std::fs::write(&a, OLD_BOOK).unwrap();
    let b = dir.path().join("b.ron");
    std::fs::write(&b, OLD_BOOK).unwrap();
    // Two machines: no seed, so each process draws with its own random salt.
    let add = |file: &std::path::Path, name: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_kith"))
            .arg("--file")
            .arg(file)
            .args(["--config", "/nonexistent/kith-test-config.ron", "add", name])
            .env_remove("KITH_ID_SEED")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let from_a: Vec<String> = (0..20).map(|i| add(&a, &format!("A{i}"))).collect();
    let from_b: Vec<String> = (0..20).map(|i| add(&b, &format!("B{i}"))).collect();
    assert!(
        from_a.iter().all(|id| !from_b.contains(id)),
        "{from_a:?} {from_b:?}"
    );
}

#[test]
fn a_bad_seed_and_a_malformed_code_are_refused_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    std::fs::write(
        &file,
        OLD_BOOK.replace("(id: 1, name", "(id: \"k7f3\", name"),
    )
    .unwrap();
    let out = kith(&file, &["list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("kith.ron:6:"), "{err}");
    assert!(err.contains("eight-character code"), "{err}");

    let out = Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("--file")
        .arg(&file)
        .arg("list")
        .env("KITH_ID_SEED", "soon")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("KITH_ID_SEED=soon"));
}
