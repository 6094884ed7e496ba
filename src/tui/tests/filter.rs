//! The Timeline's `f` chooser: one kind (or a weight) at a time, counted,
//! combined with the person filter, and left by Esc or `w`.

use ratatui::crossterm::event::KeyCode;

use crate::config::Config;
use crate::model::{Kind, PersonId};
use crate::store::Store;
use crate::tui::app::{App, Tab};
use crate::tui::keys::keymap::{Key, Keymap};
use crate::tui::panes::lists::WeightFilter;
use crate::tui::test_support::{BOOK, Top, fixture, today};

fn kinds_shown(app: &App) -> Vec<String> {
    app.lists()
        .timeline
        .iter()
        .map(|i| app.book().entries[*i].kind.to_string())
        .collect()
}

/// The chooser's row for `label` and its count.
fn row(app: &App, label: &str) -> Option<(usize, usize)> {
    let rows = &app.filter_chooser()?.rows;
    rows.iter()
        .position(|(f, _)| f.label() == label)
        .map(|at| (at, rows[at].1))
}

/// Opens the chooser and walks to `label` with `j`, then Enter.
fn choose(app: &mut App, label: &str) {
    app.handle_key(Key::char('f'));
    let (at, _) = row(app, label).expect("a row for it");
    app.handle_key(Key::char('g'));
    for _ in 0..at {
        app.handle_key(Key::char('j'));
    }
    app.handle_key(Key::plain(KeyCode::Enter));
}

#[test]
fn f_chooses_one_kind_and_counts_every_choice() {
    let mut app = fixture().app;
    app.update(crate::tui::keys::action::Action::GoTo(Tab::Timeline));
    app.handle_key(Key::char('f'));
    assert_eq!(app.on_top(), Top::Filter);
    let chooser = app.filter_chooser().unwrap();
    assert_eq!(chooser.cursor.selected, 0, "on the filter in use: all");
    assert_eq!(chooser.rows[0], (WeightFilter::All, 25));
    assert_eq!(row(&app, "coffee"), Some((3, 7)));
    assert_eq!(row(&app, "help").map(|r| r.1), Some(3));
    let (deeds, touches) = (
        row(&app, "deeds").unwrap().1,
        row(&app, "touches").unwrap().1,
    );
    assert_eq!(deeds + touches, 25);
    assert_eq!(app.filter_chooser().unwrap().rows.len(), 3 + 12);
    app.handle_key(Key::plain(KeyCode::Esc));

    choose(&mut app, "help");
    assert_eq!(app.on_top(), Top::Panes);
    assert!(app.filter_chooser().is_none());
    assert_eq!(app.view.weight, WeightFilter::Kind(Kind::new("help")));
    assert_eq!(kinds_shown(&app), ["help"; 3]);
    assert_eq!(app.status.as_ref().unwrap().text, "showing kind: help");

    // Reopened, it sits on the kind in use; `w` goes back to everything.
    app.handle_key(Key::char('f'));
    assert_eq!(
        app.filter_chooser().unwrap().cursor.selected,
        row(&app, "help").unwrap().0
    );
    app.handle_key(Key::char('f'));
    assert_eq!(app.on_top(), Top::Panes, "f again closes it");
    app.handle_key(Key::char('w'));
    assert_eq!(app.view.weight, WeightFilter::All);
    assert_eq!(app.lists().timeline.len(), 25);
}

#[test]
fn esc_changes_nothing_and_the_selection_stays_on_its_entry() {
    let mut app = fixture().app;
    app.update(crate::tui::keys::action::Action::GoTo(Tab::Timeline));
    app.handle_key(Key::char('j'));
    app.handle_key(Key::char('j')); // Ana's favor, 2026-11-23
    let favor = app.selected_entry().unwrap();
    assert_eq!(app.book().entries[favor].kind, Kind::new("favor"));
    app.handle_key(Key::char('f'));
    app.handle_key(Key::char('G'));
    app.handle_key(Key::plain(KeyCode::Esc));
    assert_eq!(
        (app.on_top(), &app.view.weight),
        (Top::Panes, &WeightFilter::All)
    );
    assert!(app.filter_chooser().is_none());

    choose(&mut app, "favor");
    assert_eq!(app.lists().timeline, [favor]);
    assert_eq!(app.selected_entry(), Some(favor));
    choose(&mut app, "deeds");
    assert_eq!(app.selected_entry(), Some(favor), "still the favor");
}

#[test]
fn counts_follow_the_person_filter_and_combine_with_it() {
    let mut app = fixture().app;
    app.update(crate::tui::keys::action::Action::GoTo(Tab::Timeline));
    app.handle_key(Key::char('p')); // Hana: a call and a coffee
    assert_eq!(app.view.who, Some(PersonId(8)));
    app.handle_key(Key::char('f'));
    assert_eq!(row(&app, "all").map(|r| r.1), Some(2));
    assert_eq!(row(&app, "coffee").map(|r| r.1), Some(1));
    assert_eq!(row(&app, "favor").map(|r| r.1), Some(0));
    app.handle_key(Key::plain(KeyCode::Esc));
    choose(&mut app, "coffee");
    assert_eq!(kinds_shown(&app), ["coffee"]);
    app.handle_key(Key::char('p'));
    assert_eq!(kinds_shown(&app), ["coffee"; 7], "everyone's coffees");
}

#[test]
fn config_kinds_and_undeclared_kinds_can_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    // A kind the config no longer declares stays choosable.
    std::fs::write(
        &path,
        BOOK.replacen("kind: \"gift\"", "kind: \"karaoke\"", 1),
    )
    .unwrap();
    let (store, book) = Store::open(&path, today()).unwrap();
    let config = Config::parse(
        "(kinds: [(name: \"mentoring\", weight: deed)])",
        std::path::Path::new("c.ron"),
    )
    .unwrap();
    let mut app = App::new(store, book, config, Keymap::default(), today(), false);
    app.update(crate::tui::keys::action::Action::GoTo(Tab::Timeline));
    app.handle_key(Key::char('f'));
    let labels: Vec<_> = app
        .filter_chooser()
        .unwrap()
        .rows
        .iter()
        .map(|(f, _)| f.label().to_string())
        .collect();
    assert_eq!(labels[labels.len() - 2..], ["mentoring", "karaoke"]);
    assert_eq!(row(&app, "mentoring").map(|r| r.1), Some(0));
    app.handle_key(Key::plain(KeyCode::Esc));
    choose(&mut app, "karaoke");
    assert_eq!(kinds_shown(&app), ["karaoke"]);
    choose(&mut app, "mentoring");
    assert!(app.lists().timeline.is_empty());
}
