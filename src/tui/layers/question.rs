//! A yes/no question over whatever is below it.

pub mod draw;
