//! The Coffee only tab: people with entries but no deed either way, met
//! longest ago first, with what they need, so a deed is easy to pick.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, StatefulWidget, Widget, Wrap};

use crate::model::Facts;
use crate::text::{fit, fit_right};
use crate::tui::app::App;
use crate::tui::panes::cursor::Shown;
use crate::tui::ui::kit::draw_row;
use crate::tui::ui::theme::Theme;

pub struct CoffeePane<'a>(pub &'a App);

impl StatefulWidget for CoffeePane<'_> {
    type State = Option<Shown>;

    fn render(self, area: Rect, buf: &mut Buffer, shown: &mut Option<Shown>) {
        let app = self.0;
        let theme = Theme { color: app.color };
        let block = Block::bordered().title(Line::from(vec![
            Span::styled(" Coffee only ", theme.title()),
            Span::styled("touches, no deed yet · met longest ago first ", theme.dim()),
        ]));
        let inner = block.inner(area);
        block.render(area, buf);
        let people = &app.lists().coffee;
        if people.is_empty() {
            Paragraph::new(vec![
                Line::styled("No one is coffee-only.", theme.title()),
                Line::raw(""),
                Line::raw(
                    "Everyone you have met has had a deed from you or for you. When someone \
                     appears here, do one thing for them: an intro, a review, a referral.",
                ),
            ])
            .wrap(Wrap { trim: true })
            .render(inner, buf);
            return;
        }
        let w = usize::from(inner.width);
        let name_w = (w / 3).clamp(12, 26);
        let fixed = name_w + 9 + 8;
        let needs_w = w.saturating_sub(fixed);
        let header = format!(
            "{}{}{}  {}",
            fit("name", name_w),
            fit_right("met", 9),
            fit_right("touches", 8),
            "needs"
        );
        buf.set_string(inner.x, inner.y, fit(&header, w), theme.dim());
        let rows = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        let facts = Facts::new(app.book(), app.index());
        let cursor = &app.cursors.coffee;
        let range = cursor.visible(people.len(), usize::from(rows.height));
        *shown = Some(Shown {
            top: range.start,
            rows: usize::from(rows.height),
        });
        for (row, i) in range.enumerate() {
            let Some(p) = app.person(people[i]) else {
                continue;
            };
            let f = app.index().facts(p.id);
            let met = facts
                .met_on(p)
                .map(|d| match (app.session.today - d).num_days() {
                    0 => "today".to_string(),
                    days => format!("{} ago", crate::text::short_age(days)),
                })
                .unwrap_or_else(|| "—".into());
            let needs = match p.first_need() {
                Some(n) => Span::raw(format!("  {}", fit(n, needs_w.saturating_sub(2)))),
                None => Span::styled(
                    format!(
                        "  {}",
                        fit("needs: unknown — ask", needs_w.saturating_sub(2))
                    ),
                    theme.dim(),
                ),
            };
            let line = Line::from(vec![
                Span::raw(fit(&p.name, name_w)),
                Span::raw(fit_right(&met, 9)),
                Span::styled(fit_right(&f.touches.to_string(), 8), theme.touch()),
                needs,
            ]);
            draw_row(line, rows, row, i == cursor.selected, theme, buf);
        }
    }
}
