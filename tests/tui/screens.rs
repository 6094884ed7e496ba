//! Whole screens as text, at fixed sizes with a fixed today. These are the
//! product's face: review a changed snapshot by eye before accepting it.

use crate::common::screen::{Screen, draw, on_fixture, today};
use kith::tui::Action;
use kith::tui::app::{App, Tab};

fn open(fixture: &str) -> Screen {
    on_fixture(fixture)
}

fn book() -> Screen {
    on_fixture("tui_book.ron")
}

fn both_sizes(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), draw(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), draw(app, 120, 40));
}

#[test]
fn people() {
    let mut s = book();
    s.app.update(Action::Down);
    both_sizes("people", &s.app);
}

#[test]
fn people_at_the_minimum_size() {
    let s = book();
    insta::assert_snapshot!(draw(&s.app, 60, 16));
}

#[test]
fn timeline() {
    let mut s = book();
    s.app.update(Action::GoTo(Tab::Timeline));
    both_sizes("timeline", &s.app);
}

#[test]
fn timeline_deeds_of_one_person() {
    let mut s = book();
    s.app.update(Action::GoTo(Tab::Timeline));
    s.app.update(Action::Down); // Ana's intro with Gus
    s.app.update(Action::TogglePerson);
    s.app.update(Action::CycleWeight);
    insta::assert_snapshot!(draw(&s.app, 80, 24));
}

#[test]
fn coffee_only() {
    let mut s = book();
    s.app.update(Action::GoTo(Tab::Coffee));
    both_sizes("coffee", &s.app);
}

#[test]
fn coffee_only_empty_prompts_a_deed() {
    let mut s = book();
    s.app.update(Action::GoTo(Tab::Coffee));
    let everyone: Vec<_> = s.app.lists().coffee.clone();
    let ops = everyone
        .into_iter()
        .map(|id| {
            kith::model::Op::AddEntry(kith::model::Entry::new(
                today(),
                vec![id],
                kith::model::Kind::new("help"),
                "a deed",
            ))
        })
        .collect();
    let logged = kith::model::Op::Batch(ops);
    s.app
        .commit(logged, "logged deeds", kith::tui::Then::Nothing);
    assert_eq!(s.app.status.as_ref().unwrap().text, "logged deeds");
    insta::assert_snapshot!(draw(&s.app, 80, 24));
}

#[test]
fn open_card() {
    let mut s = book();
    s.app.update(Action::CycleSort); // by name: Ana first
    s.app.update(Action::Top);
    s.app.update(Action::Open);
    s.app.update(Action::Down);
    both_sizes("card", &s.app);
}

#[test]
fn help_overlay() {
    let mut s = book();
    s.app.update(Action::Help);
    both_sizes("help", &s.app);
    let screen = draw(&s.app, 60, 16);
    // At the minimum size the overlay scrolls (tests/tui/help.rs pages to every
    // key); it says there is more and keeps the scroll keys in the hint line.
    assert!(
        screen.contains("↓ more") && screen.contains("j down"),
        "help at the minimum size says it scrolls:\n{screen}"
    );
    insta::assert_snapshot!("help_60x16", screen);
}

#[test]
fn too_small() {
    let s = book();
    insta::assert_snapshot!(draw(&s.app, 59, 16));
    insta::assert_snapshot!("too_small_short", draw(&s.app, 80, 15));
}

#[test]
fn demo_and_status_messages_show_in_the_status_line() {
    let mut s = book();
    s.app.demo = true;
    s.app.update(Action::CycleSort);
    let screen = draw(&s.app, 80, 24);
    let status = screen.lines().nth(22).unwrap();
    assert!(status.contains(" DEMO "), "{status}");
    assert!(status.contains("sorted by name"), "{status}");
}

#[test]
fn unicode_names_truncate_by_width() {
    let mut s = open("unicode_book.ron");
    s.app.update(Action::CycleSort);
    both_sizes("unicode_people", &s.app);
    s.app.update(Action::GoTo(Tab::Timeline));
    insta::assert_snapshot!("unicode_timeline_80x24", draw(&s.app, 80, 24));
    s.app.update(Action::GoTo(Tab::Coffee));
    insta::assert_snapshot!("unicode_coffee_80x24", draw(&s.app, 80, 24));
}

/// The hint line of every tab, at the minimum width and at 80: the keys that
/// start the daily flows (`c` capture, `/` find, `r` review) and `u` undo
/// are always there; the tab's own keys are cut first.
#[test]
fn hint_lines_keep_the_daily_flows_on_every_tab() {
    for tab in Tab::ALL {
        let mut s = book();
        s.app.update(Action::GoTo(tab));
        let mut lines = String::new();
        for (width, height) in [(60, 16), (80, 24)] {
            let screen = draw(&s.app, width, height);
            let hints = screen.lines().last().unwrap().to_string();
            // On the Review `c` is the review's own capture, `r` its tab.
            for key in [" c ", " / ", " r ", " u ", " ? "] {
                assert!(hints.contains(key), "{tab:?} at {width}: {hints}");
            }
            lines.push_str(&format!("{width}: {hints}\n"));
        }
        insta::assert_snapshot!(format!("hints_{}", tab.config_name()), lines);
    }
}
