//! `kith merge-books BASE OURS THEIRS`, git's merge driver, through the real
//! binary: a clean merge, broken inputs, an empty base, git's temp files, and
//! a real `git merge` with the driver installed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::cli::ok;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `kith merge-books ARGS…` with `KITH_FILE` pointing at a book that
/// must not matter (and must not be created).
fn merge_books(dir: &Path, args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("merge-books")
        .args(args)
        .env("KITH_FILE", dir.join("not-this-one.ron"))
        .env("KITH_CONFIG", "/nonexistent/kith-test-config.ron")
        .output()
        .expect("kith runs")
}

/// base: Ana (p1) and Bo (p2), an entry with Ana; ours and theirs copies.
fn three(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let base = dir.join("base.ron");
    ok(&base, &["add", "Ana García", "--org", "Acme"]);
    ok(&base, &["add", "Bo Chen"]);
    ok(&base, &["log", "@ana coffee: catch-up"]);
    let (ours, theirs) = (dir.join("ours.ron"), dir.join("theirs.ron"));
    fs::copy(&base, &ours).unwrap();
    fs::copy(&base, &theirs).unwrap();
    (base, ours, theirs)
}

fn people_of(file: &Path) -> String {
    ok(file, &["list", "--archived"])
}

#[test]
fn a_clean_merge_takes_both_sides_and_writes_a_valid_ours() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs) = three(dir.path());
    ok(&ours, &["add", "Cy Diaz"]);
    ok(&ours, &["edit", "ana", "--title", "CTO"]);
    ok(&theirs, &["add", "Dee Evans"]);
    ok(&theirs, &["log", "@bo favor: reviewed his deck"]);
    ok(&theirs, &["edit", "ana", "--tag", "+climate"]);
    let out = merge_books(dir.path(), &[&base, &ours, &theirs]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.starts_with("kith: merged "), "{said}");
    assert!(said.contains("from the other side"), "{said}");
    assert!(out.stdout.is_empty());
    let list = people_of(&ours);
    for name in ["Ana García", "Bo Chen", "Cy Diaz", "Dee Evans"] {
        assert!(list.contains(name), "{name} missing: {list}");
    }
    let ana = ok(&ours, &["show", "ana"]);
    assert!(ana.contains("CTO") && ana.contains("climate"), "{ana}");
    assert!(ok(&ours, &["show", "bo"]).contains("reviewed his deck"));
    let check = ok(&ours, &["check"]);
    assert!(check.contains("ok — 4 people"), "{check}");
    assert!(!dir.path().join("not-this-one.ron").exists());
}

#[test]
fn a_broken_copy_is_an_error_with_its_position_and_ours_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs) = three(dir.path());
    ok(&ours, &["add", "Cy Diaz"]);
    let before = fs::read(&ours).unwrap();
    fs::write(
        &theirs,
        "(\n  version: 1,\n  people: [ (id: 1 name: \"x\") ],\n)\n",
    )
    .unwrap();
    let out = merge_books(dir.path(), &[&base, &ours, &theirs]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let said = stderr(&out);
    let at = format!("{}:3:", theirs.display());
    assert!(said.contains(&at), "no {at} in: {said}");
    assert_eq!(fs::read(&ours).unwrap(), before, "ours untouched");
    // A broken base (or ours) likewise.
    fs::write(&base, "(version: 1, people: [,])").unwrap();
    let out = merge_books(dir.path(), &[&base, &ours, &ours]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{}:1:", base.display())));
    assert_eq!(fs::read(&ours).unwrap(), before);
}

#[test]
fn a_copy_that_is_not_there_is_bad_input_named_and_ours_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, _) = three(dir.path());
    let before = fs::read(&ours).unwrap();
    let typo = dir.path().join("theirs-typo.ron");
    let out = merge_books(dir.path(), &[&base, &ours, &typo]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains(&format!("{}: no such file", typo.display())),
        "{said}"
    );
    assert_eq!(fs::read(&ours).unwrap(), before, "ours untouched");
}

#[test]
fn a_base_that_cannot_be_read_is_an_error_not_an_empty_book() {
    // Only a file of whitespace is git's empty base: a folder where the base
    // should be reads as nothing at all, and is refused.
    let dir = tempfile::tempdir().unwrap();
    let (_, ours, theirs) = three(dir.path());
    let before = fs::read(&ours).unwrap();
    let base = dir.path().join("base-dir");
    fs::create_dir(&base).unwrap();
    let out = merge_books(dir.path(), &[&base, &ours, &theirs]);
    assert_ne!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("base-dir"), "{}", stderr(&out));
    assert_eq!(fs::read(&ours).unwrap(), before, "ours untouched");
}

