//! Calendars and mail in the real binary: at start kith reads the sources
//! config.ron names on a thread of its own, logs the past meetings with a
//! mark in the timeline, and the next meeting shows on the person's card.

use crate::common::pty::{Pty, keys};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);
const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/touches");

#[test]
fn the_calendar_is_read_at_start_and_the_next_meeting_shows_on_the_card() {
    let mut book = kith::model::Book::default();
    for (name, email) in [
        ("Ana Lima", "ana@example.org"),
        ("Bo Berg", "bo@example.org"),
    ] {
        let mut p = kith::model::Person::new(kith::model::PersonId(0), name);
        p.emails.push(email.into());
        kith::model::Op::AddPerson(p).apply(&mut book).unwrap();
    }
    let cfg_dir = tempfile::tempdir().unwrap();
    let cfg = cfg_dir.path().join("config.ron");
    std::fs::write(
        &cfg,
        format!(
            "(me: (emails: [\"me@kith.test\"]), sources: (calendars: [\"{FIX}/calendar.ics\"]))"
        ),
    )
    .unwrap();
    let (_dir, path, mut kith) = Pty::on_book_with(
        &book,
        &[],
        &[("KITH_CONFIG", Some(cfg.to_str().unwrap()))],
        100,
        30,
    );
    // No key pressed: the reading comes in and is logged.
    kith.wait_for("calendar and mail: 7 touches logged", WAIT);
    crate::common::people::find_in_list(&mut kith, "Ana Lima");
    kith.wait_for("next", WAIT);
    kith.wait_for("Fri 27 Nov · Lunch with Ana", WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("⊡ Breakfast with Ana, early", WAIT);
    // A lone Esc must arrive alone (Esc then q reads as Alt-q).
    kith.send(keys::ESC);
    kith.wait_for("People by", WAIT);
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
    let saved = kith::store::parse_book(&path, &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved.entries.len(), 7);
    assert!(
        saved
            .entries
            .iter()
            .all(|e| e.source == Some(kith::model::Origin::Calendar))
    );
    assert_eq!(saved.meetings.len(), 2, "meetings ahead are not entries");
}
