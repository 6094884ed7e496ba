//! Running a query against the index: matching, ranking, highlighting.

use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use std::cmp::{Ordering, Reverse};

use super::index::{Line, SearchIndex, Slot, is_subsequence, word_mask};
use super::{Band, Hit, SearchOptions};
use crate::model::{Book, Index, Person};
use crate::text::fold;

/// A query split into folded words.
struct Query {
    words: Vec<Word>,
    /// The folded words joined by single spaces, for exact and prefix matches.
    whole: String,
    /// The union of the words' masks.
    mask: u64,
}

struct Word {
    text: String,
    mask: u64,
}

impl Query {
    fn parse(query: &str) -> Query {
        let words: Vec<Word> = query
            .split_whitespace()
            .map(|w| {
                let text = fold(w);
                let mask = word_mask(&text);
                Word { text, mask }
            })
            .collect();
        let whole = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mask = words.iter().fold(0, |m, w| m | w.mask);
        Query { words, whole, mask }
    }
}

/// Which fields a search looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    /// Name and nicknames only (quick-capture autocomplete).
    Names,
}

/// A person that matched, before ranking.
struct Candidate {
    slot: u32,
    /// How the query matches a name as a prefix (see [`SearchIndex::tier`]).
    tier: u8,
    band: Band,
    score: i64,
    /// The line shown (index into `SearchIndex::lines`).
    line: u32,
    last_contact: Option<NaiveDate>,
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

    /// People whose name or a nickname matches `query`, best first: for
    /// autocompleting `@name` in quick capture. Archived people are left out.
    pub fn names(&self, query: &str, book: &Book, facts: &Index, limit: usize) -> Vec<Hit> {
        let opts = SearchOptions {
            include_archived: false,
            limit,
        };
        self.run(query, book, facts, &opts, Scope::Names)
    }

    fn run(
        &self,
        query: &str,
        book: &Book,
        facts: &Index,
        opts: &SearchOptions,
        scope: Scope,
    ) -> Vec<Hit> {
        let query = Query::parse(query);
        let mut found = Vec::new();
        for (n, slot) in self.people.iter().enumerate() {
            if slot.mask & query.mask != query.mask {
                continue;
            }
            let Some(person) = person_of(book, slot) else {
                continue;
            };
            if person.archived && !opts.include_archived {
                continue;
            }
            let Some((band, score, line)) = self.match_person(slot, &query, scope) else {
                continue;
            };
            found.push(Candidate {
                slot: n as u32,
                tier: self.tier(slot, &query.whole),
                band,
                score,
                line,
                last_contact: facts.facts(slot.id).last_contact,
            });
        }
        let limit = opts.limit.min(found.len());
        if limit == 0 {
            return Vec::new();
        }
        let order = |a: &Candidate, b: &Candidate| self.rank(a, b);
        if limit < found.len() {
            found.select_nth_unstable_by(limit - 1, order);
            found.truncate(limit);
        }
        found.sort_unstable_by(order);
        found.iter().map(|c| self.hit(c, &query)).collect()
    }

    /// The best band, the total score, and the line to show, or `None` when
    /// some word matches no field.
    fn match_person(&self, slot: &Slot, query: &Query, scope: Scope) -> Option<(Band, i64, u32)> {
        if query.words.is_empty() {
            return Some((Band::Name, 0, slot.lines.0));
        }
        let lines = self.lines_of(slot);
        let mut total = 0;
        let mut shown: Option<(Band, i64, usize)> = None;
        for word in &query.words {
            let (band, score, i) = self.best_line(lines, word, scope)?;
            total += score;
            if shown.is_none_or(|(b, s, _)| (band, Reverse(score)) < (b, Reverse(s))) {
                shown = Some((band, score, i));
            }
        }
        shown.map(|(band, _, i)| (band, total, slot.lines.0 + i as u32))
    }

    /// The line where `word` matches in the best band with the best score.
    /// Lines come in band order, so the scan stops at the first band past a
    /// match; the cheap mask and subsequence checks spare the matcher most lines.
    fn best_line(&self, lines: &[Line], word: &Word, scope: Scope) -> Option<(Band, i64, usize)> {
        let mut best: Option<(Band, i64, usize)> = None;
        for (i, line) in lines.iter().enumerate() {
            let band = line.field.band();
            if scope == Scope::Names && band != Band::Name {
                break;
            }
            if best.is_some_and(|(b, _, _)| band > b) {
                break;
            }
            if line.mask & word.mask != word.mask {
                continue;
            }
            let text = self.folded(line);
            if !is_subsequence(text, &word.text) {
                continue;
            }
            let Some(score) = self.matcher.fuzzy_match(text, &word.text) else {
                continue;
            };
            if best.is_none_or(|(_, s, _)| score > s) {
                best = Some((band, score, i));
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
        let names = self
            .lines_of(slot)
            .iter()
            .take_while(|l| l.field.band() == Band::Name)
            .map(|l| self.folded(l));
        let mut tier = 3;
        for name in names {
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

    fn rank(&self, a: &Candidate, b: &Candidate) -> Ordering {
        a.tier
            .cmp(&b.tier)
            .then(a.band.cmp(&b.band))
            .then(b.score.cmp(&a.score))
            .then(b.last_contact.cmp(&a.last_contact))
            .then_with(|| self.name_key(a).cmp(self.name_key(b)))
            .then(a.slot.cmp(&b.slot))
    }

    fn name_key(&self, c: &Candidate) -> &str {
        let slot = &self.people[c.slot as usize];
        self.folded(&self.lines[slot.lines.0 as usize])
    }

    fn hit(&self, c: &Candidate, query: &Query) -> Hit {
        let slot = &self.people[c.slot as usize];
        let line = &self.lines[c.line as usize];
        Hit {
            person: slot.id,
            score: c.score,
            field: line.field,
            band: c.band,
            text: self.original(line).to_string(),
            positions: self.line_positions(line, query),
        }
    }

    /// The original-text positions of every query word that matches `line`.
    fn line_positions(&self, line: &Line, query: &Query) -> Vec<usize> {
        let text = self.folded(line);
        let mut positions = Vec::new();
        for word in &query.words {
            if line.mask & word.mask != word.mask || !is_subsequence(text, &word.text) {
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
    match book.people.get(slot.pos) {
        Some(p) if p.id == slot.id => Some(p),
        _ => book.person(slot.id).filter(|p| p.id == slot.id),
    }
}
