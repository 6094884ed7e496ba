//! Properties: the parser never panics, and rendering a capture gives a line
//! that parses back to it.

use proptest::prelude::*;

use super::tests::{book, today};
use super::*;
use crate::model::Kinds;

/// Words the grammar cares about, to make random lines that often parse.
const PIECES: &[&str] = &[
    "@alice",
    "@bob",
    "@\"Ana María\"",
    "@ana.maria",
    "@王芳",
    "@zed",
    "@al",
    "@p3",
    "@",
    "@\"",
    "favor:",
    "<intro:",
    "=collab:",
    "fav:",
    "co:",
    "x:",
    "coffee:",
    "promise:",
    "today",
    "yesterday",
    "-2d",
    "+1w",
    "-1m",
    "2026-11-02",
    "2026-02-30",
    "fri",
    "sun",
    "!+1w",
    "!fri",
    "!x",
    "!",
    "\\",
    "\\today",
    "\\@bob",
    "deck",
    "José",
    "茶",
    "🍵",
    "a,",
    "re:",
    "-2",
    "  ",
    "\t",
    "\"",
];

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..10).prop_map(|v| v.join(" "))
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(PIECES).prop_map(|s| s.trim().to_string()),
        "[a-zA-Zé王!@\\\\:,.+-]{1,8}",
    ]
    .prop_filter("a word", |w| !w.is_empty())
}

fn capture() -> impl Strategy<Value = Capture> {
    let who = prop_oneof![
        (1u64..=12).prop_map(|id| Who::Known(PersonId(id))),
        "(qq|xu|vy)[a-z]{0,3}( [a-z]{1,3})?".prop_map(Who::New),
    ];
    let kinds: Vec<Kind> = Kinds::default().iter().map(|(k, _)| k.clone()).collect();
    (
        prop::collection::vec(who, 1..4),
        prop::sample::select(kinds),
        prop::sample::select(&[Direction::Gave, Direction::Received, Direction::Mutual][..]),
        -400i64..400,
        prop::collection::vec(word(), 0..6),
        prop::option::of(-30i64..400),
    )
        .prop_map(|(mut people, kind, direction, days, words, follow)| {
            let mut seen = Vec::new();
            people.retain(|w| {
                let key = match w {
                    Who::Known(id) => id.to_string(),
                    Who::New(n) => crate::text::fold(n),
                };
                let fresh = !seen.contains(&key);
                seen.push(key);
                fresh
            });
            Capture {
                people,
                kind,
                direction,
                date: today() + chrono::Duration::days(days),
                summary: words.join(" "),
                follow_up: follow.map(|f| today() + chrono::Duration::days(f)),
            }
        })
        .prop_filter("a capture that makes sense", |c| {
            c.refusal(today(), &Kinds::default()).is_none()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        let _ = parse(&s, today(), &book(), &Kinds::default());
    }

    #[test]
    fn never_panics_and_errors_point_inside_the_line(s in line()) {
        match parse(&s, today(), &book(), &Kinds::default()) {
            Ok(c) => {
                let again = render_capture(&c, &book(), today());
                let back = parse(&again, today(), &book(), &Kinds::default());
                prop_assert_eq!(back, Ok(c), "rendered as {:?}", again);
            }
            Err(e) => {
                prop_assert!(e.span.start <= e.span.end && e.span.end <= s.len());
                prop_assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
                let _ = e.caret(&s);
            }
        }
    }

    #[test]
    fn every_capture_renders_to_a_line_that_parses_back(c in capture()) {
        let book = book();
        let line = render_capture(&c, &book, today());
        let back = parse(&line, today(), &book, &Kinds::default());
        prop_assert_eq!(back, Ok(c), "rendered as {:?}", line);
    }
}
