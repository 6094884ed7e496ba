//! `config.ron`: optional, every field defaulted, and never silently ignored
//! when it does not parse.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::review::ReviewRules;
use crate::model::{Cadences, KindDef, Kinds, Person};
use crate::ron_text::{ParseError, ron_options};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Keep-in-touch cadence in days for people with none of their own and no
    /// tag cadence. `None`: such people are never due for cadence.
    pub default_cadence: Option<u32>,
    /// Cadence per tag, e.g. `{"family": 14, "mentor": 60}`.
    pub tag_cadence: BTreeMap<String, u32>,
    /// A coffee-only person enters the review after this many days.
    pub coffee_review_days: u32,
    /// Extra kinds, each a touch or a deed.
    pub kinds: Vec<KindDef>,
    /// How many people one day's review holds at most.
    pub review_size: usize,
    /// A deed someone did for you, with nothing given back for this many
    /// days, puts them in the review ("reciprocate").
    pub reciprocate_days: u32,
    /// The kind of touch the review logs when you mark a cadence "reached out".
    pub review_touch_kind: String,
    /// Key bindings over the defaults: mode name → key → action name.
    pub keys: BTreeMap<String, BTreeMap<String, String>>,
    /// You, as a candidate for introductions: `me: (offers: ["…"])`.
    pub me: Me,
    /// The phone's inbox folder (default: `inbox/` beside the book; a
    /// relative path is taken from the book's folder).
    pub inbox: Option<PathBuf>,
    /// Words in a calendar event's title and the kind they make its touch
    /// (`"lunch": "coffee"`); an event with none of them is a `meeting`.
    pub calendar_kinds: BTreeMap<String, String>,
    /// Calendars and mail kith reads by itself (`kith import --sources`,
    /// and the TUI at start).
    pub sources: Sources,
}

/// Where your calendars and mail are: `.ics` files or calendar vdirs
/// (khal's, kept by vdirsyncer), maildirs (mbsync, offlineimap) or mboxes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sources {
    pub calendars: Vec<PathBuf>,
    pub maildirs: Vec<PathBuf>,
}

impl Sources {
    pub fn is_empty(&self) -> bool {
        self.calendars.is_empty() && self.maildirs.is_empty()
    }
}

/// What you can help others with yourself: needs it meets become "you could
/// help" suggestions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Me {
    /// Your own e-mail addresses: who sent what, in mail and calendars.
    pub emails: Vec<String>,
    pub offers: Vec<String>,
    /// What you could use help with yourself, standing: `kith ask` and the
    /// Intros tab's Ask section find who could help, until a deed someone
    /// does for you on it (`@ana <help: …`) answers it.
    pub needs: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            default_cadence: None,
            tag_cadence: BTreeMap::new(),
            coffee_review_days: 14,
            kinds: Vec::new(),
            review_size: 10,
            reciprocate_days: 21,
            review_touch_kind: "message".to_string(),
            keys: BTreeMap::new(),
            me: Me::default(),
            inbox: None,
            calendar_kinds: [("coffee", "coffee"), ("lunch", "coffee"), ("call", "call")]
                .into_iter()
                .map(|(w, k)| (w.to_string(), k.to_string()))
                .collect(),
            sources: Sources::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// The config file as read once: where it is and its text, so a message
/// about a bad key binding can point at its line without reading it again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// Empty when there is no file (the defaults are used).
    pub text: String,
}

impl Config {
    /// Reads the config at `path`; a missing file is the default config.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Config::read(path).map(|(config, _)| config)
    }

    /// [`load`](Config::load), and the file as read.
    pub fn read(path: &Path) -> Result<(Config, ConfigFile), ConfigError> {
        let (config, text) = match std::fs::read_to_string(path) {
            Ok(text) => (Config::parse(&text, path)?, text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (Config::default(), String::new())
            }
            Err(source) => {
                return Err(ConfigError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let file = ConfigFile {
            path: path.to_path_buf(),
            text,
        };
        Ok((config, file))
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        ron_options()
            .from_str(text)
            .map_err(|e| ParseError::from_ron(path, &e).into())
    }

    /// What reading calendars and mail needs from the config.
    pub fn touch_settings(&self) -> crate::touches::Settings {
        crate::touches::Settings::new(&self.me.emails, &self.calendar_kinds, self.kinds())
    }

    pub fn kinds(&self) -> Kinds {
        Kinds::with_extra(&self.kinds)
    }

    /// The cadence configured for `tag`, matched case-insensitively; allocates
    /// only for a tag with capitals (the review asks this for every person).
    /// Everyone's keep-in-touch cadence: `default_cadence` and `tag_cadence`.
    pub fn cadences(&self) -> Cadences {
        Cadences {
            default: self.default_cadence,
            by_tag: self.tag_cadence.clone(),
        }
    }

    /// The cadence `person` is held to (see [`Cadences::for_person`]).
    pub fn cadence_for(&self, person: &Person) -> Option<u32> {
        crate::model::cadence_of(person, self.default_cadence, &self.tag_cadence)
    }

    /// The review's rules, as the model takes them.
    pub fn review_rules(&self) -> ReviewRules {
        ReviewRules {
            kinds: self.kinds(),
            size: self.review_size,
            coffee_days: self.coffee_review_days,
            reciprocate_days: self.reciprocate_days,
            touch_kind: self.review_touch_kind.clone(),
            cadences: self.cadences(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, PersonId, Weight};

    #[test]
    fn empty_config_is_all_defaults() {
        let c = Config::parse("()", Path::new("c.ron")).unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(c.coffee_review_days, 14);
    }

    #[test]
    fn fields_parse_and_kinds_are_added() {
        let text = r#"(
            default_cadence: Some(90),
            coffee_review_days: 10,
            tag_cadence: {"family": 14},
            kinds: [(name: "mentoring", weight: deed)],
        )"#;
        let c = Config::parse(text, Path::new("c.ron")).unwrap();
        assert_eq!(c.kinds().get(&Kind::new("mentoring")), Some(Weight::Deed));
        assert_eq!(c.coffee_review_days, 10);
        let mut p = Person::new(PersonId(1), "Ana");
        assert_eq!(c.cadence_for(&p), Some(90));
        p.tags.push("Family".into());
        assert_eq!(c.cadence_for(&p), Some(14));
        p.cadence = Some(7);
        assert_eq!(c.cadence_for(&p), Some(7));
    }

    #[test]
    fn my_offers_parse_and_a_typo_in_them_is_refused() {
        let c = Config::parse(r#"(me: (offers: ["Rust mentoring"]))"#, Path::new("c.ron")).unwrap();
        assert_eq!(c.me.offers, ["Rust mentoring"]);
        let err = Config::parse(r#"(me: (ofers: []))"#, Path::new("c.ron")).unwrap_err();
        assert!(err.to_string().contains("ofers"), "{err}");
    }

    #[test]
    fn a_typo_is_reported_with_its_position() {
        let text = "(\n  default_cadense: Some(3),\n)";
        let err = Config::parse(text, Path::new("/x/config.ron")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("/x/config.ron:2:"), "{msg}");
        assert!(msg.contains("default_cadense"), "{msg}");
    }
}
