//! The layer on top, as the panes and tests see it: which popup it is and
//! what it holds, and the capture popup opened or run from outside it.

use crate::capture::{self, Who};
use crate::model::{EntryId, PersonId};
use crate::tui::app::App;
use crate::tui::layers::{CaptureState, Ctx, FilterChooser, FinderState, Layer};

impl App {
    /// Opens the capture popup, the line starting with `@person ` when given.
    /// Other tabs (the Review) call this with their selected person.
    pub fn open_capture(&mut self, prefill: Option<PersonId>) {
        let text = match prefill {
            Some(id) => format!(
                "{} ",
                capture::mention(&Who::Known(id), &self.session.book, &self.session.names)
            ),
            None => String::new(),
        };
        self.open_capture_with(text, None);
        if prefill.is_some()
            && let Some(Layer::Capture(capture)) = self.stack.last_mut()
        {
            capture.prefilled = true;
        }
    }

    pub(crate) fn open_capture_with(&mut self, text: String, editing: Option<EntryId>) {
        let layer = CaptureState::open(text, editing, &mut self.ctx());
        self.push(layer);
    }

    /// The capture popup's state, when it is on top.
    pub fn capture_state(&self) -> Option<&CaptureState> {
        match self.top() {
            Some(Layer::Capture(state)) => Some(state),
            _ => None,
        }
    }

    /// Runs `f` on the capture popup when it is on top.
    pub(crate) fn capture_on_top<T>(
        &mut self,
        f: impl FnOnce(&mut CaptureState, &mut Ctx) -> T,
    ) -> Option<T> {
        let (stack, mut ctx) = self.split();
        match stack.last_mut() {
            Some(Layer::Capture(state)) => Some(f(state, &mut ctx)),
            _ => None,
        }
    }

    /// The finder, when it is on top.
    pub fn finder(&self) -> Option<&FinderState> {
        match self.top() {
            Some(Layer::Finder(finder)) => Some(finder),
            _ => None,
        }
    }

    /// The chooser, when it is on top.
    pub fn filter_chooser(&self) -> Option<&FilterChooser> {
        match self.top() {
            Some(Layer::Filter(chooser)) => Some(chooser),
            _ => None,
        }
    }
}
