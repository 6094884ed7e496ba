//! What becomes of one record (a person, an entry) from its three versions,
//! and the walk that puts the versions of each id side by side.

use std::fmt::Debug;

use super::report::{Counts, Report, Side, SideCounts};

/// What one side did to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Did {
    Added,
    Changed,
    Deleted,
}

/// What a record becomes.
pub(super) enum Becomes<'r, T> {
    /// This version: unchanged, changed on one side only, changed alike on
    /// both, or deleted on one side and changed on the other.
    Keep(&'r T),
    /// Changed differently on both sides: base, ours, theirs.
    Merge(&'r T, &'r T, &'r T),
    /// Deleted, and not changed on the side that kept it.
    Gone,
}

pub(super) struct Fate<'r, T> {
    pub becomes: Becomes<'r, T>,
    /// What ours and theirs did.
    pub did: [Option<Did>; 2],
}

/// What becomes of one record, from its three versions.
pub(super) fn fate<'r, T: PartialEq + Debug>(
    b: Option<&'r T>,
    o: Option<&'r T>,
    t: Option<&'r T>,
) -> Fate<'r, T> {
    let did = |v: Option<&T>| match (b, v) {
        _ if v == b => None,
        (None, _) => Some(Did::Added),
        (_, None) => Some(Did::Deleted),
        _ => Some(Did::Changed),
    };
    let did = [did(o), did(t)];
    let becomes = match did {
        [None, None] => b.map_or(Becomes::Gone, Becomes::Keep),
        [Some(_), None] => o.map_or(Becomes::Gone, Becomes::Keep),
        [None, Some(_)] => t.map_or(Becomes::Gone, Becomes::Keep),
        [Some(_), Some(_)] => match (o, t) {
            (Some(o), Some(t)) if o == t => Becomes::Keep(o),
            (Some(o), Some(t)) => match b {
                Some(b) => Becomes::Merge(b, o, t),
                // Added on both sides under one id: `ids` re-numbers one of
                // them, so this is not reached; keep one, the same on both.
                None if format!("{o:?}") <= format!("{t:?}") => Becomes::Keep(o),
                None => Becomes::Keep(t),
            },
            (Some(v), None) | (None, Some(v)) => Becomes::Keep(v),
            (None, None) => Becomes::Gone,
        },
    };
    Fate { becomes, did }
}

pub(super) fn count<T>(
    report: &mut Report,
    kind: fn(&mut SideCounts) -> &mut Counts,
    fate: &Fate<'_, T>,
) {
    for (side, did) in [Side::Ours, Side::Theirs].into_iter().zip(fate.did) {
        let counts = kind(report.side_mut(side));
        match did {
            Some(Did::Added) => counts.added += 1,
            Some(Did::Changed) => counts.changed += 1,
            Some(Did::Deleted) if matches!(fate.becomes, Becomes::Gone) => counts.deleted += 1,
            _ => {}
        }
    }
}

/// Three id-sorted lists side by side: for each id, its record in each.
pub(super) fn walk<'a, T: 'a, K: Ord + Copy>(
    key: impl Fn(&T) -> K + Copy,
    b: impl Iterator<Item = &'a T>,
    o: impl Iterator<Item = &'a T>,
    t: impl Iterator<Item = &'a T>,
) -> impl Iterator<Item = [Option<&'a T>; 3]> {
    let (mut b, mut o, mut t) = (b.peekable(), o.peekable(), t.peekable());
    std::iter::from_fn(move || {
        let next = [b.peek(), o.peek(), t.peek()];
        let k = next.into_iter().flatten().map(|x| key(x)).min()?;
        Some([
            b.next_if(|x| key(x) == k),
            o.next_if(|x| key(x) == k),
            t.next_if(|x| key(x) == k),
        ])
    })
}
