//! The daily review: a queue of who needs something from you today
//! ([`queue`]), why ([`Reason`]), and the progress through it, kept in the book
//! ([`ReviewProgress`]) and walked one person at a time ([`ReviewSession`]).
//! Each review action is one undoable [`Op`](crate::model::Op): [`done`],
//! [`snooze`], [`skip`], [`logged`].

mod progress;
mod queue;
mod reason;
mod respond;
mod rules;
mod session;

pub use progress::{
    Handled, ReviewProgress, SNOOZES_BEFORE_LENGTHENING, SnoozeChoice, Summary, cadence_streak,
    closing_entries, done, lengthened, logged, record, skip, snooze, snooze_until,
};
pub use queue::{BIRTHDAY_DAYS, ReviewDay, day, queue, reasons, unreturned};
pub use reason::{Reason, ReviewItem, done_for_you};
pub use respond::{Response, release, respond};
pub use rules::ReviewRules;
pub use session::{RECENT_ENTRIES, ReviewSession, ReviewStep};

// Unit tests, in a folder of their own beside the code.
#[cfg(test)]
#[path = "tests/progress.rs"]
mod tests_progress;
#[cfg(test)]
#[path = "tests/queue.rs"]
mod tests_queue;
#[cfg(test)]
#[path = "tests/simulation.rs"]
mod tests_simulation;
