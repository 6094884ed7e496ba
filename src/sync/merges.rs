//! The merges of people (`Book::merged`) of both sides, as one map with
//! no circles.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Entry, PersonId};

use super::report::{Disagreed, Side};

/// The merges of people, united: each merged-away id three-way (a merge
/// made, or undone, on one side lands; two different merges of one person:
/// the lower target, see [`Disagreed`]). Merges that go round in a circle
/// (A into B on one side, B into A on the other) lose the edge from the
/// greatest id in it.
pub(super) fn merged_ids(
    b: &BTreeMap<PersonId, PersonId>,
    o: &BTreeMap<PersonId, PersonId>,
    t: &BTreeMap<PersonId, PersonId>,
) -> (BTreeMap<PersonId, PersonId>, Vec<Disagreed>) {
    let keys: BTreeSet<PersonId> = b.keys().chain(o.keys()).chain(t.keys()).copied().collect();
    let mut out = BTreeMap::new();
    let mut disagreed = Vec::new();
    for k in keys {
        let (bv, ov, tv) = (b.get(&k), o.get(&k), t.get(&k));
        let v = if ov == bv || ov == tv {
            tv
        } else if tv == bv {
            ov
        } else {
            match (ov, tv) {
                (Some(x), Some(y)) => {
                    let (kept, lost, lost_on) = if x < y {
                        (*x, *y, Side::Theirs)
                    } else {
                        (*y, *x, Side::Ours)
                    };
                    if kept != k && lost != k {
                        disagreed.push(Disagreed {
                            from: k,
                            kept,
                            lost,
                            lost_on,
                        });
                    }
                    Some(x.min(y))
                }
                (x, y) => x.or(y),
            }
        };
        if let Some(v) = v.filter(|v| **v != k) {
            out.insert(k, *v);
        }
    }
    while let Some(k) = in_a_circle(&out) {
        out.remove(&k);
    }
    disagreed.retain(|d| out.get(&d.from) == Some(&d.kept));
    (out, disagreed)
}

/// `e`, one copy's version of an entry whose base version is `b`, with the
/// people that copy's lost merges put there put back as the person merged
/// away (Cy back to Bo, where base named Bo and not Cy), so the three-way
/// merge of its people sees no change there and takes the kept merge's.
/// `lost`: who was merged away, and whom that copy's entries name instead.
pub(super) fn unmerge_entry<'e>(
    b: &Entry,
    e: Cow<'e, Entry>,
    lost: &[(PersonId, PersonId)],
) -> Cow<'e, Entry> {
    let mut e = e;
    for &(from, now) in lost {
        let put_there = b.names(from) && !b.names(now) && e.names(now) && !e.names(from);
        if put_there {
            for p in &mut e.to_mut().people {
                if *p == now {
                    *p = from;
                }
            }
        }
    }
    e
}

/// The greatest id of some circle of merges, if there is one.
pub(super) fn in_a_circle(merged: &BTreeMap<PersonId, PersonId>) -> Option<PersonId> {
    for start in merged.keys() {
        let mut path = vec![*start];
        let mut at = *start;
        while let Some(next) = merged.get(&at) {
            if let Some(i) = path.iter().position(|p| p == next) {
                return path[i..].iter().max().copied();
            }
            path.push(*next);
            at = *next;
        }
    }
    None
}

/// Where `id` ends up through `merged` (which has no circles).
pub(super) fn resolve(merged: &BTreeMap<PersonId, PersonId>, mut id: PersonId) -> PersonId {
    while let Some(next) = merged.get(&id) {
        id = *next;
    }
    id
}
