//! The `?` overlay: every key of the mode underneath, listed from the same
//! tables that dispatch them. The tables are laid out in as many columns as
//! the width allows, heights balanced; what still does not fit scrolls
//! (j/k/PgDn/PgUp/g/G, bound in the Help table), each column's current
//! section title pinned on its first line ("People (cont.)").

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, StatefulWidget, Widget};

use crate::text;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::HelpLayer;
use crate::tui::panes::cursor::Shown;
use crate::tui::ui::theme::Theme;

/// Columns between two columns of keys.
const GAP: usize = 2;
/// The key column, a space included; longer key lists are cut with `…`.
const KEYS_W: usize = 12;

/// A keymap table's title and rows (keys, help), or a part of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    pub title: String,
    pub rows: Vec<(String, &'static str)>,
}

impl Section {
    fn height(&self) -> usize {
        1 + self.rows.len()
    }
}

/// A column's height: its sections with a blank line between two.
fn column_height(column: &[Section]) -> usize {
    let rows: usize = column.iter().map(Section::height).sum();
    rows + column.len().saturating_sub(1)
}

/// Deals `sections` (in order) into at most `columns` columns so that the
/// tallest is as short as can be. Sections stay whole unless they would not
/// fit `room` rows and a column is left over: then the tallest is halved (the
/// second half titled "… (cont.)") until they fit or the columns run out.
pub(crate) fn layout(mut sections: Vec<Section>, columns: usize, room: usize) -> Vec<Vec<Section>> {
    let columns = columns.max(1);
    loop {
        let dealt = balance(&sections, columns);
        let tallest = dealt.iter().map(|c| column_height(c)).max().unwrap_or(0);
        if tallest <= room || sections.len() >= columns {
            return dealt;
        }
        let Some((i, _)) = sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.rows.len() >= 2)
            .max_by_key(|(i, s)| (s.rows.len(), std::cmp::Reverse(*i)))
        else {
            return dealt;
        };
        let first = &mut sections[i];
        let rest = first.rows.split_off(first.rows.len().div_ceil(2));
        let title = match first.title.strip_suffix(" (cont.)") {
            Some(t) => format!("{t} (cont.)"),
            None => format!("{} (cont.)", first.title),
        };
        sections.insert(i + 1, Section { title, rows: rest });
    }
}

/// Whole sections, in order, into at most `columns` columns: the smallest
/// height limit that greedy filling meets with that many columns.
fn balance(sections: &[Section], columns: usize) -> Vec<Vec<Section>> {
    let fill = |limit: usize| {
        let mut dealt: Vec<Vec<Section>> = Vec::new();
        for section in sections {
            match dealt.last_mut() {
                Some(column) if column_height(column) + 1 + section.height() <= limit => {
                    column.push(section.clone())
                }
                _ => dealt.push(vec![section.clone()]),
            }
        }
        dealt
    };
    let lowest = sections.iter().map(Section::height).max().unwrap_or(0);
    let highest = column_height(sections);
    let limit = (lowest..=highest)
        .find(|limit| fill(*limit).len() <= columns)
        .unwrap_or(highest);
    fill(limit)
}

pub struct HelpOverlay<'a> {
    pub app: &'a App,
    pub help: &'a HelpLayer,
}

/// What the marks in the lists mean, as a section of its own.
fn legend() -> Section {
    let rows = [
        ("!", "due"),
        ("z", "snoozed"),
        ("×", "archived"),
        ("↑ ↓ ↕", "gave, got, both"),
        ("*", "a deed"),
        ("▸", "x resolves it"),
    ];
    Section {
        title: "Marks".to_string(),
        rows: rows.into_iter().map(|(k, h)| (k.to_string(), h)).collect(),
    }
}

