//! Keys as data: one table per mode (key → action). The same tables dispatch
//! keys, fill the `?` overlay and the hint line, and take `config.ron`'s
//! `keys: {table: {key: action}}` over the defaults.

use ratatui::crossterm::event::KeyCode;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::tui::keys::action::Action;
pub use crate::tui::keys::key::Key;
use crate::tui::panes::tab::Tab;

/// Declares [`Table`]: each table with its config name and its title in
/// help, in the order help lists them.
macro_rules! tables {
    ($( $table:ident = $name:literal, $title:expr; )*) => {
        /// A keymap table. `Global` applies under every pane; a pane's table
        /// is looked up first. Each layer has its own table and nothing else.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Table {
            $( $table, )*
        }

        impl Table {
            pub const ALL: &[Table] = &[ $( Table::$table, )* ];

            /// The name used in `config.ron`.
            pub fn name(self) -> &'static str {
                match self {
                    $( Table::$table => $name, )*
                }
            }

            pub fn title(self) -> &'static str {
                match self {
                    $( Table::$table => $title, )*
                }
            }
        }
    };
}

tables! {
    Global = "global", "Everywhere";
    People = "people", Tab::People.title();
    Timeline = "timeline", Tab::Timeline.title();
    Coffee = "coffee", Tab::Coffee.title();
    Review = "review", Tab::Review.title();
    Card = "card", "Card";
    Help = "help", "Help";
    Form = "form", "Person form";
    Question = "question", "Question";
    Picker = "picker", "Merge into";
    Delete = "delete", "Delete";
    Capture = "capture", "Capture";
    Snooze = "snooze", "Snooze";
    SnoozeDate = "snooze-date", "Snooze until";
    Finder = "finder", "Find";
    Filter = "filter", "Show";
    GoTo = "go-to", "Go to person";
}

impl Table {
    /// The table a name in `config.ron` means; the two question tables of
    /// old ("confirm", "ask") are the one question table now.
    pub fn from_name(name: &str) -> Option<Table> {
        match name {
            "confirm" | "ask" => Some(Table::Question),
            _ => Table::ALL.iter().copied().find(|t| t.name() == name),
        }
    }

    /// The actions shown in the hint line, in order.
    fn hinted(self) -> &'static [Action] {
        match self {
            Table::Global => &[Action::Capture, Action::Help, Action::Quit],
            Table::People => &[Action::Open, Action::CycleSort, Action::ShowArchived],
            Table::Timeline => &[
                Action::Open,
                Action::EditEntry,
                Action::ToggleDone,
                Action::Filter,
                Action::CycleWeight,
            ],
            Table::Coffee => &[Action::Open],
            Table::Review => &[
                Action::ReviewCapture,
                Action::ReviewDone,
                Action::ReviewSnooze,
                Action::ReviewSkip,
                Action::Open,
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
        }
    }

    fn defaults(self) -> Vec<(Key, Action)> {
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
                (c('1'), Action::GoTo(crate::tui::panes::tab::Tab::People)),
                (c('2'), Action::GoTo(crate::tui::panes::tab::Tab::Timeline)),
                (c('3'), Action::GoTo(crate::tui::panes::tab::Tab::Coffee)),
                (c('4'), Action::GoTo(crate::tui::panes::tab::Tab::Review)),
                (c('r'), Action::GoTo(crate::tui::panes::tab::Tab::Review)),
                (c('u'), Action::Undo),
                (Key::ctrl('r'), Action::Redo),
                (Key::ctrl('l'), Action::Reload),
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
            // `q` leaves the review rather than quitting (Ctrl-c still quits).
            Table::Review => vec![
                (c('c'), Action::ReviewCapture),
                (c('x'), Action::ReviewDone),
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
            // A text field: no printable keys.
            Table::GoTo => vec![
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
fn person_keys() -> [(Key, Action); 5] {
    [
        (Key::char('a'), Action::AddPerson),
        (Key::char('e'), Action::EditPerson),
        (Key::char('E'), Action::EditExternal),
        (Key::char('A'), Action::Archive),
        (Key::char('M'), Action::Merge),
    ]
}

/// A config `keys` entry that names an unknown table, key or action.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{col}: {message}", path.display())]
pub struct KeymapError {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Every table, defaults patched by the config.
#[derive(Debug, Clone)]
pub struct Keymap {
    tables: BTreeMap<Table, Vec<(Key, Action)>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            tables: Table::ALL.iter().map(|t| (*t, t.defaults())).collect(),
        }
    }
}

impl Keymap {
    /// The defaults with `keys` (from `config.ron`) laid over them. `source` is
    /// the config's path and text, used to point at a bad name. The action
    /// `none` unbinds a key.
    pub fn with_config(
        keys: &BTreeMap<String, BTreeMap<String, String>>,
        source: (&Path, &str),
    ) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        for (table_name, binds) in keys {
            let at = |needles: &[&str]| locate(source, needles);
            let table = Table::from_name(table_name).ok_or_else(|| {
                let names: Vec<_> = Table::ALL.iter().map(|t| t.name()).collect();
                at(&[table_name]).error(format!(
                    "unknown key table \"{table_name}\" (known: {})",
                    names.join(", ")
                ))
            })?;
            for (key_name, action_name) in binds {
                let key = Key::parse(key_name).ok_or_else(|| {
                    at(&[table_name, key_name]).error(format!(
                        "unknown key \"{key_name}\" (try e.g. \"j\", \"ctrl-r\", \"pgdn\", \"shift-tab\")"
                    ))
                })?;
                let action = if action_name == "none" {
                    None
                } else {
                    Some(Action::from_name(action_name).ok_or_else(|| {
                        let names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
                        at(&[table_name, key_name, action_name]).error(format!(
                            "unknown action \"{action_name}\" (known: {}, none)",
                            names.join(", ")
                        ))
                    })?)
                };
                let t = map.tables.entry(table).or_default();
                t.retain(|(k, _)| *k != key);
                if let Some(action) = action {
                    t.push((key, action));
                }
            }
        }
        Ok(map)
    }

    /// The action for `key`, looking in `tables` in order.
    pub fn lookup(&self, tables: &[Table], key: Key) -> Option<Action> {
        tables.iter().find_map(|t| {
            self.bindings(*t)
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, a)| *a)
        })
    }

