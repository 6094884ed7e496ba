//! Keeping people right through `App::update` and the keymap: add and edit
//! with the form, archive after a confirm, merge (pick, then confirm), delete
//! by typing the name, and undo of each, checked against the file.

use ratatui::crossterm::event::KeyCode;
use std::path::Path;

use crate::config::Config;
use crate::model::PersonId;
use crate::store::parse_book;
use crate::tui::keys::keymap::{Key, Keymap};
use crate::tui::layers::form::Field;
use crate::tui::layers::{Ask, Layer};
use crate::tui::test_support::{Fixture, Top, fixture_with};

fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

#[test]
fn a_adds_a_person_through_the_form_and_u_takes_it_back() {
    let mut f = Fixture::new();
    f.keys(&[Key::char('a')]);
    assert_eq!(f.app.on_top(), Top::Form);
    f.type_str("Zoe Park");
    f.keys(&[key(KeyCode::Tab), key(KeyCode::Tab)]);
    f.type_str("Acme");
    f.keys(&[Key::ctrl('s')]);
    assert_eq!(f.app.on_top(), Top::Panes);
    let zoe = f
        .file()
        .people
        .iter()
        .find(|p| p.name == "Zoe Park")
        .cloned();
    let zoe = zoe.expect("saved to the file");
    assert_eq!(zoe.org.as_deref(), Some("Acme"));
    assert_eq!(
        f.app.selected_person(),
        Some(zoe.id),
        "the new person is selected"
    );
    assert!(f.app.form().is_none());
    f.keys(&[Key::char('u')]);
    assert!(f.file().person(zoe.id).is_none(), "undone on disk");
}

#[test]
fn saving_with_errors_keeps_the_form_open_and_esc_asks_before_dropping_it() {
    let mut f = Fixture::new();
    let before = std::fs::read_to_string(&f.path).unwrap();
    f.keys(&[Key::char('a'), Key::ctrl('s')]);
    assert_eq!(f.app.on_top(), Top::Form, "a name is required");
    assert!(f.app.status.as_ref().unwrap().error);
    let form = f.app.form().unwrap();
    assert!(form.errors.contains_key(&Field::Name));
    f.keys(&[key(KeyCode::Tab)]);
    f.type_str("typed");
    f.keys(&[key(KeyCode::Esc)]);
    assert_eq!(
        f.app.on_top(),
        Top::Question(Ask::DiscardForm),
        "asks before discarding"
    );
    f.keys(&[Key::char('n')]);
    assert_eq!(f.app.on_top(), Top::Form);
    let form = f.app.form().unwrap();
    assert_eq!(form.text(Field::Nicknames), "typed", "kept");
    f.keys(&[key(KeyCode::Esc), Key::char('y')]);
    assert_eq!(f.app.on_top(), Top::Panes);
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), before);
    // An untouched form closes at once.
    f.keys(&[Key::char('a'), key(KeyCode::Esc)]);
    assert_eq!(f.app.on_top(), Top::Panes);
}

#[test]
fn e_edits_the_person_enter_moves_on_and_saves_on_the_last_field() {
    let mut f = Fixture::new();
    let ana = f.select("Ana Lima");
    f.keys(&[Key::char('e')]);
    let form = f.app.form().unwrap();
    assert_eq!(form.text(Field::Org), "Northwind", "filled in");
    assert_eq!(form.text(Field::Notes), "Prefers mornings.");
    f.keys(&[key(KeyCode::Down), key(KeyCode::Down), Key::ctrl('u')]);
    f.type_str("Globex");
    f.keys(&[key(KeyCode::Enter)]);
    assert_eq!(f.app.on_top(), Top::Form, "Enter moves to the next field");
    assert_eq!(f.app.form().unwrap().focus, Field::Title);
    // To the notes (the last field), add a line, Enter saves.
    f.keys(&[key(KeyCode::BackTab); 4]);
    assert_eq!(f.app.form().unwrap().focus, Field::Notes);
    f.keys(&[Key::ctrl('e'), Key::ctrl('j')]);
    f.type_str("Vegetarian.");
    f.keys(&[key(KeyCode::Enter)]);
    assert_eq!(f.app.on_top(), Top::Panes);
    let saved = f.file().person(ana).cloned().unwrap();
    assert_eq!(saved.org.as_deref(), Some("Globex"));
    assert_eq!(saved.notes, "Prefers mornings.\nVegetarian.");
    assert_eq!(saved.tags, vec!["design", "mentor"], "the rest is kept");
    f.keys(&[Key::char('u')]);
    let back = f.file().person(ana).cloned().unwrap();
    assert_eq!(back.org.as_deref(), Some("Northwind"));
    assert_eq!(back.notes, "Prefers mornings.");
}

#[test]
fn a_archives_after_yes_only() {
    let mut f = Fixture::new();
    let bruno = f.select("Bruno Costa");
    f.keys(&[Key::char('A')]);
    assert_eq!(f.app.on_top(), Top::Question(Ask::Archive(bruno)));
    f.keys(&[Key::char('n')]);
    assert!(!f.file().person(bruno).unwrap().archived);
    f.keys(&[Key::char('A'), Key::char('y')]);
    assert_eq!(f.app.on_top(), Top::Panes);
    assert!(f.file().person(bruno).unwrap().archived);
    assert!(!f.app.lists().people.contains(&bruno), "leaves the list");
    f.keys(&[Key::char('u')]);
    assert!(!f.file().person(bruno).unwrap().archived);
}

