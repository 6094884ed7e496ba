//! What the drawings share: a list's row, a centred box, wrapping by
//! display width, and clearing under a popup.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::tui::ui::Theme;

/// Draws `line` as row `row` of a list's `rows`, in the selection's style when
/// it is the selected one.
pub(crate) fn draw_row(
    line: ratatui::text::Line,
    rows: Rect,
    row: usize,
    selected: bool,
    theme: Theme,
    buf: &mut Buffer,
) {
    let line = if selected {
        theme.selected_row(line)
    } else {
        line
    };
    let y = rows.y + row as u16;
    line.render(
        Rect {
            y,
            height: 1,
            ..rows
        },
        buf,
    );
}

/// A `width`×`height` rect in the middle of `area` (clipped to it).
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [r] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(r);
    r
}

/// `lines` wrapped to `width` columns by display width, as `Paragraph`'s
/// wrapping is not for wide text: a CJK word at the edge can be drawn over
/// the border. Breaks after a space where it can, inside a word that is wider
/// than a line; styles are kept.
pub(crate) fn wrap_lines(lines: Vec<Line<'_>>, width: usize) -> Vec<Line<'static>> {
    use ratatui::style::Style;
    use unicode_width::UnicodeWidthChar;
    let width = width.max(1);
    let mut out = Vec::new();
    for line in lines {
        let cells: Vec<(char, Style)> = line
            .spans
            .iter()
            .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
            .collect();
        let w = |c: char| c.width().unwrap_or(0);
        let mut rows: Vec<Vec<(char, Style)>> = vec![Vec::new()];
        let mut used = 0;
        let mut i = 0;
        while i < cells.len() {
            // The next word, with the spaces after it.
            let mut j = i;
            while j < cells.len() && cells[j].0 != ' ' && w(cells[j].0) < 2 {
                j += 1;
            }
            if j == i {
                j += 1; // a space, or one wide character: a word of its own
            }
            while j < cells.len() && cells[j].0 == ' ' {
                j += 1;
            }
            let word = &cells[i..j];
            let bare_w: usize = word
                .iter()
                .filter(|(c, _)| *c != ' ')
                .map(|(c, _)| w(*c))
                .sum();
            if used > 0 && used + bare_w > width {
                rows.push(Vec::new());
                used = 0;
            }
            for &(c, style) in word {
                let cw = w(c);
                if used + cw > width {
                    if c == ' ' {
                        continue;
                    }
                    rows.push(Vec::new());
                    used = 0;
                }
                rows.last_mut().expect("a row").push((c, style));
                used += cw;
            }
            i = j;
        }
        for row in rows {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (c, style) in row {
                match spans.last_mut() {
                    Some(s) if s.style == style => s.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            out.push(Line::from(spans));
        }
    }
    out
}

/// Clears `area` for a popup, and the halves of wide characters (CJK, emoji)
/// cut by its edges, so none is left behind as a stray cell beside it.
pub(crate) fn clear_popup(area: Rect, buf: &mut Buffer) {
    use unicode_width::UnicodeWidthStr;
    Clear.render(area, buf);
    let bounds = buf.area;
    for y in area.top()..area.bottom() {
        if area.left() > bounds.left() {
            let left = &mut buf[(area.left() - 1, y)];
            if left.symbol().width() > 1 {
                left.set_symbol(" ");
            }
        }
        if area.right() < bounds.right() {
            let right = &mut buf[(area.right(), y)];
            // The second half of a wide character whose first half the
            // popup's border now covers.
            if right.symbol().is_empty() {
                right.set_symbol(" ");
            }
        }
    }
}
