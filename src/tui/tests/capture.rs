//! The capture popup's `update` logic without a terminal: prefill, the name
//! dropdown, saving (and failing to), new people, Esc, and the Timeline's
//! edit/delete/done, each one undo step.

use chrono::Days;
use ratatui::crossterm::event::KeyCode;

use crate::capture::Who;
use crate::model::{EntryId, PersonId};
use crate::tui::app::{App, Tab};
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Key;
use crate::tui::layers::Ask;
use crate::tui::test_support::{Fixture, Top, fixture, on_disk, press, status, today, type_str};

fn line(app: &App) -> String {
    app.capture_state().unwrap().field.value().to_string()
}

fn people_in_line(app: &App) -> Vec<Who> {
    match &app.capture_state().unwrap().parsed {
        Ok(p) => p.capture.people.clone(),
        Err(e) => panic!("line {:?} does not parse: {e}", line(app)),
    }
}

#[test]
fn c_opens_the_popup_on_the_selected_person() {
    let mut app = fixture().app;
    app.update(Action::Down);
    let selected = app.selected_person().unwrap();
    app.handle_key(Key::char('c'));
    assert_eq!(app.on_top(), Top::Capture);
    let text = line(&app);
    assert!(text.starts_with('@') && text.ends_with(' '), "{text:?}");
    type_str(&mut app, "coffee:");
    assert_eq!(people_in_line(&app), vec![Who::Known(selected)]);
}

#[test]
fn c_on_an_open_card_names_its_person() {
    let f = fixture(); // keeps the temp dir (and the file) alive
    let mut app = f.app;
    app.update(Action::Open);
    let Top::Card(id) = app.on_top() else {
        panic!("a card is open")
    };
    app.handle_key(Key::char('c'));
    type_str(&mut app, "call:");
    assert_eq!(people_in_line(&app), vec![Who::Known(id)]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.on_top(), Top::Card(id), "{:?}", app.status);
}

#[test]
fn c_on_the_review_tab_opens_a_line_for_the_person_under_review() {
    let mut app = fixture().app;
    app.update(Action::GoTo(Tab::Review));
    let id = app.review_person().expect("someone to review");
    app.handle_key(Key::char('c'));
    assert!(line(&app).starts_with('@'), "{:?}", line(&app));
    // Printable keys type, even those bound outside the popup.
    type_str(&mut app, "call: qu");
    assert!(line(&app).ends_with(" call: qu"), "{:?}", line(&app));
    assert_eq!(people_in_line(&app), vec![Who::Known(id)]);
    assert!(!app.quit);
}

#[test]
fn tab_accepts_the_highlighted_name() {
    let mut app = fixture().app;
    app.open_capture(None);
    type_str(&mut app, "@bru");
    let matches = &app.capture_state().unwrap().matches;
    assert_eq!(matches[0], (PersonId(2), "Bruno Costa".to_string()));
    press(&mut app, KeyCode::Tab);
    assert!(line(&app).ends_with(' '));
    assert!(app.capture_state().unwrap().matches.is_empty());
    type_str(&mut app, "call:");
    assert_eq!(people_in_line(&app), vec![Who::Known(PersonId(2))]);
}

#[test]
fn arrows_move_the_highlight_before_accepting() {
    let mut app = fixture().app;
    app.open_capture(None);
    // "a": Ana Lima first (her name starts with it), then others.
    type_str(&mut app, "@a");
    let second = app.capture_state().unwrap().matches[1].0;
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    type_str(&mut app, "coffee:");
    assert_eq!(people_in_line(&app), vec![Who::Known(second)]);
    assert_eq!(app.on_top(), Top::Capture, "Enter accepted, did not save");
}

