//! `kith review --print` on temp files, through the real binary.

use chrono::NaiveDate;
use std::path::Path;
use std::process::{Command, Output};

use kith::model::{Book, Direction, Entry, Kind, Op, Person, PersonId};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn kith(file: &Path, config: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("--file")
        .arg(file)
        .arg("--config")
        .arg(config)
        .args(["--today", today])
        .args(args)
        .output()
        .expect("kith runs")
}

fn ok(file: &Path, config: &Path, today: &str, args: &[&str]) -> String {
    let out = kith(file, config, today, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Ana: an open promise; Bo: tagged `family` (14-day cadence in the config);
/// Cy: a birthday on Sunday; Di: archived with a promise; Eve: snoozed.
fn write_book(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let mut book = Book::default();
    let mut add = |name: &str, edit: &dyn Fn(&mut Person)| {
        let mut p = Person::new(PersonId(0), name);
        edit(&mut p);
        Op::AddPerson(p).apply(&mut book).unwrap();
    };
    add("Ana García", &|p| p.org = Some("Acme".into()));
    add("Bo", &|p| p.tags = vec!["family".into()]);
    add("Cy 王", &|p| p.birthday = "11-29".parse().ok());
    add("Di", &|p| p.archived = true);
    add("Eve", &|p| p.snoozed_until = Some(d("2026-11-28")));
    let mut log = |date: &str, who: u32, kind: &str, summary: &str| {
        let mut e = Entry::new(
            d(date),
            vec![PersonId(who.into())],
            Kind::new(kind),
            summary,
        );
        e.direction = Direction::Gave;
        Op::AddEntry(e).apply(&mut book).unwrap();
    };
    log("2026-11-21", 1, "promise", "intro to Dana");
    log("2026-10-10", 2, "favor", "helped move");
    log("2026-11-01", 4, "promise", "archived promise");
    log("2026-11-01", 5, "promise", "snoozed promise");
    let file = dir.join("kith.ron");
    kith::store::write_book(&file, &book).unwrap();
    let config = dir.join("config.ron");
    std::fs::write(&config, r#"(tag_cadence: {"family": 14})"#).unwrap();
    (file, config)
}

#[test]
fn prints_the_queue_as_text_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (file, config) = write_book(dir.path());
    let out = ok(&file, &config, "2026-11-26", &["review", "--print"]);
    assert_eq!(
        out,
        "Review of Thu 26 Nov 2026 — 3 today\n\
         \n\
         Ana García (p1) · Acme\n  you promised: intro to Dana · 5 days ago\n\
         \n\
         Cy 王 (p3)\n  birthday in 3 days (Sun 29 Nov)\n\
         \n\
         Bo (p2)\n  every 14 days · last contact 47 days ago\n",
        "the promise first, then the birthday (125) before a cadence 33 days past"
    );
}

#[test]
fn prints_json_and_snoozes_expire_with_today() {
    let dir = tempfile::tempdir().unwrap();
    let (file, config) = write_book(dir.path());
    let out = ok(
        &file,
        &config,
        "2026-11-28",
        &["review", "--print", "--json"],
    );
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec!["p5", "p1", "p3", "p2"],
        "Eve is back, oldest promise first"
    );
    assert_eq!(rows[1]["name"], "Ana García");
    assert_eq!(
        rows[0]["reasons"],
        serde_json::json!([{
            "kind": "promise",
            "text": "you promised: snoozed promise · 27 days ago",
            "entry": "e4",
        }])
    );
    assert_eq!(
        rows[2]["reasons"],
        serde_json::json!([{
            "kind": "birthday",
            "text": "birthday tomorrow (Sun 29 Nov)",
            "entry": null,
        }])
    );
}

#[test]
fn an_empty_or_missing_book_has_nothing_to_review() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("none.ron");
    let config = dir.path().join("none-config.ron");
    let out = ok(&file, &config, "2026-11-26", &["review", "--print"]);
    assert_eq!(out, "Nothing to review on Thu 26 Nov 2026.\n");
    let out = ok(
        &file,
        &config,
        "2026-11-26",
        &["review", "--print", "--json"],
    );
    assert_eq!(out.trim(), "[]");
    assert!(!file.exists(), "printing never writes");
}

