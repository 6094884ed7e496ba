//! The Intros tab through `App::handle_key`, on the demo book: suggestions
//! listed, Enter captures the introduction (and the pair drops out once it
//! is on disk), `d` dismisses for good, undo brings it back.

use ratatui::crossterm::event::KeyCode;

use crate::intros::{Candidate, Suggestion};
use crate::tui::app::{App, Tab};
use crate::tui::keys::keymap::Key;
use crate::tui::test_support::{Top, demo_fixture, draw, on_disk, status, type_str};

fn pair(s: &Suggestion) -> (crate::model::PersonId, Candidate, String) {
    (s.person, s.candidate, s.need.clone())
}

fn open(app: &mut App) {
    app.want_intros();
    type_str(app, "5");
    assert_eq!(app.tab, Tab::Intros);
    assert!(
        !app.lists().intros.is_empty(),
        "the demo has introductions to suggest"
    );
}

#[test]
fn enter_captures_the_intro_and_the_pair_drops_out() {
    let mut f = demo_fixture();
    open(&mut f.app);
    let first = pair(f.app.selected_intro().unwrap());
    let Candidate::Person(helper) = first.1 else {
        panic!("the demo's best suggestion is an intro: {first:?}")
    };
    f.app.handle_key(Key::plain(KeyCode::Enter));
    assert_eq!(f.app.on_top(), Top::Capture);
    let line = f.app.capture_state().unwrap().field.value().to_string();
    assert!(line.contains(&format!("intro: {}", first.2)), "{line}");
    f.app.handle_key(Key::plain(KeyCode::Enter));
    assert_eq!(f.app.on_top(), Top::Panes, "saved and closed");
    let book = on_disk(&f.path);
    let intro = book.entries.last().unwrap();
    assert_eq!(intro.kind.as_str(), "intro");
    assert!(intro.people.contains(&first.0) && intro.people.contains(&helper));
    assert!(
        intro.follow_up.is_some(),
        "two weeks later the review asks how it went"
    );
    assert!(
        !f.app
            .lists()
            .intros
            .iter()
            .any(|s| s.person == first.0 && s.candidate == first.1),
        "introduced: the pair is gone"
    );
}

#[test]
fn d_dismisses_for_good_and_u_brings_it_back() {
    let mut f = demo_fixture();
    open(&mut f.app);
    let first = pair(f.app.selected_intro().unwrap());
    type_str(&mut f.app, "d");
    assert_eq!(
        on_disk(&f.path).dismissed_intros.len(),
        1,
        "kept in the book"
    );
    assert!(!f.app.lists().intros.iter().any(|s| pair(s) == first));
    // Another run of kith on the same file: still gone.
    let mut again = crate::tui::test_support::open_at(&f.path);
    again.want_intros();
    assert!(!again.lists().intros.iter().any(|s| pair(s) == first));
    type_str(&mut f.app, "u");
    assert!(on_disk(&f.path).dismissed_intros.is_empty());
    assert!(f.app.lists().intros.iter().any(|s| pair(s) == first));
}

#[test]
fn a_card_says_who_could_help_them_and_whom_they_could_help() {
    let mut f = demo_fixture();
    f.app.want_intros();
    let s = f.app.lists().intros[0].clone();
    let Candidate::Person(helper) = s.candidate else {
        unreachable!()
    };
    let (mine, _) = f.app.intros_of(s.person);
    assert!(mine.iter().any(|m| m.candidate == s.candidate));
    let (_, theirs) = f.app.intros_of(helper);
    assert!(theirs.iter().any(|t| t.person == s.person));
    let name = f.app.book().name_of(s.person);
    f.select(&name);
    let screen = crate::tui::test_support::draw(&f.app, 120, 40);
    assert!(screen.contains("could help them: "), "{screen}");
}

#[test]
fn p_promises_the_intro_first_and_the_intro_closes_the_promise() {
    let mut f = demo_fixture();
    open(&mut f.app);
    let first = pair(f.app.selected_intro().unwrap());
    let seen = f.app.index().facts(first.0).last_contact;
    let before = on_disk(&f.path).entries.len();
    type_str(&mut f.app, "p");
    let book = on_disk(&f.path);
    let promise = book.entries.last().unwrap().clone();
    assert!(promise.is_open_promise(), "{promise:?}");
    assert!(promise.summary.starts_with("intro ") && promise.summary.ends_with(&first.2));
    assert_eq!(
        pair(f.app.selected_intro().unwrap()),
        first,
        "a promise is not the intro yet"
    );
    assert_eq!(
        f.app.index().facts(first.0).last_contact,
        seen,
        "a promise is no contact"
    );
    assert!(draw(&f.app, 80, 24).contains("→ promised · "), "marked");
    // `p p`: the second says so and writes nothing.
    type_str(&mut f.app, "p");
    assert_eq!(on_disk(&f.path).entries.len(), before + 1, "one promise");
    assert!(
        status(&f.app).starts_with("already promised"),
        "{}",
        status(&f.app)
    );
    f.app.handle_key(Key::plain(KeyCode::Enter));
    f.app.handle_key(Key::plain(KeyCode::Enter));
    let Top::Question(crate::tui::layers::Ask::KeepPromise { promise: asked, .. }) = f.app.on_top()
    else {
        panic!(
            "the intro offers to close the promise: {:?}",
            f.app.on_top()
        )
    };
    assert_eq!(asked, promise.id);
    type_str(&mut f.app, "y");
    assert!(
        on_disk(&f.path).entry(promise.id).unwrap().done,
        "kept, by the intro"
    );
}
