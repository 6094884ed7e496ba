//! Merging two records of the same person: fields combined, every entry
//! re-pointed, the merged-away id remembered so old references resolve.

use super::{Book, Op, OpError, Person, PersonId};

/// The operation that merges `from` into `into`. Nothing is lost: lists are
/// united, empty fields of `into` take `from`'s values, notes are joined, and
/// every entry naming `from` names `into` instead (an entry naming both ends
/// up naming `into` once).
pub fn merge_op(book: &Book, from: PersonId, into: PersonId) -> Result<Op, OpError> {
    let a = book.person(from).ok_or(OpError::NoPerson(from))?;
    let b = book.person(into).ok_or(OpError::NoPerson(into))?;
    if a.id == b.id {
        return Err(OpError::Rejected(
            "cannot merge a person into themselves".into(),
        ));
    }
    let (from, into) = (a.id, b.id);
    let mut ops = vec![Op::edit_person(b, combine(a, b))];
    for e in book.entries.iter().filter(|e| e.names(from)) {
        let mut e = e.clone();
        let mut people = super::People::with_capacity(e.people.len());
        for p in e.people.iter().map(|p| if *p == from { into } else { *p }) {
            if !people.contains(&p) {
                people.push(p);
            }
        }
        e.people = people;
        ops.push(Op::UpdateEntry(e));
    }
    for p in book
        .people
        .iter()
        .filter(|p| p.met.introduced_by == Some(from))
    {
        let before = p;
        let mut p = if p.id == into {
            combine(a, b)
        } else {
            p.clone()
        };
        p.met.introduced_by = Some(into).filter(|i| *i != p.id);
        // `into` was already updated above; replace that op rather than adding a second.
        if p.id == into {
            ops[0] = Op::edit_person(before, p);
        } else {
            ops.push(Op::edit_person(before, p));
        }
    }
    ops.push(Op::DeletePerson(from));
    ops.push(Op::SetMerged(from, Some(into)));
    Ok(Op::Batch(ops))
}

fn combine(from: &Person, into: &Person) -> Person {
    let mut p = into.clone();
    let unite = |dst: &mut Vec<String>, src: &[String]| {
        for s in src {
            if !dst.iter().any(|d| d.eq_ignore_ascii_case(s)) {
                dst.push(s.clone());
            }
        }
    };
    if from.name != p.name && !p.nicknames.contains(&from.name) {
        p.nicknames.push(from.name.clone());
    }
    unite(&mut p.nicknames, &from.nicknames);
    unite(&mut p.emails, &from.emails);
    unite(&mut p.phones, &from.phones);
    unite(&mut p.links, &from.links);
    unite(&mut p.tags, &from.tags);
    unite(&mut p.needs, &from.needs);
    unite(&mut p.offers, &from.offers);
    unite(&mut p.uids, &from.uids);
    p.structured_name = p.structured_name.or_else(|| from.structured_name.clone());
    p.org = p.org.or_else(|| from.org.clone());
    p.title = p.title.or_else(|| from.title.clone());
    p.cadence = p.cadence.or(from.cadence);
    p.birthday = p.birthday.or(from.birthday);
    p.met.context = p.met.context.or_else(|| from.met.context.clone());
    p.met.date = match (p.met.date, from.met.date) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    p.met.introduced_by = p
        .met
        .introduced_by
        .or(from.met.introduced_by)
        .filter(|i| *i != from.id && *i != p.id);
    p.notes = match (p.notes.is_empty(), from.notes.is_empty()) {
        (_, true) => p.notes,
        (true, false) => from.notes.clone(),
        (false, false) => format!("{}\n{}", p.notes, from.notes),
    };
    p.archived = p.archived && from.archived;
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Index, Kind, Kinds};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn book() -> Book {
        let mut book = Book::default();
        let mut ana = Person::new(PersonId(0), "Ana García");
        ana.emails = vec!["ana@acme.com".into()];
        ana.tags = vec!["design".into()];
        Op::AddPerson(ana).apply(&mut book).unwrap();
        let mut dup = Person::new(PersonId(0), "Ana G.");
        dup.emails = vec!["ANA@acme.com".into(), "ana@home.org".into()];
        dup.org = Some("Acme".into());
        dup.notes = "met at RustConf".into();
        Op::AddPerson(dup).apply(&mut book).unwrap();
        let mut bo = Person::new(PersonId(0), "Bo");
        bo.met.introduced_by = Some(PersonId(2));
        Op::AddPerson(bo).apply(&mut book).unwrap();
        for (people, kind) in [
            (vec![1], "coffee"),
            (vec![2], "favor"),
            (vec![1, 2, 3], "intro"),
        ] {
            let e = Entry::new(
                d("2026-10-01"),
                people.into_iter().map(PersonId).collect(),
                Kind::new(kind),
                "x",
            );
            Op::AddEntry(e).apply(&mut book).unwrap();
        }
        book
    }

    #[test]
    fn merge_combines_fields_and_repoints_entries() {
        let mut book = book();
        merge_op(&book, PersonId(2), PersonId(1))
            .unwrap()
            .apply(&mut book)
            .unwrap();
        assert_eq!(book.people.len(), 2);
        let ana = book.person(PersonId(1)).unwrap();
        assert_eq!(ana.emails, vec!["ana@acme.com", "ana@home.org"]);
        assert_eq!(ana.org.as_deref(), Some("Acme"));
        assert_eq!(ana.nicknames, vec!["Ana G."]);
        assert_eq!(ana.notes, "met at RustConf");
        assert_eq!(book.entries.len(), 3, "no entry lost");
        assert_eq!(book.entries[1].people, vec![PersonId(1)]);
        assert_eq!(
            book.entries[2].people,
            vec![PersonId(1), PersonId(3)],
            "the intro collapses"
        );
        assert_eq!(
            book.person(PersonId(3)).unwrap().met.introduced_by,
            Some(PersonId(1))
        );
        assert_eq!(
            book.person(PersonId(2)).unwrap().name,
            "Ana García",
            "old id resolves"
        );
        let idx = Index::build(&book, &Kinds::default());
        assert_eq!(idx.facts(PersonId(1)).deeds_given, 2);
        assert_eq!(idx.facts(PersonId(1)).entries.len(), 3);
    }

    #[test]
    fn merge_is_undone_by_its_inverse() {
        let mut book = book();
        let before = book.clone();
        let inv = merge_op(&book, PersonId(2), PersonId(1))
            .unwrap()
            .apply(&mut book)
            .unwrap();
        inv.apply(&mut book).unwrap();
        assert_eq!(book.people, before.people);
        assert_eq!(book.entries, before.entries);
        assert_eq!(book.merged, before.merged);
    }

    #[test]
    fn merging_into_oneself_is_refused() {
        let book = book();
        assert!(merge_op(&book, PersonId(1), PersonId(1)).is_err());
        assert_eq!(
            merge_op(&book, PersonId(9), PersonId(1)),
            Err(OpError::NoPerson(PersonId(9)))
        );
    }
}
