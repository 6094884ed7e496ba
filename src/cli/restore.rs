//! `kith restore [N]`: a backup back as the book. With no number it lists the
//! backups and what each holds (and, on a terminal, offers the newest that
//! reads); with one it puts that backup back. The file it replaces, if any,
//! is moved aside, never deleted, and no backup turns over.

use anyhow::Result;
use clap::Args;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use kith::store::{Restored, backups, restore, start_empty};
use kith::text::visible;

use super::{BadInput, Setup};

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to bring back, as `kith restore` numbers them (1 is the newest).
    number: Option<usize>,
    /// Start a new, empty book where the book is missing (kith refuses to take a missing book for a new one).
    #[arg(long, conflicts_with = "number")]
    empty: bool,
}

pub fn run(setup: &Setup, a: RestoreArgs) -> Result<ExitCode> {
    let book = visible(&setup.file.display().to_string()).into_owned();
    if a.empty {
        start_empty(&setup.file)?;
        outln!("started a new, empty book at {book}");
        return Ok(ExitCode::SUCCESS);
    }
    let target = kith::store::follow_link(&setup.file).unwrap_or_else(|_| setup.file.clone());
    let found = backups(&target);
    let number = match a.number {
        Some(n) => n,
        None => {
            if found.is_empty() {
                errln!("kith: no backups beside {book}");
                return Ok(ExitCode::from(1));
            }
            outln!("backups of {book}, newest first:");
            for b in &found {
                outln!("  {}", visible(&b.to_string()));
            }
            let Some(best) = found.iter().find(|b| b.intact()) else {
                errln!("kith: none of them reads cleanly; nothing to restore");
                return Ok(ExitCode::from(1));
            };
            if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
                outln!("`kith restore N` puts backup N back as the book");
                return Ok(ExitCode::SUCCESS);
            }
            print!("restore {} as the book? [y/N] ", best.number);
            let _ = std::io::stdout().flush();
            let mut answer = String::new();
            std::io::stdin().lock().read_line(&mut answer)?;
            if !matches!(answer.trim(), "y" | "Y" | "yes") {
                outln!("nothing restored");
                return Ok(ExitCode::SUCCESS);
            }
            best.number
        }
    };
    if number == 0 {
        return Err(
            BadInput("backups are numbered from 1 (`kith restore` lists them)".into()).into(),
        );
    }
    let restored = restore(&setup.file, number)?;
    say_restored(&book, &restored);
    Ok(ExitCode::SUCCESS)
}

/// `restored .kith.ron.kith-1 as kith.ron: 50 people, 210 entries, saved …`
pub fn say_restored(book: &str, restored: &Restored) {
    outln!(
        "restored {} as {book}: {}",
        visible(&restored.backup.name()),
        visible(&restored.backup.summary())
    );
    if let Some(kept) = &restored.kept {
        outln!(
            "the file that was there is kept as {}",
            visible(&kept.display().to_string())
        );
    }
}
