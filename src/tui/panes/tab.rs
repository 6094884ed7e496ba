//! The tabs: which pane is at the bottom of the layer stack.

use crate::tui::keys::keymap::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tab {
    #[default]
    People,
    Timeline,
    Coffee,
    Review,
    Intros,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::People,
        Tab::Timeline,
        Tab::Coffee,
        Tab::Review,
        Tab::Intros,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::People => "People",
            Tab::Timeline => "Timeline",
            Tab::Coffee => "Coffee only",
            Tab::Review => "Review",
            Tab::Intros => "Intros",
        }
    }

    /// The name of the action that shows it, in `config.ron`.
    pub fn config_name(self) -> &'static str {
        match self {
            Tab::People => "tab-people",
            Tab::Timeline => "tab-timeline",
            Tab::Coffee => "tab-coffee",
            Tab::Review => "tab-review",
            Tab::Intros => "tab-intros",
        }
    }

    pub fn table(self) -> Table {
        match self {
            Tab::People => Table::People,
            Tab::Timeline => Table::Timeline,
            Tab::Coffee => Table::Coffee,
            Tab::Review => Table::Review,
            Tab::Intros => Table::Intros,
        }
    }

    fn position(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.position() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.position() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}
