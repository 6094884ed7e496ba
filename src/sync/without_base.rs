//! Merging a conflict copy (Syncthing, Dropbox, Nextcloud) into the book,
//! where there is no common ancestor to compare with.
//!
//! A three-way merge needs the version both copies started from; a sync
//! tool's conflict copy comes without it, and kith's backups are no
//! substitute: they hold this machine's own latest saves, so a record found
//! in them may just as well be a change made here as the old version. So the
//! base is made up record by record, to lose nothing:
//! - a record on one side only is kept (an addition there), unless the other
//!   side's lineage shows it deleted (or merged away) that very version;
//! - a record on both sides, the same, is that record;
//! - a record on both sides where one is a version the other side's lineage
//!   says it replaced: that older one, so the newer is taken whole;
//! - a record both sides changed, against the version both descend from
//!   when kith's backups still hold it (see `ancestors`);
//! - a record on both sides, different otherwise, is merged field by field against a
//!   *neutral* base: lists against what both hold (so each side's items are
//!   kept), a value one side has and the other lacks is kept, notes against
//!   the lines both start with (so text added on either side is kept), and a
//!   value both sides hold differently is a clash — one wins, the other is
//!   written into the person's notes, where the review finds it.

use chrono::NaiveDate;

use crate::model::{Book, Direction, Entry, HowMet, Kind, Lineage, Person, PersonId, Rev};

use super::ancestors::Ancestors;
use super::three_way::{Merged, View, merge3_alike};

/// `copy` merged into `book`, with nothing of either lost.
pub fn merge_copy(book: &Book, copy: &Book) -> Merged {
    merge_copy_with(book, copy, &Ancestors::default())
}

/// [`merge_copy`], merging a record both copies changed against its real
/// common version where `ancestors` has it (see [`super::ancestors`]).
pub fn merge_copy_with(book: &Book, copy: &Book, ancestors: &Ancestors) -> Merged {
    merge_copy_then(book, copy, ancestors, |v| v.into_merged())
}

