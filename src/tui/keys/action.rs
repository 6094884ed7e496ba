//! What a key can ask the app to do. Keys map to actions through the keymap
//! tables; [`super::App::update`] carries them out.

use crate::tui::panes::tab::Tab;

/// One thing the user asked for. Every variant that a key can trigger has a
/// config name (`name`) and a line of help (`help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextTab,
    PrevTab,
    GoTo(Tab),
    /// Open the selected person's card.
    Open,
    /// Close the top popup (or the card).
    Back,
    Help,
    /// People: cycle the sort order.
    CycleSort,
    /// Timeline: all → deeds → touches.
    CycleWeight,
    /// Timeline: only the selected entry's person, or everyone again.
    TogglePerson,
    Undo,
    Redo,
    /// Read the file again (also done by itself when the file changes).
    Reload,
    /// Open the form to add a person.
    AddPerson,
    /// Open the form on the selected person.
    EditPerson,
    /// Edit the selected person as RON in `$EDITOR`.
    EditExternal,
    /// Archive or unarchive the selected person (asks first).
    Archive,
    /// Merge the selected person into another (pick, then confirm).
    Merge,
    /// Delete the selected person (type their name).
    Delete,
    /// Popups: next field / next result.
    Next,
    /// Popups: previous field / result.
    Prev,
    /// Popups: Enter (next field, choose, confirm).
    Submit,
    /// The form: save now.
    Save,
    Yes,
    No,
    /// Delete: also delete the entries naming them.
    ToggleAlso,
    /// Open the capture popup (for the selected person, if any).
    Capture,
    /// Capture: save the line (Enter).
    CaptureSave,
    /// Capture: accept the highlighted name (Tab).
    CaptureComplete,
    /// Capture: highlight the next / previous name in the dropdown.
    CaptureNext,
    CapturePrev,
    /// Capture: close, asking first when there is text.
    CaptureCancel,
    /// Timeline: edit the selected entry in the capture popup.
    EditEntry,
    /// Timeline: delete the selected entry (asks first).
    DeleteEntry,
    /// Timeline: mark an open promise or follow-up done, or reopen it.
    ToggleDone,
    /// Review: capture something for the person on screen.
    ReviewCapture,
    /// Review: close the promise or follow-up that put them in the queue.
    ReviewDone,
    /// Review: open the snooze chooser.
    ReviewSnooze,
    ReviewSkip,
    /// Leave the Review tab (back to People); the progress stays for today.
    ReviewLeave,
    SnoozeDay,
    SnoozeWeek,
    SnoozeMonth,
    /// The snooze chooser: type the date to snooze until.
    SnoozeDate,
    /// The snooze date field: snooze until the date typed.
    SnoozeConfirm,
    /// Open the `/` finder.
    Find,
    /// Finder: archived people in or out.
    FindArchived,
    /// Finder: add a person named by the query (when no one matches).
    FindAdd,
    /// Timeline: choose what it shows (all, deeds, touches, one kind).
    Filter,
    /// People: archived people in or out of the list.
    ShowArchived,
}

impl Action {
    /// Every action a key can be bound to, in the order help lists them.
    pub const ALL: &[Action] = &[
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::NextTab,
        Action::PrevTab,
        Action::GoTo(Tab::People),
        Action::GoTo(Tab::Timeline),
        Action::GoTo(Tab::Coffee),
        Action::GoTo(Tab::Review),
        Action::Open,
        Action::Back,
        Action::CycleSort,
        Action::ShowArchived,
        Action::CycleWeight,
        Action::Filter,
        Action::TogglePerson,
        Action::Undo,
        Action::Redo,
        Action::Reload,
        Action::Find,
        Action::FindArchived,
        Action::FindAdd,
        Action::Help,
        Action::Quit,
        Action::AddPerson,
        Action::EditPerson,
        Action::EditExternal,
        Action::Archive,
        Action::Merge,
        Action::Delete,
        Action::Next,
        Action::Prev,
        Action::Submit,
        Action::Save,
        Action::Yes,
        Action::No,
        Action::ToggleAlso,
        Action::Capture,
        Action::CaptureSave,
        Action::CaptureComplete,
        Action::CaptureNext,
        Action::CapturePrev,
        Action::CaptureCancel,
        Action::EditEntry,
        Action::DeleteEntry,
        Action::ToggleDone,
        Action::ReviewCapture,
        Action::ReviewDone,
        Action::ReviewSnooze,
        Action::ReviewSkip,
        Action::ReviewLeave,
        Action::SnoozeDay,
        Action::SnoozeWeek,
        Action::SnoozeMonth,
        Action::SnoozeDate,
        Action::SnoozeConfirm,
    ];

