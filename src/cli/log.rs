//! `kith log "LINE"`: the quick-capture line from the shell.

use anyhow::Result;
use clap::Args;
use std::process::ExitCode;

use kith::capture::{Capture, CaptureError, Parsed, Who, parse_spanned, preview};
use kith::model::{Book, EntryId, Op, OpError, PersonId};

use super::Ctx;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// One capture line, e.g. "@alice favor: reviewed her pitch deck -2d !+1w".
    #[arg(allow_hyphen_values = true)]
    line: String,
    /// Add people named with @ who are not in the book yet.
    #[arg(long)]
    create: bool,
    /// Log a deed dated after today (refused without it: a deed is logged once done).
    #[arg(long)]
    future: bool,
}

/// Saves the line's entry and prints it (`e12  2026-11-24  favor · gave · …`),
/// after a line per person `--create` added (`created p43  Zed Example`);
/// a bad line prints itself, a caret under the problem and what is wrong, and
/// exits 2 without writing.
pub fn run(ctx: &Ctx, a: LogArgs) -> Result<ExitCode> {
    let kinds = ctx.config.kinds();
    let (mut store, mut book) = ctx.open()?;
    let check = |book: &Book| -> Result<Parsed, CaptureError> {
        let parsed = parse_spanned(&a.line, ctx.today, book, &kinds)?;
        if !a.create {
            parsed.require_known()?;
        }
        if !a.future {
            parsed.require_confirmed()?;
        }
        Ok(parsed)
    };
    match check(&book) {
        Err(e) => {
            errln!("{}", e.caret(&a.line));
            if e.needs_confirmation() {
                errln!("(--future logs it anyway)");
            }
            return Ok(ExitCode::from(2));
        }
        Ok(parsed) => {
            for (who, meant) in parsed.capture.people.iter().zip(&parsed.meant) {
                if let (Who::New(name), [(_, first), ..]) = (who, meant.as_slice()) {
                    errln!("kith: note: adding \"{name}\"; did you mean {first}?");
                }
            }
        }
    }
    // Parsed again on the freshest book, under the lock, so new people get
    // ids nobody else took and names resolve against what is on disk.
    let mut id = EntryId(0);
    let mut created = Vec::new();
    store.update(&mut book, |fresh| {
        let parsed = check(fresh).map_err(|e| OpError::Rejected(e.to_string()))?;
        id = fresh.next_entry_id();
        let op = parsed.capture.to_op(fresh);
        created = added_people(&op);
        Ok(op)
    })?;
    for person in created {
        outln!("created {person}  {}", book.name_of(person));
    }
    let entry = book.entry(id).expect("the entry was just saved");
    let saved = preview(&Capture::from_entry(entry), &book, ctx.today);
    outln!("{id}  {}  {saved}", entry.date);
    Ok(ExitCode::SUCCESS)
}

/// The people `op` adds, in order.
fn added_people(op: &Op) -> Vec<PersonId> {
    match op {
        Op::AddPerson(person) => vec![person.id],
        Op::Batch(ops) => ops.iter().flat_map(added_people).collect(),
        _ => Vec::new(),
    }
}
