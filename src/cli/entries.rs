//! `kith done ID` and `kith delete ID`: an entry by the id `log`, `show` and
//! the TUI print (`e12`, `ek7f3qa2x`).

use anyhow::Result;
use clap::Args;
use std::process::ExitCode;

use kith::capture::{Capture, preview};
use kith::model::{Book, Entry, EntryId, Op, OpError};

use super::confirm::confirm;
use super::{BadInput, Setup};

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The entry's id (e12), as `kith log` and `kith show` print it.
    id: String,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The entry's id (e12), as `kith log` and `kith show` print it.
    id: String,
    /// Delete without asking (needed off a terminal).
    #[arg(long)]
    yes: bool,
}

/// Marks a promise kept or a follow-up made, today; prints the entry.
/// Exit 2 for an id that names no entry or an entry that cannot be done.
pub fn done(setup: &Setup, a: DoneArgs) -> Result<ExitCode> {
    let (mut store, mut book) = setup.open()?;
    let id = entry_id(&book, &a.id)?;
    let entry = book.entry(id).expect("entry_id found it");
    if entry.done {
        outln!("{} is done already", line(entry, &book, setup));
        return Ok(ExitCode::SUCCESS);
    }
    if !entry.can_be_done() {
        return Err(BadInput(format!(
            "{}: only a promise or a follow-up can be done",
            line(entry, &book, setup)
        ))
        .into());
    }
    store.update(&mut book, |_| Ok(Op::SetDone(id, Some(setup.today))))?;
    let entry = book.entry(id).expect("the entry was just saved");
    outln!("done: {}", line(entry, &book, setup));
    Ok(ExitCode::SUCCESS)
}

/// Deletes an entry after showing it and asking (`--yes` off a terminal).
/// The entry as shown is what goes: changed since, it is left (exit 2).
pub fn delete(setup: &Setup, a: DeleteArgs) -> Result<ExitCode> {
    let (mut store, mut book) = setup.open()?;
    let id = entry_id(&book, &a.id)?;
    let entry = book.entry(id).expect("entry_id found it").clone();
    outln!("{}", line(&entry, &book, setup));
    if !confirm(a.yes, &format!("delete {id}?"))? {
        outln!("nothing deleted");
        return Ok(ExitCode::SUCCESS);
    }
    store.update(&mut book, |_| Ok(Op::RemoveEntry(Box::new(entry))))?;
    outln!("deleted {id} (kith undo brings it back)");
    Ok(ExitCode::SUCCESS)
}

/// The entry `text` names, in `book`.
fn entry_id(book: &Book, text: &str) -> Result<EntryId, BadInput> {
    let id = EntryId::parse(text.trim()).ok_or_else(|| {
        BadInput(format!(
            "{text}: not an entry id (e12, as kith log and kith show print them)"
        ))
    })?;
    match book.entry(id) {
        Some(_) => Ok(id),
        None => Err(BadInput(OpError::NoEntry(id).to_string())),
    }
}

/// `e12  2026-11-24  favor · gave · Alice García · …`, as `kith log` prints it.
fn line(entry: &Entry, book: &Book, setup: &Setup) -> String {
    let saved = preview(&Capture::from_entry(entry), book, setup.today);
    format!("{}  {}  {saved}", entry.id, entry.date)
}
