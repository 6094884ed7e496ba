//! Delete a person: who, the name to type, and whether their entries go too.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::Delete;
use crate::tui::layers::question::summary;
use crate::tui::ui::popup::{boxed, field_line};
use crate::tui::ui::theme::Theme;

pub struct DeleteView<'a> {
    pub app: &'a App,
    pub delete: &'a Delete,
}

impl Widget for DeleteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, d) = (self.app, self.delete);
        let theme = Theme { color: app.color };
        let key = |action| app.keymap().key_for(Table::Delete, action);
        let mut lines = vec![
            Line::raw(format!("Delete {} for good?", summary(app.book(), d.id))),
            Line::raw("Type their name to confirm:"),
            Line::raw(""),
        ];
        if d.entries > 0 {
            let mark = if d.also { "[x]" } else { "[ ]" };
            let s = if d.entries == 1 { "entry" } else { "entries" };
            lines.push(Line::from(vec![
                Span::styled(mark, theme.accent()),
                Span::raw(format!(
                    " also delete their {} {s} ({})",
                    d.entries,
                    key(Action::ToggleAlso)
                )),
            ]));
        }
        let bottom = format!(
            "{} delete · {} cancel",
            key(Action::Submit),
            key(Action::Back)
        );
        let inner = boxed(area, buf, theme, "Delete", &bottom, lines);
        let row = Rect {
            y: inner.y + 2,
            height: 1,
            ..inner
        };
        field_line(&d.typed, "› ", row, buf, theme);
    }
}
