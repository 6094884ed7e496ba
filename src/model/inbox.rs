//! The phone's inbox, as the book remembers it. A device appends capture
//! lines to its own file in `inbox/` (the phone owns the file; kith never
//! edits it). The book keeps which lines were applied — a fingerprint of
//! the device file's name, the line's text and which occurrence of that text
//! it is, never the text again — and, whole, the lines that could not be
//! applied (waiting, with why) or that the user dismissed (kept, never lost).
//!
//! A line is known by its fingerprint, so a file rewritten or cut short by
//! its app, or the same file synced in twice, applies nothing twice, while
//! the same text written on two devices is two captures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::PersonId;

/// Why a line waits that was applied and then taken back with undo: it is
/// not applied again by itself (the user took it back), only from the review.
pub const TAKEN_BACK: &str = "logged, then taken back with undo";

/// What the book knows of the inbox's lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inbox {
    /// Per device file, the fingerprints of the lines applied.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub applied: BTreeMap<String, BTreeSet<String>>,
    /// Lines that could not be applied yet, in the order they were read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiting: Vec<InboxLine>,
    /// Lines the user dismissed: never applied, never lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<InboxLine>,
}

/// One line of a device's file, kept whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboxLine {
    /// The device file's name in the inbox (`phone.txt`).
    pub file: String,
    /// The line's fingerprint ([`line_key`]).
    pub key: String,
    /// The line as the device wrote it (control characters taken out).
    pub line: String,
    /// The day kith first read it: the entry's date when the line has none.
    #[serde(deserialize_with = "super::date_field::date")]
    pub seen: NaiveDate,
    /// Why it waits (`nobody called sorne — did you mean Søren Madsen?`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub why: String,
    /// Whom the review shows it with (a person it names, or the one a
    /// did-you-mean points at): a hint worked out at each reading, not a
    /// reference — when they are gone, the line is shown with no one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<PersonId>,
}

/// Where a line stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineState {
    Applied,
    Waiting(InboxLine),
    Dismissed(InboxLine),
}

impl Inbox {
    pub fn is_empty(&self) -> bool {
        self.applied.is_empty() && self.waiting.is_empty() && self.dismissed.is_empty()
    }

    /// Where the line `key` of `file` stands, if kith has read it.
    pub fn state(&self, file: &str, key: &str) -> Option<LineState> {
        if self
            .applied
            .get(file)
            .is_some_and(|keys| keys.contains(key))
        {
            return Some(LineState::Applied);
        }
        let find = |lines: &[InboxLine]| {
            lines
                .iter()
                .find(|l| l.file == file && l.key == key)
                .cloned()
        };
        find(&self.waiting)
            .map(LineState::Waiting)
            .or_else(|| find(&self.dismissed).map(LineState::Dismissed))
    }

    /// Puts the line `key` of `file` in `state` (none: kith forgets it);
    /// returns where it stood.
    pub fn set(&mut self, file: &str, key: &str, state: Option<LineState>) -> Option<LineState> {
        let was = self.state(file, key);
        if let Some(keys) = self.applied.get_mut(file) {
            keys.remove(key);
            if keys.is_empty() {
                self.applied.remove(file);
            }
        }
        let here = |l: &InboxLine| l.file == file && l.key == key;
        let waiting_at = self.waiting.iter().position(here);
        self.waiting.retain(|l| !here(l));
        self.dismissed.retain(|l| !here(l));
        match state {
            None => {}
            Some(LineState::Applied) => {
                self.applied
                    .entry(file.to_string())
                    .or_default()
                    .insert(key.to_string());
            }
            // A waiting line keeps its place when only its reason changes.
            Some(LineState::Waiting(line)) => match waiting_at {
                Some(at) => self.waiting.insert(at.min(self.waiting.len()), line),
                None => self.waiting.push(line),
            },
            Some(LineState::Dismissed(line)) => self.dismissed.push(line),
        }
        was
    }

