//! The phone's inbox in the TUI: applied when a device file changes, one
//! undoable step; taken back, a line waits in the review instead of coming
//! back by itself, and `d` there dismisses it.

use crate::model::{LineState, TAKEN_BACK};
use crate::tui::keys::keymap::Key;
use crate::tui::save::inbox::InboxWatch;
use crate::tui::test_support::Fixture;

fn with_inbox(f: &mut Fixture) -> std::path::PathBuf {
    let dir = f.path.parent().unwrap().join("inbox");
    std::fs::create_dir(&dir).unwrap();
    f.app.session.inbox = InboxWatch::new(Some(dir.clone()));
    dir.join("phone.txt")
}

#[test]
fn an_application_is_one_undo_step_and_what_is_taken_back_stays_back() {
    let mut f = Fixture::new();
    let phone = with_inbox(&mut f);
    std::fs::write(
        &phone,
        "@ana.lima favor: sent the landlord list\n@ana.lima call: x\n",
    )
    .unwrap();
    assert!(f.app.check_inbox());
    assert_eq!(
        f.app.status.as_ref().unwrap().text,
        "2 captures from phone.txt"
    );
    let added = |f: &Fixture| {
        f.file()
            .entries
            .iter()
            .filter(|e| e.summary == "sent the landlord list" || e.summary == "x")
            .count()
    };
    assert_eq!(added(&f), 2);
    assert!(!f.app.check_inbox(), "unchanged: not read again");

    f.keys(&[Key::char('u')]);
    assert_eq!(added(&f), 0, "one undo takes both back");
    let book = f.file();
    assert_eq!(book.inbox.waiting.len(), 2);
    assert!(book.inbox.waiting.iter().all(|w| w.why == TAKEN_BACK));
    // The file changes again: the lines taken back are not applied again.
    std::fs::write(
        &phone,
        "@ana.lima favor: sent the landlord list\n@ana.lima call: x\n\n",
    )
    .unwrap();
    f.app.check_inbox();
    assert_eq!(added(&f), 0);

    // In the review they are Ana's; `d` dismisses the highlighted one.
    let ana = f
        .file()
        .people
        .iter()
        .find(|p| p.name == "Ana Lima")
        .unwrap()
        .id;
    let waiting = f.file().inbox.waiting;
    assert!(waiting.iter().all(|w| w.about == Some(ana)));
    f.app.dismiss_inbox_line(waiting[0].clone());
    let book = f.file();
    assert!(matches!(
        book.inbox.state("phone.txt", &waiting[0].key),
        Some(LineState::Dismissed(_))
    ));
    assert_eq!(book.inbox.waiting.len(), 1);
}

#[test]
fn a_line_waiting_for_someone_not_in_the_book_applies_once_they_are_added() {
    let mut f = Fixture::new();
    let phone = with_inbox(&mut f);
    std::fs::write(&phone, "@zed.example coffee: met at the market\n").unwrap();
    assert!(f.app.check_inbox());
    assert_eq!(
        f.app.status.as_ref().unwrap().text,
        "inbox: 1 line waiting (0 in the review; kith inbox lists all)"
    );
    assert!(!f.app.check_inbox(), "nothing changed: not read again");
    let zed = crate::model::Person::new(crate::model::PersonId(0), "Zed Example");
    f.app.commit(
        crate::model::Op::AddPerson(zed),
        "added Zed",
        crate::tui::save::Then::Nothing,
    );
    // The file is the same; the book has someone new: read again.
    assert!(f.app.check_inbox());
    assert_eq!(
        f.app.status.as_ref().unwrap().text,
        "1 capture from phone.txt"
    );
    let book = f.file();
    assert!(
        book.entries
            .iter()
            .any(|e| e.summary == "met at the market")
    );
    assert!(book.inbox.waiting.is_empty());
}

#[test]
fn a_line_for_someone_not_in_the_book_is_logged_from_the_done_review_adding_them() {
    use ratatui::crossterm::event::KeyCode;
    let mut f = Fixture::new();
    let phone = with_inbox(&mut f);
    std::fs::write(&phone, "@zed coffee: met at the market\n").unwrap();
    f.app.check_inbox();
    assert_eq!(f.app.orphan_inbox_lines().len(), 1);
    // Nobody left to review: x takes the line waiting for no one.
    f.app.review_done();
    let capture = f
        .app
        .capture_state()
        .expect("the capture is open on the line");
    assert_eq!(capture.field.value(), "@zed coffee: met at the market");
    f.keys(&[Key::plain(KeyCode::Enter)]);
    // Asked for the new person's name, capitalised; Enter takes it.
    f.keys(&[Key::plain(KeyCode::Enter)]);
    let book = f.file();
    let zed = book.people.iter().find(|p| p.name == "Zed").expect("added");
    assert!(
        book.entries
            .iter()
            .any(|e| e.people == [zed.id] && e.summary == "met at the market")
    );
    assert!(book.inbox.waiting.is_empty());
    assert!(book.inbox.is_settled(
        "phone.txt",
        &crate::model::line_key("phone.txt", "@zed coffee: met at the market", 1)
    ));
}
