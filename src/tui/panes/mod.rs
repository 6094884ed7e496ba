//! The tabs' panes, the bottom of the layer stack: the lists they show
//! ([`lists`], computed once per change, viewed through [`view`]'s sort and
//! filters), their cursors, and one file per pane drawing it.

pub mod coffee;
pub mod cursor;
pub mod lists;
pub mod people;
pub mod review;
pub mod timeline;
pub mod view;
