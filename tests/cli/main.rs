//! The `kith` binary from the command line: each module runs the real binary
//! on temp books (and, for git and CardDAV, real git, Radicale and
//! vdirsyncer) and reads its output and the files it left. One binary for
//! all of them, so the suite links kith once here, not once per file.
//!
//!     cargo test --test cli              # all of them
//!     cargo test --test cli edit::       # one module

/// The helpers shared with the other test binaries (`tests/common/`): this
/// binary uses the CLI runner, and the pseudo-terminal for the one command
/// that prompts on a terminal.
#[path = "../common"]
mod common {
    pub mod cli;
    #[allow(
        dead_code,
        reason = "only `kith show`'s prompt runs in a terminal here; the rest serves tests/tui"
    )]
    pub mod pty;
}

mod basics;
mod carddav_roundtrip;
mod conflict_copies;
mod demo;
mod edit;
mod find;
mod git_setup;
mod git_two_clones;
mod hostile_text;
mod ids;
mod import_export;
mod inbox;
mod intros;
mod io;
mod log;
mod merge_books;
mod names;
mod pipe;
mod restore;
mod review;
mod store;
mod sync;
mod touches;
