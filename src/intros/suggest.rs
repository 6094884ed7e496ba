//! From needs to suggestions: every active person's needs scored against the
//! index, the pairs that must not appear left out, the weak ones cut, and
//! a pair that helps both ways ranked up.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use super::hybrid::{Probe, Semantic, Table};
use super::index::{Candidate, Index, Match, Query, Scratch};
use super::tokens::Tokenizer;
use crate::model::{Book, PersonId, need_key};

mod build;
mod judge_meaning;

use judge_meaning::{
    ALONE_NEAR_BEST, MEANING_ALONE, MEANING_ALONE_IN_CONTEXT, MEANING_ALONE_SURE,
    MEANING_ALONE_WITH_ENCODER, MEANING_DOUBT, TWO_WORDS, Tables,
};

/// A suggestion needs this much in all…
pub const MIN_SCORE: f32 = 2.5;
/// …and either two matched words or one this strong that names what is
/// needed: a rare word in what they offer, or a very rare one elsewhere.
/// Words everyone uses never get here.
pub const MIN_WORD: f32 = 2.0;
/// What the other direction of a pair needs to count as mutual.
const MUTUAL_MIN: f32 = 1.0;
/// How much the other direction of a mutual pair adds.
const MUTUAL_SHARE: f32 = 0.5;

/// At most this many threads score the needs of a book…
const MAX_THREADS: usize = 4;
/// …each with at least this many needs (fewer are not worth a thread).
const MIN_NEEDS_A_THREAD: usize = 512;

/// How many suggestions to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The best candidates kept for each need.
    pub per_need: usize,
    /// At most this many suggestions in all; `None`: no limit.
    pub limit: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            per_need: 3,
            limit: None,
        }
    }
}

/// One suggested deed: `candidate` could help `person` with `need`.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Who needs.
    pub person: PersonId,
    /// Which of their needs (index into `Person::needs`) and its text.
    pub need_index: usize,
    pub need: String,
    pub candidate: Candidate,
    /// Higher is better; comparable within one book.
    pub score: f32,
    /// The need's words that matched, in the need's order, as written; a
    /// synonym reads `speakers ≈ talks`.
    pub because: Vec<String>,
    /// What each word matched and where.
    pub evidence: Vec<Match>,
    /// When the candidate has a need `person` could meet too.
    pub mutual: Option<Mutual>,
}

/// The other direction of a pair that helps both.
#[derive(Debug, Clone, PartialEq)]
pub struct Mutual {
    pub need_index: usize,
    pub need: String,
    pub because: Vec<String>,
    pub score: f32,
}

impl Suggestion {
    /// The candidate's id, or `None` for you.
    pub fn candidate_id(&self) -> Option<PersonId> {
        match self.candidate {
            Candidate::Me => None,
            Candidate::Person(id) => Some(id),
        }
    }

    /// Best first; ties in a fixed order (who needs, which need, who helps).
    fn rank(&self, other: &Suggestion) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(self.person.cmp(&other.person))
            .then(self.need_index.cmp(&other.need_index))
            .then(self.candidate.cmp(&other.candidate))
    }
}

/// A suggestion as judged, before it is put in words.
struct Judged {
    doc: u32,
    score: f32,
    evidence: Vec<Match>,
    mutual: Option<Mutual>,
    /// The phrase whose meaning carried it, when words did not: named by
    /// [`Matcher::said`] once it is kept.
    meaning: Option<u32>,
    /// Carried by meaning alone, with the encoder (not by words).
    alone: bool,
    /// Whether meaning alone would carry it where there is no best helper
    /// to be near (see [`Matcher::could_help`]).
    sure: bool,
}

/// A need of someone in the book, ready to score.
#[derive(Debug, Clone)]
struct Need {
    /// Its place in `Matcher::needs`.
    at: usize,
    /// Its meaning, when it is no need of the book's (what you ask); the
    /// book's are kept by [`Semantic`].
    probe: Option<Probe>,
    person: PersonId,
    index: usize,
    text: String,
    query: Query,
}

/// Everything needed to suggest introductions for one book, owned (no
/// borrow of the book), so a UI can build it on another thread and keep it
/// until the book changes. Building costs about as much as one pass over the
/// people; see `benches/intros.rs`.
pub struct Matcher {
    tok: Tokenizer,
    index: Index,
    doc_of: HashMap<PersonId, u32>,
    me_doc: Option<u32>,
    needs: Vec<Need>,
    /// Each person's range in `needs`.
    needs_of: HashMap<PersonId, (usize, usize)>,
    introduced: HashSet<(PersonId, PersonId)>,
    dismissed: HashSet<(PersonId, String, Option<PersonId>)>,
    /// What offers and needs mean; `None`: words alone.
    semantic: Option<Semantic>,
}

