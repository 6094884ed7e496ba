//! Conflict copies in the TUI: noticed beside the book (a banner says so),
//! merged with one key as one undoable change by the one sync
//! ([`crate::sync::conflicts::sync_copies`], which `kith sync` runs too) on
//! the saver's thread, then put away beside the backups.

use crate::store::PutAway;
use crate::sync::conflicts::Synced;
use crate::text::{count, visible};
use crate::tui::app::App;
use crate::tui::save::Then;
use crate::tui::save::commit::{Change, InFlight};
use crate::tui::save::saver::Job;

impl App {
    /// Looks again for conflict copies beside the book. True when that changed.
    pub fn check_conflict_copies(&mut self) -> bool {
        let found = self.session.store.conflict_copies();
        if found == self.session.conflict_copies {
            return false;
        }
        self.session.conflict_copies = found;
        true
    }

    /// What the banner says, when there are copies to merge.
    pub fn conflict_banner(&self) -> Option<String> {
        let first = self.session.conflict_copies.first()?;
        let name = first
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = self.merge_key();
        // The key first: the name is what a narrow screen cuts.
        Some(match self.session.conflict_copies.len() {
            1 => format!("{key} merges the conflict copy a sync tool left: {name}"),
            n => format!("{key} merges the {n} conflict copies a sync tool left: {name} …"),
        })
    }

    fn merge_key(&self) -> String {
        self.keymap.key_for(
            crate::tui::keys::keymap::Table::Global,
            crate::tui::keys::action::Action::MergeCopies,
        )
    }

    /// Merges every conflict copy into the freshest book, as one change, on
    /// the saver's thread (reading and merging whole books never holds up
    /// the keys); the merged copies are put away once it is on disk.
    pub(crate) fn merge_conflict_copies(&mut self) {
        if self.session.conflict_copies.is_empty() {
            return self.say("no conflict copies beside the book".into());
        }
        let pending = InFlight {
            what: "merged the conflict copies".into(),
            change: Change::Do,
            then: Then::Nothing,
            step: false,
            retry: None,
        };
        let job = Job::Sync {
            paths: self.session.conflict_copies.clone(),
            view: self.view.clone(),
        };
        self.send_job(job, pending);
    }

    /// After a merge landed: what did not read, and a copy a sync tool
    /// rewrote meanwhile, are said; the banner is looked at again.
    pub(super) fn after_sync(&mut self, synced: &Synced) {
        for e in &synced.unreadable {
            self.fail(format!("{e}; left where it is"));
        }
        for copy in &synced.merged {
            let name = visible(&copy.path.display().to_string()).into_owned();
            match &copy.put {
                Ok(PutAway::Moved(_)) => {}
                // Back beside the book: the banner stays up.
                Ok(PutAway::PutBack(_)) => {
                    let key = self.merge_key();
                    self.fail(format!(
                        "merged, but the sync tool rewrote {name} meanwhile: {key} merges what it holds now"
                    ));
                }
                Ok(PutAway::KeptUnmerged(at)) => self.fail(format!(
                    "merged, but the sync tool rewrote {name} meanwhile: not merged, kept at {}",
                    visible(&at.display().to_string())
                )),
                Err(e) => self.fail(format!("merged, but not moved: {e}")),
            }
        }
        self.check_conflict_copies();
    }
}

/// What the status line says a merge of conflict copies did.
pub(crate) fn synced_what(synced: &Synced) -> String {
    let mut what = format!(
        "merged {}",
        count(synced.merged.len(), "conflict copy", "conflict copies")
    );
    let clashes = synced.clashes();
    if clashes > 0 {
        what.push_str(&format!(
            "; {} kept in notes (the review lists them)",
            count(clashes, "clash", "clashes")
        ));
    }
    what
}
