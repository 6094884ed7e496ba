//! What kith logged by itself from calendars and mail, as the book remembers
//! it, and the meetings ahead. Each logged touch is known by a key that the
//! source gives it — an event's UID (and, for a recurring event, the day of
//! the occurrence), or a person and a day of mail — so reading a source again
//! changes nothing, an event moved or renamed updates its entry, and an entry
//! the user deleted stays deleted: its key is kept (a tombstone).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::{EntryId, PersonId};

/// What the book remembers of calendars and mail: per key, the touch
/// logged (`Book::touches`), and per event UID, the next meeting
/// (`Book::meetings`). Two fields of the book rather than one struct, so
/// the file holds one key a line.
pub type Logged = BTreeMap<String, Imported>;
pub type Meetings = BTreeMap<String, Meeting>;

/// One touch kith logged: its entry (which may since have been deleted) and
/// a fingerprint of what the source said, so only a change there updates it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Imported {
    pub entry: EntryId,
    pub said: String,
}

/// An event ahead that names people in the book.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    #[serde(deserialize_with = "super::date_field::date")]
    pub date: NaiveDate,
    pub summary: String,
    pub people: Vec<PersonId>,
}

impl Meeting {
    /// `Thu 10 Dec · Lunch with Ana`: how the card, `kith show` and the
    /// review name it.
    pub fn label(&self) -> String {
        format!("{} · {}", self.date.format("%a %-d %b"), self.summary)
    }
}

/// The first meeting on or after `today` that names someone `same` says
/// is the person (ids resolved through merges by the caller).
pub fn next_meeting(
    meetings: &Meetings,
    today: NaiveDate,
    mut same: impl FnMut(PersonId) -> bool,
) -> Option<&Meeting> {
    meetings
        .values()
        .filter(|m| m.date >= today && m.people.iter().any(|p| same(*p)))
        .min_by(|a, b| (a.date, &a.summary).cmp(&(b.date, &b.summary)))
}

/// What two copies both hold: the base of a merge without one.
pub fn common<V: Clone + PartialEq>(
    a: &BTreeMap<String, V>,
    b: &BTreeMap<String, V>,
) -> BTreeMap<String, V> {
    a.iter()
        .filter(|(k, v)| b.get(*k) == Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Two copies' maps merged against the version both started from: per
/// key, a change on one side wins; changed on both, the greater value (the
/// same whichever side is `ours`); removed on one side and unchanged on the
/// other, removed.
pub fn merge3<V: Clone + Ord>(
    base: &BTreeMap<String, V>,
    ours: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
) -> BTreeMap<String, V> {
    let keys: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (b, o, t) = (base.get(k), ours.get(k), theirs.get(k));
            let v = match (o, t) {
                (Some(o), Some(t)) if o == t => Some(o),
                (Some(o), Some(t)) if b == Some(o) => Some(t),
                (Some(o), Some(t)) if b == Some(t) => Some(o),
                (Some(o), Some(t)) => Some(o.max(t)),
                (Some(x), None) | (None, Some(x)) if b.is_none() => Some(x),
                // Removed on one side: removed, unless the other changed it.
                (Some(x), None) | (None, Some(x)) => (b != Some(x)).then_some(x),
                (None, None) => None,
            };
            v.map(|v| (k.clone(), v.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imp(e: u64, said: &str) -> Imported {
        Imported {
            entry: EntryId(e),
            said: said.into(),
        }
    }

    #[test]
    fn a_merge_keeps_either_sides_keys_and_is_the_same_either_way_round() {
        let mut base = Logged::new();
        base.insert("cal:a".into(), imp(1, "x"));
        base.insert("cal:gone".into(), imp(2, "x"));
        let mut ours = base.clone();
        ours.insert("cal:b".into(), imp(3, "y"));
        ours.insert("cal:a".into(), imp(1, "moved"));
        let mut theirs = base.clone();
        theirs.remove("cal:gone");
        theirs.insert("mail:p1 2026-12-01".into(), imp(4, "z"));
        let merged = merge3(&base, &ours, &theirs);
        assert_eq!(merged, merge3(&base, &theirs, &ours));
        assert_eq!(merged["cal:a"].said, "moved");
        assert!(merged.contains_key("cal:b"));
        assert!(merged.contains_key("mail:p1 2026-12-01"));
        assert!(!merged.contains_key("cal:gone"), "deleted on one side");
        assert_eq!(
            common(&ours, &theirs).len(),
            0,
            "each side changed or removed one"
        );
    }

    #[test]
    fn the_next_meeting_is_the_first_from_today_naming_the_person() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut t = Meetings::new();
        for (k, date, who) in [
            ("a", "2026-12-10", 1),
            ("b", "2026-12-03", 1),
            ("c", "2026-11-20", 1),
            ("d", "2026-12-01", 2),
        ] {
            t.insert(
                k.into(),
                Meeting {
                    date: d(date),
                    summary: k.into(),
                    people: vec![PersonId(who)],
                },
            );
        }
        let next = next_meeting(&t, d("2026-11-26"), |p| p == PersonId(1)).unwrap();
        assert_eq!(next.summary, "b");
        assert!(next_meeting(&t, d("2026-12-11"), |p| p == PersonId(1)).is_none());
    }
}
