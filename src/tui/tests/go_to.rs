//! `#`: going to a person by id, through `App::update` and the keymap.

use ratatui::crossterm::event::KeyCode;

use crate::model::PersonId;
use crate::tui::app::Tab;
use crate::tui::test_support::{Top, fixture, press, status, type_str};

#[test]
fn enter_opens_the_card_of_the_person_with_that_id_on_people() {
    let mut f = fixture();
    f.app.update(crate::tui::Action::GoTo(Tab::Timeline));
    f.app.handle_key(crate::tui::Key::char('#'));
    assert_eq!(f.app.on_top(), Top::GoTo);
    type_str(&mut f.app, "q7");
    press(&mut f.app, KeyCode::Enter);
    assert_eq!(status(&f.app), "not an id: q7");
    assert_eq!(f.app.on_top(), Top::GoTo, "stays, with what was typed");
    press(&mut f.app, KeyCode::Backspace);
    press(&mut f.app, KeyCode::Backspace);
    type_str(&mut f.app, "999");
    press(&mut f.app, KeyCode::Enter);
    assert_eq!(status(&f.app), "no one has the id p999");
    for _ in 0..3 {
        press(&mut f.app, KeyCode::Backspace);
    }
    type_str(&mut f.app, "p7");
    press(&mut f.app, KeyCode::Enter);
    let gus = PersonId(7);
    assert_eq!(f.app.stack_kinds(), [Top::Panes, Top::Card(gus)]);
    assert_eq!(f.app.tab, Tab::People);
    f.app.handle_key(crate::tui::Key::plain(KeyCode::Esc));
    assert_eq!(f.app.selected_person(), Some(gus), "selected in the list");
}

#[test]
fn esc_closes_and_goes_nowhere() {
    let mut f = fixture();
    let before = f.app.selected_person();
    f.app.handle_key(crate::tui::Key::char('#'));
    type_str(&mut f.app, "p7");
    press(&mut f.app, KeyCode::Esc);
    assert_eq!(f.app.on_top(), Top::Panes);
    assert_eq!(f.app.selected_person(), before);
}
