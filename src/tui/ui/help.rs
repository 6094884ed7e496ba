//! The `?` overlay: every key of the mode underneath, listed from the same
//! tables that dispatch them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::text;
use crate::tui::app::{App, Mode};

pub struct HelpOverlay<'a>(pub &'a App);

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let theme = Theme { color: app.color };
        // The help is for the mode under the overlay.
        let under = app
            .modes()
            .iter()
            .rev()
            .find(|m| **m != Mode::Help)
            .unwrap_or(&Mode::Normal);
        // One column per table: stacked when they fit, side by side when not.
        let columns: Vec<Vec<Line>> = under
            .tables(app.tab)
            .into_iter()
            .map(|table| (table, app.keymap().help_rows(table)))
            .filter(|(_, rows)| !rows.is_empty())
            .map(|(table, rows)| {
                let mut lines = vec![Line::styled(table.title(), theme.title())];
                lines.extend(rows.into_iter().map(|(keys, help)| {
                    Line::from(vec![
                        Span::styled(text::fit(&keys, 12), theme.accent()),
                        Span::raw(help),
                    ])
                }));
                lines
            })
            .collect();
        let stacked: usize = columns.iter().map(|c| c.len() + 1).sum::<usize>();
        let room = usize::from(area.height.saturating_sub(2));
        let columns = if stacked.saturating_sub(1) <= room {
            let blank = [Line::raw("")];
            vec![columns.join(&blank[..])]
        } else {
            columns
        };
        let rows = columns.iter().map(Vec::len).max().unwrap_or(0) as u16;
        let width = (28 * columns.len() as u16 + 2).min(area.width);
        let [popup] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::vertical([Constraint::Length((rows + 2).min(area.height))])
            .flex(Flex::Center)
            .areas(popup);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .title(Line::styled(" Keys ", theme.title()))
            .title_bottom(Line::styled(" Esc closes ", theme.dim()).right_aligned());
        let inner = block.inner(popup);
        block.render(popup, buf);
        let areas = Layout::horizontal(vec![Constraint::Fill(1); columns.len()]).split(inner);
        for (lines, col) in columns.into_iter().zip(areas.iter()) {
            Paragraph::new(lines).render(*col, buf);
        }
    }
}