/// [`merge_copy_with`], the merged book handed to `then` as a [`View`]
/// (the records the merge left alone borrowed, not cloned).
pub(super) fn merge_copy_then<R>(
    book: &Book,
    copy: &Book,
    ancestors: &Ancestors,
    then: impl FnOnce(View<'_>) -> R,
) -> R {
    merge3_alike(&neutral_base_with(book, copy, ancestors), book, copy, then)
}

/// Two books that may not descend from one another merged (git's add/add:
/// both clones added the book): as [`merge_copy`], except that a record
/// both hold differently under one id is one record only when both
/// lineages name a version both descend from; else they are two records
/// added apart, and one is re-numbered, as [`merge3`] does.
pub fn merge_added_apart(a: &Book, b: &Book) -> Merged {
    let mut base = neutral_base_with(a, b, &Ancestors::default());
    base.people.retain(|p| {
        let (x, y) = (a.person_index(p.id), b.person_index(p.id));
        match (x, y) {
            (Some(x), Some(y)) => {
                a.people[x] == b.people[y] || one_record(&a.lineage.people, &b.lineage.people, p.id)
            }
            _ => true,
        }
    });
    base.entries
        .retain(|e| match (a.entry(e.id), b.entry(e.id)) {
            (Some(x), Some(y)) => {
                x == y || one_record(&a.lineage.entries, &b.lineage.entries, e.id)
            }
            _ => true,
        });
    merge3_alike(&base, a, b, |v| v.into_merged())
}

/// The base [`merge_copy`] merges against (see the module's notes),
/// whole: with the records both copies hold alike.
pub fn neutral_base(a: &Book, b: &Book) -> Book {
    let mut base = neutral_base_with(a, b, &Ancestors::default());
    let alike = super::base::Base::new(&base, Some([a, b]));
    let (people, entries) = (
        alike.people().cloned().collect(),
        alike.entries().cloned().collect(),
    );
    (base.people, base.entries) = (people, entries);
    base
}

/// The base without the records both copies hold alike (the merge finds
/// those in the copies, see `base`): a heavy book is not cloned a third
/// time to merge a copy that differs in a few records.
fn neutral_base_with(a: &Book, b: &Book, ancestors: &Ancestors) -> Book {
    let Book {
        version,
        anchor,
        next_person_id,
        next_entry_id,
        people,
        entries,
        merged,
        dismissed_intros,
        review,
        inbox,
        touches,
        meetings,
        lineage,
    } = a;
    // A version one copy replaced is where the other copy's record stands:
    // that side is older, and the base is its version (the other is taken
    // whole). Otherwise both changed it, or kith cannot tell: neutral.
    let mut people: Vec<Person> = both(people, &b.people, |p| p.id)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| {
            let older = [lineage.person_replaced(y), b.lineage.person_replaced(x)];
            let (lx, ly) = (lineage.people.get(&x.id), b.lineage.people.get(&x.id));
            let common = ancestors.person(x.id, lx, ly);
            base_of(x, y, older, common, neutral_person)
        })
        .collect();
    // A record one copy holds that the other deleted or merged away — in
    // this very version — is a deletion there, not an addition here.
    people.extend(
        only_in(&a.people, &b.people, |p| p.id)
            .filter(|p| b.lineage.person_replaced(p))
            .chain(only_in(&b.people, &a.people, |p| p.id).filter(|p| lineage.person_replaced(p)))
            .cloned(),
    );
    // A person one copy merged away and the other changed since (merge p30
    // p31 here, edit p30 there): one person, so in the base — the version
    // both descend from when kith has it, else a neutral one — and the
    // three-way merge carries the change onto the person they became.
    for (holder, merger) in [(a, b), (b, a)] {
        let changed = only_in(&holder.people, &merger.people, |p| p.id).filter(|p| {
            merger.merged.contains_key(&p.id)
                && !merger.lineage.person_replaced(p)
                && one_record(&holder.lineage.people, &merger.lineage.people, p.id)
        });
        for p in changed {
            let (la, lb) = (lineage.people.get(&p.id), b.lineage.people.get(&p.id));
            let into = merger.person(p.id).filter(|q| q.id != p.id);
            let was = match ancestors.person(p.id, la, lb) {
                Some(common) => common.clone(),
                None => neutral_merged_away(p, into),
            };
            people.push(was);
        }
    }
    // A person both merged away, into different people: their version
    // before, when kith has it (the notes then name them).
    for (id, _) in merged
        .iter()
        .filter(|(k, v)| b.merged.get(k).is_some_and(|w| w != *v))
    {
        let (la, lb) = (lineage.people.get(id), b.lineage.people.get(id));
        let gone = a.person_index(*id).is_none() && b.person_index(*id).is_none();
        if let Some(common) = ancestors.person(*id, la, lb).filter(|_| gone) {
            people.push(common.clone());
        }
    }
    people.sort_by_key(|p| p.id);
    let apart = merged_apart(a, b);
    let mut entries: Vec<Entry> = both(entries, &b.entries, |e| e.id)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| {
            let older = [lineage.entry_replaced(y), b.lineage.entry_replaced(x)];
            let (lx, ly) = (lineage.entries.get(&x.id), b.lineage.entries.get(&x.id));
            let common = ancestors.entry(x.id, lx, ly);
            let mut base = base_of(x, y, older, common, neutral_entry);
            if common.is_none() && older == [false, false] {
                named_before_merges(&mut base, x, y, &apart);
            }
            base
        })
        .collect();
    entries.extend(
        only_in(&a.entries, &b.entries, |e| e.id)
            .filter(|e| b.lineage.entry_replaced(e))
            .chain(only_in(&b.entries, &a.entries, |e| e.id).filter(|e| lineage.entry_replaced(e)))
            .cloned(),
    );
    entries.sort_by_key(|e| e.id);
    Book {
        version: *version,
        anchor: same(anchor, &b.anchor),
        next_person_id: (*next_person_id).min(b.next_person_id),
        next_entry_id: (*next_entry_id).min(b.next_entry_id),
        people,
        entries,
        merged: merged
            .iter()
            .filter(|(k, v)| b.merged.get(k) == Some(v))
            .map(|(k, v)| (*k, *v))
            .collect(),
        dismissed_intros: dismissed_intros
            .iter()
            .filter(|d| b.dismissed_intros.binary_search(d).is_ok())
            .cloned()
            .collect(),
        review: same(review, &b.review),
        inbox: crate::model::Inbox::common(inbox, &b.inbox),
        touches: crate::model::touches::common(touches, &b.touches),
        meetings: crate::model::touches::common(meetings, &b.meetings),
        lineage: Lineage::default(),
    }
}

