//! Editing a person: the field-by-field operation and what it replaced.

use super::*;
use crate::model::{Book, Op};

fn book_with(p: Person) -> Book {
    let mut book = Book::default();
    Op::AddPerson(p).apply(&mut book).unwrap();
    book
}

fn ana() -> Person {
    let mut p = Person::new(PersonId(1), "Ana");
    p.org = Some("Acme".into());
    p.emails = vec!["ana@acme.test".into()];
    p.tags = vec!["climate".into()];
    p
}

fn edit(before: &Person, change: impl FnOnce(&mut Person)) -> Op {
    let mut after = before.clone();
    change(&mut after);
    Op::EditPerson(PersonEdit::new(before, after).expect("something changed"))
}

#[test]
fn an_edit_keeps_what_another_writer_added_meanwhile() {
    let seen = ana();
    let mut book = book_with(seen.clone());
    // Another process adds an e-mail and a tag while the form is open.
    let p = book.person_mut(PersonId(1)).unwrap();
    p.emails.push("ana@home.test".into());
    p.tags.push("mentor".into());
    // The form changed the org and one tag.
    let op = edit(&seen, |p| {
        p.org = Some("Beta".into());
        p.tags = vec!["climate".into(), "investor".into()];
    });
    op.apply(&mut book).unwrap();
    let p = book.person(PersonId(1)).unwrap();
    assert_eq!(p.org.as_deref(), Some("Beta"));
    assert_eq!(p.emails, ["ana@acme.test", "ana@home.test"]);
    assert_eq!(p.tags, ["climate", "mentor", "investor"]);
}

#[test]
fn the_same_field_changed_twice_takes_the_forms_value_and_names_the_other() {
    let seen = ana();
    let mut book = book_with(seen.clone());
    book.person_mut(PersonId(1)).unwrap().org = Some("Gamma".into());
    let Op::EditPerson(e) = edit(&seen, |p| p.org = Some("Beta".into())) else {
        unreachable!()
    };
    let Op::EditPerson(inverse) = Op::EditPerson(e.clone()).apply(&mut book).unwrap() else {
        panic!("the inverse of an edit is an edit")
    };
    assert_eq!(book.people[0].org.as_deref(), Some("Beta"));
    assert_eq!(
        e.clashes(&inverse),
        [(PersonField::Org, "Gamma".to_string())]
    );
}

#[test]
fn undo_restores_only_what_still_holds_the_edits_value() {
    let seen = ana();
    let mut book = book_with(seen.clone());
    let op = edit(&seen, |p| {
        p.org = Some("Beta".into());
        p.title = Some("CTO".into());
    });
    let Op::EditPerson(undo) = op.apply(&mut book).unwrap() else {
        unreachable!()
    };
    // Meanwhile another writer changed the title and added a tag.
    let p = book.person_mut(PersonId(1)).unwrap();
    p.title = Some("CEO".into());
    p.tags.push("mentor".into());
    let Op::EditPerson(redo) = Op::EditPerson(undo.clone()).apply(&mut book).unwrap() else {
        unreachable!()
    };
    let p = book.person(PersonId(1)).unwrap();
    assert_eq!(p.org.as_deref(), Some("Acme"), "org went back");
    assert_eq!(
        p.title.as_deref(),
        Some("CEO"),
        "the other writer's title stays"
    );
    assert_eq!(p.tags, ["climate", "mentor"], "and so does their tag");
    assert_eq!(undo.left_alone(&redo), [PersonField::Title]);
}

#[test]
fn list_edits_undo_as_sets() {
    let seen = ana();
    let mut book = book_with(seen.clone());
    let op = edit(&seen, |p| p.emails = vec!["ana@new.test".into()]);
    let undo = op.apply(&mut book).unwrap();
    book.person_mut(PersonId(1))
        .unwrap()
        .emails
        .push("ana@other.test".into());
    undo.apply(&mut book).unwrap();
    assert_eq!(
        book.people[0].emails,
        ["ana@other.test", "ana@acme.test"],
        "the old address is back, the other writer's stays"
    );
}

#[test]
fn nothing_changed_is_no_edit_and_every_field_is_named() {
    assert!(PersonEdit::new(&ana(), ana()).is_none());
    let mut all = Person::new(PersonId(1), "B");
    all.nicknames = vec!["x".into()];
    all.org = Some("o".into());
    all.title = Some("t".into());
    all.emails = vec!["e".into()];
    all.phones = vec!["1".into()];
    all.addresses = vec![crate::model::Address {
        locality: "x".into(),
        ..Default::default()
    }];
    all.links = vec!["l".into()];
    all.tags = vec!["t".into()];
    all.met.context = Some("c".into());
    all.met.date = "2026-01-01".parse().ok();
    all.met.introduced_by = Some(PersonId(2));
    all.needs = vec!["n".into()];
    all.offers = vec!["o".into()];
    all.cadence = Some(3);
    all.birthday = "01-02".parse().ok();
    all.notes = "n".into();
    all.archived = true;
    all.snoozed_until = "2026-01-01".parse().ok();
    all.vcard = vec!["PHOTO:x".into()];
    assert_eq!(
        diff(&Person::new(PersonId(1), "A"), &all).len(),
        20,
        "a field of Person missing from person_fields!"
    );
    assert_eq!(PersonField::MetContext.name(), "met.context");
}

/// A clash between what the user typed and what changed meanwhile.
mod clash {
    use super::*;
    use crate::model::{Book, Op};

    #[test]
    fn a_value_set_meanwhile_and_replaced_by_the_edit_stays_in_the_notes() {
        let mut seen = Person::new(PersonId(1), "Ana");
        seen.org = Some("Acme".into());
        let mut book = Book::default();
        Op::AddPerson(seen.clone()).apply(&mut book).unwrap();
        // Another writer sets the org while the form is open on "Acme".
        book.person_mut(PersonId(1)).unwrap().org = Some("Globex".into());
        let mut after = seen.clone();
        after.org = Some("Initech".into());
        let inverse = Op::edit_person(&seen, after).apply(&mut book).unwrap();
        let ana = book.person(PersonId(1)).unwrap();
        assert_eq!(ana.org.as_deref(), Some("Initech"), "the user's value wins");
        assert_eq!(
            ana.clashes().collect::<Vec<_>>(),
            ["org set elsewhere while you edited: Globex"],
            "and the other one is kept where the review finds it"
        );
        // Undo takes the line back with the value.
        inverse.apply(&mut book).unwrap();
        let ana = book.person(PersonId(1)).unwrap();
        assert_eq!(
            (ana.org.as_deref(), ana.notes.as_str()),
            (Some("Globex"), "")
        );
        // The same value set on both sides is no clash.
        let mut same = seen.clone();
        same.org = Some("Globex".into());
        let mut book2 = Book::default();
        Op::AddPerson(seen.clone()).apply(&mut book2).unwrap();
        book2.person_mut(PersonId(1)).unwrap().org = Some("Globex".into());
        Op::edit_person(&seen, same).apply(&mut book2).unwrap();
        assert_eq!(book2.person(PersonId(1)).unwrap().notes, "");
    }
}
