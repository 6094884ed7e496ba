//! The `?` overlay: every key of the layer underneath.

pub mod draw;
pub mod scroll;
