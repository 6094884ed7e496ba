//! The merges of people (`Book::merged`) of both sides, as one map with
//! no circles.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::PersonId;

/// The merges of people, united: each merged-away id three-way (a merge
/// made, or undone, on one side lands; two different merges of one person:
/// the lower target). Merges that go round in a circle (A into B on one
/// side, B into A on the other) lose the edge from the greatest id in it.
pub(super) fn merged_ids(
    b: &BTreeMap<PersonId, PersonId>,
    o: &BTreeMap<PersonId, PersonId>,
    t: &BTreeMap<PersonId, PersonId>,
) -> BTreeMap<PersonId, PersonId> {
    let keys: BTreeSet<PersonId> = b.keys().chain(o.keys()).chain(t.keys()).copied().collect();
    let mut out = BTreeMap::new();
    for k in keys {
        let (bv, ov, tv) = (b.get(&k), o.get(&k), t.get(&k));
        let v = if ov == bv || ov == tv {
            tv
        } else if tv == bv {
            ov
        } else {
            match (ov, tv) {
                (Some(x), Some(y)) => Some(x.min(y)),
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
    out
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
