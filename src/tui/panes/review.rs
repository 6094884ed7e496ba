//! The Review tab's state and what its keys do: done, snooze (its chooser
//! is a layer), skip, capture, leave. Each action is one commit, so one undo step.
//!
//! The session ([`ReviewSession`]) is built from the book when the tab is
//! shown, never while drawing. After the review's own actions it only rereads
//! today's progress (`sync`, cheap even on a heavy book); any other change to
//! the book (a commit elsewhere, undo, a reload) rebuilds it. Today's progress
//! lives in the book: leaving and coming back resumes where the review stopped.

pub mod draw;

use ratatui::crossterm::event::KeyCode;

use crate::model::PersonId;
use crate::model::review::{self, ReviewSession};
use crate::tui::app::{App, Tab};
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::{Layer, Snooze};
use crate::tui::save::history::{Commit, Then};

/// The Review tab's part of the app's state.
#[derive(Debug, Default)]
pub struct ReviewTab {
    /// Today's review, while the tab is shown and the book unchanged.
    pub(crate) session: Option<ReviewSession>,
    /// A review action is being committed: the session syncs, not rebuilds.
    pub(crate) stepping: bool,
}

impl App {
    /// Today's review, when the Review tab is on screen.
    pub fn review(&self) -> Option<&ReviewSession> {
        self.review.session.as_ref()
    }

    /// The person the review shows now (people deleted meanwhile are passed over).
    pub fn review_person(&self) -> Option<PersonId> {
        let session = self.review.session.as_ref()?;
        session
            .remaining()
            .find(|item| self.book.person(item.person).is_some())
            .map(|item| item.person)
    }

    /// Builds the session if the Review tab is shown and has none.
    pub(crate) fn refresh_review(&mut self) {
        if self.tab == Tab::Review && self.review.session.is_none() {
            self.review.session = Some(ReviewSession::new(
                &self.book,
                &self.index,
                &self.config,
                self.today,
            ));
        }
    }

    /// The book changed: after a review step the session rereads the
    /// progress; after anything else the queue may have changed too.
    pub(crate) fn forget_review(&mut self) {
        match (&mut self.review.session, self.review.stepping) {
            (Some(session), true) => session.sync(&self.book),
            _ => {
                self.review.session = None;
                self.refresh_review();
            }
        }
    }

    /// The person to act on, or a word in the status line that there is none.
    fn review_target(&mut self) -> Option<(PersonId, String)> {
        match self.review_person() {
            Some(id) => Some((id, self.book.name_of(id))),
            None => {
                self.say("nobody left to review today".into());
                None
            }
        }
    }

    pub(crate) fn review_done(&mut self) {
        let Some((id, name)) = self.review_target() else {
            return;
        };
        let today = self.today;
        let closed = review::closing_entries(&self.book, id, today).len();
        let what = match closed {
            0 => format!("done with {name}"),
            1 => format!("done with {name}: closed 1 promise or follow-up"),
            n => format!("done with {name}: closed {n} promises and follow-ups"),
        };
        self.submit(Commit::step(
            move |fresh| Ok(review::done(fresh, id, today)),
            &what,
            Then::Nothing,
        ));
    }

    pub(crate) fn review_skip(&mut self) {
        let Some((id, name)) = self.review_target() else {
            return;
        };
        let today = self.today;
        self.submit(Commit::step(
            move |fresh| Ok(review::skip(fresh, id, today)),
            &format!("skipped {name}"),
            Then::Nothing,
        ));
    }

    /// Opens the snooze chooser.
    pub(crate) fn review_snooze_chooser(&mut self) {
        if let Some((id, _)) = self.review_target() {
            self.push(Snooze::open(id));
        }
    }

    /// `c`: the capture popup, prefilled with the person on screen.
    pub(crate) fn review_capture(&mut self) {
        if let Some((id, _)) = self.review_target() {
            self.open_capture(Some(id));
            if let Some(Layer::Capture(capture)) = self.stack.last_mut() {
                capture.for_review = Some(id);
            }
        }
    }

    /// `q`/Esc: back to People; today's progress stays in the book.
    pub(crate) fn review_leave(&mut self) {
        self.tab = Tab::People;
        if let Some(session) = self.review.session.as_ref().filter(|s| !s.is_finished()) {
            let (at, total) = session.progress();
            // The letter (`r`) rather than the tab's digit, when one is bound.
            let keys = self
                .keymap
                .keys_for(Table::Global, Action::GoTo(Tab::Review));
            let key = keys
                .iter()
                .find(|k| matches!(k.code, KeyCode::Char(c) if c.is_alphabetic()))
                .or(keys.first())
                .map_or_else(String::new, |k| k.to_string());
            self.say(format!("review paused at {at} of {total}; {key} resumes"));
        }
    }
}
