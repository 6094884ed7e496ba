//! `kith log` on temp files, through the real binary: a saved entry, and each
//! kind of bad line (exit 2, the line, a caret under the problem, nothing written).

use std::path::Path;

use crate::common::cli::{kith, masked, ok};

/// A book with Alice García, Bob Li, Dana Scully and Dana White.
fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    for name in ["Alice García", "Bob Li", "Dana Scully", "Dana White"] {
        ok(&file, &["add", name]);
    }
    (dir, file)
}

fn show_json(file: &Path, who: &str) -> serde_json::Value {
    serde_json::from_str(&ok(file, &["show", who, "--json"])).unwrap()
}

/// Runs a bad line: exit 2, stderr is the line and a caret under `under`,
/// the message contains `says`, and the file is unchanged.
fn refused(line: &str, under: &str, says: &str) {
    let (_dir, file) = book();
    let before = std::fs::read(&file).unwrap();
    let out = kith(&file, &["log", line]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{line:?}: {err}");
    assert!(out.stdout.is_empty());
    let mut lines = err.lines();
    assert_eq!(lines.next(), Some(line));
    let caret = lines.next().unwrap();
    let col = line.find(under).unwrap();
    let expected = format!(
        "{}{} ",
        " ".repeat(kith::text::width(&line[..col])),
        "^".repeat(kith::text::width(under).max(1))
    );
    assert!(caret.starts_with(&expected), "{caret:?} vs {expected:?}");
    assert!(
        masked(caret).contains(says),
        "{caret:?} should say {says:?}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
}

#[test]
fn a_good_line_is_saved_and_printed_in_one_line() {
    let (_dir, file) = book();
    let out = ok(
        &file,
        &["log", "@alice favor: reviewed her pitch deck -2d !+1w"],
    );
    assert_eq!(
        masked(&out),
        "e*  2026-11-24  favor · gave · Alice García · 2 days ago · follow up Thu 3 Dec · reviewed her pitch deck\n"
    );
    let alice = show_json(&file, "alice");
    let entry = &alice["entries"][0];
    assert_eq!(entry["kind"], "favor");
    assert_eq!(entry["summary"], "reviewed her pitch deck");
    assert_eq!(entry["follow_up"], "2026-12-03");
}

#[test]
fn a_line_may_start_with_a_date_and_name_several_people() {
    let (_dir, file) = book();
    let out = ok(
        &file,
        &["log", "-1d @jose.x @bob <intro: to @alice", "--create"],
    );
    assert_eq!(
        masked(&out),
        "created p*  jose x\n\
         e*  2026-11-25  intro · received · jose x, Bob Li, Alice García · yesterday · to Alice García\n"
    );
    let bob = show_json(&file, "bob");
    assert_eq!(bob["entries"][0]["people"].as_array().unwrap().len(), 3);
}

#[test]
fn unknown_people_are_refused_without_create_and_added_with_it() {
    refused("@bob @zed coffee: hi", "@zed", "--create");
    let (_dir, file) = book();
    let out = ok(&file, &["log", "@bob @zed coffee: hi", "--create"]);
    assert!(out.contains("Bob Li, zed"), "{out}");
    let zed = show_json(&file, "zed");
    assert!(zed["id"].as_str().unwrap().starts_with('p'));
    assert_eq!(
        masked(zed["id"].as_str().unwrap()),
        "p*",
        "a new person takes a code"
    );
    assert_eq!(zed["entries"][0]["summary"], "hi");
}

#[test]
fn create_prints_each_new_person_on_its_own_line_before_the_entry() {
    let (_dir, file) = book();
    let out = ok(
        &file,
        &["log", "@zed @bob @amy.pond @zed call: hi", "--create"],
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(masked(lines[0]), "created p*  zed");
    assert_eq!(masked(lines[1]), "created p*  amy pond");
    assert!(
        masked(lines[2]).starts_with("e*  2026-11-26  call · "),
        "{out}"
    );
    let amy = lines[1].split_whitespace().nth(1).unwrap();
    assert_eq!(show_json(&file, amy)["name"], "amy pond");
    // Once they exist, logging them again creates no one.
    let again = ok(&file, &["log", "@zed @amy.pond call: again", "--create"]);
    assert!(masked(&again).starts_with("e*  "), "{again}");
    assert_ne!(
        again.split_whitespace().next(),
        lines[2].split_whitespace().next()
    );
    assert_eq!(again.lines().count(), 1);
}

#[test]
fn each_kind_of_bad_line_points_at_the_problem() {
    refused("coffee: nobody named", "", "name someone with @");
    refused("@alice fvr: x", "fvr:", "did you mean favor:");
    refused("@alice co: x", "co:", "could be coffee: or collab:");
    refused("@alice coffee with her", "coffee", "`coffee:` with a colon");
    refused(
        "@dana call: x",
        "@dana",
        "Dana Scully (p*), Dana White (p*)",
    );
    refused("@alice coffee: x -3x", "-3x", "not a date");
    refused("@alice coffee: x !soon", "!soon", "not a date");
    refused(
        "@alice coffee: x -1d yesterday",
        "yesterday",
        "a second date",
    );
    refused(
        "@\"Ana María coffee: x",
        "@\"Ana María coffee: x",
        "close the name's quote",
    );
    refused("@王芳 call: x", "@王芳", "--create");
}

/// Like [`refused`], for an error pointing between chars (an empty span at byte `at`).
fn refused_at(line: &str, at: usize, says: &str) {
    let (_dir, file) = book();
    let before = std::fs::read(&file).unwrap();
    let out = kith(&file, &["log", line]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{line:?}: {err}");
    let caret = err.lines().nth(1).unwrap();
    let expected = format!("{}^ ", " ".repeat(kith::text::width(&line[..at])));
    assert!(caret.starts_with(&expected), "{caret:?} vs {expected:?}");
    assert!(caret.contains(says), "{caret:?} should say {says:?}");
    assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
}

#[test]
fn lines_that_make_no_sense_are_refused() {
    refused_at("@alice favor:", 13, "say what the favor was");
    refused_at("@alice favor: -2d", 13, "say what the favor was");
    refused(
        "@alice intro: to a designer",
        "intro:",
        "who was the other?",
    );
    refused(
        "@alice favor: deck !2026-11-20",
        "!2026-11-20",
        "follow-up 2026-11-20 is in the past",
    );
    refused("@alice favor: deck !-1d", "!-1d", "in the past");
    // A coffee needs no summary; an intro someone made for you names them alone.
    let (_dir, file) = book();
    ok(&file, &["log", "@alice coffee:"]);
    ok(&file, &["log", "@bob <intro: introduced me to Carol"]);
}

#[test]
fn a_deed_after_today_needs_future() {
    refused("@alice favor: deck 2026-12-24", "2026-12-24", "after today");
    let (_dir, file) = book();
    let out = kith(&file, &["log", "@alice favor: deck tomorrow"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--future logs it anyway"), "{err}");
    let saved = ok(&file, &["log", "@alice favor: deck tomorrow", "--future"]);
    assert!(
        masked(&saved).starts_with("e*  2026-11-27  favor"),
        "{saved}"
    );
    // A coffee may be planned.
    ok(&file, &["log", "@bob coffee: lunch tomorrow"]);
}

#[test]
fn an_unknown_name_says_whom_it_probably_meant() {
    refused(
        "@alcie favor: deck",
        "@alcie",
        "nobody called alcie — did you mean Alice García?",
    );
    refused(
        "@dnaa.white call: x",
        "@dnaa.white",
        "did you mean Dana White?",
    );
    // --create still adds them, with a note.
    let (_dir, file) = book();
    let out = kith(&file, &["log", "@alcie favor: deck", "--create"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("did you mean Alice García?"), "{err}");
    let out = kith(&file, &["show", "alcei"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("did you mean alcie?") || err.contains("Alice García"),
        "{err}"
    );
}

#[test]
fn a_name_written_exactly_wins_over_the_same_name_folded() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let p1 = ok(&file, &["add", "José Müller"]).trim().to_string();
    let p2 = ok(&file, &["add", "Jose Muller"]).trim().to_string();
    let out = ok(&file, &["log", "@\"Jose Muller\" favor: x"]);
    assert!(out.contains("Jose Muller"), "{out}");
    assert_eq!(show_json(&file, "Jose Muller")["id"], *p2);
    assert_eq!(show_json(&file, "José Müller")["id"], *p1);
    assert_eq!(
        show_json(&file, "Jose Muller")["entries"][0]["summary"],
        "x"
    );
    let out = kith(&file, &["show", "jose muller"]);
    assert_eq!(out.status.code(), Some(2), "folded alone, both fit");
}

#[test]
fn unquoted_words_are_one_line_as_find_takes_them() {
    let (_dir, file) = book();
    let out = ok(
        &file,
        &["log", "@alice", "favor:", "reviewed", "her", "deck", "-2d"],
    );
    assert_eq!(
        masked(&out),
        "e*  2026-11-24  favor · gave · Alice García · 2 days ago · reviewed her deck\n"
    );
    // Options may still follow the words.
    let out = ok(&file, &["log", "@zed", "coffee:", "met", "--create"]);
    assert!(out.starts_with("created p"), "{out}");
}

#[test]
fn log_dash_reads_one_capture_a_line_and_reports_the_bad_one_by_number() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let (_dir, file) = book();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("--file")
        .arg(&file)
        .args(["--today", "2026-11-26", "--config", "/nonexistent/k.ron"])
        .args(["log", "-"])
        .env("KITH_ID_SEED", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"@alice favor: reviewed her deck -2d\n\n@nobody coffee: met\n@bob coffee: met -1d\n",
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        masked(&stdout),
        "e*  2026-11-24  favor · gave · Alice García · 2 days ago · reviewed her deck\n\
         e*  2026-11-25  coffee · gave · Bob Li · yesterday · met\n"
    );
    let mut err = stderr.lines();
    assert_eq!(err.next(), Some("kith: line 3:"), "{stderr}");
    assert_eq!(err.next(), Some("@nobody coffee: met"), "{stderr}");
    assert!(stderr.ends_with("kith: 1 line not logged\n"), "{stderr}");
    assert_eq!(
        show_json(&file, "alice")["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        show_json(&file, "bob")["entries"].as_array().unwrap().len(),
        1
    );
}

/// The id `kith log` printed first on its line.
fn logged(file: &Path, line: &str) -> String {
    let out = ok(file, &["log", line]);
    out.split_whitespace().next().unwrap().to_string()
}

#[test]
fn done_by_id_marks_a_promise_kept_and_refuses_a_plain_deed() {
    let (_dir, file) = book();
    let promise = logged(&file, "@bob promise: intro to a designer");
    let out = ok(&file, &["done", &promise]);
    assert!(out.starts_with(&format!("done: {promise}  ")), "{out}");
    let entry = &show_json(&file, "bob")["entries"][0];
    assert_eq!(entry["done"], true, "{entry}");
    let favor = logged(&file, "@alice favor: reviewed her deck");
    let out = kith(&file, &["done", &favor]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("only a promise or a follow-up"), "{err}");
    let out = kith(&file, &["done", "e999"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn delete_by_id_asks_off_a_terminal_for_yes_and_undo_brings_it_back() {
    let (_dir, file) = book();
    let id = logged(&file, "@alice favor: reviewed her deck");
    let out = kith(&file, &["delete", &id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("--yes"));
    assert_eq!(
        show_json(&file, "alice")["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let out = ok(&file, &["delete", &id, "--yes"]);
    assert!(out.contains(&format!("deleted {id}")), "{out}");
    assert_eq!(
        show_json(&file, "alice")["entries"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    ok(&file, &["undo", "--yes"]);
    assert_eq!(
        show_json(&file, "alice")["entries"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn captures_in_a_row_each_land_with_backups_and_the_last_can_be_undone() {
    let (dir, file) = book();
    for summary in ["first", "second", "third"] {
        ok(&file, &["log", &format!("@alice coffee: {summary}")]);
    }
    let alice = show_json(&file, "alice");
    let summaries: Vec<&str> = alice["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert_eq!(summaries.len(), 3, "{summaries:?}");
    for summary in ["first", "second", "third"] {
        assert!(summaries.contains(&summary), "{summaries:?}");
    }
    // The newest backup is the book before the third capture.
    let backup = std::fs::read_to_string(dir.path().join(".kith.ron.kith-1")).unwrap();
    assert!(backup.contains("\"second\"") && !backup.contains("\"third\""));
    ok(&file, &["undo", "--yes"]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"second\"") && !text.contains("\"third\""));
    ok(&file, &["check"]);
}

#[test]
fn a_capture_over_a_book_another_program_changed_reads_it_whole_and_refuses_what_is_wrong() {
    let (_dir, file) = book();
    ok(&file, &["log", "@alice coffee: first"]);
    // An editor puts a field kith does not know into the entry kith wrote.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("summary: \"first\"", "summary: \"first\", mood: \"great\"");
    std::fs::write(&file, &text).unwrap();
    let out = kith(&file, &["log", "@bob coffee: second"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("kith.ron:") && err.contains("mood"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "nothing written"
    );
    // Put right, the next capture lands.
    std::fs::write(&file, text.replace(", mood: \"great\"", "")).unwrap();
    ok(&file, &["log", "@bob coffee: second"]);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\"second\"")
    );
}

#[test]
fn captures_and_other_changes_from_two_processes_at_once_lose_nothing() {
    use std::process::Command;
    let (_dir, file) = book();
    ok(&file, &["log", "@alice coffee: before"]);
    // One process logs (reading only the people of the file kith last
    // saved), the other adds people (reading the whole book): each must see
    // the other's saves, and neither may write over them.
    let writer = |command: &str| {
        let script = format!(
            "i=1; while [ $i -le 30 ]; do \"$0\" --file \"$1\" --today 2026-11-26 \
             --config /nonexistent/k.ron {command} >/dev/null || exit 1; i=$((i+1)); done"
        );
        Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_kith")])
            .arg(&file)
            .spawn()
            .unwrap()
    };
    let mut logs = writer("log \"@bob call: number $i\"");
    let mut adds = writer("add \"Newcomer $i\"");
    assert!(logs.wait().unwrap().success());
    assert!(adds.wait().unwrap().success());
    let bob = show_json(&file, "bob");
    let mut summaries: Vec<String> = bob["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap().to_string())
        .collect();
    summaries.sort_unstable();
    let mut expected: Vec<String> = (1..=30).map(|i| format!("number {i}")).collect();
    expected.sort_unstable();
    assert_eq!(summaries, expected);
    let list: serde_json::Value = serde_json::from_str(&ok(&file, &["list", "--json"])).unwrap();
    let newcomers = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"].as_str().unwrap().starts_with("Newcomer "))
        .count();
    assert_eq!(newcomers, 30);
    ok(&file, &["check"]);
}
