//! Running a query against the index: matching and ranking. The query's
//! words (`words`), the levels a word can match at (`level`), the people a
//! typo hits (`typo_hits`) and the order of what matched (`rank`) each have
//! their own file; this one walks the index.

mod level;
mod rank;
mod typo_hits;
mod words;

#[cfg(test)]
mod tests;

use fuzzy_matcher::FuzzyMatcher;

use super::index::{Line, SearchIndex, Slot};
use super::scan::{LINE_END, is_clean, is_subsequence};
use super::typo::Typo;
use super::{Band, Hit, SearchOptions};
use crate::model::{Book, Index, Person};
use crate::search::LastContact;
use level::{ALL_BANDS, How, LEVELS, Level, MATCHED, NAME_LEVELS, Scan, TYPO_SCORE_PER_CHAR};
use rank::Candidate;
use typo_hits::TypoHits;
use words::{Query, Word};

/// Which fields a search looks at.
#[derive(Clone, Copy)]
enum Scope {
    All,
    /// Name and nicknames only (quick-capture autocomplete).
    Names,
}

impl SearchIndex {
    /// People matching `query`, best first, at most `opts.limit` of them, each
    /// with the matched characters of its shown field. Every word of the query
    /// must match some field. An empty query lists the people contacted most
    /// recently first.
    pub fn search(
        &self,
        query: &str,
        book: &Book,
        facts: &Index,
        opts: &SearchOptions,
    ) -> Vec<Hit> {
        self.run(query, book, facts, opts, Scope::All)
    }

    /// [`SearchIndex::search`], with the last contacts that rank ties from
    /// `facts`, which may work them out for only the people asked for.
    pub(in crate::search) fn search_with(
        &self,
        query: &str,
        book: &Book,
        facts: &dyn LastContact,
        opts: &SearchOptions,
    ) -> Vec<Hit> {
        self.run(query, book, facts, opts, Scope::All)
    }

    /// People whose name or a nickname matches `query`, best first: for
    /// autocompleting `@name` in quick capture. Archived people are left out.
    pub fn names(&self, query: &str, book: &Book, facts: &Index, limit: usize) -> Vec<Hit> {
        let opts = SearchOptions {
            include_archived: false,
            limit,
        };
        self.run(query, book, facts, &opts, Scope::Names)
    }

    /// First finds who matches and in which band with cheap checks only (char
    /// masks, subsequence scans), calling no matcher (see
    /// [`SearchIndex::candidates`]); then ranks them ([`SearchIndex::ranked`]).
    fn run(
        &self,
        query: &str,
        book: &Book,
        facts: &dyn LastContact,
        opts: &SearchOptions,
        scope: Scope,
    ) -> Vec<Hit> {
        let query = Query::parse(query);
        let levels: &[Level] = match scope {
            Scope::All => &LEVELS,
            Scope::Names => &NAME_LEVELS,
        };
        // Who each word hits with a typo: looked up in the vocabulary once,
        // when the first typo pass needs it.
        let typos = TypoHits::new(self, &query);
        let found = self.candidates(&query, levels, opts, &typos);
        self.ranked(found, &query, levels, &typos, book, facts, opts)
    }

    /// The union of the char masks of `query`'s folded words: every char a
    /// clean match of the whole query holds.
    pub(in crate::search) fn query_mask(query: &str) -> u64 {
        Query::parse(query).mask
    }

    /// [`SearchIndex::search`] when the clean matches in names alone (its
    /// first pass) fill `opts.limit`: the later passes could only find people
    /// who rank below them, so these are the whole search's hits, and they
    /// read nothing but names (an index of names is enough,
    /// [`SearchIndex::of_names`]). `None` when they do not fill the limit.
    pub(in crate::search) fn search_clean_names(
        &self,
        query: &str,
        book: &Book,
        facts: &dyn LastContact,
        opts: &SearchOptions,
    ) -> Option<Vec<Hit>> {
        let query = Query::parse(query);
        let levels = &LEVELS[..1];
        let typos = TypoHits::new(self, &query);
        let found = self.candidates(&query, levels, opts, &typos);
        (found.len() >= opts.limit)
            .then(|| self.ranked(found, &query, levels, &typos, book, facts, opts))
    }