/// Whether person `id`, held differently by the two copies (or merged away
/// on one), is one record: both lineages name a version both descend from.
/// Without that, the same id on both is two people added apart (old ids
/// were numbers, and both machines could hand out `p30`).
pub(super) fn one_record<K: Ord>(
    a: &std::collections::BTreeMap<K, Vec<Rev>>,
    b: &std::collections::BTreeMap<K, Vec<Rev>>,
    id: K,
) -> bool {
    match (a.get(&id), b.get(&id)) {
        (Some(x), Some(y)) => x.iter().any(|r| y.contains(r)),
        _ => false,
    }
}

/// A neutral base for person `p`, whom the other copy merged `into`
/// someone: the fields `p` and `into` hold alike (the merge copied them),
/// and of the notes the leading lines `into` holds too, so only what was
/// changed on `p` since is carried onto them.
fn neutral_merged_away(p: &Person, into: Option<&Person>) -> Person {
    let Some(into) = into else {
        return Person::new(p.id, "");
    };
    let mut base = neutral_person(
        p,
        &Person {
            id: p.id,
            ..into.clone()
        },
    );
    let ends = p.notes.match_indices('\n').map(|(i, _)| i);
    base.notes = ends
        .chain([p.notes.len()])
        .rev()
        .map(|end| &p.notes[..end])
        .find(|lines| into.notes.contains(lines))
        .unwrap_or_default()
        .to_string();
    base
}

/// The people merged away on both copies into different people: each with
/// whom entries name in their place on `a` and on `b` (the target, or
/// whom that was merged into there since).
fn merged_apart(a: &Book, b: &Book) -> Vec<(PersonId, PersonId, PersonId)> {
    a.merged
        .iter()
        .filter(|(from, x)| b.merged.get(from).is_some_and(|y| y != *x))
        .map(|(from, _)| (*from, a.survivor(*from), b.survivor(*from)))
        .filter(|(_, x, y)| x != y)
        .collect()
}

/// A neutral entry's people, where one person was merged into different
/// people on the two copies (`apart`) and the entry names the one on each
/// copy and not the other: both merges re-pointed it from that person, who
/// is therefore in the base (the three-way merge then keeps one merge's).
fn named_before_merges(
    base: &mut Entry,
    x: &Entry,
    y: &Entry,
    apart: &[(PersonId, PersonId, PersonId)],
) {
    for (from, into_x, into_y) in apart {
        let repointed = x.names(*into_x)
            && !x.names(*into_y)
            && y.names(*into_y)
            && !y.names(*into_x)
            && !base.names(*from);
        if repointed {
            base.people.push(*from);
        }
    }
}

/// The base for a record both copies hold, `x` and `y`: when one is a
/// version the other replaced (`older`: `y` is, `x` is), that one; when each
/// replaced the other (an undo on one side), kith cannot tell. Otherwise
/// (and then) the version both descend from, when kith has it (`common`);
/// else neutral.
fn base_of<T: Clone + PartialEq>(
    x: &T,
    y: &T,
    older: [bool; 2],
    common: Option<&T>,
    neutral: fn(&T, &T) -> T,
) -> T {
    match older {
        _ if x == y => x.clone(),
        [true, false] => y.clone(),
        [false, true] => x.clone(),
        _ => common.cloned().unwrap_or_else(|| neutral(x, y)),
    }
}

/// The records of sorted list `a` that sorted list `b` lacks.
fn only_in<'a, T, K: Ord>(
    a: &'a [T],
    b: &'a [T],
    key: impl Fn(&T) -> K + Copy,
) -> impl Iterator<Item = &'a T> {
    a.iter()
        .filter(move |x| b.binary_search_by_key(&key(x), key).is_err())
}

