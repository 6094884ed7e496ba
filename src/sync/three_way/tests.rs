//! The three-way merge, record by record: unit tests beside the code.

use super::*;
use crate::model::delete_op;
use crate::model::{DismissedIntro, EntryId, Handled, Kind, Op, ReviewProgress, merge_op};
use crate::store::{serialize_book, validate};
use crate::sync::{Clash, RecordId, SideCounts};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn p(n: u64) -> PersonId {
    PersonId(n)
}

/// Ana (p1), Bo (p2), Cy (p3); e1 names Ana, e2 Ana and Bo, e3 Cy.
fn base() -> Book {
    let mut book = Book::default();
    let mut ana = Person::new(p(0), "Ana");
    ana.org = Some("Acme".into());
    ana.emails = vec!["ana@acme.test".into()];
    ana.tags = vec!["climate".into(), "design".into()];
    ana.notes = "met at RustConf".into();
    for person in [ana, Person::new(p(0), "Bo"), Person::new(p(0), "Cy")] {
        Op::AddPerson(person).apply(&mut book).unwrap();
    }
    for (people, summary) in [
        (vec![1], "coffee"),
        (vec![1, 2], "intro"),
        (vec![3], "call"),
    ] {
        let people = people.into_iter().map(p).collect();
        let e = Entry::new(d("2026-10-01"), people, Kind::new("coffee"), summary);
        Op::AddEntry(e).apply(&mut book).unwrap();
    }
    book
}

fn with(book: &Book, ops: impl IntoIterator<Item = Op>) -> Book {
    let mut book = book.clone();
    for op in ops {
        op.apply(&mut book).unwrap();
    }
    book
}

fn edit(book: &Book, id: PersonId, change: impl FnOnce(&mut Person)) -> Op {
    let before = book.person(id).unwrap();
    let mut after = before.clone();
    change(&mut after);
    Op::edit_person(before, after)
}

fn log(people: &[u64], summary: &str) -> Op {
    let people = people.iter().copied().map(p).collect();
    Op::AddEntry(Entry::new(
        d("2026-11-20"),
        people,
        Kind::new("favor"),
        summary,
    ))
}

/// Merges both ways round, checks the two agree and the book is valid.
fn merge(b: &Book, o: &Book, t: &Book) -> Merged {
    let m = merge3(b, o, t);
    let other = merge3(b, t, o);
    assert_eq!(
        serialize_book(&m.book),
        serialize_book(&other.book),
        "merge3(b, o, t) and merge3(b, t, o) differ"
    );
    assert_eq!(validate::problems(&m.book), vec![], "{:#?}", m.book);
    let owned = merge3_owned(b.clone(), o.clone(), t.clone());
    assert_eq!(owned, m, "merge3_owned, moving records, merges alike");
    m
}

fn person(book: &Book, id: u64) -> &Person {
    book.person(p(id)).unwrap_or_else(|| panic!("no p{id}"))
}

#[test]
fn nothing_changed_is_base() {
    let b = base();
    let m = merge(&b, &b, &b);
    assert_eq!(m.book, b);
    assert_eq!(m.report, Report::default());
}

#[test]
fn additions_on_both_sides_are_all_kept() {
    let b = base();
    let o = with(&b, [log(&[1], "ours")]);
    let mut t = b.clone();
    t.next_entry_id = 10; // another machine's ids ran on
    let t = with(&t, [log(&[2], "theirs")]);
    let m = merge(&b, &o, &t);
    let summaries: Vec<&str> = m.book.entries.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(summaries, ["coffee", "intro", "call", "ours", "theirs"]);
    assert_eq!(m.report.ours.entries.added, 1);
    assert_eq!(m.report.theirs.entries.added, 1);
    assert!(m.report.renumbered.is_empty());
}

#[test]
fn a_change_on_one_side_is_taken() {
    let b = base();
    let o = with(&b, [edit(&b, p(2), |p| p.title = Some("CTO".into()))]);
    let m = merge(&b, &o, &b);
    assert_eq!(person(&m.book, 2).title.as_deref(), Some("CTO"));
    assert_eq!(m.report.ours.people.changed, 1);
    assert_eq!(m.report.theirs, SideCounts::default());
}

