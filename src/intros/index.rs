//! The text index over candidates: one document per person who could help
//! (and one for you), scored against a need with BM25F — term frequencies
//! weighted by field (what they offer counts most) and normalised by field
//! length, then saturated, times the term's rarity (idf).

use std::collections::HashMap;

use super::concepts::{GROUPS, SYNONYM_FACTOR};

use super::tokens::{StemCache, Tokenizer};

/// A word that only qualifies the next one counts this much.
const MODIFIER_FACTOR: f32 = 0.6;
/// A match between two forms of one word the stemmer keeps apart
/// (`babysitter`/`babysitting`, `maths`/`mathematics`) counts this much.
const FORM_FACTOR: f32 = 0.7;
/// The shortest stem another form may extend, and by how much at most.
pub(super) const FORM_MIN: usize = 5;
const FORM_MAX_EXTRA: usize = 5;
use crate::model::PersonId;

/// Where in a candidate a word was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchedIn {
    Offer,
    /// A need they share with the needer (both need a co-founder).
    SharedNeed,
    Title,
    Tag,
    Org,
    Note,
}

impl MatchedIn {
    const ALL: [MatchedIn; 6] = [
        MatchedIn::Offer,
        MatchedIn::SharedNeed,
        MatchedIn::Title,
        MatchedIn::Tag,
        MatchedIn::Org,
        MatchedIn::Note,
    ];

    /// How much one occurrence counts.
    fn weight(self) -> f32 {
        match self {
            MatchedIn::Offer => 3.0,
            MatchedIn::SharedNeed => 2.0,
            MatchedIn::Title => 1.6,
            MatchedIn::Tag => 1.2,
            MatchedIn::Org => 0.6,
            MatchedIn::Note => 0.6,
        }
    }

    /// BM25's length normalisation: long free text is damped, short labels
    /// hardly.
    fn b(self) -> f32 {
        match self {
            MatchedIn::Offer | MatchedIn::Note => 0.75,
            _ => 0.3,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MatchedIn::Offer => "offer",
            MatchedIn::SharedNeed => "need",
            MatchedIn::Title => "title",
            MatchedIn::Tag => "tag",
            MatchedIn::Org => "org",
            MatchedIn::Note => "notes",
        }
    }
}

const K1: f32 = 1.2;
/// The most documents one need walks for one word (see [`Index::build`]).
pub const WALK: usize = 400;
/// The fewest documents idf assumes (see [`Index::build`]).
const MIN_DOCS: usize = 50;

/// Who a document stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Candidate {
    /// You: the offers in your config. The deed is yours, not an intro.
    Me,
    Person(PersonId),
}

/// One candidate's text, as input to [`Index::build`].
pub struct Source<'a> {
    pub who: Candidate,
    pub fields: Vec<(MatchedIn, &'a str)>,
}

/// A term in one document: its weighted, normalised frequency and the word
/// as the candidate wrote it (in its best field).
#[derive(Debug, Clone)]
struct DocTerm {
    term: u32,
    tf: f32,
    field: MatchedIn,
    surface: Box<str>,
}

#[derive(Debug, Clone)]
struct Doc {
    who: Candidate,
    /// Sorted by term.
    terms: Vec<DocTerm>,
}

/// A need, ready to score: each of its words with the terms it matches
/// (itself, and its synonyms at a discount).
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub words: Vec<QueryWord>,
}

#[derive(Debug, Clone)]
pub struct QueryWord {
    pub surface: String,
    /// The last word of its phrase ("investor" in "seed investor"), which
    /// says what is needed; the words before it only qualify it.
    pub head: bool,
    /// `(term, factor, through a synonym)`: the word's own term first, when
    /// the index has it.
    variants: Vec<(u32, f32, bool)>,
}