impl StatefulWidget for HelpOverlay<'_> {
    type State = Option<Shown>;

    fn render(self, area: Rect, buf: &mut Buffer, shown: &mut Option<Shown>) {
        let app = self.app;
        let theme = Theme { color: app.color };
        // The help is for the layer under the overlay.
        let sections: Vec<Section> = app
            .tables_under_help()
            .into_iter()
            .map(|table| Section {
                title: table.title().to_string(),
                rows: app.keymap().help_rows(table),
            })
            .filter(|s| !s.rows.is_empty())
            .chain([legend()])
            .collect();
        // Above the status and hint lines, so the scroll keys stay in sight.
        let area = Rect {
            height: area.height.saturating_sub(2),
            ..area
        };
        let inner_w = usize::from(area.width.saturating_sub(2));
        let col_w = sections
            .iter()
            .flat_map(|s| {
                let rows = s.rows.iter().map(|(_, h)| KEYS_W + text::width(h));
                rows.chain([text::width(&s.title)])
            })
            .max()
            .unwrap_or(0)
            .min(inner_w);
        let fit = (inner_w + GAP) / (col_w + GAP).max(1);
        let room = usize::from(area.height.saturating_sub(2));
        let columns = layout(sections, fit, room);
        let lines: Vec<Vec<Line>> = columns
            .iter()
            .map(|column| column_lines(column, col_w, theme))
            .collect();
        let total = lines.iter().map(Vec::len).max().unwrap_or(0);
        // Scrolled, the first row is the pinned section title: one row fewer
        // for keys (and PgDn pages by that much, so none is skipped).
        let scroll = &self.help.scroll;
        let mut top = 0;
        if total > room && room >= 2 {
            top = scroll.offset(total, room - 1);
        }
        let pinning = top > 0;
        if !pinning {
            top = scroll.offset(total, room);
        }
        let rows = if pinning { room - 1 } else { room };
        *shown = Some(Shown { top, rows });

        let n = columns.len();
        let width = (n * col_w + (n.saturating_sub(1)) * GAP + 2) as u16;
        let height = (total.min(room) + 2) as u16;
        let popup = crate::tui::ui::kit::centered(area, width, height);
        crate::tui::ui::kit::clear_popup(popup, buf);
        let closes = format!(
            " {} closes ",
            app.keymap().key_for(Table::Help, Action::Back)
        );
        let mut block = Block::bordered()
            .title(Line::styled(" Keys ", theme.title()))
            .title_bottom(Line::styled(closes, theme.dim()).right_aligned());
        if top > 0 {
            block = block.title(Line::styled(" ↑ more ", theme.accent()).right_aligned());
        }
        if top + rows < total {
            block = block.title_bottom(Line::styled(" ↓ more ", theme.accent()).left_aligned());
        }
        let inner = block.inner(popup);
        block.render(popup, buf);
        let mut spots = vec![Constraint::Length(col_w as u16)];
        for _ in 1..n {
            spots.extend([
                Constraint::Length(GAP as u16),
                Constraint::Length(col_w as u16),
            ]);
        }
        let areas = Layout::horizontal(spots).split(inner);
        let columns = columns.iter().zip(lines);
        for ((column, lines), col) in columns.zip(areas.iter().step_by(2)) {
            let window: Vec<Line> = match at(column, top) {
                _ if !pinning => lines.into_iter().skip(top).take(room).collect(),
                // A title already heads the window: nothing to pin.
                At::Title => lines.into_iter().skip(top).take(room).collect(),
                At::Blank => lines.into_iter().skip(top + 1).take(room).collect(),
                At::Row(title) => {
                    let pin = pinned_title(title, col_w, theme);
                    let rows = lines.into_iter().skip(top).take(room - 1);
                    std::iter::once(pin).chain(rows).collect()
                }
                At::Past => Vec::new(),
            };
            Paragraph::new(window).render(*col, buf);
        }
    }
}

/// What a column has on its line `top`.
#[derive(Debug, PartialEq, Eq)]
enum At<'a> {
    Title,
    /// The blank line between two sections.
    Blank,
    /// A key row of the section with this title.
    Row(&'a str),
    /// The column ends above it.
    Past,
}

/// Line `top` of a column laid out by [`column_lines`].
fn at(column: &[Section], top: usize) -> At<'_> {
    let mut line = 0;
    for (i, section) in column.iter().enumerate() {
        if i > 0 {
            if top == line {
                return At::Blank;
            }
            line += 1;
        }
        if top == line {
            return At::Title;
        }
        line += 1;
        if top < line + section.rows.len() {
            return At::Row(&section.title);
        }
        line += section.rows.len();
    }
    At::Past
}

