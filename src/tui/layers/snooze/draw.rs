//! The review's snooze chooser: a day, a week, a month, or a date typed in
//! a field; each choice shows the day it ends.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::model::review::{SnoozeChoice, snooze_until};
use crate::text;
use crate::tui::app::App;
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::Snooze;
use crate::tui::ui::theme::Theme;

pub struct SnoozePopup<'a> {
    pub app: &'a App,
    pub snooze: &'a Snooze,
}

impl Widget for SnoozePopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, snooze) = (self.app, self.snooze);
        let theme = Theme { color: app.color };
        let width = 44.min(area.width);
        // The date field covers the chooser exactly.
        let height = 6;
        let popup = crate::tui::ui::kit::centered(area, width, height);
        crate::tui::ui::kit::clear_popup(popup, buf);
        let name = app.book().name_of(snooze.person);
        let room = usize::from(width).saturating_sub(16);
        let title = if snooze.typing() {
            format!(" Snooze {} until ", text::truncate(&name, room))
        } else {
            format!(" Snooze {} ", text::truncate(&name, room))
        };
        let footer = footer(app, snooze.typing());
        let block = Block::bordered()
            .title(Line::styled(title, theme.title()))
            .title_bottom(Line::styled(footer, theme.dim()).right_aligned());
        let inner = block.inner(popup);
        block.render(popup, buf);
        if let Some(field) = &snooze.date {
            render_field(app, snooze, field, theme, inner, buf);
        } else {
            render_choices(app, theme, inner, buf);
        }
    }
}

/// The keys the user has bound: " Enter snoozes · Esc back " in the date
/// field; in the chooser, " s again = 1 week · Esc " when the review's
/// snooze key also snoozes a week here.
fn footer(app: &App, typing: bool) -> String {
    let keymap = app.keymap();
    if typing {
        let key = |action| keymap.key_for(Table::SnoozeDate, action);
        return format!(
            " {} snoozes · {} back ",
            key(Action::SnoozeConfirm),
            key(Action::Back)
        );
    }
    let back = keymap.key_for(Table::Snooze, Action::Back);
    let again = keymap
        .keys_for(Table::Review, Action::ReviewSnooze)
        .into_iter()
        .find(|k| keymap.lookup(&[Table::Snooze], *k) == Some(Action::SnoozeWeek));
    match again {
        Some(key) => format!(" {key} again = 1 week · {back} "),
        None => format!(" {back} "),
    }
}

fn render_choices(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let key = |action: Action| {
        app.keymap()
            .bindings(Table::Snooze)
            .iter()
            .find(|(_, a)| *a == action)
            .map(|(k, _)| k.to_string())
            .unwrap_or_default()
    };
    let day = |choice: SnoozeChoice| {
        snooze_until(choice, app.session.today)
            .map(|d| d.format("%a %-d %b").to_string())
            .unwrap_or_default()
    };
    let rows = [
        (Action::SnoozeDay, day(SnoozeChoice::Day)),
        (Action::SnoozeWeek, day(SnoozeChoice::Week)),
        (Action::SnoozeMonth, day(SnoozeChoice::Month)),
        (Action::SnoozeDate, String::new()),
    ];
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|(action, until)| {
            Line::from(vec![
                Span::styled(format!(" {}  ", text::fit(&key(action), 3)), theme.accent()),
                Span::raw(text::fit(action.help(), 14)),
                Span::styled(until, theme.dim()),
            ])
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

fn render_field(
    app: &App,
    snooze: &Snooze,
    field: &TextField,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.height == 0 {
        return;
    }
    let width = usize::from(area.width).saturating_sub(3);
    let (shown, cursor) = field.visible(width);
    buf.set_string(area.x, area.y, " > ", theme.accent());
    buf.set_string(area.x + 3, area.y, &shown, theme.plain());
    // The cursor: a reversed cell where the next character goes.
    let x = area.x + 3 + cursor;
    if x < area.right()
        && let Some(cell) = buf.cell_mut((x, area.y))
    {
        cell.set_style(theme.selected());
    }
    if area.height < 2 {
        return;
    }
    let (msg, style) = match snooze.field_date(app.session.today) {
        Ok(date) => (date.format("%A %-d %B %Y").to_string(), theme.accent()),
        Err(why) => (why, theme.dim()),
    };
    let room = usize::from(area.width).saturating_sub(1);
    buf.set_string(area.x + 1, area.y + 1, text::truncate(&msg, room), style);
    if area.height >= 4 {
        let examples = "e.g. 2026-12-24, +10d, +2w, fri";
        buf.set_string(
            area.x + 1,
            area.y + 3,
            text::truncate(examples, room),
            theme.dim(),
        );
    }
}
