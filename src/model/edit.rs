//! A change to some of a person's fields, as an operation on the freshest book.
//!
//! An edit form (or `$EDITOR`, or `kith edit`) knows the person as it was when
//! it opened (`before`) and as the user left it (`after`). Writing `after` back
//! whole would erase whatever another process changed meanwhile, so a
//! [`PersonEdit`] carries both and touches only the fields that differ:
//! - a list (e-mails, tags, needs …) takes the items the user added and loses
//!   the ones the user removed; items anyone else added stay;
//! - a single value (name, org, notes …) takes the user's value. When the book
//!   held something else than `before` (another writer changed the same field),
//!   the user's value still wins, and [`PersonEdit::clashes`] names what it
//!   replaced so the caller can say so.
//!
//! The inverse (what undo applies) is *guarded*: a single value goes back only
//! where the field still holds what the edit wrote; otherwise it is left, and
//! [`PersonEdit::left_alone`] says which fields were.

use super::{CLASH_PREFIX, Person, PersonId};

/// A field of a person, as the edit operation names it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum PersonField {
    Name,
    Nicknames,
    Org,
    Title,
    Emails,
    Phones,
    Addresses,
    Links,
    Tags,
    MetContext,
    MetDate,
    IntroducedBy,
    Needs,
    Offers,
    Cadence,
    Birthday,
    Notes,
    Archived,
    SnoozedUntil,
    StructuredName,
    Uids,
    Vcard,
}

/// Calls `$m!` with every field: `scalar` ones replaced whole, `list` ones
/// merged as sets. One list, so a field added to [`Person`] is added here once
/// (the several-machines merge in `sync` walks the same list).
macro_rules! person_fields {
    ($m:ident) => {
        $m! {
            scalar: [
                (Name, name),
                (Org, org),
                (Title, title),
                (MetContext, met.context),
                (MetDate, met.date),
                (IntroducedBy, met.introduced_by),
                (Cadence, cadence),
                (Birthday, birthday),
                (Notes, notes),
                (Archived, archived),
                (SnoozedUntil, snoozed_until),
                (StructuredName, structured_name),
            ],
            list: [
                (Nicknames, nicknames),
                (Emails, emails),
                (Phones, phones),
                (Addresses, addresses),
                (Links, links),
                (Tags, tags),
                (Needs, needs),
                (Offers, offers),
                (Uids, uids),
                (Vcard, vcard),
            ],
        }
    };
}

pub(crate) use person_fields;

impl PersonField {
    /// The field's name in the file (`emails`, `met.context`).
    pub fn name(self) -> &'static str {
        macro_rules! names {
            (scalar: [$(($v:ident, $($f:ident).+)),* $(,)?], list: [$(($lv:ident, $lf:ident)),* $(,)?] $(,)?) => {
                match self {
                    $(PersonField::$v => stringify!($($f).+),)*
                    $(PersonField::$lv => stringify!($lf),)*
                }
            };
        }
        person_fields!(names)
    }
}

/// Some fields of one person changed from `before` to `after`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PersonEdit {
    pub id: PersonId,
    /// The person as the editor saw them when it opened.
    pub before: Box<Person>,
    /// The person as the user left them.
    pub after: Box<Person>,
    /// The fields to change (those where `before` and `after` differ).
    pub fields: Vec<PersonField>,
    /// For undo: a single value changes only where the book still holds `before`.
    pub guarded: bool,
}

impl PersonEdit {
    /// The edit from `before` to `after` (same person). `None` when nothing differs.
    pub fn new(before: &Person, after: Person) -> Option<PersonEdit> {
        let fields = diff(before, &after);
        (!fields.is_empty()).then(|| PersonEdit {
            id: before.id,
            before: Box::new(before.clone()),
            after: Box::new(after),
            fields,
            guarded: false,
        })
    }

    /// Applies the edit to `current` (the person as the book holds them now)
    /// and returns the guarded edit that undoes it.
    pub(crate) fn apply_to(&self, current: &mut Person) -> PersonEdit {
        let was = current.clone();
        let mut undone = Vec::new();
        macro_rules! apply {
            (scalar: [$(($v:ident, $($f:ident).+)),* $(,)?], list: [$(($lv:ident, $lf:ident)),* $(,)?] $(,)?) => {
                for field in &self.fields {
                    match field {
                        $(PersonField::$v => {
                            if !self.guarded || current.$($f).+ == self.before.$($f).+ {
                                current.$($f).+ = self.after.$($f).+.clone();
                                undone.push(*field);
                            }
                        })*
                        $(PersonField::$lv => {
                            merge_list(&mut current.$lf, &self.before.$lf, &self.after.$lf);
                            undone.push(*field);
                        })*
                    }
                }
            };
        }
        person_fields!(apply);
        // A value another writer set meanwhile, replaced by the user's, stays
        // visible as a merge of two copies keeps it: a line in the notes,
        // which the review lists until it is settled.
        if !self.guarded {
            for (field, other) in self.replaced(&was) {
                let line = format!(
                    "{CLASH_PREFIX}{} set elsewhere while you edited: {}",
                    field.name(),
                    other.replace("\r\n", "\n").replace('\n', " ⏎ ")
                );
                if !current.notes.lines().any(|l| l == line) {
                    if !current.notes.is_empty() && !current.notes.ends_with('\n') {
                        current.notes.push('\n');
                    }
                    current.notes.push_str(&line);
                    if !undone.contains(&PersonField::Notes) {
                        undone.push(PersonField::Notes);
                    }
                }
            }
        }
        // Undo takes back what this edit wrote, from what it found.
        PersonEdit {
            id: self.id,
            before: Box::new(current.clone()),
            after: Box::new(was),
            fields: undone,
            guarded: true,
        }
    }