#[test]
fn enter_saves_a_line_that_reads_even_with_the_dropdown_open() {
    let f = fixture();
    let mut app = f.app;
    app.open_capture(None);
    type_str(&mut app, "favor: lent a book @bru");
    assert!(
        !app.capture_state().unwrap().matches.is_empty(),
        "dropdown open"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.capture_state().is_none(), "{}", status(&app));
    assert!(status(&app).starts_with("saved: logged favor for Bruno Costa"));
    // A fragment that does not read yet (ambiguous) is completed instead.
    app.open_capture(None);
    type_str(&mut app, "favor: lent a book @l");
    assert!(app.capture_state().unwrap().parsed.is_err());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.on_top(), Top::Capture, "Enter completed the name");
    assert!(
        app.capture_state().unwrap().parsed.is_ok(),
        "{}",
        line(&app)
    );
}

#[test]
fn enter_saves_to_disk_then_closes_and_u_undoes_it() {
    let f = fixture();
    let mut app = f.app;
    let before = app.book().entries.len();
    app.open_capture(None);
    type_str(&mut app, "@bru");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "favor: lent a book -1d !+1w");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.stack_kinds(), [Top::Panes]);
    assert!(app.capture_state().is_none());
    assert!(status(&app).starts_with("saved: logged favor for Bruno Costa"));
    let f = Fixture { app, ..f };
    let disk = on_disk(&f.path);
    let e = disk
        .entries
        .iter()
        .find(|e| e.summary == "lent a book")
        .unwrap();
    assert_eq!(e.people, vec![PersonId(2)]);
    assert_eq!(e.date, today() - Days::new(1));
    assert_eq!(e.follow_up, Some(today() + Days::new(7)));
    let mut app = f.app;
    app.update(Action::Undo);
    assert_eq!(status(&app), "undone: logged favor for Bruno Costa");
    let f = Fixture { app, ..f };
    assert_eq!(on_disk(&f.path).entries.len(), before);
}

#[test]
fn a_bad_line_or_a_failed_save_keeps_the_text() {
    let f = fixture();
    let mut app = f.app;
    app.open_capture(None);
    type_str(&mut app, "@bru fvr: deck");
    press(&mut app, KeyCode::Esc);
    // Esc with text asks; n goes back to the line.
    assert_eq!(app.on_top(), Top::Question(Ask::DiscardCapture));
    app.handle_key(Key::char('n'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.on_top(), Top::Capture);
    assert!(status(&app).contains("no kind `fvr:`"), "{}", status(&app));
    // A file another program broke: the save fails, nothing typed is lost.
    std::fs::write(&f.path, "(version: 1, people: [oops").unwrap();
    press(&mut app, KeyCode::Home);
    for _ in 0..5 {
        press(&mut app, KeyCode::Right);
    }
    type_str(&mut app, "favor: ");
    press(&mut app, KeyCode::Delete);
    let typed = line(&app);
    assert!(typed.starts_with("@bru favor: "), "{typed:?}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.on_top(), Top::Capture);
    assert_eq!(line(&app), typed);
    let state = app.capture_state().unwrap();
    assert!(
        state
            .save_error
            .as_deref()
            .unwrap()
            .starts_with("not saved")
    );
    assert!(app.status.as_ref().unwrap().error);
}

#[test]
fn an_unknown_name_asks_then_creates_person_and_entry_in_one_step() {
    let f = fixture();
    let mut app = f.app;
    let people = app.book().people.len();
    app.open_capture(None);
    type_str(&mut app, "@Zoe.Quinn favor: to Gus");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.on_top(), Top::NewPerson("Zoe Quinn".into()));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.stack_kinds(), [Top::Panes]);
    let f = Fixture { app, ..f };
    let disk = on_disk(&f.path);
    let zoe = disk.people.iter().find(|p| p.name == "Zoe Quinn").unwrap();
    assert!(disk.entries.iter().any(|e| e.people == vec![zoe.id]));
    let mut app = f.app;
    app.update(Action::Undo);
    let f = Fixture { app, ..f };
    let disk = on_disk(&f.path);
    assert_eq!(disk.people.len(), people, "one undo takes both back");
    assert!(!disk.entries.iter().any(|e| e.summary == "to Gus"));
}

