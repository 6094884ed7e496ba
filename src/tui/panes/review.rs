//! The Review tab's state and what its keys do. A person's reasons are listed
//! with a cursor (`j`/`k`); `x` resolves the highlighted one and writes what
//! it means (see [`review::respond`]): a promise kept, a follow-up done, a
//! touch for a cadence or a birthday; a coffee-only person or a favor to
//! return opens the capture line, since only a deed resolves those. `R`
//! releases a promise with a note; snooze (its chooser is a layer), skip,
//! capture, everyone due (`a`), leave. Each action is one commit, so one undo
//! step.
//!
//! The session ([`ReviewSession`]) is built from the book when the tab is
//! shown, never while drawing. After the review's own actions it computes
//! the day's reasons again from the book as it is now (`refresh`: cheap, the
//! day holds ten people); any other change (a commit elsewhere, undo, a
//! reload) rebuilds it. Today's progress lives in the book: leaving and
//! coming back resumes where the review stopped.

pub mod draw;

use ratatui::crossterm::event::KeyCode;

use crate::model::review::{self, Reason, Response, ReviewSession};
use crate::model::{Op, OpError, PersonId};
use crate::tui::app::{App, Tab};
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::{Ask, Layer, Question, ReleaseNote, Snooze};
use crate::tui::save::{Commit, Then};