/// The records both sorted lists hold, paired by id.
pub(super) fn both<'a, T, K: Ord>(
    a: &'a [T],
    b: &'a [T],
    key: impl Fn(&T) -> K + Copy,
) -> impl Iterator<Item = (&'a T, &'a T)> {
    a.iter().filter_map(move |x| {
        b.binary_search_by_key(&key(x), key)
            .ok()
            .map(|i| (x, &b[i]))
    })
}

/// The value when both hold it, else nothing.
fn same<T: Clone + PartialEq>(a: &Option<T>, b: &Option<T>) -> Option<T> {
    if a == b { a.clone() } else { None }
}

/// The items both lists hold, in the order of the lesser list: the same
/// base whichever copy is ours, even when the two hold the same items in
/// different orders (an undone removal puts an item back at the end).
fn common<T: PartialEq + Ord + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    first
        .iter()
        .filter(|x| second.contains(x))
        .cloned()
        .collect()
}

/// The whole lines both texts start with.
fn common_lines(a: &str, b: &str) -> String {
    if a == b {
        return a.to_string();
    }
    let mut end = 0;
    for ((i, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            break;
        }
        if x == '\n' {
            end = i + 1;
        }
    }
    a[..end].to_string()
}

fn text(a: &str, b: &str) -> String {
    if a == b { a.to_string() } else { String::new() }
}

fn neutral_person(a: &Person, b: &Person) -> Person {
    if a == b {
        return a.clone();
    }
    let Person {
        id,
        name,
        structured_name,
        nicknames,
        org,
        title,
        emails,
        phones,
        addresses,
        links,
        tags,
        met,
        needs,
        offers,
        cadence,
        birthday,
        notes,
        archived,
        snoozed_until,
        uids,
        vcard,
    } = a;
    let HowMet {
        context,
        date,
        introduced_by,
    } = met;
    Person {
        id: *id,
        name: text(name, &b.name),
        structured_name: same(structured_name, &b.structured_name),
        nicknames: common(nicknames, &b.nicknames),
        org: same(org, &b.org),
        title: same(title, &b.title),
        emails: common(emails, &b.emails),
        phones: common(phones, &b.phones),
        addresses: common(addresses, &b.addresses),
        links: common(links, &b.links),
        tags: common(tags, &b.tags),
        met: HowMet {
            context: same(context, &b.met.context),
            date: same(date, &b.met.date),
            introduced_by: same(introduced_by, &b.met.introduced_by),
        },
        needs: common(needs, &b.needs),
        offers: common(offers, &b.offers),
        cadence: same(cadence, &b.cadence),
        birthday: same(birthday, &b.birthday),
        notes: common_lines(notes, &b.notes),
        archived: *archived && b.archived,
        snoozed_until: same(snoozed_until, &b.snoozed_until),
        uids: common(uids, &b.uids),
        vcard: common(vcard, &b.vcard),
    }
}

