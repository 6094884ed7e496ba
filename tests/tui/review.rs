//! The Review tab as text, on the demo book with today fixed at 2026-11-26:
//! the first person (several reasons), a CJK name, the snooze chooser, the
//! summary. Review a changed snapshot by eye before accepting it.

use crate::common::screen::{Screen, draw, on_demo};
use kith::tui::Key;
use kith::tui::app::App;

fn demo() -> Screen {
    on_demo()
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(Key::char(c));
    }
}

fn current(app: &App) -> String {
    app.person(app.review_person().unwrap())
        .unwrap()
        .name
        .clone()
}

fn both_sizes(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), draw(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), draw(app, 120, 40));
}

/// Skips people until `name` is on screen.
fn skip_to(app: &mut App, name: &str) {
    while current(app) != name {
        press(app, "n");
    }
}

#[test]
fn a_person_with_several_reasons() {
    let mut s = demo();
    press(&mut s.app, "r");
    skip_to(&mut s.app, "José García"); // a promise, a follow-up and a birthday
    both_sizes("review_several_reasons", &s.app);
}

#[test]
fn the_first_person() {
    let mut s = demo();
    press(&mut s.app, "r");
    assert_eq!(current(&s.app), "Chloé Moreau");
    insta::assert_snapshot!(draw(&s.app, 80, 24));
}

#[test]
fn a_cjk_name() {
    let mut s = demo();
    // Not in today's ten: everyone due (`a`) reaches her.
    press(&mut s.app, "ra");
    skip_to(&mut s.app, "이서연");
    both_sizes("review_cjk", &s.app);
}

#[test]
fn the_snooze_chooser_and_its_date_field() {
    let mut s = demo();
    press(&mut s.app, "rs");
    insta::assert_snapshot!("snooze_chooser", draw(&s.app, 80, 24));
    press(&mut s.app, "t+10d");
    insta::assert_snapshot!("snooze_date", draw(&s.app, 80, 24));
}

#[test]
fn the_summary() {
    let mut s = demo();
    press(&mut s.app, "rxssn");
    while s.app.review_person().is_some() {
        press(&mut s.app, "n");
    }
    both_sizes("review_summary", &s.app);
}

#[test]
fn the_review_at_the_minimum_size() {
    let mut s = demo();
    press(&mut s.app, "r");
    skip_to(&mut s.app, "José García");
    insta::assert_snapshot!(draw(&s.app, 60, 16));
}

/// The done screen says one next step and offers no key with nothing to act
/// on: after everyone due (`a`), nothing more is due, so it does not say so
/// twice in two ways ("14 more are due" and "nothing else is due today"),
/// and `x`, `s` and `n` leave the hint line.
#[test]
fn the_done_screen_after_everyone_due() {
    let mut s = demo();
    press(&mut s.app, "ra");
    while s.app.review_person().is_some() {
        press(&mut s.app, "n");
    }
    let screen = draw(&s.app, 80, 24);
    assert!(!screen.contains("more are due"), "{screen}");
    assert_eq!(screen.matches("Next:").count(), 1, "{screen}");
    let hints = screen.lines().last().unwrap();
    for gone in ["x resolve", "s snooze", "n skip"] {
        assert!(!hints.contains(gone), "{hints}");
    }
    both_sizes("review_done_everyone", &s.app);
}
