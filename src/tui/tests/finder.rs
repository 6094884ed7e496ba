//! The `/` finder's update logic, without a terminal: typing narrows, moving,
//! Enter opens the card on People, Esc closes, archived people, adding.

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use crate::tui::app::{App, Tab};
use crate::tui::keys::keymap::Key;
use crate::tui::layers::finder::MARGIN;
use crate::tui::layers::finder::draw::result_rows;
use crate::tui::test_support::{Top, demo_fixture, fixture, type_str};

fn found(app: &App) -> Vec<String> {
    let finder = app.finder().expect("the finder is open");
    finder
        .hits
        .iter()
        .map(|h| app.person(h.person).unwrap().name.clone())
        .collect()
}

fn selected(app: &App) -> String {
    let hit = app.finder().and_then(|f| f.selected()).expect("a hit");
    app.person(hit.person).unwrap().name.clone()
}

#[test]
fn slash_opens_on_the_people_contacted_most_recently_and_typing_narrows() {
    let mut app = fixture().app;
    app.handle_key(Key::char('/'));
    assert_eq!(app.on_top(), Top::Finder);
    let all = found(&app);
    assert_eq!(all.len(), 11, "everyone but the archived: {all:?}");
    let last = |name: &str| {
        let id = app
            .book()
            .people
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .id;
        app.index().facts(id).last_contact
    };
    assert!(
        all.windows(2).all(|w| last(&w[0]) >= last(&w[1])),
        "most recent contact first: {all:?}"
    );
    type_str(&mut app, "ana");
    let hits = found(&app);
    assert_eq!(hits[0], "Ana Lima");
    assert!(hits.len() < all.len(), "{hits:?}");
    type_str(&mut app, " north");
    assert_eq!(found(&app), ["Ana Lima"], "both words must match");
    app.handle_key(Key::plain(KeyCode::Backspace));
    app.handle_key(Key::ctrl('w'));
    assert_eq!(app.finder().unwrap().query(), "ana ");
    assert_eq!(found(&app)[0], "Ana Lima", "results follow every edit");
}

#[test]
fn printable_keys_type_instead_of_acting() {
    let mut app = fixture().app;
    app.handle_key(Key::char('/'));
    type_str(&mut app, "q?j/1");
    assert!(!app.quit);
    assert_eq!(app.on_top(), Top::Finder);
    assert_eq!(app.finder().unwrap().query(), "q?j/1");
    assert_eq!(app.tab, Tab::People);
}

#[test]
fn arrows_and_ctrl_n_p_move_and_stop_at_the_ends() {
    let mut app = fixture().app;
    app.handle_key(Key::char('/'));
    let all = found(&app);
    assert_eq!(selected(&app), all[0]);
    app.handle_key(Key::plain(KeyCode::Down));
    assert_eq!(selected(&app), all[1]);
    app.handle_key(Key::ctrl('n'));
    assert_eq!(selected(&app), all[2]);
    app.handle_key(Key::ctrl('p'));
    app.handle_key(Key::plain(KeyCode::Up));
    app.handle_key(Key::plain(KeyCode::Up));
    assert_eq!(selected(&app), all[0], "stays on the first");
    for _ in 0..20 {
        app.handle_key(Key::plain(KeyCode::Down));
    }
    assert_eq!(selected(&app), all[10], "stays on the last");
    type_str(&mut app, "a");
    assert_eq!(
        app.finder().unwrap().cursor.selected,
        0,
        "an edit goes back to the best match"
    );
}

#[test]
fn enter_opens_the_card_on_people_with_the_person_selected_in_the_list() {
    let mut app = fixture().app;
    app.update(crate::tui::Action::GoTo(Tab::Timeline));
    app.handle_key(Key::char('/'));
    type_str(&mut app, "gus");
    assert_eq!(selected(&app), "Gus Larsen");
    app.handle_key(Key::plain(KeyCode::Enter));
    let gus = app
        .book()
        .people
        .iter()
        .find(|p| p.name == "Gus Larsen")
        .unwrap()
        .id;
    assert_eq!(app.tab, Tab::People);
    assert_eq!(app.stack_kinds(), [Top::Panes, Top::Card(gus)]);
    assert!(app.finder().is_none());
    // Esc leaves the card with Gus selected in the list.
    app.handle_key(Key::plain(KeyCode::Esc));
    assert_eq!(app.stack_kinds(), [Top::Panes]);
    assert_eq!(app.selected_person(), Some(gus));
}

