//! The meaning half of the matcher: what each candidate offers (and their
//! title) and what each need asks, embedded once (see [`super::meaning`]),
//! so a need meets "refrigerated transport" without sharing a word. Equal
//! phrases are embedded once and compared once, however many people write
//! them.

use std::collections::HashMap;

use super::grams::{Gram, best_pair, best_pair_of, grams};
use super::meaning::{Meaning, Vector, similarity};
use super::sentence::Encoder;
use super::tokens::Tokenizer;

/// How many of those who wrote one phrase a need judges by meaning alone.
const NEAR_PER_PHRASE: usize = 32;
/// One word of a need alike to a whole phrase counts this much of its
/// likeness: it can carry the match, but less surely than the whole need.
const WORD_SHARE: f32 = 0.75;
/// Phrases at least this alike (by the word table) make a candidate worth
/// judging by meaning.
pub const CANDIDATE: f32 = 0.45;
/// Phrases at least this alike as wholes read in context (by the sentence
/// encoder) make a candidate worth judging by meaning too: the bar a
/// suggestion by meaning alone must pass (`MEANING_ALONE_IN_CONTEXT`), since
/// the encoder ranks. It costs: on 30,000 people all suggestions took
/// 659 ms at 0.3, 564 ms at 0.4 (words ranking, session 12).
pub const CANDIDATE_IN_CONTEXT: f32 = 0.3;
/// With the encoder, [`CANDIDATE`] for the word table: the bar it carries a
/// suggestion alone with (`MEANING_ALONE_WITH_ENCODER`).
pub const CANDIDATE_BESIDE_CONTEXT: f32 = 0.43;
/// Two words this alike by the word table may explain a match by meaning.
const EXPLAINS: f32 = 0.45;
/// Runs of words alike in the need and a phrase, sharing none ("learn
/// Mandarin" and "teaches Chinese"), count this much of their likeness.
const GRAM_SHARE: f32 = 0.95;

pub struct Semantic {
    model: &'static Meaning,
    /// The sentence encoder, when it loads: what phrases and needs mean as
    /// wholes, read in context; `None`: the word table's means of words.
    encoder: Option<&'static Encoder>,
    /// Distinct phrases: their text and meaning (the word table's), and
    /// the encoder's.
    text: Vec<String>,
    vecs: Vec<Vector>,
    ctx: Vec<Vector>,
    /// Each phrase's runs of words ([`grams`]).
    grams: Vec<Vec<Gram>>,
    /// Phrase → the documents that hold it; document → its phrases.
    docs_of: Vec<Vec<u32>>,
    of_doc: Vec<Vec<u32>>,
    /// Each need's probe, by its index in the matcher's needs; distinct
    /// needs have one each.
    needs: Vec<u32>,
    probes: Vec<Probe>,
}

/// How a need and a phrase are compared as wholes: by the word table, or
/// in context (the whole need or the thing it needs, whichever is nearer;
/// the word table's without the encoder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Words,
    Context,
}

/// One need against every distinct phrase (see [`Semantic::table`]).
pub struct Table {
    like: Vec<f32>,
    /// As wholes, in context (the encoder's, else the table's) and by the
    /// word table.
    whole: Vec<f32>,
    word_whole: Vec<f32>,
    /// The documents worth judging by meaning (see [`Semantic::candidates`]).
    near: Vec<u32>,
}

/// A need's meaning, whole and word by word: "Mandarin" alone is nearer
/// "teaches Chinese" than the whole of "to learn Mandarin before our trip to
/// Shanghai".
#[derive(Debug, Clone)]
pub struct Probe {
    /// The encoder's meaning of the whole need and of the thing needed.
    ctx: Option<(Vector, Option<Vector>)>,
    whole: Vector,
    /// The thing needed, before its purpose ([`Tokenizer::purpose_at`]):
    /// "a website" of "a website for my physiotherapy clinic".
    thing: Option<Vector>,
    words: Vec<Vector>,
    /// The runs of words of the thing needed ([`grams`]).
    grams: Vec<Gram>,
}

