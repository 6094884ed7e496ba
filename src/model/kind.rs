use serde::{Deserialize, Serialize};
use std::fmt;

/// What an entry weighs: a touch keeps in contact, a deed is the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    Touch,
    Deed,
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Weight::Touch => "touch",
            Weight::Deed => "deed",
        })
    }
}

/// The kind of an entry, by name (`coffee`, `favor`, or one from the config).
/// Always lower case. A built-in kind's name is shared, not copied into
/// every entry: most of a book's entries are a coffee or a favor. Compared,
/// ordered, hashed and written as its name.
#[derive(Clone)]
pub struct Kind(Name);

/// A built-in kind by its place in [`BUILTIN_KINDS`], another by its name:
/// 16 bytes (a `Cow<str>` takes 24), in each of a book's entries.
#[derive(Clone)]
enum Name {
    Builtin(u8),
    Other(Box<str>),
}

impl Kind {
    pub fn new(name: &str) -> Kind {
        Kind::stored(name.trim().to_lowercase())
    }

    /// A kind exactly as a file holds it (no case folding).
    pub fn stored(name: String) -> Kind {
        match BUILTIN_KINDS
            .iter()
            .position(|(builtin, _)| *builtin == name)
        {
            Some(at) => Kind(Name::Builtin(at as u8)),
            None => Kind(Name::Other(name.into_boxed_str())),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Name::Builtin(at) => BUILTIN_KINDS[usize::from(*at)].0,
            Name::Other(name) => name,
        }
    }

    pub fn is_promise(&self) -> bool {
        self.as_str() == "promise"
    }
}

impl PartialEq for Kind {
    fn eq(&self, other: &Kind) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Kind {}

impl PartialOrd for Kind {
    fn partial_cmp(&self, other: &Kind) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Kind {
    fn cmp(&self, other: &Kind) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Kind {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// `Kind("coffee")`, as the derived form printed it.
impl fmt::Debug for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Kind").field(&self.as_str()).finish()
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        String::deserialize(d).map(Kind::stored)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind declared in the config: its name and weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindDef {
    pub name: String,
    pub weight: Weight,
}

/// The built-in kinds of PRODUCT.md, touches first.
pub const BUILTIN_KINDS: &[(&str, Weight)] = &[
    ("coffee", Weight::Touch),
    ("call", Weight::Touch),
    ("meeting", Weight::Touch),
    ("message", Weight::Touch),
    ("event", Weight::Touch),
    ("favor", Weight::Deed),
    ("intro", Weight::Deed),
    ("help", Weight::Deed),
    ("gift", Weight::Deed),
    ("referral", Weight::Deed),
    ("collab", Weight::Deed),
    ("promise", Weight::Deed),
];

/// Every kind known to this run: the built-ins plus those from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kinds {
    defs: Vec<(Kind, Weight)>,
}

impl Default for Kinds {
    fn default() -> Self {
        Kinds::with_extra(&[])
    }
}

impl Kinds {
    /// Built-ins plus `extra`; an extra kind with a built-in's name changes its weight.
    pub fn with_extra(extra: &[KindDef]) -> Kinds {
        let mut defs: Vec<(Kind, Weight)> = BUILTIN_KINDS
            .iter()
            .map(|(n, w)| (Kind::new(n), *w))
            .collect();
        for def in extra {
            let kind = Kind::new(&def.name);
            match defs.iter_mut().find(|(k, _)| *k == kind) {
                Some(slot) => slot.1 = def.weight,
                None => defs.push((kind, def.weight)),
            }
        }
        Kinds { defs }
    }

    /// The weight of a kind; a kind nobody declared (say, one removed from the
    /// config) weighs as a touch, so it never inflates the deed counts.
    pub fn weight(&self, kind: &Kind) -> Weight {
        self.get(kind).unwrap_or(Weight::Touch)
    }

    pub fn get(&self, kind: &Kind) -> Option<Weight> {
        self.defs.iter().find(|(k, _)| k == kind).map(|(_, w)| *w)
    }

    pub fn is_known(&self, kind: &Kind) -> bool {
        self.get(kind).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Kind, Weight)> {
        self.defs.iter().map(|(k, w)| (k, *w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_is_two_words_and_a_builtin_one_borrows_its_name() {
        assert_eq!(std::mem::size_of::<Kind>(), 16);
        let coffee = Kind::stored("coffee".into());
        assert!(matches!(coffee.0, Name::Builtin(_)));
        assert!(matches!(Kind::new("Karaoke").0, Name::Other(_)));
        assert_eq!(coffee, Kind::new(" Coffee"));
        assert_eq!(coffee.as_str(), "coffee");
        assert_eq!(format!("{coffee:?}"), r#"Kind("coffee")"#);
        assert_eq!(ron::to_string(&coffee).unwrap(), r#""coffee""#);
        let karaoke: Kind = ron::from_str(r#""karaoke""#).unwrap();
        assert_eq!(karaoke.as_str(), "karaoke");
        assert!(Kind::new("call") < Kind::new("coffee"));
        assert!(Kind::new("karaoke") < Kind::new("meeting"));
    }

    #[test]
    fn builtins_have_their_weights() {
        let kinds = Kinds::default();
        assert_eq!(kinds.weight(&Kind::new("Coffee")), Weight::Touch);
        assert_eq!(kinds.weight(&Kind::new("intro")), Weight::Deed);
        assert_eq!(kinds.weight(&Kind::new("promise")), Weight::Deed);
    }

    #[test]
    fn config_kinds_are_added_and_can_reweigh_builtins() {
        let kinds = Kinds::with_extra(&[
            KindDef {
                name: "Mentoring".into(),
                weight: Weight::Deed,
            },
            KindDef {
                name: "event".into(),
                weight: Weight::Deed,
            },
        ]);
        assert_eq!(kinds.get(&Kind::new("mentoring")), Some(Weight::Deed));
        assert_eq!(kinds.weight(&Kind::new("event")), Weight::Deed);
        assert_eq!(
            kinds.iter().filter(|(k, _)| k.as_str() == "event").count(),
            1
        );
    }

    #[test]
    fn unknown_kinds_weigh_as_touches() {
        assert_eq!(Kinds::default().get(&Kind::new("karaoke")), None);
        assert_eq!(
            Kinds::default().weight(&Kind::new("karaoke")),
            Weight::Touch
        );
    }
}
