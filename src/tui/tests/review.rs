//! The Review tab's keys through `App::handle_key`, on the demo book with a
//! fixed today: done, snooze (chooser and typed date), skip, leaving and
//! resuming, the summary, undo.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;

use crate::model::review::{Handled, ReviewProgress};
use crate::model::{Book, PersonId};
use crate::tui::app::{App, Tab};
use crate::tui::keys::keymap::Key;
use crate::tui::test_support::{Top, demo_fixture as fixture, on_disk, open_at, today};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(Key::char(c));
    }
}

fn current(app: &App) -> String {
    let id = app.review_person().expect("someone to review");
    app.person(id).unwrap().name.clone()
}

fn id_of(app: &App, name: &str) -> PersonId {
    app.book()
        .people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} is in the demo book"))
        .id
}

fn outcome(book: &Book, id: PersonId) -> Option<Handled> {
    ReviewProgress::of(book, today()).outcome(id)
}

#[test]
fn r_opens_the_review_from_any_tab_on_the_first_person() {
    let mut f = fixture();
    press(&mut f.app, "2r");
    assert_eq!(f.app.tab, Tab::Review);
    assert_eq!(current(&f.app), "Chloé Moreau", "the oldest open promise");
    assert_eq!(f.app.review().unwrap().progress(), (1, 10));
    assert_eq!(f.app.selected_person(), f.app.review_person());
}

#[test]
fn x_closes_the_promise_and_moves_on() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "x");
    assert_eq!(current(&f.app), "Elif Yılmaz");
    assert_eq!(f.app.review().unwrap().progress(), (2, 10));
    let book = on_disk(&f.path);
    let promise = book
        .entries
        .iter()
        .find(|e| e.kind.is_promise() && e.people.contains(&chloe))
        .unwrap();
    assert!(promise.done, "saved at once");
    assert_eq!(promise.done_on, Some(today()));
    assert_eq!(outcome(&book, chloe), Some(Handled::Done));
    let status = f.app.status.as_ref().unwrap();
    assert!(
        status.text.starts_with("kept: ") && status.text.contains("(Chloé Moreau)"),
        "{status:?}"
    );
}

#[test]
fn s_s_snoozes_a_week() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "s");
    assert_eq!(f.app.on_top(), Top::Snooze(chloe));
    press(&mut f.app, "s");
    assert_eq!(f.app.on_top(), Top::Panes, "the chooser closed");
    let book = on_disk(&f.path);
    assert_eq!(
        book.person(chloe).unwrap().snoozed_until,
        Some(day("2026-12-03"))
    );
    assert_eq!(outcome(&book, chloe), Some(Handled::Snoozed));
    assert_eq!(current(&f.app), "Elif Yılmaz");
}

#[test]
fn s_d_snoozes_a_day_and_s_m_a_month() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    let elif = id_of(&f.app, "Elif Yılmaz");
    press(&mut f.app, "sdsm");
    let book = on_disk(&f.path);
    assert_eq!(
        book.person(chloe).unwrap().snoozed_until,
        Some(day("2026-11-27"))
    );
    assert_eq!(
        book.person(elif).unwrap().snoozed_until,
        Some(day("2026-12-26"))
    );
}

