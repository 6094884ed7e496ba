//! The capture popup: the line (with its cursor), under it a caret at what is
//! wrong or the preview of what will be saved, "saving…" while the line is on
//! its way to disk or a failed save's reason, and the dropdown of names while an `@fragment` is typed.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::capture;
use crate::text;
use crate::tui::app::App;
use crate::tui::layers::capture::CaptureState;
use crate::tui::ui::theme::Theme;

const PROMPT: &str = "> ";

pub struct CapturePopup<'a> {
    pub app: &'a App,
    pub state: &'a CaptureState,
}

impl Widget for CapturePopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, state) = (self.app, self.state);
        let theme = Theme { color: app.color };
        let width = area.width.saturating_sub(4).min(78);
        let inner_w = usize::from(width.saturating_sub(2));
        let field_w = inner_w.saturating_sub(PROMPT.len());
        let (shown, cursor) = state.field.visible(field_w);
        let scrolled = text::width(state.field.value()) > field_w.saturating_sub(1);

        let mut lines = vec![Line::from(vec![
            Span::styled(PROMPT, theme.accent()),
            Span::raw(shown),
        ])];
        match &state.parsed {
            Ok(parsed) => {
                let preview =
                    capture::preview(&parsed.capture, &app.session.book, app.session.today);
                // Whom an unknown name probably meant, before anyone is created.
                let tab = app.keymap().key_for(
                    crate::tui::keys::keymap::Table::Capture,
                    crate::tui::keys::action::Action::CaptureComplete,
                );
                let meant = meant_line(parsed).map(|m| format!("{m} {tab} takes it"));
                lines.push(match &meant {
                    Some(m) => Line::styled(text::truncate(m, inner_w), theme.error()),
                    None => Line::raw(""),
                });
                lines.push(Line::styled(
                    text::truncate(&format!("→ {preview}"), inner_w),
                    theme.accent(),
                ));
            }
            Err(e) => {
                let line = state.field.value();
                let caret = if scrolled || line.is_empty() {
                    String::new()
                } else {
                    let start = floor(line, e.span.start);
                    let end = floor(line, e.span.end).max(start);
                    let pad = PROMPT.len() + text::width(&line[..start]);
                    let under = text::width(&line[start..end]).max(1);
                    format!("{}{}", " ".repeat(pad), "^".repeat(under))
                };
                lines.push(Line::styled(caret, theme.error()));
                lines.push(Line::styled(
                    text::truncate(&e.kind.to_string(), inner_w),
                    theme.dim(),
                ));
            }
        }
        if app.saving() {
            lines.push(Line::styled("saving…", theme.dim()));
        } else if let Some(err) = &state.save_error {
            lines.push(Line::styled(text::truncate(err, inner_w), theme.error()));
        }
        for (i, (_, name)) in state.matches.iter().enumerate() {
            let (mark, style) = if i == state.highlighted {
                ("▸", theme.selected())
            } else {
                (" ", theme.plain())
            };
            lines.push(Line::styled(
                text::fit(&format!("{mark} @ {name}"), inner_w),
                style,
            ));
        }

        let height = (lines.len() as u16 + 2).min(area.height);
        let [popup] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(area);
        let [_, popup] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(height)]).areas(popup);
        crate::tui::ui::kit::clear_popup(popup, buf);
        let title = if state.editing.is_some() {
            " Edit entry "
        } else {
            " Capture "
        };
        let block = Block::bordered().title(Line::styled(title, theme.title()));
        let inner = block.inner(popup);
        block.render(popup, buf);
        Paragraph::new(lines).render(inner, buf);
        // The cursor: a reversed cell (drawing has no frame to place it on).
        let x = inner.x + PROMPT.len() as u16 + cursor;
        if x < inner.right() && inner.height > 0 {
            let cell = &mut buf[(x, inner.y)];
            cell.set_style(cell.style().patch(theme.selected()));
        }
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "nobody called rafeal — did you mean Rafael Costa?" for the first unknown
/// name that looks like a typo of someone in the book.
pub(crate) fn meant_line(parsed: &capture::Parsed) -> Option<String> {
    parsed
        .capture
        .people
        .iter()
        .zip(&parsed.meant)
        .find_map(|(who, meant)| match (who, meant.first()) {
            (capture::Who::New(name), Some(_)) => {
                let names: Vec<String> = meant.iter().map(|(_, n)| n.clone()).collect();
                Some(capture::nobody_called(name, &names))
            }
            _ => None,
        })
}
