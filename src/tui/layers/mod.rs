//! The popups over the panes, one file per layer: its state and its keys,
//! with its drawing beside it (`<layer>/draw.rs`).

pub mod capture;
pub mod card;
pub mod filter;
pub mod finder;
pub mod form;
pub mod help;
pub mod people_edit;
pub mod question;
pub mod snooze;