#[test]
fn a_typed_date_snoozes_until_it_and_a_bad_one_keeps_the_field() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "st");
    assert_eq!(f.app.on_top(), Top::SnoozeDate(chloe));
    // Printable keys type into the field, even the chooser's own letters.
    press(&mut f.app, "nope");
    assert_eq!(f.app.snooze_text().unwrap(), "nope");
    f.app.handle_key(Key::plain(KeyCode::Enter));
    assert_eq!(f.app.on_top(), Top::SnoozeDate(chloe), "still open");
    assert!(f.app.status.as_ref().unwrap().error);
    assert_eq!(on_disk(&f.path).person(chloe).unwrap().snoozed_until, None);

    f.app.handle_key(Key::ctrl('u'));
    press(&mut f.app, "2026-11-20");
    f.app.handle_key(Key::plain(KeyCode::Enter));
    assert_eq!(
        f.app.on_top(),
        Top::SnoozeDate(chloe),
        "a past date is refused"
    );

    f.app.handle_key(Key::ctrl('u'));
    press(&mut f.app, "2026-12-24");
    assert_eq!(f.app.snooze_date().unwrap(), Ok(day("2026-12-24")));
    f.app.handle_key(Key::plain(KeyCode::Enter));
    assert_eq!(f.app.on_top(), Top::Panes);
    assert_eq!(
        on_disk(&f.path).person(chloe).unwrap().snoozed_until,
        Some(day("2026-12-24"))
    );
    assert_eq!(current(&f.app), "Elif Yılmaz");
}

#[test]
fn esc_backs_out_of_the_chooser_one_layer_at_a_time() {
    let mut f = fixture();
    press(&mut f.app, "rst");
    f.app.handle_key(Key::plain(KeyCode::Esc));
    assert!(matches!(f.app.on_top(), Top::Snooze(_)));
    f.app.handle_key(Key::plain(KeyCode::Esc));
    assert_eq!(f.app.on_top(), Top::Panes);
    assert_eq!(f.app.tab, Tab::Review);
    assert!(on_disk(&f.path).review.is_none(), "nothing was written");
}

#[test]
fn n_and_space_skip() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "n ");
    assert_eq!(current(&f.app), "Søren Madsen");
    let book = on_disk(&f.path);
    assert_eq!(outcome(&book, chloe), Some(Handled::Skipped));
    assert!(
        book.entries
            .iter()
            .any(|e| e.is_open_promise() && e.people.contains(&chloe)),
        "skipping closes nothing"
    );
}

#[test]
fn q_and_esc_leave_the_tab_and_coming_back_resumes() {
    let mut f = fixture();
    press(&mut f.app, "rxq");
    assert_eq!(f.app.tab, Tab::People);
    assert!(!f.app.quit, "q in the review leaves it, it does not quit");
    assert_eq!(
        f.app.status.as_ref().unwrap().text,
        "review paused at 2 of 10; r resumes"
    );
    press(&mut f.app, "4");
    assert_eq!(current(&f.app), "Elif Yılmaz");
    f.app.handle_key(Key::plain(KeyCode::Esc));
    assert_eq!(f.app.tab, Tab::People);
    press(&mut f.app, "q");
    assert!(f.app.quit, "elsewhere q quits");

    // Another run of the app the same day resumes from the file.
    let mut again = open_at(&f.path);
    press(&mut again, "r");
    assert_eq!(current(&again), "Elif Yılmaz");
    assert_eq!(again.review().unwrap().progress(), (2, 10));
}

#[test]
fn o_opens_the_full_card_and_q_comes_back() {
    let mut f = fixture();
    press(&mut f.app, "ro");
    let chloe = id_of(&f.app, "Chloé Moreau");
    assert_eq!(f.app.on_top(), Top::Card(chloe));
    press(&mut f.app, "q");
    assert_eq!((f.app.on_top(), f.app.tab), (Top::Panes, Tab::Review));
}

#[test]
fn the_summary_counts_what_the_review_did() {
    let mut f = fixture();
    press(&mut f.app, "rxssn");
    while f.app.review_person().is_some() {
        press(&mut f.app, "n");
    }
    let session = f.app.review().unwrap();
    assert!(session.is_finished());
    assert_eq!(session.progress(), (10, 10));
    let s = session.summary(f.app.book(), f.app.kinds());
    assert_eq!((s.logged, s.done, s.snoozed, s.skipped), (0, 1, 1, 8));
    assert_eq!(s.deeds_today, 1, "the promise kept today");
    press(&mut f.app, "x");
    assert_eq!(
        f.app.status.as_ref().unwrap().text,
        "nobody left to review today"
    );
}

