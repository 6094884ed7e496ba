//! The person renderer: who someone is, what they need and offer, how we
//! stand, and their own timeline below — the card beside the People list and,
//! full size, when Enter opens it; the review and the Intros tab draw their
//! person with the same lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, StatefulWidget, Widget};

use crate::model::Person;
use crate::text;
use crate::tui::app::App;
use crate::tui::panes::cursor::Cursor;
use crate::tui::panes::cursor::Shown;
use crate::tui::panes::timeline::entry_line;
use crate::tui::ui::kit::draw_row;
use crate::tui::ui::theme::Theme;

pub struct CardView<'a> {
    pub app: &'a App,
    pub person: &'a Person,
    /// The open card scrolls its timeline; the one beside the list does not.
    pub cursor: Option<&'a Cursor>,
}

impl StatefulWidget for CardView<'_> {
    type State = Option<Shown>;

    fn render(self, area: Rect, buf: &mut Buffer, shown: &mut Option<Shown>) {
        let CardView {
            app,
            person: p,
            cursor,
        } = self;
        let theme = Theme { color: app.color };
        // An archived person says so beside the name, which gives way first.
        let badge = if p.archived { " archived " } else { "" };
        let room = usize::from(area.width).saturating_sub(4 + text::width(badge));
        let block = Block::bordered().title(Line::from(vec![
            Span::styled(
                format!(" {} ", text::truncate(&p.name, room)),
                theme.title(),
            ),
            Span::styled(badge, theme.dim().add_modifier(Modifier::REVERSED)),
        ]));
        let inner = block.inner(area);
        block.render(area, buf);

        let f = app.index().facts(p.id);
        let mut lines = about_lines(app, p, theme, true);
        lines.extend(needs_lines(p, theme, false));
        lines.extend(intro_lines(app, p, theme));
        lines.extend(standing_lines(app, p, theme));

        // The facts take what they need (wrapped), up to half the card when
        // the timeline has entries; the timeline gets the rest.
        let width = usize::from(inner.width.max(1));
        let lines = crate::tui::ui::kit::wrap_lines(lines, width);
        let wrapped = lines.len();
        let max_top = if f.entries.is_empty() {
            inner.height
        } else {
            inner.height / 2 + 1
        };
        let top_h = (wrapped as u16).min(max_top);
        Paragraph::new(lines).render(
            Rect {
                height: top_h,
                ..inner
            },
            buf,
        );

        let rest = Rect {
            y: inner.y + top_h,
            height: inner.height.saturating_sub(top_h),
            ..inner
        };
        if rest.height < 2 {
            return;
        }
        let heading = text::truncate(&format!("── their timeline ({}) ", f.entries.len()), width);
        let rule = "─".repeat(width.saturating_sub(text::width(&heading)));
        buf.set_string(rest.x, rest.y, format!("{heading}{rule}"), theme.dim());
        let rows = Rect {
            y: rest.y + 1,
            height: rest.height - 1,
            ..rest
        };
        if f.entries.is_empty() {
            buf.set_string(rows.x, rows.y, "nothing logged yet", theme.dim());
            return;
        }
        let (n, height) = (f.entries.len(), usize::from(rows.height));
        // Cut by the height (and not being walked with the cursor): the last
        // row says how many more there are.
        let cut = cursor.is_none() && n > height;
        let range = match cursor {
            Some(c) => {
                let range = c.visible(n, height);
                *shown = Some(Shown {
                    top: range.start,
                    rows: height,
                });
                range
            }
            None if cut => 0..height.saturating_sub(1),
            None => 0..n,
        };
        if cut {
            let fits = range.len();
            buf.set_string(
                rows.x,
                rows.y + rows.height - 1,
                text::truncate(&format!("+{} more", n - fits), width),
                theme.dim(),
            );
        }
        for (row, i) in range.enumerate() {
            let entry = &app.book().entries[f.entries[i]];
            let line = entry_line(app, entry, width, false);
            draw_row(
                line,
                rows,
                row,
                cursor.is_some_and(|c| c.selected == i),
                theme,
                buf,
            );
        }
    }
}

