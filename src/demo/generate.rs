//! A deterministic synthetic book for tests and benchmarks: the same
//! `(people, entries, seed, today)` always gives the same book, byte for byte.

use chrono::{Days, NaiveDate};

use super::words::*;
use crate::model::{
    Birthday, Book, Direction, Entry, EntryId, HowMet, Kind, Kinds, Person, PersonId, Weight,
};
use crate::text;

/// How far back the generated entries reach.
const SPAN_DAYS: u64 = 182;

/// splitmix64: tiny, fast and good enough for test data; no dependency.
pub(super) struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(super) fn percent(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }

    pub(super) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// What part a person plays in the generated timeline.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Named by entries of every kind.
    Regular,
    /// Only ever touches: coffee, calls, messages.
    CoffeeOnly,
    /// In the book, never in an entry.
    Silent,
}

/// Generates a book of `people` people and `entries` entries dated over the
/// six months before `today`. About 15% of people are coffee-only and about 3%
/// have no entries; every built-in kind and direction appears once there are
/// a few dozen entries. Ids run from 1 in order, so the book is normalised.
pub fn generate(people: usize, entries: usize, seed: u64, today: NaiveDate) -> Book {
    let mut rng = Rng(seed ^ 0x6B69_7468); // "kith"
    let mut book = Book::default();
    let roles: Vec<Role> = (0..people).map(|i| role(&mut rng, i)).collect();
    for (i, _) in roles.iter().enumerate() {
        let person = person(&mut rng, i, today);
        book.people.push(person);
    }
    let pool = |want: Role| -> Vec<PersonId> {
        let ids = roles.iter().enumerate().filter(|(_, r)| **r == want);
        ids.map(|(i, _)| PersonId(i as u64 + 1)).collect()
    };
    let (regular, coffee) = (pool(Role::Regular), pool(Role::CoffeeOnly));
    let mut made: Vec<Entry> = Vec::with_capacity(entries);
    let mut timeline = Timeline {
        rng: &mut rng,
        today,
        kinds: builtin_kinds(None),
        touches: builtin_kinds(Some(Weight::Touch)),
    };
    // Every coffee-only person gets at least one touch first.
    let first = coffee.len().min(entries);
    for who in &coffee[..first] {
        made.push(timeline.touch(*who));
    }
    for n in 0..entries - first {
        let entry = if regular.is_empty() {
            match coffee.first() {
                Some(_) => {
                    let who = *timeline.rng.pick(&coffee);
                    timeline.touch(who)
                }
                None => break, // nobody to name
            }
        } else {
            timeline.deed_or_touch(n, &regular, &coffee, &book)
        };
        made.push(entry);
    }
    // Logged roughly as they happened: ids follow the dates.
    made.sort_by_key(|e| e.date);
    for (i, mut e) in made.into_iter().enumerate() {
        e.id = EntryId(i as u64 + 1);
        book.entries.push(e);
    }
    book.normalize();
    book
}

fn role(rng: &mut Rng, i: usize) -> Role {
    // The first few are fixed so even tiny books have one of each.
    match (i, rng.below(100)) {
        (0, _) | (1, _) => Role::Regular,
        (2, _) => Role::CoffeeOnly,
        (_, 0..=2) => Role::Silent,
        (_, 3..=17) => Role::CoffeeOnly,
        _ => Role::Regular,
    }
}