#[test]
fn u_undoes_a_done() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "x");
    press(&mut f.app, "u");
    assert_eq!(current(&f.app), "Chloé Moreau");
    assert_eq!(f.app.review().unwrap().progress(), (1, 10));
    let book = on_disk(&f.path);
    assert!(
        book.entries
            .iter()
            .any(|e| e.is_open_promise() && e.people.contains(&chloe)),
        "the promise is open again"
    );
    assert_eq!(outcome(&book, chloe), None);
}

#[test]
fn u_undoes_a_snooze() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "ssu");
    assert_eq!(current(&f.app), "Chloé Moreau");
    assert_eq!(on_disk(&f.path).person(chloe).unwrap().snoozed_until, None);
}

#[test]
fn c_captures_for_the_person_and_records_them_as_logged() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "c");
    assert_eq!(f.app.on_top(), Top::Capture);
    let line = f.app.capture_state().unwrap().field.value().to_string();
    assert!(line.starts_with('@'), "prefilled with her: {line:?}");
    press(&mut f.app, "favor: sent her the talk outline");
    f.app.handle_key(Key::plain(KeyCode::Enter));
    assert_eq!(f.app.on_top(), Top::Panes, "saved and closed");
    assert_eq!(
        current(&f.app),
        "Chloé Moreau",
        "a favor that keeps no promise leaves her promise open: she stays"
    );
    let book = on_disk(&f.path);
    assert!(
        book.entries
            .iter()
            .any(|e| e.summary == "sent her the talk outline" && e.people == vec![chloe])
    );
    assert_eq!(outcome(&book, chloe), Some(Handled::Logged));

    // One undo step takes back the entry and the outcome together.
    press(&mut f.app, "u");
    let book = on_disk(&f.path);
    assert!(
        !book
            .entries
            .iter()
            .any(|e| e.summary == "sent her the talk outline")
    );
    assert_eq!(outcome(&book, chloe), None);
    assert_eq!(current(&f.app), "Chloé Moreau");
}

#[test]
fn a_capture_that_no_longer_names_the_person_is_not_their_outcome() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "c");
    f.app.handle_key(Key::ctrl('u'));
    press(&mut f.app, "@Sam.Taylor call: caught up");
    f.app.handle_key(Key::plain(KeyCode::Enter));
    assert_eq!(f.app.on_top(), Top::Panes, "{:?}", f.app.status);
    let book = on_disk(&f.path);
    assert!(book.entries.iter().any(|e| e.summary == "caught up"));
    assert_eq!(outcome(&book, chloe), None);
    assert_eq!(current(&f.app), "Chloé Moreau", "still her turn");
}

#[test]
fn esc_on_an_untouched_capture_goes_back_to_the_same_person() {
    let mut f = fixture();
    press(&mut f.app, "rc");
    f.app.handle_key(Key::plain(KeyCode::Esc));
    assert_eq!(f.app.on_top(), Top::Panes);
    assert_eq!(current(&f.app), "Chloé Moreau");
    assert!(on_disk(&f.path).review.is_none(), "nothing was written");
}

#[test]
fn the_hints_say_q_leaves_in_the_review() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let hints: Vec<_> = (f.app.keymap().hints(&f.app.tables()).into_iter())
        .map(|h| (h.key, h.help))
        .collect();
    assert!(hints.contains(&("q".to_string(), "leave")), "{hints:?}");
    assert!(!hints.contains(&("q".to_string(), "quit")), "{hints:?}");
    assert!(hints.contains(&("C-c".to_string(), "quit")), "{hints:?}");
}