#[test]
fn esc_closes_an_empty_or_untouched_line_at_once() {
    let mut app = fixture().app;
    app.open_capture(None);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.stack_kinds(), [Top::Panes]);
    app.open_capture(Some(PersonId(1)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.stack_kinds(),
        [Top::Panes],
        "the prefill alone is no text"
    );
    app.open_capture(None);
    type_str(&mut app, "@ana");
    press(&mut app, KeyCode::Esc);
    app.handle_key(Key::char('y'));
    assert_eq!(app.stack_kinds(), [Top::Panes]);
    assert!(app.capture_state().is_none());
}

fn select_entry(app: &mut App, id: EntryId) {
    app.update(Action::GoTo(Tab::Timeline));
    app.update(Action::Top);
    while app.book().entries[app.selected_entry().unwrap()].id != id {
        app.update(Action::Down);
    }
}

#[test]
fn timeline_edit_delete_and_done_are_one_undo_step_each() {
    let f = fixture();
    let mut app = f.app;
    // Entry 5: Bruno's open promise.
    select_entry(&mut app, EntryId(5));
    app.handle_key(Key::char('x'));
    assert_eq!(app.book().entry(EntryId(5)).unwrap().done_on, Some(today()));
    app.handle_key(Key::char('x'));
    assert!(!app.book().entry(EntryId(5)).unwrap().done, "x reopens");
    app.update(Action::Undo);
    assert!(app.book().entry(EntryId(5)).unwrap().done);
    assert!(status(&app).starts_with("undone: reopened promise for Bruno Costa"));

    app.handle_key(Key::char('e'));
    assert_eq!(app.capture_state().unwrap().editing, Some(EntryId(5)));
    let text = line(&app);
    assert!(
        text.ends_with("promise: intro to Ivan for Rust work 2026-11-10"),
        "{text:?}"
    );
    for _ in "2026-11-10".chars() {
        press(&mut app, KeyCode::Backspace);
    }
    type_str(&mut app, "soon 2026-11-10");
    press(&mut app, KeyCode::Enter);
    let e = app.book().entry(EntryId(5)).unwrap();
    assert_eq!(e.summary, "intro to Ivan for Rust work soon");
    assert!(e.done, "editing keeps done");

    app.handle_key(Key::char('d'));
    assert_eq!(app.on_top(), Top::Question(Ask::DeleteEntry(EntryId(5))));
    app.handle_key(Key::char('y'));
    let f = Fixture { app, ..f };
    assert!(on_disk(&f.path).entry(EntryId(5)).is_none());
    let mut app = f.app;
    app.update(Action::Undo);
    assert_eq!(status(&app), "undone: deleted promise for Bruno Costa");
    app.update(Action::Undo);
    assert_eq!(
        app.book().entry(EntryId(5)).unwrap().summary,
        "intro to Ivan for Rust work"
    );
}

#[test]
fn a_fragment_is_the_mention_at_the_cursor() {
    use crate::tui::layers::capture::fragment;
    assert_eq!(fragment("@ana", 4), Some((0..4, "ana")));
    assert_eq!(fragment("x @an coffee:", 5), Some((2..5, "an")));
    assert_eq!(fragment("x @an coffee:", 4), Some((2..5, "a")));
    assert_eq!(fragment("@ana coffee:", 8), None);
    assert_eq!(fragment("@", 1), None);
    assert_eq!(fragment("@王芳", 3), Some((0..7, "王芳")));
}

fn keys(s: &str) -> Vec<crate::tui::app::Input> {
    s.chars()
        .map(|c| crate::tui::app::Input::Key(Key::char(c)))
        .collect()
}

#[test]
fn a_batch_of_keys_does_what_the_keys_do_one_by_one() {
    let Fixture {
        _dir,
        path,
        mut app,
        ..
    } = fixture();
    let before = on_disk(&path).entries.len();
    // `c` opens the popup (a bound key), the run types, Enter saves.
    let mut inputs = keys("c");
    inputs.push(crate::tui::app::Input::Key(Key::ctrl('u')));
    inputs.extend(keys("@ana favor: pasted deck"));
    inputs.push(crate::tui::app::Input::Key(Key::plain(KeyCode::Enter)));
    app.handle_inputs(inputs);
    assert_eq!(
        app.on_top(),
        Top::Panes,
        "saved and closed: {}",
        status(&app)
    );
    let book = on_disk(&path);
    assert_eq!(book.entries.len(), before + 1);
    assert_eq!(book.entries.last().unwrap().summary, "pasted deck");
}

