//! The meaning side of judging a candidate: how alike a need and their
//! phrases are, what that adds, and when one word in common is a decoy's;
//! and `ask`, a need that is yours.

use std::collections::HashMap;

use super::{Matcher, Need, Suggestion};
use crate::intros::hybrid::{Probe, Reading, Table};
use crate::intros::index::{Candidate, Scratch};
use crate::intros::tokens::StemCache;
use crate::model::PersonId;

/// What meaning adds to a candidate: a need and their best phrase this
/// alike count nothing, and each step above `floor` adds up to `weight` at
/// a perfect match. One set for each way kith reads meaning, since their
/// likenesses are spread differently.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weighing {
    pub floor: f32,
    pub weight: f32,
}

/// With the sentence encoder, how alike the need and the candidate's best
/// phrase are as wholes read in context: chosen on the tuned book alone
/// (intros_labelled.txt), the middle of the plateau of the combinations
/// listed in assets/model/README.md.
pub(crate) const IN_CONTEXT: Weighing = Weighing {
    floor: 0.2,
    weight: 16.0,
};

/// With the word table alone (the encoder's fallback): as before the
/// encoder.
pub(crate) const BY_WORDS: Weighing = Weighing {
    floor: 0.3,
    weight: 12.0,
};

/// A suggestion with no word in common needs this much likeness (the word
/// table's: the whole, a word of the need, or a run of words).
pub(super) const MEANING_ALONE: f32 = 0.55;
/// With the sentence encoder, a suggestion whose words do not carry it may
/// pass on the need and the candidate's best phrase this alike as wholes
/// read in context, unless the one word they share is a decoy's: chosen on
/// the tuned book alone (0.3 to 0.4 found 52 of its 57 helpers in the top
/// three and 45 first; below 0.4 a gardener who swaps heirloom seeds came
/// second for a seed investor before the decoy rule).
pub(super) const MEANING_ALONE_IN_CONTEXT: f32 = 0.4;
/// One word in common with a phrase this unlike (by the word table) is a
/// decoy's: a homonym, an organisation's name ("fixes motorbikes" for a
/// leaking roof).
pub(super) const MEANING_DOUBT: f32 = 0.35;
/// A suggestion by meaning alone, carried by a run of words alike ("learn
/// Mandarin" and "teaches Chinese"), needs the wholes this alike too: one
/// word near another says little ("guests" near "hosts", "Lisbon" near
/// "Paris").
const MEANING_ALONE_DOUBT: f32 = 0.4;

/// Tables of needs against phrases, by distinct need, for one pass.
#[derive(Default)]
pub(super) struct Tables(HashMap<u32, Table>);

/// Who asks in [`Matcher::ask`]: you, nobody in the book.
const ASKER: PersonId = PersonId(u64::MAX);

impl Matcher {
    /// Who could help you with `text` (what you ask), best first, by the
    /// match alone: at most `limit`. Their `person` is nobody in the book.
    pub fn ask(&self, text: &str, limit: usize) -> Vec<Suggestion> {
        let mut cache = StemCache::default();
        let need = Need {
            at: usize::MAX,
            probe: self.semantic.as_ref().map(|s| s.probe(&self.tok, text)),
            person: ASKER,
            index: 0,
            text: text.to_string(),
            query: self.index.query(&self.tok, &mut cache, text),
        };
        let mut out = self.for_need(
            &need,
            limit,
            &mut Scratch::default(),
            &mut Tables::default(),
        );
        out.retain(|s| s.candidate != Candidate::Me);
        out
    }

    /// What `need` means, with the model.
    pub(super) fn probe<'a>(&'a self, need: &'a Need) -> Option<&'a Probe> {
        let sem = self.semantic.as_ref()?;
        Some(need.probe.as_ref().unwrap_or_else(|| sem.probe_of(need.at)))
    }

    /// The table of `need` against every phrase, made once per distinct need
    /// (`None` without the model).
    pub(super) fn table<'a>(&self, need: &Need, tables: &'a mut Tables) -> Option<&'a Table> {
        let sem = self.semantic.as_ref()?;
        let probe = self.probe(need)?;
        let key = match need.probe {
            Some(_) => u32::MAX,
            None => sem.probe_id(need.at),
        };
        Some(tables.0.entry(key).or_insert_with(|| sem.table(probe)))
    }

    /// Whether `doc`'s phrases, as wholes, are less alike to `need` than
    /// `bar` by the word table: they mean something else (never without the
    /// model, nor for one with no phrases to compare). The gates stay the
    /// word table's: read in context, a restaurant critic's reviews (0.22)
    /// and career-day speakers' talks (0.23) are as far from their needs as
    /// each other, and a landlord who invests in real estate nearer a seed
    /// investor (0.43) than some real helpers are to theirs.
    pub(super) fn doubtful(&self, need: &Need, doc: u32, table: Option<&Table>, bar: f32) -> bool {
        match (&self.semantic, table, self.probe(need)) {
            (Some(s), Some(t), _) => s.whole_in(t, doc, Reading::Words) < bar,
            (Some(s), None, Some(p)) => s.whole(p, doc, Reading::Words) < bar,
            _ => false,
        }
    }

    /// [`Matcher::doubtful`] for a suggestion by meaning alone.
    pub(super) fn doubtful_alone(&self, need: &Need, doc: u32, table: Option<&Table>) -> bool {
        self.doubtful(need, doc, table, MEANING_ALONE_DOUBT)
    }

    /// What meaning adds to `doc` for `need` (read in context, when the
    /// encoder is there), how alike they are by the word table, and the
    /// phrase of theirs that is most alike.
    pub(super) fn meaning_bonus(
        &self,
        need: &Need,
        doc: u32,
        table: Option<&Table>,
    ) -> (f32, f32, Option<u32>) {
        let best = match (&self.semantic, table, self.probe(need)) {
            (Some(s), Some(t), _) => s.best_in(t, doc),
            (Some(s), None, Some(p)) => s.best(p, doc),
            _ => None,
        };
        let Some((sim, phrase)) = best else {
            return (0.0, 0.0, None);
        };
        let in_context = match (&self.semantic, table, self.probe(need)) {
            (Some(s), Some(t), _) => s.in_context_in(t, doc),
            (Some(s), None, Some(p)) => s.in_context_of(p, doc),
            _ => None,
        };
        // Read in context when the encoder is there; the gates above keep
        // the word table's likeness (`sim`).
        let (w, weighed) = match in_context {
            Some(c) => (IN_CONTEXT, c),
            None => (BY_WORDS, sim),
        };
        let bonus = w.weight * ((weighed - w.floor) / (1.0 - w.floor)).max(0.0);
        (bonus, sim, Some(phrase))
    }
}