#[test]
fn esc_closes_and_changes_nothing() {
    let mut app = fixture().app;
    app.update(crate::tui::Action::Down);
    let before = app.selected_person();
    app.handle_key(Key::char('/'));
    type_str(&mut app, "chen");
    app.handle_key(Key::plain(KeyCode::Esc));
    assert_eq!(app.stack_kinds(), [Top::Panes]);
    assert!(app.finder().is_none());
    assert_eq!(app.selected_person(), before);
    app.handle_key(Key::char('/'));
    assert_eq!(
        app.finder().unwrap().query(),
        "",
        "a new search starts empty"
    );
}

#[test]
fn ctrl_a_brings_archived_people_in_and_out() {
    let mut app = fixture().app;
    app.handle_key(Key::char('/'));
    type_str(&mut app, "lena");
    assert!(found(&app).is_empty(), "Lena Vogel is archived");
    app.handle_key(Key::ctrl('a'));
    assert!(app.finder().unwrap().archived);
    assert_eq!(found(&app), ["Lena Vogel"]);
    assert_eq!(app.finder().unwrap().query(), "lena", "Ctrl-a did not edit");
    app.handle_key(Key::ctrl('a'));
    assert!(found(&app).is_empty());
}

#[test]
fn the_add_key_opens_the_person_form_named_by_the_query_when_no_one_matches() {
    let mut f = fixture();
    let app = &mut f.app;
    app.update(crate::tui::Action::GoTo(Tab::Coffee));
    app.handle_key(Key::char('/'));
    type_str(app, "ana");
    app.handle_key(Key::ctrl('o'));
    assert_eq!(app.on_top(), Top::Finder, "someone matches: nothing to add");

    app.handle_key(Key::ctrl('u'));
    type_str(app, "Zed Zulu");
    assert!(found(app).is_empty());
    app.handle_key(Key::ctrl('o'));
    assert_eq!(app.tab, Tab::People);
    assert_eq!(app.stack_kinds(), [Top::Panes, Top::Form]);
    assert!(app.finder().is_none());
    let form = app.form_mut().expect("the form is open");
    assert_eq!(form.field_mut().unwrap().value(), "Zed Zulu");
    // Saving adds them, on disk, and selects them in the list.
    app.handle_key(Key::ctrl('s'));
    assert_eq!(app.stack_kinds(), [Top::Panes]);
    let zed = app.book().people.iter().find(|p| p.name == "Zed Zulu");
    assert_eq!(app.selected_person(), Some(zed.expect("added").id));
    let on_disk = std::fs::read_to_string(&f.path).unwrap();
    assert!(on_disk.contains("Zed Zulu"));
}

#[test]
fn a_change_on_disk_while_open_ranks_again() {
    let mut f = fixture();
    f.app.handle_key(Key::char('/'));
    type_str(&mut f.app, "zed");
    assert!(found(&f.app).is_empty());
    let mut book = f.app.book().clone();
    crate::model::Op::AddPerson(crate::model::Person::new(
        crate::model::PersonId(0),
        "Zed Zulu",
    ))
    .apply(&mut book)
    .unwrap();
    crate::store::write_book(&f.path, &book).unwrap();
    f.app.reload();
    assert_eq!(found(&f.app), ["Zed Zulu"]);
    assert_eq!(f.app.on_top(), Top::Finder);
}

#[test]
fn the_screen_size_not_a_draw_decides_how_many_are_ranked() {
    let mut app = demo_fixture().app;
    let small = ratatui::layout::Size::new(60, 16);
    app.resize(small);
    app.handle_key(Key::char('/'));
    let rows = result_rows(small.into());
    assert_eq!(
        rows, 7,
        "16 rows less bars, margins, borders, query and rule"
    );
    assert_eq!(found(&app).len(), rows + MARGIN);
    app.handle_key(Key::plain(KeyCode::Esc));
    app.resize(ratatui::layout::Size::new(80, 40));
    app.handle_key(Key::char('/'));
    assert_eq!(
        found(&app).len(),
        result_rows(Rect::new(0, 0, 80, 40)) + MARGIN
    );
}

#[test]
fn moving_past_the_ranked_rows_ranks_more() {
    let f = demo_fixture();
    let mut app = f.app;
    let active = app.book().active_people().count();
    app.handle_key(Key::char('/'));
    let ranked = found(&app).len();
    assert!(
        ranked < active,
        "only the rows that fit: {ranked} of {active}"
    );
    for _ in 0..active {
        app.handle_key(Key::plain(KeyCode::Down));
    }
    assert_eq!(found(&app).len(), active, "everyone, a page at a time");
    assert_eq!(app.finder().unwrap().cursor.selected, active - 1);
}
