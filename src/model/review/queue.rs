//! The daily review queue: who needs something from you today, and why.

use chrono::{Datelike, NaiveDate};

use super::ReviewRules;
use super::{Reason, ReviewItem, ReviewProgress};
use crate::model::{
    Book, Direction, Entry, Facts, Index, Kinds, Person, PersonFacts, PersonId, Weight,
};

/// A birthday this many days ahead (or fewer) puts someone in the queue.
pub const BIRTHDAY_DAYS: i64 = 7;

/// Everyone who needs something from you on `today`, each once with all their
/// reasons. Archived people never appear; snoozed people appear again on the
/// day their snooze ends.
///
/// Commitments first (open promises, then due follow-ups, the oldest first);
/// then everyone else by how much a deed matters now, in days of waiting
/// ([`Reason::weight_days`], the heaviest of their reasons), so whoever is
/// left out of today's review is nearer the front tomorrow; then by id, so
/// the order is the same on every run.
pub fn queue(book: &Book, index: &Index, rules: &ReviewRules, today: NaiveDate) -> Vec<ReviewItem> {
    // Sized for everyone: on a heavy book most people are due, and growing the
    // list showed up in the profile.
    let mut items: Vec<ReviewItem> = Vec::with_capacity(book.people.len());
    items.extend(
        book.active_people()
            .filter(|p| p.snoozed_until.is_none_or(|until| until <= today))
            .filter_map(|p| {
                let reasons = reasons(book, index, rules, p, today);
                (!reasons.is_empty()).then_some(ReviewItem {
                    person: p.id,
                    reasons,
                })
            }),
    );
    // Ids are unique, so an unstable sort is still deterministic.
    items.sort_unstable_by_key(|item| (rank(item, rules), item.person));
    items
}

/// Where a person stands in the queue; smaller comes first.
fn rank(item: &ReviewItem, rules: &ReviewRules) -> (u8, u8, i64) {
    let top = item.top();
    if top.is_commitment() {
        return (0, top.priority(), top.urgency());
    }
    let weight = item
        .reasons
        .iter()
        .map(|r| r.weight_days(rules.coffee_days, rules.reciprocate_days))
        .max()
        .unwrap_or(0);
    (1, 0, -weight)
}

/// One day's review: at most `review_size` people, counting those already
/// handled today (so resolving someone never pulls in another), and how many
/// more are due beyond them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDay {
    /// Today's people with something still due, in queue order: those not
    /// handled yet, and those handled (done, logged) with a reason left. A
    /// skip or a snooze holds for the day: those people are not here.
    pub items: Vec<ReviewItem>,
    /// People handled today (done, logged, snoozed, skipped).
    pub handled: usize,
    /// Due and not handled, beyond today's.
    pub more_due: usize,
}

impl ReviewDay {
    /// The day's size: everyone handled today and everyone still to come.
    pub fn size(&self, progress: &ReviewProgress) -> usize {
        self.handled
            + self
                .items
                .iter()
                .filter(|i| progress.outcome(i.person).is_none())
                .count()
    }

    /// "10 today · 517 more due", or "4 left of 10 today · …" once begun.
    pub fn headline(&self, progress: &ReviewProgress) -> String {
        let today = self.size(progress);
        let mut s = match self.handled {
            0 => format!("{today} today"),
            _ => format!("{} left of {today} today", self.items.len()),
        };
        if self.more_due > 0 {
            s.push_str(&format!(" · {} more due", self.more_due));
        }
        s
    }
}

/// The day's review on `today` (see [`ReviewDay`]).
pub fn day(book: &Book, index: &Index, rules: &ReviewRules, today: NaiveDate) -> ReviewDay {
    use super::Handled;
    let progress = ReviewProgress::of(book, today);
    let outcome = |p: PersonId| progress.outcome(p);
    let mut room = rules.size.saturating_sub(progress.handled.len());
    let mut more_due = 0;
    let items = queue(book, index, rules, today)
        .into_iter()
        .filter(|item| match outcome(item.person) {
            Some(Handled::Skipped | Handled::Snoozed) => false,
            Some(Handled::Done | Handled::Logged) => true,
            None if room > 0 => {
                room -= 1;
                true
            }
            None => {
                more_due += 1;
                false
            }
        })
        .collect();
    ReviewDay {
        items,
        handled: progress.handled.len(),
        more_due,
    }
}

