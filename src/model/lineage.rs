//! What each record was before: fingerprints of its earlier versions.
//!
//! Two copies of the book that a sync tool let diverge (a Syncthing conflict
//! copy) come without the version both started from, so a record that
//! differs between them could be a change on either side — or on both. The
//! lineage tells which: every save notes, for each record it changes, a
//! fingerprint of the version it replaced. When one copy's record is a
//! version the other copy's record replaced, that side is simply older, and
//! the newer one is taken whole, with nothing to flag. Only records changed
//! on both sides since they parted are merged field by field.
//!
//! Kept beside the records, not in them, so that a record's value (what
//! undo, the edit form and the guarded operations compare) stays what the
//! user wrote.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{Book, Entry, EntryId, Op, Person, PersonId};

/// How many earlier versions a record remembers: enough for a record edited
/// that many times on one machine while the other copy was away.
pub const KEPT: usize = 8;

/// A fingerprint of one version of a record: 40 bits of FNV-1a over its
/// text, written as 10 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rev(pub u64);

impl Rev {
    /// The fingerprint of a record as it is now. The same on every machine
    /// and every run: FNV-1a, not std's hasher, which may change.
    pub fn of<T: Serialize>(record: &T) -> Rev {
        let text = ron::to_string(record).expect("a record serializes");
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rev(h >> 24)
    }
}

impl Serialize for Rev {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:010x}", self.0))
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rev, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() != 10 {
            return Err(serde::de::Error::custom(format!(
                "'{s}' is not a revision (10 hex digits)"
            )));
        }
        u64::from_str_radix(&s, 16)
            .map(Rev)
            .map_err(|_| serde::de::Error::custom(format!("'{s}' is not a revision")))
    }
}

/// Each changed record's earlier versions, newest first.
///
/// In the file, one map keyed by the record's id as shown (`"p12"`,
/// `"pk7f3qa2x"`, `"e7"`), people first: one record a line, as the records
/// themselves are, so a change is a one-line diff.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lineage {
    pub people: BTreeMap<PersonId, Vec<Rev>>,
    pub entries: BTreeMap<EntryId, Vec<Rev>>,
}

