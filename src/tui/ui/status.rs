//! The two bottom lines: file, counts and the latest message; then the key
//! hints of the focused pane, generated from the same keymap that dispatches.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::text;
use crate::tui::app::App;

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
        let counts = format!(
            "{file} · {} people · {} entries",
            app.book().active_people().count(),
            app.book().entries.len()
        );
        spans.push(Span::styled(counts, theme.dim()));
        if let Some(status) = &app.status {
            let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
            let room = usize::from(area.width).saturating_sub(used + 3);
            let style = if status.error {
                theme.error()
            } else {
                theme.accent()
            };
            spans.push(Span::raw(" · "));
            spans.push(Span::styled(text::truncate(&status.text, room), style));
        }
        Line::from(spans).render(area, buf);
    }
}

pub struct HintLine<'a>(pub &'a App);

impl Widget for HintLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let theme = Theme { color: app.color };
        let mut spans = Vec::new();
        let mut used = 0;
        for (key, help) in app.keymap().hints(&app.tables()) {
            let item = text::width(&key) + text::width(help) + 3;
            if used + item > usize::from(area.width) {
                break;
            }
            used += item;
            spans.push(Span::styled(format!(" {key}"), theme.title()));
            spans.push(Span::styled(format!(" {help} "), theme.dim()));
        }
        Line::from(spans).render(area, buf);
    }
}
