//! `kith import` on calendars and mail with the real binary: past events and
//! days of mail become touches on the people they name by e-mail, once;
//! an event moved or renamed updates its entry; a deleted one stays deleted;
//! bad items are skipped with file and line; the fixtures are never written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/touches");

struct Book {
    _dir: tempfile::TempDir,
    file: PathBuf,
    config: PathBuf,
}

impl Book {
    /// Ana Lima and Bo Berg, and you as me@kith.test.
    fn new() -> Book {
        Book::with_config("(me: (emails: [\"me@kith.test\"]))")
    }

    fn with_config(config: &str) -> Book {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("kith.ron");
        let cfg = dir.path().join("config.ron");
        fs::write(&cfg, config).unwrap();
        let b = Book {
            _dir: dir,
            file,
            config: cfg,
        };
        b.ok(&["add", "Ana Lima", "--email", "ana@example.org"]);
        b.ok(&["add", "Bo Berg", "--email", "BO@example.org"]);
        b
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kith"))
            .arg("--file")
            .arg(&self.file)
            .args(["--today", "2026-11-26", "--config"])
            .arg(&self.config)
            .args(args)
            .env("KITH_ID_SEED", "1")
            .env("KITH_CACHE_DIR", self._dir.path().join("cache"))
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        out(&o)
    }

    fn book(&self) -> kith::model::Book {
        kith::store::parse_book(&self.file, &fs::read(&self.file).unwrap()).unwrap()
    }

    /// date, kind, direction, summary, names — sorted.
    fn entries(&self) -> Vec<String> {
        let b = self.book();
        let mut v: Vec<String> = b
            .entries
            .iter()
            .map(|e| {
                let names: Vec<&str> = e
                    .people
                    .iter()
                    .map(|p| b.person(*p).unwrap().name.as_str())
                    .collect();
                format!(
                    "{} {} {} {} [{}] {:?}",
                    e.date,
                    e.kind,
                    e.direction,
                    e.summary,
                    names.join(", "),
                    e.source.map(|s| s.as_str())
                )
            })
            .collect();
        v.sort();
        v
    }
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    Path::new(FIX).join(name).display().to_string()
}

#[test]
fn a_calendar_logs_each_past_occurrence_once_and_bad_events_are_named() {
    let b = Book::new();
    let ics = fixture("calendar.ics");
    let before = fs::read(&ics).unwrap();
    let o = b.run(&["import", &ics, "--list-unknown"]);
    let said = out(&o);
    assert_eq!(o.status.code(), Some(2), "two events unreadable: {said}");
    assert!(said.contains("read 8 events: logged 7 touches"), "{said}");
    assert!(said.contains("2 meetings ahead"), "{said}");
    assert!(
        said.contains("calendar.ics:80: a date kith cannot read"),
        "{said}"
    );
    assert!(
        said.contains("calendar.ics:86: an event never ended"),
        "{said}"
    );
    assert!(
        said.contains("calendar.ics:74: unknown time zone Mars/Olympus; UTC instead"),
        "{said}"
    );
    assert!(said.contains("1 address naming nobody"), "{said}");
    assert!(said.contains("    1  carol@elsewhere.test"), "{said}");
    assert_eq!(
        b.entries(),
        [
            // Weekly, 6 times from 5 Oct, 19 Oct taken out, 2 Nov moved to the 3rd.
            "2026-10-05 call mutual Weekly call with Bo [Bo Berg] Some(\"calendar\")",
            "2026-10-12 call mutual Weekly call with Bo [Bo Berg] Some(\"calendar\")",
            "2026-10-26 call mutual Weekly call with Bo [Bo Berg] Some(\"calendar\")",
            "2026-11-03 call mutual Weekly call with Bo (moved) [Bo Berg] Some(\"calendar\")",
            "2026-11-09 call mutual Weekly call with Bo [Bo Berg] Some(\"calendar\")",
            // 07:30 in Tokyo: the 10th there, the 9th in UTC.
            "2026-11-10 meeting mutual Breakfast with Ana, early [Ana Lima] Some(\"calendar\")",
            "2026-11-15 coffee mutual Coffee with Bo [Bo Berg] Some(\"calendar\")",
        ],
        "no cancelled, declined or future event; nobody created"
    );
    assert_eq!(b.book().people.len(), 2);
    assert_eq!(
        fs::read(&ics).unwrap(),
        before,
        "the calendar is never written"
    );

    // Again: nothing changes, not even a save.
    let book_before = fs::read(&b.file).unwrap();
    let again = out(&b.run(&["import", &ics]));
    assert!(
        again.contains("logged 0 touches, updated 0, 7 unchanged"),
        "{again}"
    );
    assert_eq!(fs::read(&b.file).unwrap(), book_before);
}

