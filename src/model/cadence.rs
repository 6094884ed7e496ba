//! How often to keep in touch with someone: their own cadence, else the
//! shortest of their tags' cadences, else the default. Config says the
//! numbers (`Config::cadences`, in the config layer above); the model only
//! applies them.

use std::collections::BTreeMap;

use super::Person;

/// The keep-in-touch rules for everyone: a default and one per tag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cadences {
    /// Days between contacts for someone with no cadence of their own or of a tag.
    pub default: Option<u32>,
    /// Days per tag; a person with several tagged cadences gets the shortest.
    pub by_tag: BTreeMap<String, u32>,
}

impl Cadences {
    /// The cadence `person` is held to, in days, if any.
    pub fn for_person(&self, person: &Person) -> Option<u32> {
        cadence_of(person, self.default, &self.by_tag)
    }
}

/// The cadence `person` is held to under a default and per-tag cadences
/// (borrowed, so config can ask per person without building [`Cadences`]).
pub fn cadence_of(
    person: &Person,
    default: Option<u32>,
    by_tag: &BTreeMap<String, u32>,
) -> Option<u32> {
    person
        .cadence
        .or_else(|| person.tags.iter().filter_map(|t| of_tag(by_tag, t)).min())
        .or(default)
}

/// A tag's cadence; a capitalised tag falls back to its lowercase entry.
fn of_tag(by_tag: &BTreeMap<String, u32>, tag: &str) -> Option<u32> {
    if by_tag.is_empty() {
        return None;
    }
    match by_tag.get(tag) {
        Some(c) => Some(*c),
        None if tag.chars().any(char::is_uppercase) => by_tag.get(&tag.to_lowercase()).copied(),
        None => None,
    }
}
