//! What the layer that asked for a change does once it is on disk — or
//! not: the [`Then`] it said, carried out by [`App::then`].

use crate::model::PersonId;
use crate::tui::app::App;
use crate::tui::layers::Layer;

/// What the popup that asked for a change does once it is on disk — or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    Nothing,
    /// The capture popup closes and says "saved: …"; on failure it stays
    /// open with its text and the error.
    Capture,
    /// The person form closes; a person just added (by that name) is selected.
    Form {
        added: Option<String>,
    },
    /// The layer on top closes.
    Close,
    /// The People list selects this person.
    Select(PersonId),
    /// A review snooze landed: offer a longer cadence after a streak.
    AfterSnooze(PersonId),
    /// [`Then::Capture`] for a capture from the review or the Intros tab:
    /// then offer to close the promise it looks like keeping.
    ReviewCapture(PersonId),
}

impl App {
    /// Carries out `then` after the change named `what` landed (`saved`) or not.
    pub(super) fn then(&mut self, then: Then, saved: bool, what: &str) {
        match then {
            Then::Nothing => {}
            Then::Capture if saved => {
                self.close_top(|l| matches!(l, Layer::Capture(_)));
                self.say(format!("saved: {what}"));
            }
            Then::ReviewCapture(person) if saved => {
                self.close_top(|l| matches!(l, Layer::Capture(_)));
                self.say(format!("saved: {what}"));
                self.after_review_capture(person);
            }
            Then::ReviewCapture(_) => self.then(Then::Capture, false, what),
            Then::AfterSnooze(person) if saved => self.after_snooze(person),
            Then::AfterSnooze(_) => {}
            Then::Capture => {
                let error = self.status.as_ref().map(|s| s.text.clone());
                self.capture_on_top(|c, ctx| c.not_saved(error, ctx));
            }
            Then::Form { added } if saved => {
                self.close_top(|l| matches!(l, Layer::Form(_)));
                if let Some(name) = added
                    && let Some(p) = self
                        .session
                        .book
                        .people
                        .iter()
                        .rev()
                        .find(|p| p.name == name)
                {
                    let id = p.id;
                    self.restore_people(Some(id));
                }
            }
            Then::Close if saved => self.pop(),
            Then::Select(id) if saved => self.restore_people(Some(id)),
            Then::Form { .. } | Then::Close | Then::Select(_) => {}
        }
    }
}
