//! The `kith` binary: parse the command line, run a subcommand or the TUI.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
