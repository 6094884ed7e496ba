//! The Timeline's filter chooser: all, deeds, touches, then each kind with
//! its weight, every row with how many entries it keeps; `•` marks the
//! filter in use.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, StatefulWidget, Widget};

use crate::text;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::filter::FilterChooser;
use crate::tui::panes::cursor::Shown;
use crate::tui::panes::lists::WeightFilter;
use crate::tui::ui::kit::draw_row;
use crate::tui::ui::theme::Theme;

pub struct FilterPopup<'a> {
    pub app: &'a App,
    pub chooser: &'a FilterChooser,
}

impl StatefulWidget for FilterPopup<'_> {
    type State = Option<Shown>;

    fn render(self, area: Rect, buf: &mut Buffer, shown: &mut Option<Shown>) {
        let app = self.app;
        let theme = Theme { color: app.color };
        let rows = &self.chooser.rows;
        let width = 36.min(area.width);
        let height = (rows.len() as u16 + 2).min(area.height);
        let popup = crate::tui::ui::kit::centered(area, width, height);
        crate::tui::ui::kit::clear_popup(popup, buf);
        let title = match app.view.who {
            Some(who) => {
                let room = usize::from(width).saturating_sub(12);
                format!(
                    " Show · {} ",
                    text::truncate(&app.book().name_of(who), room)
                )
            }
            None => " Show ".to_string(),
        };
        let key = |action| app.keymap().key_for(Table::Filter, action);
        let footer = format!(" {} shows · {} ", key(Action::Submit), key(Action::Back));
        let block = Block::bordered()
            .title(Line::styled(title, theme.title()))
            .title_bottom(Line::styled(footer, theme.dim()).right_aligned());
        let inner = block.inner(popup);
        block.render(popup, buf);
        let cursor = &self.chooser.cursor;
        let count_w = 5;
        let weight_w = 6;
        let name_w = usize::from(inner.width).saturating_sub(2 + weight_w + count_w + 1);
        let range = cursor.visible(rows.len(), usize::from(inner.height));
        *shown = Some(Shown {
            top: range.start,
            rows: usize::from(inner.height),
        });
        for (row, i) in range.enumerate() {
            let (filter, count) = &rows[i];
            let mark = if *filter == app.view.weight {
                "•"
            } else {
                " "
            };
            let weight = match filter {
                WeightFilter::Kind(kind) => app.kinds().weight(kind).to_string(),
                _ => String::new(),
            };
            let count_style = if *count == 0 {
                theme.dim()
            } else {
                theme.plain()
            };
            let line = Line::from(vec![
                Span::styled(format!("{mark} "), theme.accent()),
                Span::raw(text::fit(filter.label(), name_w)),
                Span::styled(text::fit(&weight, weight_w), theme.dim()),
                Span::styled(format!("{count:>count_w$} "), count_style),
            ]);
            draw_row(line, inner, row, i == cursor.selected, theme, buf);
        }
    }
}
