//! Keys typed while a question is open are not lost, and a question never
//! takes a key meant for the line behind it as its answer.
//!
//! A question answers only keys that come after it was on the screen: the
//! keys of the same batch as the one that opened it (typed ahead, before it
//! was drawn; or waiting for a save whose landing opened it) are held, and so
//! is any key the question does not bind (a letter of a word). Once it holds
//! a key the user is typing through it: every key is held, `y`, `n` and
//! Enter too, but for its no on a key that types nothing (Esc), which goes
//! back to the line with what was typed. When the
//! question closes and the layer behind it is on top again, the held keys go
//! to it as if typed there; when that layer is gone (a yes saved and closed
//! the line), they are dropped, and the status line says how many.

use std::collections::VecDeque;

use ratatui::crossterm::event::KeyCode;

use crate::tui::app::{App, Input};
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::{Key, Table};
use crate::tui::layers::Layer;

#[derive(Debug, Default)]
pub struct Held {
    /// A question opened since the last frame: the user has not seen it.
    pub(crate) unseen: bool,
    inputs: VecDeque<Input>,
    /// How deep the stack was under the question the keys were held for.
    under: usize,
}

impl App {
    pub(crate) fn question_on_top(&self) -> bool {
        matches!(self.top(), Some(Layer::Question(_)))
    }

    /// A frame was drawn: the question on it, if any, has been seen.
    pub(crate) fn question_seen(&mut self) {
        self.held.unseen = false;
    }

    /// Whether `input` waits for the question to close instead of answering it.
    pub(crate) fn holds(&self, _input: &Input) -> bool {
        self.held.unseen && self.question_on_top() && self.session.saving.is_none()
    }

    /// A question that holds keys is being typed through: `key` is held too,
    /// unless it is the question's no on a key that types nothing.
    pub(crate) fn typing_through(&self, key: Key) -> bool {
        if self.held.inputs.is_empty() || !self.question_on_top() {
            return false;
        }
        let no = self.keymap.lookup(&self.tables(), key) == Some(Action::No);
        !no || matches!(key.code, KeyCode::Char(_))
    }

    pub(crate) fn hold(&mut self, input: Input) {
        if self.held.inputs.is_empty() {
            self.held.under = self.stack.len().saturating_sub(1);
        }
        self.held.inputs.push_back(input);
        let back = (self.keymap.keys_for(Table::Question, Action::No).iter())
            .find(|k| !matches!(k.code, KeyCode::Char(_)))
            .map_or_else(|| "(unbound)".to_string(), Key::to_string);
        let n = self.held.inputs.len();
        let s = if n == 1 { "" } else { "s" };
        self.say(format!(
            "{n} key{s} kept for what is behind the question: {back} goes back to it"
        ));
    }

    /// The question closed: the held keys go to the layer behind it, if it is
    /// still there and nothing is being saved.
    pub(crate) fn release_held(&mut self) {
        if self.held.inputs.is_empty() || self.question_on_top() {
            return;
        }
        let inputs: Vec<Input> = self.held.inputs.drain(..).collect();
        if self.stack.len() == self.held.under && self.session.saving.is_none() {
            self.feed(inputs);
        } else {
            let n = inputs.len();
            let s = if n == 1 { "" } else { "s" };
            self.say(format!("{n} key{s} typed during the question went unused"));
        }
    }
}
