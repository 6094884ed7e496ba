//! The operation that turns one book into another: how a merge result is
//! applied through the store (under the lock, checked, saved atomically) and,
//! in the TUI, undone like any other change.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use crate::model::{Book, Entry, Op, Person, PersonId};

/// The operations that make `from` into `to`, in an order each applies in:
/// people added and changed, merges recorded, entries, then what goes away.
/// Only what differs is in it; the same books give an empty batch.
pub fn ops_between(from: &Book, to: &Book) -> Op {
    ops_to(from, (&to.people, &to.entries), to)
}

/// [`ops_between`] `from` and a book whose people and entries are given
/// apart (borrowed by a merge's [`super::three_way::View`]); the rest is
/// `to`'s.
pub(super) fn ops_to<P: Borrow<Person>, E: Borrow<Entry>>(
    from: &Book,
    (people, entries): (&[P], &[E]),
    to: &Book,
) -> Op {
    let mut ops = Vec::new();
    let mut gone_people = Vec::new();
    walk(
        &from.people,
        people,
        |p| p.id,
        |old, new| match (old, new) {
            (None, Some(p)) => ops.push(Op::AddPerson(p.clone())),
            (Some(o), Some(p)) if o != p => ops.push(Op::UpdatePerson(p.clone())),
            (Some(o), None) => gone_people.push(o.id),
            _ => {}
        },
    );
    merges(&from.merged, &to.merged, &mut ops);
    let mut gone_entries = Vec::new();
    walk(
        &from.entries,
        entries,
        |e| e.id,
        |old, new| match (old, new) {
            (None, Some(e)) => ops.push(Op::AddEntry(e.clone())),
            (Some(o), Some(e)) if o != e => ops.push(Op::UpdateEntry(e.clone())),
            (Some(o), None) => gone_entries.push(o.id),
            _ => {}
        },
    );
    ops.extend(gone_entries.into_iter().map(Op::DeleteEntry));
    ops.extend(gone_people.into_iter().map(Op::DeletePerson));
    for d in &from.dismissed_intros {
        if to.dismissed_intros.binary_search(d).is_err() {
            ops.push(Op::SetDismissed(d.clone(), false));
        }
    }
    for d in &to.dismissed_intros {
        if from.dismissed_intros.binary_search(d).is_err() {
            ops.push(Op::SetDismissed(d.clone(), true));
        }
    }
    if from.review != to.review {
        ops.push(Op::SetReview(to.review.clone()));
    }
    // Last: the store notes what the records above replaced on top of it.
    let lineage = from.lineage.changes_to(&to.lineage);
    if !lineage.is_empty() {
        ops.push(Op::SetLineage(Box::new(lineage)));
    }
    Op::Batch(ops)
}

/// Calls `f` with each id's record in `a` and in `b` (both sorted by id).
fn walk<'a, T, U: Borrow<T>, K: Ord>(
    a: &'a [T],
    b: &'a [U],
    key: impl Fn(&T) -> K,
    mut f: impl FnMut(Option<&'a T>, Option<&'a T>),
) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j).map(U::borrow)) {
            (Some(x), Some(y)) => match key(x).cmp(&key(y)) {
                std::cmp::Ordering::Less => {
                    f(Some(x), None);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    f(None, Some(y));
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    f(Some(x), Some(y));
                    i += 1;
                    j += 1;
                }
            },
            (Some(x), None) => {
                f(Some(x), None);
                i += 1;
            }
            (None, Some(y)) => {
                f(None, Some(y));
                j += 1;
            }
            (None, None) => break,
        }
    }
}

fn merges(
    from: &BTreeMap<PersonId, PersonId>,
    to: &BTreeMap<PersonId, PersonId>,
    ops: &mut Vec<Op>,
) {
    for (k, v) in to {
        if from.get(k) != Some(v) {
            ops.push(Op::SetMerged(*k, Some(*v)));
        }
    }
    for k in from.keys() {
        if !to.contains_key(k) {
            ops.push(Op::SetMerged(*k, None));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DismissedIntro, Entry, EntryId, Kind, Person};

    fn book() -> Book {
        let mut b = Book::default();
        for (id, name) in [(1, "Ana"), (2, "Bo"), (3, "Cy")] {
            b.people.push(Person::new(PersonId(id), name));
        }
        let mut e = Entry::new(
            "2026-11-20".parse().unwrap(),
            vec![PersonId(1)],
            Kind::new("call"),
            "x",
        );
        e.id = EntryId(1);
        b.entries.push(e);
        b
    }

    #[test]
    fn applying_the_ops_gives_the_other_book_and_their_inverse_gives_it_back() {
        let from = book();
        let mut to = book();
        to.people.remove(1);
        to.merged.insert(PersonId(2), PersonId(1));
        to.people[1].org = Some("Acme".into());
        to.people.push(Person::new(PersonId(9), "Di"));
        let mut e = to.entries[0].clone();
        e.id = EntryId(2);
        e.people = vec![PersonId(9), PersonId(3)].into();
        to.entries.push(e);
        to.entries[0].summary = "y".into();
        to.dismissed_intros.push(DismissedIntro {
            person: PersonId(1),
            need: "a designer".into(),
            candidate: None,
        });
        let mut book = from.clone();
        let inverse = ops_between(&from, &to).apply(&mut book).unwrap();
        book.next_person_id = to.next_person_id;
        assert_eq!(book.people, to.people);
        assert_eq!(book.entries, to.entries);
        assert_eq!(book.merged, to.merged);
        assert_eq!(book.dismissed_intros, to.dismissed_intros);
        inverse.apply(&mut book).unwrap();
        assert_eq!(book.people, from.people);
        assert_eq!(book.entries, from.entries);
        assert!(book.merged.is_empty());
    }

    #[test]
    fn the_same_books_give_nothing_to_do() {
        assert!(ops_between(&book(), &book()).is_nothing());
    }
}
