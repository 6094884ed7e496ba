//! The new-person popup: the name to create, whom it probably meant, and
//! the keys that settle it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::text::visible;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::new_person::NewPerson;
use crate::tui::ui::popup::{boxed, field_line};
use crate::tui::ui::theme::Theme;

pub struct NewPersonView<'a> {
    pub app: &'a App,
    pub new: &'a NewPerson,
}

impl Widget for NewPersonView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, new) = (self.app, self.new);
        let theme = Theme { color: app.color };
        let key = |action| app.keymap().key_for(Table::NewPerson, action);
        let mut bottom = vec![format!("{} create", key(Action::Submit))];
        let mut lines = vec![Line::raw("")];
        let meant: Vec<String> = new
            .meant
            .iter()
            .map(|(_, n)| visible(n).into_owned())
            .collect();
        match meant.first() {
            Some(first) => {
                let said = crate::capture::nobody_called(&visible(&new.typed), &meant);
                lines.push(Line::styled(said, theme.accent()));
                bottom.insert(0, format!("{} {first}", key(Action::TakeMeant)));
            }
            None => lines.push(Line::raw(format!(
                "Nobody called {} yet: added with the line.",
                visible(&new.typed)
            ))),
        }
        bottom.push(format!("{} back", key(Action::Back)));
        let inner = boxed(area, buf, theme, "New person", &bottom.join(" · "), lines);
        field_line(&new.field, "Name: ", inner, buf, theme);
    }
}
