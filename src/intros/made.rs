//! The intros made through you, and whether they helped: the other half of
//! the loop that suggestions start.
//!
//! An intro *helped* when a later entry names two of the people it
//! introduced together (they met, worked together, one did the other a
//! favour, and you heard of it), or when its follow-up was marked done (you
//! asked how it went and closed it). Until then it is *waiting* while its
//! follow-up is open, and *unknown* once nothing says either way.

use chrono::NaiveDate;

use crate::model::{Book, Direction, EntryId, PersonId};

/// What became of one intro.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HowItWent {
    /// A later entry names two of the introduced together.
    Met(EntryId),
    /// Its follow-up was done: you asked how it went.
    FollowedUp,
    /// Its follow-up is still open (due on the date).
    Waiting(NaiveDate),
    /// Nothing says.
    Unknown,
}

impl HowItWent {
    pub fn helped(self) -> bool {
        matches!(self, HowItWent::Met(_) | HowItWent::FollowedUp)
    }
}

/// One intro you made that names a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntroMade {
    pub entry: EntryId,
    pub date: NaiveDate,
    /// The others it introduced them to.
    pub to: Vec<PersonId>,
    pub outcome: HowItWent,
}

/// The intros you made (kind `intro`, not received) naming `person`, newest
/// first. One pass over the entries after each intro; cheap for one card.
pub fn intros_made(book: &Book, person: PersonId) -> Vec<IntroMade> {
    let person = book.survivor(person);
    let mut out: Vec<IntroMade> = Vec::new();
    for (i, e) in book.entries.iter().enumerate() {
        if e.kind.as_str() != "intro" || e.direction == Direction::Received {
            continue;
        }
        let named: Vec<PersonId> = e.people.iter().map(|p| book.survivor(*p)).collect();
        if !named.contains(&person) || named.len() < 2 {
            continue;
        }
        let together = |ids: &[PersonId]| {
            ids.iter()
                .filter(|p| named.contains(&book.survivor(**p)))
                .count()
                >= 2
        };
        let met = book.entries[i + 1..]
            .iter()
            .chain(&book.entries[..i])
            .find(|later| later.id != e.id && later.date >= e.date && together(&later.people));
        let outcome = match (met, e.follow_up) {
            (Some(later), _) => HowItWent::Met(later.id),
            (None, Some(_)) if e.done => HowItWent::FollowedUp,
            (None, Some(due)) => HowItWent::Waiting(due),
            (None, None) => HowItWent::Unknown,
        };
        out.push(IntroMade {
            entry: e.id,
            date: e.date,
            to: named.into_iter().filter(|p| *p != person).collect(),
            outcome,
        });
    }
    out.sort_by(|a, b| b.date.cmp(&a.date).then(b.entry.cmp(&a.entry)));
    out
}

/// The summary of the promise to make an introduction for `need` (`pair`:
/// "Ana ↔ Bo", or the one person when you are the help): what the Intros
/// tab's `p` writes, and what [`promised`] looks for.
pub fn intro_promise_summary(pair: &str, need: &str) -> String {
    format!("intro {pair}: {need}")
}

/// The open promise to make the introduction `s` suggests, if you made one:
/// it names the one in need (and the one who could help) and promises an
/// intro for that need.
pub fn promised(book: &Book, s: &super::Suggestion) -> Option<crate::model::EntryId> {
    let names =
        |e: &crate::model::Entry, id: PersonId| e.people.iter().any(|p| book.survivor(*p) == id);
    book.entries
        .iter()
        .filter(|e| e.is_open_promise() && names(e, s.person))
        .filter(|e| match s.candidate {
            super::Candidate::Person(other) => names(e, other),
            super::Candidate::Me => true,
        })
        .find(|e| {
            e.summary.starts_with("intro ")
                && (e.summary.strip_suffix(s.need.as_str()))
                    .is_some_and(|head| head.ends_with(": "))
        })
        .map(|e| e.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Kind, Op, Person};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn book() -> Book {
        let mut book = Book::default();
        for n in ["Ana", "Bo", "Cy"] {
            Op::AddPerson(Person::new(PersonId(0), n))
                .apply(&mut book)
                .unwrap();
        }
        book
    }

    fn log(book: &mut Book, date: &str, people: &[u32], kind: &str) -> EntryId {
        let ids = people.iter().map(|p| PersonId(u64::from(*p))).collect();
        Op::AddEntry(Entry::new(d(date), ids, Kind::new(kind), "x"))
            .apply(book)
            .unwrap();
        book.entries.last().unwrap().id
    }

    #[test]
    fn an_intro_helped_when_the_two_are_seen_together_later() {
        let mut b = book();
        let intro = log(&mut b, "2026-10-01", &[1, 2], "intro");
        assert_eq!(intros_made(&b, PersonId(1))[0].outcome, HowItWent::Unknown);
        log(&mut b, "2026-10-20", &[1], "coffee");
        let met = log(&mut b, "2026-10-22", &[2, 1, 3], "collab");
        let made = intros_made(&b, PersonId(2));
        assert_eq!(made.len(), 1);
        assert_eq!(
            (made[0].entry, made[0].to.clone()),
            (intro, vec![PersonId(1)])
        );
        assert_eq!(made[0].outcome, HowItWent::Met(met));
        assert!(made[0].outcome.helped());
        assert!(
            intros_made(&b, PersonId(3)).is_empty(),
            "Cy was not introduced"
        );
    }

    #[test]
    fn a_follow_up_says_waiting_then_followed_up() {
        let mut b = book();
        let id = log(&mut b, "2026-10-01", &[1, 3], "intro");
        let mut e = b.entry(id).unwrap().clone();
        e.follow_up = Some(d("2026-10-15"));
        Op::UpdateEntry(e).apply(&mut b).unwrap();
        assert_eq!(
            intros_made(&b, PersonId(3))[0].outcome,
            HowItWent::Waiting(d("2026-10-15"))
        );
        Op::SetDone(id, Some(d("2026-10-16")))
            .apply(&mut b)
            .unwrap();
        assert_eq!(
            intros_made(&b, PersonId(3))[0].outcome,
            HowItWent::FollowedUp
        );
    }

    #[test]
    fn received_intros_are_not_made_through_you() {
        let mut b = book();
        let id = log(&mut b, "2026-10-01", &[1, 2], "intro");
        let mut e = b.entry(id).unwrap().clone();
        e.direction = Direction::Received;
        Op::UpdateEntry(e).apply(&mut b).unwrap();
        assert!(intros_made(&b, PersonId(1)).is_empty());
    }
}
