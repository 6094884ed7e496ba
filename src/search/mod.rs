//! Fuzzy search over people: one engine for the `/` finder, the `@` autocomplete
//! of quick capture, and `kith find`.
//!
//! [`SearchIndex::build`] folds every searchable field once per load (case and
//! accents, via [`crate::text::fold_char_into`]) and keeps a map from each folded
//! char back to the original char, so match positions highlight the text the user
//! wrote (`jose` lights up the `é` of `José`). A query is split into words; every
//! word must match some field of a person, in any order. fuzzy-matcher's
//! `SkimMatcherV2` scores each word against the folded fields.
//!
//! Ranking: an exact or prefix name match first; then by [`Band`] (name and
//! nicknames, then org/title/tags, then the rest), where a person's band is the
//! weakest of the bands their query words best matched in (`ana acme` puts Ana
//! at Acme, matched by name and org, before an Ana whose notes merely hold an
//! a, c, m and e); within a band by score, then by most recent contact, then
//! by name.

mod highlight;
mod index;
mod once;
mod query;
mod scan;
mod typo;

pub use highlight::highlight_positions;
pub use index::SearchIndex;
pub use once::{names_may_match, search_fields_once, search_names_once, search_once};

use chrono::NaiveDate;

use crate::model::{Index, PersonId};

/// A searchable part of a person (their name, org, tags, …): where a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Name,
    Nickname,
    Org,
    Title,
    Tag,
    Email,
    Link,
    /// A postal address (its label too).
    Address,
    /// The how-we-met context.
    Met,
    Need,
    Offer,
    Note,
}

impl Part {
    /// The ranking band a match in this field falls in.
    pub fn band(self) -> Band {
        match self {
            Part::Name | Part::Nickname => Band::Name,
            Part::Org | Part::Title | Part::Tag => Band::Work,
            Part::Email
            | Part::Link
            | Part::Address
            | Part::Met
            | Part::Need
            | Part::Offer
            | Part::Note => Band::Other,
        }
    }

    /// The field's name as shown in results and written in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Name => "name",
            Part::Nickname => "nickname",
            Part::Org => "org",
            Part::Title => "title",
            Part::Tag => "tag",
            Part::Email => "email",
            Part::Link => "link",
            Part::Address => "address",
            Part::Met => "met",
            Part::Need => "need",
            Part::Offer => "offer",
            Part::Note => "note",
        }
    }
}

/// Ranking bands, best first: a name match outranks any org match, which
/// outranks any match in needs, offers, notes and the like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    /// Name or nickname.
    Name,
    /// Organisation, title or tag.
    Work,
    /// Needs, offers, notes, emails, links, how-met context.
    Other,
}

/// How to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Also search archived people.
    pub include_archived: bool,
    /// At most this many hits (the best ones).
    pub limit: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            include_archived: false,
            limit: 50,
        }
    }
}

/// One person found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub person: PersonId,
    /// The fuzzy score (the sum over the query's words); higher is better.
    pub score: i64,
    /// The field shown for this hit: where the query matched. With several
    /// words, the field of the word that matched in the weakest band (the name
    /// is shown beside every hit anyway).
    pub field: Part,
    /// The band the person ranks in: the weakest of the bands the query's
    /// words best matched in.
    pub band: Band,
    /// The original text of the matched field (one line of it).
    pub text: String,
    /// Char indices into `text` of the matched characters, ascending.
    pub positions: Vec<usize>,
}

/// When the user was last in touch with each person, which ranks ties: from
/// the facts of the whole book ([`Index`]), or worked out for only the
/// people a search asks about ([`once::FactsOf`]).
pub(crate) trait LastContact {
    /// The last contact with each of `people`, in their order.
    fn last_contacts(&self, people: &[PersonId]) -> Vec<Option<NaiveDate>>;
}

impl LastContact for Index {
    fn last_contacts(&self, people: &[PersonId]) -> Vec<Option<NaiveDate>> {
        people
            .iter()
            .map(|id| self.facts(*id).last_contact)
            .collect()
    }
}
