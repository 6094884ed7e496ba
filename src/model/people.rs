//! The people an entry names, held inline for one or two — most entries
//! name one person, an intro two — so a book's entries cost no heap block
//! each for them (100,000 entries: 3.2 MB of a load). It reads like a slice
//! (`iter`, `contains`, indexing), compares with a `Vec` or an array, and is
//! written and read as the same `[…]` a `Vec` is.

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::fmt;
use std::ops::{Deref, DerefMut};

use super::PersonId;

/// An entry's people, in the order the entry names them.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct People(SmallVec<[PersonId; 2]>);

impl People {
    pub fn new() -> People {
        People(SmallVec::new())
    }

    /// Room for `n` without growing: inline when `n` is one or two.
    pub fn with_capacity(n: usize) -> People {
        People(SmallVec::with_capacity(n))
    }

    pub fn push(&mut self, id: PersonId) {
        self.0.push(id);
    }

    pub fn insert(&mut self, at: usize, id: PersonId) {
        self.0.insert(at, id);
    }

    pub fn remove(&mut self, at: usize) -> PersonId {
        self.0.remove(at)
    }

    pub fn retain(&mut self, keep: impl FnMut(&mut PersonId) -> bool) {
        self.0.retain(keep);
    }

    pub fn dedup(&mut self) {
        self.0.dedup();
    }

    /// Whether they are held on the heap (more than two people).
    pub fn spilled(&self) -> bool {
        self.0.spilled()
    }
}

impl Deref for People {
    type Target = [PersonId];
    fn deref(&self) -> &[PersonId] {
        &self.0
    }
}

impl DerefMut for People {
    fn deref_mut(&mut self) -> &mut [PersonId] {
        &mut self.0
    }
}

/// As a list, the way a `Vec` prints.
impl fmt::Debug for People {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl FromIterator<PersonId> for People {
    fn from_iter<I: IntoIterator<Item = PersonId>>(ids: I) -> People {
        People(ids.into_iter().collect())
    }
}

impl Extend<PersonId> for People {
    fn extend<I: IntoIterator<Item = PersonId>>(&mut self, ids: I) {
        self.0.extend(ids);
    }
}

/// Inline when it fits, whatever room the `Vec` had.
impl From<Vec<PersonId>> for People {
    fn from(ids: Vec<PersonId>) -> People {
        ids.into_iter().collect()
    }
}

impl<const N: usize> From<[PersonId; N]> for People {
    fn from(ids: [PersonId; N]) -> People {
        ids.into_iter().collect()
    }
}

impl From<&[PersonId]> for People {
    fn from(ids: &[PersonId]) -> People {
        ids.iter().copied().collect()
    }
}

impl From<People> for Vec<PersonId> {
    fn from(people: People) -> Vec<PersonId> {
        people.0.into_vec()
    }
}

impl IntoIterator for People {
    type Item = PersonId;
    type IntoIter = smallvec::IntoIter<[PersonId; 2]>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a People {
    type Item = &'a PersonId;
    type IntoIter = std::slice::Iter<'a, PersonId>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut People {
    type Item = &'a mut PersonId;
    type IntoIter = std::slice::IterMut<'a, PersonId>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

impl PartialEq<[PersonId]> for People {
    fn eq(&self, other: &[PersonId]) -> bool {
        **self == *other
    }
}

impl PartialEq<&[PersonId]> for People {
    fn eq(&self, other: &&[PersonId]) -> bool {
        **self == **other
    }
}

impl<const N: usize> PartialEq<[PersonId; N]> for People {
    fn eq(&self, other: &[PersonId; N]) -> bool {
        **self == *other
    }
}

impl PartialEq<Vec<PersonId>> for People {
    fn eq(&self, other: &Vec<PersonId>) -> bool {
        **self == **other
    }
}

impl PartialEq<People> for Vec<PersonId> {
    fn eq(&self, other: &People) -> bool {
        **self == **other
    }
}

#[cfg(test)]
mod tests;
