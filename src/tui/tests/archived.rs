//! Archived people on the People tab: `.` brings them into the list (and
//! takes them out again), `A` unarchives one from there, and sorting keeps
//! them in.

use crate::model::PersonId;
use crate::store::parse_book;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Key;
use crate::tui::layers::Ask;
use crate::tui::panes::lists::Order;
use crate::tui::test_support::{Top, fixture};

/// Lena Vogel, the fixture's one archived person.
const LENA: PersonId = PersonId(12);

fn select(app: &mut App, id: PersonId) {
    app.update(Action::Top);
    while app.selected_person() != Some(id) {
        let before = app.selected_person();
        app.update(Action::Down);
        assert_ne!(app.selected_person(), before, "{id:?} is not in the list");
    }
}

fn status(app: &App) -> &str {
    &app.status.as_ref().expect("a message").text
}

#[test]
fn dot_shows_and_hides_archived_people() {
    let mut app = fixture().app;
    assert!(!app.lists().people.contains(&LENA));
    let active = app.lists().people.len();

    app.handle_key(Key::char('.'));
    assert!(app.view.sort.archived);
    assert!(app.lists().people.contains(&LENA));
    assert_eq!(app.lists().people.len(), active + 1);
    assert_eq!(status(&app), "showing 1 archived person");

    select(&mut app, LENA);
    app.handle_key(Key::char('.'));
    assert!(!app.view.sort.archived);
    assert!(!app.lists().people.contains(&LENA));
    assert_eq!(status(&app), "archived people hidden");
    assert!(
        app.selected_person().is_some(),
        "the cursor lands on someone"
    );
}

#[test]
fn sorting_keeps_archived_people_shown() {
    let mut app = fixture().app;
    app.update(Action::ShowArchived);
    select(&mut app, LENA);
    app.update(Action::CycleSort);
    assert_eq!(app.view.sort.by, Order::Name);
    assert!(app.view.sort.archived, "the toggle survives a new order");
    assert_eq!(app.selected_person(), Some(LENA), "selection kept");
    let names: Vec<_> = app
        .lists()
        .people
        .iter()
        .map(|id| app.person(*id).unwrap().name.as_str())
        .collect();
    assert!(names.is_sorted(), "{names:?}");
    assert_eq!(names.last(), Some(&"Lena Vogel"), "last by name");
}

#[test]
fn an_archived_person_is_unarchived_from_the_list_and_stays_selected() {
    let f = fixture();
    let mut app = f.app;
    app.handle_key(Key::char('.'));
    select(&mut app, LENA);
    app.handle_key(Key::char('A'));
    assert_eq!(app.on_top(), Top::Question(Ask::Archive(LENA)));
    app.handle_key(Key::char('y'));
    assert_eq!(status(&app), "unarchived Lena Vogel");
    let on_disk = parse_book(&f.path, &std::fs::read(&f.path).unwrap()).unwrap();
    assert!(!on_disk.person(LENA).unwrap().archived);
    assert_eq!(app.selected_person(), Some(LENA));

    // Archived again with the toggle still on: the row stays (marked).
    app.handle_key(Key::char('A'));
    app.handle_key(Key::char('y'));
    assert!(app.person(LENA).unwrap().archived);
    assert_eq!(app.selected_person(), Some(LENA));
}

#[test]
fn undoing_an_archive_selects_the_person_brought_back() {
    let f = fixture();
    let mut app = f.app;
    app.update(Action::Down);
    let ana = app.selected_person().unwrap();
    app.handle_key(Key::char('A'));
    app.handle_key(Key::char('y'));
    assert!(app.person(ana).unwrap().archived, "{:?}", app.status);
    assert_ne!(
        app.selected_person(),
        Some(ana),
        "the next one took the row"
    );
    app.handle_key(Key::char('u'));
    assert!(!app.person(ana).unwrap().archived, "{}", status(&app));
    assert_eq!(app.selected_person(), Some(ana), "back, and selected");
    // Redo archives them again; the cursor stays on a row of the list.
    app.handle_key(Key::ctrl('r'));
    assert!(app.person(ana).unwrap().archived);
    assert_ne!(app.selected_person(), Some(ana));
}