impl Matcher {
    /// Indexes the active people of `book` and `my_offers` (your offers from
    /// the config; empty: you are no candidate), with the word table and the
    /// sentence encoder when they load ([`super::meaning::shared`],
    /// [`super::sentence::shared`]; the front ends say when not).
    pub fn build(book: &Book, my_offers: &[String]) -> Matcher {
        Matcher::build_with(
            book,
            my_offers,
            super::meaning::shared().ok(),
            super::sentence::shared().ok(),
        )
    }

    /// The best suggestions across the book, best first.
    pub fn suggestions(&self, opts: &Options) -> Vec<Suggestion> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_THREADS)
            .min(self.needs.len().div_ceil(MIN_NEEDS_A_THREAD).max(1));
        self.suggestions_on(opts, threads)
    }

    /// [`Matcher::suggestions`] on `threads` threads. Each need is scored on
    /// its own: the needs are shared out, a run of them each, and the
    /// suggestions sorted after (in one total order, so the same whatever
    /// the split).
    pub(crate) fn suggestions_on(&self, opts: &Options, threads: usize) -> Vec<Suggestion> {
        let run = |needs: &[Need]| {
            let (mut scratch, mut tables) = (Scratch::default(), Tables::default());
            let mut out = Vec::new();
            for need in needs {
                out.extend(self.for_need(need, opts.per_need, &mut scratch, &mut tables));
            }
            out
        };
        let out = match threads.max(1) {
            1 => run(&self.needs),
            n => std::thread::scope(|s| {
                let runs: Vec<_> = self
                    .needs
                    .chunks(self.needs.len().div_ceil(n))
                    .map(|needs| s.spawn(move || run(needs)))
                    .collect();
                runs.into_iter()
                    .flat_map(|r| r.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            }),
        };
        finish(out, opts.limit)
    }

    /// Who could help `person` with their needs ("they could help"), best first.
    pub fn for_person(&self, person: PersonId, opts: &Options) -> Vec<Suggestion> {
        let Some((start, end)) = self.needs_of.get(&person) else {
            return Vec::new();
        };
        let (mut scratch, mut tables) = (Scratch::default(), Tables::default());
        let out = self.needs[*start..*end]
            .iter()
            .flat_map(|n| self.for_need(n, opts.per_need, &mut scratch, &mut tables))
            .collect();
        finish(out, opts.limit)
    }

    /// Whose needs `who` could meet ("could help them"; with `Candidate::Me`,
    /// "you could help"), best first. Every need `who` has real evidence for,
    /// not only those where they are among the best few.
    pub fn could_help(&self, who: Candidate, limit: Option<usize>) -> Vec<Suggestion> {
        let doc = match who {
            Candidate::Me => self.me_doc,
            Candidate::Person(id) => self.doc_of.get(&id).copied(),
        };
        let Some(doc) = doc else {
            return Vec::new();
        };
        let out = self
            .needs
            .iter()
            .filter(|n| self.allowed(n, who))
            .filter_map(|n| Some((n, self.judge(n, doc, None)?)))
            // By meaning alone, only what is alike for sure: there is no
            // best helper of each need here to be near.
            .filter(|(_, j)| !j.alone || j.sure)
            .map(|(n, j)| self.said(n, j))
            .collect();
        finish(out, limit)
    }

    /// The best `per_need` candidates for one need.
    fn for_need(
        &self,
        need: &Need,
        per_need: usize,
        scratch: &mut Scratch,
        tables: &mut Tables,
    ) -> Vec<Suggestion> {
        if per_need == 0 {
            return Vec::new();
        }
        scratch.clear();
        self.index.accumulate(&need.query, scratch);
        // Candidates: the best few with words in common (meaning adds at
        // most the weighing's weight, and those it lifts most are among the near
        // ones anyway), and those alike in meaning.
        let best_first = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let mut hits: Vec<(u32, f32)> = scratch.hits().collect();
        let pool = (per_need * 4 + 8) * 4;
        if hits.len() > pool {
            hits.select_nth_unstable_by(pool, best_first);
            hits.truncate(pool);
        }
        let table = self.table(need, tables);
        if let (Some(sem), Some(table)) = (&self.semantic, table) {
            let mut lexical: Vec<u32> = hits.iter().map(|(d, _)| *d).collect();
            lexical.sort_unstable();
            let near = sem
                .candidates(table)
                .iter()
                .filter(|d| lexical.binary_search(d).is_err());
            hits.extend(near.map(|d| (*d, 0.0)));
            for (d, score) in &mut hits {
                *score += self.meaning_bonus(need, *d, Some(table)).0;
            }
        }
        hits.retain(|(_, s)| *s >= MIN_SCORE);
        // Mutual pairs and words in common can lift a candidate past those
        // above it, and some are left out, so judge a few more than are
        // kept, all of them; more only when too few pass.
        let want = per_need * 4 + 8;
        let mut out = Vec::new();
        for round in 0..2 {
            // The best `want` first, the rest after them: round 1 judges
            // them all.
            let top = match round == 0 && hits.len() > want {
                true => {
                    hits.select_nth_unstable_by(want, best_first);
                    &hits[..want]
                }
                false => &hits[..],
            };
            out = top
                .iter()
                .filter(|(doc, _)| self.allowed(need, self.index.who(*doc)))
                .filter_map(|(doc, _)| self.judge(need, *doc, table))
                .collect();
            // By meaning alone, only near the best: a need with a real
            // helper does not also get the noise that reads a little alike.
            let best = out.iter().map(|j| j.score).fold(0.0, f32::max);
            out.retain(|j| !j.alone || j.score >= ALONE_NEAR_BEST * best);
            if out.len() >= per_need || hits.len() <= want {
                break;
            }
        }
        // Best first; ties by who helps, as `Suggestion::rank` orders them.
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(self.index.who(a.doc).cmp(&self.index.who(b.doc)))
        });
        out.truncate(per_need);
        out.into_iter().map(|j| self.said(need, j)).collect()
    }

    /// Whether `who` may be suggested for `need` at all.
    fn allowed(&self, need: &Need, who: Candidate) -> bool {
        let candidate = match who {
            Candidate::Me => None,
            Candidate::Person(id) if id == need.person => return false,
            Candidate::Person(id) => {
                if self.introduced.contains(&pair(id, need.person)) {
                    return false;
                }
                Some(id)
            }
        };
        self.dismissed.is_empty()
            || !self
                .dismissed
                .contains(&(need.person, need_key(&need.text), candidate))
    }

    /// The suggestion of `doc` for `need`, if the evidence is real: words in
    /// common that pass, or a meaning alike enough on its own.
    fn judge(&self, need: &Need, doc: u32, table: Option<&Table>) -> Option<Judged> {
        let (bonus, sim, phrase) = self.meaning_bonus(need, doc, table);
        // One word in common with phrases that mean something else is a
        // decoy's (a homonym, an organisation's name).
        let shared = self.index.explain(&need.query, doc);
        let decoy = shared.len() == 1 && self.doubtful(need, doc, table, MEANING_DOUBT);
        let passes = !decoy && evidence_passes(&shared);
        let ctx = self.semantic.as_ref().and_then(|s| match table {
            Some(t) => s.in_context_in(t, doc),
            None => self.probe(need).and_then(|p| s.in_context_of(p, doc)),
        });
        // Alone, meaning must be close enough: read in context, the whole
        // need and the phrase, unless they share a decoy's word (read in
        // context, the word itself pulls them together: heirloom seeds near
        // a seed investor); or by the word table, and, without the encoder,
        // not only in one word (rare names sit near each other: "sherpa"
        // near "Kafka").
        let encoder = self.semantic.as_ref().is_some_and(|s| s.in_context());
        let alone_bar = match encoder {
            true => MEANING_ALONE_WITH_ENCODER,
            false => MEANING_ALONE,
        };
        let by_table = sim >= alone_bar && (encoder || !self.doubtful_alone(need, doc, table));
        let alone_ok = by_table || ctx.is_some_and(|c| !decoy && c >= MEANING_ALONE_IN_CONTEXT);
        if !passes && !alone_ok {
            return None;
        }
        let by_words = passes;
        let score = match by_words {
            true => shared.iter().map(|m| m.score).sum(),
            false => 0.0,
        };
        let evidence = shared;
        let candidate = self.index.who(doc);
        let mutual = match candidate {
            Candidate::Person(id) => self.mutual(id, need.person),
            Candidate::Me => None,
        };
        let two_words = match by_words && encoder && words_in(&evidence) >= 2 {
            true => TWO_WORDS,
            false => 0.0,
        };
        let total =
            score + bonus + two_words + mutual.as_ref().map_or(0.0, |m| m.score * MUTUAL_SHARE);
        // Sure by meaning alone: by the word table's stricter gate, or alike
        // in context as a helper rarely is by chance.
        let sure = (sim >= MEANING_ALONE && !self.doubtful_alone(need, doc, table))
            || ctx.is_some_and(|c| !decoy && c >= MEANING_ALONE_SURE);
        Some(Judged {
            doc,
            score: total,
            evidence,
            mutual,
            alone: encoder && !by_words,
            sure,
            meaning: phrase.filter(|_| !by_words),
        })
    }

    /// Names the meaning that carried a suggestion, when it did (the words
    /// being too weak): done only for the suggestions kept, since it reads
    /// the need and the phrase word by word.
    fn said(&self, need: &Need, judged: Judged) -> Suggestion {
        let mut s = Suggestion {
            person: need.person,
            need_index: need.index,
            need: need.text.clone(),
            candidate: self.index.who(judged.doc),
            score: judged.score,
            because: because(&judged.evidence),
            evidence: judged.evidence,
            mutual: judged.mutual,
        };
        let (Some(sem), Some(phrase)) = (&self.semantic, judged.meaning) else {
            return s;
        };
        let said = sem.explain(&self.tok, &s.need, phrase);
        let left = said.split(" ≈ ").next().unwrap_or_default();
        if said.is_empty() && s.because.is_empty() {
            // No word stands out: the phrases themselves.
            s.because
                .push(format!("{} ≈ {} (meaning)", s.need, sem.text(phrase)));
        } else if !said.is_empty()
            && !s
                .because
                .iter()
                .any(|w| w.split(" ≈ ").next() == Some(left))
        {
            s.because.push(format!("{said} (meaning)"));
        }
        s
    }

    /// The best need of `helper` that `needer` could meet in return.
    fn mutual(&self, helper: PersonId, needer: PersonId) -> Option<Mutual> {
        let (start, end) = *self.needs_of.get(&helper)?;
        let doc = *self.doc_of.get(&needer)?;
        self.needs[start..end]
            .iter()
            .filter_map(|n| {
                // The pair already stands on its own; the way back only
                // needs a real word in common, not a case of its own.
                let evidence = self.index.explain(&n.query, doc);
                let score: f32 = evidence.iter().map(|m| m.score).sum();
                if score < MUTUAL_MIN {
                    return None;
                }
                Some(Mutual {
                    need_index: n.index,
                    need: n.text.clone(),
                    because: because(&evidence),
                    score,
                })
            })
            .max_by(|a, b| {
                a.score
                    .total_cmp(&b.score)
                    .then(b.need_index.cmp(&a.need_index))
            })
    }

    /// The tokenizer the index was built with (for callers that highlight).
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tok
    }
}

