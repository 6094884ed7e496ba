//! Why someone is in today's review, and how that reads to a human.

use chrono::NaiveDate;
use std::fmt;

use crate::model::{Direction, EntryId, PersonId};

/// One reason a person is in the review queue. The variants are declared in
/// priority order: a promise outranks a follow-up, which outranks a cadence…
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A promise not yet kept. `direction` is `Received` when they promised me.
    OpenPromise {
        entry: EntryId,
        summary: String,
        direction: Direction,
        since_days: i64,
    },
    /// A follow-up due today (`days_overdue == 0`) or earlier.
    FollowUpDue {
        entry: EntryId,
        summary: String,
        due: NaiveDate,
        days_overdue: i64,
    },
    /// `cadence` days or more since the last contact; `days_since` is `None`
    /// when there has never been any.
    CadencePassed {
        cadence: u32,
        days_since: Option<i64>,
    },
    /// Only touches so far, met long enough ago, and quiet just as long.
    CoffeeOnlyIdle { met_days_ago: i64, idle_days: i64 },
    /// A birthday within the next week (`in_days == 0` is today).
    Birthday {
        in_days: i64,
        date: NaiveDate,
        /// The age they turn, when the birth year is known.
        turns: Option<i32>,
    },
}

impl Reason {
    /// 0 for the most pressing kind of reason.
    pub fn priority(&self) -> u8 {
        match self {
            Reason::OpenPromise { .. } => 0,
            Reason::FollowUpDue { .. } => 1,
            Reason::CadencePassed { .. } => 2,
            Reason::CoffeeOnlyIdle { .. } => 3,
            Reason::Birthday { .. } => 4,
        }
    }

    /// Orders reasons of the same kind: smaller is more urgent (the oldest
    /// promise, the most overdue follow-up, the furthest past its cadence, the
    /// coffee met longest ago, the nearest birthday). Never-contacted people
    /// come after those whose cadence has lapsed, so an imported address book
    /// does not bury the relationships that are actually slipping.
    pub fn urgency(&self) -> i64 {
        match self {
            Reason::OpenPromise { since_days, .. } => -since_days,
            Reason::FollowUpDue { days_overdue, .. } => -days_overdue,
            Reason::CadencePassed {
                cadence,
                days_since: Some(days),
            } => -(days - i64::from(*cadence)),
            Reason::CadencePassed {
                days_since: None, ..
            } => i64::MAX,
            Reason::CoffeeOnlyIdle { met_days_ago, .. } => -met_days_ago,
            Reason::Birthday { in_days, .. } => *in_days,
        }
    }

    /// The entry to close when the person is marked done, if any.
    pub fn closes(&self) -> Option<EntryId> {
        match self {
            Reason::OpenPromise { entry, .. } | Reason::FollowUpDue { entry, .. } => Some(*entry),
            _ => None,
        }
    }

    /// The sort key of a list of reasons: priority, then urgency.
    pub(crate) fn key(&self) -> (u8, i64) {
        (self.priority(), self.urgency())
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// "today", "yesterday", "5 days ago".
fn ago(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n if n < 0 => format!("in {} days", -n),
        n => format!("{n} days ago"),
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::OpenPromise {
                summary,
                direction,
                since_days,
                ..
            } => {
                let who = match direction {
                    Direction::Received => "they",
                    Direction::Gave | Direction::Mutual => "you",
                };
                // "promised to speak at…" reads as "you promised to speak at…".
                match strip_prefix_ignore_case(summary, "promised ") {
                    Some(rest) => write!(f, "{who} promised {rest}")?,
                    None => write!(f, "{who} promised: {summary}")?,
                }
                write!(f, " · {}", ago(*since_days))
            }
            Reason::FollowUpDue {
                summary,
                days_overdue,
                ..
            } => match days_overdue {
                0 => write!(f, "follow-up due: {summary} · due today"),
                n => write!(f, "follow-up due: {summary} · {} overdue", days(*n)),
            },
            Reason::CadencePassed {
                cadence,
                days_since,
            } => match days_since {
                Some(d) => write!(
                    f,
                    "every {} · last contact {}",
                    days(i64::from(*cadence)),
                    ago(*d)
                ),
                None => write!(f, "every {} · no contact yet", days(i64::from(*cadence))),
            },
            Reason::CoffeeOnlyIdle {
                met_days_ago,
                idle_days,
            } => {
                write!(f, "only coffee, met {}", ago(*met_days_ago))?;
                if idle_days != met_days_ago {
                    write!(f, " · quiet for {}", days(*idle_days))?;
                }
                Ok(())
            }
            Reason::Birthday {
                in_days,
                date,
                turns,
            } => {
                let when = match in_days {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    n => format!("in {n} days"),
                };
                write!(f, "birthday {when} ({})", date.format("%a %-d %b"))?;
                if let Some(age) = turns {
                    write!(f, " · turns {age}")?;
                }
                Ok(())
            }
        }
    }
}

/// A person in the queue with every reason they are there, most pressing first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub person: PersonId,
    pub reasons: Vec<Reason>,
}

impl ReviewItem {
    /// The reason that decides the person's place in the queue.
    pub fn top(&self) -> &Reason {
        &self.reasons[0]
    }

    /// The entries "done" closes: the open promises and due follow-ups that put
    /// the person here.
    pub fn closes(&self) -> Vec<EntryId> {
        self.reasons.iter().filter_map(Reason::closes).collect()
    }
}
