//! Changes to a book, as values. Every change kith makes is an [`Op`]: the store
//! applies it to the freshest book under the lock, and applying one returns its
//! inverse, which is what undo applies.

use chrono::NaiveDate;

use super::{
    Book, DismissedIntro, Entry, EntryId, Imported, InboxLine, LineState, Lineage, Meeting, Person,
    PersonEdit, PersonId, ReviewProgress,
};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    /// Adds a person. Id 0 means "the next free id".
    AddPerson(Person),
    /// Replaces the person with the same id.
    UpdatePerson(Person),
    /// Changes only the fields an editor changed (see [`PersonEdit`]).
    EditPerson(PersonEdit),
    DeletePerson(PersonId),
    /// Deletes a person only if they are exactly this (the undo of an add:
    /// never takes away what someone else changed since).
    RemovePerson(Box<Person>),
    /// Adds an entry. Id 0 means "the next free id".
    AddEntry(Entry),
    /// Replaces the entry with the same id.
    UpdateEntry(Entry),
    /// Replaces an entry only if it is exactly `expect` (the undo of an edit).
    ReplaceEntry {
        expect: Box<Entry>,
        with: Box<Entry>,
    },
    DeleteEntry(EntryId),
    /// Deletes an entry only if it is exactly this one (the undo of a capture:
    /// never deletes another writer's entry, nor one changed since).
    RemoveEntry(Box<Entry>),
    /// Records (or, with `None`, forgets) that `from` was merged into another person.
    SetMerged(PersonId, Option<PersonId>),
    /// Marks an entry done (a promise kept, a follow-up made) or open again.
    SetDone(EntryId, Option<NaiveDate>),
    /// Releases an open promise on a day, with a note (closed, not kept), or
    /// (`None`) opens it again.
    SetReleased(EntryId, Option<(NaiveDate, String)>),
    /// Replaces (or, with `None`, forgets) the daily review's progress.
    SetReview(Option<ReviewProgress>),
    /// Dismisses a suggested introduction (`true`) or takes the dismissal
    /// back (`false`).
    SetDismissed(DismissedIntro, bool),
    /// Replaces the lineage of the records it names (an empty list forgets
    /// one): how a merge carries the other copy's history into the book.
    SetLineage(Box<Lineage>),
    /// Puts one line of a device's inbox file in a state (`None`: forgets
    /// it): applied, waiting, dismissed.
    SetInboxLine {
        file: String,
        key: String,
        state: Option<LineState>,
    },
    /// Marks an inbox line applied; undone, it waits (with its `why`, which
    /// says it was taken back), so a capture taken back is not applied again
    /// at the next reading but shown in the review to log or dismiss.
    ApplyInboxLine(Box<InboxLine>),
    /// Remembers (or, with `None`, forgets) a touch logged from a calendar
    /// or mail under its key (see [`super::touches`]).
    SetImported {
        key: String,
        imported: Option<Imported>,
    },
    /// Puts (or, with `None`, takes away) a meeting ahead under its key.
    SetMeeting {
        key: String,
        meeting: Option<Box<Meeting>>,
    },
    /// Several operations applied together: all of them or none.
    Batch(Vec<Op>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    #[error("no person with id {0}")]
    NoPerson(PersonId),
    #[error("no entry with id {0}")]
    NoEntry(EntryId),
    #[error("id {0} is already taken")]
    PersonExists(PersonId),
    #[error("id {0} is already taken")]
    EntryExists(EntryId),
    #[error("an entry must name at least one person")]
    NoPeopleNamed,
    #[error("a person needs a name")]
    EmptyName,
    #[error("{0} changed since; left as it is")]
    ChangedSince(String),
    #[error(
        "every {0} id has been handed out (the book's next id is {max}); nothing was added",
        max = u32::MAX
    )]
    NoIdsLeft(&'static str),
    #[error("{0}")]
    Rejected(String),
}

impl Op {
    /// The change from `before` to `after` of one person: only the fields
    /// that differ (see [`PersonEdit`]); an empty batch when none do.
    pub fn edit_person(before: &Person, after: Person) -> Op {
        PersonEdit::new(before, after).map_or(Op::Batch(Vec::new()), Op::EditPerson)
    }

