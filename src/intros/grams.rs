//! A phrase's runs of one to three words, each with its meaning: "learn
//! Mandarin" in "to learn Mandarin before our trip to Shanghai" means what
//! "teaches Chinese" means, though the whole need, diluted by its trip,
//! means less. Two runs count only when they share no word: words in common
//! are the words' evidence, and a decoy that shares one ("speakers" for a
//! career day and for headphones) must not gain by meaning as well.

use super::index::FORM_MIN;
use super::meaning::{Meaning, Vector, similarity};
use super::tokens::Tokenizer;
use crate::text::fold;

/// The longest run, in words.
const LONGEST: usize = 3;
/// At most this many runs of one phrase (a long note is not an offer).
const MOST: usize = 12;

/// One run of words: its meaning and its words, stemmed and whole.
#[derive(Debug, Clone)]
pub struct Gram {
    text: Box<str>,
    vec: Vector,
    words: Vec<Box<str>>,
}

/// The runs of `text`'s words, stop words left out, shortest first.
pub fn grams(model: &Meaning, tok: &Tokenizer, text: &str) -> Vec<Gram> {
    // Each word as written and its stems (`cold-chain` has two).
    let mut words: Vec<(&str, Vec<Box<str>>)> = Vec::new();
    tok.each(text, |stem, surface| {
        // The word whole, too: "co-founder" is one stem, and a founder's.
        let whole = fold(surface).replace('-', "");
        let h = Box::from(stem);
        match words.last_mut() {
            Some((w, stems)) if std::ptr::eq(*w, surface) => stems.push(h),
            _ => words.push((surface, vec![whole.into(), h])),
        }
    });
    let mut out = Vec::new();
    'len: for len in 1..=LONGEST.min(words.len()) {
        for run in words.windows(len) {
            if out.len() == MOST {
                break 'len;
            }
            let text: Vec<&str> = run.iter().map(|(w, _)| *w).collect();
            let text = text.join(" ");
            out.push(Gram {
                vec: model.embed(&text),
                text: text.into(),
                words: run.iter().flat_map(|(_, s)| s.iter().cloned()).collect(),
            });
        }
    }
    out
}

/// How alike the most alike runs of two phrases are that share no word.
pub fn best_pair(mine: &[Gram], theirs: &[Gram]) -> f32 {
    best_pair_of(mine, theirs).map_or(0.0, |b| b.0)
}

/// [`best_pair`], and the two runs as written.
pub fn best_pair_of<'g>(mine: &'g [Gram], theirs: &'g [Gram]) -> Option<(f32, &'g str, &'g str)> {
    let mut best: Option<(f32, &str, &str)> = None;
    for a in mine {
        for b in theirs {
            if a.words
                .iter()
                .any(|s| b.words.iter().any(|t| same_word(s, t)))
            {
                continue;
            }
            let sim = similarity(&a.vec, &b.vec);
            if best.is_none_or(|(top, _, _)| sim > top) {
                best = Some((sim, &a.text, &b.text));
            }
        }
    }
    best
}

/// Whether two stems (or words) are one word: equal, or one the other's
/// form ("invest" and "investor"), or one inside the other ("founder" and
/// "cofounder").
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= FORM_MIN && long.contains(short))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intros::meaning::Meaning;
    use std::sync::OnceLock;

    fn model() -> &'static Meaning {
        static M: OnceLock<Meaning> = OnceLock::new();
        M.get_or_init(|| Meaning::bundled().expect("the bundled model checks out"))
    }

    #[test]
    fn runs_of_words_are_one_to_three_words_long_stop_words_left_out() {
        let g = grams(
            model(),
            &Tokenizer::default(),
            "to learn Mandarin before our trip",
        );
        // learn, Mandarin, before, trip; three pairs; two triples.
        // Each word whole and stemmed.
        let sizes: Vec<usize> = g.iter().map(|g| g.words.len() / 2).collect();
        assert_eq!(sizes, [1, 1, 1, 1, 2, 2, 2, 3, 3]);
        let long = grams(model(), &Tokenizer::default(), &"word ".repeat(40));
        assert_eq!(long.len(), MOST);
    }

    #[test]
    fn a_run_alike_in_meaning_counts_more_than_the_diluted_whole() {
        let (m, t) = (model(), Tokenizer::default());
        let need = "to learn Mandarin before our trip to Shanghai";
        let offer = "teaches Chinese to adults, evenings";
        let pair = best_pair(&grams(m, &t, need), &grams(m, &t, offer));
        let whole = similarity(&m.embed(need), &m.embed(offer));
        assert!(pair > 0.55 && pair > whole + 0.1, "{pair} vs {whole}");
    }

    #[test]
    fn runs_that_share_a_word_or_its_form_do_not_count() {
        let (m, t) = (model(), Tokenizer::default());
        let g = |s| grams(m, &t, s);
        assert_eq!(best_pair(&g("speakers"), &g("more speakers")), 0.0);
        assert_eq!(best_pair(&g("an investor"), &g("invests")), 0.0);
        assert_eq!(best_pair(&g("a co-founder"), &g("Founder")), 0.0);
        assert!(best_pair(&g("an investor"), &g("funds")) > 0.0);
        assert!(best_pair(&g("a logistics partner"), &g("freight forwarding")) > 0.55);
    }
}
