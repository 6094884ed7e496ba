//! The release prompt: what was promised, and the note being typed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::text;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::ReleaseNote;
use crate::tui::ui::popup::{boxed, field_line};
use crate::tui::ui::theme::Theme;

pub struct ReleaseView<'a> {
    pub app: &'a App,
    pub release: &'a ReleaseNote,
}

impl Widget for ReleaseView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, release) = (self.app, self.release);
        let theme = Theme { color: app.color };
        let key = |action| app.keymap().key_for(Table::Release, action);
        let bottom = format!(
            "{} releases · {} keeps it",
            key(Action::Submit),
            key(Action::Back)
        );
        let room = usize::from(area.width.saturating_sub(8));
        let lines = vec![
            Line::raw(""),
            Line::styled(
                text::truncate(&format!("promised: {}", release.promised), room),
                theme.dim(),
            ),
            Line::styled("why you will not keep it (optional)", theme.dim()),
        ];
        let title = format!(
            "Release a promise to {}",
            app.book().name_of(release.person)
        );
        let inner = boxed(area, buf, theme, &title, &bottom, lines);
        field_line(&release.field, "> ", inner, buf, theme);
    }
}
