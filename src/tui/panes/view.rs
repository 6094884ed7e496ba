//! How the lists are viewed — the People sort (and archived shown or not),
//! the Timeline's filter — and changing it without losing the selection.

use crate::tui::app::{App, Tab};
use crate::tui::panes::lists::{Sort, Sources, WeightFilter};
use crate::tui::save::saver::ViewSettings;

impl App {
    /// The view settings the lists are built with.
    pub(crate) fn view(&self) -> ViewSettings {
        ViewSettings {
            sort: self.sort,
            weight: self.weight.clone(),
            who: self.who,
        }
    }

    pub(crate) fn refilter(&mut self) {
        let keep = self.selected_entry_id();
        let mut lists = std::mem::take(&mut self.lists);
        lists.filter_timeline(&sources(self), self.weight.clone(), self.who);
        self.lists = lists;
        self.restore_entry(keep);
    }

    /// The People list in `sort` from now on, the selection kept.
    pub(crate) fn resort(&mut self, sort: Sort) {
        self.sort = sort;
        let keep = self.selected_in(Tab::People);
        let mut lists = std::mem::take(&mut self.lists);
        lists.sort_people(&sources(self), self.sort);
        self.lists = lists;
        self.restore_people(keep);
    }

    /// Archived people into the People list (marked) or out again.
    pub(crate) fn toggle_archived(&mut self) {
        let archived = !self.sort.archived;
        self.resort(Sort {
            archived,
            ..self.sort
        });
        let n = self.book.people.iter().filter(|p| p.archived).count();
        self.say(match (archived, n) {
            (false, _) => "archived people hidden".to_string(),
            (true, 1) => "showing 1 archived person".to_string(),
            (true, n) => format!("showing {n} archived people"),
        });
    }

    /// The Timeline shows `weight` from now on.
    pub(crate) fn set_weight(&mut self, weight: WeightFilter) {
        self.weight = weight;
        self.refilter();
        self.say(format!("showing {}", self.weight.title()));
    }
}

/// What every derived list is computed from.
pub(crate) fn sources(app: &App) -> Sources<'_> {
    Sources {
        book: &app.book,
        index: &app.index,
        config: &app.config,
        kinds: &app.kinds,
        today: app.today,
    }
}
