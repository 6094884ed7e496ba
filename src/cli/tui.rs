//! `kith` with no subcommand (and `kith demo`): the terminal UI. A book that
//! does not load never opens the TUI; the error is printed and kith exits 2.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;

pub fn open(ctx: &Ctx, demo: bool) -> Result<ExitCode> {
    open_on(ctx, demo, kith::tui::Tab::People)
}

/// The TUI on `tab` (`kith review`: the Review tab).
pub fn open_on(ctx: &Ctx, demo: bool, tab: kith::tui::Tab) -> Result<ExitCode> {
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
