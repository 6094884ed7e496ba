//! The Intros tab and a card with suggested introductions, as text, on the
//! demo book with today fixed: at the minimum size and a large one. Review a
//! changed snapshot by eye before accepting it.

use crate::common::screen::{Screen, draw, on_demo};
use kith::tui::Key;
use ratatui::crossterm::event::KeyCode;

fn demo_with_intros() -> Screen {
    let mut s = on_demo();
    s.app.want_intros();
    s
}

#[test]
fn the_intros_tab() {
    let mut s = demo_with_intros();
    s.type_str("5");
    insta::assert_snapshot!("intros_60x16", draw(&s.app, 60, 16));
    insta::assert_snapshot!("intros_120x40", draw(&s.app, 120, 40));
}

#[test]
fn a_card_with_suggested_introductions() {
    let mut s = demo_with_intros();
    s.type_str("/José García");
    s.keys(&[Key::plain(KeyCode::Enter)]);
    let screen = draw(&s.app, 120, 40);
    assert!(screen.contains("could help them: "), "{screen}");
    insta::assert_snapshot!("intros_card_120x40", screen);
    insta::assert_snapshot!("intros_card_60x16", draw(&s.app, 60, 16));
}

/// Your standing asks (`me: (needs: …)`) on top of the Intros tab, each with
/// who could help you best; computed with the suggestions, off the input
/// thread.
#[test]
fn the_ask_section_shows_who_could_help_you() {
    let mut config = kith::config::Config::default();
    config.me.needs = vec![
        "someone to review our pitch deck".into(),
        "a lawyer for a term sheet".into(),
    ];
    let mut s = crate::common::screen::on_demo_with(config);
    s.app.want_intros();
    s.type_str("5");
    let screen = draw(&s.app, 80, 24);
    assert!(
        screen.contains("You ask “someone to review our pitch deck”"),
        "{screen}"
    );
    assert!(
        screen.contains("→ Zoë Whitfield could help · because: pitch, deck"),
        "{screen}"
    );
    insta::assert_snapshot!("intros_ask_80x24", screen);
}