    /// The single-valued fields where the book held something other than what
    /// the editor saw, each with the value the edit replaced. `inverse` is what
    /// applying this edit returned.
    pub fn clashes(&self, inverse: &PersonEdit) -> Vec<(PersonField, String)> {
        self.replaced(&inverse.after)
    }

    /// The single-valued fields where `found` (the person as the book held
    /// them) had neither what the editor saw nor what the user wrote: a value
    /// another writer set meanwhile, which this edit replaces.
    fn replaced(&self, found: &Person) -> Vec<(PersonField, String)> {
        let mut out = Vec::new();
        macro_rules! clashes {
            (scalar: [$(($v:ident, $($f:ident).+)),* $(,)?], list: [$(($lv:ident, $lf:ident)),* $(,)?] $(,)?) => {
                for field in &self.fields {
                    match field {
                        $(PersonField::$v => {
                            if found.$($f).+ != self.before.$($f).+
                                && found.$($f).+ != self.after.$($f).+
                            {
                                out.push((*field, shown(&found.$($f).+)));
                            }
                        })*
                        $(PersonField::$lv => {})*
                    }
                }
            };
        }
        person_fields!(clashes);
        out
    }

    /// The fields a guarded edit (an undo) left as they were, because they no
    /// longer held what it expected. `inverse` is what applying it returned.
    pub fn left_alone(&self, inverse: &PersonEdit) -> Vec<PersonField> {
        self.fields
            .iter()
            .copied()
            .filter(|f| !inverse.fields.contains(f))
            .collect()
    }
}

/// Does nothing; fails to compile when [`Person`] gains a field, so the field
/// is added to `person_fields!` too (or consciously left out, like the id).
#[allow(dead_code)]
fn every_field_is_listed(p: &Person) {
    let Person {
        id: _,
        name: _,
        nicknames: _,
        org: _,
        title: _,
        emails: _,
        phones: _,
        addresses: _,
        links: _,
        tags: _,
        met:
            super::HowMet {
                context: _,
                date: _,
                introduced_by: _,
            },
        needs: _,
        offers: _,
        cadence: _,
        birthday: _,
        notes: _,
        archived: _,
        snoozed_until: _,
        structured_name: _,
        uids: _,
        vcard: _,
    } = p;
}

/// The fields where two versions of a person differ.
pub fn diff(a: &Person, b: &Person) -> Vec<PersonField> {
    let mut out = Vec::new();
    macro_rules! diff {
        (scalar: [$(($v:ident, $($f:ident).+)),* $(,)?], list: [$(($lv:ident, $lf:ident)),* $(,)?] $(,)?) => {
            $(if a.$($f).+ != b.$($f).+ { out.push(PersonField::$v); })*
            $(if a.$lf != b.$lf { out.push(PersonField::$lv); })*
        };
    }
    person_fields!(diff);
    out.sort();
    out
}

/// `current` loses what went from `before` to `after` and gains what came;
/// items nobody touched (including another writer's) stay where they are. When
/// only the order changed, `after`'s order is taken for the items it holds.
fn merge_list<T: PartialEq + Clone>(current: &mut Vec<T>, before: &[T], after: &[T]) {
    let removed: Vec<&T> = before.iter().filter(|s| !after.contains(s)).collect();
    let added: Vec<&T> = after.iter().filter(|s| !before.contains(s)).collect();
    if removed.is_empty() && added.is_empty() {
        // A reorder: the user's order, then anything the user never saw.
        let extra: Vec<T> = current
            .iter()
            .filter(|s| !after.contains(s))
            .cloned()
            .collect();
        *current = after
            .iter()
            .filter(|s| current.contains(s))
            .cloned()
            .collect();
        current.extend(extra);
        return;
    }
    current.retain(|s| !removed.contains(&s));
    for s in added {
        if !current.contains(s) {
            current.push(s.clone());
        }
    }
}

/// A value as a status line shows it.
fn shown<T: std::fmt::Debug>(v: &T) -> String {
    let s = format!("{v:?}");
    let s = s
        .strip_prefix("Some(")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(&s);
    match s {
        "None" => "(empty)".to_string(),
        s => s.trim_matches('"').to_string(),
    }
}

#[cfg(test)]
mod tests {
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
}

#[cfg(test)]
mod clash_tests {
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
