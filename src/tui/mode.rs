//! Where the user is: the tab under the panes and the stack of modes on top.
//!
//! The bottom of the stack is always [`Mode::Normal`] (the tab's pane); popups
//! push on top, get keys first, and `Esc` pops them. A new popup is one
//! variant here, one keymap [`Table`], one file in `ui/`.

use crate::model::{EntryId, PersonId};

use super::keymap::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tab {
    #[default]
    People,
    Timeline,
    Coffee,
    Review,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::People, Tab::Timeline, Tab::Coffee, Tab::Review];

    pub fn title(self) -> &'static str {
        match self {
            Tab::People => "People",
            Tab::Timeline => "Timeline",
            Tab::Coffee => "Coffee only",
            Tab::Review => "Review",
        }
    }

    pub fn table(self) -> Table {
        match self {
            Tab::People => Table::People,
            Tab::Timeline => Table::Timeline,
            Tab::Coffee => Table::Coffee,
            Tab::Review => Table::Review,
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

/// One layer of the mode stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The tab's pane.
    Normal,
    /// A person's card over the panes, with their whole timeline.
    Card(PersonId),
    /// The `?` overlay.
    Help,
    /// The review's snooze chooser for this person (1 day, 1 week, …).
    Snooze(PersonId),
    /// The snooze chooser's "until a date" field (state in `App::review`).
    SnoozeDate(PersonId),
    /// The person form (add or edit).
    Form,
    /// A y/n question.
    Confirm,
    /// Pick the person to merge into.
    Picker,
    /// Delete a person: type their name.
    Delete,
    /// The `/` finder popup (its state is `App::finder`).
    Finder,
    /// The quick-capture popup (its state is `App::capture`).
    Capture,
    /// A y/n question from the capture popup or the Timeline.
    Ask(Ask),
    /// The Timeline's filter chooser (its state is `App::filter`).
    Filter,
}

/// What a [`Mode::Ask`] asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Create the capture's unknown people, then save it.
    CreatePeople(Vec<String>),
    /// Close the capture popup and lose its text.
    Discard,
    /// Delete this entry.
    Delete(EntryId),
    /// The book's file is gone (deleted or moved): start a new one there?
    Recreate,
}

impl Mode {
    /// The keymap tables this mode looks keys up in, first match wins.
    pub fn tables(&self, tab: Tab) -> Vec<Table> {
        match self {
            Mode::Normal => vec![tab.table(), Table::Global],
            Mode::Card(_) => vec![Table::Card],
            Mode::Help => vec![Table::Help],
            Mode::Form => vec![Table::Form],
            Mode::Confirm => vec![Table::Confirm],
            Mode::Picker => vec![Table::Picker],
            Mode::Delete => vec![Table::Delete],
            Mode::Capture => vec![Table::Capture],
            Mode::Ask(_) => vec![Table::Ask],
            Mode::Snooze(_) => vec![Table::Snooze],
            Mode::SnoozeDate(_) => vec![Table::SnoozeDate],
            Mode::Finder => vec![Table::Finder],
            Mode::Filter => vec![Table::Filter],
        }
    }
}
