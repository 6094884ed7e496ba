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

/// Prints the completion script for a shell (see the README for where it
/// goes): bash, zsh, fish, elvish and PowerShell get a script that asks
/// `kith` itself (`COMPLETE=SHELL kith -- …`), so names, tags and kinds come
/// from the book; the rest the static one clap writes.
pub fn completions(a: CompletionsArgs) -> Result<ExitCode> {
    use clap_complete::Shell;
    use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
    let mut out = std::io::stdout().lock();
    let dynamic: Option<&dyn EnvCompleter> = match a.shell {
        Shell::Bash => Some(&Bash),
        Shell::Zsh => Some(&Zsh),
        Shell::Fish => Some(&Fish),
        Shell::Elvish => Some(&Elvish),
        Shell::PowerShell => Some(&Powershell),
        _ => None,
    };
    match dynamic {
        Some(shell) => shell.write_registration("COMPLETE", "kith", "kith", "kith", &mut out)?,
        None => clap_complete::generate(a.shell, &mut Cli::command(), "kith", &mut out),
    }
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
