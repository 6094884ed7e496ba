//! Small popups over the panes: a y/n confirm, the merge-target picker, and
//! the delete confirm where the person's name must be typed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::text;
use crate::tui::app::App;
use crate::tui::field::TextField;
use crate::tui::ui::theme::Theme;

/// A bordered box with `title` and `lines`, centred and sized to fit them.
fn boxed(
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    title: &str,
    bottom: &str,
    lines: Vec<Line>,
) -> Rect {
    let width = lines
        .iter()
        .map(Line::width)
        .chain([text::width(title) + 4, text::width(bottom) + 4])
        .max()
        .unwrap_or(20)
        .clamp(30, 70) as u16
        + 4;
    let popup = crate::tui::ui::centered(area, width, lines.len() as u16 + 2);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(Line::styled(format!(" {title} "), theme.title()))
        .title_bottom(Line::styled(format!(" {bottom} "), theme.dim()).right_aligned());
    let inner = block.inner(popup);
    block.render(popup, buf);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    Paragraph::new(lines).render(inner, buf);
    inner
}

pub struct ConfirmView<'a>(pub &'a App);

impl Widget for ConfirmView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let Some(c) = &app.people_edit().confirm else {
            return;
        };
        let theme = Theme { color: app.color };
        let lines = c.lines.iter().map(|l| Line::raw(l.as_str())).collect();
        boxed(area, buf, theme, &c.title, "y yes · n no", lines);
    }
}

pub struct PickerView<'a>(pub &'a App);

impl Widget for PickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let Some(p) = &app.people_edit().picker else {
            return;
        };
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
        let inner = boxed(area, buf, theme, &title, "Enter choose · Esc cancel", lines);
        field_line(&p.query, "› ", inner, buf, theme);
    }
}

pub struct DeleteView<'a>(pub &'a App);

impl Widget for DeleteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let Some(d) = &app.people_edit().delete else {
            return;
        };
        let theme = Theme { color: app.color };
        let mut lines = vec![
            Line::raw(format!("Delete {} for good?", app.describe(d.id))),
            Line::raw("Type their name to confirm:"),
            Line::raw(""),
        ];
        if d.entries > 0 {
            let mark = if d.also { "[x]" } else { "[ ]" };
            let s = if d.entries == 1 { "entry" } else { "entries" };
            lines.push(Line::from(vec![
                Span::styled(mark, theme.accent()),
                Span::raw(format!(" also delete their {} {s} (C-t)", d.entries)),
            ]));
        }
        let inner = boxed(
            area,
            buf,
            theme,
            "Delete",
            "Enter delete · Esc cancel",
            lines,
        );
        let row = Rect {
            y: inner.y + 2,
            height: 1,
            ..inner
        };
        field_line(&d.typed, "› ", row, buf, theme);
    }
}

/// A text field on the first row of `area` behind `prompt`, cursor reversed.
fn field_line(field: &TextField, prompt: &str, area: Rect, buf: &mut Buffer, theme: Theme) {
    if area.height == 0 {
        return;
    }
    let p = text::width(prompt) as u16;
    let width = usize::from(area.width.saturating_sub(p + 1));
    let (shown, cursor) = field.visible(width);
    Line::from(vec![Span::styled(prompt, theme.accent()), Span::raw(shown)])
        .render(Rect { height: 1, ..area }, buf);
    let x = area.x + p + cursor;
    if x < area.right() {
        buf[(x, area.y)].set_style(theme.selected());
    }
}
