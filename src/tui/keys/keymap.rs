//! Keys as data: one table per mode (key → action). The same tables dispatch
//! keys, fill the `?` overlay and the hint line, and take `config.ron`'s
//! `keys: {table: {key: action}}` over the defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyCode;

use crate::tui::keys::action::Action;
use crate::tui::keys::defaults::PINNED;
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
    Intros = "intros", Tab::Intros.title();
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
    NewPerson = "new-person", "New person";
    Release = "release", "Release a promise";
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
    /// action. The pinned ones (the daily flows, undo, help: never cut)
    /// come first, in `PINNED`'s order; then the others, the most specific
    /// table's first (`q quit` is the last of a pane's).
    pub fn hints(&self, tables: &[Table]) -> Vec<Hint> {
        let mut pinned: Vec<(usize, Hint)> = Vec::new();
        let mut others: Vec<Hint> = Vec::new();
        let mut seen: Vec<Action> = Vec::new();
        for table in tables {
            for action in table.hinted() {
                if seen.contains(action) {
                    continue;
                }
                // A key an earlier table takes (the Review's `q`) is not
                // this action's there: hint the next key that still reaches
                // it. A letter says more than a digit (`r review`, not `4`:
                // the tab bar shows the digits).
                let key = self
                    .bindings(*table)
                    .iter()
                    .filter(|(k, a)| a == action && self.lookup(tables, *k) == Some(*action))
                    .min_by_key(|(k, _)| matches!(k.code, KeyCode::Char(c) if c.is_ascii_digit()));
                let Some((key, _)) = key else { continue };
                seen.push(*action);
                let at = PINNED.iter().position(|p| p == action);
                let hint = Hint {
                    action: *action,
                    key: key.to_string(),
                    help: action.help(),
                    pinned: at.is_some(),
                };
                match at {
                    Some(at) => pinned.push((at, hint)),
                    None => others.push(hint),
                }
            }
        }
        pinned.sort_by_key(|(at, _)| *at);
        pinned.into_iter().map(|(_, h)| h).chain(others).collect()
    }
}

/// One item of the hint line: a key and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub action: Action,
    pub key: String,
    pub help: &'static str,
    /// Kept whatever the width (see [`PINNED`]).
    pub pinned: bool,
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
    use ratatui::crossterm::event::KeyCode;

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
