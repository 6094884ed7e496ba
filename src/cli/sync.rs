//! `kith sync`: merges every conflict copy a sync tool (Syncthing, Dropbox,
//! Nextcloud) left beside the book into it, under the lock, in one save;
//! then moves each merged copy into `.NAME.kith-merged/` beside the
//! backups. Nothing is deleted: a copy that does not parse stays where it is,
//! named with its line and column (exit 2), and the others are merged.

use anyhow::Result;
use std::process::ExitCode;

use kith::store::PutAway;
use kith::sync::conflicts::sync_copies;
use kith::text::visible;

use super::Setup;

pub fn run(setup: &Setup) -> Result<ExitCode> {
    // This is the command the warning about copies points at: no warning.
    setup.copies_told.set(true);
    let (mut store, mut book) = setup.open()?;
    let paths = store.conflict_copies();
    if paths.is_empty() {
        outln!(
            "no conflict copies beside {}: nothing to merge",
            visible(&store.path().display().to_string())
        );
        return Ok(ExitCode::SUCCESS);
    }
    let synced = sync_copies(&mut store, &mut book, &paths)?;
    for e in &synced.unreadable {
        errln!("kith: {e}; left where it is");
    }
    let mut changed = false;
    for copy in synced.merged {
        let name = visible(&copy.path.display().to_string()).into_owned();
        let summary = super::merge_books::summary(&copy.report);
        match copy.put? {
            PutAway::Moved(to) => outln!(
                "merged {name}: {summary}; moved to {}",
                visible(&to.display().to_string())
            ),
            PutAway::PutBack(_) => {
                changed = true;
                errln!(
                    "kith: merged {name}: {summary}; but the sync tool rewrote it meanwhile, \
                     so what it holds now is not merged: left where it is (run kith sync again)",
                );
            }
            PutAway::KeptUnmerged(at) => {
                changed = true;
                errln!(
                    "kith: merged {name}: {summary}; but the sync tool rewrote it meanwhile and \
                     another copy took its name: what it held is not merged, kept at {} \
                     (move it back beside the book under another name to merge it)",
                    visible(&at.display().to_string())
                );
            }
        }
    }
    let errors = synced.unreadable;
    Ok(if errors.is_empty() && !changed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
