//! The Review tab: one person at a time — why they are here, what they need
//! and offer, how you stand, their last few entries — and, after the last
//! person, a summary of the day with what to do next.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::model::review::{ReviewSession, ReviewStep, Summary};
use crate::text;
use crate::tui::app::App;
use crate::tui::panes::timeline::entry_line;
use crate::tui::ui::person::{about_lines, needs_lines, role, standing_lines};
use crate::tui::ui::theme::Theme;

pub struct ReviewPane<'a>(pub &'a App);

impl Widget for ReviewPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let theme = Theme { color: app.color };
        let Some(session) = app.review() else {
            return;
        };
        match session.step(app.book(), app.index()) {
            Some(step) => {
                let more = match session.more_due() {
                    0 => String::new(),
                    n => format!("· {n} more due "),
                };
                let block = Block::bordered().title(Line::from(vec![
                    Span::styled(" Review ", theme.title()),
                    Span::styled(
                        format!("{} of {} {more}", step.position, step.total),
                        theme.dim(),
                    ),
                ]));
                let inner = block.inner(area);
                block.render(area, buf);
                render_step(app, &step, theme, inner, buf);
            }
            None => {
                let block = Block::bordered().title(Line::styled(" Review ", theme.title()));
                let inner = block.inner(area);
                block.render(area, buf);
                render_summary(app, session, theme, inner, buf);
            }
        }
    }
}