    /// The name used in `config.ron`'s `keys`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextTab => "next-tab",
            Action::PrevTab => "prev-tab",
            Action::GoTo(Tab::People) => "tab-people",
            Action::GoTo(Tab::Timeline) => "tab-timeline",
            Action::GoTo(Tab::Coffee) => "tab-coffee",
            Action::GoTo(Tab::Review) => "tab-review",
            Action::Open => "open",
            Action::Back => "back",
            Action::Help => "help",
            Action::CycleSort => "sort",
            Action::CycleWeight => "filter-weight",
            Action::TogglePerson => "filter-person",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Reload => "reload",
            Action::AddPerson => "add-person",
            Action::EditPerson => "edit-person",
            Action::EditExternal => "edit-in-editor",
            Action::Archive => "archive",
            Action::Merge => "merge",
            Action::Delete => "delete",
            Action::Next => "next",
            Action::Prev => "prev",
            Action::Submit => "submit",
            Action::Save => "save",
            Action::Yes => "yes",
            Action::No => "no",
            Action::ToggleAlso => "toggle-also",
            Action::Capture => "capture",
            Action::CaptureSave => "capture-save",
            Action::CaptureComplete => "capture-complete",
            Action::CaptureNext => "capture-next",
            Action::CapturePrev => "capture-prev",
            Action::CaptureCancel => "capture-cancel",
            Action::EditEntry => "edit-entry",
            Action::DeleteEntry => "delete-entry",
            Action::ToggleDone => "done",
            Action::ReviewCapture => "review-capture",
            Action::ReviewDone => "review-done",
            Action::ReviewSnooze => "review-snooze",
            Action::ReviewSkip => "review-skip",
            Action::ReviewLeave => "review-leave",
            Action::SnoozeDay => "snooze-day",
            Action::SnoozeWeek => "snooze-week",
            Action::SnoozeMonth => "snooze-month",
            Action::SnoozeDate => "snooze-date",
            Action::SnoozeConfirm => "snooze-confirm",
            Action::Find => "find",
            Action::FindArchived => "find-archived",
            Action::FindAdd => "find-add",
            Action::Filter => "filter",
            Action::ShowArchived => "show-archived",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// A few words for the help overlay and the hint line.
    pub fn help(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "first",
            Action::Bottom => "last",
            Action::NextTab => "next tab",
            Action::PrevTab => "previous tab",
            Action::GoTo(tab) => tab.title(),
            Action::Open => "open card",
            Action::Back => "back",
            Action::Help => "help",
            Action::CycleSort => "sort",
            Action::CycleWeight => "deeds/touches",
            Action::TogglePerson => "this person",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Reload => "reload file",
            Action::AddPerson => "add person",
            Action::EditPerson => "edit",
            Action::EditExternal => "edit in $EDITOR",
            Action::Archive => "archive",
            Action::Merge => "merge into…",
            Action::Delete => "delete",
            Action::Next => "next",
            Action::Prev => "previous",
            Action::Submit => "ok",
            Action::Save => "save",
            Action::Yes => "yes",
            Action::No => "no",
            Action::ToggleAlso => "also their entries",
            Action::Capture => "capture",
            Action::CaptureSave => "save",
            Action::CaptureComplete => "accept name",
            Action::CaptureNext => "next name",
            Action::CapturePrev => "previous name",
            Action::CaptureCancel => "cancel",
            Action::EditEntry => "edit",
            Action::DeleteEntry => "delete",
            Action::ToggleDone => "done/reopen",
            Action::ReviewCapture => "capture",
            Action::ReviewDone => "done",
            Action::ReviewSnooze => "snooze",
            Action::ReviewSkip => "skip",
            Action::ReviewLeave => "leave",
            Action::SnoozeDay => "1 day",
            Action::SnoozeWeek => "1 week",
            Action::SnoozeMonth => "1 month",
            Action::SnoozeDate => "until a date",
            Action::SnoozeConfirm => "snooze",
            Action::Find => "find",
            Action::FindArchived => "archived",
            Action::FindAdd => "add person",
            Action::Filter => "filter…",
            Action::ShowArchived => "archived",
        }
    }
}
