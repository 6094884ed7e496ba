//! The book on disk and merged: the fast reader and writer against ron,
//! round trips, damaged files, edits made by others between load and save,
//! the three-way merge against random histories, and the SIGKILL harness
//! (ignored: a measurement; see `kill.rs` for how to run it). One binary for
//! all of them, so the suite links kith once here, not once per file.

mod fast;
mod kill;
mod merge_props;
mod mutation;
mod near_copy;
mod outside_edit;
mod roundtrip;
