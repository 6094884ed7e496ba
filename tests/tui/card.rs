//! The card as text on the demo book: how to reach someone (aka, e-mail,
//! link), and a CJK name and org cut by display width, never over the
//! border — beside the People list at 80×24 and 60×16, and as a full card.

use crate::common::screen::{draw, on_demo};
use kith::tui::Key;
use ratatui::crossterm::event::KeyCode;

fn no_cell_over_the_border(screen: &str) {
    for line in screen.lines() {
        let line = line.split("\" Hidden").next().unwrap().trim_matches('"');
        assert!(
            line.ends_with('│')
                || line.ends_with('┐')
                || line.ends_with('┘')
                || !line.contains('│'),
            "drawn over the right border: {line:?}"
        );
    }
}

#[test]
fn a_card_with_contact_details() {
    let mut s = on_demo();
    s.type_str("/José García");
    s.keys(&[Key::plain(KeyCode::Enter)]);
    let big = draw(&s.app, 80, 24);
    assert!(
        big.contains("aka: Pepe") && big.contains("email: jose@tidepool.dev"),
        "{big}"
    );
    insta::assert_snapshot!("card_contact_80x24", big);
    insta::assert_snapshot!("card_contact_60x16", draw(&s.app, 60, 16));
}

#[test]
fn a_cjk_card_beside_the_list() {
    let mut s = on_demo();
    s.type_str("/seoyeon");
    s.keys(&[Key::plain(KeyCode::Enter), Key::plain(KeyCode::Esc)]);
    let screen = draw(&s.app, 80, 24);
    assert!(screen.contains("이서연"), "{screen}");
    no_cell_over_the_border(&screen);
    insta::assert_snapshot!("card_cjk_80x24", screen);
    let small = draw(&s.app, 60, 16);
    no_cell_over_the_border(&small);
    insta::assert_snapshot!("card_cjk_60x16", small);
}

/// An address typed in the form (issue 24, point 3) is on the card, with
/// its label, at both sizes; the form reads it back as it was typed.
#[test]
fn an_address_typed_in_the_form_is_on_the_card() {
    let mut s = on_demo();
    s.type_str("/José García");
    s.keys(&[Key::plain(KeyCode::Enter), Key::char('e')]);
    for _ in 0..6 {
        s.keys(&[Key::plain(KeyCode::Tab)]);
    }
    s.type_str("home: Rua das Flores 12; Lisboa; ; 1200-195; Portugal");
    s.keys(&[Key::ctrl('s')]);
    let big = draw(&s.app, 80, 24);
    assert!(
        big.contains("address: Rua das Flores 12, 1200-195 Lisboa, Portugal (home)"),
        "{big}"
    );
    no_cell_over_the_border(&big);
    insta::assert_snapshot!("card_address_80x24", big);
    let small = draw(&s.app, 60, 16);
    no_cell_over_the_border(&small);
    insta::assert_snapshot!("card_address_60x16", small);
    s.keys(&[Key::char('e')]);
    let form = draw(&s.app, 80, 24);
    assert!(
        form.contains("home: Rua das Flores 12; Lisboa; ; 1200-195; Portugal"),
        "{form}"
    );
}
