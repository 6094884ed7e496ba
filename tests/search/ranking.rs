//! The ranking table: queries against a fixed, hand-built book, with the people
//! they must find in order, plus highlights for accented and CJK names.

use chrono::NaiveDate;
use kith::model::{Book, Entry, Index, Kind, Kinds, Op, Person, PersonId};
use kith::search::{Band, Hit, Part, SearchIndex, SearchOptions};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A person with a name, an optional last contact date, and field tweaks.
fn person(book: &mut Book, name: &str, last: Option<&str>, edit: impl FnOnce(&mut Person)) {
    let mut p = Person::new(PersonId(0), name);
    edit(&mut p);
    Op::AddPerson(p).apply(book).unwrap();
    let id = book.people.last().unwrap().id;
    if let Some(date) = last {
        let e = Entry::new(d(date), vec![id], Kind::new("coffee"), "coffee");
        Op::AddEntry(e).apply(book).unwrap();
    }
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn book() -> Book {
    let mut b = Book::default();
    person(&mut b, "José García", Some("2026-11-20"), |p| {
        p.org = s("Acme");
        p.title = s("Engineer");
    });
    person(&mut b, "Zoë Martin", Some("2026-10-01"), |p| {
        p.org = s("Studio Nord");
        p.tags = vec!["design".into()];
    });
    person(&mut b, "Erik ÅNGSTRÖM", None, |p| p.org = s("Optics Lab"));
    person(&mut b, "Anna Müller", Some("2026-06-01"), |p| {
        p.org = s("Acme")
    });
    person(&mut b, "王芳", Some("2026-09-09"), |p| p.org = s("华为"));
    person(&mut b, "Ana Lima", Some("2026-11-01"), |p| {
        p.org = s("Acme")
    });
    person(&mut b, "Ana Souza", Some("2026-11-10"), |p| {
        p.org = s("Globex")
    });
    person(&mut b, "Carla Rossi", Some("2026-08-01"), |p| {
        p.tags = vec!["rust".into()];
    });
    person(&mut b, "Dan Brown", Some("2026-11-25"), |p| {
        p.needs = vec!["a rust mentor".into()];
        p.notes = "Learning to sail.\nLoves Berlin.".into();
    });
    person(&mut b, "Evelyn Hart", Some("2026-11-24"), |p| {
        p.archived = true;
        p.org = s("Globex");
    });
    person(&mut b, "Ann Lee", Some("2026-01-01"), |_| {});
    person(&mut b, "Annabel Smith", Some("2026-11-21"), |p| {
        p.title = s("Designer");
        p.met.context = s("Berlin meetup");
    });
    person(&mut b, "Sam Reed", Some("2026-11-15"), |_| {});
    person(&mut b, "Sam Ford", Some("2026-03-01"), |_| {});
    person(&mut b, "Robert Tables", Some("2026-05-05"), |p| {
        p.nicknames = vec!["Bobby".into()];
        p.offers = vec!["intro to investors".into()];
    });
    // Her name holds a, c, m, e and a, n, a, but only loosely.
    person(&mut b, "Grace Mensah", Some("2026-11-12"), |_| {});
    person(&mut b, "Kim Park", None, |p| {
        p.emails = vec!["kim@example.org".into()];
        p.links = vec!["https://linkedin.com/in/kimpark".into()];
    });
    b
}

struct Fixture {
    book: Book,
    facts: Index,
    index: SearchIndex,
}

impl Fixture {
    fn new() -> Fixture {
        let book = book();
        let facts = Index::build(&book, &Kinds::default());
        let index = SearchIndex::build(&book);
        Fixture { book, facts, index }
    }

    fn hits(&self, query: &str, include_archived: bool) -> Vec<Hit> {
        let opts = SearchOptions {
            include_archived,
            limit: 100,
        };
        self.index.search(query, &self.book, &self.facts, &opts)
    }

    fn names(&self, hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| self.book.name_of(h.person)).collect()
    }
}

/// `(query, the people it must find, best first)`. `..` at the end of a list
/// means "these first, others may follow"; without it the list is complete.
const TABLE: &[(&str, &[&str])] = &[
    // accents and case, both sides
    ("jose", &["José García"]),
    ("JOSE", &["José García"]),
    ("José", &["José García"]),
    ("zoe", &["Zoë Martin"]),
    ("ångström", &["Erik ÅNGSTRÖM"]),
    ("angstrom", &["Erik ÅNGSTRÖM"]),
    ("muller", &["Anna Müller"]),
    ("MÜLLER", &["Anna Müller"]),
    // CJK
    ("王", &["王芳"]),
    ("王芳", &["王芳"]),
    ("华为", &["王芳"]),
    // typos by omission
    ("jse", &["José García"]),
    ("grca", &["José García", "Grace Mensah"]),
    ("mllr", &["Anna Müller"]),
    // multi-word: every word, any field, any order
    ("ana acme", &["Ana Lima", "Anna Müller", "Grace Mensah"]),
    ("acme ana", &["Ana Lima", "Anna Müller", "Grace Mensah"]),
    ("jose engineer", &["José García"]),
    ("ana globex", &["Ana Souza"]),
    ("sail berlin", &["Dan Brown"]),
    // exact, then whole-word prefix, then prefix name matches come first
    ("ann", &["Ann Lee", "Annabel Smith", "Anna Müller", ".."]),
    ("anna", &["Anna Müller", "Annabel Smith", ".."]),
    ("ann lee", &["Ann Lee", ".."]),
    ("bobby", &["Robert Tables"]),
    ("ana lima", &["Ana Lima"]),
    // bands: name before org/title/tag before needs/notes/the rest
    ("rust", &["Carla Rossi", "Dan Brown"]),
    // equal scores in a band: more recent contact first
    ("design", &["Annabel Smith", "Zoë Martin"]),
    // clean matches in any band before loose ones, even in the name
    (
        "acme",
        &["José García", "Ana Lima", "Anna Müller", "Grace Mensah"],
    ),
    ("grace", &["Grace Mensah"]),
    ("berlin", &["Annabel Smith", "Dan Brown"]),
    ("investors", &["Robert Tables"]),
    ("example", &["Kim Park"]),
    ("linkedin", &["Kim Park"]),
    // equal scores: more recent contact first, not alphabetical
    ("sam", &["Sam Reed", "Sam Ford"]),
    // archived people stay out without the toggle
    ("evelyn", &[]),
    ("globex", &["Ana Souza"]),
    // nothing
    ("zzz", &[]),
];

