//! The merges of people (`Book::merged`) of both sides, as one map with
//! no circles.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Entry, PersonId, survivor};

use super::report::{Disagreed, Side};

/// The merges of people, united: each merged-away id three-way (a merge
/// made, or undone, on one side lands; two different merges of one person:
/// the lower target, see [`Disagreed`], unless that closes a circle and the
/// other does not). Merges that still go round in a circle (A into B on one
/// side, B into A on the other) lose the edge from the greatest id in it.
pub(super) fn merged_ids(
    b: &BTreeMap<PersonId, PersonId>,
    (o, o_held): (&BTreeMap<PersonId, PersonId>, &BTreeSet<PersonId>),
    (t, t_held): (&BTreeMap<PersonId, PersonId>, &BTreeSet<PersonId>),
) -> (BTreeMap<PersonId, PersonId>, Vec<Disagreed>) {
    let keys: BTreeSet<PersonId> = b.keys().chain(o.keys()).chain(t.keys()).copied().collect();
    let mut out = BTreeMap::new();
    let mut disagreed: Vec<Disagreed> = Vec::new();
    for k in keys {
        let (bv, ov, tv) = (b.get(&k), o.get(&k), t.get(&k));
        let v = if ov == bv || ov == tv {
            tv
        } else if tv == bv {
            ov
        } else {
            match (ov, tv) {
                (Some(x), Some(y)) => {
                    // A merge into someone its side then deleted loses to
                    // one whose person is still there; else the lower id.
                    let (x_alive, y_alive) = (
                        o_held.contains(&survivor(o, *x)),
                        t_held.contains(&survivor(t, *y)),
                    );
                    let ours_kept = match (x_alive, y_alive) {
                        (true, false) => true,
                        (false, true) => false,
                        _ => x < y,
                    };
                    let (kept, lost, lost_on) = if ours_kept {
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
                    Some(if ours_kept { x } else { y })
                }
                (x, y) => x.or(y),
            }
        };
        if let Some(v) = v.filter(|v| **v != k) {
            out.insert(k, *v);
        }
    }
    while let Some(circle) = circle_of(&out) {
        // A person the two sides merged into different people, whose kept
        // merge closes a circle (Bo into Ana here; Ana into Bo and Bo into
        // Cy there): the other side's merge is taken instead, when it does
        // not, so all of them are one person — as both sides meant.
        let switched = circle.iter().find_map(|k| {
            let d = disagreed.iter().position(|d| d.from == *k)?;
            let mut tried = out.clone();
            tried.insert(*k, disagreed[d].lost);
            circle_of(&tried)
                .is_none_or(|c| !c.contains(k))
                .then_some((d, tried))
        });
        match switched {
            Some((d, tried)) => {
                out = tried;
                let was = disagreed[d];
                disagreed[d] = Disagreed {
                    kept: was.lost,
                    lost: was.kept,
                    lost_on: match was.lost_on {
                        Side::Ours => Side::Theirs,
                        Side::Theirs => Side::Ours,
                    },
                    ..was
                };
            }
            None => {
                let greatest = *circle.iter().max().expect("a circle has members");
                out.remove(&greatest);
            }
        }
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

/// The members of some circle of merges, if there is one.
fn circle_of(merged: &BTreeMap<PersonId, PersonId>) -> Option<Vec<PersonId>> {
    for start in merged.keys() {
        let mut path = vec![*start];
        let mut at = *start;
        while let Some(next) = merged.get(&at) {
            if let Some(i) = path.iter().position(|p| p == next) {
                return Some(path[i..].to_vec());
            }
            path.push(*next);
            at = *next;
        }
    }
    None
}
