//! Labelled books for the introductions engine (tests/fixtures/intros_*.txt):
//! people as they are written in contact notes, and for each needer the
//! people who could really help. Read by the suite (tests/search/intros.rs),
//! which asserts the scores, and by `cargo bench --bench intros_quality`,
//! which prints them.
//!
//! Format: `[people]` lines `name | title | org | tags (,) | needs (;) |
//! offers (;) | notes`, `[archived]` names, `[expect]` lines `needer =>
//! right / also right`.

use kith::intros::{Candidate, Matcher, Options, Suggestion};
use kith::model::{Book, Op, Person, PersonId};

pub const TUNED: &str = include_str!("../../tests/fixtures/intros_labelled.txt");
/// Never tuned on: written before the matcher was changed, scored after.
pub const HELD_OUT: &str = include_str!("../../tests/fixtures/intros_heldout.txt");
/// A second book never tuned on, written after the whole-word model and the
/// purpose rule were committed, before anything was run on it.
pub const HELD_OUT_2: &str = include_str!("../../tests/fixtures/intros_heldout2.txt");
/// A third, written before the session that measured larger models changed
/// anything, and run once, on the model that session kept.
pub const HELD_OUT_3: &str = include_str!("../../tests/fixtures/intros_heldout3.txt");
/// A fourth, written before the session that tried all-mpnet-base-v2 ran
/// anything, and run once, on the model that session kept.
pub const HELD_OUT_4: &str = include_str!("../../tests/fixtures/intros_heldout4.txt");
/// A fifth, written before the session that trained the table on sentences
/// ran anything, and run once, on the model that session kept.
pub const HELD_OUT_5: &str = include_str!("../../tests/fixtures/intros_heldout5.txt");
/// A sixth, written before the session that runs the sentence encoder
/// inside kith ran any experiment with it, and run once, on its final
/// choice.
pub const HELD_OUT_6: &str = include_str!("../../tests/fixtures/intros_heldout6.txt");
/// A seventh and an eighth, written by two different hands (one terse, one
/// chatty with loan words) by a helper that never saw the matcher, before
/// the session that let the encoder rank ran anything on them, and scored
/// once, on that session's final choice.
pub const HELD_OUT_7: &str = include_str!("../../tests/fixtures/intros_heldout7.txt");
pub const HELD_OUT_8: &str = include_str!("../../tests/fixtures/intros_heldout8.txt");
/// A ninth and a tenth, in two more hands (a busy professional's CRM notes,
/// a retired person's address book), written by a helper that never saw
/// the matcher while books 7 and 8 were being looked at, and scored once,
/// on the ranking committed before they were read.
pub const HELD_OUT_9: &str = include_str!("../../tests/fixtures/intros_heldout9.txt");
pub const HELD_OUT_10: &str = include_str!("../../tests/fixtures/intros_heldout10.txt");

pub struct Labelled {
    pub book: Book,
    /// Needer and the right candidates.
    pub expect: Vec<(String, Vec<String>)>,
}

/// How a matcher did on a labelled book.
#[derive(Debug)]
pub struct Score {
    pub needs: usize,
    /// Needs whose right helper is among the first three, and first.
    pub top3: usize,
    pub top1: usize,
    /// `needer: wanted …, got …` for each need missed in the top three.
    pub misses: Vec<String>,
    /// The same for each need whose first suggestion is not a right one.
    pub not_first: Vec<String>,
}

impl Score {
    pub fn top3_rate(&self) -> f64 {
        self.top3 as f64 / self.needs as f64
    }

    pub fn top1_rate(&self) -> f64 {
        self.top1 as f64 / self.needs as f64
    }

    pub fn report(&self, name: &str) -> String {
        let mut out = format!(
            "{name}: {} needs, top-3 {}/{} ({:.0} %), first {}/{} ({:.0} %)\n",
            self.needs,
            self.top3,
            self.needs,
            self.top3_rate() * 100.0,
            self.top1,
            self.needs,
            self.top1_rate() * 100.0
        );
        for m in &self.misses {
            out.push_str(&format!("  not in top 3: {m}\n"));
        }
        for m in &self.not_first {
            out.push_str(&format!("  not first:    {m}\n"));
        }
        out
    }
}

pub fn parse(text: &str) -> Labelled {
    let mut book = Book::default();
    let mut section = "";
    let mut expect = Vec::new();
    let list = |s: &str, sep: char| -> Vec<String> {
        s.split(sep)
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            section = line;
            continue;
        }
        match section {
            "[people]" => {
                let f: Vec<&str> = line.split('|').map(str::trim).collect();
                assert_eq!(f.len(), 7, "seven columns: {line}");
                let mut p = Person::new(PersonId(0), f[0]);
                p.title = (!f[1].is_empty()).then(|| f[1].to_string());
                p.org = (!f[2].is_empty()).then(|| f[2].to_string());
                p.tags = list(f[3], ',');
                p.needs = list(f[4], ';');
                p.offers = list(f[5], ';');
                p.notes = f[6].to_string();
                Op::AddPerson(p).apply(&mut book).unwrap();
            }
            "[archived]" => {
                let id = id_of(&book, line);
                book.person_mut(id).unwrap().archived = true;
            }
            "[expect]" => {
                let (needer, right) = line.split_once("=>").expect("needer => right");
                expect.push((needer.trim().to_string(), list(right, '/')));
            }
            other => panic!("unknown section {other}"),
        }
    }
    Labelled { book, expect }
}

pub fn id_of(book: &Book, name: &str) -> PersonId {
    book.people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in the fixture"))
        .id
}

pub fn names(book: &Book, found: &[Suggestion]) -> Vec<String> {
    found
        .iter()
        .map(|s| match s.candidate {
            Candidate::Me => "me".to_string(),
            Candidate::Person(id) => book.name_of(id),
        })
        .collect()
}

/// Each needer's suggestions from `matcher`, against the labels.
pub fn score(l: &Labelled, matcher: &Matcher) -> Score {
    let mut s = Score {
        needs: l.expect.len(),
        top3: 0,
        top1: 0,
        misses: Vec::new(),
        not_first: Vec::new(),
    };
    for (needer, right) in &l.expect {
        let found = matcher.for_person(id_of(&l.book, needer), &Options::default());
        let top = names(&l.book, &found);
        let line = || format!("{needer}: wanted {right:?}, got {top:?}");
        if right.iter().any(|r| top.iter().take(3).any(|t| t == r)) {
            s.top3 += 1;
        } else {
            s.misses.push(line());
        }
        if top.first().is_some_and(|t| right.contains(t)) {
            s.top1 += 1;
        } else {
            s.not_first.push(line());
        }
    }
    s
}