impl Serialize for Lineage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.people.len() + self.entries.len()))?;
        for (id, revs) in &self.people {
            map.serialize_entry(&id.to_string(), revs)?;
        }
        for (id, revs) in &self.entries {
            map.serialize_entry(&id.to_string(), revs)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Lineage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lineage, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Lineage;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map from record ids (\"p12\", \"e7\") to revisions")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<Lineage, M::Error> {
                let mut out = Lineage::default();
                while let Some((key, revs)) = m.next_entry::<String, Vec<Rev>>()? {
                    let bad = || {
                        serde::de::Error::custom(format!("'{key}' is not a record id (p12, e7)"))
                    };
                    let fresh = match key.as_bytes().first() {
                        Some(b'p') => out
                            .people
                            .insert(PersonId::parse(&key).ok_or_else(bad)?, revs),
                        Some(b'e') => out
                            .entries
                            .insert(EntryId::parse(&key).ok_or_else(bad)?, revs),
                        _ => return Err(bad()),
                    }
                    .is_none();
                    if !fresh {
                        return Err(serde::de::Error::custom(format!("'{key}' is there twice")));
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(Visit)
    }
}

impl Lineage {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.entries.is_empty()
    }

    /// Notes that a save turned person `before` into `after` (`None`:
    /// deleted or merged away; the lineage then says what they were last).
    pub fn note_person(&mut self, before: &Person, after: Option<&Person>) {
        note(&mut self.people, before.id, before, after);
    }

    pub fn note_entry(&mut self, before: &Entry, after: Option<&Entry>) {
        note(&mut self.entries, before.id, before, after);
    }

    /// Whether `older` is a version this copy's person replaced.
    pub fn person_replaced(&self, older: &Person) -> bool {
        replaced(&self.people, older.id, older)
    }

    pub fn entry_replaced(&self, older: &Entry) -> bool {
        replaced(&self.entries, older.id, older)
    }

    /// Sets the lineage of every record `with` names (an empty list forgets
    /// it); returns what those records had, in the same form, so applying
    /// that puts it back.
    pub fn replace(&mut self, with: Lineage) -> Lineage {
        Lineage {
            people: swap(&mut self.people, with.people),
            entries: swap(&mut self.entries, with.entries),
        }
    }

    /// The [`Lineage::replace`] that makes `self` into `to`: the records
    /// whose lineage differs.
    pub fn changes_to(&self, to: &Lineage) -> Lineage {
        Lineage {
            people: differing(&self.people, &to.people),
            entries: differing(&self.entries, &to.entries),
        }
    }
}

/// The records an operation is about to change, as they were: taken before
/// it applies, noted in the book's lineage after.
#[derive(Debug, Default)]
pub struct Touched {
    people: Vec<Person>,
    entries: Vec<Entry>,
}

impl Touched {
    pub fn before(book: &Book, op: &Op) -> Touched {
        let (mut people, mut entries) = (Vec::new(), Vec::new());
        op.touched(&mut people, &mut entries);
        people.sort_unstable();
        people.dedup();
        entries.sort_unstable();
        entries.dedup();
        Touched {
            people: people
                .into_iter()
                .filter_map(|id| Some(book.people[book.person_index(id)?].clone()))
                .collect(),
            entries: entries
                .into_iter()
                .filter_map(|id| book.entry(id).cloned())
                .collect(),
        }
    }

    /// Notes in `book`'s lineage what became of each record. Returns what
    /// those records' lineage was, for [`Lineage::replace`] to put back (a
    /// save that fails), without copying the whole lineage on every save.
    pub fn note(self, book: &mut Book) -> Lineage {
        let mut was = Lineage::default();
        for p in &self.people {
            let old = book.lineage.people.get(&p.id).cloned().unwrap_or_default();
            was.people.insert(p.id, old);
            // By exact id: a merged-away id resolves to someone else.
            let after = book.person_index(p.id).map(|i| book.people[i].clone());
            book.lineage.note_person(p, after.as_ref());
        }
        for e in &self.entries {
            let old = book.lineage.entries.get(&e.id).cloned().unwrap_or_default();
            was.entries.insert(e.id, old);
            let after = book.entry(e.id).cloned();
            book.lineage.note_entry(e, after.as_ref());
        }
        was
    }
}

/// Applies `op` and notes what it replaced, as a save does: how a copy of
/// the book kept beside the file (the TUI's) stays the file's.
pub fn apply_noting(op: Op, book: &mut Book) -> Result<Op, super::OpError> {
    let touched = Touched::before(book, &op);
    let inverse = op.apply(book)?;
    touched.note(book);
    Ok(inverse)
}

fn swap<K: Ord + Copy>(
    map: &mut BTreeMap<K, Vec<Rev>>,
    with: BTreeMap<K, Vec<Rev>>,
) -> BTreeMap<K, Vec<Rev>> {
    let mut old = BTreeMap::new();
    for (id, revs) in with {
        let was = if revs.is_empty() {
            map.remove(&id)
        } else {
            map.insert(id, revs)
        };
        old.insert(id, was.unwrap_or_default());
    }
    old
}

fn differing<K: Ord + Copy>(
    from: &BTreeMap<K, Vec<Rev>>,
    to: &BTreeMap<K, Vec<Rev>>,
) -> BTreeMap<K, Vec<Rev>> {
    let mut out = BTreeMap::new();
    for (id, revs) in to {
        if from.get(id) != Some(revs) {
            out.insert(*id, revs.clone());
        }
    }
    for id in from.keys() {
        if !to.contains_key(id) {
            out.insert(*id, Vec::new());
        }
    }
    out
}

fn note<K: Ord + Copy, T: Serialize + PartialEq>(
    map: &mut BTreeMap<K, Vec<Rev>>,
    id: K,
    before: &T,
    after: Option<&T>,
) {
    match after {
        Some(after) if after == before => {}
        // Changed, or deleted: a deleted record's entry is what it was last,
        // so a copy still holding that version is known to be older.
        _ => {
            let revs = map.entry(id).or_default();
            let rev = Rev::of(before);
            revs.retain(|r| *r != rev);
            revs.insert(0, rev);
            revs.truncate(KEPT);
        }
    }
}

fn replaced<K: Ord, T: Serialize>(map: &BTreeMap<K, Vec<Rev>>, id: K, older: &T) -> bool {
    map.get(&id)
        .is_some_and(|revs| revs.contains(&Rev::of(older)))
}

/// The lineage of a record a merge made (`merged`) from the two sides'
/// versions and lineages: both versions (where they differ from the merged
/// one; `None`: the merge left it out) and everything they replaced, newest
/// first, taking turns so both sides' recent history is kept. The same
/// whichever side is which.
pub fn merged_lineage<T: Serialize + PartialEq>(
    merged: Option<&T>,
    sides: [(Option<&T>, Option<&[Rev]>); 2],
) -> Vec<Rev> {
    let mut lists: Vec<Vec<Rev>> = sides
        .iter()
        .map(|(record, revs)| {
            let mut list = Vec::new();
            if let Some(r) = *record
                && Some(r) != merged
            {
                list.push(Rev::of(r));
            }
            list.extend(revs.unwrap_or_default().iter().copied());
            list
        })
        .collect();
    lists.sort();
    let mut out: Vec<Rev> = Vec::new();
    let longest = lists.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..longest {
        for list in &lists {
            if let Some(r) = list.get(i)
                && !out.contains(r)
            {
                out.push(*r);
            }
        }
    }
    out.truncate(KEPT);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> Person {
        Person::new(PersonId(1), "Ana")
    }

    #[test]
    fn a_change_remembers_the_version_it_replaced_newest_first() {
        let mut l = Lineage::default();
        let v1 = ana();
        let mut v2 = v1.clone();
        v2.org = Some("Acme".into());
        let mut v3 = v2.clone();
        v3.title = Some("CTO".into());
        l.note_person(&v1, Some(&v2));
        l.note_person(&v2, Some(&v3));
        assert_eq!(l.people[&PersonId(1)], [Rev::of(&v2), Rev::of(&v1)]);
        assert!(l.person_replaced(&v1) && l.person_replaced(&v2));
        assert!(
            !l.person_replaced(&v3),
            "the current version replaced nothing"
        );
        l.note_person(&v3, Some(&v3));
        assert_eq!(l.people[&PersonId(1)].len(), 2, "no change, nothing noted");
        l.note_person(&v3, None);
        assert!(
            l.person_replaced(&v3) && l.person_replaced(&v1),
            "a deleted record leaves what it was last"
        );
    }

    #[test]
    fn in_the_file_one_record_a_line_keyed_by_its_id_as_shown() {
        let mut l = Lineage::default();
        l.people.insert(PersonId(12), vec![Rev(1), Rev(0xab)]);
        l.entries.insert(EntryId(7), vec![Rev(2)]);
        let pretty = ron::ser::PrettyConfig::new().depth_limit(1).indentor("  ");
        let text = ron::ser::to_string_pretty(&l, pretty).unwrap();
        assert_eq!(
            text,
            "{\n  \"p12\": [\"0000000001\", \"00000000ab\"],\n  \"e7\": [\"0000000002\"],\n}"
        );
        assert_eq!(ron::from_str::<Lineage>(&text).unwrap(), l);
        for bad in [r#"{"x1": []}"#, r#"{"p": []}"#, r#"{"p1": [], "p1": []}"#] {
            assert!(ron::from_str::<Lineage>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_replacement_is_undone_by_what_it_returns() {
        let mut l = Lineage::default();
        l.people.insert(PersonId(1), vec![Rev(1)]);
        l.people.insert(PersonId(2), vec![Rev(2)]);
        let before = l.clone();
        let mut to = l.clone();
        to.people.remove(&PersonId(1));
        to.people.insert(PersonId(2), vec![Rev(3), Rev(2)]);
        to.entries.insert(EntryId(5), vec![Rev(4)]);
        let undo = l.replace(l.changes_to(&to));
        assert_eq!(l, to);
        l.replace(undo);
        assert_eq!(l, before);
    }

    #[test]
    fn what_a_save_noted_can_be_taken_back() {
        let mut book = Book::default();
        apply_noting(Op::AddPerson(ana()), &mut book).unwrap();
        apply_noting(Op::AddPerson(Person::new(PersonId(0), "Bo")), &mut book).unwrap();
        let mut a = book.people[0].clone();
        a.org = Some("Acme".into());
        apply_noting(Op::UpdatePerson(a.clone()), &mut book).unwrap();
        let before = book.lineage.clone();
        // Ana edited again and Bo (no lineage yet) deleted, then taken back.
        a.title = Some("CTO".into());
        let op = Op::Batch(vec![Op::UpdatePerson(a), Op::DeletePerson(PersonId(2))]);
        let touched = Touched::before(&book, &op);
        op.apply(&mut book).unwrap();
        let was = touched.note(&mut book);
        assert_ne!(book.lineage, before);
        book.lineage.replace(was);
        assert_eq!(book.lineage, before);
    }

    #[test]
    fn only_the_last_few_versions_are_kept() {
        let mut l = Lineage::default();
        let mut p = ana();
        for i in 0..KEPT + 3 {
            let mut next = p.clone();
            next.notes = format!("edit {i}");
            l.note_person(&p, Some(&next));
            p = next;
        }
        assert_eq!(l.people[&PersonId(1)].len(), KEPT);
    }

    #[test]
    fn fingerprints_are_fixed_text_and_tell_versions_apart() {
        let mut other = ana();
        other.name = "Ana B".into();
        assert_ne!(Rev::of(&ana()), Rev::of(&other));
        assert_eq!(Rev::of(&ana()), Rev::of(&ana()));
        let text = ron::to_string(&Rev::of(&ana())).unwrap();
        assert_eq!(text.len(), 12, "10 hex digits in quotes: {text}");
        let back: Rev = ron::from_str(&text).unwrap();
        assert_eq!(back, Rev::of(&ana()));
        assert!(ron::from_str::<Rev>("\"xyz\"").is_err());
    }

    #[test]
    fn a_merged_record_descends_from_both_sides_either_way_round() {
        let (o, mut t, mut m) = (ana(), ana(), ana());
        t.org = Some("Acme".into());
        m.org = Some("Acme".into());
        m.title = Some("CTO".into());
        let (lo, lt) = (vec![Rev(1), Rev(2)], vec![Rev(3)]);
        let a = merged_lineage(Some(&m), [(Some(&o), Some(&lo)), (Some(&t), Some(&lt))]);
        let b = merged_lineage(Some(&m), [(Some(&t), Some(&lt)), (Some(&o), Some(&lo))]);
        assert_eq!(a, b);
        for r in [Rev::of(&o), Rev::of(&t), Rev(1), Rev(2), Rev(3)] {
            assert!(a.contains(&r), "{r:?} in {a:?}");
        }
        let same = merged_lineage(Some(&o), [(Some(&o), Some(&lo)), (None, None)]);
        assert_eq!(
            same, lo,
            "a record one side kept as it was keeps its lineage"
        );
    }
}
