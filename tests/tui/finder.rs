//! The `/` finder popup drawn over the demo book: whole screens as text at
//! fixed sizes, and the marked characters checked cell by cell.

use crate::common::screen::{Screen, on_demo};
use kith::tui::Key;
use kith::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

/// The demo book with the finder open on `query`.
fn finding(query: &str) -> Screen {
    let mut s = on_demo();
    s.app.handle_key(Key::char('/'));
    s.type_str(query);
    s
}

fn buffer(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().buffer().clone()
}

fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().to_string()
}

/// Row `y` of `buf`: its text, and under it a `^` for every marked cell.
fn row_marks(buf: &Buffer, y: u16) -> (String, String) {
    let mut text = String::new();
    let mut marks = String::new();
    for x in 0..buf.area.width {
        let cell = &buf[(x, y)];
        text.push_str(cell.symbol());
        let marked = cell.modifier.contains(Modifier::UNDERLINED);
        marks.push(if marked { '^' } else { ' ' });
    }
    (text, marks)
}

#[test]
fn an_accented_name_found_by_a_fragment_80x24() {
    let s = finding("jse");
    insta::assert_snapshot!(draw(&s.app, 80, 24));
}

#[test]
fn the_matched_chars_of_an_accented_name_are_marked() {
    let s = finding("jse");
    let buf = buffer(&s.app, 80, 24);
    let y = (0..24)
        .find(|y| row_marks(&buf, *y).0.contains("José García"))
        .expect("José is listed");
    let (text, marks) = row_marks(&buf, y);
    let at = text.chars().position(|_| true).unwrap();
    let start = text[at..].find("José").unwrap();
    let col = text[..start].chars().count();
    // J, s and é (the e of the query, through the folding) are marked; o is not.
    assert_eq!(&marks[col..col + 4], "^ ^^", "{text}\n{marks}");
    assert_eq!(
        marks.matches('^').count(),
        3,
        "nothing else on the row: {text}\n{marks}"
    );
}

#[test]
fn the_finder_at_the_minimum_size_60x16() {
    let s = finding("design");
    insta::assert_snapshot!(draw(&s.app, 60, 16));
}

#[test]
fn a_cjk_query() {
    let s = finding("王");
    let screen = draw(&s.app, 80, 24);
    assert!(screen.contains("王芳"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn an_empty_query_lists_recent_contacts() {
    let s = finding("");
    insta::assert_snapshot!(draw(&s.app, 80, 24));
}

#[test]
fn no_match_offers_the_add_key() {
    let s = finding("Xavier Quux");
    let screen = draw(&s.app, 80, 24);
    assert!(
        screen.contains("no one matches — C-o to add Xavier Quux"),
        "{screen}"
    );
}
