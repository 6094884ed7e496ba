//! The quick-capture popup's state and what its keys do: a line in the
//! capture grammar, parsed on every keystroke into a preview (or an error with
//! a caret), a dropdown of names while an `@fragment` is typed, and Enter
//! saving through [`App::commit_with`] before the popup closes. The Timeline's
//! edit, delete and done live here too: they act on entries the same way.

use crate::capture::{self, Capture, CaptureError, Parsed, Who};
use crate::model::{Book, Direction, EntryId, Index, Op, PersonId};
use crate::search::SearchIndex;

use super::app::App;
use super::field::TextField;
use super::history::Then;
use super::mode::{Ask, Mode};

/// How many names the dropdown shows.
pub const MAX_MATCHES: usize = 6;

/// What the capture popup holds while it is open.
#[derive(Debug, Clone)]
pub struct CaptureState {
    pub field: TextField,
    /// The entry being edited (`e` on the Timeline), or `None` for a new one.
    pub editing: Option<EntryId>,
    /// The text the popup opened with: Esc on it (unchanged) closes at once.
    pub initial: String,
    /// The line read against the book: what will be saved, or what is wrong.
    pub parsed: Result<Parsed, CaptureError>,
    /// People whose names fit the `@fragment` at the cursor, best first.
    pub matches: Vec<(PersonId, String)>,
    pub highlighted: usize,
    /// Why the last save failed (the text is kept).
    pub save_error: Option<String>,
}

impl App {
    /// Opens the capture popup, the line starting with `@person ` when given.
    /// Other tabs (the Review) call this with their selected person.
    pub fn open_capture(&mut self, prefill: Option<PersonId>) {
        let text = match prefill {
            Some(id) => format!(
                "{} ",
                capture::mention(&Who::Known(id), &self.book, &self.names)
            ),
            None => String::new(),
        };
        self.open_capture_with(text, None);
    }

    /// Opens the popup on the Timeline's selected entry, in grammar form.
    pub fn open_edit(&mut self) {
        let Some(entry) = self.selected_entry().map(|i| &self.book.entries[i]) else {
            return self.say("no entry selected".into());
        };
        let (text, id) = (capture::render(entry, &self.book, self.today), entry.id);
        self.open_capture_with(text, Some(id));
    }

    fn open_capture_with(&mut self, text: String, editing: Option<EntryId>) {
        self.capture = Some(CaptureState {
            field: TextField::new(text.clone()),
            editing,
            initial: text,
            parsed: Err(CaptureError {
                span: 0..0,
                kind: capture::CaptureErrorKind::NoPerson,
            }),
            matches: Vec::new(),
            highlighted: 0,
            save_error: None,
        });
        self.capture_edited();
        self.push(Mode::Capture);
    }

    pub fn capture_state(&self) -> Option<&CaptureState> {
        self.capture.as_ref()
    }

    /// Reads the line again and refreshes the dropdown.
    pub(super) fn capture_edited(&mut self) {
        let Some(state) = self.capture.as_ref() else {
            return;
        };
        let line = state.field.value();
        let parsed = capture::parse_with(line, self.today, &self.book, &self.names, &self.kinds);
        let matches = match fragment(line, state.field.cursor()) {
            Some((_, typed)) => {
                // Built on the first `@` after each change to the book.
                let search = self
                    .search
                    .get_or_insert_with(|| SearchIndex::build(&self.book));
                name_matches(typed, &self.book, search, &self.index)
            }
            None => Vec::new(),
        };
        if let Some(state) = self.capture.as_mut() {
            state.parsed = parsed;
            state.matches = matches;
            state.highlighted = 0;
        }
    }

    pub(super) fn capture_move(&mut self, down: bool) {
        if let Some(state) = self.capture.as_mut()
            && !state.matches.is_empty()
        {
            let n = state.matches.len();
            state.highlighted = if down {
                (state.highlighted + 1) % n
            } else {
                (state.highlighted + n - 1) % n
            };
        }
    }

    /// Puts the highlighted name in place of the `@fragment`. False when
    /// there was nothing to accept.
    pub(super) fn capture_complete(&mut self) -> bool {
        let Some(state) = self.capture.as_ref() else {
            return false;
        };
        let Some((id, _)) = state.matches.get(state.highlighted) else {
            return false;
        };
        let line = state.field.value();
        let Some((range, _)) = fragment(line, state.field.cursor()) else {
            return false;
        };
        let form = capture::mention(&Who::Known(*id), &self.book, &self.names);
        let rest = &line[range.end..];
        let space = if rest.starts_with(' ') { "" } else { " " };
        let before = format!("{}{form}{space}", &line[..range.start]);
        let cursor = before.chars().count() + usize::from(space.is_empty());
        let text = format!("{before}{rest}");
        if let Some(state) = self.capture.as_mut() {
            state.field.set_at(text, cursor);
        }
        self.capture_edited();
        true
    }

    /// Enter: saves a line that parses (with the name dropdown open too,
    /// unless the arrows moved in it); with unknown names, asks first
    /// (`create_ok` is the answer). The popup closes only once the store's
    /// atomic save returned.
    pub(super) fn capture_save(&mut self, create_ok: bool) {
        // With the dropdown open, Enter takes the name the arrows picked, or
        // any name when the line does not read yet; a line that already
        // reads (the preview shows what will be saved) is saved.
        let pick = self
            .capture
            .as_ref()
            .is_some_and(|s| s.highlighted > 0 || s.parsed.is_err());
        if pick && self.capture_complete() {
            return;
        }
        let Some(state) = self.capture.as_mut() else {
            return;
        };
        let parsed = match &state.parsed {
            Ok(parsed) => parsed.clone(),
            Err(e) => {
                let msg = format!("not saved: {}", e.kind);
                state.save_error = None;
                return self.fail(msg);
            }
        };
        let new: Vec<String> = parsed.capture.new_people().map(String::from).collect();
        if !new.is_empty() && !create_ok {
            return self.push(Mode::Ask(Ask::CreatePeople(new)));
        }
        let editing = state.editing;
        let what = describe(&parsed.capture, &self.book, editing.is_some());
        let capture = parsed.capture;
        match editing {
            None => self.commit_capture(capture, &what),
            Some(id) => self.commit_with(
                move |fresh| Ok(capture.to_edit_op(fresh, id)),
                &what,
                Then::Capture,
            ),
        }
    }