/// The title of the section whose rows go on under it, pinned to the top of
/// a scrolled column so every row still says which table it belongs to.
fn pinned_title(title: &str, col_w: usize, theme: Theme) -> Line<'static> {
    let title = match title.ends_with(" (cont.)") {
        true => title.to_string(),
        false => format!("{title} (cont.)"),
    };
    Line::styled(text::truncate(&title, col_w), theme.title())
}

/// A column's lines: each section's title, then one row per action ("keys
/// help", keys padded to [`KEYS_W`]), a blank line between two sections.
fn column_lines(column: &[Section], col_w: usize, theme: Theme) -> Vec<Line<'static>> {
    let help_w = col_w.saturating_sub(KEYS_W);
    let mut lines = Vec::new();
    for (i, section) in column.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            text::truncate(&section.title, col_w),
            theme.title(),
        ));
        lines.extend(section.rows.iter().map(|(keys, help)| {
            Line::from(vec![
                Span::styled(text::fit(keys, KEYS_W - 1) + " ", theme.accent()),
                Span::raw(text::truncate(help, help_w)),
            ])
        }));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(title: &str, rows: usize) -> Section {
        Section {
            title: title.to_string(),
            rows: (0..rows).map(|i| (format!("k{i}"), "help")).collect(),
        }
    }

    fn shape(columns: &[Vec<Section>]) -> Vec<Vec<(String, usize)>> {
        columns
            .iter()
            .map(|c| c.iter().map(|s| (s.title.clone(), s.rows.len())).collect())
            .collect()
    }

    #[test]
    fn whole_sections_in_balanced_columns() {
        let s = vec![section("A", 9), section("B", 4), section("C", 4)];
        // One column: everything stacked.
        let one = layout(s.clone(), 1, 100);
        assert_eq!(
            shape(&one),
            vec![vec![("A".into(), 9), ("B".into(), 4), ("C".into(), 4)]]
        );
        assert_eq!(column_height(&one[0]), 10 + 1 + 5 + 1 + 5);
        // Two columns: A alone (10 rows) beats A+B (16) beside C.
        let two = layout(s.clone(), 2, 100);
        assert_eq!(
            shape(&two),
            vec![
                vec![("A".into(), 9)],
                vec![("B".into(), 4), ("C".into(), 4)]
            ]
        );
        assert_eq!(
            two.iter().map(|c| column_height(c)).collect::<Vec<_>>(),
            [10, 11]
        );
        // Spare columns, room enough: nothing is split.
        let four = layout(s, 4, 100);
        assert_eq!(four.len(), 3);
        assert!(
            four.iter()
                .all(|c| c.len() == 1 && !c[0].title.contains("cont"))
        );
    }

    #[test]
    fn tells_what_each_line_of_a_column_is() {
        let column = [section("A", 2), section("B", 1)];
        // A, k0, k1, blank, B, k0
        let seen: Vec<_> = (0..7).map(|top| at(&column, top)).collect();
        assert_eq!(
            seen,
            [
                At::Title,
                At::Row("A"),
                At::Row("A"),
                At::Blank,
                At::Title,
                At::Row("B"),
                At::Past
            ]
        );
        assert_eq!(column_lines(&column, 20, Theme { color: false }).len(), 6);
    }

    #[test]
    fn a_section_is_split_only_with_a_spare_column_and_no_room() {
        let s = vec![section("A", 16), section("B", 6)];
        // Two columns, no room: kept whole (the overlay scrolls instead).
        let two = layout(s.clone(), 2, 8);
        assert_eq!(
            shape(&two),
            vec![vec![("A".into(), 16)], vec![("B".into(), 6)]]
        );
        // Three columns, 10 rows: A is halved, the second half says so.
        let three = layout(s, 3, 10);
        assert_eq!(
            shape(&three),
            vec![
                vec![("A".into(), 8)],
                vec![("A (cont.)".into(), 8)],
                vec![("B".into(), 6)]
            ]
        );
        let rows: Vec<_> = three
            .iter()
            .flatten()
            .flat_map(|s| s.rows.clone())
            .collect();
        assert_eq!(rows.len(), 22, "no row lost or doubled");
    }
}