#[test]
fn an_event_moved_or_renamed_updates_its_entry_and_a_deleted_one_stays_deleted() {
    let b = Book::new();
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("cal.ics");
    let text = fs::read_to_string(fixture("calendar.ics")).unwrap();
    fs::write(&ics, &text).unwrap();
    b.run(&["import", ics.to_str().unwrap()]);
    let id_of = |summary: &str| {
        b.book()
            .entries
            .iter()
            .find(|e| e.summary.starts_with(summary))
            .map(|e| e.id)
    };
    let breakfast = id_of("Breakfast").unwrap();

    let moved = text
        .replace(
            "SUMMARY:Breakfast with Ana\\, early",
            "SUMMARY:Coffee with Ana",
        )
        .replace("20261110T073000", "20261111T073000");
    fs::write(&ics, moved).unwrap();
    let said = out(&b.run(&["import", ics.to_str().unwrap()]));
    assert!(
        said.contains("logged 0 touches, updated 1, 6 unchanged"),
        "{said}"
    );
    let e = b.book().entry(breakfast).cloned().unwrap();
    assert_eq!(
        (e.date.to_string(), e.kind.to_string(), e.summary.as_str()),
        ("2026-11-11".into(), "coffee".into(), "Coffee with Ana"),
        "the same entry, moved and renamed"
    );

    // Deleted by hand: not imported again.
    let book = fs::read_to_string(&b.file).unwrap();
    let kept: Vec<&str> = book
        .lines()
        .filter(|l| !l.contains(&format!("(id: \"{}\"", &breakfast.to_string()[1..])))
        .collect();
    assert_eq!(
        kept.len() + 1,
        book.lines().count(),
        "one entry line taken out"
    );
    fs::write(&b.file, kept.join("\n") + "\n").unwrap();
    let said = out(&b.run(&["import", ics.to_str().unwrap()]));
    assert!(said.contains("logged 0 touches"), "{said}");
    assert!(said.contains("1 you deleted left out"), "{said}");
    assert!(b.book().entry(breakfast).is_none());
}

#[test]
fn mail_is_one_touch_a_person_a_day_in_the_right_direction_once() {
    let b = Book::new();
    let maildir = fixture("maildir");
    let o = b.run(&["import", &maildir]);
    let said = out(&o);
    assert_eq!(o.status.code(), Some(2), "{said}");
    assert!(said.contains("read 5 messages: logged 2 touches"), "{said}");
    assert!(
        said.contains("2 from lists or bulk senders passed over"),
        "{said}"
    );
    assert!(
        said.contains("1700000006.M6P1.host:2,S:1: no Date header"),
        "{said}"
    );
    assert!(
        said.contains("1700000007.M7P1.host:2,S:1: binary, not a message"),
        "{said}"
    );
    let o = b.run(&["import", &fixture("mail.mbox")]);
    let said = out(&o);
    assert!(o.status.success(), "{said}{}", err(&o));
    assert!(
        said.contains("read 4 messages: logged 1 touch, updated 0, 1 unchanged"),
        "{said}"
    );
    assert!(said.contains("1 from lists or bulk senders"), "{said}");
    assert_eq!(
        b.entries(),
        [
            // Ana wrote in the morning, you answered at night: mutual, her subject.
            "2026-11-20 message mutual Café next week? [Ana Lima] Some(\"mail\")",
            // Sent at 23:30 in -0800: the 21st where it was written.
            "2026-11-21 message gave The intro you asked for [Bo Berg] Some(\"mail\")",
            "2026-11-23 message received Thanks for the intro [Bo Berg] Some(\"mail\")",
        ]
    );
    let before = fs::read(&b.file).unwrap();
    let again = out(&b.run(&["import", &fixture("mail.mbox")]));
    assert!(
        again.contains("logged 0 touches, updated 0, 2 unchanged"),
        "{again}"
    );
    assert_eq!(
        fs::read(&b.file).unwrap(),
        before,
        "re-importing writes nothing"
    );
}

