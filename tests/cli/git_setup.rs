//! `kith git-setup` with real git in a temp dir. git is run with no global
//! or system config and HOME in the temp dir, so the user's own git config is
//! never read or written; a test is skipped (with a note) if git is absent.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// `cmd` with git kept away from the user's config and from any repository
/// above the temp dir.
fn isolated(mut cmd: Command, home: &Path) -> Command {
    cmd.env("HOME", home)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", home.parent().unwrap())
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("KITH_FILE");
    cmd
}

fn git_missing() -> bool {
    let missing = Command::new("git").arg("--version").output().is_err();
    if missing {
        eprintln!("note: git is not installed; skipping this git-setup test");
    }
    missing
}

/// A temp dir holding a fresh repository, `repo/`.
struct Repo {
    home: TempDir,
    root: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let home = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(home.path()).unwrap().join("repo");
        fs::create_dir(&root).unwrap();
        let repo = Repo { home, root };
        repo.git(&["init", "-q"]);
        repo
    }

    fn git(&self, args: &[&str]) -> Output {
        isolated(Command::new("git"), self.home.path())
            .arg("-C")
            .arg(&self.root)
            .args(args)
            .output()
            .unwrap()
    }

    /// git's answer, trimmed; panics when git fails.
    fn ask(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
        text(&out.stdout).trim_end().to_string()
    }

    fn setup(&self, book: &Path) -> Output {
        kith(self.home.path(), book, &["git-setup"])
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// The merge attribute git gives `rel`.
    fn merge_attr(&self, rel: &str) -> String {
        let line = self.ask(&["check-attr", "merge", "--", rel]);
        line.rsplit(": ").next().unwrap().to_string()
    }

    fn ignored(&self, rel: &str) -> bool {
        self.git(&["check-ignore", "-q", "--no-index", "--", rel])
            .status
            .success()
    }
}

