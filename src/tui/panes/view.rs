//! How the lists are viewed — the People sort (and archived shown or not),
//! the Timeline's filter — and changing it without losing the selection.

use crate::model::PersonId;
use crate::tui::app::{App, Tab};
use crate::tui::panes::lists::{Sort, WeightFilter};

/// How the lists are viewed (the saver derives them with it too).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewSettings {
    pub sort: Sort,
    pub weight: WeightFilter,
    pub who: Option<PersonId>,
    /// Introductions are suggested (with every change, on the saver's
    /// thread): from the start in the terminal app.
    pub intros: bool,
}

impl App {
    pub(crate) fn refilter(&mut self) {
        let keep = self.selected_entry_id();
        self.session.filter_timeline(&self.view);
        self.restore_entry(keep);
    }

    /// The People list in `sort` from now on, the selection kept.
    pub(crate) fn resort(&mut self, sort: Sort) {
        self.view.sort = sort;
        let keep = self.selected_in(Tab::People);
        self.session.sort_people(self.view.sort);
        self.restore_people(keep);
    }

    /// Archived people into the People list (marked) or out again.
    pub(crate) fn toggle_archived(&mut self) {
        let archived = !self.view.sort.archived;
        self.resort(Sort {
            archived,
            ..self.view.sort
        });
        let n = self
            .session
            .book
            .people
            .iter()
            .filter(|p| p.archived)
            .count();
        self.say(match (archived, n) {
            (false, _) => "archived people hidden".to_string(),
            (true, n) => format!(
                "showing {}",
                crate::text::count(n, "archived person", "archived people")
            ),
        });
    }

    /// The Timeline shows `weight` from now on.
    pub(crate) fn set_weight(&mut self, weight: WeightFilter) {
        self.view.weight = weight;
        self.refilter();
        self.say(format!("showing {}", self.view.weight.title()));
    }
}
