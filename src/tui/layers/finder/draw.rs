//! The `/` finder popup: the query line, then one row per person found —
//! name · org · the field that matched — with the matched characters marked.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, StatefulWidget, Widget};

use crate::search::Part;
use crate::text;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::keys::keymap::Table;
use crate::tui::layers::finder::FinderState;
use crate::tui::panes::cursor::Shown;
use crate::tui::ui::theme::Theme;

pub struct FinderPopup<'a> {
    pub app: &'a App,
    pub finder: &'a FinderState,
}

/// The popup in `body` (the panes' area): its box, and inside it the query
/// line, the rule and the result rows.
fn areas(body: Rect) -> (Rect, [Rect; 3]) {
    let width = body.width.saturating_sub(4).min(100);
    let height = body.height.saturating_sub(2).max(5).min(body.height);
    let popup = crate::tui::ui::kit::centered(body, width, height);
    let inner = Block::bordered().inner(popup);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    (popup, rows)
}

/// How many result rows the popup shows on a `screen`-sized terminal: what
/// ranking needs to know, measured from the size, not by drawing.
pub fn result_rows(screen: Rect) -> usize {
    let [_, body, _, _] = crate::tui::ui::areas(screen);
    let (_, [_, _, rows]) = areas(body);
    usize::from(rows.height)
}

impl StatefulWidget for FinderPopup<'_> {
    type State = Option<Shown>;

    fn render(self, area: Rect, buf: &mut Buffer, shown: &mut Option<Shown>) {
        let (app, finder) = (self.app, self.finder);
        let theme = Theme { color: app.color };
        let (popup, [query, rule, rows]) = areas(area);
        crate::tui::ui::kit::clear_popup(popup, buf);
        let title = if finder.archived {
            " Find (with archived) "
        } else {
            " Find "
        };
        let block = Block::bordered().title(Line::styled(title, theme.title()));
        block.render(popup, buf);
        QueryLine { finder, theme }.render(query, buf);
        buf.set_string(
            rule.x,
            rule.y,
            "─".repeat(usize::from(rule.width)),
            theme.dim(),
        );
        if finder.hits.is_empty() {
            Paragraph::new(empty_message(app, finder))
                .style(theme.dim())
                .render(rows, buf);
            return;
        }
        let range = finder
            .cursor
            .visible(finder.hits.len(), usize::from(rows.height));
        *shown = Some(Shown {
            top: range.start,
            rows: usize::from(rows.height),
        });
        for (row, i) in range.enumerate() {
            let y = rows.y + row as u16;
            let mut line = hit_line(app, finder, i, usize::from(rows.width), theme);
            if i == finder.cursor.selected {
                line = theme.selected_row(line);
            }
            line.render(
                Rect {
                    y,
                    height: 1,
                    ..rows
                },
                buf,
            );
        }
    }
}

/// `/ query▌`: the query scrolled to keep its cursor in view, the cursor a
/// reversed cell.
struct QueryLine<'a> {
    finder: &'a FinderState,
    theme: Theme,
}

impl Widget for QueryLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let prompt = "/ ";
        buf.set_string(area.x, area.y, prompt, self.theme.accent());
        let room = usize::from(area.width).saturating_sub(prompt.len() + 1);
        let (shown, cursor) = self.finder.field.visible(room);
        let x = area.x + prompt.len() as u16;
        buf.set_string(x, area.y, &shown, self.theme.plain());
        if let Some(cell) = buf.cell_mut((x + cursor, area.y)) {
            cell.set_style(self.theme.selected());
        }
    }
}

/// What the rows say when there are none.
fn empty_message(app: &App, finder: &FinderState) -> Line<'static> {
    let query = finder.query().trim();
    if query.is_empty() {
        return Line::raw(" No one here yet.");
    }
    let key = app
        .keymap()
        .bindings(Table::Finder)
        .iter()
        .find(|(_, a)| *a == Action::FindAdd)
        .map(|(k, _)| k.to_string());
    match key {
        Some(key) => Line::raw(format!(" no one matches — {key} to add {query}")),
        None => Line::raw(" no one matches"),
    }
}

