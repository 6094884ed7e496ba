//! The Timeline's `f` chooser and the Timeline filtered to one kind, as whole
//! screens at fixed sizes with a fixed today.

use crate::common::screen::{Screen, draw, on_fixture};
use kith::tui::Action;
use kith::tui::app::Tab;

fn timeline() -> Screen {
    let mut s = on_fixture("tui_book.ron");
    s.app.update(Action::GoTo(Tab::Timeline));
    s
}

/// The chooser's rows down to the one labelled `label`.
fn walk_to(s: &mut Screen, label: &str) {
    let at = s
        .app
        .filter_chooser()
        .unwrap()
        .rows
        .iter()
        .position(|(f, _)| f.label() == label)
        .unwrap();
    for _ in 0..at {
        s.app.update(Action::Down);
    }
}

#[test]
fn the_chooser_counts_each_kind() {
    let mut s = timeline();
    s.app.update(Action::Filter);
    walk_to(&mut s, "help");
    insta::assert_snapshot!("filter_chooser_80x24", draw(&s.app, 80, 24));
}

#[test]
fn the_chooser_scrolls_at_the_minimum_size() {
    let mut s = timeline();
    s.app.update(Action::Filter);
    s.app.update(Action::Bottom);
    let screen = draw(&s.app, 60, 16);
    assert!(
        screen.contains("referral") && !screen.contains("│• all"),
        "{screen}"
    );
    insta::assert_snapshot!("filter_chooser_60x16", screen);
}

#[test]
fn the_timeline_of_one_kind_says_so() {
    let mut s = timeline();
    s.app.update(Action::Filter);
    walk_to(&mut s, "help");
    s.app.update(Action::Submit);
    let screen = draw(&s.app, 80, 24);
    assert!(screen.contains("Timeline kind: help"), "{screen}");
    insta::assert_snapshot!("filter_help_80x24", screen);
}
