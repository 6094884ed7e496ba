//! `kith completions SHELL`: shell completions, generated from the same clap
//! definitions as `--help` (clap_complete); `kith man` is in `man.rs`. The
//! output is our own text, not the book's, so it is written straight to
//! stdout rather than through `outln!`.

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
