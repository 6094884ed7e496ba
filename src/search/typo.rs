//! Typo tolerance: a query word of [`MIN_TYPO_CHARS`] or more chars also
//! matches a word one edit away — a swapped pair, a replaced, an inserted or a
//! dropped letter (`rafeal`, `garica`, `jsoe`) — by the optimal string
//! alignment distance of `strsim`. In names, the start of a longer word counts
//! too (`rafea` while typing towards Rafael).
//!
//! The index keeps a [`Vocab`]: every distinct folded word of three or more
//! chars once, with its char mask and the (person, band) pairs it occurs in.
//! A query word is compared with each distinct word once — the distance is
//! only computed for words whose chars differ from the query's by at most
//! two, since one edit changes at most one char in and one char out — and
//! the people it hit are looked up, not scanned.

use std::collections::HashMap;

use super::Band;
use super::scan::word_mask;

/// The shortest query word that may carry a typo: shorter ones would match
/// too much (`ana` is one edit from `ann`, `anu`, `and`…).
pub(super) const MIN_TYPO_CHARS: usize = 4;

/// The shortest word a typo may hit (a four-letter query with one letter too many).
const MIN_WORD_CHARS: usize = MIN_TYPO_CHARS - 1;

/// The words of a folded line (split at every char that is not a letter or a
/// digit), as `(byte start, text)`.
pub(super) fn words_of(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
}

/// Every distinct word of the index and where it occurs.
#[derive(Default)]
pub(super) struct Vocab {
    text: String,
    words: Vec<VocabWord>,
    /// Word `i`'s postings are `postings[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    /// `slot << 2 | band`, ascending per word, each once.
    postings: Vec<u32>,
}

struct VocabWord {
    start: u32,
    end: u32,
    mask: u64,
    chars: u32,
}

/// Collects a [`Vocab`] person by person, band by band.
#[derive(Default)]
pub(super) struct VocabBuilder<'a> {
    /// foldhash: the index is rebuilt on every change to the book, and
    /// SipHash made hashing its words most of the build.
    ids: HashMap<&'a str, u32, foldhash::fast::FixedState>,
    vocab: Vocab,
    /// `(word, posting)` in the order seen.
    seen: Vec<(u32, u32)>,
}

impl<'a> VocabBuilder<'a> {
    /// Adds the words of one folded line of person `slot` in `band`.
    pub fn add(&mut self, slot: usize, band: Band, line: &'a str) {
        let posting = (slot as u32) << 2 | band as u32;
        for (_, w) in words_of(line) {
            let chars = w.chars().count();
            if chars < MIN_WORD_CHARS {
                continue;
            }
            let vocab = &mut self.vocab;
            let id = *self.ids.entry(w).or_insert_with(|| {
                let start = vocab.text.len() as u32;
                vocab.text.push_str(w);
                vocab.words.push(VocabWord {
                    start,
                    end: vocab.text.len() as u32,
                    mask: word_mask(w),
                    chars: chars as u32,
                });
                vocab.words.len() as u32 - 1
            });
            self.seen.push((id, posting));
        }
    }

    /// Lays the postings out word by word (a counting sort: they were seen
    /// slot by slot, so each word's come out ascending), each once.
    pub fn finish(self) -> Vocab {
        let mut vocab = self.vocab;
        let words = vocab.words.len();
        let mut starts = vec![0u32; words + 1];
        for (word, _) in &self.seen {
            starts[*word as usize + 1] += 1;
        }
        for i in 0..words {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut postings = vec![0u32; self.seen.len()];
        for (word, posting) in self.seen {
            let (w, at) = (word as usize, fill[word as usize] as usize);
            if at > starts[w] as usize && postings[at - 1] == posting {
                continue; // the same word twice in one band of one person
            }
            postings[at] = posting;
            fill[w] += 1;
        }
        // Close the gaps the duplicates left.
        let mut out = Vec::with_capacity(postings.len());
        vocab.starts = Vec::with_capacity(words + 1);
        for w in 0..words {
            vocab.starts.push(out.len() as u32);
            out.extend_from_slice(&postings[starts[w] as usize..fill[w] as usize]);
        }
        vocab.starts.push(out.len() as u32);
        vocab.postings = out;
        vocab
    }
}

/// Whom a query word hits with a typo.
pub(super) struct Hits {
    /// Per person (by slot), a bit per band (`1 << band`).
    pub bands: Vec<u8>,
    /// The people with a bit set, ascending, each once.
    pub people: Vec<u32>,
}

impl Vocab {
    /// The people one of whose words is one edit from the typo, and in which
    /// bands; the start of a word counts in names. Words holding the query
    /// itself are left out: they match it cleanly, which ranks first anyway.
    pub fn hits(&self, typo: &Typo, people: usize) -> Hits {
        let mut out = Hits {
            bands: vec![0u8; people],
            people: Vec::new(),
        };
        for (i, w) in self.words.iter().enumerate() {
            let text = &self.text[w.start as usize..w.end as usize];
            if text.contains(typo.text) {
                continue;
            }
            let bands: u8 = if typo.near(text, w.mask, w.chars as usize) {
                0b111
            } else if w.chars as usize > typo.chars && typo.near_start(text) {
                1 << Band::Name as u8
            } else {
                continue;
            };
            let postings = &self.postings[self.starts[i] as usize..self.starts[i + 1] as usize];
            for p in postings {
                let bit = 1u8 << (p & 0b11);
                let slot = (p >> 2) as usize;
                if bands & bit != 0 {
                    if out.bands[slot] == 0 {
                        out.people.push(slot as u32);
                    }
                    out.bands[slot] |= bit;
                }
            }
        }
        out.people.sort_unstable();
        out
    }
}

/// A folded query word, ready for typo checks.
pub(super) struct Typo<'a> {
    pub text: &'a str,
    pub chars: usize,
    pub mask: u64,
}

