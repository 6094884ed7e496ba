//! Around the book, with the real binary (issue 22): a vanished book is not a
//! new one, `kith restore` brings a backup back, a book cut short says which
//! backup is intact, links planted at kith's own names are never written
//! through, exports are private whatever the umask.

use crate::common::cli::{kith, ok};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn backup(book: &Path, n: usize) -> PathBuf {
    book.with_file_name(format!(".kith.ron.kith-{n}"))
}

/// A 50-person book with 20 entries, saved by kith (so its three backups
/// are beside it), at `dir/kith.ron`.
fn book_of_fifty(dir: &Path) -> PathBuf {
    let path = dir.join("kith.ron");
    let generated = dir.join("generated.ron");
    let g = generated.to_str().unwrap();
    ok(
        &path,
        &[
            "demo",
            "--generate",
            "--people",
            "50",
            "--entries",
            "20",
            "--out",
            g,
        ],
    );
    fs::rename(&generated, &path).unwrap();
    for line in [
        "@p1 coffee: a",
        "@p2 call: b",
        "@p3 favor: c",
        "@p4 help: d",
    ] {
        ok(&path, &["log", line]);
    }
    path
}

/// Every file beside the book, with its bytes.
fn beside(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, fs::read(e.path()).unwrap())
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_vanished_book_is_refused_by_every_command_and_restore_brings_it_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_of_fifty(dir.path());
    let newest = fs::read(backup(&path, 1)).unwrap();
    fs::remove_file(&path).unwrap();
    let before = beside(dir.path());
    let commands: [&[&str]; 6] = [
        &["list"],
        &["check"],
        &["find", "a"],
        &["log", "--create", "@zed coffee: hello"],
        &["log", "--create", "@zed coffee: hello"],
        &["add", "Zed"],
    ];
    for args in commands {
        let out = kith(&path, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("the book is missing, but one was here"),
            "{err}"
        );
        assert!(
            err.contains(".kith.ron.kith-1  50 people, 23 entries, saved"),
            "{err}"
        );
        assert!(err.contains("`kith restore 1`"), "{err}");
    }
    assert_eq!(
        beside(dir.path()),
        before,
        "nothing written, no backup turned"
    );

    // Piped, `restore` lists and says how; `restore 1` brings back backup 1.
    let listed = ok(&path, &["restore"]);
    assert!(
        listed.contains("1  .kith.ron.kith-1  50 people, 23 entries"),
        "{listed}"
    );
    assert!(
        listed.contains("3  .kith.ron.kith-3  50 people, 21 entries"),
        "{listed}"
    );
    let said = ok(&path, &["restore", "1"]);
    assert!(said.contains("restored .kith.ron.kith-1"), "{said}");
    assert_eq!(fs::read(&path).unwrap(), newest, "byte for byte");
    assert_eq!(fs::read(backup(&path, 1)).unwrap(), newest, "backups kept");
    let checked = ok(&path, &["check"]);
    assert!(checked.contains("ok — 50 people"), "{checked}");
}

