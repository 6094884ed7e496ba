//! `kith inbox [--dry-run]`: applies what is new in the phone's inbox (the
//! `inbox/` folder beside the book), prints each entry as `kith log` does,
//! then what waits and why. Exit 1 while any line waits.

use anyhow::Result;
use clap::Args;
use std::process::ExitCode;

use kith::capture::{Capture, preview};
use kith::inbox::{Plan, folder, plan, read_dir};
use kith::text::visible;

use super::Setup;

#[derive(Debug, Args)]
pub struct InboxArgs {
    /// Show what would be applied and what would wait, without saving.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(setup: &Setup, a: InboxArgs) -> Result<ExitCode> {
    let kinds = setup.config.kinds();
    let (mut store, mut book) = setup.open()?;
    let target = kith::store::follow_link(store.path())?;
    let dir = folder(&target, setup.config.inbox.as_deref());
    let shown_dir = visible(&dir.display().to_string()).into_owned();
    let (devices, problems) = read_dir(&dir);
    for p in &problems {
        errln!("kith: inbox: {}", visible(&p.to_string()));
    }
    if devices.is_empty() && problems.is_empty() && book.inbox.waiting.is_empty() {
        outln!("the inbox {shown_dir} has no device files (*.txt, *.md): nothing to apply");
        return Ok(ExitCode::SUCCESS);
    }
    let first = plan(&book, &devices, &kinds, setup.today);
    // Nothing new: no save (a save would turn the backups over for nothing).
    let planned = if a.dry_run || first.is_empty() {
        first
    } else {
        let mut planned = Plan::default();
        store.update(&mut book, |fresh| {
            planned = plan(fresh, &devices, &kinds, setup.today);
            Ok(planned.op())
        })?;
        planned
    };
    let verb = if a.dry_run { "would apply" } else { "applied" };
    for applied in &planned.applied {
        let line = devices
            .iter()
            .find(|d| d.name == applied.file)
            .and_then(|d| d.lines.iter().find(|l| l.number == applied.number));
        let shown = match (a.dry_run, book.entry(applied.entry), line) {
            (false, Some(entry), _) => {
                let saved = preview(&Capture::from_entry(entry), &book, setup.today);
                format!("{}  {}  {saved}", entry.id, entry.date)
            }
            (_, _, Some(line)) => visible(&line.text).into_owned(),
            _ => String::new(),
        };
        outln!(
            "{verb} {}:{}  {shown}",
            visible(&applied.file),
            applied.number
        );
    }
    for w in &planned.waiting {
        outln!(
            "waiting  {}, {}: {}  — {}",
            visible(&w.file),
            w.seen.format("%-d %b"),
            visible(&w.line),
            visible(&w.why)
        );
    }
    if planned.applied.is_empty() && planned.waiting.is_empty() {
        outln!("nothing new in {shown_dir}");
    }
    if !planned.waiting.is_empty() {
        errln!(
            "{} waiting: fix the name in the book or on the phone, or settle them in the review (r)",
            kith::text::count(planned.waiting.len(), "line", "lines")
        );
        return Ok(ExitCode::from(1));
    }
    if !problems.is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
