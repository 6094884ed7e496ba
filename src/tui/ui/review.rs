//! The Review tab, until the daily review queue lands with its own issue.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::tui::app::App;

pub struct ReviewPane<'a>(pub &'a App);

impl Widget for ReviewPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme {
            color: self.0.color,
        };
        let block = Block::bordered().title(Line::styled(" Review ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        Paragraph::new(vec![
            Line::styled("Coming soon: the daily review.", theme.title()),
            Line::raw(""),
            Line::raw(
                "One person at a time, with the reason they are here — an open promise, \
                 a follow-up due, a cadence passed, coffee only — and a key to log what you \
                 did, snooze or skip.",
            ),
            Line::raw(""),
            Line::styled(
                "Meanwhile: People (1) sorts who needs attention first.",
                theme.dim(),
            ),
        ])
        .wrap(Wrap { trim: true })
        .render(inner, buf);
    }
}