impl Semantic {
    /// `docs[d]`: the phrases of document `d`; `needs`: every need's text.
    pub fn build(
        model: &'static Meaning,
        encoder: Option<&'static Encoder>,
        tok: &Tokenizer,
        docs: &[Vec<&str>],
        needs: &[&str],
    ) -> Semantic {
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut s = Semantic {
            model,
            encoder,
            text: Vec::new(),
            vecs: Vec::new(),
            ctx: Vec::new(),
            grams: Vec::new(),
            docs_of: Vec::new(),
            of_doc: Vec::with_capacity(docs.len()),
            needs: Vec::with_capacity(needs.len()),
            probes: Vec::new(),
        };
        for (d, phrases) in docs.iter().enumerate() {
            let mut mine = Vec::new();
            for p in phrases {
                let id = *ids.entry(p).or_insert_with(|| {
                    s.text.push(p.to_string());
                    s.vecs.push(model.embed(p));
                    s.grams.push(grams(model, tok, p));
                    s.docs_of.push(Vec::new());
                    s.text.len() as u32 - 1
                });

                if !mine.contains(&id) {
                    mine.push(id);
                    s.docs_of[id as usize].push(d as u32);
                }
            }
            s.of_doc.push(mine);
        }
        let mut need_ids: HashMap<&str, u32> = HashMap::new();
        let mut distinct = Vec::new();
        for n in needs {
            let id = *need_ids.entry(n).or_insert_with(|| {
                s.probes.push(probe(model, tok, n));
                distinct.push(*n);
                s.probes.len() as u32 - 1
            });
            s.needs.push(id);
        }
        if let Some(enc) = encoder {
            // Every distinct phrase, need and thing needed in one batch.
            let mut texts: Vec<&str> = s.text.iter().map(String::as_str).collect();
            let things: Vec<Option<&str>> = distinct.iter().map(|n| thing_of(tok, n)).collect();
            texts.extend(&distinct);
            texts.extend(things.iter().flatten());
            let mut vecs = enc.encode(&texts).into_iter();
            s.ctx = vecs.by_ref().take(s.text.len()).collect();
            let wholes: Vec<Vector> = vecs.by_ref().take(distinct.len()).collect();
            for ((p, whole), thing) in s.probes.iter_mut().zip(wholes).zip(&things) {
                p.ctx = Some((whole, thing.and_then(|_| vecs.next())));
            }
        }
        s
    }

    /// Whether wholes are read in context, by the sentence encoder.
    pub fn in_context(&self) -> bool {
        self.encoder.is_some()
    }

    /// The probe of need number `need` of the matcher.
    pub fn probe_of(&self, need: usize) -> &Probe {
        &self.probes[self.needs[need] as usize]
    }

    /// The probe of any text (what you ask).
    pub fn probe(&self, tok: &Tokenizer, text: &str) -> Probe {
        let mut p = probe(self.model, tok, text);
        if let Some(enc) = self.encoder {
            let thing = thing_of(tok, text);
            let mut vecs = enc.encode(&[text, thing.unwrap_or_default()]).into_iter();
            let whole = vecs.next().unwrap_or_default();
            p.ctx = Some((whole, thing.and_then(|_| vecs.next())));
        }
        p
    }

    /// How alike a need is to phrase `p`: as wholes, or by the need's word
    /// most alike to the phrase, discounted ([`WORD_SHARE`]).
    fn likeness(&self, need: &Probe, p: usize) -> f32 {
        let gram = GRAM_SHARE * best_pair(&need.grams, &self.grams[p]);
        self.likeness_but_runs(need, p).max(gram)
    }

    /// How alike the need is to phrase `p` as wholes: the whole need, or
    /// the thing it needs without its purpose ("a website" is what "builds
    /// websites for small businesses" offers, whatever the clinic). Read in
    /// context by the encoder, when there is one.
    fn as_whole(&self, need: &Probe, p: usize) -> f32 {
        match (&need.ctx, self.ctx.get(p)) {
            (Some((whole, thing)), Some(pv)) => {
                let t = thing.as_ref().map_or(-1.0, |t| similarity(t, pv));
                similarity(whole, pv).max(t)
            }
            _ => need.as_whole(&self.vecs[p]),
        }
    }

    /// [`Semantic::likeness`] as wholes and word by word, not by runs.
    fn likeness_but_runs(&self, need: &Probe, p: usize) -> f32 {
        let pv = &self.vecs[p];
        let word = need
            .words
            .iter()
            .map(|w| similarity(w, pv))
            .fold(0.0, f32::max);
        similarity(&need.whole, pv).max(WORD_SHARE * word)
    }