/// One row: name, org, then the matched field (or, for an empty query, how
/// long ago you were in touch), each cut to its column.
fn hit_line(app: &App, finder: &FinderState, i: usize, w: usize, theme: Theme) -> Line<'static> {
    let hit = &finder.hits[i];
    let Some(person) = app.person(hit.person) else {
        return Line::raw("");
    };
    let name_w = (w * 3 / 10).max(12).min(w.saturating_sub(1));
    let org_w = if w >= 50 { w * 22 / 100 } else { 0 };
    let rest = w.saturating_sub(1 + name_w + 1 + org_w + usize::from(org_w > 0));
    let none: &[usize] = &[];
    let in_field = |f: Part| {
        if hit.field == f {
            hit.positions.as_slice()
        } else {
            none
        }
    };
    let mut spans = vec![Span::raw(" ")];
    let name_marks = finder.name_marks(i).unwrap_or(in_field(Part::Name));
    let name_style = if person.archived {
        theme.dim()
    } else {
        theme.plain()
    };
    spans.extend(marked(&person.name, name_marks, name_w, name_style, theme));
    spans.push(Span::raw(" "));
    if org_w > 0 {
        let org = person.org.as_deref().unwrap_or("");
        spans.extend(marked(org, in_field(Part::Org), org_w, theme.dim(), theme));
        spans.push(Span::raw(" "));
    }
    if finder.query().trim().is_empty() {
        let last = app
            .index()
            .facts(hit.person)
            .days_since_contact(app.session.today)
            .map(|d| format!("last contact {}", text::short_age(d)))
            .unwrap_or_else(|| "no contact yet".into());
        spans.push(Span::styled(text::fit(&last, rest), theme.dim()));
    } else if !matches!(hit.field, Part::Name | Part::Org) {
        let label = format!("{}: ", hit.field.as_str());
        let label_w = text::width(&label).min(rest);
        spans.push(Span::styled(text::fit(&label, label_w), theme.label()));
        spans.extend(marked(
            &hit.text,
            &hit.positions,
            rest - label_w,
            theme.plain(),
            theme,
        ));
    } else if person.archived {
        spans.push(Span::styled(text::fit("archived", rest), theme.dim()));
    }
    Line::from(spans)
}

/// `s` in exactly `cols` columns, the chars at `positions` (char indices,
/// ascending) in the matched style. When the first match lies past the
/// column, the text starts shortly before it behind a `…`; when the text is
/// too long, it ends in `…`.
pub fn marked(
    s: &str,
    positions: &[usize],
    cols: usize,
    base: Style,
    theme: Theme,
) -> Vec<Span<'static>> {
    let chars: Vec<char> = s.chars().collect();
    let mut skip = 0;
    if let Some(&first) = positions.first()
        && text::width(s) > cols
    {
        // Columns up to and including the first match.
        let upto: usize = chars[..=first.min(chars.len().saturating_sub(1))]
            .iter()
            .map(|c| text::width(c.encode_utf8(&mut [0; 4])))
            .sum();
        if upto + 1 > cols {
            let mut shown = upto;
            while skip < first && shown + 1 > cols / 2 {
                shown -= text::width(chars[skip].encode_utf8(&mut [0; 4]));
                skip += 1;
            }
        }
    }
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut push = |c: char, style: Style| match out.last_mut() {
        Some((run, s)) if *s == style => run.push(c),
        _ => out.push((c.to_string(), style)),
    };
    let mut room = cols;
    if skip > 0 && cols > 0 {
        push('…', base);
        room -= 1;
    }
    let rest: String = chars[skip..].iter().collect();
    let cut = text::truncate(&rest, room);
    let kept = rest.chars().count();
    let mut marks = positions.iter().peekable();
    for (j, c) in cut.chars().enumerate() {
        let at = skip + j;
        while marks.next_if(|p| **p < at).is_some() {}
        let hit = j < kept && marks.peek() == Some(&&at) && cut.chars().count() > 0;
        let is_ellipsis = j + 1 == cut.chars().count() && cut != rest;
        let style = if hit && !is_ellipsis {
            base.patch(theme.matched())
        } else {
            base
        };
        push(c, style);
    }
    let used = text::width(&cut) + usize::from(skip > 0 && cols > 0);
    let mut spans: Vec<Span<'static>> = out.into_iter().map(|(t, s)| Span::styled(t, s)).collect();
    if used < cols {
        spans.push(Span::styled(" ".repeat(cols - used), base));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn shown(spans: &[Span]) -> (String, String) {
        let mut text = String::new();
        let mut marks = String::new();
        for s in spans {
            let on = s.style.add_modifier.contains(Modifier::UNDERLINED);
            for c in s.content.chars() {
                text.push(c);
                marks.push(if on { '^' } else { ' ' });
            }
        }
        (text, marks)
    }

    #[test]
    fn marks_the_matched_chars_and_pads_to_the_column() {
        let theme = Theme { color: false };
        let spans = marked("José García", &[0, 2, 3], 14, Style::new(), theme);
        assert_eq!(
            shown(&spans),
            ("José García   ".into(), "^ ^^          ".into())
        );
    }

    #[test]
    fn long_text_is_cut_and_scrolled_to_its_first_match() {
        let theme = Theme { color: false };
        let text = "works on a very long project about solar panels";
        let at = text.find("solar").unwrap();
        let positions: Vec<usize> = (at..at + 5).collect();
        let (shown, marks) = shown(&marked(text, &positions, 20, Style::new(), theme));
        assert_eq!(text::width(&shown), 20);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains("solar"), "{shown}");
        assert_eq!(marks.matches('^').count(), 5);
    }

    #[test]
    fn wide_chars_fit_by_display_width() {
        let theme = Theme { color: false };
        let spans = marked("王芳王芳王芳", &[1], 5, Style::new(), theme);
        let (text, _) = shown(&spans);
        assert_eq!(text, "王芳…");
        assert!(
            spans
                .iter()
                .any(|s| s.content == "芳" && s.style.add_modifier.contains(Modifier::UNDERLINED))
        );
    }
}