/// The introductions kith suggests for them: who could help them (with
/// what), and whom they could help.
pub(crate) fn intro_lines<'a>(app: &'a App, p: &'a Person, theme: Theme) -> Vec<Line<'a>> {
    use crate::intros::Candidate;
    let (mine, theirs) = app.intros_of(p.id);
    let book = app.book();
    let mut lines = Vec::new();
    if !mine.is_empty() {
        let helpers: Vec<String> = mine
            .iter()
            .take(3)
            .map(|s| match s.candidate {
                Candidate::Person(id) => format!("{} ({})", book.name_of(id), s.because.join(", ")),
                Candidate::Me => format!("you ({})", s.because.join(", ")),
            })
            .collect();
        lines.push(Line::from(vec![
            Span::styled("could help them: ", theme.label()),
            Span::styled(helpers.join("; "), theme.accent()),
        ]));
    }
    let made = crate::intros::intros_made(book, p.id);
    if !made.is_empty() {
        let helped = made.iter().filter(|m| m.outcome.helped()).count();
        let to: Vec<String> = made
            .iter()
            .rev()
            .take(3)
            .flat_map(|m| m.to.iter().map(|id| book.name_of(*id)))
            .collect();
        let n = made.len();
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} with you: ", text::count(n, "intro", "intros")),
                theme.label(),
            ),
            Span::raw(to.join(", ")),
            Span::styled(format!(" · {helped} helped"), theme.dim()),
        ]));
    }
    if !theirs.is_empty() {
        let helped: Vec<String> = theirs
            .iter()
            .take(3)
            .map(|s| format!("{} ({})", book.name_of(s.person), s.need))
            .collect();
        lines.push(Line::from(vec![
            Span::styled("they could help: ", theme.label()),
            Span::styled(helped.join("; "), theme.accent()),
        ]));
    }
    lines
}

fn label(theme: Theme, l: &str) -> Span<'static> {
    Span::styled(format!("{l}: "), theme.label())
}

/// "Title · Org", empty when neither is known.
pub(crate) fn role(p: &Person) -> String {
    [p.title.as_deref(), p.org.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Role (unless shown elsewhere), tags, how we met.
pub(crate) fn about_lines<'a>(
    app: &'a App,
    p: &'a Person,
    theme: Theme,
    with_role: bool,
) -> Vec<Line<'a>> {
    let label = |l: &str| label(theme, l);
    let mut lines: Vec<Line> = Vec::new();
    let role = role(p);
    if with_role && !role.is_empty() {
        lines.push(Line::raw(role));
    }
    // How to reach them: what `kith show` prints, one line each.
    for (l, values) in [
        ("aka", &p.nicknames),
        ("email", &p.emails),
        ("phone", &p.phones),
        ("link", &p.links),
    ] {
        if !values.is_empty() {
            lines.push(Line::from(vec![label(l), Span::raw(values.join(", "))]));
        }
    }
    for a in &p.addresses {
        lines.push(Line::from(vec![label("address"), Span::raw(a.labelled())]));
    }
    if !p.tags.is_empty() {
        lines.push(Line::from(vec![
            label("tags"),
            Span::raw(p.tags.join(", ")),
        ]));
    }
    if !p.met.is_empty() {
        let mut met: Vec<String> = Vec::new();
        met.extend(p.met.context.clone());
        met.extend(p.met.date.map(|d| text::day(d, app.session.today)));
        if let Some(by) = p.met.introduced_by {
            met.push(format!("via {}", app.book().name_of(by)));
        }
        lines.push(Line::from(vec![label("met"), Span::raw(met.join(" · "))]));
    }
    lines
}

