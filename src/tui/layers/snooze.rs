//! The review's snooze chooser and its date field.

pub mod draw;
