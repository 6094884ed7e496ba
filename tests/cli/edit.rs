//! `kith edit`, `archive`, `merge` and `undo` on temp files, through the real binary.

use std::path::Path;

use crate::common::cli::{add, kith, ok};

fn show_json(file: &Path, who: &str) -> serde_json::Value {
    serde_json::from_str(&ok(file, &["show", who, "--json"])).unwrap()
}

#[test]
fn edit_changes_fields_and_tags_and_bad_input_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let p1 = add(&file, &["Zoë Martin", "--org", "Acme", "--tag", "design"]);
    ok(
        &file,
        &[
            "edit",
            "zoe",
            "--org",
            "Globex",
            "--tag",
            "+rust",
            "--tag",
            "-design",
            "--cadence",
            "30",
        ],
    );
    let zoe = show_json(&file, &p1);
    assert_eq!(zoe["org"], "Globex");
    assert_eq!(zoe["tags"], serde_json::json!(["rust"]));
    assert_eq!(zoe["cadence"], 30);

    let before = std::fs::read(&file).unwrap();
    let out = kith(&file, &["edit", "zoe", "--birthday", "02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("02-30"));
    let out = kith(&file, &["edit", "nobody", "--org", "X"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// `kith add`, `kith edit` and the edit form share one set of field rules
/// (model::fields): a cadence of 0 or of 20 years, a bad birthday or a bad
/// e-mail is refused the same way everywhere, and writes nothing.
#[test]
fn add_and_edit_refuse_what_the_form_refuses_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    add(&file, &["Zoë Martin", "--cadence", "30"]);
    let before = std::fs::read(&file).unwrap();
    let refused = |args: &[&str], says: &str| {
        let out = kith(&file, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "{args:?} wrote");
    };
    let days = "a number of days, 1 to 3650";
    refused(
        &["edit", "zoe", "--cadence", "0"],
        &format!("--cadence 0: {days}"),
    );
    refused(&["edit", "zoe", "--cadence", "9999"], days);
    refused(
        &["add", "Bo", "--cadence", "0"],
        &format!("--cadence 0: {days}"),
    );
    refused(
        &["add", "Bo", "--birthday", "02-30"],
        "--birthday 02-30: not a date MM-DD or YYYY-MM-DD",
    );
    refused(
        &["add", "Bo", "--email", "bo.example.org"],
        "`bo.example.org` is not an e-mail",
    );
    refused(
        &["edit", "zoe", "--email", "+zoe at x"],
        "`zoe at x` is not an e-mail",
    );
    // `none` clears, as the form's empty field does; removing needs no check.
    ok(
        &file,
        &["edit", "zoe", "--cadence", "none", "--email", "-whatever"],
    );
    assert_eq!(show_json(&file, "zoe")["cadence"], serde_json::Value::Null);
}

#[test]
fn archive_hides_from_list_but_keeps_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let p1 = add(&file, &["王芳"]);
    ok(&file, &["add", "Bo"]);
    ok(&file, &["archive", "王芳"]);
    let listed: serde_json::Value = serde_json::from_str(&ok(&file, &["list", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let all: serde_json::Value =
        serde_json::from_str(&ok(&file, &["list", "--archived", "--json"])).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2);
    ok(&file, &["archive", &p1, "--undo"]);
    let listed: serde_json::Value = serde_json::from_str(&ok(&file, &["list", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[test]
fn merge_keeps_fields_and_the_old_id_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let p1 = add(&file, &["Ana G", "--email", "ana@home.org"]);
    let p2 = add(&file, &["Ana García", "--org", "Acme"]);
    let out = ok(&file, &["merge", &p1, &p2]);
    assert!(out.contains(&format!("merged {p1}")), "{out}");
    let ana = show_json(&file, &p1);
    assert_eq!(
        ana["id"], *p2,
        "the merged-away id resolves to the survivor"
    );
    assert_eq!(ana["emails"], serde_json::json!(["ana@home.org"]));
    assert_eq!(ana["org"], "Acme");
    let out = kith(&file, &["merge", &p2, "Ana García"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "merging into oneself is bad input"
    );
}

#[test]
fn an_ambiguous_name_lists_the_candidates_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let p1 = add(&file, &["Ana García"]);
    let p2 = add(&file, &["Ana Souza"]);
    let out = kith(&file, &["show", "ana"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&p1) && err.contains(&p2) && err.contains("Ana Souza"),
        "{err}"
    );
}

#[test]
fn small_things_are_said_properly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let p1 = add(&file, &["Ana Lima"]);
    // A second Ana Lima: added, with a warning about the possible duplicate.
    let out = kith(&file, &["add", "ana lima"]);
    assert!(out.status.success());
    let p2 = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(p2.starts_with('p') && p2 != p1, "{p2}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("already has this name ({p1} Ana Lima)"))
            && err.contains(&format!("kith merge {p2} {p1}")),
        "{err}"
    );
    let out = kith(&file, &["add", "Bo Chen"]);
    assert!(out.stderr.is_empty(), "no warning for a new name");
    let p3 = String::from_utf8(out.stdout).unwrap().trim().to_string();
    // Never contacted reads "never".
    let show = ok(&file, &["show", &p1]);
    assert!(
        show.lines().any(|l| l.trim() == "contact    never"),
        "{show}"
    );
    // Counts in the right number.
    ok(&file, &["log", &format!("@{p2} coffee: hello")]);
    let merged = ok(&file, &["merge", &p2, &p1]);
    assert!(merged.contains("; 1 entry re-pointed;"), "{merged}");
    let show = ok(&file, &["show", &p1]);
    assert!(show.contains("contact    2026-11-26, today"), "{show}");
    let check = ok(&file, &["check"]);
    assert!(
        check.contains("ok — 2 people (0 archived), 1 entry"),
        "{check}"
    );
    // Archiving twice says it already is, and changes nothing.
    ok(&file, &["archive", "bo"]);
    let before = std::fs::read(&file).unwrap();
    let again = ok(&file, &["archive", "bo"]);
    assert_eq!(
        again,
        format!("{p3} Bo Chen is already archived; nothing changed\n")
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    ok(&file, &["archive", "bo", "--undo"]);
    let again = ok(&file, &["archive", "bo", "--undo"]);
    assert!(again.contains("already not archived"), "{again}");
}

/// An address edited from the shell is shown, in `--json`, found by `find`,
/// and removed by its label; a bad one exits 2 and writes nothing.
#[test]
fn addresses_are_edited_shown_and_searched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let p1 = add(&file, &["Ana García"]);
    ok(
        &file,
        &[
            "edit",
            "ana",
            "--address",
            "+home: Rua das Flores 12; Lisboa; ; 1200-195; Portugal",
        ],
    );
    let ana = show_json(&file, &p1);
    assert_eq!(ana["addresses"][0]["locality"], "Lisboa");
    assert_eq!(ana["addresses"][0]["postal_code"], "1200-195");
    assert_eq!(ana["addresses"][0]["label"], "home");
    let shown = ok(&file, &["show", "ana"]);
    assert!(
        shown.contains("address    Rua das Flores 12, 1200-195 Lisboa, Portugal (home)"),
        "{shown}"
    );
    let found = ok(&file, &["find", "lisboa"]);
    assert!(found.contains("Ana García"), "{found}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("addresses: [(label: \"home\", street: \"Rua das Flores 12\", locality: \"Lisboa\", postal_code: \"1200-195\", country: \"Portugal\")]"),
        "{text}"
    );

    let before = std::fs::read(&file).unwrap();
    let out = kith(&file, &["edit", "ana", "--address", "a; b; c; d; e; f"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 5"));
    assert_eq!(std::fs::read(&file).unwrap(), before);

    ok(&file, &["edit", "ana", "--address", "-home"]);
    assert_eq!(show_json(&file, &p1)["addresses"], serde_json::json!([]));
}

/// The entries in Alice's card, as `show --json` lists them.
fn entries_of(file: &Path, who: &str) -> usize {
    show_json(file, who)["entries"].as_array().unwrap().len()
}

#[test]
fn undo_takes_back_a_log_once_and_asks_off_a_terminal_for_yes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    add(&file, &["Alice García"]);
    ok(&file, &["log", "@alice favor: reviewed her deck -2d"]);
    assert_eq!(entries_of(&file, "alice"), 1);
    // Off a terminal it says what it would undo and what is needed, and undoes nothing.
    let out = kith(&file, &["undo"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.contains("take back entry e"), "{stdout}");
    assert!(stdout.contains("favor · gave · Alice García"), "{stdout}");
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(entries_of(&file, "alice"), 1);
    let out = ok(&file, &["undo", "--yes"]);
    assert!(out.ends_with("undone\n"), "{out}");
    assert_eq!(entries_of(&file, "alice"), 0);
    // One change, once: an undo is not undone.
    let out = kith(&file, &["undo", "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("nothing to undo")
    );
}

#[test]
fn undo_takes_back_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    add(&file, &["Zoë Martin", "--org", "Acme", "--tag", "design"]);
    ok(&file, &["edit", "zoe", "--org", "Globex", "--tag", "+rust"]);
    let out = ok(&file, &["undo", "--yes"]);
    assert!(out.contains("put back Zoë Martin's org, tags"), "{out}");
    let zoe = show_json(&file, "zoe");
    assert_eq!(zoe["org"], "Acme");
    assert_eq!(zoe["tags"], serde_json::json!(["design"]));
}

#[test]
fn undo_is_refused_when_the_entry_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    add(&file, &["Alice García"]);
    ok(&file, &["log", "@alice favor: reviewed her deck -2d"]);
    // Another machine (or a hand) changed the entry since.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("reviewed her deck"));
    std::fs::write(
        &file,
        text.replace("reviewed her deck", "reviewed her whole deck"),
    )
    .unwrap();
    let out = kith(&file, &["undo", "--yes"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("changed since"), "{stderr}");
    assert!(!String::from_utf8(out.stdout).unwrap().contains("undone"));
    assert_eq!(entries_of(&file, "alice"), 1, "the changed entry is kept");
}

/// `kith edit NAME` with no change opens the person in `$EDITOR`, as RON;
/// what the editor changed is saved, field by field. A text that does not
/// parse, off a terminal, saves nothing (exit 2).
#[test]
fn edit_with_no_change_opens_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    add(&file, &["Zoë Martin", "--org", "Acme"]);
    let with_editor = |editor: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kith"))
            .args(["--file"])
            .arg(&file)
            .args([
                "--config",
                "/nonexistent/kith-test-config.ron",
                "edit",
                "zoe",
            ])
            .env("EDITOR", editor)
            .env_remove("VISUAL")
            .output()
            .unwrap()
    };
    let out = with_editor("sed -i s/Acme/Globex/");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("edited: "));
    assert_eq!(show_json(&file, "zoe")["org"], "Globex");
    let before = std::fs::read(&file).unwrap();
    let out = with_editor("sed -i s/name:/nome:/");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not parse"));
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing saved");
    let out = with_editor("true");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("unchanged: "));
}

/// With no name, `show` and `edit` say what they need off a terminal, and
/// on one ask for a name, then a number when several fit.
#[test]
fn show_without_a_name_asks_on_a_terminal_and_says_what_is_needed_off_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    for name in ["Dana Scully", "Dana White"] {
        add(&file, &[name]);
    }
    for cmd in ["show", "edit"] {
        let out = kith(&file, &[cmd]);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("name a person: kith {cmd} NAME")),
            "{err}"
        );
    }
    let file_arg = file.to_str().unwrap();
    let mut pty = crate::common::pty::Pty::kith(&["--file", file_arg, "show"], 80, 24, dir.path());
    let wait = std::time::Duration::from_secs(10);
    pty.wait_for("Who?", wait);
    pty.send("dana\r");
    pty.wait_for("Which?", wait);
    let screen = pty.screen();
    let line = screen
        .lines()
        .find(|l| l.ends_with(") Dana White"))
        .expect(&screen);
    let number = line.trim().split(')').next().unwrap().to_string();
    pty.send(&format!("{number}\r"));
    pty.wait_for("Dana White  (p", wait);
    assert!(pty.wait_exit(wait).success());
}
