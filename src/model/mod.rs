//! The domain: people, entries, kinds, the book that holds them, and the facts
//! derived from them. Nothing here knows about terminals; everything that depends
//! on "now" takes `today` as an argument.

mod address;
mod birthday;
mod book;
mod cadence;
mod date_field;
pub use date_field::parse as parse_book_date;
mod delete;
mod dismissed;
mod edit;
mod entry;
mod facts;
pub mod fields;
mod give_take;
pub mod id;
mod inbox;
mod kind;
pub mod lineage;
mod merge;
mod one_line;
mod ops;
mod people;
mod person;
pub mod review;

pub use address::Address;
pub use birthday::{Birthday, BirthdayError};
pub use book::{Book, FORMAT_VERSION, ShiftError, survivor};
pub use cadence::{Cadences, cadence_of};
pub use delete::delete_op;
pub use dismissed::{DismissedIntro, need_key, same_need};
pub(crate) use edit::person_fields;
pub use edit::{PersonEdit, PersonField};
pub use entry::{Direction, Entry, EntryId, Origin};
pub use facts::{Facts, Index, PersonFacts};
pub use give_take::{Balance, GiveTake, give_take};
pub use inbox::{Inbox, InboxLine, LineState, TAKEN_BACK, entry_id_for, line_key};
pub use kind::{Kind, KindDef, Kinds, Weight};
pub use lineage::{Lineage, Rev};
pub use merge::merge_op;
pub use one_line::OneLine;
pub use ops::{Op, OpError};
pub use people::People;
pub use person::{CLASH_PREFIX, HowMet, Person, PersonId};
pub mod touches;
pub use review::{
    Handled, Reason, ReviewItem, ReviewProgress, ReviewSession, ReviewStep, SnoozeChoice, Summary,
    queue,
};
pub use touches::{Imported, Logged, Meeting, Meetings};
