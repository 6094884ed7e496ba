//! The daily review queue: who needs something from you today, and why.

use chrono::{Datelike, NaiveDate};

use super::{Reason, ReviewItem};
use crate::config::Config;
use crate::model::{Book, Facts, Index, Person};

/// A birthday this many days ahead (or fewer) puts someone in the queue.
pub const BIRTHDAY_DAYS: i64 = 7;

/// Everyone who needs something from you on `today`, each once with all their
/// reasons. Archived people never appear; snoozed people appear again on the
/// day their snooze ends.
///
/// Ordered by the person's most pressing reason (promise, follow-up, cadence,
/// coffee-only, birthday), then by how urgent that reason is (see
/// [`Reason::urgency`]), then by id, so the order is the same on every run.
pub fn queue(book: &Book, index: &Index, config: &Config, today: NaiveDate) -> Vec<ReviewItem> {
    // Sized for everyone: on a heavy book most people are due, and growing the
    // list showed up in the profile.
    let mut items: Vec<ReviewItem> = Vec::with_capacity(book.people.len());
    items.extend(
        book.active_people()
            .filter(|p| p.snoozed_until.is_none_or(|until| until <= today))
            .filter_map(|p| {
                let reasons = reasons(book, index, config, p, today);
                (!reasons.is_empty()).then_some(ReviewItem {
                    person: p.id,
                    reasons,
                })
            }),
    );
    // Ids are unique, so an unstable sort is still deterministic.
    items.sort_unstable_by_key(|item| (item.top().key(), item.person));
    items
}

/// Every reason `person` is due on `today`, most pressing first.
pub fn reasons(
    book: &Book,
    index: &Index,
    config: &Config,
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
                    summary: e.summary.clone(),
                    direction: e.direction,
                    since_days: (today - e.date).num_days(),
                });
            } else if let Some(due) = e.open_follow_up().filter(|due| *due <= today) {
                reasons.push(Reason::FollowUpDue {
                    entry: e.id,
                    summary: e.summary.clone(),
                    due,
                    days_overdue: (today - due).num_days(),
                });
            }
        }
    }
    let cadence = config.cadence_for(person);
    if let Some(cadence) = cadence.filter(|_| facts.cadence_due(cadence, today)) {
        reasons.push(Reason::CadencePassed {
            cadence,
            days_since: facts.days_since_contact(today),
        });
    }
    // Only touches: an open promise is not a deed yet, but not a coffee either.
    if facts.coffee_only() && facts.open_promises == 0 {
        let n = i64::from(config.coffee_review_days);
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
        if in_days <= BIRTHDAY_DAYS {
            let date = birthday.next_on_or_after(today);
            reasons.push(Reason::Birthday {
                in_days,
                date,
                turns: birthday.year.map(|y| date.year() - y),
            });
        }
    }
    // The oldest promise leads; two of the same age go by entry id.
    reasons.sort_by_key(|r| (r.key(), r.closes()));
    reasons
}
