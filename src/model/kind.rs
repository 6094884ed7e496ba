use serde::{Deserialize, Serialize};
use std::borrow::Cow;
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
/// every entry: most of a book's entries are a coffee or a favor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Kind(Cow<'static, str>);

impl Kind {
    pub fn new(name: &str) -> Kind {
        Kind::stored(name.trim().to_lowercase())
    }

    /// A kind exactly as a file holds it (no case folding).
    pub fn stored(name: String) -> Kind {
        match BUILTIN_KINDS.iter().find(|(builtin, _)| *builtin == name) {
            Some((builtin, _)) => Kind(Cow::Borrowed(builtin)),
            None => Kind(Cow::Owned(name)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_promise(&self) -> bool {
        self.0 == "promise"
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
        String::deserialize(d).map(Kind::stored)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