#[test]
fn a_book_cut_short_names_the_backup_that_is_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_of_fifty(dir.path());
    let whole = fs::read(&path).unwrap();
    for cut in [0, whole.len() / 2] {
        fs::write(&path, &whole[..cut]).unwrap();
        let out = kith(&path, &["list"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("the file looks cut short"), "{err}");
        assert!(
            err.contains(".kith.ron.kith-1 is intact: `kith restore 1`"),
            "{err}"
        );
        assert_eq!(fs::read(&path).unwrap(), &whole[..cut], "left as it is");
    }
    let said = ok(&path, &["restore", "1"]);
    assert!(
        said.contains("the file that was there is kept as"),
        "{said}"
    );
    let kept = dir
        .path()
        .read_dir()
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("kith-replaced-"))
        .expect("the cut file is kept");
    assert_eq!(fs::read(kept).unwrap(), &whole[..whole.len() / 2]);
    assert_eq!(
        fs::read(&path).unwrap(),
        fs::read(backup(&path, 1)).unwrap()
    );
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_kiths_own_names_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_of_fifty(dir.path());
    let victim = dir.path().join("victim");
    for name in [
        ".kith.ron.kith-prev",
        ".kith.ron.kith-tmp",
        ".kith.ron.kith-2",
    ] {
        fs::write(&victim, "someone else's").unwrap();
        let at = dir.path().join(name);
        let _ = fs::remove_file(&at);
        std::os::unix::fs::symlink(&victim, &at).unwrap();
        let book = fs::read(&path).unwrap();
        let out = kith(&path, &["log", "@p1 coffee: again"]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains("a symbolic link at a name kith keeps"));
        assert_eq!(fs::read(&victim).unwrap(), b"someone else's", "{name}");
        assert_eq!(fs::read(&path).unwrap(), book);
        fs::remove_file(&at).unwrap();
    }
    // The lock: never cut to the id record, never chmod'ed.
    let lock = dir.path().join(".kith.ron.kith-lock");
    fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    let out = kith(&path, &["log", "@p1 coffee: again"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(fs::read(&victim).unwrap(), b"someone else's");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        fs::metadata(&victim).unwrap().permissions().mode() & 0o777,
        0o644
    );
}

/// `kith ARGS` under `umask 022`, as most users run it.
#[cfg(unix)]
fn kith_umask(file: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--file", file.to_str().unwrap(), "--today", "2026-11-26"];
    all.extend(args);
    Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_kith"))
        .args(all)
        .env("KITH_CONFIG", "/nonexistent/kith-test-config.ron")
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn exports_are_private_whatever_the_umask_and_an_existing_file_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let path = book_of_fifty(dir.path());
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    for (format, name) in [
        ("csv", "a.csv"),
        ("vcard", "a.vcf"),
        ("md", "a.md"),
        ("ics", "a.ics"),
    ] {
        let out = out_dir.join(name);
        let run = kith_umask(&path, &["export", format, "--out", out.to_str().unwrap()]);
        assert!(run.status.success(), "{format}: {}", stderr(&run));
        assert_eq!(mode(&out), 0o600, "{format}");
    }
    let vdir = dir.path().join("cards/");
    let run = kith_umask(&path, &["export", "vcard", "--out", vdir.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(mode(&vdir), 0o700);
    let cards: Vec<PathBuf> = fs::read_dir(&vdir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // A card for each of the 48 people not archived, and kith's .kith-state.
    assert_eq!(cards.len(), 49);
    assert!(cards.iter().all(|c| mode(c) == 0o600));
    // A file the user opened up keeps the mode they gave it.
    let shared = out_dir.join("a.csv");
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o644)).unwrap();
    let run = kith_umask(&path, &["export", "csv", "--out", shared.to_str().unwrap()]);
    assert!(run.status.success());
    assert_eq!(mode(&shared), 0o644);
    // A link planted at a card's temp name is not written through.
    let victim = dir.path().join("victim");
    fs::write(&victim, "mine").unwrap();
    for card in &cards {
        let name = card.file_name().unwrap().to_string_lossy().into_owned();
        std::os::unix::fs::symlink(&victim, vdir.join(format!(".{name}.kith-tmp"))).unwrap();
    }
    ok(&path, &["edit", "p1", "--org", "Changed Org"]);
    let run = kith_umask(&path, &["export", "vcard", "--out", vdir.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("not written through"),
        "{}",
        stderr(&run)
    );
    assert_eq!(fs::read(&victim).unwrap(), b"mine");
}

#[test]
fn a_date_kith_would_not_write_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    ok(&path, &["log", "--create", "@ana coffee: hi"]);
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replace("\"2026-11-26\"", "\"26-1-1\"");
    assert_ne!(text, edited);
    fs::write(&path, &edited).unwrap();
    let out = kith(&path, &["list"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let line = 1 + edited.lines().position(|l| l.contains("26-1-1")).unwrap();
    assert!(err.contains(&format!("kith.ron:{line}:")), "{err}");
    assert!(err.contains("\"26-1-1\" is not a date"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
}