#[test]
fn m_picks_the_target_by_typing_then_confirms_the_merge() {
    let mut f = Fixture::new();
    let hana = f.select("Hana Sato");
    f.keys(&[Key::char('M')]);
    assert_eq!(f.app.on_top(), Top::Picker);
    f.type_str("gus");
    let picker = f.app.picker().unwrap();
    assert_eq!(picker.results, vec![PersonId(7)], "folded name match");
    f.keys(&[key(KeyCode::Enter)]);
    let into = PersonId(7);
    assert_eq!(
        f.app.on_top(),
        Top::Question(Ask::Merge { from: hana, into })
    );
    let Some(Layer::Question(question)) = f.app.top() else {
        panic!("no question on top");
    };
    let lines = question.lines.join("\n");
    assert!(
        lines.contains("Hana Sato (Proseware, 2 entries)"),
        "{lines}"
    );
    assert!(
        lines.contains("into Gus Larsen (Woodgrove, 3 entries)"),
        "{lines}"
    );
    f.keys(&[Key::char('y')]);
    let book = f.file();
    assert!(book.people.iter().all(|p| p.id != hana), "merged away");
    assert_eq!(book.survivor(hana), PersonId(7), "the old id resolves");
    assert_eq!(
        book.entry(crate::model::EntryId(13)).unwrap().people,
        vec![PersonId(7)]
    );
    assert_eq!(f.app.selected_person(), Some(PersonId(7)));
    f.keys(&[Key::char('u')]);
    let book = f.file();
    assert!(book.people.iter().any(|p| p.id == hana), "one undo step");
    assert_eq!(book.survivor(hana), hana);
    assert_eq!(
        book.entry(crate::model::EntryId(13)).unwrap().people,
        vec![hana]
    );
}

#[test]
fn d_deletes_only_after_the_name_is_typed_and_the_entries_are_chosen() {
    let mut f = Fixture::new();
    let before = std::fs::read_to_string(&f.path).unwrap();
    let ana = f.select("Ana Lima");
    f.keys(&[Key::char('d')]);
    assert_eq!(f.app.on_top(), Top::Delete);
    assert_eq!(f.app.delete_layer().unwrap().entries, 4);
    f.type_str("Ana");
    f.keys(&[key(KeyCode::Enter)]);
    assert_eq!(f.app.on_top(), Top::Delete, "not her whole name");
    f.type_str(" lima");
    f.keys(&[key(KeyCode::Enter)]);
    assert_eq!(f.app.on_top(), Top::Delete, "her entries still name her");
    assert!(f.app.status.as_ref().unwrap().text.contains("4 entries"));
    assert_eq!(std::fs::read_to_string(&f.path).unwrap(), before);
    f.keys(&[Key::ctrl('t'), key(KeyCode::Enter)]);
    assert_eq!(f.app.on_top(), Top::Panes);
    let book = f.file();
    assert!(book.person(ana).is_none());
    assert!(book.entries.iter().all(|e| !e.names(ana)));
    let intro = book.entry(crate::model::EntryId(19)).unwrap();
    assert_eq!(intro.people, vec![PersonId(7)], "a shared entry keeps Gus");
    assert_eq!(book.person(PersonId(10)).unwrap().met.introduced_by, None);
    f.keys(&[Key::char('u')]);
    let restored = f.file();
    assert_eq!(
        restored.people,
        parse_book(&f.path, before.as_bytes()).unwrap().people
    );
    assert_eq!(
        restored.entries,
        parse_book(&f.path, before.as_bytes()).unwrap().entries
    );
}

#[test]
fn capital_e_asks_the_event_loop_for_the_editor() {
    let mut f = Fixture::new();
    let chen = f.select("Chen Wei");
    f.keys(&[Key::char('E')]);
    assert_eq!(f.app.take_external(), Some(chen));
    assert_eq!(f.app.take_external(), None, "taken once");
    assert_eq!(f.app.on_top(), Top::Panes);
}

#[test]
fn messages_name_the_keys_the_user_bound() {
    let text = r#"(keys: {"delete": {"ctrl-x": "toggle-also", "ctrl-t": "none"}})"#;
    let keys = Config::parse(text, Path::new("c.ron")).unwrap().keys;
    let keymap = Keymap::with_config(&keys, (Path::new("c.ron"), text)).unwrap();
    let mut f = fixture_with(keymap);
    f.select("Ana Lima");
    f.keys(&[Key::char('d')]);
    f.type_str("ana lima");
    f.keys(&[key(KeyCode::Enter)]);
    let said = &f.app.status.as_ref().unwrap().text;
    assert!(said.ends_with("C-x to delete them too"), "{said}");
}

#[test]
fn d_builds_the_deletion_from_the_freshest_book_keeping_an_outside_change() {
    let mut f = Fixture::new();
    let ana = f.select("Ana Lima");
    f.keys(&[Key::char('d')]);
    f.type_str("Ana Lima");
    f.keys(&[Key::ctrl('t')]);
    // Meanwhile another kith renames the entry Ana shares with Gus.
    let (mut other, mut theirs) = crate::store::Store::open(&f.path, f.app.session.today).unwrap();
    let mut shared = theirs.entry(crate::model::EntryId(19)).unwrap().clone();
    shared.summary = "renamed elsewhere".into();
    other
        .apply(&mut theirs, crate::model::Op::UpdateEntry(shared))
        .unwrap();
    f.keys(&[key(KeyCode::Enter)]);
    let book = f.file();
    assert!(book.person(ana).is_none());
    let intro = book.entry(crate::model::EntryId(19)).unwrap();
    assert_eq!(
        (intro.summary.as_str(), intro.people.to_vec()),
        ("renamed elsewhere", vec![PersonId(7)]),
        "the other process's change stays; only Ana leaves the entry"
    );
}