#[test]
fn both_sides_changing_one_person_merge_field_by_field() {
    let b = base();
    let o = with(&b, [edit(&b, p(1), |p| p.org = Some("Beta".into()))]);
    let t = with(&b, [edit(&b, p(1), |p| p.title = Some("CTO".into()))]);
    let m = merge(&b, &o, &t);
    let ana = person(&m.book, 1);
    assert_eq!(ana.org.as_deref(), Some("Beta"));
    assert_eq!(ana.title.as_deref(), Some("CTO"));
    assert_eq!(ana.notes, "met at RustConf", "no clash, no note");
    assert!(m.report.clashes.is_empty());
}

#[test]
fn lists_merge_as_sets() {
    let b = base();
    let o = with(
        &b,
        [edit(&b, p(1), |p| {
            p.tags = vec!["design".into(), "mentor".into()];
            p.emails.push("ana@home.test".into());
        })],
    );
    let t = with(
        &b,
        [edit(&b, p(1), |p| {
            p.tags = vec!["climate".into(), "investor".into()];
        })],
    );
    let m = merge(&b, &o, &t);
    let ana = person(&m.book, 1);
    // ours removed climate, theirs removed design; each added one.
    let mut tags = ana.tags.clone();
    tags.sort();
    assert_eq!(tags, ["investor", "mentor"]);
    assert_eq!(ana.emails, ["ana@acme.test", "ana@home.test"]);
}

#[test]
fn a_clash_picks_the_same_winner_either_way_and_keeps_the_other_in_the_notes() {
    let b = base();
    let o = with(&b, [edit(&b, p(2), |p| p.title = Some("CEO".into()))]);
    let t = with(&b, [edit(&b, p(2), |p| p.title = Some("CTO".into()))]);
    let m = merge(&b, &o, &t);
    let bo = person(&m.book, 2);
    assert_eq!(
        bo.title.as_deref(),
        Some("CTO"),
        "\"CTO\" sorts after \"CEO\""
    );
    assert_eq!(bo.notes, "kith merge: title on the other copy: CEO");
    assert_eq!(
        m.report.clashes,
        [Clash {
            person: p(2),
            record: None,
            field: "title",
            winner: "CTO".into(),
            other: "CEO".into(),
        }]
    );
}

#[test]
fn an_entry_clash_is_noted_on_the_first_person_it_names() {
    let b = base();
    let change = |book: &Book, summary: &str| {
        let mut e = book.entry(EntryId(2)).unwrap().clone();
        e.summary = summary.into();
        Op::UpdateEntry(e)
    };
    let o = with(&b, [change(&b, "coffee at Blue Bottle")]);
    let t = with(&b, [change(&b, "coffee at Ritual")]);
    let m = merge(&b, &o, &t);
    assert_eq!(
        m.book.entry(EntryId(2)).unwrap().summary,
        "coffee at Ritual"
    );
    assert_eq!(
        person(&m.book, 1).notes,
        "met at RustConf\nkith merge: e2 summary on the other copy: coffee at Blue Bottle"
    );
    assert!(person(&m.book, 2).notes.is_empty());
}

#[test]
fn notes_both_sides_appended_to_keep_both_additions() {
    let b = base();
    let o = with(&b, [edit(&b, p(1), |p| p.notes.push_str("\nloves jazz"))]);
    let t = with(&b, [edit(&b, p(1), |p| p.notes.push_str("\nhas a dog"))]);
    let m = merge(&b, &o, &t);
    assert_eq!(
        person(&m.book, 1).notes,
        "met at RustConf\nhas a dog\nloves jazz"
    );
    assert!(m.report.clashes.is_empty());
    // One side appended more after what both appended: that, once.
    let t = with(&o, [edit(&o, p(1), |p| p.notes.push_str("\nand a cat"))]);
    let m = merge(&b, &o, &t);
    assert_eq!(
        person(&m.book, 1).notes,
        "met at RustConf\nloves jazz\nand a cat"
    );
    // Rewritten on both sides: a clash, the other text kept.
    let o = with(&b, [edit(&b, p(1), |p| p.notes = "A".into())]);
    let t = with(&b, [edit(&b, p(1), |p| p.notes = "B\nsecond line".into())]);
    let m = merge(&b, &o, &t);
    assert_eq!(
        person(&m.book, 1).notes,
        "B\nsecond line\nkith merge: notes on the other copy: A"
    );
}

