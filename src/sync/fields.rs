//! One record changed on both sides: merged field by field.
//!
//! - A list (e-mails, tags, an entry's people …) is a set: what either side
//!   added is in, what either side removed is out.
//! - A single value changed on one side takes that change; changed the same
//!   way on both, that value; changed differently, it *clashes*: the value
//!   whose `Debug` text sorts greater wins, so both machines pick the same one,
//!   and the other is returned to be kept in the notes.
//! - Notes that both sides only appended to keep both additions.
//!
//! Wherever one side's order must come first, it is the side whose version
//! sorts lower: `merge3(b, x, y)` and `merge3(b, y, x)` give the same book.

use chrono::NaiveDate;
use std::fmt::Debug;

use crate::model::{
    Birthday, Direction, Entry, Kind, OneLine, Person, PersonField, PersonId, person_fields,
};

/// A single value changed differently on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FieldClash {
    pub field: &'static str,
    pub winner: String,
    pub other: String,
}

/// A field's value, as a line of the notes shows it.
pub(super) trait Value: Clone + PartialEq + Debug {
    fn shown(&self) -> String;
}

impl Value for String {
    fn shown(&self) -> String {
        self.clone()
    }
}

impl Value for OneLine {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Value for bool {
    fn shown(&self) -> String {
        if *self { "yes" } else { "no" }.to_string()
    }
}

impl Value for u32 {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Value for PersonId {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Value for NaiveDate {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Value for Birthday {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Value for Kind {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Value for Direction {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl<T: Value> Value for Option<T> {
    fn shown(&self) -> String {
        self.as_ref()
            .map_or_else(|| "(empty)".to_string(), T::shown)
    }
}

/// The greater of two different values by their `Debug` text (then by
/// themselves never: distinct values of one type have distinct texts).
fn winner<'v, T: Debug>(a: &'v T, b: &'v T) -> (&'v T, &'v T) {
    if format!("{a:?}") >= format!("{b:?}") {
        (a, b)
    } else {
        (b, a)
    }
}

/// One single value, three versions.
pub(super) fn scalar<T: Value>(
    field: &'static str,
    b: &T,
    o: &T,
    t: &T,
    clashes: &mut Vec<FieldClash>,
) -> T {
    if o == b || o == t {
        return t.clone();
    }
    if t == b {
        return o.clone();
    }
    let (win, other) = winner(o, t);
    clashes.push(FieldClash {
        field,
        winner: win.shown(),
        other: other.shown(),
    });
    win.clone()
}

/// A list as a set: base ∪ what either side added − what either side
/// removed. The items keep the order of the side whose list sorts lower,
/// the other side's additions follow in theirs.
pub(super) fn list<T: PartialEq + Ord + Clone>(b: &[T], o: &[T], t: &[T]) -> Vec<T> {
    if o == b || o == t {
        return t.to_vec();
    }
    if t == b {
        return o.to_vec();
    }
    let (first, second) = if o <= t { (o, t) } else { (t, o) };
    let mut out: Vec<T> = Vec::with_capacity(first.len() + second.len());
    for x in first {
        // An item of base the other side removed is out.
        let removed = b.contains(x) && !second.contains(x);
        if !removed && !out.contains(x) {
            out.push(x.clone());
        }
    }
    for x in second {
        // Base's items are in `out` already unless the first side removed them.
        if !b.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Notes: when both sides only appended to base, base and both additions
/// (on separate lines; one side's addition once, when the other's begins
/// with it); otherwise as a single value.
pub(super) fn notes(b: &str, o: &str, t: &str, clashes: &mut Vec<FieldClash>) -> String {
    if o != b
        && t != b
        && o != t
        && let (Some(x), Some(y)) = (o.strip_prefix(b), t.strip_prefix(b))
    {
        let (x, y) = if x <= y { (x, y) } else { (y, x) };
        if y.starts_with(x) {
            return format!("{b}{y}");
        }
        let mut out = String::with_capacity(b.len() + x.len() + y.len() + 1);
        out.push_str(b);
        out.push_str(x);
        if !x.is_empty() && !x.ends_with('\n') && !y.starts_with('\n') {
            out.push('\n');
        }
        out.push_str(y);
        return out;
    }
    scalar(
        "notes",
        &b.to_string(),
        &o.to_string(),
        &t.to_string(),
        clashes,
    )
}

/// `notes` with `line` added on a line of its own.
pub(super) fn append_line(notes: &mut String, line: &str) {
    if !notes.is_empty() && !notes.ends_with('\n') {
        notes.push('\n');
    }
    notes.push_str(line);
}

/// A person both sides changed, field by field (see the module's rules).
pub(super) fn person(b: &Person, o: &Person, t: &Person, clashes: &mut Vec<FieldClash>) -> Person {
    let mut m = b.clone();
    macro_rules! merge {
        (scalar: [$(($v:ident, $($f:ident).+)),* $(,)?], list: [$(($lv:ident, $lf:ident)),* $(,)?] $(,)?) => {
            $(
                // Notes have their own rule, below.
                if PersonField::$v != PersonField::Notes {
                    m.$($f).+ = scalar(
                        PersonField::$v.name(),
                        &b.$($f).+,
                        &o.$($f).+,
                        &t.$($f).+,
                        clashes,
                    );
                }
            )*
            $(m.$lf = list(&b.$lf, &o.$lf, &t.$lf);)*
        };
    }
    person_fields!(merge);
    m.notes = notes(&b.notes, &o.notes, &t.notes, clashes);
    m
}

/// An entry both sides changed, field by field. Every field is named, so a
/// field added to [`Entry`] does not compile here until it is merged too.
pub(super) fn entry(b: &Entry, o: &Entry, t: &Entry, clashes: &mut Vec<FieldClash>) -> Entry {
    let Entry {
        id,
        date,
        people,
        kind,
        direction,
        summary,
        follow_up,
        done,
        done_on,
        released,
        source,
    } = b;
    Entry {
        id: *id,
        date: scalar("date", date, &o.date, &t.date, clashes),
        people: list(people, &o.people, &t.people).into(),
        kind: scalar("kind", kind, &o.kind, &t.kind, clashes),
        direction: scalar("direction", direction, &o.direction, &t.direction, clashes),
        summary: scalar("summary", summary, &o.summary, &t.summary, clashes),
        follow_up: scalar("follow_up", follow_up, &o.follow_up, &t.follow_up, clashes),
        done: scalar("done", done, &o.done, &t.done, clashes),
        done_on: scalar("done_on", done_on, &o.done_on, &t.done_on, clashes),
        released: scalar("released", released, &o.released, &t.released, clashes),
        // Where it came from: never changed by kith; one side's change.
        source: if o.source == *source {
            t.source
        } else {
            o.source
        },
    }
}

/// Carries what one side changed of a person the other side merged away
/// (`base` → `now`) onto the person they were merged into:
/// - list items added are united into `into`'s lists;
/// - a single value is taken where `into` holds nothing or still holds the
///   merged-away person's old value (which the merge copied), else it
///   clashes and stays in the notes: `into`'s own value is never lost;
/// - a new name becomes a nickname, appended notes are appended;
/// - being archived stays `into`'s own.
pub(super) fn carry(
    into: &mut Person,
    base: Option<&Person>,
    now: &Person,
    clashes: &mut Vec<FieldClash>,
) {
    let empty = Person::default();
    let was = base.unwrap_or(&empty);
    macro_rules! carry {
        (scalar: [$(($v:ident, $($f:ident).+)),* $(,)?], list: [$(($lv:ident, $lf:ident)),* $(,)?] $(,)?) => {
            $(
                if !matches!(
                    PersonField::$v,
                    PersonField::Name | PersonField::Notes | PersonField::Archived
                ) && now.$($f).+ != was.$($f).+
                {
                    carry_value(
                        PersonField::$v.name(),
                        &mut into.$($f).+,
                        &was.$($f).+,
                        &now.$($f).+,
                        clashes,
                    );
                }
            )*
            $(
                for x in &now.$lf {
                    if !was.$lf.contains(x) && !into.$lf.contains(x) {
                        into.$lf.push(x.clone());
                    }
                }
            )*
        };
    }
    person_fields!(carry);
    if now.name != was.name && now.name != into.name && !into.nicknames.contains(&now.name) {
        into.nicknames.push(now.name.clone());
    }
    if now.notes != was.notes {
        match now.notes.strip_prefix(was.notes.as_str()) {
            Some(added) => {
                let added = added.strip_prefix('\n').unwrap_or(added);
                if !added.is_empty() {
                    append_line(&mut into.notes, added);
                }
            }
            None => clashes.push(FieldClash {
                field: "notes",
                winner: into.notes.clone(),
                other: now.notes.clone(),
            }),
        }
    }
}

fn carry_value<T: Value + Default>(
    field: &'static str,
    into: &mut T,
    was: &T,
    now: &T,
    clashes: &mut Vec<FieldClash>,
) {
    if into == now {
        return;
    }
    if *into == T::default() || into == was {
        *into = now.clone();
        return;
    }
    clashes.push(FieldClash {
        field,
        winner: into.shown(),
        other: now.shown(),
    });
}

/// A card changed elsewhere (`theirs`) and a person changed in kith
/// (`ours`) since both were `base`: merged as two copies of the book are.
/// Returns the person, their notes gaining a `kith merge: …` line for each
/// value the two sides changed differently (the one not kept).
pub(crate) fn merge_card(base: &Person, ours: &Person, theirs: &Person) -> (Person, usize) {
    let mut clashes = Vec::new();
    let mut merged = person(base, ours, theirs, &mut clashes);
    for c in &clashes {
        append_line(
            &mut merged.notes,
            &format!(
                "{}{} changed in kith and on the card: also {}",
                crate::model::CLASH_PREFIX,
                c.field,
                c.other
            ),
        );
    }
    (merged, clashes.len())
}
