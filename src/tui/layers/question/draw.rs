//! A yes/no question: its title, its lines, and the keys that answer it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::Question;
use crate::tui::ui::popup::boxed;
use crate::tui::ui::theme::Theme;

pub struct QuestionView<'a> {
    pub app: &'a App,
    pub question: &'a Question,
}

impl Widget for QuestionView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, q) = (self.app, self.question);
        let theme = Theme { color: app.color };
        let key = |action| app.keymap().key_for(Table::Question, action);
        let bottom = format!("{} yes · {} no", key(Action::Yes), key(Action::No));
        let lines = q.lines.iter().map(|l| Line::raw(l.as_str())).collect();
        boxed(area, buf, theme, &q.title, &bottom, lines);
    }
}
