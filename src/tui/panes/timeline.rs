//! The Timeline tab: every entry, newest first, deeds marked apart from
//! touches; `f` chooses a weight or one kind, `w` cycles the weights, `p`
//! keeps one person; `e` edits the selected entry in the capture popup, `d`
//! deletes it (asking first), `x` marks it done.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, StatefulWidget, Widget};

use crate::capture;
use crate::model::{Entry, Op, Weight};
use crate::text::{self, fit};
use crate::tui::app::App;
use crate::tui::layers::question::entry_words;
use crate::tui::layers::{Ask, Layer, Question};
use crate::tui::panes::cursor::Shown;
use crate::tui::panes::lists::WeightFilter;
use crate::tui::save::Then;
use crate::tui::ui::theme::Theme;

impl App {
    /// `e`: the capture popup on the selected entry, in grammar form.
    pub(crate) fn edit_entry(&mut self) {
        let Some(entry) = self.entry_in_sight().map(|i| &self.session.book.entries[i]) else {
            return self.say("no entry selected".into());
        };
        let (text, id) = (
            capture::render(entry, &self.session.book, self.session.today),
            entry.id,
        );
        self.open_capture_with(text, Some(id));
    }

    /// `d`: asks before deleting the selected entry.
    pub(crate) fn ask_delete_entry(&mut self) {
        match self
            .selected_entry()
            .map(|i| self.session.book.entries[i].id)
        {
            Some(id) => self.push(Question::open(Ask::DeleteEntry(id), &self.session.book)),
            None => self.say("no entry selected".into()),
        }
    }

    /// The entry `e` and `x` act on: the highlighted row of a card on top
    /// (once the user moved onto its rows), else the Timeline's selection.
    pub(crate) fn entry_in_sight(&self) -> Option<usize> {
        match self.top() {
            Some(Layer::Card(card)) if card.on_rows => self
                .session
                .index
                .facts(card.person)
                .entries
                .get(card.cursor.selected)
                .copied(),
            Some(Layer::Card(_)) => None,
            _ => self.selected_entry(),
        }
    }

    /// `x`: an open promise or follow-up done, a done one open — the
    /// Timeline's selected entry, or the highlighted row of a card on top.
    pub(crate) fn toggle_done(&mut self) {
        let Some(entry) = self.entry_in_sight().map(|i| &self.session.book.entries[i]) else {
            return self.say("no entry selected".into());
        };
        let words = entry_words(entry, &self.session.book);
        let (op, what) = if entry.done {
            (Op::SetDone(entry.id, None), format!("reopened {words}"))
        } else if entry.can_be_done() {
            (
                Op::SetDone(entry.id, Some(self.session.today)),
                format!("marked done: {words}"),
            )
        } else {
            return self.say("only a promise or a follow-up can be done".into());
        };
        self.commit(op, &what, Then::Nothing);
    }
}

pub struct TimelinePane<'a>(pub &'a App);

impl StatefulWidget for TimelinePane<'_> {
    type State = Option<Shown>;

    fn render(self, area: Rect, buf: &mut Buffer, shown: &mut Option<Shown>) {
        let app = self.0;
        let theme = Theme { color: app.color };
        let mut title = vec![
            Span::styled(" Timeline ", theme.title()),
            Span::styled(format!("{} ", app.view.weight.title()), theme.dim()),
        ];
        if let Some(who) = app.view.who {
            title.push(Span::styled(
                format!("· {} ", app.book().name_of(who)),
                theme.accent(),
            ));
        }
        let block = Block::bordered().title(Line::from(title));
        let inner = block.inner(area);
        block.render(area, buf);
        let entries = &app.lists().timeline;
        if entries.is_empty() {
            let why = if app.view.weight != WeightFilter::All || app.view.who.is_some() {
                "Nothing matches this filter (f: show something else, p: this person)."
            } else {
                "Nothing logged yet. Log a coffee, a call, a favor: `kith log \"@ana coffee: …\"`."
            };
            Paragraph::new(why).render(inner, buf);
            return;
        }
        let cursor = &app.cursors.timeline;
        let width = usize::from(inner.width);
        let range = cursor.visible(entries.len(), usize::from(inner.height));
        *shown = Some(Shown {
            top: range.start,
            rows: usize::from(inner.height),
        });
        for (row, i) in range.enumerate() {
            let mut line = entry_line(app, &app.book().entries[entries[i]], width, true);
            if i == cursor.selected {
                line = theme.selected_row(line);
            }
            let y = inner.y + row as u16;
            line.render(
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                buf,
            );
        }
    }
}

