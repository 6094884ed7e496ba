//! The merge target picker: the query, then the people it finds.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::text;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::Picker;
use crate::tui::ui::popup::{boxed, field_line};
use crate::tui::ui::theme::Theme;

pub struct PickerView<'a> {
    pub app: &'a App,
    pub picker: &'a Picker,
}

impl Widget for PickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, p) = (self.app, self.picker);
        let theme = Theme { color: app.color };
        let room = usize::from(area.height.saturating_sub(5)).clamp(1, 10);
        let from = app.book().name_of(p.from);
        let mut lines = vec![Line::raw(""), Line::styled("─".repeat(60), theme.dim())];
        let first = (p.selected + 1).saturating_sub(room);
        for (i, id) in p.results.iter().enumerate().skip(first).take(room) {
            let Some(person) = app.person(*id) else {
                continue;
            };
            let org = person.org.as_deref().unwrap_or("");
            let row = format!(
                "{}  {}",
                text::fit(&person.name, 28),
                text::truncate(org, 28)
            );
            let style = if i == p.selected {
                theme.selected()
            } else {
                theme.plain()
            };
            lines.push(Line::styled(text::fit(&row, 60), style));
        }
        if p.results.is_empty() {
            lines.push(Line::styled("no one matches", theme.dim()));
        }
        let title = format!("Merge {} into…", text::truncate(&from, 30));
        let key = |action| app.keymap().key_for(Table::Picker, action);
        let bottom = format!(
            "{} choose · {} cancel",
            key(Action::Submit),
            key(Action::Back)
        );
        let inner = boxed(area, buf, theme, &title, &bottom, lines);
        field_line(&p.query, "› ", inner, buf, theme);
    }
}
