//! Give and take: what you gave and received with each person over the last
//! twelve months. Private, and only a nudge: someone you only take from may
//! be owed a favour; someone you only give to is fine, and worth a thought.

use chrono::{Months, NaiveDate};

use super::{Book, Direction, Kinds, PersonId, Weight};

/// Deeds in the year up to and including `today`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GiveTake {
    pub given: u32,
    pub received: u32,
}

/// Which way the year leaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Balance {
    /// They did things for you, and you for them.
    Both,
    /// You only received.
    OnlyTake,
    /// You only gave.
    OnlyGive,
    /// No deeds either way.
    Quiet,
}

impl GiveTake {
    pub fn balance(self) -> Balance {
        match (self.given, self.received) {
            (0, 0) => Balance::Quiet,
            (0, _) => Balance::OnlyTake,
            (_, 0) => Balance::OnlyGive,
            _ => Balance::Both,
        }
    }
}

/// The year's give and take for every active person, in id order. Deeds
/// only (open promises are not yet given); mutual deeds count both ways.
/// One pass over the entries.
pub fn give_take(book: &Book, kinds: &Kinds, today: NaiveDate) -> Vec<(PersonId, GiveTake)> {
    let since = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let mut out: Vec<(PersonId, GiveTake)> = book
        .active_people()
        .map(|p| (p.id, GiveTake::default()))
        .collect();
    for e in &book.entries {
        if e.date <= since || e.date > today || e.is_open_promise() || e.is_released() {
            continue;
        }
        if kinds.weight(&e.kind) != Weight::Deed {
            continue;
        }
        for (n, pid) in e.people.iter().enumerate() {
            let pid = book.survivor(*pid);
            if e.people[..n].iter().any(|p| book.survivor(*p) == pid) {
                continue;
            }
            let Ok(i) = out.binary_search_by_key(&pid, |(id, _)| *id) else {
                continue;
            };
            let gt = &mut out[i].1;
            match e.direction {
                Direction::Gave => gt.given += 1,
                Direction::Received => gt.received += 1,
                Direction::Mutual => {
                    gt.given += 1;
                    gt.received += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Kind, Op, Person};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn counts_the_last_twelve_months_of_deeds_each_way() {
        let mut book = Book::default();
        for n in ["Ana", "Bo", "Cy", "Di"] {
            Op::AddPerson(Person::new(PersonId(0), n))
                .apply(&mut book)
                .unwrap();
        }
        let mut log = |date: &str, who: u32, kind: &str, dir: Direction| {
            let mut e = Entry::new(d(date), vec![PersonId(who.into())], Kind::new(kind), "x");
            e.direction = dir;
            Op::AddEntry(e).apply(&mut book).unwrap();
        };
        log("2026-10-01", 1, "favor", Direction::Received);
        log("2026-10-02", 1, "coffee", Direction::Gave);
        log("2025-11-26", 1, "favor", Direction::Gave); // exactly a year ago: out
        log("2026-09-01", 2, "help", Direction::Gave);
        log("2026-09-02", 2, "promise", Direction::Gave); // open: not yet given
        log("2026-09-03", 3, "collab", Direction::Mutual);
        let gt = give_take(&book, &Kinds::default(), d("2026-11-26"));
        let balance: Vec<Balance> = gt.iter().map(|(_, g)| g.balance()).collect();
        assert_eq!(
            balance,
            [
                Balance::OnlyTake,
                Balance::OnlyGive,
                Balance::Both,
                Balance::Quiet
            ]
        );
        assert_eq!(
            gt[0].1,
            GiveTake {
                given: 0,
                received: 1
            }
        );
        let earlier = give_take(&book, &Kinds::default(), d("2026-09-01"));
        assert_eq!(earlier[1].1.given, 1, "today counts");
        assert_eq!(
            earlier[0].1,
            GiveTake {
                given: 1,
                received: 0
            }
        );
    }
}
