//! Calendars and mail while the TUI runs: at start, the sources config.ron
//! names are read on a thread of their own (a large maildir takes seconds;
//! the input thread never waits for it). When the reading is in, what it
//! means is planned again from the freshest book on the saver's thread and
//! applied as one undoable commit, and the status line says what came in
//! ("calendar and mail: 3 touches logged, 1 meeting ahead"). Read once a
//! start; `kith import --sources` reads them at any time.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::touches::{self, Raw};
use crate::tui::app::App;
use crate::tui::save::Then;

/// The reading in flight, if any.
#[derive(Debug, Default)]
pub struct TouchScan {
    pending: Option<Receiver<Raw>>,
}

impl App {
    /// Starts reading the configured calendars and mail on a thread.
    pub fn scan_touches(&mut self) {
        let s = &self.config().sources;
        if s.is_empty() {
            return;
        }
        let paths: Vec<std::path::PathBuf> =
            s.calendars.iter().chain(&s.maildirs).cloned().collect();
        let (tx, rx) = channel();
        let started = std::thread::Builder::new()
            .name("kith-touches".into())
            .spawn(move || {
                let cache = touches::cache::dir();
                let _ = tx.send(touches::read_cached(&paths, cache.as_deref()));
            });
        match started {
            Ok(_) => self.session.touches.pending = Some(rx),
            Err(e) => self.fail(format!("calendar and mail: cannot start reading: {e}")),
        }
    }

    /// Applies the reading once it is in (no save in flight). True when
    /// something was sent to the saver or said.
    pub fn check_touches(&mut self) -> bool {
        if self.session.saving.is_some() {
            return false;
        }
        let Some(rx) = &self.session.touches.pending else {
            return false;
        };
        let raw = match rx.try_recv() {
            Ok(raw) => raw,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {
                self.session.touches.pending = None;
                self.fail("calendar and mail: the reading stopped".into());
                return true;
            }
        };
        self.session.touches.pending = None;
        let settings = self.config().touch_settings();
        let today = self.session.today;
        let found = touches::find(&raw, &self.session.book, &settings, today);
        let planned = touches::plan(&self.session.book, &found, today);
        let bad = match found.problems.bad_examples.first() {
            Some(first) => format!(
                "; skipped {} (kith import --sources lists them), e.g. {first}",
                crate::text::count(found.problems.bad, "item", "items")
            ),
            None => String::new(),
        };
        if planned.is_empty() {
            if !bad.is_empty() {
                self.fail(format!("calendar and mail: nothing new{bad}"));
                return true;
            }
            return false;
        }
        let what = format!(
            "calendar and mail: {} logged, {} updated, {}{bad}",
            crate::text::count(planned.added, "touch", "touches"),
            planned.updated,
            crate::text::count(planned.meetings, "meeting ahead", "meetings ahead"),
        );
        self.commit_with(
            move |fresh| {
                let found = touches::find(&raw, fresh, &settings, today);
                Ok(touches::plan(fresh, &found, today).op())
            },
            &what,
            Then::Nothing,
        );
        true
    }
}
