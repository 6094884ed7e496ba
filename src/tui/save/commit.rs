//! What a change is on its way to disk: the [`Commit`] a layer asks for, and
//! the [`InFlight`] record the app keeps until the saver answers — with the
//! two rules that depend on nothing but the change itself: what the status
//! line says once it landed ([`Change::said`]), and whether a refused undo
//! or redo goes back on its stack ([`worth_retrying`]).

use crate::model::{Book, Op, OpError};
use crate::store::StoreError;
use crate::tui::save::Then;
use crate::tui::save::saver::MakeOp;

/// A change a layer (or a pane) asks for: the operation, built from the
/// freshest book under the store's lock; what the status line says once it
/// is on disk; and what the layer does then.
pub struct Commit {
    pub(super) make: MakeOp,
    pub(super) what: String,
    pub(super) then: Then,
    /// A review step: the session rereads its progress instead of starting over.
    pub(super) step: bool,
}

impl Commit {
    /// `op` as it is.
    pub fn op(op: Op, what: &str, then: Then) -> Commit {
        Commit::with(move |_| Ok(op), what, then)
    }

    /// The operation `make` builds from the freshest book (one that takes
    /// new ids, or moves what another process logged meanwhile).
    pub fn with(
        make: impl FnOnce(&Book) -> Result<Op, OpError> + Send + 'static,
        what: &str,
        then: Then,
    ) -> Commit {
        Commit {
            make: Box::new(make),
            what: what.to_string(),
            then,
            step: false,
        }
    }

    /// [`Commit::with`] for one step of the daily review.
    pub fn step(
        make: impl FnOnce(&Book) -> Result<Op, OpError> + Send + 'static,
        what: &str,
        then: Then,
    ) -> Commit {
        Commit {
            step: true,
            ..Commit::with(make, what, then)
        }
    }
}

/// A change on its way to disk.
pub struct InFlight {
    pub(crate) what: String,
    pub(crate) change: Change,
    pub(crate) then: Then,
    /// A review step: the session rereads its progress instead of starting over.
    pub(crate) step: bool,
    /// An undo or redo's operation, to put back on its stack when the disk
    /// was only busy, so the same key tries again.
    pub(crate) retry: Option<Op>,
}

impl InFlight {
    /// `what` of kind `change` is on its way; `then` waits for it.
    pub(crate) fn new(what: impl Into<String>, change: Change, then: Then) -> InFlight {
        InFlight {
            what: what.into(),
            change,
            then,
            step: false,
            retry: None,
        }
    }

    /// A review step (the review rereads its progress when it lands).
    pub(crate) fn stepping(self, step: bool) -> InFlight {
        InFlight { step, ..self }
    }

    /// An undo or redo of `op`: put back on its stack when the disk was
    /// only busy.
    pub(crate) fn retrying(self, retry: Option<Op>) -> InFlight {
        InFlight { retry, ..self }
    }
}

/// What kind of change is in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    Do,
    Undo,
    Redo,
    Reload,
    /// The views derived again from the same book (no file read).
    Derive,
}

impl Change {
    /// What the status line says once the change is on disk: `what` for a
    /// change, "undone: …" and "redone: …" for the history's keys, nothing
    /// for a reload or a fresh derivation.
    pub(crate) fn said(self, what: &str) -> String {
        match self {
            Change::Do => what.to_string(),
            Change::Undo => format!("undone: {what}"),
            Change::Redo => format!("redone: {what}"),
            Change::Reload | Change::Derive => String::new(),
        }
    }
}

/// An undo or redo refused only because the disk was busy (the lock, an
/// I/O error) is worth trying again with the same key; one the book no
/// longer allows is not.
pub(crate) fn worth_retrying(error: &StoreError) -> bool {
    matches!(error, StoreError::Busy { .. } | StoreError::Io { .. })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn the_status_line_names_what_the_history_did() {
        assert_eq!(Change::Do.said("logged a favor"), "logged a favor");
        assert_eq!(
            Change::Undo.said("logged a favor"),
            "undone: logged a favor"
        );
        assert_eq!(
            Change::Redo.said("logged a favor"),
            "redone: logged a favor"
        );
        assert_eq!(Change::Reload.said("reloaded"), "");
        assert_eq!(Change::Derive.said("derived"), "");
    }

    #[test]
    fn only_a_busy_disk_keeps_an_undo_for_another_try() {
        let path = PathBuf::from("kith.ron");
        let busy = StoreError::Busy {
            path: path.clone(),
            lock: PathBuf::from(".kith.ron.lock"),
        };
        let io = StoreError::Io {
            path: path.clone(),
            source: std::io::Error::other("disk full"),
        };
        let gone = StoreError::Vanished { path };
        assert!(worth_retrying(&busy));
        assert!(worth_retrying(&io));
        assert!(!worth_retrying(&gone));
    }
}
