//! The tabs' panes, the bottom of the layer stack: the lists they show
//! ([`lists`], computed once per change, viewed through [`view`]'s sort and
//! filters), their cursors, and one file per pane drawing it.

pub mod coffee;
pub mod cursor;
pub mod intros;
pub mod lists;
pub mod people;
pub mod review;
pub mod tab;
pub mod timeline;
pub mod view;

use crate::model::Person;
use crate::tui::app::App;
use crate::tui::keys::action::Action;
use crate::tui::layers::{
    Ask, CardLayer, Delete, FilterChooser, FinderState, FormState, GoTo, Picker, Question,
};
use cursor::Cursor;
use tab::Tab;

impl App {
    /// What the panes do with an action no layer took: the app's own keys
    /// (quit, tabs, undo, help) and the panes'.
    pub(crate) fn update_panes(&mut self, action: Action) {
        let on_panes = self.stack.is_empty();
        match action {
            Action::Quit => self.quit = true,
            // On the Review, j/k walk the person's reasons.
            Action::Up if on_panes && self.tab == Tab::Review => self.review_move(false),
            Action::Down if on_panes && self.tab == Tab::Review => self.review_move(true),
            Action::Up if on_panes => self.move_cursor(|c, _| c.up(1)),
            Action::Down if on_panes => self.move_cursor(|c, len| c.down(1, len)),
            Action::PageUp if on_panes => self.move_cursor(|c, _| c.up(c.page())),
            Action::PageDown if on_panes => self.move_cursor(|c, len| c.down(c.page(), len)),
            Action::Top if on_panes => self.move_cursor(|c, _| c.top()),
            Action::Bottom if on_panes => self.move_cursor(|c, len| c.bottom(len)),
            // A card over the panes goes with the tab it was opened on.
            Action::NextTab => self.show_tab(self.tab.next()),
            Action::PrevTab => self.show_tab(self.tab.prev()),
            Action::GoTo(tab) => self.show_tab(tab),
            Action::Open => {
                if let Some(id) = self.selected_person() {
                    self.push(CardLayer::open(id));
                }
            }
            Action::Help => self.open_help(),
            Action::CycleSort => {
                self.resort(self.view.sort.next());
                self.say(format!("sorted by {}", self.view.sort.label()));
            }
            Action::ShowArchived => self.toggle_archived(),
            Action::CycleWeight => self.set_weight(self.view.weight.next()),
            Action::Filter => {
                let (book, kinds, index) =
                    (&self.session.book, &self.session.kinds, &self.session.index);
                let chooser =
                    FilterChooser::open(book, kinds, index, self.view.who, &self.view.weight);
                self.push(chooser);
            }
            Action::TogglePerson => {
                self.view.who = match self.view.who {
                    Some(_) => None,
                    None => self
                        .selected_in(Tab::Timeline)
                        .or(self.selected_in(Tab::People)),
                };
                self.refilter();
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Reload => self.reload(),
            Action::MergeCopies => self.merge_conflict_copies(),
            Action::Find => {
                let finder = FinderState::open(&mut self.ctx());
                self.push(finder);
            }
            Action::GoToId => self.push(GoTo::open()),
            Action::AddPerson => self.push(FormState::open(Person::default(), &self.session.book)),
            // On a card's rows, `e` edits the highlighted entry.
            Action::EditPerson if matches!(self.top(), Some(crate::tui::layers::Layer::Card(c)) if c.on_rows) => {
                self.edit_entry()
            }
            Action::EditPerson => {
                if let Some(p) = self.selected_person().and_then(|id| self.person(id)) {
                    let form = FormState::open(p.clone(), &self.session.book);
                    self.push(form);
                }
            }
            Action::EditExternal => self.external = self.selected_person(),
            Action::Archive => {
                if let Some(id) = self
                    .selected_person()
                    .filter(|id| self.person(*id).is_some())
                {
                    self.push(Question::open(Ask::Archive(id), &self.session.book));
                }
            }
            Action::Merge => {
                if let Some(from) = self.selected_person() {
                    self.push(Picker::open(from, &self.session.book, &self.session.index));
                }
            }
            Action::Delete => {
                if let Some(layer) = self
                    .selected_person()
                    .and_then(|id| Delete::open(id, &self.session.book))
                {
                    self.push(layer);
                }
            }
            Action::Capture => self.open_capture(self.selected_person()),
            Action::EditEntry => self.edit_entry(),
            Action::DeleteEntry => self.ask_delete_entry(),
            Action::ToggleDone => self.toggle_done(),
            Action::ReviewCapture => self.review_capture(),
            Action::ReviewDone => self.review_done(),
            Action::ReviewRelease => self.review_release(),
            Action::ReviewDismiss => self.review_dismiss(),
            Action::IntroAccept => self.intro_accept(),
            Action::IntroPromise => self.intro_promise(),
            Action::IntroDismiss => self.intro_dismiss(),
            Action::ReviewAll => self.review_all(),
            Action::Unsnooze => self.unsnooze(),
            Action::ReviewSnooze => self.review_snooze_chooser(),
            Action::ReviewSkip => self.review_skip(),
            Action::ReviewLeave => self.review_leave(),
            // A layer's keys, with no such layer open.
            _ => {}
        }
    }

    fn show_tab(&mut self, tab: Tab) {
        self.close_top(|l| matches!(l, crate::tui::layers::Layer::Card(_)));
        self.tab = tab;
    }

    fn move_cursor(&mut self, f: impl FnOnce(&mut Cursor, usize)) {
        let (cursor, len) = match self.tab {
            Tab::People => (&mut self.cursors.people, self.session.lists.people.len()),
            Tab::Timeline => (
                &mut self.cursors.timeline,
                self.session.lists.timeline.len(),
            ),
            Tab::Coffee => (&mut self.cursors.coffee, self.session.lists.coffee.len()),
            Tab::Intros => (&mut self.cursors.intros, self.session.lists.intros.len()),
            Tab::Review => return,
        };
        f(cursor, len);
    }
}
