//! The Intros tab in the real binary, on a temp copy of the demo book: `5`,
//! Enter on the best suggestion, Enter on the pre-filled capture line; the
//! intro is in the file and the suggestion is gone from the tab.

use crate::common::pty::{Pty, keys};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn enter_on_a_suggestion_then_on_the_line_logs_the_intro() {
    let today = "2026-11-26".parse().unwrap();
    let demo = kith::demo::demo_book(today);
    let best = kith::tui::panes::intros::suggest(&demo, &kith::config::Config::default())
        .into_iter()
        .next()
        .expect("the demo book has introductions to suggest");
    let kith::intros::Candidate::Person(helper) = best.candidate else {
        panic!("the best suggestion is an intro: {best:?}");
    };
    let (needer, helper_name) = (demo.name_of(best.person), demo.name_of(helper));

    let (_dir, path, mut kith) = Pty::on_book(&demo, 120, 30);
    kith.send("5");
    kith.wait_for(&format!("{needer} needs “{}”", best.need), WAIT);
    kith.wait_for(&format!("→ {helper_name} could help"), WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("┌ Capture", WAIT);
    kith.wait_for(&format!("intro: {}", best.need), WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("saved: logged intro", WAIT);

    let (_, book) = kith::store::Store::open(&path, today).unwrap();
    let intro = book.entries.last().unwrap();
    assert_eq!(intro.kind.as_str(), "intro");
    assert!(intro.people.contains(&best.person) && intro.people.contains(&helper));
    assert_eq!(intro.summary, best.need);
    // The tab now holds what the book on disk suggests: the pair is gone.
    let now = kith::tui::panes::intros::suggest(&book, &kith::config::Config::default());
    assert!(
        !now.iter()
            .any(|s| s.person == best.person && s.candidate == best.candidate)
    );
    kith.wait_for(&format!("5 Intros ({})", now.len()), WAIT);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

/// `p p` on one suggestion writes one promise: the second `p` only says it
/// is already promised, and the suggestion shows "promised".
#[test]
fn p_twice_promises_the_intro_once() {
    let today = "2026-11-26".parse().unwrap();
    let demo = kith::demo::demo_book(today);
    let best = kith::tui::panes::intros::suggest(&demo, &kith::config::Config::default())
        .into_iter()
        .next()
        .expect("the demo book has introductions to suggest");
    let promises =
        |book: &kith::model::Book| book.entries.iter().filter(|e| e.is_open_promise()).count();
    let before = promises(&demo);

    let (_dir, path, mut kith) = Pty::on_book(&demo, 120, 30);
    kith.send("5");
    kith.wait_for(&format!("“{}”", best.need), WAIT);
    kith.send("p");
    kith.wait_for("promised: intro", WAIT);
    kith.wait_for("promised · ", WAIT);
    kith.send("p");
    kith.wait_for("already promised", WAIT);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());

    let (_, book) = kith::store::Store::open(&path, today).unwrap();
    assert_eq!(promises(&book), before + 1, "one promise, not two");
}
