use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::person::is_false;
use super::{Kind, OneLine, People, PersonId};

/// An entry's stable id; shown as `e42`, or `ek7f3qa2x` for a drawn code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(pub u64);

super::id::record_id!(EntryId, "e", "entry");

/// Who did it for whom.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// I did it for them.
    #[default]
    Gave,
    /// They did it for me.
    Received,
    /// We did it together.
    Mutual,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Gave => "gave",
            Direction::Received => "received",
            Direction::Mutual => "mutual",
        }
    }

    /// A one-character arrow: ↑ gave, ↓ received, ↕ mutual.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Gave => "↑",
            Direction::Received => "↓",
            Direction::Mutual => "↕",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an entry came from, when kith logged it by itself: a calendar's
/// event or a day's mail (none: typed, or from the phone's inbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Calendar,
    Mail,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Calendar => "calendar",
            Origin::Mail => "mail",
        }
    }

    /// The mark the timeline shows before an imported entry's summary.
    pub fn mark(self) -> &'static str {
        match self {
            Origin::Calendar => "⊡",
            Origin::Mail => "✉",
        }
    }
}

fn is_gave(d: &Direction) -> bool {
    *d == Direction::Gave
}

/// One line of the action timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: EntryId,
    #[serde(deserialize_with = "super::date_field::date")]
    pub date: NaiveDate,
    pub people: People,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "is_gave")]
    pub direction: Direction,
    pub summary: OneLine,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date_field::optional"
    )]
    pub follow_up: Option<NaiveDate>,
    /// For a promise: kept. For an entry with a follow-up: followed up.
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
    /// The day it was marked done.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date_field::optional"
    )]
    pub done_on: Option<NaiveDate>,
    /// A promise released rather than kept, with why ("they found someone
    /// else"): closed, so it stops nagging, and not a deed given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<OneLine>,
    /// Logged by kith from a calendar or mail (see [`Origin`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Origin>,
}

impl Entry {
    pub fn new(date: NaiveDate, people: Vec<PersonId>, kind: Kind, summary: &str) -> Entry {
        Entry {
            id: EntryId(0),
            date,
            people: people.into(),
            kind,
            direction: Direction::Gave,
            summary: summary.into(),
            follow_up: None,
            done: false,
            done_on: None,
            released: None,
            source: None,
        }
    }

    /// Drops control characters from the summary (a one-line field): what
    /// every operation that writes an entry does on the way in.
    pub fn clean(&mut self) {
        if let std::borrow::Cow::Owned(s) = crate::text::clean_line(&self.summary) {
            self.summary = s.into();
        }
        if let Some(note) = &mut self.released
            && let std::borrow::Cow::Owned(s) = crate::text::clean_line(note)
        {
            *note = s.into();
        }
    }

    /// A promise let go of instead of kept (see [`Entry::released`]).
    pub fn is_released(&self) -> bool {
        self.released.is_some()
    }

    pub fn names(&self, person: PersonId) -> bool {
        self.people.contains(&person)
    }

    /// A promise not yet kept.
    pub fn is_open_promise(&self) -> bool {
        self.kind.is_promise() && !self.done
    }

    /// Whether it can be marked done: a promise (kept) or an entry with a
    /// follow-up (followed up).
    pub fn can_be_done(&self) -> bool {
        self.kind.is_promise() || self.follow_up.is_some()
    }

    /// The follow-up date, if one is set and not yet done.
    pub fn open_follow_up(&self) -> Option<NaiveDate> {
        if self.done { None } else { self.follow_up }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heavy book holds 100,000 of them: each 8 bytes is 0.8 MB of a load.
    /// People inline for one or two, the kind and texts in two words each.
    #[test]
    fn an_entry_is_96_bytes() {
        assert_eq!(std::mem::size_of::<Entry>(), 96);
    }
}