fn kith(home: &Path, book: &Path, args: &[&str]) -> Output {
    let mut cmd = isolated(Command::new(env!("CARGO_BIN_EXE_kith")), home);
    cmd.arg("--file")
        .arg(book)
        .args(["--today", "2026-11-26"])
        .args(["--config", "/nonexistent/kith-test-config.ron"])
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn succeeded(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn driver() -> String {
    let exe = fs::canonicalize(env!("CARGO_BIN_EXE_kith")).unwrap();
    format!("'{}' merge-books %O %A %B %P", exe.display())
}

const IGNORE: &str = "# kith's lock, temp file, backups and merged conflict copies\n.*.kith-*\n";

#[test]
fn one_run_adds_the_attribute_the_driver_and_the_ignore_pattern_and_commits_nothing() {
    if git_missing() {
        return;
    }
    let repo = Repo::new();
    let book = repo.root.join("kith.ron");
    // A book with a few saves: a lock and backups beside it.
    for name in ["Ana", "Bo", "Cy"] {
        succeeded(&kith(repo.home.path(), &book, &["add", name]));
    }
    let said = succeeded(&repo.setup(&book));

    assert_eq!(repo.read(".gitattributes"), "/kith.ron merge=kith\n");
    assert_eq!(repo.read(".gitignore"), IGNORE);
    assert_eq!(
        repo.ask(&["config", "--local", "merge.kith.driver"]),
        driver()
    );
    assert_eq!(
        repo.ask(&["config", "--local", "merge.kith.name"]),
        "the kith book merge (kith merge-books)"
    );
    assert_eq!(repo.merge_attr("kith.ron"), "kith");
    for kiths in [
        ".kith.ron.kith-lock",
        ".kith.ron.kith-1",
        ".kith.ron.kith-tmp",
        ".kith.ron.kith-merged/kith.sync-conflict-20261201-101500-ABCDEF7.ron",
    ] {
        assert!(repo.ignored(kiths), "{kiths}");
    }
    assert!(!repo.ignored("kith.ron"));
    // What git sees: the book and the two files, none of kith's own.
    assert_eq!(
        repo.ask(&["status", "--porcelain", "--untracked-files=all"]),
        "?? .gitattributes\n?? .gitignore\n?? kith.ron"
    );
    assert!(
        !repo
            .git(&["rev-parse", "-q", "--verify", "HEAD"])
            .status
            .success()
    );

    let root = repo.root.display();
    let config = repo.root.join(".git/config");
    let config = config.display();
    let expected = [
        format!("added /kith.ron merge=kith to {root}/.gitattributes"),
        format!("set in {config}: merge.kith.name = the kith book merge (kith merge-books)"),
        format!("set in {config}: merge.kith.driver = {}", driver()),
        format!("added .*.kith-* to {root}/.gitignore"),
        format!(
            "commit {root}/.gitattributes and {root}/.gitignore, so that every clone has them too"
        ),
        format!(
            "the driver lives in {config}, which a clone does not copy: \
             run `kith git-setup` once in every clone"
        ),
    ];
    assert_eq!(said.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn a_second_run_changes_nothing_and_says_so() {
    if git_missing() {
        return;
    }
    let repo = Repo::new();
    let book = repo.root.join("kith.ron");
    succeeded(&repo.setup(&book));
    let files = [".gitattributes", ".gitignore", ".git/config"];
    let before: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(repo.root.join(f)).unwrap())
        .collect();
    let said = succeeded(&repo.setup(&book));
    let after: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(repo.root.join(f)).unwrap())
        .collect();
    assert_eq!(before, after, "the second run wrote something");
    assert!(
        said.starts_with(&format!(
            "nothing to change: {} already merges kith.ron with kith",
            repo.root.display()
        )),
        "{said}"
    );
    assert!(
        !said.contains("added") && !said.contains("set in"),
        "{said}"
    );
    assert!(
        said.contains("run `kith git-setup` once in every clone"),
        "{said}"
    );
}

#[test]
fn outside_a_work_tree_it_refuses_with_exit_2_and_writes_nothing() {
    if git_missing() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let book = home.path().join("kith.ron");
    let out = kith(home.path(), &book, &["git-setup"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("is not in a git work tree"), "{err}");
    assert!(err.contains(&home.path().display().to_string()), "{err}");
    assert!(out.stdout.is_empty());
    assert_eq!(fs::read_dir(home.path()).unwrap().count(), 0);
}

#[test]
fn without_git_on_the_path_it_refuses_with_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let book = home.path().join("kith.ron");
    let mut cmd = isolated(Command::new(env!("CARGO_BIN_EXE_kith")), home.path());
    let out = cmd
        .env("PATH", home.path())
        .arg("--file")
        .arg(&book)
        .arg("git-setup")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("no `git` was found on PATH"));
    assert_eq!(fs::read_dir(home.path()).unwrap().count(), 0);
}

#[test]
fn a_book_in_a_subdirectory_is_named_from_the_root_and_ignored_beside_itself() {
    if git_missing() {
        return;
    }
    let repo = Repo::new();
    fs::create_dir_all(repo.root.join("notes/people")).unwrap();
    fs::create_dir_all(repo.root.join("other")).unwrap();
    let book = repo.root.join("notes/people/kith.ron");
    succeeded(&kith(repo.home.path(), &book, &["add", "Ana"]));
    // Run from anywhere: the book's directory decides the repository.
    let said = succeeded(&repo.setup(&book));
    assert!(
        said.contains("added /notes/people/kith.ron merge=kith to"),
        "{said}"
    );
    assert_eq!(
        repo.read(".gitattributes"),
        "/notes/people/kith.ron merge=kith\n"
    );
    assert_eq!(repo.read("notes/people/.gitignore"), IGNORE);
    assert!(!repo.root.join(".gitignore").exists());
    assert!(!repo.root.join("notes/people/.gitattributes").exists());
    assert_eq!(repo.merge_attr("notes/people/kith.ron"), "kith");
    // Anchored: another file of the same name keeps git's own merge.
    assert_eq!(repo.merge_attr("other/kith.ron"), "unspecified");
    assert_eq!(repo.merge_attr("kith.ron"), "unspecified");
    assert!(repo.ignored("notes/people/.kith.ron.kith-lock"));
    assert!(!repo.ignored(".kith.ron.kith-lock"));
}

#[test]
fn what_is_there_is_kept_and_added_to() {
    if git_missing() {
        return;
    }
    let repo = Repo::new();
    fs::write(repo.root.join(".gitattributes"), "*.png binary").unwrap();
    fs::write(repo.root.join(".gitignore"), "target/\n").unwrap();
    repo.ask(&[
        "config",
        "--local",
        "merge.kith.driver",
        "kith-old merge-books %O %A %B",
    ]);
    let said = succeeded(&repo.setup(&repo.root.join("kith.ron")));
    assert_eq!(
        repo.read(".gitattributes"),
        "*.png binary\n/kith.ron merge=kith\n"
    );
    assert_eq!(repo.read(".gitignore"), format!("target/\n{IGNORE}"));
    assert_eq!(
        repo.ask(&["config", "--local", "merge.kith.driver"]),
        driver()
    );
    assert!(
        said.contains(&format!(
            "merge.kith.driver = {} (was kith-old merge-books %O %A %B)",
            driver()
        )),
        "{said}"
    );
}

#[test]
fn a_book_with_spaces_and_brackets_in_its_path_is_still_matched() {
    if git_missing() {
        return;
    }
    let repo = Repo::new();
    fs::create_dir(repo.root.join("My Books")).unwrap();
    let book = repo.root.join("My Books/kith [2026]*.ron");
    succeeded(&repo.setup(&book));
    assert_eq!(repo.merge_attr("My Books/kith [2026]*.ron"), "kith");
    assert_eq!(repo.merge_attr("My Books/kith 2.ron"), "unspecified");
    assert_eq!(repo.merge_attr("My Books/kith [2026]x.ron"), "unspecified");
    assert!(repo.ignored("My Books/.kith [2026]*.ron.kith-lock"));
    // And a second run finds the line it wrote.
    assert!(succeeded(&repo.setup(&book)).starts_with("nothing to change"));
}

#[cfg(unix)]
#[test]
fn a_symlinked_book_sets_up_the_repository_its_target_is_in() {
    if git_missing() {
        return;
    }
    let repo = Repo::new();
    let real = repo.root.join("kith.ron");
    succeeded(&kith(repo.home.path(), &real, &["add", "Ana"]));
    let elsewhere = repo.home.path().join("data");
    fs::create_dir(&elsewhere).unwrap();
    let link = elsewhere.join("kith.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    succeeded(&repo.setup(&link));
    assert_eq!(repo.read(".gitattributes"), "/kith.ron merge=kith\n");
    assert_eq!(
        fs::read_dir(&elsewhere).unwrap().count(),
        1,
        "only the link"
    );
}

#[test]
fn an_attributes_file_nearer_the_book_that_overrides_the_line_is_named() {
    if git_missing() {
        return;
    }
    let repo = Repo::new();
    fs::create_dir(repo.root.join("notes")).unwrap();
    fs::write(
        repo.root.join("notes/.gitattributes"),
        "*.ron merge=union\n",
    )
    .unwrap();
    let out = repo.setup(&repo.root.join("notes/kith.ron"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("git still gives notes/kith.ron the merge attribute `union`"),
        "{err}"
    );
}