#[test]
fn a_step_only_syncs_the_session_and_anything_else_rebuilds_it() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let queued = f.app.review().unwrap().items().len();
    press(&mut f.app, "x");
    let session = f.app.review().unwrap();
    assert_eq!(session.items().len(), queued, "the queue as it opened");
    assert_eq!(session.progress(), (2, 10));
    // Undo is a change like any other: the queue is computed again (and
    // Chloé, whose promise is open again, is back in it).
    press(&mut f.app, "xu");
    assert_eq!(f.app.review().unwrap().items().len(), queued - 1);
    assert_eq!(current(&f.app), "Elif Yılmaz");
    press(&mut f.app, "u");
    assert_eq!(f.app.review().unwrap().items().len(), queued);
    assert_eq!(current(&f.app), "Chloé Moreau");
}

/// Skips (`n`) until `name` is on screen.
fn review_until(app: &mut App, name: &str) {
    for _ in 0..40 {
        if current(app) == name {
            return;
        }
        press(app, "n");
    }
    panic!("{name} never came up");
}

fn reasons(app: &App) -> Vec<&'static str> {
    app.review_reasons().iter().map(|r| r.kind_name()).collect()
}

#[test]
fn j_moves_the_highlight_and_x_resolves_that_reason_only() {
    let mut f = fixture();
    press(&mut f.app, "r");
    review_until(&mut f.app, "José García");
    let jose = id_of(&f.app, "José García");
    assert_eq!(
        reasons(&f.app),
        ["promise", "follow_up", "reciprocate", "birthday"]
    );
    press(&mut f.app, "jx");
    assert_eq!(
        current(&f.app),
        "José García",
        "three reasons left: he stays"
    );
    assert_eq!(reasons(&f.app), ["promise", "reciprocate", "birthday"]);
    let book = on_disk(&f.path);
    let follow_up = book
        .entries
        .iter()
        .find(|e| e.people.contains(&jose) && e.summary.starts_with("he has a pilot"))
        .unwrap();
    assert!(follow_up.done, "the follow-up closed, on disk");
    assert!(
        book.entries
            .iter()
            .any(|e| e.is_open_promise() && e.people.contains(&jose)),
        "his promise stays open"
    );
    assert!(
        status_text(&f.app).starts_with("followed up: "),
        "{}",
        status_text(&f.app)
    );
}

#[test]
fn a_follow_up_shared_by_two_people_is_gone_from_both_once_closed() {
    let mut f = fixture();
    press(&mut f.app, "r");
    review_until(&mut f.app, "Priya Raman");
    assert_eq!(reasons(&f.app), ["promise", "follow_up"]);
    press(&mut f.app, "jx");
    assert_eq!(reasons(&f.app), ["promise"]);
    // Noor was here only for that same follow-up: she is gone, not stale.
    press(&mut f.app, "n");
    assert_eq!(current(&f.app), "Rafael Costa");
}

#[test]
fn x_on_a_cadence_logs_a_touch_today_and_says_what_it_wrote() {
    let mut f = fixture();
    press(&mut f.app, "ra");
    review_until(&mut f.app, "Sam Taylor");
    let sam = id_of(&f.app, "Sam Taylor");
    press(&mut f.app, "x");
    let book = on_disk(&f.path);
    let touch = book.entries.last().unwrap();
    assert_eq!(
        (
            touch.kind.as_str(),
            touch.summary.as_str(),
            touch.date,
            touch.people.to_vec()
        ),
        ("message", "reached out", today(), vec![sam])
    );
    let said = status_text(&f.app);
    assert!(
        said.starts_with("logged a message to Sam Taylor, today: reached out (u undoes"),
        "{said}"
    );
}

#[test]
fn x_on_coffee_only_opens_the_capture_for_a_deed() {
    let mut f = fixture();
    press(&mut f.app, "r");
    review_until(&mut f.app, "François Lefèvre");
    press(&mut f.app, "x");
    assert_eq!(f.app.on_top(), Top::Capture);
    let line = f.app.capture_state().unwrap().field.value().to_string();
    assert!(line.starts_with("@"), "{line:?}");
    assert!(status_text(&f.app).starts_with("only a deed resolves this"));
    assert_eq!(
        on_disk(&f.path).entries.len(),
        f.app.book().entries.len(),
        "nothing written yet"
    );
}

