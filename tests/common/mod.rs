//! Helpers shared by the integration tests. Each test file that needs them
//! says `mod common;`.
#![allow(dead_code)]

pub mod cli;
pub mod people;
pub mod pty;
pub mod screen;
