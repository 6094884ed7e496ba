//! Below the minimum size: a short message instead of a broken layout.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{MIN_HEIGHT, MIN_WIDTH};

pub struct TooSmall;

impl Widget for TooSmall {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = vec![
            Line::from(format!(
                "terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT})"
            ))
            .centered(),
            Line::from(format!("now {}×{}", area.width, area.height)).centered(),
        ];
        let [mid] = Layout::vertical([Constraint::Length(2)])
            .flex(ratatui::layout::Flex::Center)
            .areas(area);
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(mid, buf);
    }
}
