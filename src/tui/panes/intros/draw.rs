//! The Intros tab: each suggestion on two lines — who needs what, then who
//! could help, why, and when you last saw each of them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, StatefulWidget, Widget, Wrap};

use crate::intros::{Candidate, Suggestion};
use crate::model::PersonId;
use crate::text::{self, fit};
use crate::tui::app::App;
use crate::tui::panes::cursor::Shown;
use crate::tui::ui::theme::Theme;

pub struct IntrosPane<'a>(pub &'a App);

impl StatefulWidget for IntrosPane<'_> {
    type State = Option<Shown>;

    fn render(self, area: Rect, buf: &mut Buffer, shown: &mut Option<Shown>) {
        let app = self.0;
        let theme = Theme { color: app.color };
        let block = Block::bordered().title(Line::from(vec![
            Span::styled(" Intros ", theme.title()),
            Span::styled("who needs what, and who could help ", theme.dim()),
        ]));
        let mut inner = block.inner(area);
        block.render(area, buf);
        // Your asks first, in at most half the pane.
        let asks = &app.lists().asks;
        let ask_rows = super::ask::height(asks).min(inner.height / 2);
        if ask_rows > 0 {
            let top = Rect {
                height: ask_rows,
                ..inner
            };
            super::ask::render(app, asks, top, buf, theme);
            inner.y += ask_rows;
            inner.height -= ask_rows;
        }
        let intros = &app.lists().intros;
        if intros.is_empty() {
            Paragraph::new(vec![
                Line::styled("No introductions to suggest.", theme.title()),
                Line::raw(""),
                Line::raw(
                    "kith matches what people need with what others offer (and their \
                     title, organisation, tags and notes). Add needs and offers to people \
                     (e on a person), or your own offers in config.ron (me: (offers: [...])).",
                ),
            ])
            .wrap(Wrap { trim: true })
            .render(inner, buf);
            return;
        }
        let w = usize::from(inner.width);
        let per_row = 2u16;
        let rows = usize::from(inner.height / per_row).max(1);
        let cursor = &app.cursors.intros;
        let range = cursor.visible(intros.len(), rows);
        *shown = Some(Shown {
            top: range.start,
            rows,
        });
        for (row, i) in range.enumerate() {
            let s = &intros[i];
            let y = inner.y + row as u16 * per_row;
            let selected = i == cursor.selected;
            let [first, second] = lines(app, s, w, theme);
            for (dy, line) in [first, second].into_iter().enumerate() {
                let area = Rect {
                    x: inner.x,
                    y: y + dy as u16,
                    width: inner.width,
                    height: 1,
                };
                let line = match selected {
                    true => theme.selected_row(line),
                    false => line,
                };
                line.render(area, buf);
            }
        }
    }
}

/// "José García needs “an intro to a seed investor who gets climate”", then
/// "  → Priya Raman could help · because: seed, investor · seen 3d / 2w".
fn lines<'a>(app: &'a App, s: &'a Suggestion, width: usize, theme: Theme) -> [Line<'a>; 2] {
    let book = app.book();
    let needer = book.name_of(s.person);
    let need = format!("{needer} needs “{}”", s.need);
    let (helper, seen) = match s.candidate {
        Candidate::Person(id) => (
            format!("{} could help", book.name_of(id)),
            format!(
                " · seen {} / {}",
                last_seen(app, s.person),
                last_seen(app, id)
            ),
        ),
        Candidate::Me => (
            "you could help".to_string(),
            format!(" · seen {}", last_seen(app, s.person)),
        ),
    };
    let mutual = match &s.mutual {
        Some(_) => " · helps both ways",
        None => "",
    };
    // First, so it is never cut: `p` was pressed, the intro is owed.
    let promised = match crate::intros::promised(book, s) {
        Some(_) => "promised · ",
        None => "",
    };
    let why = format!(
        "  → {promised}{helper} · because: {}{mutual}{seen}",
        s.because.join(", ")
    );
    [
        Line::styled(fit(&need, width), theme.plain()),
        Line::styled(text::truncate(&why, width), theme.dim()),
    ]
}

/// When you were last in touch: `3d`, `never`.
fn last_seen(app: &App, id: PersonId) -> String {
    app.index()
        .facts(id)
        .days_since_contact(app.session.today)
        .map_or_else(|| "never".to_string(), text::short_age)
}
