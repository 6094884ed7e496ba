//! What a key can ask the app to do. Keys map to actions through the keymap
//! tables; [`crate::tui::App::update`] carries them out.
//!
//! The actions are listed once, in `actions!`: the enum, [`Action::ALL`]
//! (what `config.ron` can bind), the config names and the help words all
//! come from that one list, so none can be left out of another.

use crate::tui::panes::tab::Tab;

/// Declares [`Action`]: each variant with its config name and its help, in
/// the order `ALL` lists them; the tabs (`GoTo`) between the two groups.
macro_rules! actions {
    (
        $( $(#[doc = $d1:literal])* $v1:ident = $n1:literal, $h1:literal; )*
        @tabs;
        $( $(#[doc = $d2:literal])* $v2:ident = $n2:literal, $h2:literal; )*
    ) => {
        /// One thing the user asked for: every variant a key can trigger has
        /// a config name (`name`) and a line of help (`help`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[doc = $d1])* $v1, )*
            /// Show this tab.
            GoTo(Tab),
            $( $(#[doc = $d2])* $v2, )*
        }

        impl Action {
            /// Every action a key can be bound to, in the order help lists them.
            pub const ALL: &[Action] = &[
                $( Action::$v1, )*
                Action::GoTo(Tab::People),
                Action::GoTo(Tab::Timeline),
                Action::GoTo(Tab::Coffee),
                Action::GoTo(Tab::Review),
                Action::GoTo(Tab::Intros),
                $( Action::$v2, )*
            ];

            /// The name used in `config.ron`'s `keys`.
            pub fn name(self) -> &'static str {
                match self {
                    $( Action::$v1 => $n1, )*
                    Action::GoTo(tab) => tab.config_name(),
                    $( Action::$v2 => $n2, )*
                }
            }

            /// A few words for the help overlay and the hint line.
            pub fn help(self) -> &'static str {
                match self {
                    $( Action::$v1 => $h1, )*
                    Action::GoTo(tab) => tab.title(),
                    $( Action::$v2 => $h2, )*
                }
            }
        }
    };
}

actions! {
    Up = "up", "up";
    Down = "down", "down";
    PageUp = "page-up", "page up";
    PageDown = "page-down", "page down";
    Top = "top", "first";
    Bottom = "bottom", "last";
    NextTab = "next-tab", "next tab";
    PrevTab = "prev-tab", "previous tab";
    @tabs;
    /// Open the selected person's card.
    Open = "open", "open card";
    /// Close the top popup (or the card).
    Back = "back", "back";
    /// People: cycle the sort order.
    CycleSort = "sort", "sort";
    /// People: archived people in or out of the list.
    ShowArchived = "show-archived", "archived";
    /// Timeline: all → deeds → touches.
    CycleWeight = "filter-weight", "deeds/touches";
    /// Timeline: choose what it shows (all, deeds, touches, one kind).
    Filter = "filter", "filter…";
    /// Timeline: only the selected entry's person, or everyone again.
    TogglePerson = "filter-person", "this person";
    Undo = "undo", "undo";
    Redo = "redo", "redo";
    /// Read the file again (also done by itself when the file changes).
    Reload = "reload", "reload file";
    /// Merge the conflict copies a sync tool left beside the book.
    MergeCopies = "merge-copies", "merge copies";
    /// Open the `/` finder.
    Find = "find", "find";
    /// Go to a person by their id (`p12`).
    GoToId = "go-to-id", "go to id";
    /// Finder: archived people in or out.
    FindArchived = "find-archived", "archived";
    /// Finder: add a person named by the query (when no one matches).
    FindAdd = "find-add", "add person";
    Help = "help", "help";
    Quit = "quit", "quit";
    /// Open the form to add a person.
    AddPerson = "add-person", "add person";
    /// Open the form on the selected person.
    EditPerson = "edit-person", "edit";
    /// Edit the selected person as RON in `$EDITOR`.
    EditExternal = "edit-in-editor", "edit in $EDITOR";
    /// Archive or unarchive the selected person (asks first).
    Archive = "archive", "archive";
    /// Merge the selected person into another (pick, then confirm).
    Merge = "merge", "merge into…";
    /// Delete the selected person (type their name).
    Delete = "delete", "delete";
    /// Popups: next field / next result.
    Next = "next", "next";
    /// Popups: previous field / result.
    Prev = "prev", "previous";
    /// Popups: Enter (next field, choose, confirm).
    Submit = "submit", "ok";
    /// The form: save now.
    Save = "save", "save";
    Yes = "yes", "yes";
    No = "no", "no";
    /// Delete: also delete the entries naming them.
    ToggleAlso = "toggle-also", "also their entries";
    /// Open the capture popup (for the selected person, if any).
    Capture = "capture", "capture";
    /// Capture: save the line (Enter).
    CaptureSave = "capture-save", "save";
    /// Capture: accept the highlighted name (Tab).
    CaptureComplete = "capture-complete", "accept name";
    /// A name kith does not know: take the person it probably meant.
    TakeMeant = "take-suggestion", "take suggestion";
    /// Capture: highlight the next / previous name in the dropdown.
    CaptureNext = "capture-next", "next name";
    CapturePrev = "capture-prev", "previous name";
    /// Capture: close, asking first when there is text.
    CaptureCancel = "capture-cancel", "cancel";
    /// Timeline: edit the selected entry in the capture popup.
    EditEntry = "edit-entry", "edit";
    /// Timeline: delete the selected entry (asks first).
    DeleteEntry = "delete-entry", "delete";
    /// Timeline: mark an open promise or follow-up done, or reopen it.
    ToggleDone = "done", "done/reopen";
    /// Review: capture something for the person on screen.
    ReviewCapture = "review-capture", "capture";
    /// Review: resolve the highlighted reason, writing what it means.
    ReviewDone = "review-done", "resolve";
    /// Review: release the highlighted promise (you will not keep it), with a note.
    ReviewRelease = "review-release", "release promise";
    /// Review: dismiss the highlighted line from the phone's inbox (kept in the book).
    ReviewDismiss = "review-dismiss", "dismiss line";
    /// Review: everyone due today, or back to today's share.
    ReviewAll = "review-all", "everyone due";
    /// Intros: capture the highlighted introduction (`@a @b intro: the need`).
    IntroAccept = "intro-accept", "make the intro";
    /// Intros: promise the highlighted introduction first (the intro closes it).
    IntroPromise = "intro-promise", "promise it";
    /// Intros: dismiss the highlighted suggestion for good (kept in the book).
    IntroDismiss = "intro-dismiss", "dismiss";
    /// People, card, review: end the selected person's snooze.
    Unsnooze = "unsnooze", "unsnooze";
    /// Review: open the snooze chooser.
    ReviewSnooze = "review-snooze", "snooze";
    ReviewSkip = "review-skip", "skip";
    /// Leave the Review tab (back to People); the progress stays for today.
    ReviewLeave = "review-leave", "leave";
    SnoozeDay = "snooze-day", "1 day";
    SnoozeWeek = "snooze-week", "1 week";
    SnoozeMonth = "snooze-month", "1 month";
    /// The snooze chooser: type the date to snooze until.
    SnoozeDate = "snooze-date", "until a date";
    /// The snooze date field: snooze until the date typed.
    SnoozeConfirm = "snooze-confirm", "snooze";
}

impl Action {
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_its_own_name_that_reads_back() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(*action));
        }
        for tab in Tab::ALL {
            assert!(Action::ALL.contains(&Action::GoTo(tab)), "{tab:?}");
        }
    }
}
