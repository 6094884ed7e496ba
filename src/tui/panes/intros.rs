//! The Intros tab: introductions kith suggests across the book, best first —
//! who needs what, who could help and why, when you last saw each. Enter
//! opens the capture line on `@a @b intro: the need` (or `@a help: …` when
//! the one who could help is you); `d` dismisses a suggestion for good (the
//! book keeps the dismissal). The suggestions are computed on the saver's
//! thread with every change (see `save::saver::derive`), never on the
//! input thread.

mod ask;
pub mod draw;

use crate::capture::{Who, mention};
use crate::config::Config;
use crate::intros::{Asked, Candidate, Matcher, Options, Suggestion};
use crate::model::{Book, DismissedIntro, Entry, Index, Kind, Op, PersonId};
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::Layer;
use crate::tui::save::saver::Context;
use crate::tui::save::{Commit, Then};

/// How many candidates the tab keeps for each need, and for each of your asks.
const PER_NEED: usize = 2;
const PER_ASK: usize = 1;

/// Every suggestion for `book`, best first (what the tab and the cards show).
pub fn suggest(book: &Book, config: &Config) -> Vec<Suggestion> {
    suggestions(&Matcher::build(book, &config.me.offers))
}

fn suggestions(matcher: &Matcher) -> Vec<Suggestion> {
    matcher.suggestions(&Options {
        per_need: PER_NEED,
        limit: None,
    })
}

/// [`suggest`], and your standing asks with who could help (the tab's Ask
/// section), from one matcher. On the saver's thread: never on the input
/// thread.
pub fn derive(book: &Book, index: &Index, ctx: &Context) -> (Vec<Suggestion>, Vec<Asked>) {
    let matcher = Matcher::build(book, &ctx.config.me.offers);
    let asks = crate::intros::asks(
        &matcher,
        book,
        index,
        &ctx.kinds,
        &ctx.config.me.needs,
        true,
        ctx.today,
        PER_ASK,
    );
    (suggestions(&matcher), asks)
}

impl App {
    /// The suggestion under the Intros cursor.
    pub fn selected_intro(&self) -> Option<&Suggestion> {
        self.session.lists.intros.get(self.cursors.intros.selected)
    }

    /// Suggestions from now on, with every change; the first ones are
    /// derived at once (on the saver's thread in the terminal app).
    pub fn want_intros(&mut self) {
        if self.view.intros {
            return;
        }
        self.view.intros = true;
        self.derive_again();
    }

    /// Enter: the capture line, ready to log the introduction.
    pub(crate) fn intro_accept(&mut self) {
        let Some(s) = self.selected_intro() else {
            return self.say("no introduction to make yet: add what people need and offer".into());
        };
        let line = self.intro_line(s);
        let person = s.person;
        self.open_capture_with(line, None);
        if let Some(Layer::Capture(capture)) = self.stack.last_mut() {
            capture.keeps_for = Some(person);
        }
    }

    /// The capture line that makes suggestion `s`: `@a @b intro: the need`,
    /// or `@a help: the need` when the one who could help is you.
    pub(crate) fn intro_line(&self, s: &Suggestion) -> String {
        let them = mention(
            &Who::Known(s.person),
            &self.session.book,
            &self.session.names,
        );
        match s.candidate {
            Candidate::Person(other) => {
                let other = mention(&Who::Known(other), &self.session.book, &self.session.names);
                format!("{them} {other} intro: {}", s.need)
            }
            Candidate::Me => format!("{them} help: {}", s.need),
        }
    }

    /// `p`: promise the introduction first ("intro José ↔ Hugo: …"), an
    /// open promise the review keeps asking about until the intro (Enter on
    /// the same suggestion, now marked "promised") closes it. Promised once:
    /// `p` again only says so. Not a contact: "seen" stays as it was.
    pub(crate) fn intro_promise(&mut self) {
        let Some(s) = self.selected_intro() else {
            return;
        };
        if crate::intros::promised(&self.session.book, s).is_some() {
            let need = s.need.clone();
            let accept = self.keymap.key_for(Table::Intros, Action::IntroAccept);
            return self.say(format!(
                "already promised: {need} ({accept} makes the intro and keeps it)"
            ));
        }
        let mut people = vec![s.person];
        let pair = match s.candidate {
            Candidate::Person(other) => {
                people.push(other);
                format!(
                    "{} ↔ {}",
                    self.session.book.name_of(s.person),
                    self.session.book.name_of(other)
                )
            }
            Candidate::Me => self.session.book.name_of(s.person),
        };
        let summary = crate::intros::intro_promise_summary(&pair, &s.need);
        let what = format!("promised: {summary}");
        let entry = Entry::new(self.session.today, people, Kind::new("promise"), &summary);
        self.submit(Commit::op(Op::AddEntry(entry), &what, Then::Nothing));
    }

    /// `d`: the suggestion goes for good (kept in the book, so it stays gone).
    pub(crate) fn intro_dismiss(&mut self) {
        let Some(s) = self.selected_intro() else {
            return;
        };
        let candidate = match s.candidate {
            Candidate::Person(id) => Some(id),
            Candidate::Me => None,
        };
        let who = candidate.map_or_else(|| "you".to_string(), |id| self.session.book.name_of(id));
        let what = format!(
            "dismissed: {who} for {}",
            self.session.book.name_of(s.person)
        );
        let dismissed = DismissedIntro {
            person: s.person,
            need: s.need.clone(),
            candidate,
        };
        self.submit(Commit::op(
            Op::SetDismissed(dismissed, true),
            &what,
            Then::Nothing,
        ));
    }

    /// The suggestions naming `person`: those for their needs ("they could
    /// be helped by"), and those where they could help someone.
    pub fn intros_of(&self, person: PersonId) -> (Vec<&Suggestion>, Vec<&Suggestion>) {
        let mine = self
            .session
            .lists
            .intros
            .iter()
            .filter(|s| s.person == person)
            .collect();
        let theirs = self
            .session
            .lists
            .intros
            .iter()
            .filter(|s| s.candidate == Candidate::Person(person))
            .collect();
        (mine, theirs)
    }
}