/// What they need and what they offer; `bold` makes them stand out (the review).
pub(crate) fn needs_lines(p: &Person, theme: Theme, bold: bool) -> Vec<Line<'static>> {
    let label = |l: &str| label(theme, l);
    let text = if bold { theme.title() } else { theme.plain() };
    let mut lines = Vec::new();
    let needs = if p.needs.is_empty() {
        Span::styled("unknown — ask", theme.dim())
    } else {
        Span::styled(p.needs.join("; "), text)
    };
    lines.push(Line::from(vec![label("needs"), needs]));
    if !p.offers.is_empty() {
        lines.push(Line::from(vec![
            label("offers"),
            Span::styled(p.offers.join("; "), text),
        ]));
    }
    lines
}

/// How we stand: last contact, deeds, cadence and what is due, birthday, notes.
pub(crate) fn standing_lines<'a>(app: &'a App, p: &'a Person, theme: Theme) -> Vec<Line<'a>> {
    let label = |l: &str| label(theme, l);
    let f = app.index().facts(p.id);
    let mut lines: Vec<Line> = Vec::new();
    let cadence = app.config().cadence_for(p);
    let mut standing = vec![label("last")];
    standing.push(Span::raw(match f.days_since_contact(app.session.today) {
        Some(0) => "today".into(),
        Some(d) => format!("{} ago", text::short_age(d)),
        None => "never".into(),
    }));
    standing.push(Span::styled(format!("  ↑{}", f.deeds_given), theme.deed()));
    standing.push(Span::styled(
        format!(" ↓{}", f.deeds_received),
        theme.accent(),
    ));
    let touches = if f.touches == 1 { "touch" } else { "touches" };
    standing.push(Span::raw(format!(" · {} {touches}", f.touches)));
    lines.push(Line::from(standing));
    let mut due = Vec::new();
    if let Some(c) = cadence {
        let style = if f.cadence_due(cadence, app.session.today) {
            theme.due()
        } else {
            theme.plain()
        };
        due.push(label("cadence"));
        due.push(Span::styled(format!("{c}d"), style));
    }
    // One fact after another, a dot between them.
    let sep = |due: &mut Vec<Span>| {
        if !due.is_empty() {
            due.push(Span::styled(" · ", theme.dim()));
        }
    };
    if f.open_promises > 0 {
        sep(&mut due);
        due.push(Span::styled(
            text::count(f.open_promises, "open promise", "open promises"),
            theme.due(),
        ));
    }
    if let Some(fu) = f.next_follow_up {
        let style = if fu <= app.session.today {
            theme.due()
        } else {
            theme.plain()
        };
        sep(&mut due);
        due.push(Span::styled(
            format!("follow up {}", text::day(fu, app.session.today)),
            style,
        ));
    }
    if !due.is_empty() {
        lines.push(Line::from(due));
    }
    if let Some(m) = app.book().next_meeting(p.id, app.session.today) {
        lines.push(Line::from(vec![
            label("next"),
            Span::styled(m.label(), theme.accent()),
        ]));
    }
    if let Some(until) = p.snoozed_until.filter(|d| *d > app.session.today) {
        let key = app.keymap().key_for(
            crate::tui::keys::keymap::Table::People,
            crate::tui::keys::action::Action::Unsnooze,
        );
        lines.push(Line::from(vec![
            label("snoozed"),
            Span::raw(format!("until {} ", until.format("%a %-d %b"))),
            Span::styled(format!("({key} ends it)"), theme.dim()),
        ]));
    }
    if let Some(b) = p.birthday {
        lines.push(Line::from(vec![
            label("birthday"),
            Span::raw(b.to_string()),
        ]));
    }
    // Notes keep their line breaks: the first line beside the label.
    for (i, note) in p.notes.lines().enumerate() {
        match i {
            0 => lines.push(Line::from(vec![
                label("notes"),
                Span::raw(note.to_string()),
            ])),
            _ => lines.push(Line::raw(format!("       {note}"))),
        }
    }
    lines
}