    /// The capture's change is on disk (the popup closes and says so), or it is
    /// not (the popup stays, with its text and the error).
    pub(super) fn capture_saved(&mut self, saved: bool, what: &str) {
        if saved {
            self.close_capture();
            self.say(format!("saved: {what}"));
            return;
        }
        let error = self.status.as_ref().map(|s| s.text.clone());
        if let Some(state) = self.capture.as_mut() {
            state.save_error = error;
        }
        // The book may have been reloaded: read the line against it.
        self.capture_edited();
    }

    /// Esc: closes at once when nothing was typed, else asks.
    pub(super) fn capture_cancel(&mut self) {
        let untouched = self
            .capture
            .as_ref()
            .is_none_or(|s| s.field.value().trim().is_empty() || s.field.value() == s.initial);
        if untouched {
            self.close_capture();
        } else {
            self.push(Mode::Ask(Ask::Discard));
        }
    }

    fn close_capture(&mut self) {
        self.capture = None;
        self.review.capture_for = None;
        self.modes
            .retain(|m| !matches!(m, Mode::Capture | Mode::Ask(_)));
    }

    /// The answer to the question on top.
    pub(super) fn answer(&mut self, yes: bool) {
        let Some(Mode::Ask(ask)) = self.modes.last().cloned() else {
            return;
        };
        self.pop();
        if !yes {
            return;
        }
        match ask {
            Ask::CreatePeople(_) => self.capture_save(true),
            Ask::Discard => self.close_capture(),
            Ask::Recreate => self.recreate(),
            Ask::Delete(id) => {
                let what = match self.book.entry(id) {
                    Some(e) => format!("deleted {}", entry_words(e, &self.book)),
                    None => "deleted an entry".to_string(),
                };
                self.commit(Op::DeleteEntry(id), &what, Then::Nothing);
            }
        }
    }

    /// `d` on the Timeline: asks before deleting the selected entry.
    pub(super) fn ask_delete(&mut self) {
        match self.selected_entry().map(|i| self.book.entries[i].id) {
            Some(id) => self.push(Mode::Ask(Ask::Delete(id))),
            None => self.say("no entry selected".into()),
        }
    }

    /// `x` on the Timeline: an open promise or follow-up done, a done one open.
    pub(super) fn toggle_done(&mut self) {
        let Some(entry) = self.selected_entry().map(|i| &self.book.entries[i]) else {
            return self.say("no entry selected".into());
        };
        let words = entry_words(entry, &self.book);
        let (op, what) = if entry.done {
            (Op::SetDone(entry.id, None), format!("reopened {words}"))
        } else if entry.kind.is_promise() || entry.follow_up.is_some() {
            (
                Op::SetDone(entry.id, Some(self.today)),
                format!("marked done: {words}"),
            )
        } else {
            return self.say("only a promise or a follow-up can be done".into());
        };
        self.commit(op, &what, Then::Nothing);
    }
}

/// "logged favor for Ana García" (or "edited …").
fn describe(c: &Capture, book: &Book, editing: bool) -> String {
    let names: Vec<String> = c
        .people
        .iter()
        .map(|w| match w {
            Who::Known(id) => book.name_of(*id),
            Who::New(name) => name.clone(),
        })
        .collect();
    let verb = if editing { "edited" } else { "logged" };
    let to = match c.direction {
        Direction::Gave => "for",
        Direction::Received => "from",
        Direction::Mutual => "with",
    };
    format!("{verb} {} {to} {}", c.kind, names.join(", "))
}

/// "favor for Ana García".
fn entry_words(e: &crate::model::Entry, book: &Book) -> String {
    let names: Vec<String> = e.people.iter().map(|p| book.name_of(*p)).collect();
    format!("{} for {}", e.kind, names.join(", "))
}

/// The `@word` the cursor (a char index) is in or just after: its byte range
/// (from the `@` to the end of the word) and the typed name after the `@`.
/// `None` when the cursor is not in a mention, or the name is empty or quoted.
pub fn fragment(line: &str, cursor: usize) -> Option<(std::ops::Range<usize>, &str)> {
    let at = line
        .char_indices()
        .nth(cursor)
        .map_or(line.len(), |(i, _)| i);
    let start = line[..at].rfind(char::is_whitespace).map_or(0, |i| {
        i + line[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = line[at..]
        .find(char::is_whitespace)
        .map_or(line.len(), |i| at + i);
    let word = &line[start..end];
    let name = word.strip_prefix('@')?;
    let typed = &line[start + 1..at];
    (!typed.is_empty() && !name.starts_with('"')).then_some((start..end, typed))
}

/// Active people whose name or a nickname fits `typed` (dots as spaces),
/// best first, from the same search engine as the finder.
pub fn name_matches(
    typed: &str,
    book: &Book,
    search: &SearchIndex,
    index: &Index,
) -> Vec<(PersonId, String)> {
    search
        .names(&typed.replace('.', " "), book, index, MAX_MATCHES)
        .into_iter()
        .map(|hit| (hit.person, book.name_of(hit.person)))
        .collect()
}
