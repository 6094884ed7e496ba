//! Properties of the suggestions on random books drawn from a small
//! vocabulary (so needs and offers overlap often): nobody for their own
//! need, archived people never, introduced pairs and dismissed suggestions
//! gone, and the same book always gives the same list.

use proptest::prelude::*;

use super::*;
use crate::model::{Book, DismissedIntro, Entry, Kind, Op, Person, PersonId};

const WORDS: &[&str] = &[
    "seed investor",
    "climate",
    "designer",
    "rust engineer",
    "talks",
    "speakers",
    "co-founder",
    "sales",
    "tax advice",
    "a flat in Lisbon",
    "数据科学",
    "инвестор",
    "the",
    "help",
    "mentor",
];

fn phrase() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..4).prop_map(|w| w.join(" "))
}

#[derive(Debug, Clone)]
struct Spec {
    needs: Vec<String>,
    offers: Vec<String>,
    title: Option<String>,
    archived: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(phrase(), 0..3),
        prop::collection::vec(phrase(), 0..3),
        prop::option::of(phrase()),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(needs, offers, title, archived)| Spec {
            needs,
            offers,
            title,
            archived,
        })
}

/// A book of `specs`, with intros between the pairs in `intros`.
fn book(specs: &[Spec], intros: &[(usize, usize)]) -> Book {
    let mut book = Book::default();
    for (i, s) in specs.iter().enumerate() {
        let mut p = Person::new(PersonId(0), format!("P{i}"));
        p.needs = s.needs.clone();
        p.offers = s.offers.clone();
        p.title = s.title.clone();
        p.archived = s.archived;
        Op::AddPerson(p).apply(&mut book).unwrap();
    }
    let day = "2026-11-01".parse().unwrap();
    for (a, b) in intros {
        let (a, b) = (
            PersonId(u64::from(*a as u32 % specs.len() as u32 + 1)),
            PersonId(u64::from(*b as u32 % specs.len() as u32 + 1)),
        );
        if a != b {
            let e = Entry::new(day, vec![a, b], Kind::new("intro"), "x");
            Op::AddEntry(e).apply(&mut book).unwrap();
        }
    }
    book
}

fn all(book: &Book, me: &[String]) -> Vec<Suggestion> {
    Matcher::build(book, me).suggestions(&Options {
        per_need: 5,
        limit: None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn suggestions_respect_every_exclusion(
        specs in prop::collection::vec(spec(), 2..12),
        intros in prop::collection::vec((0usize..12, 0usize..12), 0..6),
        me in prop::collection::vec(phrase(), 0..2),
    ) {
        let book = book(&specs, &intros);
        let found = all(&book, &me);
        for s in &found {
            let needer = book.person(s.person).unwrap();
            prop_assert!(!needer.archived, "archived needer {s:?}");
            prop_assert_eq!(&needer.needs[s.need_index], &s.need);
            prop_assert!(!s.because.is_empty());
            if let Candidate::Person(c) = s.candidate {
                prop_assert_ne!(c, s.person, "self-suggestion");
                prop_assert!(!book.person(c).unwrap().archived, "archived candidate");
                let introduced = book.entries.iter().any(|e| e.names(c) && e.names(s.person));
                prop_assert!(!introduced, "introduced pair {s:?}");
            } else {
                prop_assert!(!me.is_empty());
            }
        }
        prop_assert_eq!(&found, &all(&book, &me), "the same book, the same order");
        for pair in found.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score, "best first");
        }
    }

    #[test]
    fn a_dismissed_suggestion_is_gone_and_only_it(
        specs in prop::collection::vec(spec(), 2..10),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut book = book(&specs, &[]);
        let me = vec!["rust engineer talks".to_string()];
        let before = all(&book, &me);
        prop_assume!(!before.is_empty());
        let gone = pick.get(&before).clone();
        let d = DismissedIntro {
            person: gone.person,
            need: gone.need.to_uppercase(),
            candidate: gone.candidate_id(),
        };
        Op::SetDismissed(d, true).apply(&mut book).unwrap();
        let after = all(&book, &me);
        let same = |a: &Suggestion, b: &Suggestion| {
            a.person == b.person && a.need_index == b.need_index && a.candidate == b.candidate
        };
        prop_assert!(!after.iter().any(|s| same(s, &gone)), "still suggested");
        for s in before.iter().filter(|s| !(s.person == gone.person && s.need == gone.need && s.candidate == gone.candidate)) {
            // Others for the same need may move up into the freed place;
            // everything else stays.
            if s.person != gone.person || s.need_index != gone.need_index {
                prop_assert!(after.iter().any(|a| same(a, s)), "lost {s:?}");
            }
        }
    }
}

/// The needs of a large book shared out between threads give exactly the
/// suggestions one thread gives, in the same order (the split must not show).
#[test]
fn suggestions_on_several_threads_are_those_of_one() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
    let book = crate::demo::generate(1_500, 3_000, 7, today);
    let matcher = Matcher::build(&book, &["Rust mentoring".to_string()]);
    let opts = Options::default();
    let one = matcher.suggestions_on(&opts, 1);
    assert!(one.len() > 100, "a large book: {}", one.len());
    for threads in [2, 3, 4] {
        assert_eq!(
            matcher.suggestions_on(&opts, threads),
            one,
            "{threads} threads"
        );
    }
    let limited = Options {
        limit: Some(10),
        ..opts
    };
    assert_eq!(matcher.suggestions_on(&limited, 3), one[..10]);
}
