//! `kith sync`, as a Syncthing user meets it: the book edited on this
//! machine, a conflict copy beside it edited by kith on another, both kept.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::cli::{kith, ok};

const COPY: &str = "kith.sync-conflict-20261201-101500-ABCDEF7.ron";

/// kith as another machine runs it: its own random ids.
fn elsewhere(file: &Path, args: &[&str]) -> String {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("--file")
        .arg(file)
        .args(["--today", "2026-11-26"])
        .args(["--config", "/nonexistent/kith-test-config.ron"])
        .args(args)
        .env_remove("KITH_ID_SEED")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn book(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("kith.ron");
    ok(
        &file,
        &["add", "Ana García", "--org", "Acme", "--tag", "design"],
    );
    ok(&file, &["add", "Bo Chen"]);
    ok(&file, &["log", "@ana coffee: hello -3d"]);
    file
}

fn show(file: &Path, who: &str) -> serde_json::Value {
    serde_json::from_str(&ok(file, &["show", who, "--json"])).unwrap()
}

fn names(file: &Path) -> Vec<String> {
    let list: serde_json::Value =
        serde_json::from_str(&ok(file, &["list", "--json", "--archived"])).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_conflict_copy_edited_elsewhere_is_merged_and_put_away() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let copy = dir.path().join(COPY);
    std::fs::copy(&file, &copy).unwrap();
    // The other machine: a new person, an entry, a tag and a new org for Ana.
    elsewhere(&copy, &["add", "Cy Okafor", "--need", "a designer"]);
    elsewhere(&copy, &["log", "@bo favor: reviewed his deck -1d"]);
    elsewhere(&copy, &["edit", "ana", "--tag", "+rust", "--org", "Globex"]);
    // This machine, meanwhile: another new person, an entry, Ana's title and org.
    ok(&file, &["add", "Di Rossi"]);
    ok(&file, &["log", "@ana @di intro: to Di -1d"]);
    ok(
        &file,
        &["edit", "ana", "--title", "CTO", "--org", "Initech"],
    );

    // Every other command says the copy is there.
    let out = kith(&file, &["list"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("conflict copy") && err.contains(COPY), "{err}");
    assert!(err.contains("kith sync"), "{err}");

    let before_copy = std::fs::read(&copy).unwrap();
    let out = kith(&file, &["sync"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("merged") && said.contains(COPY), "{said}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("run `kith sync`"),
        "sync does not tell the user to run sync"
    );

    // Both sides' people, entries and fields are in the book.
    let mut all = names(&file);
    all.sort();
    assert_eq!(all, ["Ana García", "Bo Chen", "Cy Okafor", "Di Rossi"]);
    let ana: serde_json::Value =
        serde_json::from_str(&ok(&file, &["show", "ana", "--json"])).unwrap();
    let tags: Vec<&str> = ana["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(
        tags.contains(&"design") && tags.contains(&"rust"),
        "{tags:?}"
    );
    assert_eq!(ana["title"], "CTO");
    let org = ana["org"].as_str().unwrap();
    let notes = ana["notes"].as_str().unwrap_or_default();
    let other = if org == "Globex" { "Initech" } else { "Globex" };
    assert!(
        notes.contains(&format!("kith merge: org on the other copy: {other}")),
        "the losing org stays visible: org {org}, notes {notes:?}"
    );
    let kinds: Vec<String> = ana["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(kinds.contains(&"intro".to_string()), "{kinds:?}");
    let bo: serde_json::Value =
        serde_json::from_str(&ok(&file, &["show", "bo", "--json"])).unwrap();
    assert_eq!(bo["entries"][0]["kind"], "favor");
    assert!(ok(&file, &["check"]).contains("ok — 4 people"));

    // The clash is in the next review.
    let review = ok(&file, &["review", "--print", "--all"]);
    assert!(review.contains("the copies disagreed"), "{review}");

    // The copy is put away, never deleted, and the warning is gone.
    assert!(!copy.exists());
    let kept = dir.path().join(".kith.ron.kith-merged").join(COPY);
    assert_eq!(std::fs::read(&kept).unwrap(), before_copy);
    let out = kith(&file, &["list"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = ok(&file, &["sync"]);
    assert!(again.contains("nothing to merge"), "{again}");
}

#[test]
fn a_copy_that_does_not_parse_is_named_and_left_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let good = dir
        .path()
        .join("kith (Ana's conflicted copy 2026-12-01).ron");
    std::fs::copy(&file, &good).unwrap();
    elsewhere(&good, &["add", "Eve"]);
    let bad = dir.path().join(COPY);
    std::fs::write(
        &bad,
        "(\n  version: 2,\n  people: [\n    (id: 1 name: \"x\"),\n  ],\n)\n",
    )
    .unwrap();
    let out = kith(&file, &["sync"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{COPY}:4:")), "{err}");
    assert!(bad.exists(), "left where it is");
    assert!(!good.exists(), "the readable copy was merged and put away");
    assert!(names(&file).contains(&"Eve".to_string()));
}

/// What only one machine changed is taken as it is — a removal too — with
/// nothing to settle: each save keeps, in the book, what the records it
/// changed were before, so kith tells an older copy from a change.
#[test]
fn changes_made_on_one_side_only_merge_cleanly_with_nothing_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    ok(
        &file,
        &["add", "Ana García", "--org", "Acme", "--tag", "design"],
    );
    ok(
        &file,
        &["add", "Bo Chen", "--org", "Umbrella", "--title", "CTO"],
    );
    let copy = dir.path().join(COPY);
    std::fs::copy(&file, &copy).unwrap();
    // The other machine: Bo moves on (a new org, then no title).
    elsewhere(&copy, &["edit", "bo", "--org", "Globex"]);
    elsewhere(&copy, &["edit", "bo", "--title", ""]);
    // This machine: Ana's tag removed and her org changed.
    ok(
        &file,
        &["edit", "ana", "--tag", "-design", "--org", "Initech"],
    );

    let said = ok(&file, &["sync"]);
    assert!(!said.contains("clash"), "{said}");
    let (ana, bo) = (show(&file, "ana"), show(&file, "bo"));
    assert_eq!(ana["org"], "Initech");
    assert_eq!(ana["tags"], serde_json::json!([]), "the removal stays");
    assert_eq!(bo["org"], "Globex");
    assert!(bo["title"].is_null(), "{bo}");
    for p in [&ana, &bo] {
        let notes = p["notes"].as_str().unwrap_or_default();
        assert!(!notes.contains("kith merge:"), "{notes:?}");
    }
    let review = ok(&file, &["review", "--print", "--all"]);
    assert!(!review.contains("the copies disagreed"), "{review}");

    // The book carries Bo's history from the copy on, so an even older copy
    // of Bo from elsewhere is known as older too.
    let read = |path: &Path| {
        let bytes = std::fs::read(path).unwrap();
        kith::store::load_book(path, &bytes).unwrap().book
    };
    let (book, put_away) = (
        read(&file),
        read(&dir.path().join(".kith.ron.kith-merged").join(COPY)),
    );
    let bo_id = book.people.iter().find(|p| p.name == "Bo Chen").unwrap().id;
    let carried = &book.lineage.people[&bo_id];
    for rev in &put_away.lineage.people[&bo_id] {
        assert!(carried.contains(rev), "{rev:?} not in {carried:?}");
    }
}

/// A person both machines changed is merged against the version both
/// started from, found in this machine's backups by its fingerprint: a tag
/// removed here stays removed, a title set there is taken, and only the
/// field both set differently is flagged.
#[test]
fn a_record_both_changed_merges_against_the_version_both_started_from() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    ok(
        &file,
        &[
            "add",
            "Chloé Martin",
            "--org",
            "Acme",
            "--tag",
            "design",
            "--tag",
            "rust",
        ],
    );
    let copy = dir.path().join(COPY);
    std::fs::copy(&file, &copy).unwrap();
    elsewhere(
        &copy,
        &[
            "edit",
            "chloe",
            "--title",
            "Head of Science",
            "--org",
            "Globex",
        ],
    );
    ok(
        &file,
        &["edit", "chloe", "--tag", "-design", "--org", "Initech"],
    );

    ok(&file, &["sync"]);
    let chloe = show(&file, "chloe");
    assert_eq!(
        chloe["tags"],
        serde_json::json!(["rust"]),
        "the removal stays"
    );
    assert_eq!(chloe["title"], "Head of Science");
    let notes = chloe["notes"].as_str().unwrap_or_default();
    let org = chloe["org"].as_str().unwrap();
    let other = if org == "Globex" { "Initech" } else { "Globex" };
    assert_eq!(
        notes,
        format!("kith merge: org on the other copy: {other}"),
        "only the org clashes"
    );
}

/// The id `who` has in `file`.
fn id(file: &Path, who: &str) -> String {
    show(file, who)["id"].as_str().unwrap().to_string()
}

/// Merged on one copy, edited on the other: one person, the edit on them,
/// whichever copy is the book.
#[test]
fn a_person_merged_on_one_copy_and_edited_on_the_other_is_one_person() {
    for merged_here in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let file = book(dir.path());
        ok(&file, &["edit", "bo", "--notes", "met at RustConf"]);
        ok(&file, &["log", "@bo call: catch-up -2d"]);
        let copy = dir.path().join(COPY);
        std::fs::copy(&file, &copy).unwrap();
        let (merging, editing) = if merged_here {
            (&file, &copy)
        } else {
            (&copy, &file)
        };
        elsewhere(merging, &["merge", "bo", "ana"]);
        elsewhere(editing, &["edit", "bo", "--notes", "met at RustConf\nx"]);
        let said = ok(&file, &["sync"]);
        assert!(!said.contains("re-numbered"), "{said}");
        assert_eq!(names(&file), ["Ana García"], "merged_here {merged_here}");
        let ana = show(&file, "ana");
        assert_eq!(ana["notes"], "met at RustConf\nx", "{ana}");
        assert_eq!(ana["entries"].as_array().unwrap().len(), 2, "{ana}");
        assert!(ok(&file, &["check"]).contains("ok — 1 person"));
    }
}

/// One person merged into a different person on each copy: one merge is
/// kept (the same whichever copy is the book), their entries name that
/// person alone, and the notes of both say what was decided.
#[test]
fn a_person_merged_into_different_people_on_two_copies_is_one_person() {
    let mut outcomes = Vec::new();
    for merged_into_ana_here in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let file = book(dir.path());
        ok(&file, &["add", "Cy Okafor"]);
        ok(&file, &["log", "@bo @cy favor: lunch -2d"]);
        ok(&file, &["log", "@bo call: catch-up -1d"]);
        let (ana, cy) = (id(&file, "ana"), id(&file, "cy"));
        let copy = dir.path().join(COPY);
        std::fs::copy(&file, &copy).unwrap();
        let (one, other) = if merged_into_ana_here {
            (&file, &copy)
        } else {
            (&copy, &file)
        };
        elsewhere(one, &["merge", "bo", "ana"]);
        elsewhere(other, &["merge", "bo", "cy"]);
        let said = ok(&file, &["sync"]);
        assert!(!said.contains("re-numbered"), "{said}");
        assert!(said.contains("merged into different people"), "{said}");
        let mut all = names(&file);
        all.sort();
        assert_eq!(all, ["Ana García", "Cy Okafor"]);
        let book = read(&file);
        assert_eq!(book.entries.len(), 3, "entries intact");
        let named = |summary: &str| -> Vec<String> {
            let e = book.entries.iter().find(|e| e.summary == summary).unwrap();
            e.people.iter().map(ToString::to_string).collect()
        };
        // Bo is one person now: Ana or Cy, the same on both machines.
        let catch_up = named("catch-up");
        assert!(
            catch_up == [ana.clone()] || catch_up == [cy.clone()],
            "{catch_up:?}"
        );
        let kept = catch_up[0].clone();
        let mut lunch = named("lunch");
        lunch.sort();
        let mut expected = vec![kept.clone(), cy.clone()];
        expected.sort();
        expected.dedup();
        assert_eq!(lunch, expected, "lunch names Bo's person and Cy, once each");
        let review = ok(&file, &["review", "--print", "--all"]);
        assert!(review.contains("one copy merged Bo Chen"), "{review}");
        outcomes.push(kept);
    }
    assert_eq!(
        outcomes[0], outcomes[1],
        "decided alike whichever copy is the book"
    );
}

fn read(path: &Path) -> kith::model::Book {
    let bytes = std::fs::read(path).unwrap();
    kith::store::load_book(path, &bytes).unwrap().book
}