impl Typo<'_> {
    /// Whether `word` (of `mask` and `chars`) is at most one edit from the
    /// query. The mask and length tests rule out most words before the distance.
    pub fn near(&self, word: &str, mask: u64, chars: usize) -> bool {
        chars.abs_diff(self.chars) <= 1
            && (mask ^ self.mask).count_ones() <= 2
            && strsim::osa_distance(self.text, word) <= 1
    }

    /// Whether the start of `word` (longer than the query) is one edit from
    /// the query: `rafea` while typing towards Rafael.
    pub fn near_start(&self, word: &str) -> bool {
        let Some((end, _)) = word.char_indices().nth(self.chars) else {
            return false;
        };
        let head = &word[..end];
        self.near(head, word_mask(head), self.chars)
    }

    /// The char range, in folded `line`, of the first word the query is one
    /// edit from (or of the start of one, when `starts` allows it).
    pub fn find_in(&self, line: &str, starts: bool) -> Option<(usize, usize)> {
        for (start, w) in words_of(line) {
            let chars = w.chars().count();
            let hit = if self.near(w, word_mask(w), chars) {
                Some(chars)
            } else if starts && chars > self.chars && self.near_start(w) {
                Some(self.chars)
            } else {
                None
            };
            if let Some(n) = hit {
                let at = line[..start].chars().count();
                return Some((at, at + n));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typo(text: &str) -> Typo<'_> {
        Typo {
            text,
            chars: text.chars().count(),
            mask: word_mask(text),
        }
    }

    #[test]
    fn one_edit_of_any_kind_is_near() {
        for q in ["rafeal", "rafal", "rafaelo", "rafaek", "arfael"] {
            assert!(typo(q).near("rafael", word_mask("rafael"), 6), "{q}");
        }
        assert!(!typo("rfeal").near("rafael", word_mask("rafael"), 6));
        assert!(!typo("garcai").near("rafael", word_mask("rafael"), 6));
        assert!(typo("jsoe").near("jose", word_mask("jose"), 4));
    }

    #[test]
    fn the_start_of_a_longer_word_is_near_while_typing() {
        assert!(typo("rafea").near_start("rafael"));
        assert!(!typo("rafael").near_start("rafael"), "not longer");
        assert!(!typo("xyzw").near_start("rafael"));
    }

    #[test]
    fn find_in_gives_the_chars_of_the_word() {
        assert_eq!(typo("garica").find_in("jose garcia", false), Some((5, 11)));
        assert_eq!(typo("rafea").find_in("ana rafael", true), Some((4, 9)));
        assert_eq!(typo("rafea").find_in("ana rafael", false), None);
    }

    #[test]
    fn the_vocabulary_finds_who_holds_a_near_word_and_in_which_band() {
        let mut b = VocabBuilder::default();
        b.add(0, Band::Name, "rafael costa");
        b.add(0, Band::Other, "an intro to berlin");
        b.add(1, Band::Work, "berlin");
        b.add(2, Band::Name, "rafaela");
        let vocab = b.finish();
        assert_eq!(
            vocab.words.len(),
            5,
            "rafael costa intro berlin rafaela; `an` `to` too short"
        );
        let bands = |q: &str| vocab.hits(&typo(q), 3).bands;
        assert_eq!(bands("berlni"), vec![0b100, 0b010, 0]);
        assert_eq!(
            bands("rafeal"),
            vec![0b001, 0, 0b001],
            "rafael and the start of rafaela"
        );
        assert_eq!(bands("rafea"), vec![0b001, 0, 0b001]);
        assert_eq!(bands("berlin"), vec![0, 0, 0], "a clean match is no typo");
        assert_eq!(vocab.hits(&typo("rafea"), 3).people, vec![0, 2]);
    }
}