/// One entry on one line of `width` columns: date, kind (deeds starred and
/// bold), direction, people (when `show_people`), summary, follow-up.
pub fn entry_line(app: &App, e: &Entry, width: usize, show_people: bool) -> Line<'static> {
    let theme = Theme { color: app.color };
    let date = date_column(e.date, app.session.today, width >= 70);
    let deed = app.kinds().weight(&e.kind) == Weight::Deed;
    let (mark, style) = if deed {
        ("*", theme.deed())
    } else {
        (" ", theme.touch())
    };
    let wide = width >= 70;
    let tail = if e.is_open_promise() {
        "open".to_string()
    } else if let Some(fu) = e.open_follow_up() {
        // A follow-up is near: its day and month say it (`30 Nov`, even
        // across New Year); one a year off says its month and year.
        let day = match (fu - app.session.today).num_days().abs() < 300 {
            true => fu.format("%-d %b").to_string(),
            false => fu.format("%b %Y").to_string(),
        };
        match wide {
            true => format!("next {day}"),
            false => format!("→{day}"),
        }
    } else {
        String::new()
    };
    let kind_w = if wide { 9 } else { 7 };
    let mut used = date.len() + 1 + kind_w + 1 + 3;
    let mut spans = vec![
        Span::styled(date, theme.dim()),
        Span::raw(" "),
        Span::styled(format!("{mark}{}", fit(e.kind.as_str(), kind_w)), style),
        Span::raw(format!(" {} ", e.direction.arrow())),
    ];
    if show_people {
        let names: Vec<String> = e.people.iter().map(|p| app.book().name_of(*p)).collect();
        let w = if width >= 100 { 20 } else { 14 };
        spans.push(Span::raw(format!("{} ", fit(&names.join(", "), w))));
        used += w + 1;
    }
    let tail_w = match (tail.is_empty(), wide) {
        (true, _) => 0,
        (false, true) => 12,
        (false, false) => 8,
    };
    let mut summary_w = width.saturating_sub(used + tail_w);
    // Logged by kith from a calendar or mail: marked so.
    if let Some(source) = e.source {
        let mark = crate::text::truncate(source.mark(), summary_w.saturating_sub(1));
        if !mark.is_empty() {
            summary_w = summary_w.saturating_sub(crate::text::width(&mark) + 1);
            spans.push(Span::styled(format!("{mark} "), theme.dim()));
        }
    }
    spans.push(Span::raw(fit(&e.summary, summary_w)));
    if !tail.is_empty() {
        let style =
            if e.is_open_promise() || e.open_follow_up().is_some_and(|d| d <= app.session.today) {
                theme.due()
            } else {
                theme.dim()
            };
        spans.push(Span::styled(format!(" {}", fit(&tail, tail_w - 1)), style));
    }
    Line::from(spans)
}

/// The timeline's date column, one width down the list: `Fri 11 Dec` (or
/// `11 Dec 2025` for another year) when wide, `11 Dec` (`Dec'25`) when narrow.
fn date_column(date: NaiveDate, today: NaiveDate, wide: bool) -> String {
    let this_year = date.year() == today.year();
    match (wide, this_year) {
        (true, true) => format!("{:<11}", text::day(date, today)),
        (true, false) => format!("{:<11}", date.format("%-d %b %Y")),
        (false, true) => format!("{:<6}", text::short_day(date, today)),
        (false, false) => date.format("%b'%y").to_string(),
    }
}
