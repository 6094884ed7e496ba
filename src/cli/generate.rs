//! `kith completions SHELL` and `kith man`: shell completions and a man page,
//! generated from the same clap definitions as `--help` (clap_complete,
//! clap_mangen). Their output is our own text, not the book's, so it is
//! written straight to stdout rather than through `outln!`.

use anyhow::Result;
use clap::{Args, CommandFactory};
use std::io::Write;
use std::process::ExitCode;

use super::Cli;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    shell: clap_complete::Shell,
}

/// Prints the completion script for a shell (see the README for where it goes).
pub fn completions(a: CompletionsArgs) -> Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(a.shell, &mut command, "kith", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Prints kith's man page (roff, section 1): its options and a section
/// listing every subcommand.
pub fn man() -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
