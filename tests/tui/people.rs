//! The people-editing popups as whole screens at 80×24 with a fixed today:
//! the form empty, filled, with an error; the merge picker and confirm; the
//! delete confirm. Review a changed snapshot by eye before accepting it.

use crate::common::screen::{Screen, on_fixture};
use kith::tui::Action;
use kith::tui::Key;
use kith::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn book() -> Screen {
    on_fixture("tui_book.ron")
}

fn draw(app: &App) -> String {
    crate::common::screen::draw(app, 80, 24)
}

const TAB: Key = Key::plain(KeyCode::Tab);

#[test]
fn form_empty() {
    let mut s = book();
    s.keys(&[Key::char('a')]);
    insta::assert_snapshot!(draw(&s.app));
}

#[test]
fn form_filled() {
    let mut s = book();
    s.update_to_ana();
    s.keys(&[Key::char('e'), TAB, TAB]);
    insta::assert_snapshot!(draw(&s.app));
}

#[test]
fn form_with_an_error() {
    let mut s = book();
    s.keys(&[Key::char('a')]);
    s.type_str("Zoe Park");
    for _ in 0..9 {
        s.keys(&[TAB]);
    }
    s.type_str("monthly");
    s.keys(&[TAB]);
    s.type_str("12-40");
    s.keys(&[TAB]);
    insta::assert_snapshot!(draw(&s.app));
}

#[test]
fn merge_picker_and_confirm() {
    let mut s = book();
    s.keys(&[Key::char('M')]);
    s.type_str("a");
    insta::assert_snapshot!("merge_picker", draw(&s.app));
    s.keys(&[Key::plain(KeyCode::Down), Key::plain(KeyCode::Enter)]);
    insta::assert_snapshot!("merge_confirm", draw(&s.app));
}

#[test]
fn delete_confirm() {
    let mut s = book();
    s.update_to_ana();
    s.keys(&[Key::char('d')]);
    s.type_str("Ana Li");
    s.keys(&[Key::ctrl('t')]);
    insta::assert_snapshot!(draw(&s.app));
}

impl Screen {
    /// Moves the list's cursor onto Ana Lima.
    fn update_to_ana(&mut self) {
        self.app.update(Action::Top);
        for _ in 0..self.app.lists().people.len() {
            let id = self.app.selected_person().unwrap();
            if self.app.person(id).unwrap().name == "Ana Lima" {
                return;
            }
            self.app.update(Action::Down);
        }
        panic!("Ana Lima is listed");
    }
}

#[test]
fn form_at_the_minimum_size_scrolls_to_the_focus() {
    let mut s = book();
    s.keys(&[Key::char('a')]);
    s.type_str("王芳 Wang Fang");
    for _ in 0..14 {
        s.keys(&[TAB]);
    }
    s.type_str("seed money; a designer");
    let mut terminal = Terminal::new(TestBackend::new(60, 16)).unwrap();
    terminal
        .draw(|f| f.render_widget(&s.app, f.area()))
        .unwrap();
    insta::assert_snapshot!(terminal.backend().to_string());
}

#[test]
fn go_to_a_person_by_id() {
    let mut s = book();
    s.keys(&[Key::char('#')]);
    s.type_str("p7");
    insta::assert_snapshot!(draw(&s.app));
}
