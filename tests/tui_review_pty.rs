//! The daily review in the real binary, on a temp copy of the demo book:
//! done, snooze, capture, skip, leave, quit; then the file and
//! `kith review --print` agree with what was done.

mod common;

use common::pty::{Pty, TODAY, keys};
use std::process::Command;
use std::time::Duration;

use kith::model::review::{Outcome, Reason, ReviewProgress, queue};
use kith::model::{Index, Kinds};

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn a_review_of_the_demo_book_is_saved_as_it_goes() {
    let today = "2026-11-26".parse().unwrap();
    let demo = kith::demo::demo_book(today);
    let index = Index::build(&demo, &Kinds::default());
    let q = queue(&demo, &index, &kith::config::Config::default(), today);
    let name = |i: usize| demo.person(q[i].person).unwrap().name.clone();
    // The demo book's queue opens with an open promise of yours.
    let Reason::OpenPromise {
        entry: promise,
        direction,
        ..
    } = q[0].top().clone()
    else {
        panic!("the first person is in for an open promise: {:?}", q[0]);
    };
    assert_eq!(direction, kith::model::Direction::Gave);
    let (first, second, third, fourth) = (name(0), name(1), name(2), name(3));

    let (dir, path, mut kith) = Pty::on_book(&demo, 100, 30);
    let file = path.to_str().unwrap();
    kith.wait_for("People by", WAIT);
    kith.send("r");
    kith.wait_for(&format!("{first} ·"), WAIT);
    kith.wait_for("Review 1 of 20", WAIT);
    kith.send("x");
    kith.wait_for(&format!("done with {first}"), WAIT);
    kith.wait_for("Review 2 of 20", WAIT);
    kith.wait_for(&format!("{second} ·"), WAIT);
    kith.send("s");
    kith.wait_for(&format!("Snooze {second}"), WAIT);
    kith.send("s");
    kith.wait_for(&format!("snoozed {second} until Thu 3 Dec"), WAIT);
    kith.wait_for(&format!("{third} ·"), WAIT);
    kith.send("c");
    kith.wait_for("┌ Capture", WAIT);
    kith.send("favor: shared my backlog triage checklist");
    kith.wait_for("shared my backlog triage checklist", WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("saved:", WAIT);
    kith.wait_for(&format!("{fourth} ·"), WAIT);
    kith.send("n");
    kith.wait_for(&format!("skipped {fourth}"), WAIT);
    kith.wait_for("Review 5 of 20", WAIT);
    kith.send("q");
    kith.wait_for("People by", WAIT);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());

    let (_, book) = kith::store::Store::open(&path, today).unwrap();
    let kept = book.entries.iter().find(|e| e.id == promise).unwrap();
    assert!(kept.done, "the promise is completed in the file");
    assert_eq!(kept.done_on, Some(today));
    let favor = book
        .entries
        .iter()
        .find(|e| e.summary == "shared my backlog triage checklist")
        .expect("the favor is in the file");
    assert_eq!(favor.kind.as_str(), "favor");
    assert_eq!(favor.people, vec![q[2].person]);
    assert_eq!(favor.date, today);
    let snoozed = book.person(q[1].person).unwrap();
    assert_eq!(snoozed.snoozed_until, Some("2026-12-03".parse().unwrap()));
    let progress = ReviewProgress::of(&book, today);
    assert_eq!(
        progress.handled,
        vec![
            (q[0].person, Outcome::Done),
            (q[1].person, Outcome::Snoozed),
            (q[2].person, Outcome::Logged),
            (q[3].person, Outcome::Skipped),
        ]
    );

    let out = Command::new(env!("CARGO_BIN_EXE_kith"))
        .args(["--file", file, "review", "--print", "--today", TODAY])
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(!printed.contains(&format!("{first} (")), "{printed}");
    assert!(!printed.contains(&format!("{second} (")), "{printed}");
    assert!(
        printed.contains(&format!("{fourth} (")),
        "skipped is still due"
    );
}

#[test]
fn kith_review_opens_the_tui_on_the_review() {
    let today = "2026-11-26".parse().unwrap();
    let demo = kith::demo::demo_book(today);
    let (_dir, path, mut kith) = Pty::on_book_with(&demo, &["review"], &[], 100, 30);
    let before = std::fs::read(&path).unwrap();
    kith.wait_for("Review 1 of 20", WAIT);
    kith.send(keys::CTRL_C);
    assert!(kith.wait_exit(WAIT).success());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "looking writes nothing"
    );
}
