//! The phone's inbox while the TUI runs: at start and whenever a device
//! file changes (the poll that sees other writers looks at the folder's
//! names, sizes and times, nothing more), what is new is applied as one
//! undoable commit, built again from the freshest book on the saver's thread,
//! and the status line says what came in ("2 captures from phone.txt").

use std::path::PathBuf;

use crate::inbox::{self, Problem};
use crate::model::{InboxLine, LineState, Op};
use crate::tui::app::App;
use crate::tui::save::Then;

/// The folder watched, and how it looked when last read.
#[derive(Debug, Clone, Default)]
pub struct InboxWatch {
    pub dir: Option<PathBuf>,
    stamp: Vec<(PathBuf, u64, Option<std::time::SystemTime>)>,
    /// Problems already said (so a bad file is said once, not every second).
    told: Vec<Problem>,
    /// The book's names when last read, while lines wait: someone added or
    /// renamed since may be whom a waiting line names.
    names: u64,
}

impl InboxWatch {
    pub fn new(dir: Option<PathBuf>) -> InboxWatch {
        InboxWatch {
            dir,
            ..InboxWatch::default()
        }
    }
}

impl App {
    /// Applies what is new in the inbox, if a device file changed since the
    /// last look (always, the first time). True when something was sent to
    /// the saver or said.
    pub fn check_inbox(&mut self) -> bool {
        let Some(dir) = self.session.inbox.dir.clone() else {
            return false;
        };
        // One change at a time: the next poll looks again.
        if self.session.saving.is_some() {
            return false;
        }
        let stamp = inbox::stamp(&dir);
        let names = match self.session.book.inbox.waiting.is_empty() {
            true => 0,
            false => names_stamp(&self.session.book),
        };
        if stamp == self.session.inbox.stamp
            && !self.session.inbox.stamp.is_empty()
            && names == self.session.inbox.names
        {
            return false;
        }
        self.session.inbox.stamp = stamp;
        self.session.inbox.names = names;
        let (devices, problems) = inbox::read_dir(&dir);
        let mut said = false;
        if problems != self.session.inbox.told {
            if let Some(first) = problems.first() {
                let more = match problems.len() {
                    1 => String::new(),
                    n => format!(" (and {} more; kith inbox lists them)", n - 1),
                };
                self.fail(format!(
                    "inbox: {}{more}",
                    crate::text::visible(&first.to_string())
                ));
                said = true;
            }
            self.session.inbox.told = problems;
        }
        let planned = inbox::plan(
            &self.session.book,
            &devices,
            &self.session.kinds,
            self.session.today,
        );
        if planned.is_empty() {
            return said;
        }
        let what = match planned.said() {
            Some(applied) => applied,
            None => {
                let waiting = crate::text::count(planned.waiting.len(), "line", "lines");
                let shown = planned
                    .waiting
                    .iter()
                    .filter(|w| {
                        w.about
                            .is_some_and(|p| self.session.book.person(p).is_some())
                    })
                    .count();
                match shown == planned.waiting.len() {
                    true => format!("inbox: {waiting} waiting — r to review"),
                    false => format!(
                        "inbox: {waiting} waiting ({shown} in the review; kith inbox lists all)"
                    ),
                }
            }
        };
        let (kinds, today) = (self.session.kinds.clone(), self.session.today);
        self.commit_with(
            move |fresh| {
                let (devices, _) = inbox::read_dir(&dir);
                Ok(inbox::plan(fresh, &devices, &kinds, today).op())
            },
            &what,
            Then::Nothing,
        );
        true
    }

    /// `d` on a waiting inbox line in the review: dismissed, kept in the
    /// book (never applied, never lost).
    pub(crate) fn dismiss_inbox_line(&mut self, line: InboxLine) {
        let what = format!("dismissed the inbox line “{}”", line.line);
        let op = Op::SetInboxLine {
            file: line.file.clone(),
            key: line.key.clone(),
            state: Some(LineState::Dismissed(line)),
        };
        self.commit(op, &what, Then::Nothing);
    }
}

/// A fingerprint of everyone's names (FNV-1a), to notice a person added or
/// renamed while lines wait for them.
fn names_stamp(book: &crate::model::Book) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &book.people {
        for b in p
            .name
            .bytes()
            .chain(p.nicknames.iter().flat_map(|n| n.bytes()))
            .chain([0])
        {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h | 1
}
