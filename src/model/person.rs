use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Address, Birthday};

/// A person's stable id, never reused within a book: `p42` in an old book,
/// a drawn code like `pk7f3qa2x` for anyone added since (see [`super::id`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(pub u64);

super::id::record_id!(PersonId, "p", "person");

/// How we met: the context, when, and who introduced us.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HowMet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date_field::optional"
    )]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced_by: Option<PersonId>,
}

impl HowMet {
    pub fn is_empty(&self) -> bool {
        self.context.is_none() && self.date.is_none() && self.introduced_by.is_none()
    }
}

/// Someone in the book. Fields left at their defaults are not written to the
/// file, so a person with only a name is one short line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    /// The vCard `N` as imported (`Family;Given;Additional;Prefix;Suffix`,
    /// escaped as in the card), written back as is. `None` for people made in
    /// kith, whose `N` is built from the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nicknames: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    /// Postal addresses, each with its label (`home`, `work`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "HowMet::is_empty")]
    pub met: HowMet,
    /// What they are working on or could use help with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// What they can help others with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<String>,
    /// Keep-in-touch cadence in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Birthday>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
    /// Left out of the review until this date (inclusive of the day before).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::date_field::optional"
    )]
    pub snoozed_until: Option<NaiveDate>,
    /// Other tools' UIDs for this person (a phone's, a CardDAV server's), so
    /// their cards find this person again. kith's own (`p42@kith`) is stored
    /// only when it is not this book's id for them (a card from another book,
    /// or a book restored from a vdir), so their card keeps its UID.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uids: Vec<String>,
    /// vCard lines kith keeps verbatim for this person (unfolded, as another
    /// tool wrote them): every property kith does not model (a PHOTO, an
    /// IMPP, an app's `X-…`, an `item1.X-ABLabel`), and the lines of those it
    /// does model when written otherwise than kith would (`TEL;TYPE=CELL:…`).
    /// A card export writes them back: the first kind as they are, the second
    /// in place of kith's own line for the same value while kith still holds
    /// that value (see `vcard::keep`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vcard: Vec<String>,
}

/// How a line of a person's notes starts when it holds what a merge of two
/// copies did not keep: `kith merge: title on the other copy: CTO`. The
/// review lists such people until the lines are gone (see [`Person::clashes`]).
pub const CLASH_PREFIX: &str = "kith merge: ";

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

impl Person {
    pub fn new(id: PersonId, name: impl Into<String>) -> Person {
        Person {
            id,
            name: name.into(),
            ..Person::default()
        }
    }

    /// Drops control characters on the way in: one-line fields keep none,
    /// notes keep line breaks and tabs. Every operation that writes a person
    /// calls this, so imports, the CLI, capture and the TUI are all covered.
    pub fn clean(&mut self) {
        use crate::text::{clean_line, clean_text};
        use std::borrow::Cow;
        fn line(s: &mut String) {
            if let Cow::Owned(c) = clean_line(s) {
                *s = c;
            }
        }
        line(&mut self.name);
        for s in self
            .org
            .iter_mut()
            .chain(&mut self.title)
            .chain(&mut self.structured_name)
        {
            line(s);
        }
        for list in [
            &mut self.nicknames,
            &mut self.emails,
            &mut self.phones,
            &mut self.links,
            &mut self.tags,
            &mut self.needs,
            &mut self.offers,
            &mut self.uids,
            &mut self.vcard,
        ] {
            list.iter_mut().for_each(line);
        }
        if let Some(context) = &mut self.met.context {
            line(context);
        }
        for a in &mut self.addresses {
            *a = std::mem::take(a).trimmed();
            for part in [
                &mut a.label,
                &mut a.street,
                &mut a.locality,
                &mut a.region,
                &mut a.postal_code,
                &mut a.country,
            ] {
                line(part);
            }
        }
        self.addresses.retain(|a| !a.is_empty());
        if let Cow::Owned(c) = clean_text(&self.notes) {
            self.notes = c;
        }
    }

    /// What merges left in the notes for the user to settle, without the prefix.
    pub fn clashes(&self) -> impl Iterator<Item = &str> {
        self.notes
            .lines()
            .filter_map(|l| l.strip_prefix(CLASH_PREFIX))
    }

    /// The notes without the lines [`Person::clashes`] reads.
    pub fn notes_without_clashes(&self) -> String {
        let kept: Vec<&str> = self
            .notes
            .lines()
            .filter(|l| !l.starts_with(CLASH_PREFIX))
            .collect();
        kept.join("\n")
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }

    /// The first thing they need, for one-line views.
    pub fn first_need(&self) -> Option<&str> {
        self.needs.first().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_id_parses_with_and_without_prefix() {
        assert_eq!(PersonId::parse("p42"), Some(PersonId(42)));
        assert_eq!(PersonId::parse("42"), Some(PersonId(42)));
        assert_eq!(PersonId::parse("p"), None);
        assert_eq!(PersonId::parse("pete"), None);
        assert_eq!(PersonId(7).to_string(), "p7");
    }
}