/// Every reason `person` is due on `today`, most pressing first.
pub fn reasons(
    book: &Book,
    index: &Index,
    rules: &ReviewRules,
    person: &Person,
    today: NaiveDate,
) -> Vec<Reason> {
    let facts = index.facts(person.id);
    let mut reasons = Vec::new();
    if facts.open_promises > 0 || facts.follow_ups_due(today) > 0 {
        for &i in &facts.open {
            let e = &book.entries[i];
            if e.is_open_promise() {
                reasons.push(Reason::OpenPromise {
                    entry: e.id,
                    summary: e.summary.to_string(),
                    direction: e.direction,
                    since_days: (today - e.date).num_days(),
                });
            } else if let Some(due) = e.open_follow_up().filter(|due| *due <= today) {
                reasons.push(Reason::FollowUpDue {
                    entry: e.id,
                    summary: e.summary.to_string(),
                    due,
                    days_overdue: (today - due).num_days(),
                });
            }
        }
    }
    if facts.deeds_received > 0
        && let Some(e) = unreturned(book, facts, &rules.kinds)
        && (today - e.date).num_days() > i64::from(rules.reciprocate_days)
    {
        reasons.push(Reason::Reciprocate {
            entry: e.id,
            kind: e.kind.clone(),
            summary: e.summary.to_string(),
            days_ago: (today - e.date).num_days(),
        });
    }
    let cadence = rules.cadences.for_person(person);
    if let Some(cadence) = cadence.filter(|_| facts.cadence_due(cadence, today)) {
        reasons.push(Reason::CadencePassed {
            cadence,
            days_since: facts.days_since_contact(today),
        });
    }
    // Only touches: an open promise is not a deed yet, but not a coffee either.
    if facts.coffee_only() && facts.open_promises == 0 {
        let n = i64::from(rules.coffee_days);
        let met = Facts::new(book, index).met_on(person);
        let met_days_ago = met.map(|d| (today - d).num_days());
        let idle_days = facts.days_since_contact(today);
        if let (Some(met_days_ago), Some(idle_days)) = (met_days_ago, idle_days)
            && met_days_ago >= n
            && idle_days >= n
        {
            reasons.push(Reason::CoffeeOnlyIdle {
                met_days_ago,
                idle_days,
            });
        }
    }
    if let Some(birthday) = person.birthday {
        let in_days = birthday.days_until(today);
        let date = birthday.next_on_or_after(today);
        // Wishes logged since the birthday came into view (what `x` writes,
        // or any entry that says "birthday"): resolved.
        let since = date - chrono::Days::new(BIRTHDAY_DAYS as u64);
        let wished = || {
            facts
                .entries
                .iter()
                .map(|&i| &book.entries[i])
                .take_while(|e| e.date >= since)
                .any(|e| e.summary.to_lowercase().contains("birthday"))
        };
        if in_days <= BIRTHDAY_DAYS && !wished() {
            reasons.push(Reason::Birthday {
                in_days,
                date,
                turns: birthday.year.map(|y| date.year() - y),
            });
        }
    }
    // A meeting tomorrow: what you could bring to it.
    let tomorrow = today.succ_opt().unwrap_or(today);
    if let Some(m) = book
        .next_meeting(person.id, tomorrow)
        .filter(|m| m.date == tomorrow)
    {
        reasons.push(Reason::MeetTomorrow {
            date: m.date,
            summary: m.summary.clone(),
            bring: bring(book, facts, &rules.kinds, person),
        });
    }
    // A line about someone merged away since shows with whom they became.
    let about_them = book
        .inbox
        .waiting
        .iter()
        .filter(|l| l.about.map(|a| book.survivor(a)) == Some(person.id));
    for waiting in about_them {
        reasons.push(Reason::Inbox {
            file: waiting.file.clone(),
            key: waiting.key.clone(),
            line: waiting.line.clone(),
            seen: waiting.seen,
            why: waiting.why.clone(),
        });
    }
    let clashes: Vec<String> = person.clashes().map(str::to_string).collect();
    if !clashes.is_empty() {
        reasons.push(Reason::Resolve { clashes });
    }
    // The oldest promise leads; two of the same age go by entry id.
    // (Reasons of one person sort by kind and urgency; their weight only
    // places the person in the queue.)
    reasons.sort_by_key(|r| (r.key(), r.closes()));
    reasons
}

/// What you could bring to a meeting with `person`: your open promises to
/// them, their needs, and the last deed each way.
fn bring(book: &Book, facts: &PersonFacts, kinds: &Kinds, person: &Person) -> Vec<String> {
    let mut out = Vec::new();
    for &i in &facts.open {
        let e = &book.entries[i];
        if e.is_open_promise() && e.direction != Direction::Received {
            out.push(format!("your promise “{}”", e.summary));
        }
    }
    for need in &person.needs {
        out.push(format!("their need “{need}”"));
    }
    let deeds = facts
        .entries
        .iter()
        .map(|&i| &book.entries[i])
        .filter(|e| !e.is_open_promise() && !e.is_released())
        .filter(|e| kinds.weight(&e.kind) == Weight::Deed);
    let mut given = None;
    let mut received = None;
    for e in deeds {
        match e.direction {
            Direction::Received => received = received.or(Some(e)),
            Direction::Gave | Direction::Mutual => given = given.or(Some(e)),
        }
    }
    if let Some(e) = given {
        out.push(format!(
            "last you gave: {} “{}” {}",
            e.kind, e.summary, e.date
        ));
    }
    if let Some(e) = received {
        out.push(format!(
            "last they gave: {} “{}” {}",
            e.kind, e.summary, e.date
        ));
    }
    out
}

/// The oldest deed they did for you since the last deed you did for them
/// (or ever, when you never did one): what `reciprocate` is about.
pub fn unreturned<'a>(book: &'a Book, facts: &PersonFacts, kinds: &Kinds) -> Option<&'a Entry> {
    let mut oldest = None;
    // Newest first: walk back until the last deed given.
    for &i in &facts.entries {
        let e = &book.entries[i];
        if e.is_open_promise() || e.is_released() || kinds.weight(&e.kind) != Weight::Deed {
            continue;
        }
        match e.direction {
            Direction::Received => oldest = Some(e),
            Direction::Gave | Direction::Mutual => break,
        }
    }
    oldest
}
