//! The introductions engine on a labelled book (tests/fixtures/intros_labelled.txt):
//! the right person is among the top three for at least 80 % of the needs, and
//! decoys that share a word with a need are not the ones suggested for it.

use kith::intros::{Candidate, Matcher, Options, Suggestion};
use kith::model::{Book, Op, Person, PersonId};

const FIXTURE: &str = include_str!("fixtures/intros_labelled.txt");

/// The fixture's book and its expectations (needer, right candidates).
fn fixture() -> (Book, Vec<(String, Vec<String>)>) {
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
    for line in FIXTURE.lines() {
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
    (book, expect)
}

fn id_of(book: &Book, name: &str) -> PersonId {
    book.people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in the fixture"))
        .id
}

fn names(book: &Book, found: &[Suggestion]) -> Vec<String> {
    found
        .iter()
        .map(|s| match s.candidate {
            Candidate::Me => "me".to_string(),
            Candidate::Person(id) => book.name_of(id),
        })
        .collect()
}

#[test]
fn the_right_person_is_in_the_top_three_for_most_needs() {
    let (book, expect) = fixture();
    let needers = book.people.iter().filter(|p| !p.needs.is_empty()).count();
    let offerers = book.people.iter().filter(|p| !p.offers.is_empty()).count();
    assert!(needers >= 20 && offerers >= 20, "{needers} / {offerers}");
    assert!(expect.len() >= 20);
    let matcher = Matcher::build(&book, &[]);
    let mut misses = Vec::new();
    for (needer, right) in &expect {
        let found = matcher.for_person(id_of(&book, needer), &Options::default());
        let top = names(&book, &found);
        if !right.iter().any(|r| top.iter().take(3).any(|t| t == r)) {
            misses.push(format!("{needer}: wanted {right:?}, got {top:?}"));
        }
    }
    let rate = 1.0 - misses.len() as f64 / expect.len() as f64;
    println!(
        "{} of {} needs matched ({:.0} %); misses:",
        expect.len() - misses.len(),
        expect.len(),
        rate * 100.0
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(
        rate >= 0.8,
        "hit rate {rate:.2}; misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn decoys_that_share_a_word_are_not_suggested_for_the_wrong_need() {
    let (book, _) = fixture();
    let matcher = Matcher::build(&book, &[]);
    let jose = matcher.for_person(id_of(&book, "José García"), &Options::default());
    let who = names(&book, &jose);
    for decoy in ["Gary Hughes", "Hannah Moss", "Old Friend"] {
        assert!(
            !who.contains(&decoy.to_string()),
            "{decoy} for José: {who:?}"
        );
    }
    let all = matcher.suggestions(&Options::default());
    let everyone = names(&book, &all);
    assert!(!everyone.contains(&"Old Friend".to_string()), "archived");
    for decoy in ["Pat Quinn", "Ivo Horvat"] {
        assert!(
            !everyone.contains(&decoy.to_string()),
            "{decoy} matched something"
        );
    }
}

#[test]
fn each_suggestion_says_which_words_matched() {
    let (book, _) = fixture();
    let matcher = Matcher::build(&book, &[]);
    let jose = matcher.for_person(id_of(&book, "José García"), &Options::default());
    let priya = jose
        .iter()
        .find(|s| s.candidate == Candidate::Person(id_of(&book, "Priya Raman")))
        .expect("Priya for José");
    assert!(
        priya.because.contains(&"seed".to_string()),
        "{:?}",
        priya.because
    );
    assert!(
        priya.because.iter().any(|w| w.starts_with("investor ≈ ")),
        "{:?}",
        priya.because
    );
    let mutual = priya.mutual.as_ref().expect("José could help Priya back");
    assert!(
        mutual.because.contains(&"climate".to_string()),
        "{mutual:?}"
    );
}

#[test]
fn two_people_who_both_need_a_co_founder_are_each_other_s() {
    let (book, _) = fixture();
    let matcher = Matcher::build(&book, &[]);
    let (noor, ben) = (id_of(&book, "Noor Aziz"), id_of(&book, "Ben Carter"));
    let for_noor = matcher.for_person(noor, &Options::default());
    let first = for_noor.first().expect("a suggestion for Noor");
    assert_eq!(first.candidate, Candidate::Person(ben), "{for_noor:#?}");
    assert!(first.mutual.is_some(), "both ways");
}

#[test]
fn my_offers_make_you_could_help_suggestions() {
    let (book, _) = fixture();
    let offers = vec!["I review pitch decks and landing pages".to_string()];
    let matcher = Matcher::build(&book, &offers);
    let mine = matcher.could_help(Candidate::Me, None);
    let ana = id_of(&book, "Ana Lima");
    assert!(mine.iter().any(|s| s.person == ana), "{mine:#?}");
    assert!(mine.iter().all(|s| s.candidate == Candidate::Me));
}
