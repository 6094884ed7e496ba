//! The grammar, case by case.

use chrono::NaiveDate;

use super::*;
use crate::model::{Kinds, Person};

pub(super) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A Thursday.
pub(super) fn today() -> NaiveDate {
    d("2026-11-26")
}

pub(super) fn book() -> Book {
    let mut book = Book::default();
    let names = [
        "Alice García",
        "Bob Li",
        "Carol Ng",
        "Ana María López",
        "José Núñez",
        "王芳",
        "Alan Turing",
        "Old Friend",
        "Bobby Tables",
        "Dana Scully",
        "Dana White",
        "Zoë Ødegaard",
    ];
    for (i, name) in names.iter().enumerate() {
        let mut p = Person::new(PersonId(i as u64 + 1), *name);
        p.archived = *name == "Old Friend";
        if *name == "Alice García" {
            p.nicknames.push("Ali".into());
        }
        book.people.push(p);
    }
    book.normalize();
    book
}

#[derive(Debug)]
enum W {
    K(u32),
    N(&'static str),
}

enum Want {
    Ok {
        people: &'static [W],
        kind: &'static str,
        dir: Direction,
        date: &'static str,
        summary: &'static str,
        follow: Option<&'static str>,
    },
    /// The error's span covers the first occurrence of `at` in the line (or,
    /// for an empty `at`, is empty at byte `pos`), and its kind matches.
    Err {
        at: &'static str,
        pos: usize,
        kind: fn(&CaptureErrorKind) -> bool,
    },
}

use Direction::{Gave, Mutual, Received};
use W::{K, N};

const T: &str = "2026-11-26";

fn ok(
    people: &'static [W],
    kind: &'static str,
    dir: Direction,
    date: &'static str,
    summary: &'static str,
    follow: Option<&'static str>,
) -> Want {
    Want::Ok {
        people,
        kind,
        dir,
        date,
        summary,
        follow,
    }
}

fn err(at: &'static str, kind: fn(&CaptureErrorKind) -> bool) -> Want {
    Want::Err { at, pos: 0, kind }
}

fn err_at(pos: usize, kind: fn(&CaptureErrorKind) -> bool) -> Want {
    Want::Err { at: "", pos, kind }
}

use CaptureErrorKind as E;

#[rustfmt::skip]
fn cases() -> Vec<(&'static str, Want)> {
    vec![
        ("@alice favor: reviewed her pitch deck -2d !+1w", ok(&[K(1)], "favor", Gave, "2026-11-24", "reviewed her pitch deck", Some("2026-12-03"))),
        ("@bob <intro: introduced me to @carol", ok(&[K(2), K(3)], "intro", Received, T, "introduced me to Carol Ng", None)),
        ("@alice @bob intro: you two should talk", ok(&[K(1), K(2)], "intro", Gave, T, "you two should talk", None)),
        ("@\"Ana María\" =collab: wrote the grant yesterday", ok(&[K(4)], "collab", Mutual, "2026-11-25", "wrote the grant", None)),
        ("@ana.maria coffee:", ok(&[K(4)], "coffee", Gave, T, "", None)),
        ("@jose help: reviewed his CV", ok(&[K(5)], "help", Gave, T, "reviewed his CV", None)),
        ("@JOSÉ call:", ok(&[K(5)], "call", Gave, T, "", None)),
        ("@王芳 gift: 茶叶 today", ok(&[K(6)], "gift", Gave, T, "茶叶", None)),
        ("@王 gift: 🍵 for the team", ok(&[K(6)], "gift", Gave, T, "🍵 for the team", None)),
        ("@zoe meeting: standup", ok(&[K(12)], "meeting", Gave, T, "standup", None)),
        ("@odegaard message: hi", ok(&[K(12)], "message", Gave, T, "hi", None)),
        ("@ali fav: a loan", ok(&[K(1)], "favor", Gave, T, "a loan", None)),
        ("@bob call:", ok(&[K(2)], "call", Gave, T, "", None)),
        ("@bobb call:", ok(&[K(9)], "call", Gave, T, "", None)),
        ("@aligar call:", ok(&[K(1)], "call", Gave, T, "", None)),
        ("@\"Old Friend\" coffee: catch up", ok(&[K(8)], "coffee", Gave, T, "catch up", None)),
        ("@old coffee:", ok(&[N("old")], "coffee", Gave, T, "", None)),
        ("@zed coffee: met at the conf", ok(&[N("zed")], "coffee", Gave, T, "met at the conf", None)),
        ("@Zed @zed coffee:", ok(&[N("Zed")], "coffee", Gave, T, "", None)),
        ("@p3 call:", ok(&[K(3)], "call", Gave, T, "", None)),
        ("   @alice coffee: spaces around   ", ok(&[K(1)], "coffee", Gave, T, "spaces around", None)),
        ("\t@alice coffee:    two   spaces\n", ok(&[K(1)], "coffee", Gave, T, "two spaces", None)),
        ("yesterday @alice coffee: x", ok(&[K(1)], "coffee", Gave, "2026-11-25", "x", None)),
        ("-2d @alice coffee: x", ok(&[K(1)], "coffee", Gave, "2026-11-24", "x", None)),
        ("@alice coffee: x today", ok(&[K(1)], "coffee", Gave, T, "x", None)),
        ("@alice coffee: x tomorrow", ok(&[K(1)], "coffee", Gave, "2026-11-27", "x", None)),
        ("@alice coffee: x +3d", ok(&[K(1)], "coffee", Gave, "2026-11-29", "x", None)),
        ("@alice coffee: x -3d", ok(&[K(1)], "coffee", Gave, "2026-11-23", "x", None)),
        ("@alice coffee: x -2w", ok(&[K(1)], "coffee", Gave, "2026-11-12", "x", None)),
        ("@alice coffee: x -1m", ok(&[K(1)], "coffee", Gave, "2026-10-26", "x", None)),
        ("@alice coffee: x 2026-11-02", ok(&[K(1)], "coffee", Gave, "2026-11-02", "x", None)),
        ("@alice coffee: x mon", ok(&[K(1)], "coffee", Gave, "2026-11-23", "x", None)),
        ("@alice coffee: x Thursday", ok(&[K(1)], "coffee", Gave, T, "x", None)),
        ("@alice coffee: x !fri", ok(&[K(1)], "coffee", Gave, T, "x", Some("2026-11-27"))),
        ("@alice coffee: x !thu", ok(&[K(1)], "coffee", Gave, T, "x", Some("2026-12-03"))),
        ("@alice coffee: x !2026-12-01", ok(&[K(1)], "coffee", Gave, T, "x", Some("2026-12-01"))),
        ("@alice coffee: x !tomorrow -1d", ok(&[K(1)], "coffee", Gave, "2026-11-25", "x", Some("2026-11-27"))),
        ("@alice coffee: -2d !+1w", ok(&[K(1)], "coffee", Gave, "2026-11-24", "", Some("2026-12-03"))),
        ("@alice promise: intro to a VC !+2w", ok(&[K(1)], "promise", Gave, T, "intro to a VC", Some("2026-12-10"))),
        ("@alice coffee: walked in the sun", ok(&[K(1)], "coffee", Gave, "2026-11-22", "walked in the", None)),
        ("@alice coffee: \\sat in the \\sun", ok(&[K(1)], "coffee", Gave, T, "sat in the sun", None)),
        ("@alice coffee: today was great", ok(&[K(1)], "coffee", Gave, T, "was great", None)),
        ("@alice coffee: lunch tomorrow was moved", ok(&[K(1)], "coffee", Gave, T, "lunch tomorrow was moved", None)),
        ("@alice Favor: x", ok(&[K(1)], "favor", Gave, T, "x", None)),
        ("@alice >gift: x", ok(&[K(1)], "gift", Gave, T, "x", None)),
        ("@alice <favor: lent me a book", ok(&[K(1)], "favor", Received, T, "lent me a book", None)),
        ("@alice coffee: re: notes: stuff", ok(&[K(1)], "coffee", Gave, T, "re: notes: stuff", None)),
        ("@alice coffee: mail bob@x.com or @ about it", ok(&[K(1)], "coffee", Gave, T, "mail bob@x.com or @ about it", None)),
        ("@alice coffee: intro @bob, and @carol.", ok(&[K(1), K(2), K(3)], "coffee", Gave, T, "intro Bob Li, and Carol Ng", None)),
        ("intro: @bob to @zed", ok(&[K(2), N("zed")], "intro", Gave, T, "Bob Li to zed", None)),
        ("@alice fvr: x", err("fvr:", |k| matches!(k, E::UnknownKind { suggestions, .. } if suggestions == &[Kind::new("favor")]))),
        ("@alice co: x", err("co:", |k| matches!(k, E::AmbiguousKind { candidates, .. } if candidates.len() == 2))),
        ("@alice x", err("x", |k| matches!(k, E::NoKind { hint: None }))),
        ("@alice coffee with her", err("coffee", |k| matches!(k, E::NoKind { hint: Some(h) } if h.as_str() == "coffee"))),
        ("@alice", err_at(6, |k| matches!(k, E::NoKind { hint: None }))),
        ("  coffee: with nobody", err_at(2, |k| *k == E::NoPerson)),
        ("", err_at(0, |k| *k == E::NoPerson)),
        ("@al fav: x", err("@al", |k| matches!(k, E::AmbiguousPerson { candidates, more: 0, .. } if candidates.len() == 2))),
        ("@alice @dana call:", err("@dana", |k| matches!(k, E::AmbiguousPerson { candidates, .. } if candidates[0].1 == "Dana Scully"))),
        ("@alice coffee: x -3x", err("-3x", |k| matches!(k, E::BadDate { .. }))),
        ("@alice coffee: x 2026-02-30", err("2026-02-30", |k| matches!(k, E::BadDate { .. }))),
        ("@alice coffee: x !soon", err("!soon", |k| matches!(k, E::BadDate { .. }))),
        ("-9x @alice x", err("-9x", |k| matches!(k, E::BadDate { .. }))),
        ("@alice coffee: x -1d yesterday", err("yesterday", |k| *k == E::Twice { what: "date" })),
        ("@alice coffee: x !fri !mon", err("!mon", |k| *k == E::Twice { what: "follow-up" })),
        ("@alice coffee: sat in the sun", err("sun", |k| *k == E::Twice { what: "date" })),
        ("coffee: @\"Ana María ", err("@\"Ana María", |k| *k == E::UnclosedQuote)),
    ]
}

#[test]
fn the_grammar_table() {
    let book = book();
    let kinds = Kinds::default();
    let cases = cases();
    assert!(cases.len() >= 40);
    for (line, want) in cases {
        let got = parse(line, today(), &book, &kinds);
        match (want, got) {
            (
                Want::Ok {
                    people,
                    kind,
                    dir,
                    date,
                    summary,
                    follow,
                },
                Ok(c),
            ) => {
                let people: Vec<Who> = people
                    .iter()
                    .map(|w| match w {
                        K(id) => Who::Known(PersonId(u64::from(*id))),
                        N(name) => Who::New(name.to_string()),
                    })
                    .collect();
                let want = Capture {
                    people,
                    kind: Kind::new(kind),
                    direction: dir,
                    date: d(date),
                    summary: summary.to_string(),
                    follow_up: follow.map(d),
                };
                assert_eq!(c, want, "line {line:?}");
            }
            (Want::Err { at, pos, kind }, Err(e)) => {
                let span = if at.is_empty() {
                    pos..pos
                } else {
                    let start = line.find(at).expect("the span text is in the line");
                    start..start + at.len()
                };
                assert_eq!(e.span, span, "span for {line:?}: {e}");
                assert!(kind(&e.kind), "kind for {line:?}: {:?}", e.kind);
            }
            (Want::Ok { .. }, Err(e)) => panic!("{line:?} failed:\n{}", e.caret(line)),
            (Want::Err { .. }, Ok(c)) => panic!("{line:?} parsed to {c:?}"),
        }
    }
}

#[test]
fn configured_kinds_parse_by_prefix() {
    let kinds = Kinds::with_extra(&[crate::model::KindDef {
        name: "mentoring".into(),
        weight: crate::model::Weight::Deed,
    }]);
    let c = parse("@bob ment: career chat", today(), &book(), &kinds).unwrap();
    assert_eq!(c.kind, Kind::new("mentoring"));
}

#[test]
fn configured_kinds_with_spaces_are_typed_with_hyphens_and_render_back() {
    let kinds = Kinds::with_extra(&[crate::model::KindDef {
        name: "Coffee Chat".into(),
        weight: crate::model::Weight::Touch,
    }]);
    let b = book();
    for line in ["@bob coffee-chat: catch-up", "@bob COFFEE-C: catch-up"] {
        let c = parse(line, today(), &b, &kinds).unwrap();
        assert_eq!(c.kind, Kind::new("Coffee Chat"), "{line}");
        let back = render_capture(&c, &b, today());
        assert!(back.to_lowercase().contains(" coffee-chat: "), "{back}");
        assert_eq!(parse(&back, today(), &b, &kinds).unwrap(), c);
    }
    let e = parse("@bob cofee-chat: hi", today(), &b, &kinds).unwrap_err();
    let said = e.to_string().to_lowercase();
    assert!(said.contains("did you mean coffee-chat:"), "{said}");
}

#[test]
fn caret_underlines_by_display_width() {
    let line = "@王芳 fvr: tea";
    let e = parse(line, today(), &book(), &Kinds::default()).unwrap_err();
    assert_eq!(
        e.caret(line),
        "@王芳 fvr: tea\n      ^^^^ no kind `fvr:`; did you mean favor:?"
    );
    let e = parse("", today(), &book(), &Kinds::default()).unwrap_err();
    assert_eq!(e.caret(""), "\n^ name someone with @, e.g. @alice");
}

#[test]
fn to_op_adds_new_people_with_fresh_ids_then_the_entry() {
    let mut book = book();
    let c = parse(
        "@zed @bob @amy.pond intro: x",
        today(),
        &book,
        &Kinds::default(),
    )
    .unwrap();
    assert_eq!(c.new_people().collect::<Vec<_>>(), ["zed", "amy pond"]);
    let op = c.to_op(&book);
    op.apply(&mut book).unwrap();
    let e = book.entries.last().unwrap();
    assert_eq!(e.people, [PersonId(13), PersonId(2), PersonId(14)]);
    assert_eq!(book.name_of(PersonId(14)), "amy pond");
    assert_eq!(e.kind, Kind::new("intro"));
    assert!(!e.done);
}

#[test]
fn an_intro_you_made_asks_how_it_went_two_weeks_later_unless_it_says_when() {
    let saved = |line: &str| {
        let mut book = book();
        let c = parse(line, today(), &book, &Kinds::default()).unwrap();
        c.to_op(&book).apply(&mut book).unwrap();
        book.entries.last().unwrap().follow_up
    };
    let on = |s: &str| Some(s.parse::<NaiveDate>().unwrap());
    assert_eq!(
        saved("@alice @bob intro: you two should talk"),
        on("2026-12-10")
    );
    assert_eq!(
        saved("@alice @bob intro: met last week -7d"),
        on("2026-12-03")
    );
    assert_eq!(saved("@alice @bob intro: x !+3d"), on("2026-11-29"));
    assert_eq!(
        saved("@bob <intro: introduced me to @carol"),
        None,
        "received"
    );
    assert_eq!(saved("@alice coffee: intro @bob"), None, "not an intro");
}

#[test]
fn a_promise_is_saved_open() {
    let mut book = book();
    let c = parse(
        "@bob promise: intro to Carol",
        today(),
        &book,
        &Kinds::default(),
    )
    .unwrap();
    c.to_op(&book).apply(&mut book).unwrap();
    assert!(book.entries[0].is_open_promise());
}

#[test]
fn editing_keeps_the_entry_id_and_done_state() {
    let mut book = book();
    let c = parse("@bob promise: intro", today(), &book, &Kinds::default()).unwrap();
    c.to_op(&book).apply(&mut book).unwrap();
    let id = book.entries[0].id;
    Op::SetDone(id, Some(today())).apply(&mut book).unwrap();
    let line = render(&book.entries[0], &book, today());
    assert_eq!(line, "@\"Bob Li\" promise: intro");
    let edited = parse(
        "@bob @carol promise: intro -1d",
        today(),
        &book,
        &Kinds::default(),
    )
    .unwrap();
    edited.to_edit_op(&book, id).apply(&mut book).unwrap();
    assert_eq!(book.entries.len(), 1);
    assert_eq!(book.entries[0].people, [PersonId(2), PersonId(3)]);
    assert!(book.entries[0].done);
}

#[test]
fn render_quotes_or_falls_back_to_ids_so_names_read_back() {
    let mut book = book();
    book.people.push(Person::new(PersonId(20), "Bob Li"));
    let mut e = Entry::new(
        d("2026-11-20"),
        vec![PersonId(4), PersonId(2), PersonId(6)],
        Kind::new("favor"),
        "today \\x @y -2d fine",
    );
    e.direction = Direction::Received;
    e.follow_up = Some(d("2026-11-27"));
    let line = render(&e, &book, today());
    assert_eq!(
        line,
        "@\"Ana María López\" @p2 @王芳 <favor: \\today \\\\x \\@y \\-2d fine -6d !tomorrow"
    );
    let back = parse(&line, today(), &book, &Kinds::default()).unwrap();
    assert_eq!(back, Capture::from_entry(&e));
}

#[test]
fn preview_says_what_will_be_saved() {
    let book = book();
    let c = parse(
        "@alice @new.person favor: reviewed her deck -2d !+1w",
        today(),
        &book,
        &Kinds::default(),
    )
    .unwrap();
    assert_eq!(
        preview(&c, &book, today()),
        "favor · gave · Alice García, new person (new) · 2 days ago · follow up Thu 3 Dec · reviewed her deck"
    );
    let c = parse(
        "@bob <promise: x 2025-01-02",
        today(),
        &book,
        &Kinds::default(),
    )
    .unwrap();
    assert_eq!(
        preview(&c, &book, today()),
        "promise · received · Bob Li · Thu 2 Jan 2025 · open · x"
    );
}

#[test]
fn unknown_people_are_errors_only_when_asked() {
    let line = "@bob @zed coffee:";
    let p = parse_spanned(line, today(), &book(), &Kinds::default()).unwrap();
    let e = p.require_known().unwrap_err();
    assert_eq!(&line[e.span.clone()], "@zed");
    assert_eq!(
        e.kind,
        CaptureErrorKind::UnknownPerson {
            name: "zed".into(),
            meant: Vec::new()
        }
    );
    let p = parse_spanned("@bob coffee:", today(), &book(), &Kinds::default()).unwrap();
    assert_eq!(p.require_known(), Ok(()));
}