#[test]
fn sources_in_the_config_are_read_together() {
    let cfg = format!(
        "(me: (emails: [\"me@kith.test\"]), sources: (calendars: [{:?}], maildirs: [{:?}, {:?}]), \
         calendar_kinds: {{\"breakfast\": \"coffee\"}})",
        fixture("calendar.ics"),
        fixture("maildir"),
        fixture("mail.mbox")
    );
    let b = Book::with_config(&cfg);
    let said = out(&b.run(&["import", "--sources"]));
    assert!(
        said.contains("read 8 events and 8 messages: logged 10 touches"),
        "{said}"
    );
    assert!(said.contains("1 seen twice counted once"), "{said}");
    assert!(
        b.entries()
            .iter()
            .any(|e| e.starts_with("2026-11-10 coffee mutual Breakfast")),
        "the config's own word for a kind: {:?}",
        b.entries()
    );
    // Without sources it says how to name them.
    let none = Book::new();
    let o = none.run(&["import", "--sources"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("sources:"), "{}", err(&o));
}

#[test]
fn the_next_meeting_shows_on_the_person_and_the_day_before_the_review_brings_them() {
    let b = Book::new();
    b.ok(&["edit", "Ana Lima", "--need", "+a flat in Lisbon"]);
    b.ok(&["edit", "Bo Berg", "--offer", "+flats in Lisbon"]);
    b.ok(&["log", "@ana promise: send her the deck -3d"]);
    b.ok(&["log", "@ana <favor: lent me her projector -20d"]);
    b.run(&["import", &fixture("calendar.ics")]);
    let show = b.ok(&["show", "Ana Lima"]);
    assert!(
        show.contains("  next       Fri 27 Nov · Lunch with Ana"),
        "{show}"
    );
    assert!(
        show.contains("meeting ⊡ Breakfast with Ana, early"),
        "the mark: {show}"
    );
    let review = b.ok(&["review", "--print"]);
    assert!(
        review.contains(
            "you meet tomorrow (Fri 27 Nov): Lunch with Ana · bring: your promise “send her the deck”; \
             their need “a flat in Lisbon”; last they gave: favor “lent me her projector” 2026-11-06"
        ),
        "{review}"
    );
    assert!(
        review.contains("    Bo Berg could help with “a flat in Lisbon”"),
        "{review}"
    );
    // Not the day before: not in the review for the meeting.
    let o = Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("--file")
        .arg(&b.file)
        .args(["--today", "2026-11-25", "--config"])
        .arg(&b.config)
        .args(["review", "--print"])
        .output()
        .unwrap();
    assert!(!out(&o).contains("you meet"), "{}", out(&o));
    // A meeting is not an entry.
    assert!(!b.entries().iter().any(|e| e.contains("Lunch with Ana")));
}

#[test]
fn a_maildir_scanned_again_reads_only_the_files_new_since() {
    let b = Book::new();
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("mail");
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(md.join(sub)).unwrap();
    }
    let msg = |from: &str, to: &str, day: u32, subject: &str| {
        format!(
            "From: {from}\nTo: {to}\nSubject: {subject}\nDate: Mon, {day} Nov 2026 10:00:00 +0000\n\
             Message-ID: <{day}{subject}@x>\n\nbody\n"
        )
    };
    let first = md.join("cur/1.M1P1.host:2,S");
    fs::write(&first, msg("ana@example.org", "me@kith.test", 16, "hello")).unwrap();
    let said = out(&b.run(&["import", md.to_str().unwrap()]));
    assert!(said.contains("logged 1 touch"), "{said}");
    // Read once: the file is not read again, even when it changed (maildir
    // files never do; this one stands in for a file kith must not reopen),
    // and its flags changing renames it without making it new.
    fs::write(&first, b"\x00\x01 not read again").unwrap();
    fs::rename(&first, md.join("cur/1.M1P1.host:2,RS")).unwrap();
    fs::write(
        md.join("new/2.M2P1.host"),
        msg("me@kith.test", "bo@example.org", 17, "news"),
    )
    .unwrap();
    let o = b.run(&["import", md.to_str().unwrap()]);
    let said = out(&o);
    assert!(o.status.success(), "{said}");
    assert!(
        said.contains("read 2 messages: logged 1 touch, updated 0, 1 unchanged"),
        "{said}"
    );
    // Without the cache, every file is read: the changed one is now unreadable.
    fs::remove_dir_all(b._dir.path().join("cache")).unwrap();
    let o = b.run(&["import", md.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(
        out(&o).contains("1.M1P1.host:2,RS:1: binary"),
        "{}",
        out(&o)
    );
}