    /// How alike a need as a whole (or the thing it needs) is to the best
    /// phrase of `doc` as a whole: what one word in common says nothing
    /// about (1 when `doc` has no phrase: nothing to doubt it by), as
    /// `reading` reads it.
    pub fn whole(&self, need: &Probe, doc: u32, reading: Reading) -> f32 {
        let ps = self.of_doc.get(doc as usize).map_or(&[][..], |p| &p[..]);
        ps.iter()
            .map(|p| self.read(need, *p as usize, reading))
            .reduce(f32::max)
            .unwrap_or(1.0)
    }

    fn read(&self, need: &Probe, p: usize, reading: Reading) -> f32 {
        match reading {
            Reading::Words => need.as_whole(&self.vecs[p]),
            Reading::Context => self.as_whole(need, p),
        }
    }

    /// How alike a need is to the best phrase of `doc`, and which.
    pub fn best(&self, need: &Probe, doc: u32) -> Option<(f32, u32)> {
        self.of_doc
            .get(doc as usize)?
            .iter()
            .map(|p| (self.likeness(need, *p as usize), *p))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
    }

    /// How alike a need is to every distinct phrase (likeness, and as
    /// wholes): computed once per distinct need and read for each candidate,
    /// instead of again for each.
    pub fn table(&self, need: &Probe) -> Table {
        let like: Vec<f32> = (0..self.vecs.len())
            .map(|p| self.likeness(need, p))
            .collect();
        let whole: Vec<f32> = (0..self.vecs.len())
            .map(|p| self.as_whole(need, p))
            .collect();
        let mut near = Vec::new();
        for (p, l) in like.iter().enumerate() {
            // Read in context, a phrase alike as a whole counts as well.
            let by_table = match self.in_context() {
                true => CANDIDATE_BESIDE_CONTEXT,
                false => CANDIDATE,
            };
            if *l >= by_table || (self.in_context() && whole[p] >= CANDIDATE_IN_CONTEXT) {
                // Those who wrote the same phrase are alike in meaning; a
                // need looks at the first few of them, however many there
                // are (the ones its words also find come by the words).
                near.extend(self.docs_of[p].iter().take(NEAR_PER_PHRASE));
            }
        }
        near.sort_unstable();
        near.dedup();
        Table {
            whole,
            word_whole: self.vecs.iter().map(|v| need.as_whole(v)).collect(),
            like,
            near,
        }
    }

    /// How alike a need and the best phrase of `doc` are as wholes read in
    /// context (the encoder's; `None` without it, or when `doc` has no
    /// phrase: nothing is alike), from a table or not.
    pub fn in_context_in(&self, t: &Table, doc: u32) -> Option<f32> {
        self.has_phrases_in_context(doc)
            .then(|| self.whole_in(t, doc, Reading::Context))
    }

    pub fn in_context_of(&self, need: &Probe, doc: u32) -> Option<f32> {
        self.has_phrases_in_context(doc)
            .then(|| self.whole(need, doc, Reading::Context))
    }

    fn has_phrases_in_context(&self, doc: u32) -> bool {
        self.in_context() && self.of_doc.get(doc as usize).is_some_and(|p| !p.is_empty())
    }

    /// The distinct need number `need` of the matcher has.
    pub fn probe_id(&self, need: usize) -> u32 {
        self.needs[need]
    }

    /// [`Semantic::best`] and [`Semantic::whole`] read from a table.
    pub fn best_in(&self, t: &Table, doc: u32) -> Option<(f32, u32)> {
        self.of_doc
            .get(doc as usize)?
            .iter()
            .map(|p| (t.like[*p as usize], *p))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
    }

    pub fn whole_in(&self, t: &Table, doc: u32, reading: Reading) -> f32 {
        let ps = self.of_doc.get(doc as usize).map_or(&[][..], |p| &p[..]);
        let wholes = match reading {
            Reading::Words => &t.word_whole,
            Reading::Context => &t.whole,
        };
        ps.iter()
            .map(|p| wholes[*p as usize])
            .reduce(f32::max)
            .unwrap_or(1.0)
    }

