//! `contacts sync DIR`: the whole round trip with a vdir a phone syncs with
//! (through vdirsyncer and a CardDAV server): what changed there comes in
//! three-way, then the book goes out, so one command leaves both agreeing.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

use kith::export;
use kith::import::{self, Source};

use super::Setup;
use super::import::to_anyhow;

#[derive(Debug, Args)]
pub struct ContactsArgs {
    #[command(subcommand)]
    command: ContactsCommand,
}

#[derive(Debug, Subcommand)]
enum ContactsCommand {
    /// Bring a vdir's changes in (a change there replaces, a removal removes,
    /// a deleted card archives its person), then write the book into it.
    Sync {
        /// The vdir: a folder of .vcf files, one per person (a vdirsyncer
        /// collection); made when missing.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Print what the import would do and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn run(setup: &Setup, a: ContactsArgs) -> Result<ExitCode> {
    let ContactsCommand::Sync { dir, dry_run } = a.command;
    let has_cards = dir.is_dir() && import::recognise_path(&dir).is_ok();
    if has_cards {
        let parsed = import::parse_path(Source::VCard, &dir).map_err(to_anyhow)?;
        let (mut store, mut book) = setup.open()?;
        let report =
            import::import(&mut store, &mut book, parsed, "", dry_run).map_err(to_anyhow)?;
        match dry_run {
            true => outln!("dry run, nothing written: {report}{}", report.names()),
            false => outln!("in: {report}"),
        }
    }
    if dry_run {
        return Ok(ExitCode::SUCCESS);
    }
    let book = setup.read()?;
    let r = export::vdir::write(&book, &dir)
        .with_context(|| format!("writing the vdir {}", dir.display()))?;
    super::export::say_vdir(&r, &dir);
    Ok(ExitCode::SUCCESS)
}