#[test]
fn a_broken_file_exits_2_and_review_without_print_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let config = dir.path().join("none-config.ron");
    std::fs::write(&file, "(version: 1, people: [oops").unwrap();
    let out = kith(&file, &config, "2026-11-26", &["review", "--print"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kith.ron:1:"));
    let (file, config) = write_book(dir.path());
    let out = kith(&file, &config, "2026-11-26", &["review"]);
    assert_eq!(out.status.code(), Some(1));
    let out = kith(&file, &config, "2026-11-26", &["review", "--json"]);
    assert_eq!(out.status.code(), Some(2), "--json needs --print");
}

/// Twelve people due for cadence (56 days past it down to 45), and Ngozi, who
/// referred you a contract 50 days ago with nothing back since (weighs 59:
/// 29 days past `reciprocate_days`, and a debt counts 30 more).
fn busy_book(dir: &Path) -> std::path::PathBuf {
    let mut book = Book::default();
    for i in 0..12 {
        let mut p = Person::new(PersonId(0), format!("Person {i:02}"));
        p.cadence = Some(30);
        Op::AddPerson(p).apply(&mut book).unwrap();
        let who = vec![PersonId(i + 1)];
        let e = Entry::new(
            d("2026-06-01"),
            who.clone(),
            Kind::new("favor"),
            "lent a book",
        );
        Op::AddEntry(e).apply(&mut book).unwrap();
        let date = d("2026-09-01") + chrono::Days::new(i);
        let e = Entry::new(date, who, Kind::new("call"), "caught up");
        Op::AddEntry(e).apply(&mut book).unwrap();
    }
    Op::AddPerson(Person::new(PersonId(0), "Ngozi Okafor"))
        .apply(&mut book)
        .unwrap();
    let mut e = Entry::new(
        d("2026-10-07"),
        vec![PersonId(13)],
        Kind::new("referral"),
        "a payments contract",
    );
    e.direction = Direction::Received;
    Op::AddEntry(e).apply(&mut book).unwrap();
    let file = dir.join("kith.ron");
    kith::store::write_book(&file, &book).unwrap();
    file
}

#[test]
fn a_day_holds_review_size_people_and_all_lists_everyone() {
    let dir = tempfile::tempdir().unwrap();
    let file = busy_book(dir.path());
    let config = dir.path().join("config.ron");
    std::fs::write(&config, "(review_size: 5)").unwrap();
    let out = ok(&file, &config, "2026-11-26", &["review", "--print"]);
    assert!(
        out.starts_with("Review of Thu 26 Nov 2026 — 5 today · 8 more due\n"),
        "{out}"
    );
    assert_eq!(out.matches(" (p").count(), 5, "{out}");
    assert!(
        out.contains("Ngozi Okafor (p13)\n  referred you: a payments contract · 50 days ago; nothing back since\n"),
        "a favor to return weighs most: {out}"
    );
    assert!(
        out.contains("Person 00 (p1)"),
        "then the furthest past their cadence: {out}"
    );
    assert!(!out.contains("Person 05"), "{out}");
    assert!(
        out.ends_with("kith review --print --all lists everyone due.\n"),
        "{out}"
    );
    let all = ok(
        &file,
        &config,
        "2026-11-26",
        &["review", "--print", "--all"],
    );
    assert_eq!(all.matches(" (p").count(), 13, "{all}");
    let json = ok(
        &file,
        &config,
        "2026-11-26",
        &["review", "--print", "--json"],
    );
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 5);
    assert_eq!(rows[0]["reasons"][0]["kind"], "reciprocate");
    assert_eq!(rows[0]["reasons"][0]["entry"], "e25");
}

#[test]
fn a_skip_holds_for_the_day_in_print_and_the_day_stays_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let file = busy_book(dir.path());
    let config = dir.path().join("config.ron");
    std::fs::write(&config, "(review_size: 5)").unwrap();
    let today = d("2026-11-26");
    let (mut store, mut book) = kith::store::Store::open(&file, today).unwrap();
    store
        .update(&mut book, |b| {
            Ok(kith::model::review::skip(b, PersonId(13), today))
        })
        .unwrap();
    let out = ok(&file, &config, "2026-11-26", &["review", "--print"]);
    assert!(!out.contains("Ngozi"), "skipped today: {out}");
    assert!(
        out.starts_with("Review of Thu 26 Nov 2026 — 4 left of 5 today · 8 more due\n"),
        "{out}"
    );
    assert!(
        !ok(
            &file,
            &config,
            "2026-11-26",
            &["review", "--print", "--all"]
        )
        .contains("Ngozi")
    );
    let tomorrow = ok(&file, &config, "2026-11-27", &["review", "--print"]);
    assert!(tomorrow.contains("Ngozi"), "back the next day: {tomorrow}");
}

#[test]
fn show_json_says_until_when_someone_is_snoozed() {
    let dir = tempfile::tempdir().unwrap();
    let (file, config) = write_book(dir.path());
    let eve: serde_json::Value = serde_json::from_str(&ok(
        &file,
        &config,
        "2026-11-26",
        &["show", "Eve", "--json"],
    ))
    .unwrap();
    assert_eq!(eve["snoozed_until"], "2026-11-28");
    let bo: serde_json::Value =
        serde_json::from_str(&ok(&file, &config, "2026-11-26", &["show", "Bo", "--json"])).unwrap();
    assert_eq!(bo["snoozed_until"], serde_json::Value::Null);
}

/// `kith list --due` lists the people the review brings today, all of them:
/// on the demo the review says "10 today · 14 more due", and list --due
/// listed only the 10 with a promise, a follow-up or a cadence due.
#[test]
fn list_due_and_the_review_agree_on_who_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kith.ron");
    let book = kith::demo::demo_book(d("2026-11-26"));
    kith::store::write_book(&file, &book).unwrap();
    let config = dir.path().join("none.ron");
    let ids = |json: &str| -> std::collections::BTreeSet<String> {
        let rows: serde_json::Value = serde_json::from_str(json).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let review = ids(&ok(
        &file,
        &config,
        "2026-11-26",
        &["review", "--print", "--all", "--json"],
    ));
    let due = ids(&ok(
        &file,
        &config,
        "2026-11-26",
        &["list", "--due", "--json"],
    ));
    assert_eq!(due, review);
    assert_eq!(due.len(), 24, "10 today and 14 more");
    let text = ok(&file, &config, "2026-11-26", &["list"]);
    let marked = text
        .lines()
        .filter(|l| l.split_whitespace().any(|w| w == "due"));
    assert_eq!(marked.count(), 24, "{text}");
}
