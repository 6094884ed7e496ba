//! Sync tools' conflict copies beside the book: every command that opens the
//! book says, once, on stderr, which copies are there and what to run —
//! through the real binary, on temp files only.

use std::fs;
use std::path::Path;

use crate::common::cli::{kith, ok};

const SYNCTHING: &str = "kith.sync-conflict-20261201-101500-ABCDEF7.ron";
const DROPBOX: &str = "kith (Ana's conflicted copy 2026-12-01).ron";
const NEXTCLOUD: &str = "kith (conflicted copy 2026-12-01 101500).ron";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A book with Ana in it, at `dir/kith.ron`.
fn book(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("kith.ron");
    ok(&file, &["add", "Ana García"]);
    file
}

fn warnings(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.contains("conflict cop"))
        .collect()
}

#[test]
fn every_command_that_opens_the_book_names_the_copy_once_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let out = kith(&file, &["list"]);
    assert!(warnings(&stderr(&out)).is_empty(), "{}", stderr(&out));

    fs::copy(&file, dir.path().join(SYNCTHING)).unwrap();
    let real = fs::canonicalize(&file).unwrap();
    let expected = format!(
        "kith: warning: 1 conflict copy beside {} ({SYNCTHING}) — run `kith sync` to merge it",
        real.display()
    );
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", "ana"],
        &["find", "garcia"],
        &["check"],
        &["review", "--print"],
        &["intros"],
        &["give-take"],
        &["export", "csv"],
        &["log", "@ana call: caught up"],
        &["edit", "ana", "--org", "Acme"],
        &["add", "Bo"],
    ] {
        let out = kith(&file, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(warnings(&err), [expected.as_str()], "{args:?}: {err}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains("conflict"), "{args:?}: {stdout}");
    }
    // The copy is only named: kith does not touch it.
    assert!(dir.path().join(SYNCTHING).exists());
}

#[test]
fn several_copies_are_counted_and_named_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    for name in [
        SYNCTHING,
        DROPBOX,
        NEXTCLOUD,
        "kith-old.ron",
        ".kith.ron.kith-1",
    ] {
        fs::write(dir.path().join(name), "").unwrap();
    }
    fs::create_dir(
        dir.path()
            .join("kith.sync-conflict-20261202-101500-ABCDEF7.ron"),
    )
    .unwrap();
    let err = stderr(&kith(&file, &["list"]));
    let real = fs::canonicalize(&file).unwrap();
    assert_eq!(
        warnings(&err),
        [format!(
            "kith: warning: 3 conflict copies beside {} ({DROPBOX}, {NEXTCLOUD}, {SYNCTHING}) \
             — run `kith sync` to merge them",
            real.display()
        )
        .as_str()]
    );

    fs::write(dir.path().join("kith_conflict-20261201-101500.ron"), "").unwrap();
    fs::write(
        dir.path()
            .join("kith.sync-conflict-20261203-090000-ZZZZZZZ.ron"),
        "",
    )
    .unwrap();
    let err = stderr(&kith(&file, &["list"]));
    let line = warnings(&err).concat();
    assert!(line.contains("5 conflict copies beside"), "{err}");
    assert!(line.contains(&format!("{SYNCTHING} and 2 more)")), "{err}");
}

#[test]
fn commands_that_do_not_open_the_book_say_nothing_of_copies() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    fs::write(dir.path().join(SYNCTHING), "").unwrap();
    for args in [&["completions", "bash"][..], &["man"]] {
        let out = kith(&file, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(warnings(&stderr(&out)).is_empty(), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_books_copies_are_found_beside_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let sync = dir.path().join("Sync");
    fs::create_dir(&sync).unwrap();
    let real = book(&sync);
    let link = dir.path().join("kith.ron");
    std::os::unix::fs::symlink("Sync/kith.ron", &link).unwrap();
    // Beside the link is not where Syncthing writes.
    fs::write(dir.path().join(SYNCTHING), "").unwrap();
    assert!(warnings(&stderr(&kith(&link, &["list"]))).is_empty());
    fs::write(sync.join(NEXTCLOUD), "").unwrap();
    let err = stderr(&kith(&link, &["list"]));
    let real = fs::canonicalize(real).unwrap();
    assert_eq!(
        warnings(&err),
        [format!(
            "kith: warning: 1 conflict copy beside {} ({NEXTCLOUD}) — run `kith sync` to merge it",
            real.display()
        )
        .as_str()]
    );
}

#[cfg(unix)]
#[test]
fn a_copys_name_is_shown_never_sent_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    // A Dropbox owner is a machine's or person's name: outside data.
    let hostile = "kith (Ana\u{1b}]52;c;cm0gLXJmIH4=\u{7}'s conflicted copy 2026-12-01).ron";
    fs::write(dir.path().join(hostile), "").unwrap();
    let err = stderr(&kith(&file, &["list"]));
    assert!(err.contains("1 conflict copy beside"), "{err}");
    assert!(
        !err.chars().any(|c| c == '\u{1b}' || c == '\u{7}'),
        "a raw control character reached stderr: {err:?}"
    );
}

/// A conflict copy of a conflict copy (the sync tool found the first copy
/// changed on two machines too): named, counted and merged like any other,
/// its additions in the book — Syncthing's, Dropbox's, Nextcloud's, mixed.
#[test]
fn a_conflict_copy_of_a_conflict_copy_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    let file = book(dir.path());
    let nested = [
        (
            "kith.sync-conflict-20261201-101500-ABCDEF7.sync-conflict-20261202-090000-BCDEFG2.ron",
            "Bo Nested",
        ),
        (
            "kith (Ana's conflicted copy 2026-12-01) (conflicted copy 2026-12-02 090000).ron",
            "Cy Nested",
        ),
        (
            "kith (conflicted copy 2026-12-01 101500).sync-conflict-20261202-090000-BCDEFG2.ron",
            "Di Nested",
        ),
    ];
    for (seed, (name, who)) in nested.iter().enumerate() {
        let copy = dir.path().join(name);
        fs::copy(&file, &copy).unwrap();
        // Each copy's machine draws its own ids.
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .arg("--file")
            .arg(&copy)
            .args(["--config", "/nonexistent/kith-test-config.ron", "add", who])
            .env("KITH_ID_SEED", format!("{}", seed + 100))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let err = stderr(&kith(&file, &["list"]));
    assert!(
        warnings(&err).concat().contains("3 conflict copies beside"),
        "{err}"
    );
    let said = ok(&file, &["sync"]);
    assert!(!said.contains("nothing to merge"), "{said}");
    let list = ok(&file, &["list"]);
    for (name, who) in nested {
        assert!(
            list.contains(who),
            "{who} from {name} is in the book: {list}"
        );
        assert!(!dir.path().join(name).exists(), "{name} put away");
        let kept = dir.path().join(".kith.ron.kith-merged").join(name);
        assert!(kept.exists(), "{name} kept beside the backups");
    }
    assert!(warnings(&stderr(&kith(&file, &["list"]))).is_empty());
}
