//! Building a [`Matcher`]: the index over everyone who could help, the
//! needs ready to score, what must not be suggested, and what offers and
//! needs mean.

use std::collections::{HashMap, HashSet};

use super::{Matcher, Need, pair};
use crate::intros::hybrid::Semantic;
use crate::intros::index::{Candidate, Index, MatchedIn, Source};
use crate::intros::meaning::Meaning;
use crate::intros::sentence::Encoder;
use crate::intros::tokens::{StemCache, Tokenizer};
use crate::model::{Book, PersonId, need_key};

impl Matcher {
    /// [`Matcher::build`] with the given word table (or words alone) and
    /// sentence encoder (or the table's means of words).
    pub fn build_with(
        book: &Book,
        my_offers: &[String],
        model: Option<&'static Meaning>,
        encoder: Option<&'static Encoder>,
    ) -> Matcher {
        let tok = Tokenizer::default();
        let mut cache = StemCache::default();
        let shared: Vec<String> = crate::intros::concepts::SHARED_NEEDS
            .iter()
            .flat_map(|w| tok.tokens(w))
            .map(|t| t.stem)
            .collect();
        let mut sources = Vec::with_capacity(book.people.len() + 1);
        for p in book.active_people() {
            let mut fields: Vec<(MatchedIn, &str)> = Vec::new();
            fields.extend(p.offers.iter().map(|o| (MatchedIn::Offer, o.as_str())));
            fields.extend(p.title.as_deref().map(|t| (MatchedIn::Title, t)));
            fields.extend(p.tags.iter().map(|t| (MatchedIn::Tag, t.as_str())));
            fields.extend(p.org.as_deref().map(|o| (MatchedIn::Org, o)));
            if !p.notes.is_empty() {
                fields.push((MatchedIn::Note, p.notes.as_str()));
            }
            for need in &p.needs {
                tok.each_cached(need, &mut cache, |stem, surface| {
                    if shared.iter().any(|s| s == stem) {
                        fields.push((MatchedIn::SharedNeed, surface));
                    }
                });
            }
            sources.push(Source {
                who: Candidate::Person(p.id),
                fields,
            });
        }
        let me_doc = (!my_offers.is_empty()).then(|| {
            sources.push(Source {
                who: Candidate::Me,
                fields: my_offers
                    .iter()
                    .map(|o| (MatchedIn::Offer, o.as_str()))
                    .collect(),
            });
            sources.len() as u32 - 1
        });
        let index = Index::build(&tok, &mut cache, &sources);
        let doc_of = (0..index.len() as u32)
            .filter_map(|d| match index.who(d) {
                Candidate::Person(id) => Some((id, d)),
                Candidate::Me => None,
            })
            .collect();
        let mut needs = Vec::new();
        let mut needs_of = HashMap::new();
        for p in book.active_people() {
            let start = needs.len();
            for (i, text) in p.needs.iter().enumerate() {
                needs.push(Need {
                    at: needs.len(),
                    probe: None,
                    person: p.id,
                    index: i,
                    text: text.clone(),
                    query: index.query(&tok, &mut cache, text),
                });
            }
            needs_of.insert(p.id, (start, needs.len()));
        }
        let semantic = model.map(|m| {
            let phrases: Vec<Vec<&str>> = sources
                .iter()
                .map(|s| {
                    s.fields
                        .iter()
                        .filter(|(f, _)| matches!(f, MatchedIn::Offer | MatchedIn::Title))
                        .map(|(_, t)| *t)
                        .collect()
                })
                .collect();
            let texts: Vec<&str> = needs.iter().map(|n: &Need| n.text.as_str()).collect();
            Semantic::build(m, encoder, &tok, &phrases, &texts)
        });
        let mut introduced = HashSet::new();
        for e in book.entries.iter().filter(|e| e.kind.as_str() == "intro") {
            let ids: Vec<PersonId> = e.people.iter().map(|p| book.survivor(*p)).collect();
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    introduced.insert(pair(*a, *b));
                }
            }
        }
        let dismissed = book
            .dismissed_intros
            .iter()
            .map(|d| {
                let candidate = d.candidate.map(|c| book.survivor(c));
                (book.survivor(d.person), need_key(&d.need), candidate)
            })
            .collect();
        Matcher {
            tok,
            index,
            doc_of,
            me_doc,
            needs,
            needs_of,
            introduced,
            dismissed,
            semantic,
        }
    }
}