fn neutral_entry(a: &Entry, b: &Entry) -> Entry {
    if a == b {
        return a.clone();
    }
    let Entry {
        id,
        date,
        people,
        kind,
        direction,
        summary,
        follow_up,
        done,
        done_on,
        released,
        source,
    } = a;
    Entry {
        id: *id,
        // A value neither side holds, so two different dates are a clash.
        date: if *date == b.date {
            *date
        } else {
            NaiveDate::MIN
        },
        people: common(people, &b.people).into(),
        kind: if *kind == b.kind {
            kind.clone()
        } else {
            Kind::new("")
        },
        direction: if *direction == b.direction {
            *direction
        } else {
            [Direction::Gave, Direction::Received, Direction::Mutual]
                .into_iter()
                .find(|d| d != direction && *d != b.direction)
                .expect("three directions, two taken")
        },
        summary: text(summary, &b.summary).into(),
        follow_up: same(follow_up, &b.follow_up),
        done: *done && b.done,
        done_on: same(done_on, &b.done_on),
        released: same(released, &b.released),
        source: same(source, &b.source),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, PersonId};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn person(id: u64, name: &str) -> Person {
        Person::new(PersonId(id), name)
    }

    #[test]
    fn the_neutral_base_keeps_what_both_hold_and_nothing_else() {
        let mut a = person(1, "Ana");
        a.emails = vec!["a@x".into(), "shared@x".into()];
        a.org = Some("Acme".into());
        a.title = Some("CTO".into());
        a.notes = "met at RustConf\nlikes tea".into();
        let mut b = person(1, "Ana");
        b.emails = vec!["shared@x".into(), "b@y".into()];
        b.org = Some("Globex".into());
        b.notes = "met at RustConf\nlikes coffee".into();
        let base = neutral_person(&a, &b);
        assert_eq!(base.name, "Ana");
        assert_eq!(base.emails, ["shared@x"]);
        assert_eq!(base.org, None, "held differently: a clash");
        assert_eq!(base.title, None, "held by one: kept");
        assert_eq!(base.notes, "met at RustConf\n");
    }

    #[test]
    fn an_entry_changed_differently_has_a_base_unlike_either() {
        let mut a = Entry::new(d("2026-11-20"), vec![PersonId(1)], Kind::new("call"), "x");
        a.id = EntryId(4);
        let mut b = a.clone();
        b.date = d("2026-11-21");
        b.direction = Direction::Received;
        b.people.push(PersonId(2));
        let base = neutral_entry(&a, &b);
        assert!(base.date != a.date && base.date != b.date);
        assert_eq!(base.direction, Direction::Mutual);
        assert_eq!(base.people, [PersonId(1)]);
        assert_eq!(base.summary, "x");
    }

    #[test]
    fn the_base_is_the_same_whichever_copy_is_ours() {
        let mut a = person(1, "Ana");
        a.tags = vec!["rust".into(), "conference".into()];
        let mut b = a.clone();
        b.tags = vec!["conference".into(), "rust".into()];
        assert_eq!(neutral_person(&a, &b), neutral_person(&b, &a));
        let book = |p: &Person| Book {
            people: vec![p.clone()],
            ..Book::default()
        };
        let (x, y) = (book(&a), book(&b));
        assert_eq!(merge_copy(&x, &y).book, merge_copy(&y, &x).book);
    }

    #[test]
    fn a_deletion_or_merge_on_one_copy_is_kept_when_the_other_left_them_alone() {
        use crate::model::lineage::apply_noting;
        use crate::model::{Op, merge_op};
        let mut base = Book::default();
        for name in ["Ana", "Bo", "Cy"] {
            apply_noting(Op::AddPerson(person(0, name)), &mut base).unwrap();
        }
        let (ana, bo, cy) = (PersonId(1), PersonId(2), PersonId(3));
        let mut here = base.clone();
        apply_noting(Op::DeletePerson(ana), &mut here).unwrap();
        let merge = merge_op(&here, bo, cy).unwrap();
        apply_noting(merge, &mut here).unwrap();
        let there = base.clone();
        for (x, y) in [(&here, &there), (&there, &here)] {
            let m = merge_copy(x, y);
            let ids: Vec<_> = m.book.people.iter().map(|p| p.id).collect();
            assert_eq!(ids, [cy], "Ana deleted and Bo merged into Cy stay so");
            assert_eq!(m.book.merged.get(&bo), Some(&cy));
            assert!(m.report.renumbered.is_empty(), "{:?}", m.report.renumbered);
        }
        // Changed on the other copy since: kept, nothing lost.
        let mut changed = base.clone();
        let mut a = changed.people[0].clone();
        a.org = Some("Acme".into());
        apply_noting(Op::edit_person(&changed.people[0].clone(), a), &mut changed).unwrap();
        let m = merge_copy(&here, &changed);
        assert_eq!(
            m.book.person(ana).and_then(|p| p.org.as_deref()),
            Some("Acme")
        );
    }

    #[test]
    fn records_on_one_side_only_are_not_in_the_base() {
        let a = Book {
            people: vec![person(1, "Ana"), person(2, "Bo")],
            ..Book::default()
        };
        let b = Book {
            people: vec![person(1, "Ana"), person(3, "Cy")],
            ..Book::default()
        };
        let base = neutral_base(&a, &b);
        let ids: Vec<_> = base.people.iter().map(|p| p.id).collect();
        assert_eq!(ids, [PersonId(1)]);
    }
}
