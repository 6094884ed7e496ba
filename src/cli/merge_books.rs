//! `merge-books BASE OURS THEIRS [NAME]`: git's merge driver for the book
//! (`merge-books %O %A %B %P`). Reads the three copies, merges them
//! ([`kith::sync::merge3_owned`]) and writes the result over OURS, which is what
//! git takes as the merge. A copy that does not parse stops it with the
//! file, line and column (exit 2) and OURS untouched, so git reports a
//! conflict instead of committing a broken book.
//!
//! Only the three files named are read: not `--file`/`KITH_FILE`, not the
//! config. git's copies are temp files (`.merge_file_AbC123`) in the work
//! tree: those are written without a lock file or backups beside them, which
//! would be litter there; any other OURS is saved as every book is.

use anyhow::Result;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kith::model::Book;
use kith::store::{
    StoreError, load_book, read_book_file, read_copy_bytes, write_book, write_book_once,
};
use kith::sync::near_copy::{merge3_near, near};
use kith::sync::{Merged, RecordId, Report, merge_added_apart, merge3_owned};
use kith::text::{count, visible};

use super::BadInput;

#[derive(Debug, Args)]
pub struct MergeBooksArgs {
    /// The common ancestor (git's %O); an empty file is an empty book.
    base: PathBuf,
    /// This copy (git's %A): the merged book is written over it.
    ours: PathBuf,
    /// The other copy (git's %B).
    theirs: PathBuf,
    /// The book's name in messages (git's %P; default: OURS).
    name: Option<PathBuf>,
}

pub fn run(a: MergeBooksArgs) -> Result<ExitCode> {
    // All three are read before anything is written.
    let merged = match merge_near(&a) {
        Some(merged) => merged,
        None => merge_whole(&a)?,
    };
    let Merged { book, report } = merged;
    if is_git_temp(&a.ours) {
        write_book_once(&a.ours, &book)?;
    } else {
        write_book(&a.ours, &book)?;
    }
    let name = a.name.as_deref().unwrap_or(&a.ours);
    errln!("kith: merged {}: {}", name.display(), summary(&report));
    Ok(ExitCode::SUCCESS)
}

/// The merge when both copies are the base with a few lines changed (as
/// they mostly are): the base read whole, of each copy only the lines that
/// differ from the base's, so the three books are never held at once (see
/// [`kith::sync::near_copy`]). `None` when that is not plain: the three are
/// then read whole, as ever, and any error is that reading's.
fn merge_near(a: &MergeBooksArgs) -> Option<Merged> {
    let (_, text) = read_copy_bytes(&a.base).ok()?;
    let loaded = load_book(&a.base, &text).ok()?;
    let base = loaded.book;
    let empty = base.people.is_empty() && base.entries.is_empty() && base.merged.is_empty();
    if !loaded.warnings.is_empty() || empty {
        return None;
    }
    let seen = std::str::from_utf8(&text).ok()?;
    let side = |path: &Path| near(&base, seen, &read_copy_bytes(path).ok()?.1);
    let (ours, theirs) = (side(&a.ours)?, side(&a.theirs)?);
    drop(text);
    merge3_near(base, ours, theirs)
}

/// The three copies read whole and merged.
fn merge_whole(a: &MergeBooksArgs) -> Result<Merged> {
    let base = read(&a.base, true)?;
    let ours = read(&a.ours, false)?;
    let theirs = read(&a.theirs, false)?;
    // Both sides added the book (git's add/add: an empty %O): there is no
    // common version, and against an empty one every record both hold
    // differently would be two additions under one id. A record whose
    // lineages show one history is one record, merged as kith sync merges
    // a conflict copy; others are two, as before.
    let no_base = base.people.is_empty() && base.entries.is_empty() && base.merged.is_empty();
    Ok(if no_base {
        merge_added_apart(&ours, &theirs)
    } else {
        merge3_owned(base, ours, theirs)
    })
}

/// One copy, read as the store reads the book (`file:line:col` errors).
fn read(path: &Path, empty_is_a_book: bool) -> Result<Book> {
    let loaded = read_book_file(path, empty_is_a_book).map_err(|e| -> anyhow::Error {
        match e {
            // A path typed wrong is bad input, like a copy that does not parse.
            StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                BadInput(format!(
                    "{}: no such file",
                    visible(&path.display().to_string())
                ))
                .into()
            }
            e => e.into(),
        }
    })?;
    for w in &loaded.warnings {
        errln!("kith: warning: {w}");
    }
    Ok(loaded.book)
}

