//! `kith` with no subcommand (and `kith demo`): the terminal UI. A book that
//! does not load never opens the TUI; the error is printed and kith exits 2.

use anyhow::Result;
use std::io::IsTerminal;
use std::mem::ManuallyDrop;
use std::process::ExitCode;

use kith::store::StoreError;
use kith::text::visible;
use kith::tui::{Exit, RestoreOffer};

use super::Setup;

/// No terminal to draw on (`kith </dev/null`, `kith | less`): exit code 1.
#[derive(Debug, thiserror::Error)]
#[error(
    "this needs a terminal to draw its screen on; without one, try `kith list`, `kith find NAME` or `kith --help`"
)]
pub struct NoTerminal;

pub fn open(setup: &Setup) -> Result<ExitCode> {
    open_on(setup, kith::tui::Tab::People)
}

/// The TUI on `tab` (`kith review`: the Review tab).
pub fn open_on(setup: &Setup, tab: kith::tui::Tab) -> Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        // A bad key binding in the config is still the thing to say first.
        check_keys(setup)?;
        return Err(NoTerminal.into());
    }
    let demo = setup.demo;
    let (store, book, restore, refused) = match setup.open() {
        Ok((mut store, book)) => {
            // The TUI has its own undo history; `kith undo` is the command line's.
            store.remember_undo(false);
            (store, book, None, None)
        }
        Err(err) => {
            let Some(offer) = err.downcast_ref::<StoreError>().and_then(restore_offer) else {
                return Err(err);
            };
            let store = kith::store::Store::held(&setup.file, setup.today);
            (store, Default::default(), Some(offer), Some(err))
        }
    };
    let exit = kith::tui::run_on(
        kith::tui::Launch {
            store,
            book: ManuallyDrop::into_inner(book),
            config: setup.config.clone(),
            config_file: setup.config_file.clone(),
            today: setup.today,
            demo,
            restore,
        },
        tab,
    )?;
    match (exit, refused) {
        (Exit::Restore(number), _) => {
            let restored = kith::store::restore(&setup.file, number)?;
            let book = visible(&setup.file.display().to_string()).into_owned();
            super::restore::say_restored(&book, &restored);
            open_on(setup, tab)
        }
        (Exit::Refused, Some(err)) => Err(err),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The question the TUI asks at start when the book is missing or cut
/// short and a backup reads cleanly: which backup, and what it holds.
fn restore_offer(err: &StoreError) -> Option<RestoreOffer> {
    let (path, why, keep) = match err {
        StoreError::Missing { path, .. } => (path, "is missing", None),
        StoreError::CutShort { error, .. } => (
            &error.path,
            "looks cut short",
            Some("The cut file is kept beside it."),
        ),
        _ => return None,
    };
    let backups = match err {
        StoreError::Missing { traces, .. } => &traces.backups,
        StoreError::CutShort { backups, .. } => backups,
        _ => return None,
    };
    let best = backups.iter().find(|b| b.intact())?;
    let name = path
        .file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy();
    let mut lines = vec![
        format!("{} {why}.", visible(&name)),
        format!("Backup {}: {}.", best.number, best.contents()),
    ];
    if let Some(saved) = best.saved {
        lines.push(format!("Saved {}.", kith::store::when(saved)));
    }
    lines.push("Bring it back as the book? No leaves kith.".into());
    lines.extend(keep.map(String::from));
    Some(RestoreOffer {
        number: best.number,
        lines,
    })
}

/// The config's key bindings, checked as the TUI would check them.
fn check_keys(setup: &Setup) -> Result<()> {
    if setup.config.keys.is_empty() {
        return Ok(());
    }
    kith::tui::keymap_for(&setup.config, setup.config_file.as_ref())
        .map_err(kith::tui::TuiError::from)?;
    Ok(())
}
