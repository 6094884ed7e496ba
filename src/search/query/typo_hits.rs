//! The people each query word hits with one typo, looked up on first use.

use std::cell::OnceCell;

use super::words::Query;
use crate::search::Band;
use crate::search::index::SearchIndex;
use crate::search::typo::Hits;

/// Per query word that may carry a typo, the people it hits with one and in
/// which bands (see [`super::typo::Vocab::hits`]), looked up on first use.
pub(super) struct TypoHits<'a> {
    index: &'a SearchIndex,
    query: &'a Query,
    hits: OnceCell<Vec<Option<Hits>>>,
}

impl<'a> TypoHits<'a> {
    pub(super) fn new(index: &'a SearchIndex, query: &'a Query) -> TypoHits<'a> {
        TypoHits {
            index,
            query,
            hits: OnceCell::new(),
        }
    }

    pub(super) fn hits(&self) -> &[Option<Hits>] {
        self.hits.get_or_init(|| {
            let people = self.index.people.len();
            let words = self.query.words.iter();
            words
                .map(|w| w.typo().map(|t| self.index.vocab().hits(&t, people)))
                .collect()
        })
    }

    /// Whether word `k` of the query hits person `n` with a typo in `band`.
    pub(super) fn hit(&self, k: usize, n: usize, band: Band) -> bool {
        self.hits()[k]
            .as_ref()
            .is_some_and(|hits| hits.bands[n] & 1 << band as u8 != 0)
    }

    /// The people some word hits with a typo in `band`, ascending.
    pub(super) fn people(&self, band: Band) -> Vec<u32> {
        let bit = 1 << band as u8;
        let mut people: Vec<u32> = self
            .hits()
            .iter()
            .flatten()
            .flat_map(|hits| {
                hits.people
                    .iter()
                    .copied()
                    .filter(move |n| hits.bands[*n as usize] & bit != 0)
            })
            .collect();
        people.sort_unstable();
        people.dedup();
        people
    }
}
