//! `kith ask`: who in the book could help *you*, ranked by how well what they
//! offer matches what you ask and by the relationship. Someone you were in
//! touch with lately, or did deeds with, ranks higher; someone who did you a
//! deed you never returned ranks lower, and it says so ("you owe Ana one:
//! Ana referred you a contract in March"). Pure: `today` is a parameter.

use chrono::{Datelike, NaiveDate};

use super::{Matcher, Suggestion, Tokenizer};
use crate::model::review::{done_for_you, unreturned};
use crate::model::{Book, Direction, Index, Kinds, PersonId, Weight};

/// How many candidates the match is asked for before the relationship
/// reorders them.
const POOL: usize = 12;
/// A debt you have not returned makes a helper count this much.
const OWED_FACTOR: f32 = 0.7;

/// One person who could help you.
#[derive(Debug, Clone, PartialEq)]
pub struct Helper {
    pub candidate: PersonId,
    /// Match and relationship together; higher is better.
    pub score: f32,
    /// The match alone, and why.
    pub matched: f32,
    pub because: Vec<String>,
    /// When you owe them one: what for.
    pub owed: Option<String>,
    /// Days since you were last in touch (`None`: never).
    pub last_contact: Option<i64>,
}

/// One of your asks and its answer: who could help, or who did.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    pub need: String,
    /// A deed someone did for you on it, and when: the ask is closed.
    pub answered: Option<(PersonId, NaiveDate)>,
    /// Best first; empty when answered.
    pub helpers: Vec<Helper>,
}

/// Your asks (standing ones, `standing`: closed by the help you log) with
/// who could help, at most `limit` each.
#[allow(clippy::too_many_arguments)]
pub fn asks(
    matcher: &Matcher,
    book: &Book,
    index: &Index,
    kinds: &Kinds,
    needs: &[String],
    standing: bool,
    today: NaiveDate,
    limit: usize,
) -> Vec<Asked> {
    needs
        .iter()
        .map(|need| {
            let answered = standing
                .then(|| answered(book, kinds, matcher.tokenizer(), need))
                .flatten();
            let helpers = match answered {
                Some(_) => Vec::new(),
                None => ask(matcher, book, index, kinds, need, today, limit),
            };
            Asked {
                need: need.clone(),
                answered,
                helpers,
            }
        })
        .collect()
}

/// Who could help you with `text`, best first, at most `limit`.
pub fn ask(
    matcher: &Matcher,
    book: &Book,
    index: &Index,
    kinds: &Kinds,
    text: &str,
    today: NaiveDate,
    limit: usize,
) -> Vec<Helper> {
    let mut out: Vec<Helper> = matcher
        .ask(text, POOL.max(limit))
        .into_iter()
        .filter_map(|s| helper(&s, book, index, kinds, today))
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.candidate.cmp(&b.candidate))
    });
    out.truncate(limit);
    out
}

fn helper(
    s: &Suggestion,
    book: &Book,
    index: &Index,
    kinds: &Kinds,
    today: NaiveDate,
) -> Option<Helper> {
    let id = s.candidate_id()?;
    let facts = index.facts(id);
    let last_contact = facts.days_since_contact(today);
    // Lately in touch: up to a quarter more, fading over a year.
    let recent = last_contact.map_or(0.0, |d| 0.25 * (1.0 - d.clamp(0, 365) as f32 / 365.0));
    // Deeds either way: up to a fifth more.
    let deeds = (facts.deeds() as f32 * 0.05).min(0.2);
    let owed = (facts.deeds_received > 0)
        .then(|| unreturned(book, facts, kinds))
        .flatten()
        .map(|e| {
            let name = book.name_of(id);
            let first = first_name(&name);
            // "referred you a contract", but "helped you: he wrote me a
            // reference", when the summary is a sentence of its own.
            let first_word = e.summary.split_whitespace().next().unwrap_or_default();
            let clause = ["he", "she", "they", "i", "we", "you", "it"]
                .iter()
                .any(|p| first_word.eq_ignore_ascii_case(p));
            format!(
                "you owe {first} one: {first} {}{} {} {}",
                done_for_you(&e.kind),
                if clause { ":" } else { "" },
                e.summary,
                when(e.date, today)
            )
        });
    let mut score = s.score * (1.0 + recent + deeds);
    if owed.is_some() {
        score *= OWED_FACTOR;
    }
    Some(Helper {
        candidate: id,
        score,
        matched: s.score,
        because: s.because.clone(),
        owed,
        last_contact,
    })
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// "in March" this year or last twelve months, "in March 2024" before.
fn when(date: NaiveDate, today: NaiveDate) -> String {
    let month = date.format("%B");
    if (today - date).num_days() < 330 || date.year() == today.year() {
        format!("in {month}")
    } else {
        format!("in {month} {}", date.year())
    }
}

/// Whether `need` (one of your standing asks) is answered: a deed someone
/// did for you (`@ana <help: …`) whose summary has at least half the ask's
/// words ("reviewed our Kubernetes setup" answers "someone to review our
/// Kubernetes setup"; a review of something else does not). The latest.
pub fn answered(
    book: &Book,
    kinds: &Kinds,
    tok: &Tokenizer,
    need: &str,
) -> Option<(PersonId, NaiveDate)> {
    let mut words: Vec<String> = tok.tokens(need).into_iter().map(|t| t.stem).collect();
    words.sort();
    words.dedup();
    if words.is_empty() {
        return None;
    }
    let on_it = |summary: &str| {
        let theirs: Vec<String> = tok.tokens(summary).into_iter().map(|t| t.stem).collect();
        let shared = words.iter().filter(|w| theirs.contains(w)).count();
        shared * 2 >= words.len()
    };
    book.entries
        .iter()
        .filter(|e| e.direction == Direction::Received && kinds.weight(&e.kind) == Weight::Deed)
        .filter(|e| !e.is_open_promise() && on_it(&e.summary))
        .max_by_key(|e| e.date)
        .and_then(|e| Some((book.survivor(*e.people.first()?), e.date)))
}
