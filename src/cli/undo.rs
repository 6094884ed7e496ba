//! `kith undo`: takes back the last change a kith command made (a log, an
//! edit, an add, a delete …), once. It says what it will undo, asks on a
//! terminal (`--yes` otherwise), and applies the change's inverse to the
//! freshest book: a record changed since is left as it is and said so.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use std::process::ExitCode;

use kith::capture::{Capture, preview};
use kith::model::{Book, Entry, Op};

use super::Setup;
use super::confirm::confirm;

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Undo without asking (needed off a terminal).
    #[arg(long)]
    yes: bool,
}

/// Exit 0 when undone (or the user said no), 1 with nothing to undo, 2 when
/// what the change touched has changed since (nothing undone).
pub fn run(setup: &Setup, a: UndoArgs) -> Result<ExitCode> {
    let (mut store, mut book) = setup.open()?;
    let Some(inverse) = store.pending_undo()? else {
        errln!("kith: nothing to undo");
        return Ok(ExitCode::from(1));
    };
    outln!("undo the last change:");
    for line in describe(&inverse, &book, setup.today) {
        outln!("  {line}");
    }
    if !confirm(a.yes, "undo it?")? {
        outln!("nothing undone");
        return Ok(ExitCode::SUCCESS);
    }
    let applied = store.undo(&mut book, &inverse)?;
    for surprise in inverse.surprises(&applied.inverse) {
        errln!("kith: note: {surprise}");
    }
    outln!("undone");
    Ok(ExitCode::SUCCESS)
}

/// What applying `inverse` does, a line per change (at most six).
fn describe(inverse: &Op, book: &Book, today: NaiveDate) -> Vec<String> {
    const SHOWN: usize = 6;
    let mut lines = Vec::new();
    describe_into(inverse, book, today, &mut lines);
    if lines.is_empty() {
        lines.push("nothing in the book (a change that changed nothing)".into());
    }
    if lines.len() > SHOWN {
        let more = lines.len() - (SHOWN - 1);
        lines.truncate(SHOWN - 1);
        lines.push(format!("… and {more} more"));
    }
    lines
}

fn describe_into(op: &Op, book: &Book, today: NaiveDate, out: &mut Vec<String>) {
    let entry = |e: &Entry| {
        let saved = preview(&Capture::from_entry(e), book, today);
        format!("{}  {}  {saved}", e.id, e.date)
    };
    let name = |id| book.name_of(id);
    out.push(match op {
        Op::RemoveEntry(e) => format!("take back entry {}", entry(e)),
        Op::AddEntry(e) => format!("bring back entry {}", entry(e)),
        Op::UpdateEntry(e) => format!("put back entry {}", entry(e)),
        Op::ReplaceEntry { with, .. } => format!("put back entry {}", entry(with)),
        Op::DeleteEntry(id) => format!("delete entry {id}"),
        Op::SetDone(id, None) => format!("open {id} again (not done)"),
        Op::SetDone(id, Some(day)) => format!("mark {id} done on {day} again"),
        Op::SetReleased(id, None) => format!("open {id} again (not released)"),
        Op::SetReleased(id, Some(_)) => format!("release {id} again"),
        Op::RemovePerson(p) => format!("take back {} ({})", p.name, p.id),
        Op::AddPerson(p) => format!("bring back {} ({})", p.name, p.id),
        Op::DeletePerson(id) => format!("delete {} ({id})", name(*id)),
        Op::UpdatePerson(p) => format!("put back {} ({}) as they were", p.name, p.id),
        Op::EditPerson(edit) => {
            let fields: Vec<&str> = edit.fields.iter().map(|f| f.name()).collect();
            format!(
                "put back {}'s {} ({})",
                edit.before.name,
                fields.join(", "),
                edit.id
            )
        }
        Op::SetMerged(from, None) => format!("unmerge {}", from),
        Op::SetMerged(from, Some(into)) => format!("merge {from} into {} again", name(*into)),
        Op::Batch(ops) => {
            for op in ops {
                describe_into(op, book, today, out);
            }
            return;
        }
        // Bookkeeping that comes with a change (merge history, the review's
        // progress, inbox lines, calendar touches) is undone with it, unsaid.
        Op::SetLineage(_)
        | Op::SetReview(_)
        | Op::SetDismissed(..)
        | Op::SetInboxLine { .. }
        | Op::ApplyInboxLine(_)
        | Op::SetImported { .. }
        | Op::SetMeeting { .. } => return,
    });
}
