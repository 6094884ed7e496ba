//! The People tab: the relationship list, and beside it the selected person's
//! card with their own timeline.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, StatefulWidget, Widget};

use crate::text::{self, fit, fit_right};
use crate::tui::app::App;
use crate::tui::panes::cursor::Shown;
use crate::tui::ui::kit::draw_row;
use crate::tui::ui::person::CardView;
use crate::tui::ui::theme::Theme;

pub struct PeoplePane<'a>(pub &'a App);

/// The marker column of an archived person's row (`.` shows them).
const ARCHIVED: &str = "× ";
/// The marker column of someone snoozed: out of the review until a day.
pub const SNOOZED: &str = "z ";

impl StatefulWidget for PeoplePane<'_> {
    type State = Option<Shown>;

    fn render(self, area: Rect, buf: &mut Buffer, shown: &mut Option<Shown>) {
        let app = self.0;
        // The list gets most of the room (it carries org and numbers), the
        // card the rest; at the narrowest they share.
        let list_width = match area.width {
            w if w >= 100 => w * 11 / 20,
            w if w >= 70 => w * 3 / 5,
            w => w / 2,
        };
        let [list, card] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(area);
        PeopleList(app).render(list, buf, shown);
        match app.selected_person().and_then(|id| app.person(id)) {
            // Beside the list the card is not scrolled: nothing to keep.
            Some(person) => CardView {
                app,
                person,
                cursor: None,
            }
            .render(card, buf, &mut None),
            None => Block::bordered().render(card, buf),
        }
    }
}

/// The list alone: only the visible rows are drawn.
struct PeopleList<'a>(&'a App);

impl StatefulWidget for PeopleList<'_> {
    type State = Option<Shown>;

    fn render(self, area: Rect, buf: &mut Buffer, shown: &mut Option<Shown>) {
        let app = self.0;
        let theme = Theme { color: app.color };
        let mut block = Block::bordered().title(Line::from(vec![
            Span::styled(" People ", theme.title()),
            Span::styled(format!("by {} ", app.view.sort.label()), theme.dim()),
        ]));
        if app.view.sort.archived {
            let n = app.book().people.iter().filter(|p| p.archived).count();
            block = block.title_bottom(Line::styled(
                format!(" {ARCHIVED}archived: {n} shown "),
                theme.accent(),
            ));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let people = &app.lists().people;
        if people.is_empty() {
            use crate::tui::keys::action::Action;
            use crate::tui::keys::keymap::Table;
            let key = |t, a| app.keymap().key_for(t, a);
            Paragraph::new(vec![
                Line::styled("No one here yet.", theme.title()),
                Line::raw(""),
                Line::raw(format!(
                    "{} adds a person; {} captures a line (\"@Ana coffee: met at the meetup\").",
                    key(Table::People, Action::AddPerson),
                    key(Table::Global, Action::Capture)
                )),
                Line::raw(""),
                Line::styled("Bring people in from a shell:", theme.dim()),
                Line::styled(
                    "  kith import FILE  (LinkedIn, Google, Outlook, vCard)",
                    theme.dim(),
                ),
                Line::styled(
                    "  kith demo         (a filled book to look around)",
                    theme.dim(),
                ),
                Line::raw(""),
                Line::styled(
                    format!("book: {}", app.store().path().display()),
                    theme.dim(),
                ),
            ])
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(inner, buf);
            return;
        }
        // marker, name, org, last contact, given, received
        let w = usize::from(inner.width);
        let fixed = 2 + 6 + 4 + 4;
        let flex = w.saturating_sub(fixed);
        let (name_w, org_w) = if flex >= 26 {
            let name = flex * 11 / 20;
            (name, flex - name - 1)
        } else {
            (flex, 0)
        };
        let header = format!(
            "  {}{}{}{}{}",
            fit("name", name_w),
            if org_w > 0 {
                format!(" {}", fit("org", org_w))
            } else {
                String::new()
            },
            fit_right("last", 6),
            fit_right("↑", 4),
            fit_right("↓", 4),
        );
        buf.set_string(inner.x, inner.y, fit(&header, w), theme.dim());
        let rows = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        let cursor = &app.cursors.people;
        let range = cursor.visible(people.len(), usize::from(rows.height));
        *shown = Some(Shown {
            top: range.start,
            rows: usize::from(rows.height),
        });
        for (row, i) in range.enumerate() {
            let id = people[i];
            let Some(p) = app.person(id) else { continue };
            let f = app.index().facts(id);
            let due = f.is_due(app.config().cadence_for(p), app.session.today);
            let last = f
                .days_since_contact(app.session.today)
                .map(text::short_age)
                .unwrap_or_else(|| "—".into());
            // Archived people are never due; their row is dimmed and marked.
            // Snoozed people are not due until their snooze ends.
            let snoozed = p.snoozed_until.is_some_and(|d| d > app.session.today);
            let (marker, name_style) = match (p.archived, snoozed, due) {
                (true, _, _) => (Span::styled(ARCHIVED, theme.dim()), theme.dim()),
                (false, true, _) => (Span::styled(SNOOZED, theme.dim()), theme.plain()),
                (false, false, true) => (Span::styled("! ", theme.due()), theme.plain()),
                (false, false, false) => (Span::raw("  "), theme.plain()),
            };
            let mut spans = vec![marker, Span::styled(fit(&p.name, name_w), name_style)];
            if org_w > 0 {
                spans.push(Span::styled(
                    format!(" {}", fit(p.org.as_deref().unwrap_or(""), org_w)),
                    theme.dim(),
                ));
            }
            spans.push(Span::raw(fit_right(&last, 6)));
            spans.push(Span::styled(
                fit_right(&f.deeds_given.to_string(), 4),
                theme.deed(),
            ));
            spans.push(Span::styled(
                fit_right(&f.deeds_received.to_string(), 4),
                theme.accent(),
            ));
            let line = Line::from(spans);
            draw_row(line, rows, row, i == cursor.selected, theme, buf);
        }
    }
}
