//! Drawing: a pure function of the app's state. Each pane or popup is its own
//! widget borrowing the [`App`]; drawing changes nothing but scroll offsets.
//! This file lays the screen out (tab bar, pane, status and hint lines, the
//! layers bottom up); [`kit`], [`popup`] and [`theme`] are what every drawing
//! shares; [`person`] draws a person — the card, and the card beside the
//! People list.

pub mod kit;
pub mod person;
pub mod popup;
mod status;
mod tabs;
pub mod theme;
mod too_small;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, StatefulWidget, Widget};

use crate::tui::app::{App, Tab};
use crate::tui::layers::{
    Layer, capture, delete, filter, finder, form, go_to, help, new_person, picker, question,
    release, snooze,
};
use crate::tui::panes::cursor::Shown;
use crate::tui::panes::intros::draw::IntrosPane;
use crate::tui::panes::{coffee, people, review, timeline};

pub use theme::Theme;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Where a scrolled view is on the screen: the pane at the bottom, or the
/// layer at this place in the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Pane(Tab),
    Layer(usize),
}

/// What a frame drew that the keys need: each scrolled view's first row and
/// rows (how far PgUp/PgDn go, and where the next frame scrolls from). The
/// event loop hands it to [`App::drawn`]; drawing itself writes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawn {
    pub views: Vec<(Place, Shown)>,
}

impl Drawn {
    fn keep(&mut self, place: Place, shown: Option<Shown>) {
        if let Some(shown) = shown {
            self.views.push((place, shown));
        }
    }
}

/// A still of the app: one frame, what it showed not kept (snapshots).
impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw(self, area, buf);
    }
}

/// Draws the app into `buf` and says what it showed.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Drawn {
    let mut drawn = Drawn::default();
    draw_into(app, area, buf, &mut drawn);
    drawn
}

/// Draws a frame of `app` on `terminal` and gives the app what it showed
/// (what the event loop does).
pub fn frame<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
    app: &mut App,
) -> Result<(), B::Error> {
    let mut drawn = Drawn::default();
    terminal.draw(|f| drawn = draw(app, f.area(), f.buffer_mut()))?;
    app.drawn(drawn);
    Ok(())
}

fn draw_into(app: &App, area: Rect, buf: &mut Buffer, drawn: &mut Drawn) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small::TooSmall.render(area, buf);
        return;
    }
    let [tabs, body, status, hints] = areas(area);
    tabs::TabBar(app).render(tabs, buf);
    // Conflict copies beside the book: one line over the pane, until merged.
    let body = match app.conflict_banner() {
        Some(text) => {
            let [banner, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(body);
            let theme = Theme { color: app.color };
            Line::from(Span::styled(
                crate::text::truncate(&format!(" ⚠ {text}"), usize::from(banner.width)),
                theme.warning(),
            ))
            .render(banner, buf);
            rest
        }
        None => body,
    };
    let mut shown = None;
    match app.tab {
        Tab::People => people::PeoplePane(app).render(body, buf, &mut shown),
        Tab::Timeline => timeline::TimelinePane(app).render(body, buf, &mut shown),
        Tab::Coffee => coffee::CoffeePane(app).render(body, buf, &mut shown),
        Tab::Review => review::draw::ReviewPane(app).render(body, buf),
        Tab::Intros => IntrosPane(app).render(body, buf, &mut shown),
    }
    drawn.keep(Place::Pane(app.tab), shown);
    status::StatusLine(app).render(status, buf);
    status::HintLine(app).render(hints, buf);
    // The stack, bottom up: each layer draws over the one below (the help
    // overlay over the bottom lines too, so every key fits at 60×16).
    for (at, layer) in app.layers().iter().enumerate() {
        let mut shown = None;
        match layer {
            Layer::Card(card) => {
                if let Some(person) = app.person(card.person) {
                    Clear.render(body, buf);
                    person::CardView {
                        app,
                        person,
                        cursor: card.on_rows.then_some(&card.cursor),
                    }
                    .render(body, buf, &mut shown);
                }
            }
            Layer::Help(help) => {
                help::draw::HelpOverlay { app, help }.render(area, buf, &mut shown)
            }
            Layer::Form(form) => form::draw::FormView { app, form }.render(body, buf),
            Layer::Question(question) => {
                question::draw::QuestionView { app, question }.render(body, buf);
            }
            Layer::Picker(picker) => picker::draw::PickerView { app, picker }.render(body, buf),
            Layer::Delete(delete) => delete::draw::DeleteView { app, delete }.render(body, buf),
            Layer::Capture(state) => {
                capture::draw::CapturePopup { app, state }.render(body, buf);
            }
            Layer::Snooze(snooze) => snooze::draw::SnoozePopup { app, snooze }.render(body, buf),
            Layer::Finder(finder) => {
                finder::draw::FinderPopup { app, finder }.render(body, buf, &mut shown);
            }
            Layer::Filter(chooser) => {
                filter::draw::FilterPopup { app, chooser }.render(body, buf, &mut shown);
            }
            Layer::GoTo(go_to) => go_to::draw::GoToView { app, go_to }.render(body, buf),
            Layer::NewPerson(new) => new_person::draw::NewPersonView { app, new }.render(body, buf),
            Layer::Release(release) => {
                release::draw::ReleaseView { app, release }.render(body, buf)
            }
        }
        drawn.keep(Place::Layer(at), shown);
    }
}

/// The screen's rows: the tab bar, the panes, the status line, the hints.
pub(crate) fn areas(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}