#[test]
fn deleted_on_one_side_and_changed_on_the_other_is_kept_with_the_change() {
    let b = base();
    let o = with(&b, [delete_op(&b, p(3))]);
    let t = with(&b, [edit(&b, p(3), |p| p.org = Some("Zed".into()))]);
    let m = merge(&b, &o, &t);
    assert_eq!(person(&m.book, 3).org.as_deref(), Some("Zed"));
    assert!(
        m.book.entry(EntryId(3)).is_none(),
        "their entry went with them on one side and was unchanged on the other"
    );
}

#[test]
fn deleted_on_one_side_and_unchanged_on_the_other_is_deleted() {
    let b = base();
    let o = with(&b, [delete_op(&b, p(3))]);
    let m = merge(&b, &o, &b);
    assert!(m.book.person(p(3)).is_none());
    assert!(m.book.entry(EntryId(3)).is_none());
    assert_eq!(m.report.ours.people.deleted, 1);
    assert_eq!(m.report.ours.entries.deleted, 1);
    assert!(m.report.resurrected.is_empty());
}

#[test]
fn someone_deleted_on_one_side_is_kept_when_the_other_logs_with_them() {
    let b = base();
    let o = with(&b, [delete_op(&b, p(3))]);
    let t = with(&b, [log(&[3], "lunch")]);
    let m = merge(&b, &o, &t);
    assert_eq!(person(&m.book, 3).name, "Cy");
    assert_eq!(m.report.resurrected, [p(3)]);
    assert!(m.book.entries.iter().any(|e| e.summary == "lunch"));
    // An introducer deleted on one side is kept too.
    let o = with(&b, [delete_op(&b, p(3))]);
    let t = with(
        &b,
        [edit(&b, p(2), |p| p.met.introduced_by = Some(PersonId(3)))],
    );
    let m = merge(&b, &o, &t);
    assert_eq!(person(&m.book, 2).met.introduced_by, Some(p(3)));
    assert_eq!(m.report.resurrected, [p(3)]);
}

#[test]
fn the_other_sides_new_entry_for_a_merged_away_person_lands_on_the_one_they_became() {
    let b = base();
    let o = with(&b, [merge_op(&b, p(2), p(1)).unwrap()]);
    let t = with(&b, [log(&[2, 3], "dinner")]);
    let m = merge(&b, &o, &t);
    assert!(m.book.people.iter().all(|q| q.id != p(2)));
    assert_eq!(m.book.merged.get(&p(2)), Some(&p(1)));
    let dinner = m
        .book
        .entries
        .iter()
        .find(|e| e.summary == "dinner")
        .unwrap();
    assert_eq!(dinner.people, [p(1), p(3)]);
    let intro = m.book.entry(EntryId(2)).unwrap();
    assert_eq!(intro.people, [p(1)], "re-pointed once");
}

#[test]
fn changes_to_a_merged_away_person_are_carried_onto_the_one_they_became() {
    let b = base();
    let o = with(&b, [merge_op(&b, p(2), p(1)).unwrap()]);
    let t = with(
        &b,
        [edit(&b, p(2), |p| {
            p.phones = vec!["+1 555".into()];
            p.org = Some("Beta".into());
            p.cadence = Some(30);
        })],
    );
    let m = merge(&b, &o, &t);
    let ana = person(&m.book, 1);
    assert_eq!(ana.phones, ["+1 555"]);
    assert_eq!(ana.cadence, Some(30), "Ana had none");
    assert_eq!(ana.org.as_deref(), Some("Acme"), "Ana's own org stays");
    assert!(
        ana.notes
            .ends_with("kith merge: p2 org on the other copy: Beta"),
        "{}",
        ana.notes
    );
    assert_eq!(m.report.carried, [p(2)]);
}

