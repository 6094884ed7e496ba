//! The person form's validation: each field's rules, parses of lists,
//! birthdays, cadence, dates and "introduced by", and errors that keep the text.

use crate::model::{Birthday, Book, Op, Person, PersonId};
use crate::tui::layers::form::{Field, FormState, Texts, build, check, items, list, texts_of};

/// 2026-11-26 is a Thursday.
fn today() -> chrono::NaiveDate {
    "2026-11-26".parse().unwrap()
}

fn book() -> Book {
    let mut book = Book::default();
    for name in ["Ana Lima", "Ana Souza", "José Pérez"] {
        Op::AddPerson(Person::new(PersonId(0), name))
            .apply(&mut book)
            .unwrap();
    }
    book
}

fn texts(pairs: &[(Field, &str)]) -> Texts {
    let mut t: Texts = Default::default();
    for (f, s) in pairs {
        t[*f as usize] = s.to_string();
    }
    t
}

#[test]
fn a_name_is_required() {
    let b = book();
    assert!(check(Field::Name, "  ", &b, None, today()).is_err());
    assert!(check(Field::Name, "Zoe", &b, None, today()).is_ok());
    let err = build(
        &texts(&[(Field::Org, "Acme")]),
        &Person::default(),
        &b,
        today(),
    )
    .unwrap_err();
    assert_eq!(err, vec![(Field::Name, "a name is required".to_string())]);
}

#[test]
fn lists_split_on_commas_trimmed_without_repeats() {
    assert_eq!(list(" a, b ,,A, c "), vec!["a", "b", "c"]);
    assert_eq!(list(""), Vec::<&str>::new());
    assert_eq!(items("seed money, intros"), vec!["seed money", "intros"]);
    assert_eq!(
        items("an intro to Acme, or Globex; rust hires"),
        vec!["an intro to Acme, or Globex", "rust hires"],
        "a `;` keeps commas inside an item"
    );
}

#[test]
fn emails_need_an_at_with_something_either_side() {
    let b = book();
    assert!(check(Field::Emails, "zoe@x.io, z@y.org", &b, None, today()).is_ok());
    let e = check(Field::Emails, "zoe@x.io, zoe.x.io", &b, None, today()).unwrap_err();
    assert!(e.contains("zoe.x.io"), "{e}");
    assert!(check(Field::Emails, "@x.io", &b, None, today()).is_err());
    assert!(check(Field::Emails, "zo e@x.io", &b, None, today()).is_err());
}

