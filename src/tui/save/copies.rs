//! Conflict copies in the TUI: noticed beside the book (a banner says so),
//! merged with one key as one undoable change, then put away beside the
//! backups.

use crate::sync::conflicts::{PutAway, merge_op, put_away, read_copies};
use crate::text::{count, visible};
use crate::tui::app::App;
use crate::tui::save::Then;

impl App {
    /// Looks again for conflict copies beside the book. True when that changed.
    pub fn check_copies(&mut self) -> bool {
        let found = self.store.conflict_copies();
        if found == self.copies {
            return false;
        }
        self.copies = found;
        true
    }

    /// What the banner says, when there are copies to merge.
    pub fn copies_banner(&self) -> Option<String> {
        let first = self.copies.first()?;
        let name = first
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = self.merge_key();
        // The key first: the name is what a narrow screen cuts.
        Some(match self.copies.len() {
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

    /// Merges every conflict copy into the freshest book, as one change.
    pub(crate) fn merge_copies(&mut self) {
        if self.copies.is_empty() {
            return self.say("no conflict copies beside the book".into());
        }
        let (copies, errors) = read_copies(&self.copies);
        if let Some(e) = errors.first() {
            self.fail(format!("{e}; left where it is"));
            if copies.is_empty() {
                return;
            }
        }
        let backups = crate::store::follow_link(self.store.path())
            .map(|target| crate::store::backup_paths(&target))
            .unwrap_or_default();
        let (_, reports) = merge_op(&self.book, &copies, &backups);
        let clashes: usize = reports.iter().map(|r| r.clashes.len()).sum();
        let mut what = format!(
            "merged {}",
            count(copies.len() as u64, "conflict copy", "conflict copies")
        );
        if clashes > 0 {
            what.push_str(&format!(
                "; {} kept in notes (the review lists them)",
                count(clashes as u64, "clash", "clashes")
            ));
        }
        let paths = copies.iter().map(|c| (c.path.clone(), c.stamp)).collect();
        self.commit_with(
            move |fresh| Ok(merge_op(fresh, &copies, &backups).0),
            &what,
            Then::Synced(paths),
        );
    }

    /// Moves merged copies into the folder beside the backups.
    pub(crate) fn put_copies_away(&mut self, copies: &[(std::path::PathBuf, u64)]) {
        let target = match crate::store::follow_link(self.store.path()) {
            Ok(t) => t,
            Err(e) => return self.fail(format!("merged, but not moved: {e}")),
        };
        for (copy, stamp) in copies {
            let name = visible(&copy.display().to_string()).into_owned();
            match put_away(&target, copy, *stamp) {
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
        self.check_copies();
    }
}