    /// Every document with a phrase at least [`CANDIDATE`] alike to a need,
    /// in order, each once.
    pub fn candidates<'t>(&self, t: &'t Table) -> &'t [u32] {
        &t.near
    }

    /// A phrase as its candidate wrote it.
    pub fn text(&self, phrase: u32) -> &str {
        &self.text[phrase as usize]
    }

    /// The words that carried a match by meaning, as written on both sides:
    /// `cold-chain ≈ refrigerated transport`. The need's word most alike to
    /// the phrase, and the phrase's words most alike to the thing needed
    /// (the need before its purpose); empty when
    /// they are the same word.
    pub fn explain(&self, tok: &Tokenizer, need_text: &str, phrase: u32) -> String {
        // When two runs of words carried it, they are the explanation
        // ("learn Mandarin ≈ teaches Chinese").
        let need = probe(self.model, tok, need_text);
        if let Some((sim, mine, theirs)) = best_pair_of(&need.grams, &self.grams[phrase as usize])
            && GRAM_SHARE * sim > self.likeness_but_runs(&need, phrase as usize)
        {
            return match sim >= EXPLAINS {
                true => format!("{mine} ≈ {theirs}"),
                false => String::new(),
            };
        }
        let theirs = &self.text[phrase as usize];
        // Their words are named for the thing needed, not for its purpose
        // ("a vet | for our old dog": veterinary, not small-animal).
        let thing = tok
            .purpose_at(need_text)
            .map_or(need_text, |at| &need_text[..at]);
        let need_vec = self.model.embed(thing);
        let phrase_vec = &self.vecs[phrase as usize];
        let words = |text: &str| words(tok, text);
        let best_of = |ws: &[String], against: &[f32]| -> Vec<(f32, usize)> {
            ws.iter()
                .enumerate()
                .map(|(i, w)| (similarity(&self.model.embed(w), against), i))
                .collect()
        };
        let mine = words(need_text);
        let other = words(theirs);
        let pick = |scored: Vec<(f32, usize)>, ws: &[String]| -> String {
            let Some(top) = scored.iter().map(|s| s.0).reduce(f32::max) else {
                return String::new();
            };
            // The best word and its neighbours nearly as good.
            let best = scored.iter().position(|s| s.0 == top).unwrap_or(0);
            let near = |i: usize| scored[i].0 >= top * 0.8;
            let (mut from, mut to) = (best, best);
            while from > 0 && near(from - 1) {
                from -= 1;
            }
            while to + 1 < ws.len() && near(to + 1) {
                to += 1;
            }
            ws[from..=to].join(" ")
        };
        let left = pick(best_of(&mine, phrase_vec), &mine);
        let right = pick(best_of(&other, &need_vec), &other);
        // The same word on both sides is the words' explanation, not this.
        if left.is_empty() || right.is_empty() || left.to_lowercase() == right.to_lowercase() {
            return String::new();
        }
        // Words the table reads far apart did not carry the match (the
        // encoder read the phrases whole): naming them would mislead
        // ("logistics ≈ negotiation"); the phrases are named instead.
        if similarity(&self.model.embed(&left), &self.model.embed(&right)) < EXPLAINS {
            return String::new();
        }
        format!("{left} ≈ {right}")
    }
}

/// The words of `text` as written, stop words left out, each once.
fn words(tok: &Tokenizer, text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    tok.each(text, |_, surface| {
        if !out.iter().any(|w| w == surface) {
            out.push(surface.to_string());
        }
    });
    out
}

impl Probe {
    /// How alike the need is to a phrase as a whole: the whole need, or the
    /// thing it needs without its purpose ("a website" is what "builds
    /// websites for small businesses" offers, whatever the clinic).
    fn as_whole(&self, phrase: &[f32]) -> f32 {
        let thing = self.thing.as_ref().map_or(-1.0, |t| similarity(t, phrase));
        similarity(&self.whole, phrase).max(thing)
    }
}

/// The thing a need asks for, before its purpose, when it has one.
fn thing_of<'t>(tok: &Tokenizer, text: &'t str) -> Option<&'t str> {
    tok.purpose_at(text).map(|at| &text[..at])
}

fn probe(model: &Meaning, tok: &Tokenizer, text: &str) -> Probe {
    let thing = tok.purpose_at(text).map_or(text, |at| &text[..at]);
    Probe {
        ctx: None,
        grams: grams(model, tok, thing),
        whole: model.embed(text),
        thing: tok.purpose_at(text).map(|at| model.embed(&text[..at])),
        words: words(tok, text).iter().map(|w| model.embed(w)).collect(),
    }
}
