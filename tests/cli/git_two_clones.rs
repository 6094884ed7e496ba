//! One book in git on two machines: two clones of one repository, `kith
//! git-setup` in both, offline edits on both (new people, new entries,
//! different fields of one person, the same field of another), and `git
//! pull` merges through kith's driver with no conflict markers. git runs with
//! no global or system config and HOME in the temp dir; skipped (with a note)
//! if git is absent.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct World {
    home: tempfile::TempDir,
}

impl World {
    fn root(&self) -> PathBuf {
        fs::canonicalize(self.home.path()).unwrap()
    }

    fn env(&self, mut cmd: Command) -> Command {
        cmd.env("HOME", self.root())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CEILING_DIRECTORIES", self.root().parent().unwrap())
            .env("GIT_AUTHOR_NAME", "kith test")
            .env("GIT_AUTHOR_EMAIL", "kith@example.invalid")
            .env("GIT_COMMITTER_NAME", "kith test")
            .env("GIT_COMMITTER_EMAIL", "kith@example.invalid")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("KITH_FILE");
        cmd
    }

    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        let out = self
            .env(Command::new("git"))
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// kith on a clone's book, as that machine runs it (its own random ids).
    fn kith(&self, book: &Path, args: &[&str]) -> String {
        let out = self
            .env(Command::new(env!("CARGO_BIN_EXE_kith")))
            .arg("--file")
            .arg(book)
            .args(["--today", "2026-11-26"])
            .args(["--config", "/nonexistent/kith-test-config.ron"])
            .args(args)
            .env_remove("KITH_ID_SEED")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "kith {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn show(&self, book: &Path, who: &str) -> serde_json::Value {
        serde_json::from_str(&self.kith(book, &["show", who, "--json"])).unwrap()
    }
}

fn git_missing() -> bool {
    let missing = Command::new("git").arg("--version").output().is_err();
    if missing {
        eprintln!("note: git is not installed; skipping the two-clone test");
    }
    missing
}

#[test]
fn offline_edits_on_two_clones_merge_on_pull_with_nothing_lost() {
    if git_missing() {
        return;
    }
    let w = World {
        home: tempfile::tempdir().unwrap(),
    };
    let root = w.root();
    let origin = root.join("origin.git");
    w.git(
        &root,
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            origin.to_str().unwrap(),
        ],
    );

    // Machine A makes the book and pushes it.
    let a = root.join("a");
    w.git(&root, &["clone", "-q", origin.to_str().unwrap(), "a"]);
    w.git(&a, &["checkout", "-q", "-b", "main"]);
    let book_a = a.join("kith.ron");
    w.kith(
        &book_a,
        &["add", "Ana García", "--org", "Acme", "--tag", "design"],
    );
    w.kith(&book_a, &["add", "Bo Chen", "--org", "Initech"]);
    w.kith(&book_a, &["log", "@ana coffee: hello -5d"]);
    let setup = w.kith(&book_a, &["git-setup"]);
    assert!(setup.contains("every clone"), "{setup}");
    w.git(&a, &["add", "-A"]);
    let status = String::from_utf8(w.git(&a, &["status", "--porcelain"]).stdout).unwrap();
    assert!(
        !status.contains("kith-") && !status.contains(".lock"),
        "kith's own files are ignored: {status}"
    );
    w.git(&a, &["commit", "-q", "-m", "the book"]);
    w.git(&a, &["push", "-q", "origin", "main"]);

    // Machine B clones it and sets the driver up (a clone has no .git/config of A's).
    let b = root.join("b");
    w.git(
        &root,
        &["clone", "-q", "-b", "main", origin.to_str().unwrap(), "b"],
    );
    let book_b = b.join("kith.ron");
    w.kith(&book_b, &["git-setup"]);

    // Offline on A: a new person, an entry, Ana's title, Bo's org.
    w.kith(&book_a, &["add", "Cy Okafor"]);
    w.kith(&book_a, &["log", "@ana @cy intro: to Cy -1d"]);
    w.kith(&book_a, &["edit", "ana", "--title", "CTO"]);
    w.kith(&book_a, &["edit", "bo", "--org", "Globex"]);
    w.git(&a, &["commit", "-q", "-am", "on A"]);
    w.git(&a, &["push", "-q", "origin", "main"]);

    // Offline on B: another person, an entry, Ana's tags, Bo's org too.
    w.kith(&book_b, &["add", "Di Rossi"]);
    w.kith(&book_b, &["log", "@bo favor: reviewed his deck -2d"]);
    w.kith(&book_b, &["edit", "ana", "--tag", "+rust"]);
    w.kith(&book_b, &["edit", "bo", "--org", "Hooli"]);
    w.git(&b, &["commit", "-q", "-am", "on B"]);

    // The pull merges through kith's driver: no conflict, no markers.
    let pulled = w.git(
        &b,
        &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
    );
    let said = String::from_utf8_lossy(&pulled.stderr);
    assert!(said.contains("kith: merged"), "the driver ran: {said}");
    let text = fs::read_to_string(&book_b).unwrap();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    let check = w.kith(&book_b, &["check"]);
    assert!(check.contains("ok — 4 people"), "{check}");

    let mut names: Vec<String> =
        serde_json::from_str::<serde_json::Value>(&w.kith(&book_b, &["list", "--json"]))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect();
    names.sort();
    assert_eq!(names, ["Ana García", "Bo Chen", "Cy Okafor", "Di Rossi"]);
    let ana = w.show(&book_b, "ana");
    assert_eq!(ana["title"], "CTO", "A's change to one field");
    let tags = ana["tags"].to_string();
    assert!(
        tags.contains("design") && tags.contains("rust"),
        "B's: {tags}"
    );
    let kinds = ana["entries"].to_string();
    assert!(
        kinds.contains("intro") && kinds.contains("coffee"),
        "{kinds}"
    );
    let bo = w.show(&book_b, "bo");
    assert!(bo["entries"].to_string().contains("favor"));
    let org = bo["org"].as_str().unwrap();
    assert!(org == "Globex" || org == "Hooli", "{org}");
    let other = if org == "Globex" { "Hooli" } else { "Globex" };
    let notes = bo["notes"].as_str().unwrap_or_default();
    assert!(
        notes.contains(&format!("org on the other copy: {other}")),
        "the losing value stays visible: {notes:?}"
    );

    // Pushed back and pulled on A, both machines hold the same book.
    w.git(&b, &["push", "-q", "origin", "main"]);
    w.git(
        &a,
        &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
    );
    assert_eq!(fs::read(&book_a).unwrap(), fs::read(&book_b).unwrap());
}

