//! A one-line text field for popups (capture, finder, forms): editing keys
//! map onto `tui_input`, and drawing scrolls by display width.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tui_input::{Input, InputRequest};

use crate::tui::keys::key::Key;

#[derive(Debug, Clone, Default)]
pub struct TextField {
    input: Input,
}

impl TextField {
    pub fn new(text: impl Into<String>) -> TextField {
        TextField {
            input: Input::new(text.into()),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor as a char index into `value()`.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    pub fn set(&mut self, text: impl Into<String>) {
        self.input = Input::new(text.into());
    }

    /// Replaces the text and puts the cursor at char index `cursor`.
    pub fn set_at(&mut self, text: impl Into<String>, cursor: usize) {
        self.input = Input::new(text.into()).with_cursor(cursor);
    }

    /// Inserts `text` at the cursor in one step (a paste, or a run of typed
    /// characters), cleaned to one line; the cursor ends after it. Linear in
    /// the length of the field, however long `text` is.
    pub fn insert_str(&mut self, text: &str) -> bool {
        let text = crate::text::clean_line(text);
        if text.is_empty() {
            return false;
        }
        let value = self.input.value();
        let cursor = self.input.cursor();
        let at = value
            .char_indices()
            .nth(cursor)
            .map_or(value.len(), |(i, _)| i);
        let mut joined = String::with_capacity(value.len() + text.len());
        joined.push_str(&value[..at]);
        joined.push_str(&text);
        joined.push_str(&value[at..]);
        let cursor = cursor + text.chars().count();
        self.input = Input::new(joined).with_cursor(cursor);
        true
    }

    /// Applies an editing key; returns true when the text changed. Keys that
    /// are not editing keys (Enter, Esc, Tab, arrows up/down) are left alone.
    pub fn handle(&mut self, key: Key) -> bool {
        let ctrl = key.mods.contains(KeyModifiers::CONTROL);
        let alt = key.mods.contains(KeyModifiers::ALT);
        let req = match key.code {
            KeyCode::Char(c) if !ctrl && !alt => InputRequest::InsertChar(c),
            KeyCode::Char('a') if ctrl => InputRequest::GoToStart,
            KeyCode::Char('e') if ctrl => InputRequest::GoToEnd,
            KeyCode::Char('b') if ctrl => InputRequest::GoToPrevChar,
            KeyCode::Char('f') if ctrl => InputRequest::GoToNextChar,
            KeyCode::Char('w') if ctrl => InputRequest::DeletePrevWord,
            KeyCode::Char('u') if ctrl => InputRequest::DeleteFromStart,
            KeyCode::Char('k') if ctrl => InputRequest::DeleteTillEnd,
            KeyCode::Char('d') if ctrl => InputRequest::DeleteNextChar,
            KeyCode::Char('b') if alt => InputRequest::GoToPrevWord,
            KeyCode::Char('f') if alt => InputRequest::GoToNextWord,
            KeyCode::Backspace if alt || ctrl => InputRequest::DeletePrevWord,
            KeyCode::Backspace => InputRequest::DeletePrevChar,
            KeyCode::Delete => InputRequest::DeleteNextChar,
            KeyCode::Left if alt || ctrl => InputRequest::GoToPrevWord,
            KeyCode::Right if alt || ctrl => InputRequest::GoToNextWord,
            KeyCode::Left => InputRequest::GoToPrevChar,
            KeyCode::Right => InputRequest::GoToNextChar,
            KeyCode::Home => InputRequest::GoToStart,
            KeyCode::End => InputRequest::GoToEnd,
            _ => return false,
        };
        let before = self.input.value().len();
        let changed = self.input.handle(req).is_some_and(|c| c.value);
        changed || before != self.input.value().len()
    }

    /// What fits in `width` columns, and the cursor's column within it.
    pub fn visible(&self, width: usize) -> (String, u16) {
        let scroll = self.input.visual_scroll(width.saturating_sub(1).max(1));
        let mut shown = String::new();
        let mut col = 0usize;
        let mut skipped = 0usize;
        for c in self.input.value().chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if skipped < scroll {
                skipped += w;
                continue;
            }
            if col + w > width {
                break;
            }
            shown.push(c);
            col += w;
        }
        let cursor = self.input.visual_cursor().saturating_sub(scroll);
        (shown, cursor.min(width) as u16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_str(f: &mut TextField, s: &str) {
        for c in s.chars() {
            f.handle(Key::char(c));
        }
    }

    #[test]
    fn typing_editing_and_words() {
        let mut f = TextField::default();
        type_str(&mut f, "@ana favor: deck");
        assert_eq!(f.value(), "@ana favor: deck");
        assert!(f.handle(Key::ctrl('w')));
        assert_eq!(f.value(), "@ana favor: ");
        assert!(f.handle(Key::plain(KeyCode::Backspace)));
        assert!(
            !f.handle(Key::plain(KeyCode::Enter)),
            "Enter is not an editing key"
        );
        assert!(
            !f.handle(Key::plain(KeyCode::Home)),
            "moving is not a change"
        );
        type_str(&mut f, "> ");
        assert_eq!(f.value(), "> @ana favor:");
        assert!(f.handle(Key::ctrl('k')));
        assert_eq!(f.value(), "> ");
    }

    #[test]
    fn a_paste_lands_at_the_cursor_on_one_line() {
        let mut f = TextField::new("@ana : deck");
        f.handle(Key::plain(KeyCode::Home));
        for _ in 0..5 {
            f.handle(Key::plain(KeyCode::Right));
        }
        assert!(f.insert_str("favor\r\nreviewed\u{1b}[2J"));
        assert_eq!(f.value(), "@ana favor reviewed[2J: deck");
        assert_eq!(f.cursor(), 22);
        assert!(!f.insert_str("\u{7}"), "nothing left to insert");
    }

    #[test]
    fn wide_text_scrolls_to_keep_the_cursor_visible() {
        let f = TextField::new("王芳王芳王芳王芳");
        let (shown, cursor) = f.visible(6);
        assert!(unicode_width::UnicodeWidthStr::width(shown.as_str()) <= 6);
        assert!(cursor <= 6);
        assert!(shown.ends_with('芳'));
    }
}