fn person(rng: &mut Rng, i: usize, today: NaiveDate) -> Person {
    let id = PersonId(i as u64 + 1);
    let mut p = Person::new(id, super::names::name(rng));
    if rng.percent(3) {
        p.nicknames.push(rng.pick(EMOJI_NICKNAMES).to_string());
    } else if rng.percent(10) {
        p.nicknames.push(rng.pick(NICKNAMES).to_string());
    }
    let (org, domain) = *rng.pick(ORGS);
    if rng.percent(80) {
        p.org = Some(org.to_string());
        p.title = Some(rng.pick(TITLES).to_string());
    }
    let slug = slug(&p.name, id);
    if rng.percent(70) {
        p.emails.push(format!("{slug}@{domain}"));
    }
    if rng.percent(40) {
        p.links.push(format!("https://www.linkedin.com/in/{slug}"));
    }
    if rng.percent(20) {
        p.phones.push(format!("+1 555 {:04}", rng.below(10_000)));
    }
    for _ in 0..rng.below(3) {
        let tag = rng.pick(TAGS).to_string();
        if !p.tags.contains(&tag) {
            p.tags.push(tag);
        }
    }
    if rng.percent(45) {
        p.needs.push(rng.pick(NEEDS).to_string());
    }
    if rng.percent(35) {
        p.offers.push(rng.pick(OFFERS).to_string());
    }
    if rng.percent(30) {
        p.cadence = Some(*rng.pick(&[14, 30, 60, 90]));
    }
    if rng.percent(25) {
        let year = rng.percent(50).then(|| 1960 + rng.below(45) as i32);
        p.birthday = Birthday::new(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
    }
    if rng.percent(60) {
        p.met = HowMet {
            context: Some(rng.pick(MET_AT).to_string()),
            date: Some(days_before(today, 30 + rng.below(700) as u64)),
            introduced_by: (i > 0 && rng.percent(25)).then(|| PersonId(1 + rng.below(i) as u64)),
        };
    }
    if rng.percent(15) {
        p.notes = "Prefers mornings. Two kids; ask about the \"big move\".".to_string();
    }
    p.archived = i > 2 && rng.percent(2);
    p
}

/// An ASCII handle for emails and links: `jose.garcia.7`, or `p7` for names
/// with no Latin letters.
fn slug(name: &str, id: PersonId) -> String {
    let folded: String = text::fold(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '.' })
        .collect();
    let parts: Vec<&str> = folded.split('.').filter(|s| !s.is_empty()).collect();
    if parts.is_empty() {
        id.to_string()
    } else {
        format!("{}.{}", parts.join("."), id.0)
    }
}

fn days_before(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn random_date(rng: &mut Rng, today: NaiveDate) -> NaiveDate {
    days_before(today, rng.below(SPAN_DAYS as usize + 1) as u64)
}

/// Builds the entries: holds the random stream and the built-in kinds.
struct Timeline<'a> {
    rng: &'a mut Rng,
    today: NaiveDate,
    kinds: Vec<Kind>,
    touches: Vec<Kind>,
}

