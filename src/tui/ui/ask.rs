//! A y/n question over whatever is below it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::text;
use crate::tui::app::App;
use crate::tui::mode::Ask;

pub struct AskPopup<'a> {
    pub app: &'a App,
    pub ask: &'a Ask,
}

impl AskPopup<'_> {
    fn question(&self) -> String {
        match self.ask {
            Ask::CreatePeople(names) => format!("create {}? (y/n)", names.join(", ")),
            Ask::Discard => "discard what you typed? (y/n)".to_string(),
            Ask::Recreate => format!(
                "{} is gone; write the book as shown to a new file there? (y/n)",
                self.app.store().path().display()
            ),
            Ask::Delete(id) => match self.app.book().entry(*id) {
                Some(e) => {
                    let names: Vec<String> = e
                        .people
                        .iter()
                        .map(|p| self.app.book().name_of(*p))
                        .collect();
                    format!("delete this {} with {}? (y/n)", e.kind, names.join(", "))
                }
                None => "delete this entry? (y/n)".to_string(),
            },
        }
    }
}

impl Widget for AskPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme {
            color: self.app.color,
        };
        let room = usize::from(area.width.saturating_sub(6));
        let question = text::truncate(&self.question(), room);
        let width = (text::width(&question) + 4) as u16;
        let popup = super::centered(area, width, 3);
        Clear.render(popup, buf);
        let block = Block::bordered().title(Line::styled(" Sure? ", theme.title()));
        let inner = block.inner(popup);
        block.render(popup, buf);
        Paragraph::new(format!(" {question}")).render(inner, buf);
    }
}
