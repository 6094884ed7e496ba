//! The review's snooze chooser: a day, a week, a month, or (`t`) a field for
//! the date the snooze ends. Esc in the field goes back to the choices.

pub mod draw;

use chrono::NaiveDate;

use crate::capture::{DateRole, parse_date};
use crate::model::PersonId;
use crate::model::review::{self, SnoozeChoice, snooze_until};
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::layers::{Ctx, Effect, Layer, Outcome};
use crate::tui::save::{Commit, Then};

pub struct Snooze {
    pub person: PersonId,
    /// The "until" field, while it is open.
    pub date: Option<TextField>,
}

impl Snooze {
    pub fn open(person: PersonId) -> Layer {
        Layer::Snooze(Snooze { person, date: None })
    }

    /// The date field is open.
    pub fn typing(&self) -> bool {
        self.date.is_some()
    }

    pub fn field(&mut self) -> Option<&mut TextField> {
        self.date.as_mut()
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::SnoozeDay => self.snooze(Some(SnoozeChoice::Day), ctx),
            Action::SnoozeWeek => self.snooze(Some(SnoozeChoice::Week), ctx),
            Action::SnoozeMonth => self.snooze(Some(SnoozeChoice::Month), ctx),
            Action::SnoozeDate => {
                self.date = Some(TextField::default());
                Outcome::Keep
            }
            Action::SnoozeConfirm => self.snooze(None, ctx),
            Action::Back if self.typing() => {
                self.date = None;
                Outcome::Keep
            }
            Action::Back => Outcome::Close,
            _ => Outcome::Pass,
        }
    }

    /// What the date field says: the day it means, or why it means none.
    pub fn field_date(&self, today: NaiveDate) -> Result<NaiveDate, String> {
        let text = self.date.as_ref().map_or("", |d| d.value()).trim();
        if text.is_empty() {
            return Err("type the day the snooze ends".into());
        }
        let date = parse_date(text, today, DateRole::FollowUp)
            .ok_or_else(|| format!("not a date: {text} (try 2026-12-24, +10d, fri)"))?;
        snooze_until(SnoozeChoice::Until(date), today)
            .ok_or_else(|| format!("{date} is not after today"))
    }

    /// Snoozes the person (`None`: until the typed date); a typed date that
    /// does not parse (or is not after today) keeps the field open and says why.
    fn snooze(&self, choice: Option<SnoozeChoice>, ctx: &mut Ctx) -> Outcome {
        let today = ctx.today;
        let until = match choice {
            Some(choice) => snooze_until(choice, today),
            None => match self.field_date(today) {
                Ok(date) => Some(date),
                Err(why) => {
                    ctx.fail(why);
                    return Outcome::Keep;
                }
            },
        };
        let Some(until) = until else {
            ctx.fail("a snooze ends after today".into());
            return Outcome::Keep;
        };
        let id = self.person;
        let what = format!(
            "snoozed {} until {}",
            ctx.book.name_of(id),
            until.format("%a %-d %b")
        );
        Outcome::CloseThen(Effect::Commit(Commit::step(
            move |fresh| review::snooze(fresh, id, until, today),
            &what,
            Then::AfterSnooze(id),
        )))
    }
}
