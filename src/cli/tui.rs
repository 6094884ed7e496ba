//! `kith` with no subcommand (and `kith demo`): the terminal UI. A book that
//! does not load never opens the TUI; the error is printed and kith exits 2.

use anyhow::Result;
use std::io::IsTerminal;
use std::process::ExitCode;

use super::Ctx;

/// No terminal to draw on (`kith </dev/null`, `kith | less`): exit code 1.
#[derive(Debug, thiserror::Error)]
#[error(
    "this needs a terminal to draw its screen on; without one, try `kith list`, `kith find NAME` or `kith --help`"
)]
pub struct NoTerminal;

pub fn open(ctx: &Ctx) -> Result<ExitCode> {
    open_on(ctx, kith::tui::Tab::People)
}

/// The TUI on `tab` (`kith review`: the Review tab).
pub fn open_on(ctx: &Ctx, tab: kith::tui::Tab) -> Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        // A bad key binding in the config is still the thing to say first.
        check_keys(ctx)?;
        return Err(NoTerminal.into());
    }
    let demo = ctx.demo;
    let (store, book) = ctx.open()?;
    kith::tui::run_on(
        kith::tui::Launch {
            store,
            book,
            config: ctx.config.clone(),
            config_path: ctx.config_path.clone(),
            today: ctx.today,
            demo,
        },
        tab,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The config's key bindings, checked as the TUI would check them.
fn check_keys(ctx: &Ctx) -> Result<()> {
    if ctx.config.keys.is_empty() {
        return Ok(());
    }
    let path = ctx
        .config_path
        .clone()
        .unwrap_or_else(|| "config.ron".into());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    kith::tui::Keymap::with_config(&ctx.config.keys, (&path, &text))
        .map_err(kith::tui::TuiError::from)?;
    Ok(())
}
