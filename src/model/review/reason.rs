//! Why someone is in today's review, and how that reads to a human.

use chrono::{Datelike, NaiveDate};
use std::fmt;

use crate::model::{Direction, EntryId, Kind, PersonId};

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
    /// They did a deed for you `days_ago` days ago (more than the config's
    /// `reciprocate_days`), and you have given them nothing since.
    Reciprocate {
        entry: EntryId,
        kind: Kind,
        summary: String,
        days_ago: i64,
    },
    /// Two copies of the book were merged and disagreed about them: each
    /// line is what the other copy held (`org on the other copy: Globex`),
    /// kept in their notes until the user settles it.
    Resolve { clashes: Vec<String> },
    /// A capture line from the phone's inbox that could not be applied
    /// (`line`, from device file `file`, first read on `seen`), shown with the
    /// person it names or probably meant; `why` says what stops it.
    Inbox {
        file: String,
        key: String,
        line: String,
        seen: NaiveDate,
        why: String,
    },
    /// A meeting with them tomorrow (from a calendar): the moment a deed is
    /// cheapest. `bring` is what you could bring: your open promises to
    /// them, their needs, the last deed each way.
    MeetTomorrow {
        date: NaiveDate,
        summary: String,
        bring: Vec<String>,
    },
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
            Reason::Reciprocate { .. } => 2,
            Reason::CadencePassed { .. } => 3,
            Reason::CoffeeOnlyIdle { .. } => 4,
            Reason::Birthday { .. } => 5,
            Reason::Resolve { .. } => 6,
            // Tomorrow it is too late: with the commitments.
            Reason::MeetTomorrow { .. } => 1,
            // A deed the user already wrote down, waiting to be logged: first.
            Reason::Inbox { .. } => 0,
        }
    }

    /// What kind of reason, as scripts see it (`review --print --json`).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Reason::OpenPromise { .. } => "promise",
            Reason::FollowUpDue { .. } => "follow_up",
            Reason::Reciprocate { .. } => "reciprocate",
            Reason::CadencePassed { .. } => "cadence",
            Reason::CoffeeOnlyIdle { .. } => "coffee_only",
            Reason::Birthday { .. } => "birthday",
            Reason::Resolve { .. } => "resolve",
            Reason::Inbox { .. } => "inbox",
            Reason::MeetTomorrow { .. } => "meeting",
        }
    }

    /// The entry the reason is about, where it has one.
    pub fn entry(&self) -> Option<EntryId> {
        match self {
            Reason::OpenPromise { entry, .. }
            | Reason::FollowUpDue { entry, .. }
            | Reason::Reciprocate { entry, .. } => Some(*entry),
            _ => None,
        }
    }

    /// A commitment: something you (or they) said would happen. Commitments
    /// fill a day's review before anything else.
    pub fn is_commitment(&self) -> bool {
        matches!(
            self,
            Reason::OpenPromise { .. }
                | Reason::FollowUpDue { .. }
                | Reason::Inbox { .. }
                | Reason::MeetTomorrow { .. }
        )
    }

    /// How much a deed matters now, in days of waiting: how far past its
    /// cadence, how long a favor has gone unreturned (weighted up: a debt
    /// weighs more than a quiet spell), how long since a coffee, and a
    /// birthday most on the day itself. Everyone's grows by one a day while
    /// they wait, so whoever was left out today is nearer the front tomorrow.
    pub fn weight_days(&self, coffee_days: u32, reciprocate_days: u32) -> i64 {
        match self {
            Reason::OpenPromise { since_days, .. } => *since_days,
            Reason::FollowUpDue { days_overdue, .. } => *days_overdue,
            Reason::Reciprocate { days_ago, .. } => {
                days_ago - i64::from(reciprocate_days) + RECIPROCATE_BONUS
            }
            Reason::CadencePassed {
                cadence,
                days_since,
                // Never contacted: after everyone actually slipping, so an
                // imported address book does not bury them.
            } => days_since.map_or(-1, |d| d - i64::from(*cadence)),
            Reason::CoffeeOnlyIdle { met_days_ago, .. } => met_days_ago - i64::from(coffee_days),
            Reason::Birthday { in_days, .. } => BIRTHDAY_WEIGHT - 25 * in_days,
            Reason::Resolve { .. } => RESOLVE_WEIGHT,
            Reason::Inbox { .. } | Reason::MeetTomorrow { .. } => RESOLVE_WEIGHT,
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
            Reason::Reciprocate { days_ago, .. } => -days_ago,
            Reason::Birthday { in_days, .. } => *in_days,
            Reason::Resolve { .. } => 0,
            // The line read first comes first.
            Reason::Inbox { seen, .. } => seen.num_days_from_ce().into(),
            Reason::MeetTomorrow { .. } => 0,
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

/// What two copies disagreed about weighs as much as a cadence five months
/// overdue: it comes into the day's review soon, before it is forgotten.
const RESOLVE_WEIGHT: i64 = 150;
/// A favor to return counts as this many more days of waiting: a debt
/// weighs a month more than a quiet spell.
const RECIPROCATE_BONUS: i64 = 30;
/// A birthday today weighs as much as a cadence this many days overdue
/// (less by 25 for each day it is away).
const BIRTHDAY_WEIGHT: i64 = 200;

/// "referred you", "introduced you": what a deed someone did for you reads as.
pub fn done_for_you(kind: &Kind) -> String {
    match kind.as_str() {
        "favor" => "did you a favor".into(),
        "intro" => "introduced you".into(),
        "help" => "helped you".into(),
        "gift" => "gave you a gift".into(),
        "referral" => "referred you".into(),
        "collab" => "worked with you".into(),
        other => format!("did you a {other}"),
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// "today", "yesterday", "5 days ago".
fn ago(n: i64) -> String {
    match n {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n if n < 0 => format!("in {}", days(-n)),
        n => format!("{} ago", days(n)),
    }
}

fn days(n: i64) -> String {
    crate::text::count(n, "day", "days")
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
            Reason::Reciprocate {
                kind,
                summary,
                days_ago,
                ..
            } => write!(
                f,
                "{}: {summary} · {}; nothing back since",
                done_for_you(kind),
                ago(*days_ago)
            ),
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
            Reason::Inbox {
                file,
                line,
                seen,
                why,
                ..
            } => write!(
                f,
                "from {file}, {}: `{line}` — {why}",
                seen.format("%-d %b")
            ),
            Reason::MeetTomorrow {
                date,
                summary,
                bring,
            } => {
                write!(
                    f,
                    "you meet tomorrow ({}): {summary}",
                    date.format("%a %-d %b")
                )?;
                if !bring.is_empty() {
                    write!(f, " · bring: {}", bring.join("; "))?;
                }
                Ok(())
            }
            Reason::Resolve { clashes } => {
                write!(f, "the copies disagreed: ")?;
                match clashes.as_slice() {
                    [] => write!(f, "see the notes"),
                    [one] => write!(f, "{one}"),
                    [first, rest @ ..] => write!(f, "{first} (and {} more)", rest.len()),
                }
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

#[cfg(test)]
mod tests {
    use super::{ago, days};

    #[test]
    fn spans_of_days_read_in_the_right_number() {
        assert_eq!(ago(0), "today");
        assert_eq!(ago(1), "yesterday");
        assert_eq!(ago(5), "5 days ago");
        assert_eq!(ago(-1), "in 1 day");
        assert_eq!(ago(-3), "in 3 days");
        assert_eq!(days(1), "1 day");
        assert_eq!(days(2), "2 days");
    }
}
