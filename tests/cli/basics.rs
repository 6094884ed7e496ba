//! The real `kith` binary on temp files: the shapes scripts rely on, exit
//! codes, and that a broken or newer file is never touched.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const KITH: &str = env!("CARGO_BIN_EXE_kith");

fn kith(file: &Path, args: &[&str]) -> Output {
    Command::new(KITH)
        .arg("--file")
        .arg(file)
        .args(["--today", "2026-11-26"])
        .args(args)
        .env_remove("KITH_FILE")
        .env("KITH_CONFIG", file.with_extension("no-config.ron"))
        .output()
        .expect("kith runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn book_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    (dir, path)
}

#[test]
fn an_added_person_shows_in_list_json() {
    let (_dir, file) = book_file();
    let id = ok(&kith(
        &file,
        &[
            "add",
            "José García",
            "--org",
            "Tidepool",
            "--tag",
            "founder",
        ],
    ));
    let id = kith::model::PersonId::parse(id.trim()).expect("add prints the id");
    assert!(id.is_code(), "a new person takes a drawn code: {id}");
    let list: serde_json::Value =
        serde_json::from_str(&ok(&kith(&file, &["list", "--json"]))).unwrap();
    let people = list.as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["name"], "José García");
    assert_eq!(people[0]["org"], "Tidepool");
    assert_eq!(people[0]["tags"], serde_json::json!(["founder"]));
    assert_eq!(people[0]["last_contact"], serde_json::Value::Null);
    assert_eq!(people[0]["coffee_only"], false);
}

#[test]
fn a_broken_file_exits_2_with_its_position_and_is_left_alone() {
    let (_dir, file) = book_file();
    ok(&kith(&file, &["add", "Ana"]));
    let mut text = fs::read_to_string(&file).unwrap();
    text = text.replacen("name: \"Ana\"", "name \"Ana\"", 1);
    fs::write(&file, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("name \"Ana\""))
        .unwrap()
        + 1;
    for args in [&["add", "Bo"][..], &["check"], &["list"]] {
        let out = kith(&file, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        let at = format!("{}:{line}:", file.display());
        let col = err
            .split_once(&at)
            .map(|(_, rest)| rest.split(':').next().unwrap());
        assert!(
            col.is_some_and(|c| c.parse::<usize>().is_ok()),
            "{args:?}: expected {at}COL: in {err}"
        );
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            text,
            "{args:?} changed the file"
        );
    }
}

#[test]
fn a_file_from_a_newer_kith_is_refused_and_left_alone() {
    let (_dir, file) = book_file();
    let text = "(\n  version: 99,\n  people: [],\n  entries: [],\n  teleports: [],\n)\n";
    fs::write(&file, text).unwrap();
    for args in [&["add", "Bo"][..], &["check"]] {
        let out = kith(&file, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("newer") && err.contains("99"), "{err}");
        assert_eq!(fs::read_to_string(&file).unwrap(), text);
    }
}

#[test]
fn two_processes_adding_fifty_people_each_at_once_lose_nobody() {
    let (_dir, file) = book_file();
    let writer = |tag: &str| {
        let script = format!(
            "i=1; while [ $i -le 50 ]; do \"$0\" --file \"$1\" --today 2026-11-26 add \"{tag}$i\" >/dev/null || exit 1; i=$((i+1)); done"
        );
        Command::new("sh")
            .args(["-c", &script, KITH])
            .arg(&file)
            .env("KITH_CONFIG", file.with_extension("no-config.ron"))
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (writer("a"), writer("b"));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let list: serde_json::Value =
        serde_json::from_str(&ok(&kith(&file, &["list", "--json"]))).unwrap();
    let people = list.as_array().unwrap();
    let mut names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    let mut expected: Vec<String> = (1..=50)
        .flat_map(|i| [format!("a{i}"), format!("b{i}")])
        .collect();
    expected.sort_unstable();
    assert_eq!(names, expected);
    let mut ids: Vec<&str> = people.iter().map(|p| p["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 100, "ids are unique");
}

#[test]
fn check_prints_the_counts() {
    let (_dir, file) = book_file();
    let out = file.to_str().unwrap();
    let args = [
        "demo",
        "--generate",
        "--people",
        "30",
        "--entries",
        "120",
        "--out",
        out,
    ];
    ok(&kith(&file, &args));
    let out = ok(&kith(&file, &["check"]));
    assert!(
        out.contains("30 people") && out.contains("120 entries"),
        "{out}"
    );
}

#[test]
fn demo_generate_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let generate = |name: &str, seed: &str| {
        let out = dir.path().join(name);
        let path = out.to_str().unwrap();
        let args = [
            "demo",
            "--generate",
            "--people",
            "50",
            "--entries",
            "300",
            "--seed",
            seed,
            "--out",
            path,
        ];
        ok(&kith(&dir.path().join("unused.ron"), &args));
        fs::read(&out).unwrap()
    };
    let first = generate("a.ron", "7");
    assert_eq!(first, generate("b.ron", "7"), "same seed, same bytes");
    assert_ne!(first, generate("c.ron", "8"));
}

#[test]
fn with_kith_file_set_usage_lines_do_not_show_file_as_required() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let run = |args: &[&str]| {
        Command::new(KITH)
            .args(args)
            .env("KITH_FILE", &file)
            .env("KITH_CONFIG", file.with_extension("no-config.ron"))
            .output()
            .expect("kith runs")
    };
    let help = String::from_utf8(run(&["--help"]).stdout).unwrap();
    assert!(help.contains("Usage: kith [OPTIONS] [COMMAND]"), "{help}");
    // (`show` without a name asks for one now: `merge` still needs two.)
    let out = run(&["merge"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Usage: kith merge <FROM> <INTO>\n"), "{err}");
    assert!(
        !err.contains("--file") && !err.contains("--config"),
        "{err}"
    );
    let help = String::from_utf8(run(&["log", "--help"]).stdout).unwrap();
    assert!(
        help.contains("Usage: kith log [OPTIONS] <LINE>..."),
        "{help}"
    );
    // The variables still name the book and the config.
    assert!(run(&["add", "Ana"]).status.success());
    assert!(file.exists());
}
