//! The card through `App::handle_key`: it types nothing, so the global keys
//! work on it as on the panes (issue 28: `u`, `/`, `1`–`5` and Tab did
//! nothing there, although the tab bar is drawn and help lists them).

use ratatui::crossterm::event::KeyCode;

use crate::tui::app::{App, Tab};
use crate::tui::keys::keymap::Key;
use crate::tui::test_support::{Top, fixture, on_disk, press, type_str};

fn open_card(app: &mut App) -> crate::model::PersonId {
    press(app, KeyCode::Enter);
    let Top::Card(id) = app.on_top() else {
        panic!("a card is open: {:?}", app.on_top())
    };
    id
}

#[test]
fn u_on_the_card_undoes_what_was_captured_there() {
    let f = fixture();
    let mut app = f.app;
    let id = open_card(&mut app);
    let before = on_disk(&f.path).entries.len();
    type_str(&mut app, "c");
    type_str(&mut app, "call: about the trip");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.on_top(), Top::Card(id), "saved, back on the card");
    assert_eq!(on_disk(&f.path).entries.len(), before + 1);
    type_str(&mut app, "u");
    assert_eq!(
        on_disk(&f.path).entries.len(),
        before,
        "undone from the card"
    );
    assert_eq!(app.on_top(), Top::Card(id), "still on the card");
    app.handle_key(Key::ctrl('r'));
    assert_eq!(on_disk(&f.path).entries.len(), before + 1, "and redone");
}

#[test]
fn tabs_and_find_work_on_the_card() {
    let f = fixture();
    let mut app = f.app;
    open_card(&mut app);
    type_str(&mut app, "2");
    assert_eq!(app.tab, Tab::Timeline);
    assert_eq!(app.on_top(), Top::Panes, "the card went with its tab");
    type_str(&mut app, "1");
    open_card(&mut app);
    press(&mut app, KeyCode::Tab);
    assert_eq!((app.tab, app.on_top()), (Tab::Timeline, Top::Panes));
    type_str(&mut app, "1");
    let id = open_card(&mut app);
    type_str(&mut app, "/");
    assert_eq!(app.on_top(), Top::Finder, "the finder over the card");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.on_top(), Top::Card(id));
    // The card's own keys come first: `q` still closes it, not kith.
    type_str(&mut app, "q");
    assert_eq!(app.on_top(), Top::Panes);
    assert!(!app.quit);
}
