//! The tab bar: the four panes with their numbers, the current one marked.
//! Counts and the app name go first when the terminal is narrow.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::{App, Tab};
use crate::tui::ui::theme::Theme;

pub struct TabBar<'a>(pub &'a App);

impl Widget for TabBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let theme = Theme { color: app.color };
        let line = [(true, true), (false, true), (false, false)]
            .into_iter()
            .map(|(name, counts)| bar(app, theme, name, counts))
            .find(|l| l.width() <= usize::from(area.width))
            .unwrap_or_else(|| bar(app, theme, false, false));
        line.render(area, buf);
    }
}

fn bar(app: &App, theme: Theme, name: bool, counts: bool) -> Line<'static> {
    let mut spans = Vec::new();
    if name {
        spans.push(Span::styled(" kith ", theme.title()));
    }
    for (n, tab) in Tab::ALL.iter().enumerate() {
        let count = match tab {
            Tab::People => Some(app.lists().people.len()),
            Tab::Coffee => Some(app.lists().coffee.len()),
            // Counted once they are found (on the saver's thread).
            Tab::Intros => app.view.intros.then(|| app.lists().intros.len()),
            Tab::Timeline | Tab::Review => None,
        };
        let label = match count {
            Some(c) if counts => format!("{} ({c})", tab.title()),
            _ => tab.title().to_string(),
        };
        let style = if *tab == app.tab {
            theme.active_tab()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {}", n + 1), theme.dim()));
        spans.push(Span::styled(format!(" {label} "), style));
    }
    Line::from(spans)
}