#[test]
fn cadence_is_a_number_of_days() {
    let b = book();
    assert!(check(Field::Cadence, "", &b, None, today()).is_ok());
    assert!(check(Field::Cadence, "30", &b, None, today()).is_ok());
    for bad in ["0", "-3", "monthly", "99999"] {
        assert!(
            check(Field::Cadence, bad, &b, None, today()).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn birthday_is_month_day_with_an_optional_year() {
    let b = book();
    let p = build(
        &texts(&[(Field::Name, "Zoe"), (Field::Birthday, "02-29")]),
        &Person::default(),
        &b,
        today(),
    )
    .unwrap();
    assert_eq!(p.birthday, Birthday::new(None, 2, 29));
    let p = build(
        &texts(&[(Field::Name, "Zoe"), (Field::Birthday, "1990-07-04")]),
        &Person::default(),
        &b,
        today(),
    )
    .unwrap();
    assert_eq!(p.birthday, Birthday::new(Some(1990), 7, 4));
    for bad in ["13-01", "02-30", "July 4", "1990-02-29"] {
        assert!(
            check(Field::Birthday, bad, &b, None, today()).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn met_date_is_a_date_as_capture_writes_it() {
    let b = book();
    assert!(check(Field::MetDate, "2026-03-01", &b, None, today()).is_ok());
    assert!(check(Field::MetDate, "01/03/2026", &b, None, today()).is_err());
    // The same words capture and snooze take; a weekday is the last one.
    let p = build(
        &texts(&[(Field::Name, "Zoe"), (Field::MetDate, "mon")]),
        &Person::default(),
        &b,
        today(),
    )
    .unwrap();
    assert_eq!(p.met.date, "2026-11-23".parse().ok());
    let p = build(
        &texts(&[(Field::Name, "Zoe"), (Field::MetDate, "-2w")]),
        &Person::default(),
        &b,
        today(),
    )
    .unwrap();
    assert_eq!(p.met.date, "2026-11-12".parse().ok());
}

#[test]
fn introduced_by_resolves_a_name_in_the_book() {
    let b = book();
    let p = build(
        &texts(&[(Field::Name, "Zoe"), (Field::IntroducedBy, "jose")]),
        &Person::default(),
        &b,
        today(),
    )
    .unwrap();
    assert_eq!(p.met.introduced_by, Some(PersonId(3)), "accents fold");
    let e = check(Field::IntroducedBy, "ana", &b, None, today()).unwrap_err();
    assert!(e.contains("Ana Lima") && e.contains("Ana Souza"), "{e}");
    assert!(check(Field::IntroducedBy, "ana lima", &b, None, today()).is_ok());
    assert!(check(Field::IntroducedBy, "p2", &b, None, today()).is_ok());
    assert!(check(Field::IntroducedBy, "Nobody", &b, None, today()).is_err());
    assert!(
        check(Field::IntroducedBy, "José", &b, Some(PersonId(3)), today()).is_err(),
        "no one introduces themselves"
    );
}

#[test]
fn a_filled_form_builds_the_person_and_reads_back_the_same() {
    let b = book();
    let t = texts(&[
        (Field::Name, " Zoe Park "),
        (Field::Nicknames, "Z"),
        (Field::Org, "Acme"),
        (Field::Tags, "design, founder"),
        (Field::Cadence, "30"),
        (Field::Needs, "an intro, a designer"),
        (Field::Offers, "reviews; hiring advice, Rust"),
        (Field::Met, "RustConf"),
        (Field::MetDate, "2026-09-10"),
        (Field::Notes, "line one\nline two\n"),
    ]);
    let p = build(&t, &Person::default(), &b, today()).unwrap();
    assert_eq!(p.name, "Zoe Park");
    assert_eq!(p.org.as_deref(), Some("Acme"));
    assert_eq!(p.title, None, "an empty field is no value");
    assert_eq!(p.tags, vec!["design", "founder"]);
    assert_eq!(p.cadence, Some(30));
    assert_eq!(p.needs, vec!["an intro", "a designer"]);
    assert_eq!(p.offers, vec!["reviews", "hiring advice, Rust"]);
    assert_eq!(p.notes, "line one\nline two");
    assert_eq!(build(&texts_of(&p, &b), &p, &b, today()).unwrap(), p);
}

#[test]
fn saving_with_errors_keeps_every_text_and_focuses_the_first_bad_field() {
    let b = book();
    let mut form = FormState::new(Person::default(), &b);
    form.fields[Field::Org as usize].set("Acme");
    form.fields[Field::Cadence as usize].set("often");
    form.fields[Field::Birthday as usize].set("31-31");
    assert_eq!(form.submit(&b, today()), None);
    assert_eq!(form.focus, Field::Name, "the first bad field");
    assert_eq!(
        form.errors.keys().copied().collect::<Vec<_>>(),
        vec![Field::Name, Field::Cadence, Field::Birthday]
    );
    assert_eq!(form.text(Field::Org), "Acme");
    assert_eq!(form.text(Field::Cadence), "often", "nothing typed is lost");
    form.fields[Field::Name as usize].set("Zoe");
    form.fields[Field::Cadence as usize].set("14");
    form.fields[Field::Birthday as usize].set("");
    let p = form.submit(&b, today()).expect("fixed");
    assert_eq!((p.name.as_str(), p.cadence), ("Zoe", Some(14)));
    assert!(form.errors.is_empty());
}

#[test]
fn a_field_is_checked_when_it_is_left() {
    let b = book();
    let mut form = FormState::new(Person::default(), &b);
    form.move_focus(1, &b, today());
    assert!(form.errors.contains_key(&Field::Name), "left empty");
    assert_eq!(form.focus, Field::Nicknames);
    form.move_focus(-2, &b, today());
    assert_eq!(form.focus, Field::Notes, "Shift-Tab wraps");
    form.focus = Field::Name;
    form.fields[0].set("Zoe");
    form.move_focus(1, &b, today());
    assert!(form.errors.is_empty(), "fixed and left again");
    assert!(form.changed());
}