    /// Applied or dismissed: nothing more to do with it.
    pub fn is_settled(&self, file: &str, key: &str) -> bool {
        matches!(
            self.state(file, key),
            Some(LineState::Applied | LineState::Dismissed(_))
        )
    }

    /// Two copies' inboxes merged against the version both started from
    /// (`base`): a line either side applied, waits or dismissed is kept, one
    /// a side forgot (an undone application) is forgotten — as for any set.
    /// Then [`Inbox::settle`]. The same whichever copy is `ours`.
    pub fn merge3(base: &Inbox, ours: &Inbox, theirs: &Inbox) -> Inbox {
        let files: BTreeSet<&String> = ours.applied.keys().chain(theirs.applied.keys()).collect();
        let empty = BTreeSet::new();
        let mut applied = BTreeMap::new();
        for file in files {
            let get = |i: &'_ Inbox| i.applied.get(file).cloned().unwrap_or_default();
            let keys = set3(
                base.applied.get(file).unwrap_or(&empty),
                &get(ours),
                &get(theirs),
            );
            if !keys.is_empty() {
                applied.insert(file.clone(), keys);
            }
        }
        let lines = |pick: fn(&Inbox) -> &Vec<InboxLine>| -> Vec<InboxLine> {
            let set = |i: &Inbox| pick(i).iter().cloned().collect::<BTreeSet<_>>();
            set3(&set(base), &set(ours), &set(theirs))
                .into_iter()
                .collect()
        };
        let mut merged = Inbox {
            applied,
            waiting: lines(|i| &i.waiting),
            dismissed: lines(|i| &i.dismissed),
        };
        merged.settle();
        merged
    }

    /// What two copies' inboxes both hold: the base of a merge without one.
    pub fn common(a: &Inbox, b: &Inbox) -> Inbox {
        let applied = a
            .applied
            .iter()
            .filter_map(|(file, keys)| {
                let other = b.applied.get(file)?;
                let both: BTreeSet<String> = keys.intersection(other).cloned().collect();
                (!both.is_empty()).then(|| (file.clone(), both))
            })
            .collect();
        let both = |x: &[InboxLine], y: &[InboxLine]| {
            x.iter().filter(|l| y.contains(l)).cloned().collect()
        };
        Inbox {
            applied,
            waiting: both(&a.waiting, &b.waiting),
            dismissed: both(&a.dismissed, &b.dismissed),
        }
    }

    /// After a merge of two copies: a line applied on one side and still
    /// waiting (or dismissed) on the other is applied; dismissed beats waiting.
    pub fn settle(&mut self) {
        let applied = &self.applied;
        let done = |l: &InboxLine| applied.get(&l.file).is_some_and(|k| k.contains(&l.key));
        self.waiting.retain(|l| !done(l));
        self.dismissed.retain(|l| !done(l));
        let dismissed: BTreeSet<(String, String)> = self
            .dismissed
            .iter()
            .map(|l| (l.file.clone(), l.key.clone()))
            .collect();
        self.waiting
            .retain(|l| !dismissed.contains(&(l.file.clone(), l.key.clone())));
        let mut seen = BTreeSet::new();
        self.waiting
            .retain(|l| seen.insert((l.file.clone(), l.key.clone())));
        let mut seen = BTreeSet::new();
        self.dismissed
            .retain(|l| seen.insert((l.file.clone(), l.key.clone())));
    }
}

/// The id of the entry made from the line `key`: derived from the key, so
/// two machines applying the same line make the same entry, which a merge of
/// their copies keeps once.
pub fn entry_id_for(key: &str) -> super::EntryId {
    let h = u64::from_str_radix(key, 16).unwrap_or_else(|_| {
        key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    });
    super::EntryId(super::id::derived(h))
}

/// Kept: in both sides, or added by one; what either side removed is out.
fn set3<T: Ord + Clone>(b: &BTreeSet<T>, o: &BTreeSet<T>, t: &BTreeSet<T>) -> BTreeSet<T> {
    o.union(t)
        .filter(|x| (o.contains(x) && t.contains(x)) || !b.contains(x))
        .cloned()
        .collect()
}

