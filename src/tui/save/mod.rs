//! Changing the book: every change is a [`Commit`] ([`commit`]) sent by the
//! commit protocol ([`history`]) to the saver off the input thread
//! ([`saver`]); its outcome is taken in (`outcome`) with each pane's
//! selection kept by id ([`adopt`]), and the asking layer's [`Then`] is
//! carried out (`then`).

pub mod adopt;
pub mod commit;
pub mod conflict_copies;
pub mod history;
pub mod inbox;
mod outcome;
pub mod saver;
mod then;
pub mod touches;

pub use commit::{Commit, InFlight};
pub use then::Then;
