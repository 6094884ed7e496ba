//! Changing the book: every change is a commit ([`history`]) carried out by
//! the saver off the input thread ([`saver`]), whose outcome the app takes in
//! with each pane's selection kept by id ([`adopt`]).

pub mod adopt;
pub mod copies;
pub mod history;
pub mod inbox;
pub mod saver;
