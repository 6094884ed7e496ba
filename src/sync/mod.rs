//! One book on every machine: merging copies of the book that were changed
//! apart (issue 17). Pure: books in, a book and a report out; no files, no
//! clock. The CLI's `merge-books` (git's merge driver) is built on [`merge3`].
//!
//! - [`three_way`]: the merge itself, record by record, keyed by id;
//! - `base`: what the merge compares with, where a made-up base leaves
//!   out what both copies hold alike;
//! - `fate`: what becomes of one record from its three versions;
//! - `fields`: one person's or entry's fields, when both sides changed it;
//! - `ids`: ids both sides handed out for different records, re-numbered;
//! - `merges`: the merges of people of both sides, as one;
//! - `extras`: the dismissed introductions and today's review;
//! - `report`: what happened, for the CLI to print;
//! - `without_base`: a sync tool's conflict copy, merged with no ancestor;
//! - `diff`: the operation that turns one book into another (how a merge
//!   is applied through the store, and undone in the TUI);
//! - [`conflicts`]: conflict copies on disk, read, merged and put away;
//! - [`near_copy`]: a copy that is the book with a few lines changed,
//!   merged at the cost of those lines.

pub mod ancestors;
mod base;
pub mod conflicts;
mod diff;
mod extras;
mod fate;
mod fields;
pub(crate) use fields::merge_card;
mod ids;
mod merges;
pub mod near_copy;
mod rec;
mod report;
pub mod three_way;
mod without_base;

pub use diff::ops_between;
pub use report::{Clash, Counts, Disagreed, RecordId, Renumbered, Report, Side, SideCounts};
pub use three_way::{CLASH_PREFIX, Merged, merge3, merge3_owned};
pub use without_base::{merge_added_apart, merge_copy, merge_copy_with, neutral_base};
