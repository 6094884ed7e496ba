//! A person's card over the panes, with their whole timeline.

pub mod draw;