#[test]
fn merges_in_a_circle_keep_one_direction() {
    let b = base();
    let o = with(&b, [merge_op(&b, p(1), p(2)).unwrap()]);
    let t = with(&b, [merge_op(&b, p(2), p(1)).unwrap()]);
    let m = merge(&b, &o, &t);
    assert_eq!(m.book.merged, BTreeMap::from([(p(1), p(2))]));
    let bo = person(&m.book, 2);
    assert!(bo.emails.contains(&"ana@acme.test".to_string()));
    assert!(m.book.entries.iter().all(|e| !e.names(p(1))));
}

#[test]
fn two_different_merges_of_one_person_keep_the_lower_target() {
    let b = base();
    let o = with(&b, [merge_op(&b, p(2), p(1)).unwrap()]);
    let t = with(&b, [merge_op(&b, p(2), p(3)).unwrap()]);
    let m = merge(&b, &o, &t);
    assert_eq!(m.book.merged, BTreeMap::from([(p(2), p(1))]));
    assert_eq!(
        person(&m.book, 3).nicknames,
        ["Bo"],
        "theirs' merge made Cy Bo too"
    );
}

#[test]
fn a_merge_into_someone_gone_everywhere_is_undone_when_still_needed() {
    let b = base();
    // Ours: Bo merged into a new Dee (p4), then Dee deleted.
    let o = with(&b, [Op::AddPerson(Person::new(p(0), "Dee"))]);
    let o = with(&o, [merge_op(&o, p(2), p(4)).unwrap()]);
    let o = with(&o, [delete_op(&o, p(4))]);
    // Theirs: an entry with Bo.
    let t = with(&b, [log(&[2], "lunch with Bo")]);
    let m = merge(&b, &o, &t);
    assert_eq!(person(&m.book, 2).name, "Bo");
    assert!(m.book.merged.is_empty());
    assert_eq!(m.report.unmerged, [p(2)]);
    let lunch = m
        .book
        .entries
        .iter()
        .find(|e| e.summary == "lunch with Bo")
        .unwrap();
    assert_eq!(lunch.people, [p(2)]);
}

#[test]
fn the_same_new_id_for_different_people_renumbers_one_with_its_references() {
    let b = base();
    let o = with(
        &b,
        [
            Op::AddPerson(Person::new(p(0), "Dee")),
            log(&[4], "met Dee"),
        ],
    );
    let t = with(
        &b,
        [
            Op::AddPerson(Person::new(p(0), "Eve")),
            log(&[4, 1], "met Eve"),
            edit(&b, p(2), |p| p.met.introduced_by = Some(PersonId(4))),
        ],
    );
    let m = merge(&b, &o, &t);
    assert_eq!(m.book.people.len(), 5);
    // "Dee" sorts lower: ours keeps p4, theirs' Eve gets a fresh id.
    assert_eq!(person(&m.book, 4).name, "Dee");
    let eve = m.book.people.iter().find(|p| p.name == "Eve").unwrap();
    assert_ne!(eve.id, p(4));
    let met_eve = m
        .book
        .entries
        .iter()
        .find(|e| e.summary == "met Eve")
        .unwrap();
    assert_eq!(met_eve.people, [eve.id, p(1)]);
    let met_dee = m
        .book
        .entries
        .iter()
        .find(|e| e.summary == "met Dee")
        .unwrap();
    assert_eq!(met_dee.people, [p(4)]);
    assert_ne!(met_eve.id, met_dee.id, "the entries' ids collided too");
    assert_eq!(person(&m.book, 2).met.introduced_by, Some(eve.id));
    assert_eq!(m.report.renumbered.len(), 2, "{:?}", m.report.renumbered);
    let to = m.report.renumbered_to(Side::Theirs, RecordId::Person(p(4)));
    assert_eq!(to, RecordId::Person(eve.id));
    assert_ne!(m.book.fresh_person_id(1), eve.id, "Eve's id is taken now");
}

