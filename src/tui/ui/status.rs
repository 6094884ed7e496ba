//! The two bottom lines: file, counts and the latest message; then the key
//! hints of the focused pane, generated from the same keymap that dispatches.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::text;
use crate::tui::app::App;
use crate::tui::keys::keymap::Hint;
use crate::tui::ui::theme::Theme;

pub struct StatusLine<'a>(pub &'a App);

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let theme = Theme { color: app.color };
        let mut spans = Vec::new();
        if app.demo {
            spans.push(Span::styled(" DEMO ", theme.demo()));
            spans.push(Span::raw(" "));
        }
        let file = app
            .store()
            .path()
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let book = app.book();
        let active = book.active_people().count();
        // With archived people shown (`.`), they are counted apart.
        let archived = match app.view.sort.archived {
            true => book.people.len() - active,
            false => 0,
        };
        let people = text::count(active, "person", "people");
        let people = match archived {
            0 => people,
            n => format!("{people} + {n} archived"),
        };
        let entries = text::count(book.entries.len(), "entry", "entries");
        let counts = format!("{file} · {people} · {entries}");
        let width = usize::from(area.width);
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        // A message that would be cut gets the counts' room (they are on
        // the tabs too); what still does not fit is cut between words.
        let fits = |extra: usize| {
            app.status
                .as_ref()
                .is_none_or(|s| used + extra + 3 + text::width(&s.text) <= width)
        };
        let show_counts = fits(text::width(&counts));
        if show_counts {
            spans.push(Span::styled(counts, theme.dim()));
        } else {
            spans.push(Span::styled(file, theme.dim()));
        }
        if let Some(status) = &app.status {
            let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
            let room = width.saturating_sub(used + 3);
            let style = if status.error {
                theme.error()
            } else {
                theme.accent()
            };
            spans.push(Span::raw(" · "));
            spans.push(Span::styled(
                text::truncate_words(&status.text, room),
                style,
            ));
        }
        Line::from(spans).render(area, buf);
    }
}

pub struct HintLine<'a>(pub &'a App);

impl Widget for HintLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let theme = Theme { color: app.color };
        // A key with nothing to act on now is not offered (x on the
        // review's done screen).
        let mut hints = app.keymap().hints(&app.tables());
        hints.retain(|h| !app.idle(h.action));
        let mut spans = Vec::new();
        for hint in fitting(&hints, usize::from(area.width)) {
            spans.push(Span::styled(format!(" {}", hint.key), theme.title()));
            spans.push(Span::styled(format!(" {} ", hint.help), theme.dim()));
        }
        Line::from(spans).render(area, buf);
    }
}

/// The hints that fit `width` columns, in their order. The pinned ones (the
/// daily flows, undo, help) are kept first; then each other in order while
/// it fits, so the last (least important) go first and a shorter one
/// further on may still take the room left.
fn fitting(hints: &[Hint], width: usize) -> Vec<&Hint> {
    let cost = |h: &Hint| text::width(&h.key) + text::width(h.help) + 3;
    let mut used: usize = hints.iter().filter(|h| h.pinned).map(cost).sum();
    let mut keep: Vec<bool> = hints.iter().map(|h| h.pinned).collect();
    for (i, hint) in hints.iter().enumerate() {
        if !keep[i] && used + cost(hint) <= width {
            used += cost(hint);
            keep[i] = true;
        }
    }
    hints
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(h, _)| h)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(key: &str, help: &'static str, pinned: bool) -> Hint {
        Hint {
            action: crate::tui::keys::action::Action::Help,
            key: key.to_string(),
            help,
            pinned,
        }
    }

    #[test]
    fn drops_the_last_hints_but_never_the_pinned_ones() {
        let hints = [
            hint("c", "capture", true),
            hint("?", "help", true),
            hint("q", "quit", false),
            hint("Enter", "open card", false),
            hint("s", "sort", false),
        ];
        let all: usize = hints.iter().map(|h| h.key.len() + h.help.len() + 3).sum();
        let helps = |w| -> Vec<&str> { fitting(&hints, w).iter().map(|h| h.help).collect() };
        assert_eq!(helps(all), ["capture", "help", "quit", "open card", "sort"]);
        // No room for "Enter open card": "s sort" still fits after it.
        assert_eq!(helps(all - 10), ["capture", "help", "quit", "sort"]);
        // Only room for one: the pinned ones stay all the same.
        assert_eq!(helps(8), ["capture", "help"]);
    }
}