    /// The keys bound to `action` in `table`, in the order they were bound.
    pub fn keys_for(&self, table: Table, action: Action) -> Vec<Key> {
        self.bindings(table)
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect()
    }

    /// The first key bound to `action` in `table`, as help shows it ("C-r"),
    /// for messages that name a key; "(unbound)" when none is.
    pub fn key_for(&self, table: Table, action: Action) -> String {
        self.keys_for(table, action)
            .first()
            .map_or_else(|| "(unbound)".to_string(), Key::to_string)
    }

    pub fn bindings(&self, table: Table) -> &[(Key, Action)] {
        self.tables.get(&table).map(Vec::as_slice).unwrap_or(&[])
    }

    /// One row per action of `table`: its keys ("j ↓") and its help, in the
    /// order the actions were first bound.
    pub fn help_rows(&self, table: Table) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
        for (key, action) in self.bindings(table) {
            match rows.iter_mut().find(|(a, _)| a == action) {
                Some((_, keys)) => keys.push(key.to_string()),
                None => rows.push((*action, vec![key.to_string()])),
            }
        }
        rows.into_iter()
            .map(|(a, keys)| (keys.join(" "), a.help()))
            .collect()
    }

    /// The hint line's items for `tables`: the first key of each hinted
    /// action, the most general table first (`? help` must never be cut).
    pub fn hints(&self, tables: &[Table]) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for table in tables.iter().rev() {
            for action in table.hinted() {
                // A key an earlier table takes (the Review's `q`) is not this
                // action's there: hint the next key that still reaches it.
                let key = self
                    .bindings(*table)
                    .iter()
                    .find(|(k, a)| a == action && self.lookup(tables, *k) == Some(*action))
                    .map(|(k, _)| k.to_string());
                if let Some(key) = key {
                    out.push((key, action.help()));
                }
            }
        }
        out
    }
}

struct Spot<'a> {
    path: &'a Path,
    line: usize,
    col: usize,
}

impl Spot<'_> {
    fn error(&self, message: String) -> KeymapError {
        KeymapError {
            path: self.path.to_path_buf(),
            line: self.line,
            col: self.col,
            message,
        }
    }
}

/// Where the last of `needles` (each a quoted string, searched for after the
/// one before it) sits in the config text; 1-based line and column.
fn locate<'a>((path, text): (&'a Path, &str), needles: &[&str]) -> Spot<'a> {
    let mut from = 0;
    let mut found = None;
    for needle in needles {
        let quoted = format!("\"{needle}\"");
        match text[from..].find(&quoted) {
            Some(i) => {
                found = Some(from + i);
                from += i + quoted.len();
            }
            None => break,
        }
    }
    let at = found.unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Spot { path, line, col }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
        crate::config::Config::parse(text, Path::new("c.ron"))
            .unwrap()
            .keys
    }

    #[test]
    fn parses_and_shows_keys() {
        assert_eq!(Key::parse("ctrl-r"), Some(Key::ctrl('r')));
        assert_eq!(Key::parse("G"), Some(Key::char('G')));
        assert_eq!(Key::parse("PgDn"), Some(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("shift-tab"), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("f13"), None);
        assert_eq!(Key::parse("jj"), None);
        assert_eq!(Key::ctrl('r').to_string(), "C-r");
    }

    #[test]
    fn config_rebinds_and_unbinds() {
        let text = "(keys: {\"people\": {\"x\": \"sort\", \"s\": \"none\"}})";
        let map = Keymap::with_config(&keys(text), (Path::new("c.ron"), text)).unwrap();
        let t = [Table::People, Table::Global];
        assert_eq!(map.lookup(&t, Key::char('x')), Some(Action::CycleSort));
        assert_eq!(map.lookup(&t, Key::char('s')), None);
        assert_eq!(map.lookup(&t, Key::char('q')), Some(Action::Quit));
    }

    #[test]
    fn an_unknown_action_is_reported_where_it_is_written() {
        let text = "(\n  keys: {\n    \"people\": {\"s\": \"sort\", \"x\": \"sortt\"},\n  },\n)";
        let err = Keymap::with_config(&keys(text), (Path::new("/c.ron"), text)).unwrap_err();
        assert_eq!((err.line, err.col), (3, 34), "{err}");
        assert!(
            err.to_string()
                .starts_with("/c.ron:3:34: unknown action \"sortt\"")
        );
    }

    #[test]
    fn an_unknown_key_or_table_is_reported_too() {
        let text = "(keys: {\"people\": {\"ctrl-\": \"sort\"}})";
        let err = Keymap::with_config(&keys(text), (Path::new("c.ron"), text)).unwrap_err();
        assert_eq!((err.line, err.col), (1, 20));
        assert!(err.message.contains("unknown key \"ctrl-\""));
        let text = "(keys: {\"peple\": {}})";
        let err = Keymap::with_config(&keys(text), (Path::new("c.ron"), text)).unwrap_err();
        assert!(err.message.contains("unknown key table \"peple\""));
        assert_eq!((err.line, err.col), (1, 9));
    }

    #[test]
    fn help_groups_keys_by_action() {
        let rows = Keymap::default().help_rows(Table::People);
        assert_eq!(rows[0], ("j ↓".to_string(), "down"));
    }
}