    /// What the user should hear about how this operation landed, beyond what
    /// they asked for: an edit that replaced a value another writer had set
    /// meanwhile, an undo that left a field someone changed since. `inverse`
    /// is what applying it returned.
    pub fn surprises(&self, inverse: &Op) -> Vec<String> {
        match (self, inverse) {
            (Op::EditPerson(edit), Op::EditPerson(inv)) if edit.guarded => edit
                .left_alone(inv)
                .into_iter()
                .map(|f| format!("left {} (changed since)", f.name()))
                .collect(),
            (Op::EditPerson(edit), Op::EditPerson(inv)) => edit
                .clashes(inv)
                .into_iter()
                .map(|(f, was)| {
                    format!(
                        "replaced {} “{was}” set meanwhile (kept in the notes for the review)",
                        f.name()
                    )
                })
                .collect(),
            // A batch's inverse lists the inverses last first.
            (Op::Batch(ops), Op::Batch(invs)) => ops
                .iter()
                .zip(invs.iter().rev())
                .flat_map(|(op, inv)| op.surprises(inv))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// True for an operation that changes nothing (an empty batch).
    pub fn is_nothing(&self) -> bool {
        matches!(self, Op::Batch(ops) if ops.iter().all(Op::is_nothing))
    }

    /// The records already in the book this operation changes or removes (not
    /// those it adds): what a save notes in the lineage.
    pub fn touched(&self, people: &mut Vec<PersonId>, entries: &mut Vec<EntryId>) {
        match self {
            Op::AddPerson(_) | Op::AddEntry(_) => {}
            Op::UpdatePerson(p) => people.push(p.id),
            Op::EditPerson(edit) => people.push(edit.id),
            Op::DeletePerson(id) => people.push(*id),
            Op::RemovePerson(p) => people.push(p.id),
            Op::UpdateEntry(e) => entries.push(e.id),
            Op::ReplaceEntry { expect, .. } => entries.push(expect.id),
            Op::DeleteEntry(id) | Op::SetDone(id, _) | Op::SetReleased(id, _) => entries.push(*id),
            Op::RemoveEntry(e) => entries.push(e.id),
            Op::SetMerged(..)
            | Op::SetReview(_)
            | Op::SetDismissed(..)
            | Op::SetLineage(_)
            | Op::SetInboxLine { .. }
            | Op::ApplyInboxLine(_)
            | Op::SetImported { .. }
            | Op::SetMeeting { .. } => {}
            Op::Batch(ops) => ops.iter().for_each(|op| op.touched(people, entries)),
        }
    }

    /// Whether the operation only adds people and entries (a capture, with
    /// the newcomers it names): it changes no record already in the book.
    pub fn only_adds(&self) -> bool {
        match self {
            Op::AddPerson(_) | Op::AddEntry(_) => true,
            Op::Batch(ops) => ops.iter().all(Op::only_adds),
            _ => false,
        }
    }

    /// Applies the operation; returns its inverse. On error the book is unchanged.
    pub fn apply(self, book: &mut Book) -> Result<Op, OpError> {
        match self {
            Op::AddPerson(mut person) => {
                person.clean();
                if person.name.trim().is_empty() {
                    return Err(OpError::EmptyName);
                }
                if person.id.is_unset() {
                    person.id = book.next_person_id();
                }
                let id = person.id;
                // An old book's numbers end at u32::MAX (codes never run out).
                if !id.is_code() && id.0 >= u64::from(u32::MAX) {
                    return Err(OpError::NoIdsLeft("person"));
                }
                let at = match book.people.binary_search_by_key(&id, |p| p.id) {
                    Ok(_) => return Err(OpError::PersonExists(id)),
                    Err(at) => at,
                };
                book.people.insert(at, person.clone());
                book.count_person(id);
                Ok(Op::RemovePerson(Box::new(person)))
            }
            Op::UpdatePerson(mut person) => {
                person.clean();
                if person.name.trim().is_empty() {
                    return Err(OpError::EmptyName);
                }
                let i = book
                    .person_index(person.id)
                    .ok_or(OpError::NoPerson(person.id))?;
                let old = std::mem::replace(&mut book.people[i], person);
                Ok(Op::UpdatePerson(old))
            }
            Op::EditPerson(mut edit) => {
                edit.after.clean();
                if edit.fields.contains(&super::PersonField::Name)
                    && edit.after.name.trim().is_empty()
                {
                    return Err(OpError::EmptyName);
                }
                let i = book
                    .person_index(edit.id)
                    .ok_or(OpError::NoPerson(edit.id))?;
                Ok(Op::EditPerson(edit.apply_to(&mut book.people[i])))
            }
            Op::DeletePerson(id) => {
                let i = book.person_index(id).ok_or(OpError::NoPerson(id))?;
                Ok(Op::AddPerson(book.people.remove(i)))
            }
            Op::RemovePerson(person) => {
                let i = book
                    .person_index(person.id)
                    .ok_or(OpError::NoPerson(person.id))?;
                if book.people[i] != *person {
                    return Err(OpError::ChangedSince(person.name.clone()));
                }
                Ok(Op::AddPerson(book.people.remove(i)))
            }
            Op::AddEntry(mut entry) => {
                entry.clean();
                if entry.people.is_empty() {
                    return Err(OpError::NoPeopleNamed);
                }
                if let Some(missing) = entry.people.iter().find(|p| book.person(**p).is_none()) {
                    return Err(OpError::NoPerson(*missing));
                }
                if entry.id.is_unset() {
                    entry.id = book.next_entry_id();
                }
                let id = entry.id;
                // An old book's numbers end at u32::MAX (codes never run out).
                if !id.is_code() && id.0 >= u64::from(u32::MAX) {
                    return Err(OpError::NoIdsLeft("entry"));
                }
                let at = match book.entries.binary_search_by_key(&id, |e| e.id) {
                    Ok(_) => return Err(OpError::EntryExists(id)),
                    Err(at) => at,
                };
                book.entries.insert(at, entry.clone());
                book.count_entry(id);
                Ok(Op::RemoveEntry(Box::new(entry)))
            }
            Op::UpdateEntry(mut entry) => {
                entry.clean();
                if entry.people.is_empty() {
                    return Err(OpError::NoPeopleNamed);
                }
                let i = book
                    .entry_index(entry.id)
                    .ok_or(OpError::NoEntry(entry.id))?;
                let old = std::mem::replace(&mut book.entries[i], entry.clone());
                Ok(Op::ReplaceEntry {
                    expect: Box::new(entry),
                    with: Box::new(old),
                })
            }
            Op::ReplaceEntry { expect, with } => {
                let i = book
                    .entry_index(expect.id)
                    .ok_or(OpError::NoEntry(expect.id))?;
                if book.entries[i] != *expect {
                    return Err(OpError::ChangedSince(format!("entry {}", expect.id)));
                }
                book.entries[i] = (*with).clone();
                Ok(Op::ReplaceEntry {
                    expect: with,
                    with: expect,
                })
            }
            Op::DeleteEntry(id) => {
                let i = book.entry_index(id).ok_or(OpError::NoEntry(id))?;
                Ok(Op::AddEntry(book.entries.remove(i)))
            }
            Op::RemoveEntry(entry) => {
                let i = book
                    .entry_index(entry.id)
                    .ok_or(OpError::NoEntry(entry.id))?;
                if book.entries[i] != *entry {
                    return Err(OpError::ChangedSince(format!("entry {}", entry.id)));
                }
                Ok(Op::AddEntry(book.entries.remove(i)))
            }
            Op::SetMerged(from, into) => {
                let old = match into {
                    Some(into) => book.merged.insert(from, into),
                    None => book.merged.remove(&from),
                };
                Ok(Op::SetMerged(from, old))
            }
            Op::SetDone(id, on) => {
                let i = book.entry_index(id).ok_or(OpError::NoEntry(id))?;
                let e = &mut book.entries[i];
                let old = if e.done {
                    Some(e.done_on.unwrap_or(e.date))
                } else {
                    None
                };
                e.done = on.is_some();
                e.done_on = on;
                Ok(Op::SetDone(id, old))
            }
            Op::SetReleased(id, release) => {
                let i = book.entry_index(id).ok_or(OpError::NoEntry(id))?;
                let e = &mut book.entries[i];
                if !e.kind.is_promise() {
                    return Err(OpError::Rejected(format!("{id} is not a promise")));
                }
                let old = match (&e.released, e.done_on) {
                    (Some(note), Some(day)) => Some((day, note.to_string())),
                    (Some(note), None) => Some((e.date, note.to_string())),
                    (None, _) if e.done => {
                        return Err(OpError::Rejected(format!("{id} was kept already")));
                    }
                    (None, _) => None,
                };
                match release {
                    Some((day, note)) => {
                        e.done = true;
                        e.done_on = Some(day);
                        e.released = Some(crate::text::clean_line(&note).into_owned().into());
                    }
                    None => {
                        e.done = false;
                        e.done_on = None;
                        e.released = None;
                    }
                }
                Ok(Op::SetReleased(id, old))
            }
            Op::SetLineage(lineage) => Ok(Op::SetLineage(Box::new(book.lineage.replace(*lineage)))),
            Op::ApplyInboxLine(line) => {
                book.inbox
                    .set(&line.file, &line.key, Some(LineState::Applied));
                Ok(Op::SetInboxLine {
                    file: line.file.clone(),
                    key: line.key.clone(),
                    state: Some(LineState::Waiting(*line)),
                })
            }
            Op::SetInboxLine { file, key, state } => {
                let was = book.inbox.set(&file, &key, state);
                Ok(Op::SetInboxLine {
                    file,
                    key,
                    state: was,
                })
            }
            Op::SetImported { key, imported } => {
                let was = match imported {
                    Some(i) => book.touches.insert(key.clone(), i),
                    None => book.touches.remove(&key),
                };
                Ok(Op::SetImported { key, imported: was })
            }
            Op::SetMeeting { key, meeting } => {
                let was = match meeting {
                    Some(m) => book.meetings.insert(key.clone(), *m),
                    None => book.meetings.remove(&key),
                };
                Ok(Op::SetMeeting {
                    key,
                    meeting: was.map(Box::new),
                })
            }
            Op::SetReview(progress) => {
                Ok(Op::SetReview(std::mem::replace(&mut book.review, progress)))
            }
            Op::SetDismissed(d, on) => {
                let list = &mut book.dismissed_intros;
                let was = match list.binary_search(&d) {
                    Ok(i) => {
                        if !on {
                            list.remove(i);
                        }
                        true
                    }
                    Err(i) => {
                        if on {
                            list.insert(i, d.clone());
                        }
                        false
                    }
                };
                Ok(Op::SetDismissed(d, was))
            }
            Op::Batch(ops) => {
                let mut inverses = Vec::with_capacity(ops.len());
                for op in ops {
                    match op.apply(book) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            for inv in inverses.into_iter().rev() {
                                inv.apply(book)
                                    .expect("an inverse applies to the state it came from");
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Op::Batch(inverses))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn book_with_ana() -> Book {
        let mut book = Book::default();
        Op::AddPerson(Person::new(PersonId(0), "Ana"))
            .apply(&mut book)
            .unwrap();
        book
    }

    #[test]
    fn add_assigns_fresh_ids_that_are_never_reused() {
        let mut book = book_with_ana();
        assert_eq!(book.people[0].id, PersonId(1));
        Op::DeletePerson(PersonId(1)).apply(&mut book).unwrap();
        Op::AddPerson(Person::new(PersonId(0), "Bo"))
            .apply(&mut book)
            .unwrap();
        assert_eq!(book.people[0].id, PersonId(2));
    }

    #[test]
    fn every_op_is_undone_by_its_inverse() {
        let mut book = book_with_ana();
        let before = book.clone();
        let entry = Entry::new(
            d("2026-11-01"),
            vec![PersonId(1)],
            Kind::new("favor"),
            "deck",
        );
        let mut ana = book.people[0].clone();
        ana.org = Some("Acme".into());
        let ops = vec![
            Op::AddEntry(entry),
            Op::UpdatePerson(ana),
            Op::AddPerson(Person::new(PersonId(0), "Bo")),
            Op::SetMerged(PersonId(9), Some(PersonId(1))),
        ];
        for op in ops {
            let inverse = op.clone().apply(&mut book).unwrap();
            assert_ne!(
                book.people.len() + book.entries.len() + book.merged.len(),
                0
            );
            let redo = inverse.apply(&mut book).unwrap();
            assert_eq!(book.people, before.people, "undo of {op:?}");
            assert_eq!(book.entries, before.entries);
            assert_eq!(book.merged, before.merged);
            redo.apply(&mut book).unwrap();
            inverse_roundtrip_restore(&mut book, &before);
        }
    }

    fn inverse_roundtrip_restore(book: &mut Book, before: &Book) {
        book.people = before.people.clone();
        book.entries = before.entries.clone();
        book.merged = before.merged.clone();
    }

    #[test]
    fn a_failing_batch_changes_nothing() {
        let mut book = book_with_ana();
        let before = book.clone();
        let batch = Op::Batch(vec![
            Op::AddPerson(Person::new(PersonId(0), "Bo")),
            Op::AddEntry(Entry::new(
                d("2026-11-01"),
                vec![PersonId(99)],
                Kind::new("call"),
                "",
            )),
        ]);
        assert_eq!(batch.apply(&mut book), Err(OpError::NoPerson(PersonId(99))));
        assert_eq!(book.people, before.people);
    }

    #[test]
    fn entries_must_name_someone_who_exists() {
        let mut book = book_with_ana();
        let e = Entry::new(d("2026-11-01"), vec![], Kind::new("call"), "");
        assert_eq!(
            Op::AddEntry(e).apply(&mut book),
            Err(OpError::NoPeopleNamed)
        );
        assert_eq!(
            Op::AddPerson(Person::new(PersonId(0), "  ")).apply(&mut book),
            Err(OpError::EmptyName)
        );
    }

    #[test]
    fn undoing_a_capture_never_deletes_another_writers_entry() {
        let mut book = book_with_ana();
        let mine = Entry::new(
            d("2026-11-01"),
            vec![PersonId(1)],
            Kind::new("favor"),
            "deck",
        );
        let undo = Op::AddEntry(mine).apply(&mut book).unwrap();
        // The file is rolled back and another writer's entry takes the same id.
        book.entries.clear();
        let mut theirs = Entry::new(d("2026-11-02"), vec![PersonId(1)], Kind::new("call"), "hi");
        theirs.id = EntryId(1);
        book.entries.push(theirs.clone());
        let err = undo.apply(&mut book).unwrap_err();
        assert_eq!(err, OpError::ChangedSince("entry e1".into()));
        assert_eq!(book.entries, [theirs]);
    }

    #[test]
    fn undoing_an_add_keeps_a_person_someone_changed_since() {
        let mut book = Book::default();
        let undo = Op::AddPerson(Person::new(PersonId(0), "Ana"))
            .apply(&mut book)
            .unwrap();
        book.people[0].tags.push("added elsewhere".into());
        assert!(matches!(
            undo.apply(&mut book),
            Err(OpError::ChangedSince(_))
        ));
        assert_eq!(book.people.len(), 1);
    }

    #[test]
    fn control_characters_never_enter_the_book() {
        let mut book = Book::default();
        let mut p = Person::new(PersonId(0), "Eve\u{1b}]52;c;cm0=\u{7}");
        p.org = Some("Acme\u{1b}[8m".into());
        p.notes = "line one\nline\ttwo\u{9b}".into();
        Op::AddPerson(p).apply(&mut book).unwrap();
        let e = Entry::new(
            d("2026-11-01"),
            vec![PersonId(1)],
            Kind::new("favor"),
            "x\u{7}y",
        );
        Op::AddEntry(e).apply(&mut book).unwrap();
        let p = &book.people[0];
        assert_eq!(p.name, "Eve]52;c;cm0=");
        assert_eq!(p.org.as_deref(), Some("Acme[8m"));
        assert_eq!(p.notes, "line one\nline\ttwo");
        assert_eq!(book.entries[0].summary, "xy");
    }

    #[test]
    fn the_last_id_is_never_handed_out_and_the_counter_never_wraps() {
        let mut book = book_with_ana();
        book.next_person_id = u32::MAX;
        let add = || Op::AddPerson(Person::new(PersonId(0), "Bo"));
        assert_eq!(add().apply(&mut book), Err(OpError::NoIdsLeft("person")));
        book.next_person_id = u32::MAX - 1;
        add().apply(&mut book).unwrap();
        assert_eq!(book.next_person_id, u32::MAX);
        assert_eq!(add().apply(&mut book), Err(OpError::NoIdsLeft("person")));
        assert_eq!(book.people.len(), 2);
    }

    #[test]
    fn dismissing_keeps_the_list_sorted_and_undoes() {
        let mut book = book_with_ana();
        let d = |need: &str| DismissedIntro {
            person: PersonId(1),
            need: need.into(),
            candidate: None,
        };
        let inv_b = Op::SetDismissed(d("b"), true).apply(&mut book).unwrap();
        Op::SetDismissed(d("a"), true).apply(&mut book).unwrap();
        assert_eq!(book.dismissed_intros, [d("a"), d("b")]);
        let again = Op::SetDismissed(d("a"), true).apply(&mut book).unwrap();
        assert_eq!(again, Op::SetDismissed(d("a"), true), "already there");
        assert_eq!(book.dismissed_intros.len(), 2);
        inv_b.apply(&mut book).unwrap();
        assert_eq!(book.dismissed_intros, [d("a")]);
        let back = Op::SetDismissed(d("a"), false).apply(&mut book).unwrap();
        assert!(book.dismissed_intros.is_empty());
        back.apply(&mut book).unwrap();
        assert_eq!(book.dismissed_intros, [d("a")]);
    }

    #[test]
    fn set_done_records_the_day_and_undoes() {
        let mut book = book_with_ana();
        let e = Entry::new(
            d("2026-11-01"),
            vec![PersonId(1)],
            Kind::new("promise"),
            "intro",
        );
        Op::AddEntry(e).apply(&mut book).unwrap();
        let inv = Op::SetDone(EntryId(1), Some(d("2026-11-03")))
            .apply(&mut book)
            .unwrap();
        assert!(book.entries[0].done);
        assert_eq!(book.entries[0].done_on, Some(d("2026-11-03")));
        inv.apply(&mut book).unwrap();
        assert!(book.entries[0].is_open_promise());
    }
}
