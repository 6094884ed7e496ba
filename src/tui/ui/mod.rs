//! Drawing: a pure function of the app's state. Each pane or popup is its own
//! widget borrowing the [`App`]; drawing changes nothing but scroll offsets.

mod status;
mod tabs;
pub mod theme;
mod too_small;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::{Clear, Widget};

use crate::tui::app::{App, Mode, Tab};
use crate::tui::layers::{
    capture, card, filter, finder, form, help, people_edit, question, snooze,
};
use crate::tui::panes::{coffee, people, review, timeline};

pub use theme::Theme;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small::TooSmall.render(area, buf);
            return;
        }
        let [tabs, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        tabs::TabBar(self).render(tabs, buf);
        match self.tab {
            Tab::People => people::PeoplePane(self).render(body, buf),
            Tab::Timeline => timeline::TimelinePane(self).render(body, buf),
            Tab::Coffee => coffee::CoffeePane(self).render(body, buf),
            Tab::Review => review::draw::ReviewPane(self).render(body, buf),
        }
        status::StatusLine(self).render(status, buf);
        status::HintLine(self).render(hints, buf);
        // The stack, bottom up: each layer draws over the one below (the help
        // overlay over the bottom lines too, so every key fits at 60×16).
        for mode in self.modes() {
            match mode {
                Mode::Normal => {}
                Mode::Card(id) => {
                    if let Some(person) = self.person(*id) {
                        Clear.render(body, buf);
                        card::draw::CardView {
                            app: self,
                            person,
                            cursor: Some(self.card_cursor()),
                        }
                        .render(body, buf);
                    }
                }
                Mode::Help => help::draw::HelpOverlay(self).render(area, buf),
                Mode::Form => form::draw::FormView(self).render(body, buf),
                Mode::Confirm => people_edit::draw::ConfirmView(self).render(body, buf),
                Mode::Picker => people_edit::draw::PickerView(self).render(body, buf),
                Mode::Delete => people_edit::draw::DeleteView(self).render(body, buf),
                Mode::Capture => {
                    if let Some(state) = self.capture_state() {
                        capture::draw::CapturePopup { app: self, state }.render(body, buf);
                    }
                }
                Mode::Ask(ask) => question::draw::AskPopup { app: self, ask }.render(body, buf),
                Mode::Snooze(id) | Mode::SnoozeDate(id) => snooze::draw::SnoozePopup {
                    app: self,
                    person: *id,
                    typing: matches!(mode, Mode::SnoozeDate(_)),
                }
                .render(body, buf),
                Mode::Finder => finder::draw::FinderPopup(self).render(body, buf),
                Mode::Filter => {
                    if let Some(chooser) = self.filter_chooser() {
                        filter::draw::FilterPopup { app: self, chooser }.render(body, buf);
                    }
                }
            }
        }
    }
}

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
        line.style(theme.selected())
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
