//! What the small popups share: a bordered box sized to its lines, and a
//! one-line text field behind a prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::text;
use crate::tui::field::TextField;
use crate::tui::ui::theme::Theme;

/// A bordered box with `title` and `lines`, centred and sized to fit them;
/// a line wider than the box (or the screen) wraps at a word, so no
/// sentence is ever cut off.
pub fn boxed(
    area: Rect,
    buf: &mut Buffer,
    theme: Theme,
    title: &str,
    bottom: &str,
    lines: Vec<Line>,
) -> Rect {
    let width = (lines
        .iter()
        .map(Line::width)
        .chain([text::width(title) + 4, text::width(bottom) + 4])
        .max()
        .unwrap_or(20)
        .clamp(30, 70) as u16
        + 4)
    .min(area.width);
    // Two columns of border and two of margin.
    let lines = crate::tui::ui::kit::wrap_lines(lines, usize::from(width.saturating_sub(4)));
    let popup = crate::tui::ui::kit::centered(area, width, lines.len() as u16 + 2);
    crate::tui::ui::kit::clear_popup(popup, buf);
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

/// A text field on the first row of `area` behind `prompt`, cursor reversed.
pub fn field_line(field: &TextField, prompt: &str, area: Rect, buf: &mut Buffer, theme: Theme) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(buf: &Buffer) -> String {
        let area = buf.area;
        let mut rows = Vec::new();
        for y in 0..area.height {
            let row: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
            rows.push(row);
        }
        rows.join("\n")
    }

    #[test]
    fn a_sentence_wider_than_the_box_wraps_instead_of_being_cut() {
        let sentence = "Merge Bruno Costa (Fabrikam, 4 entries) into Hana Sato \
                        (Proseware, 2 entries)? Entries are re-pointed; the old id \
                        resolves to the new one, and undo takes it all back.";
        for (w, h) in [(80, 24), (60, 16)] {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            let theme = Theme { color: false };
            let inner = boxed(
                area,
                &mut buf,
                theme,
                "Merge",
                "y yes · n no",
                vec![Line::raw(sentence)],
            );
            assert!(inner.height >= 2, "wrapped onto several rows at {w}x{h}");
            let shown: String = text_of(&buf)
                .split_whitespace()
                .filter(|word| !word.chars().all(|c| "│─┌┐└┘".contains(c)))
                .collect::<Vec<_>>()
                .join(" ");
            for word in sentence.split_whitespace() {
                assert!(shown.contains(word), "{word:?} lost at {w}x{h}: {shown}");
            }
        }
    }
}