// Built on a worker thread and read from the UI thread.
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Matcher>();
};

fn pair(a: PersonId, b: PersonId) -> (PersonId, PersonId) {
    (a.min(b), a.max(b))
}

/// Whether the matches of a need in a document are evidence: one strong
/// match on what is needed (not on a word that only qualifies it: "seed"
/// alone is no seed investor), or two words, and enough in all.
fn evidence_passes(evidence: &[Match]) -> bool {
    let score: f32 = evidence.iter().map(|m| m.score).sum();
    let strong = evidence.iter().any(|m| m.head && m.score >= MIN_WORD) || evidence.len() >= 2;
    score >= MIN_SCORE && strong
}

/// How many words [`because`] shows, without making them.
fn words_in(evidence: &[Match]) -> usize {
    fn key(m: &Match) -> (&str, Option<&str>) {
        (&m.need_word, m.synonym.then_some(m.their_word.as_str()))
    }
    (0..evidence.len())
        .filter(|i| !evidence[..*i].iter().any(|o| key(o) == key(&evidence[*i])))
        .count()
}

/// The words to show, each once (`open-source` is two terms but one word).
fn because(evidence: &[Match]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in evidence {
        let word = match m.synonym {
            true => format!("{} ≈ {}", m.need_word, m.their_word),
            false => m.need_word.clone(),
        };
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

fn finish(mut out: Vec<Suggestion>, limit: Option<usize>) -> Vec<Suggestion> {
    out.sort_by(Suggestion::rank);
    if let Some(n) = limit {
        out.truncate(n);
    }
    out
}