/// The person on top, their reasons, needs and offers first (what the review
/// is for), then the rest of their card; the latest entries at the bottom.
fn render_step(app: &App, step: &ReviewStep, theme: Theme, area: Rect, buf: &mut Buffer) {
    let p = step.person;
    let width = usize::from(area.width.max(1));
    let mut head = vec![Span::styled(p.name.clone(), theme.title())];
    let role = role(p);
    if !role.is_empty() {
        head.push(Span::styled(format!(" · {role}"), theme.dim()));
    }
    let mut lines = vec![Line::from(head), Line::raw("")];
    // Each reason wraps under its own text, not under the bullet; the
    // highlighted one (what `x` resolves) is marked and reversed.
    let several = step.item.reasons.len() > 1;
    for (n, reason) in step.item.reasons.iter().enumerate() {
        let on = n == app.review_reason();
        for (i, part) in wrap(&reason.to_string(), width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let bullet = match (i, on && several) {
                (0, true) => "▸ ",
                (0, false) => "• ",
                _ => "  ",
            };
            let text = match on && several {
                true => Span::styled(part, theme.selected()),
                false => Span::raw(part),
            };
            lines.push(Line::from(vec![Span::styled(bullet, theme.due()), text]));
        }
    }
    lines.push(Line::raw(""));
    lines.extend(needs_lines(p, theme, true));
    lines.extend(crate::tui::ui::person::intro_lines(app, p, theme));
    lines.extend(about_lines(app, p, theme, false));
    lines.extend(standing_lines(app, p, theme));

    // The entries keep their rows (a heading and up to five); the facts above
    // take the rest and are clipped from the bottom, least important last.
    let shown = step.recent.len().max(1) as u16;
    let bottom_h = if area.height >= shown + 8 {
        shown + 1
    } else {
        0
    };
    let top = Rect {
        height: area.height - bottom_h,
        ..area
    };
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(top, buf);
    if bottom_h == 0 {
        return;
    }
    let y = area.y + top.height;
    let heading = text::truncate(
        &format!(
            "── last {} of {} ",
            step.recent.len(),
            text::count(step.facts.entries.len(), "entry", "entries")
        ),
        width,
    );
    let rule = "─".repeat(width.saturating_sub(text::width(&heading)));
    buf.set_string(area.x, y, format!("{heading}{rule}"), theme.dim());
    if step.recent.is_empty() {
        buf.set_string(area.x, y + 1, "nothing logged yet", theme.dim());
        return;
    }
    for (row, entry) in step.recent.iter().enumerate() {
        let line = entry_line(app, entry, width, false);
        line.render(
            Rect {
                y: y + 1 + row as u16,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

/// Splits `s` into lines of at most `width` columns at spaces; a word wider
/// than a line is cut.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let word = text::truncate(word, width);
        let needed = text::width(&line) + usize::from(!line.is_empty()) + text::width(&word);
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    lines.push(line);
    lines
}

/// After the last person: what the review did, the deeds of the day, and
/// what to do next.
fn render_summary(app: &App, session: &ReviewSession, theme: Theme, area: Rect, buf: &mut Buffer) {
    let s = session.summary(app.book(), app.kinds());
    let (_, total) = session.progress();
    let mut lines = Vec::new();
    if total == 0 {
        lines.push(Line::styled("Nobody needs you today.", theme.title()));
        lines.push(Line::raw(""));
        lines.push(Line::raw(
            "No promise open, no follow-up due, no cadence passed.",
        ));
    } else {
        let people = if total == 1 { "person" } else { "people" };
        lines.push(Line::styled(
            format!("Review done for today: {total} {people}."),
            theme.title(),
        ));
        lines.push(Line::raw(""));
        let row = |label: &str, n: usize| {
            Line::from(vec![
                Span::styled(text::fit(label, 10), theme.label()),
                Span::raw(n.to_string()),
            ])
        };
        lines.push(row("resolved", s.done));
        lines.push(row("logged", s.logged));
        lines.push(row("snoozed", s.snoozed));
        lines.push(row("skipped", s.skipped));
    }
    lines.push(Line::raw(""));
    let deeds = match s.deeds_today {
        1 => "1 deed".to_string(),
        n => format!("{n} deeds"),
    };
    let touches = match s.touches_today {
        1 => "1 touch".to_string(),
        n => format!("{n} touches"),
    };
    let reached = match s.people_reached {
        1 => "1 person".to_string(),
        n => format!("{n} people"),
    };
    lines.push(Line::from(vec![
        Span::raw("You did "),
        Span::styled(deeds, theme.deed()),
        Span::raw(format!(" and {touches} today, reaching {reached}")),
        Span::raw(match s.promises_kept {
            0 => ".".to_string(),
            1 => "; 1 promise kept.".to_string(),
            n => format!("; {n} promises kept."),
        }),
    ]));
    lines.push(Line::styled(s.week_line(), theme.dim()));
    let orphans = app.orphan_inbox_lines();
    if let Some(first) = orphans.first() {
        let keymap = app.keymap();
        let (x, d) = (
            keymap.key_for(
                crate::tui::keys::keymap::Table::Review,
                crate::tui::keys::action::Action::ReviewDone,
            ),
            keymap.key_for(
                crate::tui::keys::keymap::Table::Review,
                crate::tui::keys::action::Action::ReviewDismiss,
            ),
        );
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "From your inbox, {} for someone not in the book:",
                text::count(orphans.len(), "line waits", "lines wait")
            ),
            theme.title(),
        ));
        for line in orphans.iter().take(3) {
            lines.push(Line::raw(format!(
                "  `{}` — {} ({}, {})",
                text::visible(&line.line),
                text::visible(&line.why),
                text::visible(&line.file),
                line.seen.format("%-d %b")
            )));
        }
        if orphans.len() > 3 {
            lines.push(Line::styled(
                format!("  +{} more", orphans.len() - 3),
                theme.dim(),
            ));
        }
        lines.push(Line::styled(
            format!(
                "{x} opens the capture on `{}` (it offers to add whom it names); {d} dismisses it.",
                text::visible(&first.line)
            ),
            theme.dim(),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        next_step(app, &s, session.more_due()),
        theme.accent(),
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// The one line that says what to do after the review: one thing, so it
/// never contradicts a line above it.
fn next_step(app: &App, s: &Summary, more_due: usize) -> String {
    use crate::tui::keys::action::Action;
    use crate::tui::keys::keymap::Table;
    let keymap = app.keymap();
    let coffee = app.lists().coffee.len();
    if more_due > 0 {
        let all = keymap.key_for(Table::Review, Action::ReviewAll);
        format!(
            "Next: {} beyond today's share; {all} goes on with everyone due.",
            text::count(more_due, "more is due", "more are due")
        )
    } else if s.deeds_today == 0 && coffee > 0 {
        let tab = keymap.key_for(Table::Global, Action::GoTo(crate::tui::Tab::Coffee));
        let (who, them) = match coffee {
            1 => ("1 person you have".to_string(), "them"),
            n => (format!("{n} people you have"), "one of them"),
        };
        format!(
            "Next: no deed yet today. Coffee only ({tab}) lists {who} only had coffee \
             with: do one thing for {them}."
        )
    } else if s.deeds_today == 0 {
        "Next: no deed yet today. Pick someone on People (1) and do one thing for them.".to_string()
    } else if s.skipped > 0 {
        "Next: the people you skipped come back tomorrow. u undoes the last step; \
         q goes back to People."
            .to_string()
    } else {
        "Next: nothing else is due today. q goes back to People.".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_by_display_width() {
        assert_eq!(wrap("due today", 80), vec!["due today"]);
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("王芳 王芳", 4), vec!["王芳", "王芳"]);
        assert_eq!(wrap("abcdefgh", 4), vec!["abc…"]);
    }
}
