//! The default keys: each table's bindings, and the actions its hint line
//! shows. `config.ron` patches these (see [`super::keymap`]).

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::action::Action;
use crate::tui::keys::key::Key;
use crate::tui::keys::keymap::Table;

/// The keys that start the daily flows (capture, find, review) and undo,
/// with help: the hint line never cuts them, on any tab, and cuts the
/// others first.
pub(crate) const PINNED: &[Action] = &[
    Action::Capture,
    Action::ReviewCapture,
    Action::Find,
    Action::GoTo(crate::tui::Tab::Review),
    Action::Undo,
    Action::Help,
];

impl Table {
    /// The actions shown in the hint line, in order.
    pub(crate) fn hinted(self) -> &'static [Action] {
        match self {
            Table::Global => &[
                Action::Capture,
                Action::Find,
                Action::GoTo(crate::tui::Tab::Review),
                Action::Undo,
                Action::Help,
                Action::Quit,
            ],
            Table::People => &[Action::Open, Action::CycleSort, Action::ShowArchived],
            Table::Timeline => &[
                Action::Open,
                Action::EditEntry,
                Action::ToggleDone,
                Action::Filter,
                Action::CycleWeight,
            ],
            Table::Coffee => &[Action::Open],
            Table::Intros => &[
                Action::IntroAccept,
                Action::IntroPromise,
                Action::IntroDismiss,
                Action::Open,
            ],
            Table::Review => &[
                Action::ReviewDone,
                Action::ReviewCapture,
                Action::ReviewSnooze,
                Action::ReviewSkip,
                Action::ReviewAll,
                Action::ReviewLeave,
            ],
            Table::Card => &[Action::Back, Action::Help],
            Table::Help => &[Action::Back, Action::Down, Action::Up, Action::PageDown],
            Table::Form => &[Action::Next, Action::Save, Action::Back],
            Table::Question => &[Action::Yes, Action::No],
            Table::Picker => &[Action::Submit, Action::Back],
            Table::Delete => &[Action::Submit, Action::ToggleAlso, Action::Back],
            Table::Capture => &[
                Action::CaptureSave,
                Action::CaptureComplete,
                Action::CaptureCancel,
            ],
            Table::Snooze => &[
                Action::SnoozeDay,
                Action::SnoozeWeek,
                Action::SnoozeMonth,
                Action::SnoozeDate,
                Action::Back,
            ],
            Table::SnoozeDate => &[Action::SnoozeConfirm, Action::Back],
            Table::Finder => &[Action::Open, Action::FindArchived, Action::Back],
            Table::Filter => &[Action::Submit, Action::Back],
            Table::GoTo => &[Action::Submit, Action::Back],
            Table::NewPerson => &[Action::TakeMeant, Action::Submit, Action::Back],
            Table::Release => &[Action::Submit, Action::Back],
        }
    }

    pub(crate) fn defaults(self) -> Vec<(Key, Action)> {
        use KeyCode::*;
        let k = Key::plain;
        let c = Key::char;
        let moves = || {
            vec![
                (c('j'), Action::Down),
                (k(Down), Action::Down),
                (c('k'), Action::Up),
                (k(Up), Action::Up),
                (k(PageDown), Action::PageDown),
                (Key::ctrl('d'), Action::PageDown),
                (k(PageUp), Action::PageUp),
                (Key::ctrl('u'), Action::PageUp),
                (c('g'), Action::Top),
                (k(Home), Action::Top),
                (c('G'), Action::Bottom),
                (k(End), Action::Bottom),
            ]
        };
        match self {
            Table::Global => vec![
                (k(Tab), Action::NextTab),
                (k(BackTab), Action::PrevTab),
                (c('1'), Action::GoTo(crate::tui::Tab::People)),
                (c('2'), Action::GoTo(crate::tui::Tab::Timeline)),
                (c('3'), Action::GoTo(crate::tui::Tab::Coffee)),
                (c('4'), Action::GoTo(crate::tui::Tab::Review)),
                (c('5'), Action::GoTo(crate::tui::Tab::Intros)),
                (c('r'), Action::GoTo(crate::tui::Tab::Review)),
                (c('u'), Action::Undo),
                (Key::ctrl('r'), Action::Redo),
                (Key::ctrl('l'), Action::Reload),
                (c('S'), Action::MergeCopies),
                (c('/'), Action::Find),
                (c('#'), Action::GoToId),
                (c('?'), Action::Help),
                (c('q'), Action::Quit),
                (Key::ctrl('c'), Action::Quit),
                (c('c'), Action::Capture),
            ],
            Table::People => {
                let mut t = moves();
                t.extend([(k(Enter), Action::Open), (c('s'), Action::CycleSort)]);
                // `.` as in file managers' "show hidden files".
                t.push((c('.'), Action::ShowArchived));
                t.extend(person_keys());
                t.push((c('d'), Action::Delete));
                t
            }
            Table::Timeline => {
                let mut t = moves();
                t.extend([
                    (k(Enter), Action::Open),
                    (c('f'), Action::Filter),
                    (c('w'), Action::CycleWeight),
                    (c('p'), Action::TogglePerson),
                    (c('e'), Action::EditEntry),
                    (c('d'), Action::DeleteEntry),
                    (c('x'), Action::ToggleDone),
                ]);
                t
            }
            Table::Coffee => {
                let mut t = moves();
                t.push((k(Enter), Action::Open));
                t
            }
            Table::Intros => {
                let mut t = moves();
                t.extend([
                    (k(Enter), Action::IntroAccept),
                    (c('p'), Action::IntroPromise),
                    (c('d'), Action::IntroDismiss),
                    (c('o'), Action::Open),
                ]);
                t
            }
            // `q` leaves the review rather than quitting (Ctrl-c still quits).
            Table::Review => vec![
                (c('j'), Action::Down),
                (k(Down), Action::Down),
                (c('k'), Action::Up),
                (k(Up), Action::Up),
                (c('c'), Action::ReviewCapture),
                (c('x'), Action::ReviewDone),
                (c('R'), Action::ReviewRelease),
                (c('d'), Action::ReviewDismiss),
                (c('a'), Action::ReviewAll),
                (c('Z'), Action::Unsnooze),
                (c('s'), Action::ReviewSnooze),
                (c('n'), Action::ReviewSkip),
                (c(' '), Action::ReviewSkip),
                (c('o'), Action::Open),
                (k(Enter), Action::Open),
                (c('q'), Action::ReviewLeave),
                (k(Esc), Action::ReviewLeave),
            ],
            Table::Card => {
                let mut t = moves();
                t.extend([
                    (k(Esc), Action::Back),
                    (c('q'), Action::Back),
                    (c('c'), Action::Capture),
                    (c('x'), Action::ToggleDone),
                    (c('?'), Action::Help),
                    (Key::ctrl('c'), Action::Quit),
                ]);
                t.extend(person_keys());
                t
            }
            // Scrolls the overlay when it does not fit.
            Table::Help => {
                let mut t = vec![
                    (k(Esc), Action::Back),
                    (c('?'), Action::Back),
                    (c('q'), Action::Back),
                    (k(Enter), Action::Back),
                    (Key::ctrl('c'), Action::Quit),
                ];
                t.extend(moves());
                t
            }
            Table::Form => vec![
                (k(Tab), Action::Next),
                (k(Down), Action::Next),
                (k(BackTab), Action::Prev),
                (k(Up), Action::Prev),
                (k(Enter), Action::Submit),
                (Key::ctrl('s'), Action::Save),
                (k(Esc), Action::Back),
            ],
            // Every question: Enter is yes, as `y` is.
            Table::Question => vec![
                (c('y'), Action::Yes),
                (c('Y'), Action::Yes),
                (k(Enter), Action::Yes),
                (c('n'), Action::No),
                (c('N'), Action::No),
                (k(Esc), Action::No),
            ],
            Table::Picker => vec![
                (k(Enter), Action::Submit),
                (k(Down), Action::Next),
                (k(Tab), Action::Next),
                (k(Up), Action::Prev),
                (k(BackTab), Action::Prev),
                (k(Esc), Action::Back),
            ],
            Table::Delete => vec![
                (k(Enter), Action::Submit),
                (Key::ctrl('t'), Action::ToggleAlso),
                (k(Esc), Action::Back),
            ],
            // A text field: no printable keys.
            Table::Capture => vec![
                (k(Enter), Action::CaptureSave),
                (k(Tab), Action::CaptureComplete),
                (k(Down), Action::CaptureNext),
                (k(Up), Action::CapturePrev),
                (k(Esc), Action::CaptureCancel),
                (Key::ctrl('c'), Action::CaptureCancel),
                (k(F(1)), Action::Help),
            ],
            // `s s` snoozes a week: the chooser's own `s` is the default.
            Table::Snooze => vec![
                (c('d'), Action::SnoozeDay),
                (c('w'), Action::SnoozeWeek),
                (c('s'), Action::SnoozeWeek),
                (c('m'), Action::SnoozeMonth),
                (c('t'), Action::SnoozeDate),
                (k(Esc), Action::Back),
                (c('q'), Action::Back),
                (Key::ctrl('c'), Action::Quit),
            ],
            // A text field: no printable keys.
            Table::SnoozeDate => vec![
                (k(Enter), Action::SnoozeConfirm),
                (k(Esc), Action::Back),
                (Key::ctrl('c'), Action::Quit),
            ],
            // Printable keys type into the query: only Ctrl, arrows and the like here.
            Table::Finder => vec![
                (k(Down), Action::Down),
                (Key::ctrl('n'), Action::Down),
                (k(Up), Action::Up),
                (Key::ctrl('p'), Action::Up),
                (k(PageDown), Action::PageDown),
                (k(PageUp), Action::PageUp),
                (k(Enter), Action::Open),
                (k(Esc), Action::Back),
                (Key::ctrl('a'), Action::FindArchived),
                (Key::ctrl('o'), Action::FindAdd),
                (Key::ctrl('c'), Action::Quit),
            ],
            Table::NewPerson => vec![
                (k(Enter), Action::Submit),
                (k(Tab), Action::TakeMeant),
                (k(Esc), Action::Back),
                (Key::ctrl('c'), Action::Quit),
            ],
            // Text fields: no printable keys.
            Table::GoTo | Table::Release => vec![
                (k(Enter), Action::Submit),
                (k(Esc), Action::Back),
                (Key::ctrl('c'), Action::Quit),
            ],
            // `f` again closes it, as `?` closes help.
            Table::Filter => {
                let mut t = moves();
                t.extend([
                    (k(Enter), Action::Submit),
                    (k(Esc), Action::Back),
                    (c('f'), Action::Back),
                    (c('q'), Action::Back),
                    (Key::ctrl('c'), Action::Quit),
                ]);
                t
            }
        }
    }
}

/// Keys that change the selected person, on the People tab and on the card.
fn person_keys() -> [(Key, Action); 6] {
    [
        (Key::char('a'), Action::AddPerson),
        (Key::char('e'), Action::EditPerson),
        (Key::char('E'), Action::EditExternal),
        (Key::char('A'), Action::Archive),
        (Key::char('M'), Action::Merge),
        (Key::char('Z'), Action::Unsnooze),
    ]
}
