//! The go-to prompt: the id typed, and whom it names (or why no one).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::GoTo;
use crate::tui::ui::popup::{boxed, field_line};
use crate::tui::ui::theme::Theme;

pub struct GoToView<'a> {
    pub app: &'a App,
    pub go_to: &'a GoTo,
}

impl Widget for GoToView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, go_to) = (self.app, self.go_to);
        let theme = Theme { color: app.color };
        let key = |action| app.keymap().key_for(Table::GoTo, action);
        let bottom = format!(
            "{} opens · {} cancel",
            key(Action::Submit),
            key(Action::Back)
        );
        let named = match go_to.person(app.book()) {
            Ok(id) => Line::styled(format!("→ {}", app.book().name_of(id)), theme.accent()),
            Err(why) => Line::styled(why, theme.dim()),
        };
        let lines = vec![Line::raw(""), named];
        let inner = boxed(area, buf, theme, "Go to person", &bottom, lines);
        field_line(&go_to.field, "# ", inner, buf, theme);
    }
}
