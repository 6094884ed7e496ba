//! The base a merge compares the two copies with. For a conflict copy
//! (no real ancestor, see `without_base`) the records both copies hold
//! alike are their own base: they are looked up in the copies instead of
//! cloned into a base book, so a heavy book is not held a third time.

use crate::model::{Book, Entry, EntryId, Person, PersonId};

use super::without_base::both;

/// The base book, and (for a made-up base) the two copies whose records
/// held alike count as the base's too.
#[derive(Clone, Copy)]
pub(super) struct Base<'a> {
    pub book: &'a Book,
    alike: Option<[&'a Book; 2]>,
}

impl<'a> Base<'a> {
    /// `book` alone, or with the records `alike`'s two books hold alike.
    /// Every book's lists are in id order.
    pub fn new(book: &'a Book, alike: Option<[&'a Book; 2]>) -> Base<'a> {
        Base { book, alike }
    }

    /// Person `id` itself (merges not followed).
    pub fn person(&self, id: PersonId) -> Option<&'a Person> {
        if let Some(i) = self.book.person_index(id) {
            return Some(&self.book.people[i]);
        }
        let [a, b] = self.alike?;
        let x = &a.people[a.person_index(id)?];
        let y = &b.people[b.person_index(id)?];
        (x == y).then_some(x)
    }

    pub fn has_entry(&self, id: EntryId) -> bool {
        if self.book.entry_index(id).is_some() {
            return true;
        }
        let Some([a, b]) = self.alike else {
            return false;
        };
        match (a.entry_index(id), b.entry_index(id)) {
            (Some(x), Some(y)) => a.entries[x] == b.entries[y],
            _ => false,
        }
    }

    /// The base's people, in id order.
    pub fn people(&self) -> impl Iterator<Item = &'a Person> + use<'a> {
        let alike = self
            .alike
            .into_iter()
            .flat_map(|[a, b]| both(&a.people, &b.people, |p| p.id).filter(|(x, y)| x == y))
            .map(|(x, _)| x);
        union(self.book.people.iter(), alike, |p: &Person| p.id)
    }

    /// The base's entries, in id order.
    pub fn entries(&self) -> impl Iterator<Item = &'a Entry> + use<'a> {
        let alike = self
            .alike
            .into_iter()
            .flat_map(|[a, b]| both(&a.entries, &b.entries, |e| e.id).filter(|(x, y)| x == y))
            .map(|(x, _)| x);
        union(self.book.entries.iter(), alike, |e: &Entry| e.id)
    }
}

/// Two id-sorted lists as one, in id order; an id in both is taken once,
/// from the first.
fn union<'a, T: 'a, K: Ord>(
    a: impl Iterator<Item = &'a T>,
    b: impl Iterator<Item = &'a T>,
    key: impl Fn(&T) -> K,
) -> impl Iterator<Item = &'a T> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) => match key(x).cmp(&key(y)) {
            std::cmp::Ordering::Less => a.next(),
            std::cmp::Ordering::Greater => b.next(),
            std::cmp::Ordering::Equal => {
                b.next();
                a.next()
            }
        },
        (Some(_), None) => a.next(),
        (None, _) => b.next(),
    })
}