impl Timeline<'_> {
    fn touch(&mut self, who: PersonId) -> Entry {
        let kind = self.rng.pick(&self.touches).clone();
        let summary = *self.rng.pick(summaries(kind.as_str()));
        let mut e = Entry::new(random_date(self.rng, self.today), vec![who], kind, summary);
        if self.rng.percent(30) {
            e.direction = Direction::Received;
        }
        e
    }

    /// The `n`th entry among regular people. The first 36 walk every built-in
    /// kind in every direction; the rest are drawn at random. A few touch the
    /// coffee-only people again.
    fn deed_or_touch(
        &mut self,
        n: usize,
        regular: &[PersonId],
        coffee: &[PersonId],
        book: &Book,
    ) -> Entry {
        const DIRECTIONS: [Direction; 3] =
            [Direction::Gave, Direction::Received, Direction::Mutual];
        let rng = &mut *self.rng;
        let walk = self.kinds.len() * DIRECTIONS.len();
        let (kind, direction) = if n < walk {
            (
                &self.kinds[n % self.kinds.len()],
                DIRECTIONS[n / self.kinds.len()],
            )
        } else {
            if !coffee.is_empty() && rng.percent(8) {
                let who = *rng.pick(coffee);
                return self.touch(who);
            }
            let direction = match rng.below(100) {
                0..=54 => Direction::Gave,
                55..=84 => Direction::Received,
                _ => Direction::Mutual,
            };
            (rng.pick(&self.kinds), direction)
        };
        let date = random_date(rng, self.today);
        let mut named = vec![*rng.pick(regular)];
        let mut summary = rng.pick(summaries(kind.as_str())).to_string();
        if kind.as_str() == "intro" {
            let want = 2 + rng.below(2);
            for _ in 0..want * 4 {
                let other = *rng.pick(regular);
                if named.len() < want && !named.contains(&other) {
                    named.push(other);
                }
            }
            let names: Vec<String> = named.iter().map(|id| book.name_of(*id)).collect();
            summary = format!("{summary}: {}", names.join(" ↔ "));
        }
        let mut e = Entry::new(date, named, kind.clone(), &summary);
        e.direction = if kind.as_str() == "collab" && rng.percent(70) {
            Direction::Mutual
        } else {
            direction
        };
        if kind.is_promise() {
            // Recent promises are mostly still open; older ones mostly kept.
            let age = (self.today - date).num_days();
            let open = if age <= 30 {
                rng.percent(65)
            } else {
                rng.percent(15)
            };
            if !open {
                let kept = date + Days::new(1 + rng.below(14) as u64);
                e.done = true;
                e.done_on = Some(kept.min(self.today));
            }
        } else if rng.percent(20) {
            let due = date + Days::new(3 + rng.below(40) as u64);
            e.follow_up = Some(due);
            if due < self.today && rng.percent(50) {
                e.done = true;
                e.done_on = Some(due);
            }
        }
        e
    }
}

