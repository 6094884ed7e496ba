//! The capture popup as whole screens at 80×24 with a fixed today: empty,
//! with a preview, with an error caret, with the name dropdown, a CJK name,
//! and the y/n question. Review a changed snapshot by eye before accepting it.

use crate::common::screen::{Screen, on_text};
use kith::tui::Action;
use kith::tui::Key;
use kith::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// The test book (with one more person in it, if given), colour off.
fn open(extra_person: Option<&str>) -> Screen {
    let mut text = std::fs::read_to_string("tests/fixtures/tui_book.ron").unwrap();
    if let Some(line) = extra_person {
        text = text.replacen("  people: [\n", &format!("  people: [\n    {line}\n"), 1);
    }
    on_text(&text)
}

fn draw(app: &App) -> String {
    crate::common::screen::draw(app, 80, 24)
}

#[test]
fn empty() {
    let mut s = open(None);
    // Every tab has someone selected now (the Review its person): open the
    // popup for nobody.
    s.app.open_capture(None);
    insta::assert_snapshot!("capture_empty_80x24", draw(&s.app));
}

#[test]
fn with_preview() {
    let mut s = open(None);
    s.app.update(Action::Capture);
    s.type_str("favor: reviewed the deck -1d !+1w");
    insta::assert_snapshot!("capture_preview_80x24", draw(&s.app));
}

#[test]
fn with_an_error_caret() {
    let mut s = open(None);
    s.app.open_capture(None);
    s.type_str("@bruno fvr: deck");
    insta::assert_snapshot!("capture_error_80x24", draw(&s.app));
}

#[test]
fn with_the_dropdown() {
    let mut s = open(None);
    s.app.open_capture(None);
    s.type_str("@a");
    s.app.handle_key(Key::plain(KeyCode::Down));
    insta::assert_snapshot!("capture_dropdown_80x24", draw(&s.app));
}

#[test]
fn a_cjk_name() {
    let mut s = open(Some(r#"(id: 20, name: "王芳", org: "Contoso"),"#));
    s.app.open_capture(None);
    s.type_str("@王");
    s.app.handle_key(Key::plain(KeyCode::Tab));
    s.type_str("coffe: 茶");
    insta::assert_snapshot!("capture_cjk_80x24", draw(&s.app));
}

#[test]
fn asks_before_creating() {
    let mut s = open(None);
    s.app.open_capture(None);
    s.type_str("@Zoe.Quinn favor: to Gus");
    s.app.handle_key(Key::plain(KeyCode::Enter));
    insta::assert_snapshot!("capture_confirm_80x24", draw(&s.app));
}

#[test]
fn help_lists_the_capture_keys() {
    let mut s = open(None);
    s.app.update(Action::Help);
    assert!(draw(&s.app).contains("c           capture"));
    s.app.update(Action::Back);
    s.app.update(Action::Capture);
    // F1, since every printable key types into the line.
    s.app.handle_key(Key::plain(KeyCode::F(1)));
    let screen = draw(&s.app);
    for row in [
        "Enter       save",
        "Tab         accept name",
        "Esc C-c     cancel",
    ] {
        assert!(screen.contains(row), "{row:?} missing:\n{screen}");
    }
}
