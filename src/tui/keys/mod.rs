//! Keys as data: a key ([`key`]), what it asks for ([`action`]), and the
//! tables that map one to the other, rebindable from `config.ron` ([`keymap`]).

pub mod action;
mod defaults;
pub mod key;
pub mod keymap;
