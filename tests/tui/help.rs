//! The `?` overlay at small sizes: columns first, then scrolling, so every
//! key of the pane's table and of Everywhere can be read at 60×16.

use crate::common::screen::{Screen, draw, on_fixture};
use kith::tui::Action;
use kith::tui::Table;
use kith::tui::app::{App, Tab};

fn help() -> Screen {
    let mut screen = on_fixture("tui_book.ron");
    screen.app.update(Action::Help);
    screen
}

/// Every screen from the top of the overlay to its end, a page at a time.
fn pages(app: &mut App, width: u16, height: u16) -> Vec<String> {
    let mut screens = vec![draw(app, width, height)];
    for _ in 0..20 {
        app.update(Action::PageDown);
        let screen = draw(app, width, height);
        if screens.last() == Some(&screen) {
            return screens;
        }
        screens.push(screen);
    }
    panic!("the overlay never stopped scrolling");
}

/// Is there a line with `keys` and then `help` on it?
fn shows(screen: &str, keys: &str, help: &str) -> bool {
    screen
        .lines()
        .any(|l| l.find(keys).is_some_and(|k| l[k..].contains(help)))
}

#[test]
fn every_key_of_the_pane_and_everywhere_can_be_scrolled_to() {
    for tab in Tab::ALL {
        for (width, height) in [(60, 16), (80, 24)] {
            let mut s = help();
            s.app.update(Action::Back);
            s.app.update(Action::GoTo(tab));
            s.app.update(Action::Help);
            let screens = pages(&mut s.app, width, height);
            for table in [tab.table(), Table::Global] {
                for (keys, help) in s.app.keymap().help_rows(table) {
                    assert!(
                        screens.iter().any(|screen| shows(screen, &keys, help)),
                        "{keys} {help} never shown on {tab:?} at {width}x{height}:\n{}",
                        screens.join("\n")
                    );
                }
            }
        }
    }
}

#[test]
fn the_end_shows_the_last_keys_and_says_there_is_more_above() {
    let mut s = help();
    let top = draw(&s.app, 60, 16);
    assert!(top.contains("↓ more") && !top.contains("↑ more"), "{top}");
    assert!(!top.contains("delete"), "d is below the fold:\n{top}");
    s.app.update(Action::Bottom);
    let end = draw(&s.app, 60, 16);
    let (keys, help) = s.app.keymap().help_rows(Table::People).pop().unwrap();
    assert!(shows(&end, &keys, help), "{keys} {help} missing:\n{end}");
    assert!(end.contains("↑ more") && !end.contains("↓ more"), "{end}");
    assert!(end.contains("Esc closes"));
    insta::assert_snapshot!("help_60x16_end", end);
    s.app.update(Action::Top);
    assert_eq!(draw(&s.app, 60, 16), top, "g goes back to the top");
}

#[test]
fn a_wide_screen_fits_everything_without_scrolling() {
    let mut s = help();
    s.app.update(Action::Back);
    s.app.update(Action::GoTo(Tab::Timeline));
    s.app.update(Action::Help);
    let screen = draw(&s.app, 120, 40);
    assert!(!screen.contains("more"), "{screen}");
    for table in [Table::Timeline, Table::Global] {
        for (keys, help) in s.app.keymap().help_rows(table) {
            assert!(shows(&screen, &keys, help), "{keys} {help}:\n{screen}");
        }
    }
}

#[test]
fn review_help_at_the_minimum_size() {
    let mut s = help();
    s.app.update(Action::Back);
    s.app.update(Action::GoTo(Tab::Review));
    s.app.update(Action::Help);
    insta::assert_snapshot!("help_review_60x16", draw(&s.app, 60, 16));
}

#[test]
fn a_scrolled_overlay_keeps_each_column_s_section_title_on_top() {
    let mut s = help();
    s.app.update(Action::Down);
    let screen = draw(&s.app, 60, 16);
    let first = screen.lines().nth(1).unwrap();
    assert!(
        first.contains("People (cont.)") && first.contains("Everywhere (cont.)"),
        "{screen}"
    );
    // The pin takes the title's own row: the first key is still in sight.
    let (keys, help) = s.app.keymap().help_rows(Table::People)[0].clone();
    let second = screen.lines().nth(2).unwrap();
    assert!(shows(second, &keys, help), "{keys} {help}:\n{screen}");
    s.app.update(Action::Up);
    let top = draw(&s.app, 60, 16);
    assert!(
        !top.contains("(cont.)"),
        "at the top the titles are their own:\n{top}"
    );
}