#[test]
fn the_same_addition_on_both_sides_is_one_record() {
    let b = base();
    let o = with(
        &b,
        [
            Op::AddPerson(Person::new(p(0), "Dee")),
            log(&[4], "met Dee"),
        ],
    );
    let m = merge(&b, &o, &o.clone());
    assert_eq!(m.book, o);
    assert!(m.report.renumbered.is_empty());
}

#[test]
fn dismissals_and_the_review_merge() {
    let b = base();
    let dismissed = |need: &str| DismissedIntro {
        person: p(1),
        need: need.into(),
        candidate: None,
    };
    let b = with(&b, [Op::SetDismissed(dismissed("a"), true)]);
    let progress = |handled: Vec<(u64, Handled)>| {
        Some(ReviewProgress {
            date: d("2026-11-26"),
            handled: handled.into_iter().map(|(n, o)| (p(n), o)).collect(),
            snoozes: BTreeMap::new(),
        })
    };
    let o = with(
        &b,
        [
            Op::SetDismissed(dismissed("a"), false),
            Op::SetDismissed(dismissed("b"), true),
            Op::SetReview(progress(vec![(1, Handled::Logged)])),
        ],
    );
    let t = with(
        &b,
        [
            Op::SetDismissed(dismissed("c"), true),
            Op::SetReview(progress(vec![(2, Handled::Skipped), (1, Handled::Logged)])),
        ],
    );
    let m = merge(&b, &o, &t);
    assert_eq!(m.book.dismissed_intros, [dismissed("b"), dismissed("c")]);
    let review = m.book.review.unwrap();
    let mut handled: Vec<PersonId> = review.handled.iter().map(|(p, _)| *p).collect();
    handled.sort();
    assert_eq!(handled, [p(1), p(2)]);
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let b = base();
    let o = with(
        &b,
        [
            edit(&b, p(1), |p| p.title = Some("A".into())),
            Op::AddPerson(Person::new(p(0), "Dee")),
            delete_op(&b, p(3)),
        ],
    );
    let t = with(
        &b,
        [
            edit(&b, p(1), |p| p.title = Some("B".into())),
            Op::AddPerson(Person::new(p(0), "Eve")),
            log(&[3], "x"),
        ],
    );
    let one = serialize_book(&merge3(&b, &o, &t).book);
    assert_eq!(one, serialize_book(&merge3(&b, &o, &t).book));
    assert_eq!(one, serialize_book(&merge(&b, &o, &t).book));
}

#[test]
fn a_conflict_copy_merge_borrows_every_record_it_leaves_alone() {
    use crate::sync::ancestors::Ancestors;
    use crate::sync::rec::Rec;
    let b = base();
    let o = with(&b, [edit(&b, p(1), |p| p.org = Some("Globex".into()))]);
    let o = with(&o, [edit(&o, p(2), |p| p.title = Some("CTO".into()))]);
    let t = with(&b, [edit(&b, p(1), |p| p.tags.push("rust".into()))]);
    let t = with(&t, [log(&[3], "new")]);
    let owned =
        |recs: &[Rec<'_, Person>]| recs.iter().filter(|r| matches!(r, Rec::Owned(_))).count();
    let (people, owned_people, owned_entries, entries) =
        crate::sync::without_base::merge_copy_then(&o, &t, &Ancestors::default(), |v| {
            let e = v
                .entries
                .iter()
                .filter(|r| matches!(r, Rec::Owned(_)))
                .count();
            (v.people.len(), owned(&v.people), e, v.entries.len())
        });
    assert_eq!((people, entries), (3, 4));
    assert_eq!(
        owned_people, 1,
        "only Ana, changed on both, is a new record"
    );
    assert_eq!(owned_entries, 0);
}