#[test]
fn an_empty_base_is_an_empty_book_and_both_additions_stay() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.ron");
    fs::write(&base, "").unwrap();
    let (ours, theirs) = (dir.path().join("ours.ron"), dir.path().join("theirs.ron"));
    ok(&ours, &["add", "Ana García"]);
    ok(&ours, &["log", "@ana coffee: hi"]);
    ok(&theirs, &["add", "Bo Chen"]);
    ok(&theirs, &["log", "@bo call: hello"]);
    let out = merge_books(dir.path(), &[&base, &ours, &theirs]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("re-numbered"), "{}", stderr(&out));
    let list = people_of(&ours);
    assert!(
        list.contains("Ana García") && list.contains("Bo Chen"),
        "{list}"
    );
    assert!(ok(&ours, &["show", "bo"]).contains("hello"));
    assert!(ok(&ours, &["show", "ana"]).contains("hi"));
    let check = ok(&ours, &["check"]);
    assert!(
        check.contains("ok — 2 people (0 archived), 2 entries"),
        "{check}"
    );
}

#[test]
fn gits_temp_file_is_written_in_place_with_nothing_left_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs) = three(dir.path());
    ok(&theirs, &["add", "Dee Evans"]);
    let temp = dir.path().join(".merge_file_AbC123");
    fs::rename(&ours, &temp).unwrap();
    let before: Vec<String> = names_in(dir.path());
    let out = merge_books(dir.path(), &[&base, &temp, &theirs, Path::new("kith.ron")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("kith: merged kith.ron: "),
        "{}",
        stderr(&out)
    );
    assert_eq!(names_in(dir.path()), before, "no lock file, no backups");
    assert!(people_of(&temp).contains("Dee Evans"));
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(repo)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("KITH_CONFIG", "/nonexistent/kith-test-config.ron")
        .output()
        .expect("git runs")
}

fn git_ok(repo: &Path, args: &[&str]) -> String {
    let out = git(repo, args);
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out)
}

#[test]
fn git_merges_the_book_with_the_driver_installed() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let book = repo.join("kith.ron");
    git_ok(repo, &["init", "-q", "-b", "main"]);
    let driver = format!("{} merge-books %O %A %B %P", env!("CARGO_BIN_EXE_kith"));
    git_ok(repo, &["config", "merge.kith.driver", &driver]);
    fs::write(repo.join(".gitattributes"), "kith.ron merge=kith\n").unwrap();
    ok(&book, &["add", "Ana García"]);
    // Only the book: the lock file and backups beside it are this machine's.
    git_ok(repo, &["add", "kith.ron", ".gitattributes"]);
    git_ok(repo, &["commit", "-qm", "base"]);
    git_ok(repo, &["checkout", "-qb", "laptop"]);
    ok(&book, &["add", "Bo Chen"]);
    ok(&book, &["edit", "ana", "--title", "CEO"]);
    git_ok(repo, &["commit", "-qam", "laptop"]);
    git_ok(repo, &["checkout", "-q", "main"]);
    ok(&book, &["add", "Cy Diaz"]);
    ok(&book, &["edit", "ana", "--title", "CTO"]);
    git_ok(repo, &["commit", "-qam", "phone"]);
    let said = git_ok(repo, &["merge", "-q", "--no-edit", "laptop"]);
    assert!(said.contains("kith: merged kith.ron: "), "{said}");
    let list = people_of(&book);
    for name in ["Ana García", "Bo Chen", "Cy Diaz"] {
        assert!(list.contains(name), "{name} missing: {list}");
    }
    let ana = ok(&book, &["show", "ana"]);
    assert!(ana.contains("CTO"), "{ana}");
    assert!(
        ana.contains("kith merge: title on the other copy: CEO"),
        "{ana}"
    );
    assert!(ok(&book, &["check"]).contains("ok — 3 people"));
    let status = git_ok(repo, &["status", "--porcelain", "--untracked-files=all"]);
    // The kith.ron.lock and backups the test's own `kith add`s made are
    // untracked; the merge itself leaves nothing (no .merge_file_* litter).
    assert!(!status.contains("merge_file"), "{status}");
}

/// git's add/add (an empty base) for two copies of one book, each changed
/// apart: a record both hold under one id with one history is one record,
/// both changes in it — not two, one re-numbered.
#[test]
fn an_empty_base_keeps_a_record_with_one_history_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.ron");
    fs::write(&base, "").unwrap();
    let (ours, theirs) = (dir.path().join("ours.ron"), dir.path().join("theirs.ron"));
    ok(&ours, &["add", "Ana García", "--org", "Acme"]);
    ok(&ours, &["log", "@ana coffee: hi"]);
    fs::copy(&ours, &theirs).unwrap();
    ok(&ours, &["edit", "ana", "--title", "CTO"]);
    ok(&theirs, &["edit", "ana", "--tag", "+rust"]);
    let out = merge_books(dir.path(), &[&base, &ours, &theirs]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("re-numbered"), "{}", stderr(&out));
    let check = ok(&ours, &["check"]);
    assert!(check.contains("ok — 1 person"), "{check}");
    let ana = ok(&ours, &["show", "ana", "--json"]);
    assert!(ana.contains("CTO") && ana.contains("rust"), "{ana}");
}