/// The built-in kinds, of one weight or all.
fn builtin_kinds(weight: Option<Weight>) -> Vec<Kind> {
    let kinds = Kinds::default();
    let all = kinds
        .iter()
        .filter(|(_, w)| weight.is_none_or(|want| *w == want));
    all.map(|(k, _)| k.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Facts, Index};
    use std::collections::BTreeSet;

    fn today() -> NaiveDate {
        "2026-11-26".parse().unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_book_and_another_seed_another() {
        let a = generate(200, 1_000, 7, today());
        assert_eq!(a, generate(200, 1_000, 7, today()));
        assert_ne!(a, generate(200, 1_000, 8, today()));
    }

    #[test]
    fn counts_match_and_ids_run_in_order() {
        let book = generate(300, 2_000, 1, today());
        assert_eq!(book.people.len(), 300);
        assert_eq!(book.entries.len(), 2_000);
        let pids: Vec<u64> = book.people.iter().map(|p| p.id.0).collect();
        assert_eq!(pids, (1..=300).collect::<Vec<_>>());
        let eids: Vec<u64> = book.entries.iter().map(|e| e.id.0).collect();
        assert_eq!(eids, (1..=2_000).collect::<Vec<_>>());
        assert_eq!(book.next_person_id().0, 301);
        let mut normalized = book.clone();
        normalized.normalize();
        assert_eq!(normalized, book);
        assert!(
            book.entries.is_sorted_by_key(|e| e.date),
            "ids follow dates"
        );
    }

    #[test]
    fn entries_fall_in_the_six_months_before_today_and_name_real_people() {
        let book = generate(100, 1_000, 3, today());
        let earliest = days_before(today(), SPAN_DAYS);
        for e in &book.entries {
            assert!(e.date <= today() && e.date >= earliest, "{e:?}");
            assert!(!e.people.is_empty());
            assert!(e.people.iter().all(|p| book.person(*p).is_some()));
        }
    }

    #[test]
    fn some_people_are_coffee_only_and_some_have_no_entries() {
        let book = generate(1_000, 5_000, 11, today());
        let index = Index::build(&book, &Kinds::default());
        let coffee = Facts::new(&book, &index).coffee_only().len();
        assert!((100..=250).contains(&coffee), "{coffee} coffee-only people");
        let silent = book
            .people
            .iter()
            .filter(|p| index.facts(p.id).entries.is_empty())
            .count();
        assert!(
            (5..=80).contains(&silent),
            "{silent} people with no entries"
        );
    }

    #[test]
    fn every_kind_and_direction_appears_with_intros_follow_ups_and_promises() {
        let book = generate(100, 500, 5, today());
        let kinds: BTreeSet<&str> = book.entries.iter().map(|e| e.kind.as_str()).collect();
        for kind in builtin_kinds(None) {
            assert!(kinds.contains(kind.as_str()), "no {kind}");
        }
        let pairs: BTreeSet<(&str, &str)> = book
            .entries
            .iter()
            .map(|e| (e.kind.as_str(), e.direction.as_str()))
            .collect();
        assert!(pairs.len() >= 36, "every kind in every direction");
        let intros = book.entries.iter().filter(|e| e.kind.as_str() == "intro");
        assert!(intros.clone().all(|e| (2..=3).contains(&e.people.len())));
        assert!(intros.clone().any(|e| e.people.len() == 3));
        let t = today();
        let follow = |f: &dyn Fn(&Entry) -> bool| book.entries.iter().any(f);
        assert!(follow(&|e| e.open_follow_up().is_some_and(|d| d <= t)));
        assert!(follow(&|e| e.open_follow_up().is_some_and(|d| d > t)));
        assert!(follow(&|e| e.follow_up.is_some() && e.done));
        assert!(follow(&|e| e.is_open_promise()));
        assert!(follow(&|e| e.kind.is_promise() && e.done));
    }

    #[test]
    fn names_come_from_many_scripts_and_people_carry_details() {
        let book = generate(500, 0, 2, today());
        let names: String = book.people.iter().map(|p| p.name.as_str()).collect();
        assert!(
            names
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "CJK"
        );
        assert!(names.chars().any(|c| "éëüÅÖøł".contains(c)), "accents");
        let any = |f: &dyn Fn(&Person) -> bool| book.people.iter().any(f);
        assert!(any(&|p| p
            .nicknames
            .iter()
            .any(|n| !n.is_ascii() && text::width(n) > 1)));
        assert!(any(&|p| p.cadence.is_some()));
        assert!(any(&|p| p.birthday.is_some()));
        assert!(any(&|p| p.met.introduced_by.is_some()));
        assert!(any(&|p| !p.needs.is_empty() && !p.offers.is_empty()));
        assert!(any(&|p| p.emails.iter().any(|e| e.contains('@'))));
    }

    #[test]
    fn names_repeat_as_in_a_real_book() {
        let book = generate(10_000, 0, 7, today());
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for p in &book.people {
            *counts.entry(p.name.as_str()).or_default() += 1;
        }
        let shared = book
            .people
            .iter()
            .filter(|p| counts[p.name.as_str()] > 1)
            .count();
        let most = counts.values().max().copied().unwrap_or(0);
        println!(
            "{} names, {shared} people share one, most common {most}",
            counts.len()
        );
        assert!(
            (800..=3_500).contains(&shared),
            "{shared} of 10,000 share a name"
        );
        assert!(counts.len() >= 7_000, "{} distinct names", counts.len());
        assert!(
            (20..=60).contains(&most),
            "the most common name: {most} people"
        );
    }

    #[test]
    fn needs_and_offers_overlap_so_introductions_are_found() {
        use crate::intros::{MatchedIn, Matcher, Options};
        let book = generate(400, 0, 3, today());
        let found = Matcher::build(&book, &[]).suggestions(&Options::default());
        let by_offer = found
            .iter()
            .filter(|s| s.evidence.iter().any(|m| m.field == MatchedIn::Offer))
            .count();
        assert!(
            by_offer >= 50,
            "{by_offer} of {} found by an offer",
            found.len()
        );
    }

    #[test]
    fn tiny_books_are_fine() {
        assert!(generate(0, 10, 1, today()).entries.is_empty());
        let one = generate(1, 10, 1, today());
        assert_eq!((one.people.len(), one.entries.len()), (1, 10));
    }
}
