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
mod tests;
