//! The terminal interface: whole screens drawn into a `TestBackend` and
//! compared with insta snapshots (`snapshots/`) at fixed sizes with a fixed
//! today, and, under `pty/`, the real binary driven with keystrokes in a
//! pseudo-terminal. One binary for all of them, so the suite links kith once
//! here, not once per file.
//!
//!     cargo test --test tui              # all of them
//!     cargo test --test tui pty::        # only the pseudo-terminal ones

/// The helpers shared with the other test binaries (`tests/common/`).
#[path = "../common"]
mod common {
    pub mod cli;
    pub mod people;
    pub mod pty;
    pub mod screen;
}

mod archived;
mod capture;
mod card;
mod filter;
mod finder;
mod help;
mod intros;
mod people;
mod pty;
mod review;
mod screens;
