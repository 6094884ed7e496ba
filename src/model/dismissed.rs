//! A suggested introduction the user said no to, kept in the book so it is
//! never suggested again (on this machine or another).

use serde::{Deserialize, Serialize};

use super::PersonId;
use crate::text::fold;

/// "Don't suggest `candidate` for `person`'s need `need` again."
///
/// The need is kept as its text, not its position, so reordering someone's
/// needs keeps the dismissal, and rewording a need makes it a new suggestion.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DismissedIntro {
    /// Who has the need.
    pub person: PersonId,
    pub need: String,
    /// Who was suggested; `None` is you (a "you could help").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<PersonId>,
}

impl DismissedIntro {
    /// Whether this dismissal covers that suggestion: the need compared with
    /// case, accents and surrounding space folded.
    pub fn covers(&self, person: PersonId, need: &str, candidate: Option<PersonId>) -> bool {
        self.person == person && self.candidate == candidate && same_need(&self.need, need)
    }
}

/// Two need texts are the same need when they fold to the same words.
pub fn same_need(a: &str, b: &str) -> bool {
    need_key(a) == need_key(b)
}

/// The folded form needs are compared by.
pub fn need_key(need: &str) -> String {
    fold(need).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dismissal_covers_the_same_need_however_it_is_cased() {
        let d = DismissedIntro {
            person: PersonId(1),
            need: "A Seed  investor".into(),
            candidate: Some(PersonId(2)),
        };
        assert!(d.covers(PersonId(1), " a seed investor", Some(PersonId(2))));
        assert!(!d.covers(PersonId(1), "a seed investor", None));
        assert!(!d.covers(PersonId(2), "a seed investor", Some(PersonId(2))));
        assert!(!d.covers(PersonId(1), "a lawyer", Some(PersonId(2))));
    }
}