    /// Who matches, each at the first of `levels` at which every word does.
    /// Pass by pass, widens the levels a person may match at; stops once the
    /// people found so far fill the limit, since later passes only find
    /// people who rank below them (tiers 0 to 2 are name matches, found in
    /// the first pass).
    fn candidates(
        &self,
        query: &Query,
        levels: &[Level],
        opts: &SearchOptions,
        typos: &TypoHits,
    ) -> Vec<Candidate> {
        let mut found = Vec::new();
        let mut taken = vec![false; self.people.len()];
        // Per person and word: how many of `levels` have been scanned without
        // a match, or MATCHED; so each (person, word, level) is scanned once
        // (see `Scan`).
        let words = query.words.len();
        let mut scanned = vec![Scan::default(); self.people.len() * words];
        // Who a clean or loose pass still has to look at: everyone at first,
        // then, after each pass, those not found yet who still can be.
        let mut alive: Vec<u32> = (0..self.people.len() as u32).collect();
        for (i, &level) in levels.iter().enumerate() {
            // A person first found at a typo level has a word that hits them
            // there with a typo: only those are looked at (see `TypoHits`).
            let typo_people;
            let people: &[u32] = if level.how() == How::Typo {
                typo_people = typos.people(level.band());
                &typo_people
            } else {
                &alive
            };
            let (widest, missing) = (level.widest_band(), query.missing_allowed(level));
            for &n in people {
                let (n, slot) = (n as usize, &self.people[n as usize]);
                if taken[n]
                    || slot.archived && !opts.include_archived
                    || (query.mask & !slot.mask_within(widest)).count_ones() > missing
                    || !self.all_match_within(
                        n,
                        query,
                        &levels[..=i],
                        &mut scanned[n * words..][..words],
                        typos,
                    )
                {
                    continue;
                }
                taken[n] = true;
                found.push(Candidate {
                    slot: n as u32,
                    tier: self.tier(slot, &query.whole),
                    level,
                    score: 0,
                    line: slot.bounds[0],
                    key: 0,
                });
            }
            if found.len() >= opts.limit {
                break;
            }
            if level.how() != How::Typo {
                // Out for good: the found, the archived (unless asked for),
                // and those with a word that is no subsequence of any of
                // their lines (a clean match is one too, and the typo passes
                // have their own list).
                alive.retain(|&n| {
                    let n = n as usize;
                    let slot = &self.people[n];
                    let out = taken[n]
                        || slot.archived && !opts.include_archived
                        || query.mask & !slot.mask_within(Band::Other) != 0
                        || scanned[n * words..][..words]
                            .iter()
                            .any(|s| s.done != MATCHED && s.no_loose == ALL_BANDS);
                    !out
                });
            }
        }
        found
    }

    /// Whether every word matches the person at one of `levels`; `scanned`
    /// remembers, per word, what earlier passes found out.
    fn all_match_within(
        &self,
        n: usize,
        query: &Query,
        levels: &[Level],
        scanned: &mut [Scan],
        typos: &TypoHits,
    ) -> bool {
        let slot = &self.people[n];
        for (k, (word, scan)) in query.words.iter().zip(scanned).enumerate() {
            if scan.done == MATCHED {
                continue;
            }
            let from = usize::from(scan.done);
            let mut no_loose = scan.no_loose;
            if levels[from..].iter().any(|l| match l.how() {
                How::Typo => typos.hit(k, n, l.band()),
                How::Clean | How::Loose => self.matches_at(slot, word, *l, &mut no_loose),
            }) {
                scan.done = MATCHED;
            } else {
                scan.done = levels.len() as u8;
                scan.no_loose = no_loose;
                return false;
            }
        }
        true
    }

    /// Whether `word` matches one of the person's lines in the level's band
    /// (a clean or a loose level), cleanly if the level asks for it. Bands,
    /// then lines, whose char mask lacks the word's chars are skipped
    /// without reading their text. A clean scan that finds the word is no
    /// subsequence of any line in the band sets the band's bit in
    /// `no_loose`, and a loose scan of a band with its bit set is skipped:
    /// so each line is read once for both.
    fn matches_at(&self, slot: &Slot, word: &Word, level: Level, no_loose: &mut u8) -> bool {
        let band = level.band();
        let bit = 1 << band as u8;
        if *no_loose & bit != 0 {
            return false;
        }
        if slot.masks[band as usize] & word.mask != word.mask {
            *no_loose |= bit;
            return false;
        }
        let lines = self.lines[self.band_lines(slot, band)]
            .iter()
            .filter(|line| line.mask & word.mask == word.mask)
            .map(|line| self.folded(line));
        if level.how() == How::Loose {
            return lines
                .into_iter()
                .any(|text| is_subsequence(text, &word.text));
        }
        let mut loose = false;
        for text in lines {
            if is_subsequence(text, &word.text) {
                if is_clean(text, &word.text) {
                    return true;
                }
                loose = true;
            }
        }
        if !loose {
            *no_loose |= bit;
        }
        false
    }

