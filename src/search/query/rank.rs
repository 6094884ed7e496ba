//! Ranking what matched: a candidate's (tier, level) group, where the top
//! `limit` must end, and the whole order packed into one number.

use chrono::{Datelike, NaiveDate};

use super::level::{LEVELS, Level};
use super::typo_hits::TypoHits;
use super::words::Query;
use super::{SearchIndex, person_of};
use crate::model::Book;
use crate::search::{Hit, LastContact, SearchOptions};

/// A person that matched, before ranking.
pub(super) struct Candidate {
    pub(super) slot: u32,
    /// How the query matches a name as a prefix (see [`SearchIndex::tier`]).
    pub(super) tier: u8,
    /// Where the weakest word matched (see [`Level`]).
    pub(super) level: Level,
    pub(super) score: i64,
    /// The line shown (index into `SearchIndex::lines`).
    pub(super) line: u32,
    /// The whole ranking packed into one number, smaller first.
    pub(super) key: u128,
}

impl Candidate {
    /// The (tier, level) group: every candidate of a smaller group ranks first.
    pub(super) fn group(&self) -> usize {
        usize::from(self.tier) * LEVELS.len() + self.level.0 as usize
    }
}

/// Number of (tier, level) groups: tiers 0..=3 times nine levels.
pub(super) const GROUPS: usize = 4 * LEVELS.len();

/// The first (tier, level) group at which the groups so far hold `limit`
/// candidates: later groups cannot reach the top `limit`.
pub(super) fn cutoff_group(groups: &[usize; GROUPS], limit: usize) -> usize {
    let mut total = 0;
    for (g, n) in groups.iter().enumerate() {
        total += n;
        if total >= limit {
            return g;
        }
    }
    GROUPS - 1
}

/// The ranking as one number, smaller first: tier, level, higher score; the
/// low 64 bits are left for [`tie_key`].
pub(super) fn match_key(c: &Candidate) -> u128 {
    // Order-preserving map of a signed number onto an unsigned one, inverted
    // since a larger score comes first.
    let score = c.score.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
    let score = !((score as u32) ^ 0x8000_0000);
    u128::from(c.tier) << 120 | u128::from(c.level.0) << 112 | u128::from(score) << 64
}

/// The low bits of the ranking: more recent contact first (never contacted
/// last), then name order.
pub(super) fn tie_key(last_contact: Option<NaiveDate>, name_rank: u32) -> u128 {
    let recent = last_contact.map_or(u32::MAX, |d| !((d.num_days_from_ce() as u32) ^ 0x8000_0000));
    u128::from(recent) << 32 | u128::from(name_rank)
}

impl SearchIndex {
    /// The best `opts.limit` of `found`, in order, with their hits. The
    /// (tier, level) groups that cannot reach the top `limit` are dropped,
    /// and only the rest are scored by the fuzzy matcher and ranked.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn ranked(
        &self,
        mut found: Vec<Candidate>,
        query: &Query,
        levels: &[Level],
        typos: &TypoHits,
        book: &Book,
        facts: &dyn LastContact,
        opts: &SearchOptions,
    ) -> Vec<Hit> {
        let limit = opts.limit.min(found.len());
        if limit == 0 {
            return Vec::new();
        }
        let mut groups = [0usize; GROUPS];
        for c in &found {
            groups[c.group()] += 1;
        }
        let cutoff = cutoff_group(&groups, limit);
        found.retain(|c| c.group() <= cutoff);
        for c in &mut found {
            let n = c.slot as usize;
            if let Some((score, line)) = self.score_person(n, query, c.level, levels, typos) {
                (c.score, c.line) = (score, line);
            }
            c.key = match_key(c);
        }
        // Only those that can still make the top `limit` on tier, level and
        // score (ties included) need their last contact looked up.
        if limit < found.len() {
            found.select_nth_unstable_by_key(limit - 1, |c| c.key);
            let edge = found[limit - 1].key;
            found.retain(|c| c.key <= edge);
        }
        let ranks = self.name_ranks(found.iter().map(|c| c.slot));
        let ids: Vec<_> = found
            .iter()
            .map(|c| self.people[c.slot as usize].id)
            .collect();
        let last = facts.last_contacts(&ids);
        for ((c, rank), last) in found.iter_mut().zip(ranks).zip(last) {
            c.key |= tie_key(last, rank);
        }
        if limit < found.len() {
            found.select_nth_unstable_by_key(limit - 1, |c| c.key);
            found.truncate(limit);
        }
        found.sort_unstable_by_key(|c| c.key);
        found
            .iter()
            .filter(|c| person_of(book, &self.people[c.slot as usize]).is_some())
            .map(|c| self.hit(c, query))
            .collect()
    }
}