/// Two clones of a book with Ana, Bo and Cy, Bo's call and Bo's and Cy's
/// lunch, kith's driver set up in both: the books of A and B.
fn two_clones(w: &World) -> (PathBuf, PathBuf) {
    let root = w.root();
    let origin = root.join("origin.git");
    let origin_s = origin.to_str().unwrap();
    w.git(&root, &["init", "-q", "--bare", "-b", "main", origin_s]);
    let a = root.join("a");
    w.git(&root, &["clone", "-q", origin_s, "a"]);
    w.git(&a, &["checkout", "-q", "-b", "main"]);
    let book_a = a.join("kith.ron");
    for args in [
        &["add", "Ana García"][..],
        &["add", "Bo Li"],
        &["edit", "bo", "--notes", "met at RustConf"],
        &["add", "Cy Okafor"],
        &["log", "@bo call: catch-up -3d"],
        &["log", "@bo @cy favor: lunch -2d"],
        &["git-setup"],
    ] {
        w.kith(&book_a, args);
    }
    w.git(&a, &["add", "-A"]);
    w.git(&a, &["commit", "-q", "-m", "the book"]);
    w.git(&a, &["push", "-q", "origin", "main"]);
    let b = root.join("b");
    w.git(&root, &["clone", "-q", "-b", "main", origin_s, "b"]);
    let book_b = b.join("kith.ron");
    w.kith(&book_b, &["git-setup"]);
    (book_a, book_b)
}

/// Commits on A and pushes, commits on B and pulls there: B's book merged.
fn pull_on_b(w: &World, book_a: &Path, book_b: &Path) -> String {
    let (a, b) = (book_a.parent().unwrap(), book_b.parent().unwrap());
    w.git(a, &["commit", "-q", "-am", "on A"]);
    w.git(a, &["push", "-q", "origin", "main"]);
    w.git(b, &["commit", "-q", "-am", "on B"]);
    let pulled = w.git(
        b,
        &["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
    );
    let said = String::from_utf8_lossy(&pulled.stderr).into_owned();
    assert!(said.contains("kith: merged"), "the driver ran: {said}");
    said
}

fn book_of(path: &Path) -> kith::model::Book {
    let bytes = fs::read(path).unwrap();
    kith::store::load_book(path, &bytes).unwrap().book
}

#[test]
fn merged_on_one_clone_and_edited_on_the_other_is_one_person() {
    if git_missing() {
        return;
    }
    let w = World {
        home: tempfile::tempdir().unwrap(),
    };
    let (book_a, book_b) = two_clones(&w);
    w.kith(&book_a, &["merge", "bo", "ana"]);
    w.kith(&book_b, &["edit", "bo", "--notes", "met at RustConf\nx"]);
    let said = pull_on_b(&w, &book_a, &book_b);
    assert!(!said.contains("re-numbered"), "{said}");
    let book = book_of(&book_b);
    let names: Vec<&str> = book.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let ana = w.show(&book_b, "ana");
    assert_eq!(ana["notes"], "met at RustConf\nx", "{ana}");
    assert_eq!(ana["entries"].as_array().unwrap().len(), 2, "{ana}");
    assert_eq!(book.entries.len(), 2, "entries intact");
}

#[test]
fn merged_into_different_people_on_two_clones_is_one_person() {
    if git_missing() {
        return;
    }
    let w = World {
        home: tempfile::tempdir().unwrap(),
    };
    let (book_a, book_b) = two_clones(&w);
    let id = |who: &str| w.show(&book_a, who)["id"].as_str().unwrap().to_string();
    let (ana, cy) = (id("ana"), id("cy"));
    w.kith(&book_a, &["merge", "bo", "ana"]);
    w.kith(&book_b, &["merge", "bo", "cy"]);
    let said = pull_on_b(&w, &book_a, &book_b);
    assert!(said.contains("merged into different people"), "{said}");
    let book = book_of(&book_b);
    assert_eq!(book.people.len(), 2);
    assert_eq!(book.entries.len(), 2, "entries intact");
    let named = |summary: &str| -> Vec<String> {
        let e = book.entries.iter().find(|e| e.summary == summary).unwrap();
        e.people.iter().map(ToString::to_string).collect()
    };
    let catch_up = named("catch-up");
    assert!(
        catch_up == [ana.clone()] || catch_up == [cy.clone()],
        "{catch_up:?}"
    );
    let kept = &catch_up[0];
    let mut lunch = named("lunch");
    lunch.sort();
    let mut expected = vec![kept.clone(), cy.clone()];
    expected.sort();
    expected.dedup();
    assert_eq!(lunch, expected, "Bo's person and Cy, once each");
    let review = w.kith(&book_b, &["review", "--print", "--all"]);
    assert!(review.contains("one copy merged Bo Li"), "{review}");
}
