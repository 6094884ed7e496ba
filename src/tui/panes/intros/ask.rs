//! The Intros tab's Ask section: your standing asks (`me: (needs: […])` in
//! the config), each with who could help you best — or who already did.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::intros::Asked;
use crate::text::{self, fit};
use crate::tui::app::App;
use crate::tui::ui::theme::Theme;

/// Lines the section takes for `asks`: a heading, two lines an ask, a gap.
pub fn height(asks: &[Asked]) -> u16 {
    match asks.len() {
        0 => 0,
        n => 2 + 2 * n as u16,
    }
}

/// Draws the section into `area` (as many asks as fit).
pub fn render(app: &App, asks: &[Asked], area: Rect, buf: &mut Buffer, theme: Theme) {
    let w = usize::from(area.width);
    let book = app.book();
    let mut lines = vec![Line::styled(
        fit("Ask · who could help you", w),
        theme.title(),
    )];
    for a in asks {
        lines.push(Line::styled(
            fit(&format!("You ask “{}”", a.need), w),
            theme.plain(),
        ));
        let second = match (&a.answered, a.helpers.first()) {
            (Some((who, date)), _) => {
                format!("  ✓ answered: {} helped you on {date}", book.name_of(*who))
            }
            (None, Some(h)) => {
                let owed = h
                    .owed
                    .as_deref()
                    .map(|o| format!(" · {o}"))
                    .unwrap_or_default();
                let seen = h
                    .last_contact
                    .map_or_else(|| "never".to_string(), text::short_age);
                format!(
                    "  → {} could help · because: {}{owed} · seen {seen}",
                    book.name_of(h.candidate),
                    h.because.join(", ")
                )
            }
            (None, None) => "  → no one in your book offers that yet".to_string(),
        };
        lines.push(Line::styled(text::truncate(&second, w), theme.dim()));
    }
    for (i, line) in lines.into_iter().enumerate().take(usize::from(area.height)) {
        let row = Rect {
            y: area.y + i as u16,
            height: 1,
            ..area
        };
        line.render(row, buf);
    }
}