/// The Review tab's part of the app's state.
#[derive(Debug, Default)]
pub struct ReviewTab {
    /// Today's review, while the tab is shown and the book unchanged.
    pub(crate) session: Option<ReviewSession>,
    /// A review action is being committed: the session refreshes, not rebuilds.
    pub(crate) stepping: bool,
    /// The highlighted reason of the person on screen, and whose it is.
    pub(crate) reason: usize,
    pub(crate) reason_of: Option<PersonId>,
    /// Everyone due today instead of the day's share.
    pub(crate) all: bool,
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
            .find(|item| self.session.book.person(item.person).is_some())
            .map(|item| item.person)
    }

    /// Builds the session if the Review tab is shown and has none.
    pub(crate) fn refresh_review(&mut self) {
        if self.tab == Tab::Review && self.review.session.is_none() {
            let build = match self.review.all {
                true => ReviewSession::everyone,
                false => ReviewSession::new,
            };
            self.review.session = Some(build(
                &self.session.book,
                &self.session.index,
                &self.session.config.review_rules(),
                self.session.today,
            ));
        }
        self.keep_reason_cursor();
    }

    /// The book changed: after a review step the session computes the day's
    /// reasons again; after anything else the queue may have changed too.
    pub(crate) fn forget_review(&mut self) {
        match (&mut self.review.session, self.review.stepping) {
            (Some(session), true) => session.refresh(
                &self.session.book,
                &self.session.index,
                &self.session.config.review_rules(),
            ),
            _ => self.review.session = None,
        }
        self.refresh_review();
    }

    /// The reason cursor stays on the person it was on, within their reasons;
    /// a new person starts at their first.
    fn keep_reason_cursor(&mut self) {
        let person = self.review_person();
        if person != self.review.reason_of {
            self.review.reason = 0;
            self.review.reason_of = person;
        }
        let n = self.review_reasons().len();
        self.review.reason = self.review.reason.min(n.saturating_sub(1));
    }

    /// The reasons of the person on screen, as of the book now.
    pub fn review_reasons(&self) -> &[Reason] {
        let Some(session) = self.review.session.as_ref() else {
            return &[];
        };
        session
            .remaining()
            .find(|item| self.session.book.person(item.person).is_some())
            .map_or(&[], |item| item.reasons.as_slice())
    }

    /// The highlighted reason (0-based) of the person on screen.
    pub fn review_reason(&self) -> usize {
        self.review.reason
    }

    pub(crate) fn review_move(&mut self, down: bool) {
        let n = self.review_reasons().len();
        if n == 0 {
            return;
        }
        self.review.reason = match down {
            true => (self.review.reason + 1) % n,
            false => (self.review.reason + n - 1) % n,
        };
    }

    /// `a`: everyone due today, or back to today's share.
    pub(crate) fn review_all(&mut self) {
        self.review.all = !self.review.all;
        self.review.session = None;
        self.refresh_review();
        let Some(session) = self.review.session.as_ref() else {
            return;
        };
        let (_, total) = session.progress();
        self.say(match self.review.all {
            true => format!("everyone due today: {total}"),
            false => format!("today's review: {total}"),
        });
    }

    /// The person to act on, or a word in the status line that there is none.
    fn review_target(&mut self) -> Option<(PersonId, String)> {
        match self.review_person() {
            Some(id) => Some((id, self.session.book.name_of(id))),
            None => {
                self.say("nobody left to review today".into());
                None
            }
        }
    }

    /// The inbox's waiting lines that are in no one's review (they name
    /// nobody in the book, and nobody close): shown when the review is done.
    pub fn orphan_inbox_lines(&self) -> Vec<&crate::model::InboxLine> {
        self.session
            .book
            .inbox
            .waiting
            .iter()
            .filter(|l| {
                l.about
                    .and_then(|p| self.session.book.person(self.session.book.survivor(p)))
                    .is_none_or(|p| p.archived)
            })
            .collect()
    }

    /// Whether `action` has nothing to act on now, so the hint line leaves it
    /// out: on the review's done screen, the keys for the person under
    /// review (`x` and `d` still take a line waiting in the inbox for
    /// someone not in the book); in the new-person popup, Tab with no
    /// suggestion.
    pub(crate) fn idle(&self, action: Action) -> bool {
        // The new-person popup's Tab takes a suggestion only when there is one.
        if let Some(Layer::NewPerson(new)) = self.stack.last() {
            return action == Action::TakeMeant && new.meant.is_empty();
        }
        if self.tab != crate::tui::app::Tab::Review
            || !self.stack.is_empty()
            || self.review.session.is_none()
            || self.review_person().is_some()
        {
            return false;
        }
        match action {
            Action::ReviewDone | Action::ReviewDismiss => self.orphan_inbox_lines().is_empty(),
            Action::ReviewSnooze | Action::ReviewSkip | Action::ReviewRelease => true,
            _ => false,
        }
    }

    /// `x`: resolves the highlighted reason and writes what it means.
    pub(crate) fn review_done(&mut self) {
        if self.review_person().is_none()
            && let Some(line) = self.orphan_inbox_lines().first().map(|l| (*l).clone())
        {
            return self.fix_orphan_line(line);
        }
        let Some((id, name)) = self.review_target() else {
            return;
        };
        let Some(reason) = self.review_reasons().get(self.review.reason).cloned() else {
            return self.say(format!("nothing left to resolve for {name}"));
        };
        if let Reason::Inbox { file, key, .. } = &reason {
            return self.fix_inbox_line(id, file, key);
        }
        let today = self.session.today;
        let rules = self.session.config.review_rules();
        match review::respond(&self.session.book, id, &reason, &rules, today) {
            Response::Write { said, .. } => {
                let change = self.keymap.key_for(Table::Global, Action::Undo);
                let said = match reason {
                    Reason::CadencePassed { .. } => {
                        format!("{said} ({change} undoes; e on the Timeline edits it)")
                    }
                    _ => said,
                };
                self.submit(Commit::step(
                    move |fresh| match review::respond(fresh, id, &reason, &rules, today) {
                        Response::Write { op, .. } => Ok(op),
                        Response::Capture { .. } | Response::PlanWishes { .. } => {
                            Err(OpError::Rejected("that takes a deed".into()))
                        }
                    },
                    &said,
                    Then::Nothing,
                ));
            }
            // Only a deed resolves it: the line starts with them and the
            // deed kith suggests, the cursor at the end.
            // A birthday ahead: the line plans the wishes for the day,
            // which the user may change before Enter logs them.
            Response::PlanWishes { person, date } => {
                let me = crate::capture::mention(
                    &crate::capture::Who::Known(person),
                    &self.session.book,
                    &self.session.names,
                );
                self.open_capture_with(format!("{me} message: birthday wishes {date}"), None);
                if let Some(Layer::Capture(capture)) = self.stack.last_mut() {
                    capture.for_review = Some(person);
                }
                self.say(format!(
                    "when to send wishes to {name}? Enter plans them for {} (the birthday); edit the date first to choose another day",
                    date.format("%a %-d %b")
                ));
            }
            Response::Capture { person } => {
                let line = self.suggested_deed(person);
                self.open_capture_with(line, None);
                if let Some(Layer::Capture(capture)) = self.stack.last_mut() {
                    capture.for_review = Some(person);
                }
                self.say(format!(
                    "only a deed resolves this: log what you did for {name}"
                ));
            }
        }
    }

    /// `x` on a line from the phone's inbox: the capture opens on it as it
    /// can be logged — the name it probably meant taken, dated as the line
    /// is — so Enter logs it (and applies the line); Esc leaves it waiting.
    fn fix_inbox_line(&mut self, person: PersonId, file: &str, key: &str) {
        let Some(crate::model::LineState::Waiting(line)) = self.session.book.inbox.state(file, key)
        else {
            return self.say("that inbox line is settled already".into());
        };
        let text = self.inbox_line_as_capture(&line);
        self.open_capture_with(text, None);
        if let Some(Layer::Capture(capture)) = self.stack.last_mut() {
            capture.for_review = Some(person);
            capture.from_inbox = Some(line.clone());
        }
        self.say(format!(
            "from {}: Enter logs it as shown; Esc leaves it waiting",
            line.file
        ));
    }

    /// `x` on the done screen: the capture opens on the first line waiting
    /// for someone not in the book; Enter asks to add them, then logs it.
    fn fix_orphan_line(&mut self, line: crate::model::InboxLine) {
        let text = self.inbox_line_as_capture(&line);
        self.open_capture_with(text, None);
        if let Some(Layer::Capture(capture)) = self.stack.last_mut() {
            capture.from_inbox = Some(line.clone());
        }
        self.say(format!(
            "from {}: Enter logs it (and offers to add whom it names); Esc leaves it waiting",
            line.file
        ));
    }

    /// The waiting line as a capture to edit: its date in front when it is
    /// not today, and each unknown name replaced by the one it probably meant.
    fn inbox_line_as_capture(&self, line: &crate::model::InboxLine) -> String {
        let Some(split) = crate::inbox::line::split(&line.line) else {
            return line.line.clone();
        };
        let day = split.date.unwrap_or(line.seen);
        let mut text = split.capture.to_string();
        let names = crate::capture::Names::new(&self.session.book);
        if let Ok(parsed) =
            crate::capture::parse_with(&text, day, &self.session.book, &names, &self.session.kinds)
        {
            // Last first, so earlier spans stay where they are.
            let mut swaps: Vec<(std::ops::Range<usize>, String)> = parsed
                .capture
                .people
                .iter()
                .zip(&parsed.person_spans)
                .zip(&parsed.meant)
                .filter_map(|((who, span), meant)| match (who, meant.first()) {
                    (crate::capture::Who::New(_), Some((id, _))) => Some((
                        span.clone(),
                        crate::capture::mention(
                            &crate::capture::Who::Known(*id),
                            &self.session.book,
                            &names,
                        ),
                    )),
                    _ => None,
                })
                .collect();
            swaps.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
            for (span, with) in swaps {
                if text.is_char_boundary(span.start) && text.is_char_boundary(span.end) {
                    text.replace_range(span, &with);
                }
            }
        }
        match day == self.session.today {
            true => text,
            false => format!("{day} {text}"),
        }
    }

    /// `d`: dismiss the highlighted line from the phone's inbox (kept in the
    /// book as dismissed, never applied).
    pub(crate) fn review_dismiss(&mut self) {
        if self.review_person().is_none()
            && let Some(line) = self.orphan_inbox_lines().first().map(|l| (*l).clone())
        {
            return self.dismiss_inbox_line(line);
        }
        let Some((_, name)) = self.review_target() else {
            return;
        };
        match self.review_reasons().get(self.review.reason).cloned() {
            Some(Reason::Inbox { file, key, .. }) => {
                if let Some(crate::model::LineState::Waiting(line)) =
                    self.session.book.inbox.state(&file, &key)
                {
                    self.dismiss_inbox_line(line);
                }
            }
            _ => self.say(format!(
                "the highlighted reason for {name} is not a line from the inbox"
            )),
        }
    }

    /// `R`: release the highlighted promise, with a note (asked for in a layer).
    pub(crate) fn review_release(&mut self) {
        let Some((id, name)) = self.review_target() else {
            return;
        };
        match self.review_reasons().get(self.review.reason) {
            Some(Reason::OpenPromise {
                entry,
                summary,
                direction,
                ..
            }) if *direction != crate::model::Direction::Received => {
                let layer = ReleaseNote::open(id, *entry, summary);
                self.push(layer);
            }
            _ => self.say(format!(
                "the highlighted reason is not a promise of yours to {name}"
            )),
        }
    }

    /// The release note was given: the promise closes, not kept.
    pub(crate) fn release_promise(
        &mut self,
        person: PersonId,
        entry: crate::model::EntryId,
        note: String,
    ) {
        let today = self.session.today;
        let what = match note.is_empty() {
            true => format!(
                "released a promise to {}",
                self.session.book.name_of(person)
            ),
            false => format!(
                "released a promise to {}: {note}",
                self.session.book.name_of(person)
            ),
        };
        self.submit(Commit::step(
            move |fresh| Ok(review::release(fresh, person, entry, &note, today)),
            &what,
            Then::Nothing,
        ));
    }

    /// `Z`: the selected person's snooze ends now.
    pub(crate) fn unsnooze(&mut self) {
        let Some(id) = self.selected_person().or_else(|| self.review_person()) else {
            return;
        };
        let Some(before) = self.person(id) else {
            return;
        };
        if before.snoozed_until.is_none_or(|d| d <= self.session.today) {
            return self.say(format!("{} is not snoozed", before.name));
        }
        let mut after = before.clone();
        after.snoozed_until = None;
        let what = format!("unsnoozed {}", before.name);
        let op = Op::edit_person(before, after);
        self.submit(Commit::op(op, &what, Then::Nothing));
    }

    /// After a snooze landed: a cadence snoozed three times in a row offers
    /// to be longer instead of nagging again.
    pub(crate) fn after_snooze(&mut self, person: PersonId) {
        let streak = review::cadence_streak(&self.session.book, person, self.session.today);
        let Some(p) = self.person(person) else { return };
        let Some(cadence) = self.session.config.cadence_for(p) else {
            return;
        };
        if streak >= review::SNOOZES_BEFORE_LENGTHENING {
            let ask = Ask::LongerCadence {
                person,
                from: cadence,
                to: review::lengthened(cadence),
                streak,
            };
            let question = Question::open(ask, &self.session.book);
            self.push(question);
        }
    }

    /// After a capture from the review landed: if it looks like keeping one
    /// of their open promises, offer to close it.
    pub(crate) fn after_review_capture(&mut self, person: PersonId) {
        let Some(entry) = self
            .session
            .book
            .entries
            .iter()
            .rev()
            .find(|e| e.names(person) && !e.kind.is_promise())
        else {
            return;
        };
        if let Some(promise) =
            crate::intros::promise_kept_by(&self.session.book, person, entry, &self.session.kinds)
        {
            let question = Question::open(Ask::KeepPromise { person, promise }, &self.session.book);
            self.push(question);
        }
    }

    /// The line a deed for `person` starts with: the introduction their
    /// review screen suggests first (who could help them, else whom they
    /// could help; see `intro_lines`), else `@them ` and the cursor.
    fn suggested_deed(&mut self, person: PersonId) -> String {
        let (mine, theirs) = self.intros_of(person);
        match mine.first().or(theirs.first()) {
            Some(s) => self.intro_line(s),
            None => format!(
                "{} ",
                crate::capture::mention(
                    &crate::capture::Who::Known(person),
                    &self.session.book,
                    &self.session.names
                )
            ),
        }
    }

    pub(crate) fn review_skip(&mut self) {
        let Some((id, name)) = self.review_target() else {
            return;
        };
        let today = self.session.today;
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
