//! The book's lists beside people and entries: the dismissed introductions
//! and today's review.

use std::collections::BTreeSet;

use crate::model::ReviewProgress;

/// A sorted set, three-way: in both sides, or added by one; what either
/// side removed is out.
pub(super) fn set3<T: Ord + Clone>(b: &[T], o: &[T], t: &[T]) -> Vec<T> {
    let (b, o_set, t_set): (BTreeSet<&T>, BTreeSet<&T>, BTreeSet<&T>) =
        (b.iter().collect(), o.iter().collect(), t.iter().collect());
    let either: BTreeSet<&T> = o_set.union(&t_set).copied().collect();
    either
        .into_iter()
        .filter(|x| (o_set.contains(x) && t_set.contains(x)) || !b.contains(x))
        .cloned()
        .collect()
}

/// Today's review: one side's change lands; both changed: the later day's,
/// and for the same day both sides' handled people (in the order of the
/// side whose list sorts lower, then the other's) and the longer snooze
/// streaks.
pub(super) fn review(
    b: Option<&ReviewProgress>,
    o: Option<ReviewProgress>,
    t: Option<ReviewProgress>,
) -> Option<ReviewProgress> {
    if o.as_ref() == b || o == t {
        return t;
    }
    if t.as_ref() == b {
        return o;
    }
    let (o, t) = match (o, t) {
        (Some(o), Some(t)) => (o, t),
        (x, y) => return x.or(y),
    };
    if o.date != t.date {
        return Some(if o.date > t.date { o } else { t });
    }
    let (mut first, second) = if format!("{:?}", o.handled) <= format!("{:?}", t.handled) {
        (o, t)
    } else {
        (t, o)
    };
    for (p, outcome) in second.handled {
        if !first.handled.iter().any(|(q, _)| *q == p) {
            first.handled.push((p, outcome));
        }
    }
    for (p, streak) in second.snoozes {
        let at = first.snoozes.entry(p).or_insert(streak);
        *at = (*at).max(streak);
    }
    Some(first)
}