/// One matched word of a need.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// As the need says it.
    pub need_word: String,
    /// As the candidate says it (differs for a synonym: "speakers" ≈ "talks").
    pub their_word: String,
    pub field: MatchedIn,
    pub score: f32,
    /// Matched through another word of a synonym group, or another form of
    /// the word: shown as `need ≈ theirs`.
    pub synonym: bool,
    /// The need's word is the head of its phrase (see [`QueryWord::head`]).
    pub head: bool,
}

#[derive(Debug, Clone)]
pub struct Index {
    terms: HashMap<String, u32>,
    /// The terms in order, for finding other forms of a word by prefix.
    sorted: Vec<(Box<str>, u32)>,
    postings: Vec<Vec<(u32, f32)>>,
    idf: Vec<f32>,
    docs: Vec<Doc>,
    /// Term → the other terms of its synonym groups.
    synonyms: HashMap<String, Vec<u32>>,
}

impl Index {
    pub fn build(tok: &Tokenizer, cache: &mut StemCache, sources: &[Source<'_>]) -> Index {
        let mut terms: HashMap<String, u32> = HashMap::new();
        let intern = |stem: &str, terms: &mut HashMap<String, u32>| -> u32 {
            if let Some(id) = terms.get(stem) {
                return *id;
            }
            let id = terms.len() as u32;
            terms.insert(stem.to_string(), id);
            id
        };
        // Pass one: every token of every field, and the fields' lengths.
        let mut raw: Vec<Vec<(u32, MatchedIn, &str)>> = Vec::with_capacity(sources.len());
        let mut lengths: Vec<[u32; 6]> = Vec::with_capacity(sources.len());
        for s in sources {
            let mut toks = Vec::new();
            let mut len = [0u32; 6];
            for (field, text) in &s.fields {
                tok.each_cached(text, cache, |stem, surface| {
                    let id = intern(stem, &mut terms);
                    toks.push((id, *field, surface));
                    len[*field as usize] += 1;
                });
            }
            raw.push(toks);
            lengths.push(len);
        }
        let mut avg = [0f32; 6];
        for f in MatchedIn::ALL {
            let with: Vec<u32> = lengths
                .iter()
                .map(|l| l[f as usize])
                .filter(|n| *n > 0)
                .collect();
            avg[f as usize] = if with.is_empty() {
                1.0
            } else {
                with.iter().sum::<u32>() as f32 / with.len() as f32
            };
        }
        // Pass two: weighted, normalised frequencies per document and term.
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms.len()];
        let mut docs = Vec::with_capacity(sources.len());
        for (d, (mut toks, len)) in raw.into_iter().zip(lengths).enumerate() {
            toks.sort_by_key(|(t, f, _)| (*t, *f));
            let mut doc_terms: Vec<DocTerm> = Vec::new();
            for (term, field, surface) in toks {
                let norm =
                    1.0 - field.b() + field.b() * len[field as usize] as f32 / avg[field as usize];
                let add = field.weight() / norm;
                match doc_terms.last_mut() {
                    Some(last) if last.term == term => last.tf += add,
                    _ => doc_terms.push(DocTerm {
                        term,
                        tf: add,
                        field,
                        surface: surface.into(),
                    }),
                }
            }
            for t in &doc_terms {
                postings[t.term as usize].push((d as u32, t.tf));
            }
            docs.push(Doc {
                who: sources[d].who,
                terms: doc_terms,
            });
        }
        // A small book counts as one of `MIN_DOCS`: a word one of five
        // people uses says as much as one of fifty.
        let n = docs.len().max(MIN_DOCS) as f32;
        let idf = postings
            .iter()
            .map(|p| {
                let df = p.len() as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        // A need walks at most `WALK` documents for a word, those where it
        // weighs most: a word many use says little, and walking all of them
        // for every need grows with the square of the book.
        for p in &mut postings {
            if p.len() > WALK {
                p.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                p.truncate(WALK);
            }
        }
        let stem_of = |w: &str| tok.tokens(w).into_iter().next().map(|t| t.stem);
        // Keyed by stem, not term: a need's word nobody uses still
        // reaches the words of its group that someone does.
        let mut synonyms: HashMap<String, Vec<u32>> = HashMap::new();
        for group in GROUPS {
            let stems: Vec<String> = group.iter().filter_map(|w| stem_of(w)).collect();
            for a in &stems {
                let list = synonyms.entry(a.clone()).or_default();
                for b in stems.iter().filter(|b| *b != a) {
                    if let Some(id) = terms.get(b).copied()
                        && !list.contains(&id)
                    {
                        list.push(id);
                    }
                }
            }
        }
        let mut sorted: Vec<(Box<str>, u32)> = terms
            .iter()
            .map(|(t, id)| (t.as_str().into(), *id))
            .collect();
        sorted.sort_unstable();
        Index {
            terms,
            sorted,
            postings,
            idf,
            docs,
            synonyms,
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn who(&self, doc: u32) -> Candidate {
        self.docs[doc as usize].who
    }

    /// A need's text as a query. Words the index has never seen cannot match
    /// and are left out; each word appears once.
    pub fn query(&self, tok: &Tokenizer, cache: &mut StemCache, text: &str) -> Query {
        let mut words: Vec<QueryWord> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut prev_end: Option<usize> = None;
        let base = text.as_ptr() as usize;
        let mut stems: Vec<(String, &str, bool)> = Vec::new();
        tok.each_cached(text, cache, |stem, surface| {
            let start = surface.as_ptr() as usize - base;
            // A word right after another, with nothing but a hyphen or space
            // between, makes the one before it a modifier ("seed investor").
            if let (Some(end), Some(last)) = (prev_end, stems.last_mut())
                && text
                    .get(end.min(start)..start)
                    .is_some_and(|gap| gap.chars().all(|c| c == '-' || c.is_whitespace()))
            {
                last.2 = false;
            }
            prev_end = Some(start + surface.len());
            stems.push((stem.to_string(), surface, true));
        });
        // The head is the last word of its phrase that the book knows: in
        // "GDPR compliance", when nobody writes "compliance", GDPR is what is
        // needed, and the rarest word is never discounted as a mere modifier.
        let known: Vec<bool> = stems
            .iter()
            .map(|(stem, _, _)| {
                self.terms.contains_key(stem)
                    || self.synonyms.get(stem).is_some_and(|s| !s.is_empty())
                    || !self.forms(stem).is_empty()
            })
            .collect();
        for i in (1..stems.len()).rev() {
            if stems[i].2 && !known[i] && !stems[i - 1].2 {
                stems[i - 1].2 = true;
            }
        }
        // What the need is for only qualifies it ("a website | for my
        // physiotherapy clinic"): its words weigh as modifiers, though one
        // of them can still carry a match on its own.
        let purpose = tok.purpose_at(text).unwrap_or(text.len());
        for (stem, surface, head) in &stems {
            if seen.contains(&stem.as_str()) {
                continue;
            }
            seen.push(stem);
            let in_purpose = surface.as_ptr() as usize - base >= purpose;
            let factor = if *head && !in_purpose {
                1.0
            } else {
                MODIFIER_FACTOR
            };
            let mut variants = Vec::new();
            if let Some(id) = self.terms.get(stem) {
                variants.push((*id, factor, false));
            }
            // A word with a group has its forms there ("invests" is no
            // investor); other words meet their other forms.
            let grouped = self.synonyms.contains_key(stem);
            if !grouped {
                variants.extend(
                    self.forms(stem)
                        .into_iter()
                        .map(|id| (id, FORM_FACTOR * factor, true)),
                );
            }
            if let Some(syn) = self.synonyms.get(stem) {
                for s in syn {
                    if !variants.iter().any(|(id, _, _)| id == s) {
                        variants.push((*s, SYNONYM_FACTOR * factor, true));
                    }
                }
            }
            if !variants.is_empty() {
                words.push(QueryWord {
                    surface: surface.to_string(),
                    head: *head,
                    variants,
                });
            }
        }
        Query { words }
    }

    /// The other forms of `stem` in the index: longer stems it begins
    /// (`print` → `printer`) and shorter ones that begin it (`babysitt` →
    /// `babysit`), within a few letters.
    fn forms(&self, stem: &str) -> Vec<u32> {
        let mut out = Vec::new();
        if stem.len() < FORM_MIN || !stem.bytes().all(|b| b.is_ascii_alphabetic()) {
            return out;
        }
        let from = self.sorted.partition_point(|(t, _)| &**t < stem);
        for (t, id) in &self.sorted[from..] {
            if !t.starts_with(stem) {
                break;
            }
            if t.len() > stem.len() && t.len() - stem.len() <= FORM_MAX_EXTRA {
                out.push(*id);
            }
        }
        let shortest = FORM_MIN.max(stem.len().saturating_sub(FORM_MAX_EXTRA));
        for end in shortest..stem.len() {
            if let Some(id) = self.terms.get(&stem[..end]) {
                out.push(*id);
            }
        }
        out
    }

    fn contribution(&self, term: u32, tf: f32, factor: f32) -> f32 {
        self.idf[term as usize] * tf * (K1 + 1.0) / (tf + K1) * factor
    }

    /// Adds every document's score for `query` into `acc`.
    pub fn accumulate(&self, query: &Query, acc: &mut Scratch) {
        acc.ensure(self.docs.len());
        for (qi, word) in query.words.iter().enumerate() {
            let qi = qi as u32 + 1;
            for (term, factor, _) in &word.variants {
                for (doc, tf) in &self.postings[*term as usize] {
                    let c = self.contribution(*term, *tf, *factor);
                    let d = *doc as usize;
                    if acc.score[d] == 0.0 && acc.last_word[d] == 0 {
                        acc.touched.push(*doc);
                    }
                    if acc.last_word[d] == qi {
                        if c > acc.last_score[d] {
                            acc.score[d] += c - acc.last_score[d];
                            acc.last_score[d] = c;
                        }
                    } else {
                        acc.last_word[d] = qi;
                        acc.last_score[d] = c;
                        acc.score[d] += c;
                    }
                }
            }
        }
    }

    /// The words of `query` that `doc` matches, each with its best score.
    pub fn explain(&self, query: &Query, doc: u32) -> Vec<Match> {
        let doc = &self.docs[doc as usize];
        let mut out = Vec::new();
        for word in &query.words {
            let mut best: Option<Match> = None;
            for (term, factor, synonym) in &word.variants {
                let Ok(i) = doc.terms.binary_search_by_key(term, |t| t.term) else {
                    continue;
                };
                let t = &doc.terms[i];
                let score = self.contribution(*term, t.tf, *factor);
                if best.as_ref().is_none_or(|b| score > b.score) {
                    best = Some(Match {
                        need_word: word.surface.clone(),
                        their_word: t.surface.to_string(),
                        field: t.field,
                        score,
                        synonym: *synonym,
                        head: word.head,
                    });
                }
            }
            out.extend(best);
        }
        out
    }
}

/// Reusable per-query accumulators, sized to the index (one per thread).
#[derive(Debug, Default)]
pub struct Scratch {
    score: Vec<f32>,
    last_word: Vec<u32>,
    last_score: Vec<f32>,
    touched: Vec<u32>,
}

impl Scratch {
    fn ensure(&mut self, n: usize) {
        if self.score.len() < n {
            self.score.resize(n, 0.0);
            self.last_word.resize(n, 0);
            self.last_score.resize(n, 0.0);
        }
    }

    /// The documents scored since the last [`Scratch::clear`], with scores.
    pub fn hits(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.touched.iter().map(|d| (*d, self.score[*d as usize]))
    }

    pub fn clear(&mut self) {
        for d in self.touched.drain(..) {
            let d = d as usize;
            self.score[d] = 0.0;
            self.last_word[d] = 0;
            self.last_score[d] = 0.0;
        }
    }
}