#[test]
fn ranking_table() {
    let f = Fixture::new();
    let mut failures = Vec::new();
    for (query, expected) in TABLE {
        let got = f.names(&f.hits(query, false));
        let (want, open) = match expected.split_last() {
            Some((&"..", rest)) => (rest, true),
            _ => (*expected, false),
        };
        let ok = if open {
            got.len() >= want.len() && got[..want.len()] == *want
        } else {
            got == *want
        };
        if !ok {
            failures.push(format!("{query:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bands_and_fields_are_reported() {
    let f = Fixture::new();
    let rust = f.hits("rust", false);
    assert_eq!((rust[0].field, rust[0].band), (Part::Tag, Band::Work));
    assert_eq!((rust[1].field, rust[1].band), (Part::Need, Band::Other));
    assert_eq!(rust[1].text, "a rust mentor");
    let bobby = f.hits("bobby", false);
    assert_eq!(
        (bobby[0].field, bobby[0].band),
        (Part::Nickname, Band::Name)
    );
    let berlin = f.hits("berlin", false);
    assert_eq!(berlin[0].field, Part::Met);
    assert_eq!(berlin[1].field, Part::Note);
    assert_eq!(berlin[1].text, "Loves Berlin.", "one line of the note");
}

#[test]
fn archived_people_are_found_only_with_the_toggle() {
    let f = Fixture::new();
    assert_eq!(f.names(&f.hits("evelyn", true)), vec!["Evelyn Hart"]);
    assert_eq!(
        f.names(&f.hits("globex", true)),
        vec!["Evelyn Hart", "Ana Souza"],
        "equal scores, more recent contact first"
    );
}

#[test]
fn empty_query_lists_the_most_recently_contacted_first() {
    let f = Fixture::new();
    let got = f.names(&f.hits("  ", false));
    assert_eq!(
        got[..4],
        ["Dan Brown", "Annabel Smith", "José García", "Sam Reed"]
    );
    assert_eq!(got.len(), 16, "everyone but the archived");
    assert_eq!(
        got[14..],
        ["Erik ÅNGSTRÖM", "Kim Park"],
        "never contacted last, by name"
    );
}

#[test]
fn limit_keeps_the_best() {
    let f = Fixture::new();
    let opts = SearchOptions {
        include_archived: false,
        limit: 2,
    };
    let got = f.index.search("ann", &f.book, &f.facts, &opts);
    assert_eq!(f.names(&got), vec!["Ann Lee", "Annabel Smith"]);
}

#[test]
fn highlights_point_at_original_accented_and_cjk_chars() {
    let f = Fixture::new();
    let jose = &f.hits("jose", false)[0];
    assert_eq!(jose.text, "José García");
    assert_eq!(jose.positions, vec![0, 1, 2, 3]);
    let angstrom = &f.hits("angstrom", false)[0];
    assert_eq!(angstrom.positions, (5..13).collect::<Vec<_>>());
    let muller = &f.hits("mllr", false)[0];
    assert_eq!(muller.text, "Anna Müller");
    assert_eq!(muller.positions, vec![5, 7, 8, 10]);
    let wang = &f.hits("芳", false)[0];
    assert_eq!(
        (wang.text.as_str(), wang.positions.as_slice()),
        ("王芳", &[1][..])
    );
    let ana = &f.hits("acme ana", false)[0];
    assert_eq!(
        (ana.field, ana.band),
        (Part::Org, Band::Work),
        "the weakest evidence is shown"
    );
    assert_eq!(
        (ana.text.as_str(), ana.positions.as_slice()),
        ("Acme", &[0, 1, 2, 3][..])
    );
    let both = &f.hits("ana lima", false)[0];
    assert_eq!(
        (both.field, both.positions.as_slice()),
        (Part::Name, &[0, 1, 2, 4, 5, 6, 7][..])
    );
}

#[test]
fn names_autocomplete_looks_at_names_and_nicknames_only() {
    let f = Fixture::new();
    let names = |q: &str| f.names(&f.index.names(q, &f.book, &f.facts, 5));
    assert_eq!(names("bob"), vec!["Robert Tables"]);
    assert_eq!(names("acme"), vec!["Grace Mensah"], "org is not a name");
    assert_eq!(names("jo"), vec!["José García"]);
    assert!(
        names("evelyn").is_empty(),
        "archived people are not offered"
    );
    assert_eq!(
        names("an")[..3],
        ["Annabel Smith", "Ana Souza", "Ana Lima"],
        "name prefixes, then recency"
    );
    assert_eq!(names("ana")[..2], ["Ana Souza", "Ana Lima"]);
}

#[test]
fn a_stale_index_skips_people_no_longer_in_the_book() {
    let mut f = Fixture::new();
    f.book.people.retain(|p| p.name != "José García");
    assert!(f.hits("jose", false).is_empty());
    assert_eq!(f.names(&f.hits("zoe", false)), vec!["Zoë Martin"]);
}