    /// The first of a person's lines in `band` holding a word one edit from
    /// the typo's (or, in names, starting with one).
    fn typo_line(&self, slot: &Slot, band: Band, typo: &Typo) -> Option<u32> {
        let range = self.band_lines(slot, band);
        let first = range.start as u32;
        self.lines[range]
            .iter()
            .position(|line| {
                typo.find_in(self.folded(line), band == Band::Name)
                    .is_some()
            })
            .map(|i| first + i as u32)
    }

    /// The total score over the words, each at its best level, and the line to
    /// show: where a word whose best level is the person's `level` scored best
    /// (the name is shown anyway; this shows the weakest evidence).
    fn score_person(
        &self,
        n: usize,
        query: &Query,
        level: Level,
        allowed: &[Level],
        typos: &TypoHits,
    ) -> Option<(i64, u32)> {
        let mut total = 0;
        let mut shown: Option<(i64, u32)> = None;
        let slot = &self.people[n];
        for (k, word) in query.words.iter().enumerate() {
            let (word_level, score, line) = allowed
                .iter()
                .filter(|l| l.how() != How::Typo || typos.hit(k, n, l.band()))
                .find_map(|l| self.best_line(slot, *l, word).map(|(s, i)| (*l, s, i)))?;
            total += score;
            if word_level == level && shown.is_none_or(|(s, _)| score > s) {
                shown = Some((score, line));
            }
        }
        shown.map(|(_, line)| (total, line))
    }

    /// The best score of `word` over a person's lines in the level's band
    /// (only lines it matches cleanly, for a clean level), and the line
    /// (index into `lines`) where it scored it.
    fn best_line(&self, slot: &Slot, level: Level, word: &Word) -> Option<(i64, u32)> {
        let band = level.band();
        if level.how() == How::Typo {
            let line = self.typo_line(slot, band, &word.typo()?)?;
            return Some((TYPO_SCORE_PER_CHAR * word.chars as i64, line));
        }
        if slot.masks[band as usize] & word.mask != word.mask {
            return None;
        }
        let first = self.first_line(slot, band);
        let mut best: Option<(i64, u32)> = None;
        let lines = self.band_text(slot, band).split_terminator(LINE_END);
        for (i, text) in lines.enumerate() {
            if self.lines[first as usize + i].mask & word.mask != word.mask {
                continue;
            }
            let possible = if level.how() == How::Clean {
                is_clean(text, &word.text)
            } else {
                is_subsequence(text, &word.text)
            };
            if !possible {
                continue;
            }
            let Some(score) = self.matcher.fuzzy_match(text, &word.text) else {
                continue;
            };
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, first + i as u32));
            }
        }
        best
    }

    /// 0 when the query is a whole name or nickname, 1 when it is the start
    /// of one up to a word boundary (`ann` for Ann Lee), 2 when it starts one
    /// mid-word (`ann` for Annabel), 3 otherwise.
    fn tier(&self, slot: &Slot, whole: &str) -> u8 {
        if whole.is_empty() {
            return 3;
        }
        let mut tier = 3;
        for name in self.band_text(slot, Band::Name).split_terminator(LINE_END) {
            let Some(rest) = name.strip_prefix(whole) else {
                continue;
            };
            match rest.chars().next() {
                None => return 0,
                Some(c) if !c.is_alphanumeric() => tier = tier.min(1),
                Some(_) => tier = tier.min(2),
            }
        }
        tier
    }

    fn hit(&self, c: &Candidate, query: &Query) -> Hit {
        let slot = &self.people[c.slot as usize];
        let line = &self.lines[c.line as usize];
        Hit {
            person: slot.id,
            score: c.score,
            field: line.field,
            band: c.level.band(),
            text: self.original(line).to_string(),
            positions: self.line_positions(line, query),
        }
    }

    /// The original-text positions of every query word that matches `line`
    /// (for a word matched with a typo, the whole word it was taken for).
    fn line_positions(&self, line: &Line, query: &Query) -> Vec<usize> {
        let text = self.folded(line);
        let mut positions = Vec::new();
        for word in &query.words {
            if !is_subsequence(text, &word.text) {
                let starts = line.field.band() == Band::Name;
                if let Some((from, to)) = word.typo().and_then(|t| t.find_in(text, starts)) {
                    let folded: Vec<usize> = (from..to).collect();
                    self.map_positions(line, &folded, &mut positions);
                }
                continue;
            }
            if let Some((_, folded)) = self.matcher.fuzzy_indices(text, &word.text) {
                self.map_positions(line, &folded, &mut positions);
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// The person a slot was built from, if they are still in the book (the index
/// may briefly trail the book between a change and its rebuild).
fn person_of<'a>(book: &'a Book, slot: &Slot) -> Option<&'a Person> {
    match book.people.get(slot.pos as usize) {
        Some(p) if p.id == slot.id => Some(p),
        _ => book.person(slot.id).filter(|p| p.id == slot.id),
    }
}
