//! The person form: one line per field (label, text, the problem beside
//! it), the notes below taking the rows that are left. When the screen is too
//! short for every field, the window scrolls to keep the focus in view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::text;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::form::{Field, FormState};
use crate::tui::ui::kit::centered;
use crate::tui::ui::theme::Theme;

const LABEL: usize = 15;

/// " Tab next · C-s save · Esc cancel ", with the keys the user has bound.
fn keys_line(app: &App) -> String {
    let key = |action| app.keymap().key_for(Table::Form, action);
    format!(
        " {} next · {} save · {} cancel ",
        key(Action::Next),
        key(Action::Save),
        key(Action::Back)
    )
}

pub struct FormView<'a> {
    pub app: &'a App,
    pub form: &'a FormState,
}

impl Widget for FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, form) = (self.app, self.form);
        let theme = Theme { color: app.color };
        let popup = centered(area, area.width.min(100), area.height);
        crate::tui::ui::kit::clear_popup(popup, buf);
        let title = match form.editing {
            Some(_) => format!(" Edit {} ", form.base.name),
            None => " Add a person ".to_string(),
        };
        let block = Block::bordered()
            .title(Line::styled(
                text::truncate(&title, usize::from(popup.width).saturating_sub(4)),
                theme.title(),
            ))
            .title_bottom(Line::styled(keys_line(app), theme.dim()).right_aligned());
        let inner = block.inner(popup);
        block.render(popup, buf);
        let rows = usize::from(inner.height);
        let singles = Field::ALL.len() - 1;
        // Fields above the focus scroll away when there is no room.
        let focus = Field::ALL
            .iter()
            .position(|f| *f == form.focus)
            .unwrap_or(0);
        let skip = (focus + 2).saturating_sub(rows).min(singles);
        let mut y = inner.y;
        for field in &Field::ALL[skip..singles] {
            if y >= inner.bottom() {
                return;
            }
            let row = Rect::new(inner.x, y, inner.width, 1);
            FieldRow {
                form,
                field: *field,
                theme,
            }
            .render(row, buf);
            y += 1;
        }
        if y < inner.bottom() {
            let notes = Rect::new(inner.x, y, inner.width, inner.bottom() - y);
            NotesView { form, theme }.render(notes, buf);
        }
    }
}

struct FieldRow<'a> {
    form: &'a FormState,
    field: Field,
    theme: Theme,
}

impl Widget for FieldRow<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let FieldRow { form, field, theme } = self;
        let focused = form.focus == field;
        let error = form.errors.get(&field);
        let [label, value, problem] = Layout::horizontal([
            Constraint::Length(LABEL as u16 + 1),
            Constraint::Fill(1),
            Constraint::Fill(if error.is_some() { 1 } else { 0 }),
        ])
        .areas(area);
        let label_style = if focused {
            theme.title()
        } else {
            theme.label()
        };
        let mark = if error.is_some() { "!" } else { " " };
        Line::from(vec![
            Span::styled(mark, theme.error()),
            Span::styled(text::fit_right(field.label(), LABEL - 1), label_style),
            Span::raw(" "),
        ])
        .render(label, buf);
        let width = usize::from(value.width).saturating_sub(1);
        let field_text =
            form.fields[Field::ALL.iter().position(|f| *f == field).unwrap_or(0)].clone();
        if focused {
            let (shown, cursor) = field_text.visible(width);
            Line::raw(shown).render(value, buf);
            let x = value.x + cursor;
            if x < value.right() {
                buf[(x, value.y)].set_style(theme.selected());
            }
        } else if field_text.value().is_empty() {
            Line::styled(text::truncate(field.hint(), width), theme.dim()).render(value, buf);
        } else {
            Line::raw(text::truncate(field_text.value(), width)).render(value, buf);
        }
        if let Some(e) = error {
            Line::styled(text::truncate(e, usize::from(problem.width)), theme.error())
                .render(problem, buf);
        }
    }
}

struct NotesView<'a> {
    form: &'a FormState,
    theme: Theme,
}

impl Widget for NotesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let NotesView { form, theme } = self;
        let focused = form.focus == Field::Notes;
        let [label, value] =
            Layout::horizontal([Constraint::Length(LABEL as u16 + 1), Constraint::Fill(1)])
                .areas(area);
        let style = if focused {
            theme.title()
        } else {
            theme.label()
        };
        Line::from(vec![
            Span::raw(" "),
            Span::styled(text::fit_right(Field::Notes.label(), LABEL - 1), style),
        ])
        .render(label, buf);
        if focused {
            form.notes.render(value, buf);
            return;
        }
        let notes = form.text(Field::Notes);
        if notes.is_empty() {
            Line::styled(Field::Notes.hint(), theme.dim()).render(value, buf);
            return;
        }
        let width = usize::from(value.width);
        let lines: Vec<Line> = notes
            .lines()
            .map(|l| Line::raw(text::truncate(l, width)))
            .collect();
        Paragraph::new(lines).render(value, buf);
    }
}
