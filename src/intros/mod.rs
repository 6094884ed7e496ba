//! Introductions: the deed kith can find for you. One person's need is matched
//! against what the others offer (and, weighted lower, their title, tags,
//! organisation and notes) and against your own offers from the config; each
//! suggestion says which words matched.
//!
//! Pure: no terminal, no files. Build a [`Matcher`] once per book (it owns
//! its data, so it can be built and queried off the UI thread), then ask it
//! for every suggestion, or one person's.

mod ask;
mod concepts;
mod grams;
mod hybrid;
mod index;
mod kept;
mod made;
pub mod meaning;
#[cfg(test)]
mod proptests;
mod safetensors;
pub mod sentence;
mod suggest;
mod tokens;
mod words;

pub use ask::{Asked, Helper, answered, ask, asks};
pub use index::{Candidate, Match, MatchedIn};
pub use kept::promise_kept_by;
pub use made::{HowItWent, IntroMade, intro_promise_summary, intros_made, promised};
pub use suggest::{Matcher, Mutual, Options, Suggestion};
pub use tokens::{Token, Tokenizer};