#[test]
fn a_long_paste_lands_whole_and_is_read_once() {
    let mut app = fixture().app;
    app.handle_key(Key::char('c'));
    app.handle_key(Key::ctrl('u'));
    let long = format!("@ana favor: {}", "x".repeat(50_000));
    app.paste(&format!("{long}\r\n"));
    assert_eq!(
        line(&app),
        format!("{long} "),
        "the line break became a space"
    );
    assert_eq!(people_in_line(&app).len(), 1);
    // The same text as 50,000 key presses in one batch.
    app.handle_key(Key::ctrl('u'));
    app.handle_inputs(keys(&long));
    assert_eq!(line(&app), long);
}

#[test]
fn pasted_text_never_runs_commands() {
    let Fixture {
        _dir,
        path,
        mut app,
        ..
    } = fixture();
    let before = std::fs::read(&path).unwrap();
    app.paste("qdAx");
    app.handle_inputs([crate::tui::app::Input::Paste("q".into())]);
    assert!(!app.quit, "a pasted q does not quit");
    assert_eq!(app.on_top(), Top::Panes);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_first_at_sign_replaces_the_prefill_so_only_the_typed_person_is_named() {
    let Fixture {
        _dir,
        path,
        mut app,
        ..
    } = fixture();
    app.update(Action::Down);
    let selected = app.selected_person().unwrap();
    app.handle_key(Key::char('c'));
    type_str(&mut app, "@bru <intro: introduced me to Gus");
    let people = people_in_line(&app);
    assert_eq!(people.len(), 1, "{:?}", line(&app));
    assert!(
        !people.contains(&Who::Known(selected)),
        "the selected person is not named too"
    );
    press(&mut app, KeyCode::Enter);
    let saved = on_disk(&path).entries.last().unwrap().clone();
    assert_eq!(saved.summary, "introduced me to Gus");
    assert!(!saved.people.contains(&selected));
}

#[test]
fn any_other_first_key_keeps_the_prefill() {
    let mut app = fixture().app;
    app.update(Action::Down);
    let selected = app.selected_person().unwrap();
    app.handle_key(Key::char('c'));
    type_str(&mut app, "favor: lent a book @bru");
    assert_eq!(
        people_in_line(&app)[0],
        Who::Known(selected),
        "the pre-filled person stays, and @bru is added"
    );
    assert_eq!(people_in_line(&app).len(), 2);
}

#[test]
fn an_unknown_name_says_whom_it_probably_meant_before_asking_to_create() {
    let mut app = fixture().app;
    app.handle_key(Key::char('c'));
    app.handle_key(Key::ctrl('u'));
    type_str(&mut app, "@Bruno.Csota favor: deck");
    let screen = crate::tui::test_support::draw(&app, 100, 30);
    assert!(screen.contains("did you mean Bruno Costa?"), "{screen}");
    press(&mut app, KeyCode::Enter);
    let Top::NewPerson(_) = app.on_top() else {
        panic!("{:?}", app.on_top())
    };
    let screen = crate::tui::test_support::draw(&app, 100, 30);
    assert!(
        screen.contains("did you mean Bruno Costa?"),
        "asked with the suggestion:\n{screen}"
    );
}

#[test]
fn a_deed_in_the_future_is_asked_about() {
    let Fixture {
        _dir,
        path,
        mut app,
        ..
    } = fixture();
    let before = on_disk(&path).entries.len();
    app.handle_key(Key::char('c'));
    app.handle_key(Key::ctrl('u'));
    type_str(&mut app, "@bru favor: the deck +3d");
    press(&mut app, KeyCode::Enter);
    let Top::Question(Ask::FutureDeed(_)) = app.on_top() else {
        panic!("{:?} {}", app.on_top(), status(&app))
    };
    assert_eq!(on_disk(&path).entries.len(), before, "nothing yet");
    type_str(&mut app, "y");
    assert_eq!(on_disk(&path).entries.len(), before + 1);
}

#[test]
fn an_old_entry_whose_follow_up_has_passed_can_still_be_edited() {
    let Fixture {
        _dir,
        path,
        mut app,
        ..
    } = fixture();
    app.update(Action::GoTo(Tab::Timeline));
    for _ in 0..40 {
        let at = app.selected_entry().map(|i| app.book().entries[i].id);
        if at == Some(EntryId(10)) {
            break;
        }
        app.update(Action::Down);
    }
    assert_eq!(
        app.selected_entry().map(|i| app.book().entries[i].id),
        Some(EntryId(10))
    );
    app.handle_key(Key::char('e'));
    assert_eq!(app.on_top(), Top::Capture);
    let rendered = line(&app);
    assert!(rendered.contains("!2026-11-20"), "{rendered}");
    // Change the summary only: the rendered line with one word more.
    let edited = rendered.replace("partnership pitch", "partnership pitch deck");
    app.handle_key(Key::ctrl('u'));
    app.handle_key(Key::ctrl('k'));
    type_str(&mut app, &edited);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.on_top(), Top::Panes, "saved: {}", status(&app));
    let e = on_disk(&path).entry(EntryId(10)).unwrap().clone();
    assert!(e.summary.ends_with("deck"), "{e:?}");
    assert_eq!(
        e.follow_up,
        Some(today() - Days::new(6)),
        "its follow-up date is kept"
    );
    // A new past follow-up typed into the same line is still refused.
    app.handle_key(Key::char('e'));
    app.handle_key(Key::plain(KeyCode::End));
    type_str(&mut app, " !-3d");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.on_top(), Top::Capture, "refused: {}", status(&app));
}