/// The fingerprint of occurrence `n` (1 for the first) of `text` in the
/// device file `file`: 64 bits of FNV-1a, as 16 hex digits — the same on
/// every machine and every run.
pub fn line_key(file: &str, text: &str, n: u32) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in file
        .bytes()
        .chain([0])
        .chain(text.bytes())
        .chain([0])
        .chain(n.to_le_bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(file: &str, text: &str) -> InboxLine {
        InboxLine {
            file: file.into(),
            key: line_key(file, text, 1),
            line: text.into(),
            seen: "2026-12-05".parse().unwrap(),
            why: "nobody called sorne".into(),
            about: None,
        }
    }

    #[test]
    fn keys_tell_file_text_and_occurrence_apart_and_never_change() {
        let k = line_key("phone.txt", "@ana coffee: x", 1);
        assert_eq!(k, line_key("phone.txt", "@ana coffee: x", 1));
        assert_eq!(k.len(), 16);
        for other in [
            line_key("tablet.md", "@ana coffee: x", 1),
            line_key("phone.txt", "@ana coffee: y", 1),
            line_key("phone.txt", "@ana coffee: x", 2),
        ] {
            assert_ne!(k, other);
        }
        // Fixed: a book written on one machine is read alike on another.
        assert_eq!(line_key("a", "b", 1), "09e7f39f72832767");
    }

    #[test]
    fn a_line_moves_between_states_and_set_returns_where_it_was() {
        let mut inbox = Inbox::default();
        let l = line("phone.txt", "@sorne coffee: x");
        assert_eq!(
            inbox.set("phone.txt", &l.key, Some(LineState::Waiting(l.clone()))),
            None
        );
        assert!(!inbox.is_settled("phone.txt", &l.key));
        let was = inbox.set("phone.txt", &l.key, Some(LineState::Applied));
        assert_eq!(was, Some(LineState::Waiting(l.clone())));
        assert!(inbox.waiting.is_empty() && inbox.is_settled("phone.txt", &l.key));
        inbox.set("phone.txt", &l.key, was);
        assert_eq!(inbox.waiting, vec![l.clone()]);
        assert!(inbox.applied.is_empty(), "no empty device left behind");
    }

    #[test]
    fn a_merge_keeps_what_either_side_applied_and_is_the_same_either_way_round() {
        let (a, b, c) = (
            line("phone.txt", "a"),
            line("phone.txt", "b"),
            line("tablet.md", "c"),
        );
        let mut base = Inbox::default();
        base.set("phone.txt", &a.key, Some(LineState::Waiting(a.clone())));
        let mut ours = base.clone();
        ours.set("phone.txt", &a.key, Some(LineState::Applied));
        ours.set("phone.txt", &b.key, Some(LineState::Applied));
        let mut theirs = base.clone();
        theirs.set("tablet.md", &c.key, Some(LineState::Dismissed(c.clone())));
        let merged = Inbox::merge3(&base, &ours, &theirs);
        assert_eq!(merged, Inbox::merge3(&base, &theirs, &ours));
        assert!(
            merged.is_settled("phone.txt", &a.key),
            "applied beats the other's waiting"
        );
        assert!(merged.is_settled("phone.txt", &b.key));
        assert!(matches!(
            merged.state("tablet.md", &c.key),
            Some(LineState::Dismissed(_))
        ));
        assert!(merged.waiting.is_empty());
        // Without a base, what both hold is the base.
        assert_eq!(Inbox::common(&ours, &theirs), Inbox::default());
    }

    #[test]
    fn after_a_merge_applied_beats_dismissed_beats_waiting() {
        let a = line("phone.txt", "a");
        let b = line("phone.txt", "b");
        let mut inbox = Inbox {
            applied: BTreeMap::from([("phone.txt".into(), BTreeSet::from([a.key.clone()]))]),
            waiting: vec![a.clone(), b.clone(), b.clone()],
            dismissed: vec![b.clone()],
        };
        inbox.settle();
        assert!(inbox.waiting.is_empty());
        assert_eq!(inbox.dismissed, vec![b]);
    }
}
