//! What a merge did, in a form the CLI can print.

use std::fmt;

use crate::model::{EntryId, PersonId};

/// One of the two copies being merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The copy the merged book replaces (git's `%A`).
    Ours,
    /// The other copy (git's `%B`).
    Theirs,
}

/// A person's or an entry's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordId {
    Person(PersonId),
    Entry(EntryId),
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordId::Person(id) => id.fmt(f),
            RecordId::Entry(id) => id.fmt(f),
        }
    }
}

/// How many records one side added, changed and deleted that the merged book
/// took (a change merged field by field with the other side's counts for both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub deleted: usize,
}

impl Counts {
    /// Every record this side brought to the merge.
    pub fn total(&self) -> usize {
        self.added + self.changed + self.deleted
    }
}

/// One side's people and entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SideCounts {
    pub people: Counts,
    pub entries: Counts,
}

/// The same single-valued field changed differently on both sides: the
/// winner is in the book, the other value in a line of `person`'s notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// Whose notes carry the other value: the person, the first person the
    /// entry names, or the person a merged-away one was merged into.
    pub person: PersonId,
    /// The record the field is of, when it is not `person`: an entry, or a
    /// person merged into `person` on one side and changed on the other.
    pub record: Option<RecordId>,
    /// The field's name in the file (`title`, `met.context`, `summary`).
    pub field: &'static str,
    /// The value the merged book holds.
    pub winner: String,
    /// The value it did not take, kept in the notes.
    pub other: String,
}

impl Clash {
    /// The field as the notes line and the summary name it: `title`, or
    /// `e12 summary` for an entry's (`p7 title` for a merged-away person's).
    pub fn what(&self) -> String {
        match self.record {
            Some(r) => format!("{r} {}", self.field),
            None => self.field.to_string(),
        }
    }

    /// The line the notes carry: `kith merge: title on the other copy: CTO`.
    /// One line even for other notes: their line breaks read ` ⏎ `, so
    /// settling the clash in the review takes the whole of it away.
    pub fn line(&self) -> String {
        format!(
            "{}{} on the other copy: {}",
            super::CLASH_PREFIX,
            self.what(),
            self.other.replace("\r\n", "\n").replace('\n', " ⏎ ")
        )
    }
}

/// A record one side added under an id the other side gave a different
/// record: it keeps its contents under a fresh id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renumbered {
    pub side: Side,
    pub from: RecordId,
    pub to: RecordId,
}

/// One person merged into different people on the two copies (Bo into Ana
/// here, Bo into Cy there): the two machines disagree on who Bo is.
///
/// The rule, the same whichever copy is "ours" (so both machines converge):
/// the merge into the person with the lower id is kept. Ids are drawn at
/// random on each machine, so this favours neither machine, and it is the
/// only fact both copies read the same. Bo's entries name the one kept
/// (`lost_on`'s copy of them named the other because of its merge, which
/// the three-way merge puts back as Bo); the other keeps what their merge
/// copied from Bo, and both get a line in the notes saying so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disagreed {
    /// The person merged away on both copies.
    pub from: PersonId,
    /// The merge kept.
    pub kept: PersonId,
    /// The other copy's target.
    pub lost: PersonId,
    /// The copy whose merge was not kept.
    pub lost_on: Side,
}

/// What [`super::merge3`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub ours: SideCounts,
    pub theirs: SideCounts,
    /// In the order their lines were added to the notes.
    pub clashes: Vec<Clash>,
    pub renumbered: Vec<Renumbered>,
    /// People deleted on a side (or both) but kept because a kept entry or
    /// person still names them, in id order.
    pub resurrected: Vec<PersonId>,
    /// Merged-away people whose changes on the other side were carried onto
    /// the person they were merged into.
    pub carried: Vec<PersonId>,
    /// Merges undone because the person merged into is gone from every copy
    /// while something still names them.
    pub unmerged: Vec<PersonId>,
    /// Entries left naming nobody (each side deleted a different one of
    /// their people), so dropped.
    pub dropped: Vec<EntryId>,
    /// People merged into different people on the two copies, in id order.
    pub disagreed: Vec<Disagreed>,
}

impl Report {
    /// The counts of one side.
    pub fn side(&self, side: Side) -> &SideCounts {
        match side {
            Side::Ours => &self.ours,
            Side::Theirs => &self.theirs,
        }
    }

    pub(super) fn side_mut(&mut self, side: Side) -> &mut SideCounts {
        match side {
            Side::Ours => &mut self.ours,
            Side::Theirs => &mut self.theirs,
        }
    }

    /// The id a side's record has in the merged book (its own, unless it was
    /// re-numbered).
    pub fn renumbered_to(&self, side: Side, from: RecordId) -> RecordId {
        self.renumbered
            .iter()
            .find(|r| r.side == side && r.from == from)
            .map_or(from, |r| r.to)
    }
}