/// git's temp files for a merge driver: `.merge_file_` and six characters.
fn is_git_temp(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".merge_file_"))
}

/// What the merge took from the other side and what needs a look, in one
/// line: `3 people and 12 entries from the other side, 1 clash (p4 title),
/// kept in notes`.
pub(super) fn summary(r: &Report) -> String {
    let (people, entries) = (r.theirs.people.total(), r.theirs.entries.total());
    let mut parts = vec![if people + entries == 0 {
        "nothing new from the other side".to_string()
    } else {
        format!(
            "{} and {} from the other side",
            count(people, "person", "people"),
            count(entries, "entry", "entries")
        )
    }];
    if !r.clashes.is_empty() {
        let named = |c: &kith::sync::Clash| match c.record {
            Some(RecordId::Entry(_)) => c.what(),
            _ => format!("{} {}", c.person, c.field),
        };
        parts.push(format!(
            "{} ({}), kept in notes",
            count(r.clashes.len(), "clash", "clashes"),
            listed(r.clashes.iter().map(named))
        ));
    }
    if !r.renumbered.is_empty() {
        let moved = r
            .renumbered
            .iter()
            .map(|n| format!("{} → {}", n.from, n.to));
        parts.push(format!(
            "{} added on both sides under one id re-numbered ({})",
            count(r.renumbered.len(), "record", "records"),
            listed(moved)
        ));
    }
    if !r.disagreed.is_empty() {
        let kept = r
            .disagreed
            .iter()
            .map(|d| format!("{} → {}, not {}", d.from, d.kept, d.lost));
        parts.push(format!(
            "{} merged into different people on the two sides, one merge kept ({}), said in notes",
            count(r.disagreed.len(), "person", "people"),
            listed(kept)
        ));
    }
    if !r.resurrected.is_empty() {
        parts.push(format!(
            "{} deleted on one side kept, still named ({})",
            count(r.resurrected.len(), "person", "people"),
            listed(r.resurrected.iter().map(ToString::to_string))
        ));
    }
    if !r.unmerged.is_empty() {
        parts.push(format!(
            "{} undone, the person merged into is gone ({})",
            count(r.unmerged.len(), "merge", "merges"),
            listed(r.unmerged.iter().map(ToString::to_string))
        ));
    }
    if !r.dropped.is_empty() {
        parts.push(format!(
            "{} left naming nobody dropped ({})",
            count(r.dropped.len(), "entry", "entries"),
            listed(r.dropped.iter().map(ToString::to_string))
        ));
    }
    parts.join(", ")
}

/// The first few items, `, `-joined, and how many more.
fn listed(items: impl ExactSizeIterator<Item = String>) -> String {
    const SHOWN: usize = 3;
    let n = items.len();
    let mut text: Vec<String> = items.take(SHOWN).collect();
    if n > SHOWN {
        text.push(format!("{} more", n - SHOWN));
    }
    text.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use kith::model::PersonId;
    use kith::sync::{Clash, Counts, SideCounts};

    #[test]
    fn the_summary_says_what_came_and_what_clashed() {
        let mut r = Report {
            theirs: SideCounts {
                people: Counts {
                    added: 2,
                    changed: 1,
                    deleted: 0,
                },
                entries: Counts {
                    added: 12,
                    ..Counts::default()
                },
            },
            ..Report::default()
        };
        r.clashes.push(Clash {
            person: PersonId(4),
            record: None,
            field: "title",
            winner: "CTO".into(),
            other: "CEO".into(),
        });
        assert_eq!(
            summary(&r),
            "3 people and 12 entries from the other side, 1 clash (p4 title), kept in notes"
        );
        assert_eq!(
            summary(&Report::default()),
            "nothing new from the other side"
        );
    }

    #[test]
    fn gits_temp_files_are_recognised() {
        assert!(is_git_temp(Path::new(".merge_file_AbC123")));
        assert!(is_git_temp(Path::new("/repo/.merge_file_x")));
        assert!(!is_git_temp(Path::new("kith.ron")));
    }
}