/// Keys typed in the same batch as the Enter that opened a question were
/// meant for the line (the question was not on the screen yet): they answer
/// nothing, and go back to the line when the question closes; a letter the
/// question does not bind, typed while it is open, is kept the same way.
#[test]
fn keys_typed_during_a_question_go_back_to_the_line_and_answer_nothing() {
    use crate::tui::app::Input;
    let Fixture {
        _dir,
        path,
        mut app,
        ..
    } = fixture();
    let before = on_disk(&path).entries.len();
    let enter = || Input::Key(Key::plain(KeyCode::Enter));
    let esc = || Input::Key(Key::plain(KeyCode::Esc));
    let future = |app: &App| matches!(app.on_top(), Top::Question(Ask::FutureDeed(_)));
    app.handle_key(Key::char('c'));
    app.handle_key(Key::ctrl('u'));
    let mut batch = keys("@bru favor: the deck +3d");
    batch.push(enter());
    batch.extend(keys("y and more"));
    app.handle_inputs(batch);
    assert!(future(&app), "{:?} {}", app.on_top(), status(&app));
    assert_eq!(on_disk(&path).entries.len(), before, "y answered nothing");
    // Seen now: a letter it does not bind is kept for the line too.
    app.handle_inputs(keys("!"));
    assert!(future(&app));
    // No: back on the line, the held keys are typed there, in order.
    app.handle_inputs([esc()]);
    assert_eq!(app.on_top(), Top::Capture, "{}", status(&app));
    assert_eq!(line(&app), "@bru favor: the deck +3dy and more!");

    // An Enter typed ahead is no yes either; back on the line it is an
    // Enter there (the line is asked about again).
    app.handle_key(Key::ctrl('u'));
    let mut batch = keys("@bru favor: the deck +3d");
    batch.extend([enter(), enter()]);
    app.handle_inputs(batch);
    assert!(future(&app));
    assert_eq!(
        on_disk(&path).entries.len(),
        before,
        "Enter answered nothing"
    );
    app.handle_inputs([esc()]);
    assert!(
        future(&app),
        "the held Enter asked again: {:?}",
        app.on_top()
    );
    app.handle_inputs(keys("y"));
    assert_eq!(
        on_disk(&path).entries.len(),
        before + 1,
        "a y seen is a yes"
    );
}
