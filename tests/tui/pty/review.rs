//! The daily review in the real binary, on a temp copy of the demo book:
//! a promise kept (`x`), a snooze, a capture that keeps a promise, one of
//! several reasons resolved (`j x`), a skip, a promise released (`R`), leave,
//! quit; then the file and `kith review --print` agree with what was done.

use crate::common::pty::{Pty, TODAY, keys};
use std::process::Command;
use std::time::Duration;

use kith::model::review::{Handled, Reason, ReviewProgress, queue};
use kith::model::{Index, Kinds};

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn a_review_of_the_demo_book_is_saved_as_it_goes() {
    let today = "2026-11-26".parse().unwrap();
    let demo = kith::demo::demo_book(today);
    let index = Index::build(&demo, &Kinds::default());
    let q = queue(
        &demo,
        &index,
        &kith::config::Config::default().review_rules(),
        today,
    );
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
    let (first, second, third, fourth, fifth) = (name(0), name(1), name(2), name(3), name(4));
    assert_eq!(
        q[3].reasons
            .iter()
            .map(Reason::kind_name)
            .collect::<Vec<_>>(),
        ["promise", "follow_up", "reciprocate", "birthday"],
        "{fourth} has several reasons"
    );

    let (dir, path, mut kith) = Pty::on_book(&demo, 100, 30);
    let file = path.to_str().unwrap();
    kith.wait_for("People by", WAIT);
    kith.send("r");
    kith.wait_for(&format!("{first} ·"), WAIT);
    kith.wait_for("Review 1 of 10 · 14 more due", WAIT);
    // x: the promise is kept.
    kith.send("x");
    kith.wait_for(&format!("({first})"), WAIT);
    kith.wait_for("Review 2 of 10", WAIT);
    kith.wait_for(&format!("{second} ·"), WAIT);
    kith.send("s");
    kith.wait_for(&format!("Snooze {second}"), WAIT);
    kith.send("s");
    kith.wait_for(&format!("snoozed {second} until Thu 3 Dec"), WAIT);
    kith.wait_for(&format!("{third} ·"), WAIT);
    // c: a deed that keeps their promise, and kith offers to close it.
    kith.send("c");
    kith.wait_for("┌ Capture", WAIT);
    kith.send("favor: shared my backlog triage checklist");
    kith.wait_for("shared my backlog triage checklist", WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("Close it as kept by what you just logged?", WAIT);
    kith.send("y");
    kith.wait_for(&format!("kept a promise to {third}"), WAIT);
    kith.wait_for(&format!("{fourth} ·"), WAIT);
    // j x: only the highlighted follow-up closes; they stay for the rest.
    kith.send("j");
    kith.send("x");
    kith.wait_for("followed up: ", WAIT);
    kith.wait_for(&format!("{fourth} ·"), WAIT);
    kith.send("n");
    kith.wait_for(&format!("skipped {fourth}"), WAIT);
    kith.wait_for(&format!("{fifth} ·"), WAIT);
    // R: a promise released with a note.
    kith.send("R");
    kith.wait_for(&format!("Release a promise to {fifth}"), WAIT);
    kith.send("sent them to Noor instead");
    kith.send(keys::ENTER);
    kith.wait_for(
        &format!("released a promise to {fifth}: sent them to Noor instead"),
        WAIT,
    );
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
    let third_promise = q[2].reasons[0].entry().unwrap();
    assert!(
        book.entry(third_promise).unwrap().done,
        "closed by the favor"
    );
    let Reason::FollowUpDue {
        entry: follow_up, ..
    } = &q[3].reasons[1]
    else {
        panic!("{:?}", q[3].reasons)
    };
    assert!(book.entry(*follow_up).unwrap().done);
    let Reason::OpenPromise {
        entry: fourth_promise,
        ..
    } = &q[3].reasons[0]
    else {
        panic!()
    };
    assert!(
        book.entry(*fourth_promise).unwrap().is_open_promise(),
        "only the follow-up"
    );
    let fifth_promise = q[4].reasons[0].entry().unwrap();
    assert_eq!(
        book.entry(fifth_promise).unwrap().released.as_deref(),
        Some("sent them to Noor instead")
    );
    let snoozed = book.person(q[1].person).unwrap();
    assert_eq!(snoozed.snoozed_until, Some("2026-12-03".parse().unwrap()));
    let progress = ReviewProgress::of(&book, today);
    assert_eq!(
        progress.handled,
        vec![
            (q[0].person, Handled::Done),
            (q[1].person, Handled::Snoozed),
            (q[2].person, Handled::Logged),
            (q[3].person, Handled::Skipped),
            (q[4].person, Handled::Done),
        ]
    );

    // The same day, `review --print` agrees: a skip holds for the day too.
    let out = Command::new(env!("CARGO_BIN_EXE_kith"))
        .args(["--file", file, "review", "--print", "--today", TODAY])
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    for gone in [&first, &second, &third, &fourth] {
        assert!(!printed.contains(&format!("{gone} (")), "{gone}: {printed}");
    }
    // The fifth released a promise but still has a follow-up: still there.
    assert!(printed.contains("6 left of 10 today"), "{printed}");
    assert!(printed.contains(&format!("{fifth} (")), "{printed}");
}

#[test]
fn kith_review_opens_the_tui_on_the_review() {
    let today = "2026-11-26".parse().unwrap();
    let demo = kith::demo::demo_book(today);
    let (_dir, path, mut kith) = Pty::on_book_with(&demo, &["review"], &[], 100, 30);
    let before = std::fs::read(&path).unwrap();
    kith.wait_for("Review 1 of 10", WAIT);
    kith.send(keys::CTRL_C);
    assert!(kith.wait_exit(WAIT).success());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "looking writes nothing"
    );
}
