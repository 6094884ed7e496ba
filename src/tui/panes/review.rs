//! The Review tab's state and what its keys do: done, snooze (with its
//! chooser), skip, capture, leave. Each action is one commit, so one undo step.
//!
//! The session ([`ReviewSession`]) is built from the book when the tab is
//! shown, never while drawing. After the review's own actions it only rereads
//! today's progress (`sync`, cheap even on a heavy book); any other change to
//! the book (a commit elsewhere, undo, a reload) rebuilds it. Today's progress
//! lives in the book: leaving and coming back resumes where the review stopped.

pub mod draw;

use crate::capture::{Capture, DateRole, Who, parse_date};
use crate::model::PersonId;
use crate::model::review::{self, ReviewSession, SnoozeChoice, snooze_until};

use crate::tui::app::{App, Mode, Tab};
use crate::tui::field::TextField;
use crate::tui::save::history::Then;

/// The Review tab's part of the app's state.
#[derive(Debug, Default)]
pub struct ReviewTab {
    /// Today's review, while the tab is shown and the book unchanged.
    pub(crate) session: Option<ReviewSession>,
    /// The snooze chooser's "until" field.
    pub(crate) date: TextField,
    /// A review action is being committed: the session syncs, not rebuilds.
    pub(crate) stepping: bool,
    /// Whom the open capture popup was opened for from the review: saving a
    /// line that names them records them as logged, in the same undo step.
    pub(crate) capture_for: Option<PersonId>,
}

impl App {
    /// Today's review, when the Review tab is on screen.
    pub fn review(&self) -> Option<&ReviewSession> {
        self.review.session.as_ref()
    }

    /// The snooze chooser's date field.
    pub fn snooze_field(&self) -> &TextField {
        &self.review.date
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
        self.commit_step(
            move |fresh| Ok(review::done(fresh, id, today)),
            &what,
            Then::Nothing,
        );
    }

    pub(crate) fn review_skip(&mut self) {
        let Some((id, name)) = self.review_target() else {
            return;
        };
        let today = self.today;
        self.commit_step(
            move |fresh| Ok(review::skip(fresh, id, today)),
            &format!("skipped {name}"),
            Then::Nothing,
        );
    }

    /// Opens the snooze chooser.
    pub(crate) fn review_snooze_chooser(&mut self) {
        if let Some((id, _)) = self.review_target() {
            self.push(Mode::Snooze(id));
        }
    }

    /// The chooser's `t`: a field for the date.
    pub(crate) fn review_snooze_field(&mut self) {
        if let Mode::Snooze(id) = *self.mode() {
            self.review.date.set("");
            self.push(Mode::SnoozeDate(id));
        }
    }

    /// What the date field says: the day it means, or why it means none.
    pub fn snooze_field_date(&self) -> Result<chrono::NaiveDate, String> {
        let text = self.review.date.value().trim();
        if text.is_empty() {
            return Err("type the day the snooze ends".into());
        }
        let date = parse_date(text, self.today, DateRole::FollowUp)
            .ok_or_else(|| format!("not a date: {text} (try 2026-12-24, +10d, fri)"))?;
        snooze_until(SnoozeChoice::Until(date), self.today)
            .ok_or_else(|| format!("{date} is not after today"))
    }

    /// Snoozes the chooser's person; a typed date that does not parse (or is
    /// not after today) keeps the field open and says why.
    pub(crate) fn review_snooze(&mut self, choice: Option<SnoozeChoice>) {
        let (Mode::Snooze(id) | Mode::SnoozeDate(id)) = *self.mode() else {
            return;
        };
        let today = self.today;
        let until = match choice {
            Some(choice) => snooze_until(choice, today),
            None => match self.snooze_field_date() {
                Ok(date) => Some(date),
                Err(why) => return self.fail(why),
            },
        };
        let Some(until) = until else {
            return self.fail("a snooze ends after today".into());
        };
        self.modes
            .retain(|m| !matches!(m, Mode::Snooze(_) | Mode::SnoozeDate(_)));
        let what = format!(
            "snoozed {} until {}",
            self.book.name_of(id),
            until.format("%a %-d %b")
        );
        self.commit_step(
            move |fresh| review::snooze(fresh, id, until, today),
            &what,
            Then::Nothing,
        );
    }

    /// `c`: the capture popup, prefilled with the person on screen.
    pub(crate) fn review_capture(&mut self) {
        if let Some((id, _)) = self.review_target() {
            self.open_capture(Some(id));
            self.review.capture_for = Some(id);
        }
    }

    /// Saves a new capture; when the review opened it and the line still
    /// names its person, the review records them as logged (one undo step).
    pub(crate) fn commit_capture(&mut self, capture: Capture, what: &str) {
        let logged = self
            .review
            .capture_for
            .filter(|id| capture.people.contains(&Who::Known(*id)));
        let today = self.today;
        match logged {
            Some(person) => self.commit_step(
                move |fresh| Ok(review::logged(fresh, person, capture.to_op(fresh), today)),
                what,
                Then::Capture,
            ),
            None => self.commit_with(move |fresh| Ok(capture.to_op(fresh)), what, Then::Capture),
        }
    }

    /// `q`/Esc: back to People; today's progress stays in the book.
    pub(crate) fn review_leave(&mut self) {
        self.tab = Tab::People;
        if let Some(session) = self.review.session.as_ref().filter(|s| !s.is_finished()) {
            let (at, total) = session.progress();
            self.say(format!("review paused at {at} of {total}; r resumes"));
        }
    }
}
