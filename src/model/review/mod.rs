//! The daily review: a queue of who needs something from you today
//! ([`queue`]), why ([`Reason`]), and the progress through it, kept in the book
//! ([`ReviewProgress`]) and walked one person at a time ([`ReviewSession`]).
//! Each review action is one undoable [`Op`](crate::model::Op): [`done`],
//! [`snooze`], [`skip`], [`logged`].

mod progress;
mod queue;
mod reason;
mod resolve;
mod session;

pub use progress::{
    Outcome, ReviewProgress, SNOOZES_BEFORE_LENGTHENING, SnoozeChoice, Summary, cadence_streak,
    closing_entries, done, lengthened, logged, record, skip, snooze, snooze_until,
};
pub use queue::{BIRTHDAY_DAYS, ReviewDay, day, queue, reasons};
pub use reason::{Reason, ReviewItem};
pub use resolve::{Resolution, promise_kept_by, release, resolve};
pub use session::{RECENT_ENTRIES, ReviewSession, ReviewStep};

#[cfg(test)]
mod tests_progress;
#[cfg(test)]
mod tests_queue;
#[cfg(test)]
mod tests_simulation;