#[test]
fn capital_r_releases_a_promise_with_a_note() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "R");
    assert_eq!(f.app.on_top(), Top::Release);
    crate::tui::test_support::type_str(&mut f.app, "they found a speaker");
    f.app.handle_key(Key::plain(KeyCode::Enter));
    assert_eq!(f.app.on_top(), Top::Panes);
    let book = on_disk(&f.path);
    let promise = book
        .entries
        .iter()
        .find(|e| e.kind.is_promise() && e.people.contains(&chloe))
        .unwrap();
    assert_eq!(promise.released.as_deref(), Some("they found a speaker"));
    assert!(!promise.is_open_promise());
    assert_eq!(
        reasons(&f.app),
        ["coffee_only"],
        "a released promise is no deed: what is left is the coffee"
    );
    press(&mut f.app, "u");
    assert!(
        on_disk(&f.path)
            .entries
            .iter()
            .any(|e| e.is_open_promise() && e.people.contains(&chloe))
    );
}

#[test]
fn a_snooze_is_visible_and_capital_z_ends_it() {
    let mut f = fixture();
    press(&mut f.app, "r");
    let chloe = id_of(&f.app, "Chloé Moreau");
    press(&mut f.app, "ss1");
    assert!(
        on_disk(&f.path)
            .person(chloe)
            .unwrap()
            .snoozed_until
            .is_some()
    );
    f.select("Chloé Moreau");
    let screen = crate::tui::test_support::draw(&f.app, 100, 30);
    assert!(
        screen.contains("z Chloé Moreau"),
        "marked in the list:\n{screen}"
    );
    assert!(
        screen.contains("snoozed: until Thu 3 Dec (Z ends it)"),
        "and on the card:\n{screen}"
    );
    press(&mut f.app, "Z");
    assert_eq!(on_disk(&f.path).person(chloe).unwrap().snoozed_until, None);
    assert_eq!(status_text(&f.app), "unsnoozed Chloé Moreau");
}

#[test]
fn a_cadence_snoozed_three_times_in_a_row_offers_to_be_longer() {
    let f = fixture();
    let sam_at = |app: &App| id_of(app, "Sam Taylor");
    let mut sam = None;
    for n in 0..3u64 {
        let day = today() + chrono::Days::new(n);
        let mut app = crate::tui::test_support::open_on(&f.path, day);
        press(&mut app, "ra");
        review_until(&mut app, "Sam Taylor");
        sam = Some(sam_at(&app));
        press(&mut app, "sd");
        if n < 2 {
            assert_eq!(app.on_top(), Top::Panes, "day {n}: no offer yet");
        } else {
            let Top::Question(ask) = app.on_top() else {
                panic!("the third snooze asks: {:?}", app.on_top())
            };
            assert!(matches!(
                ask,
                crate::tui::layers::Ask::LongerCadence {
                    from: 30,
                    to: 45,
                    streak: 3,
                    ..
                }
            ));
            press(&mut app, "y");
        }
    }
    assert_eq!(
        on_disk(&f.path).person(sam.unwrap()).unwrap().cadence,
        Some(45)
    );
}

#[test]
fn a_capture_that_keeps_a_promise_offers_to_close_it() {
    let mut f = fixture();
    press(&mut f.app, "r");
    review_until(&mut f.app, "José García");
    let jose = id_of(&f.app, "José García");
    press(&mut f.app, "c");
    crate::tui::test_support::type_str(&mut f.app, "help: asked Renée about the pilot contract");
    f.app.handle_key(Key::plain(KeyCode::Enter));
    let Top::Question(crate::tui::layers::Ask::KeepPromise { promise, .. }) = f.app.on_top() else {
        panic!("asks to close the promise: {:?}", f.app.on_top())
    };
    press(&mut f.app, "y");
    let book = on_disk(&f.path);
    let e = book.entry(promise).unwrap();
    assert!(e.done && e.people.contains(&jose), "{e:?}");
}

fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The line `x` opens for a coffee-only person (or one owed a deed back) is
/// the introduction their review screen suggests (who could help them, else
/// whom they could help), for everyone in the queue, not only those whose
/// own need has a match.
#[test]
fn x_on_coffee_only_pre_fills_the_intro_the_screen_suggests() {
    use crate::intros::Candidate;
    let mut f = fixture();
    f.app.want_intros();
    // Everyone due, not only today's ten.
    press(&mut f.app, "ra");
    let mut checked = 0;
    let mut theirs_only = 0;
    for _ in 0..40 {
        let Some(id) = f.app.review_person() else {
            break;
        };
        // Only a deed resolves these: x opens the capture line.
        if matches!(
            reasons(&f.app).first(),
            Some(&("coffee_only" | "reciprocate"))
        ) {
            let (mine, theirs) = f.app.intros_of(id);
            let shown = mine.first().or(theirs.first()).map(|s| (*s).clone());
            theirs_only += usize::from(mine.is_empty() && !theirs.is_empty());
            let screen = crate::tui::test_support::draw(&f.app, 120, 40);
            press(&mut f.app, "x");
            let line = f.app.capture_state().unwrap().field.value().to_string();
            if let Some(s) = shown {
                let need = format!(" {}", s.need);
                assert!(line.ends_with(&need), "{line:?} for {s:?}");
                let names = [Some(s.person), s.candidate_id()];
                for who in names.into_iter().flatten() {
                    let name = f.app.book().name_of(who);
                    let first = name.split(' ').next().unwrap().to_string();
                    assert!(line.contains(&first), "{line:?} names {name}");
                    // Wide characters take two cells: compare without spaces.
                    let bare = |t: &str| t.replace(' ', "");
                    assert!(bare(&screen).contains(&bare(&name)), "{name}:\n{screen}");
                }
                match s.candidate {
                    Candidate::Person(_) => assert!(line.contains(" intro: "), "{line:?}"),
                    Candidate::Me => assert!(line.contains(" help: "), "{line:?}"),
                }
                checked += 1;
            }
            // An emptied line closes at once.
            f.app.handle_key(Key::ctrl('u'));
            f.app.handle_key(Key::plain(KeyCode::Esc));
            assert_eq!(f.app.on_top(), Top::Panes);
        }
        press(&mut f.app, "n");
    }
    assert!(
        checked >= 1,
        "people x opens a deed for, with a suggestion: {checked}"
    );
    assert!(
        theirs_only >= 1,
        "one whose only suggestion is whom they could help"
    );
}

/// `x` on "birthday in 5 days" asks when to send the wishes (the line plans
/// them for the birthday, its date editable) instead of logging them as
/// sent today; once planned, the birthday is no longer a reason.
#[test]
fn x_on_a_birthday_ahead_plans_the_wishes_for_the_day() {
    let mut f = fixture();
    press(&mut f.app, "r");
    review_until(&mut f.app, "José García");
    let jose = id_of(&f.app, "José García");
    press(&mut f.app, "jjjx");
    assert_eq!(f.app.on_top(), Top::Capture);
    let line = f.app.capture_state().unwrap().field.value().to_string();
    assert!(
        line.ends_with("message: birthday wishes 2026-12-01"),
        "{line}"
    );
    assert!(status_text(&f.app).starts_with("when to send wishes"));
    let before = on_disk(&f.path).entries.len();
    assert_eq!(before, f.app.book().entries.len(), "nothing written yet");
    f.app.handle_key(Key::plain(KeyCode::Enter));
    let book = on_disk(&f.path);
    let wishes = book
        .entries
        .iter()
        .find(|e| e.people == [jose] && e.summary == "birthday wishes")
        .expect("planned");
    assert_eq!(wishes.date, day("2026-12-01"), "on the birthday, not today");
    assert!(
        !reasons(&f.app).contains(&"birthday"),
        "{:?}",
        reasons(&f.app)
    );
}
