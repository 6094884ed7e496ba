//! The rules the review applies, as model values: how many people a day,
//! when an idle coffee or an unreturned deed becomes a reason, which kind a
//! "reached out" is logged as, everyone's cadence, and the kinds. Config
//! builds them (`Config::review_rules`, in the config layer above); the
//! review never reads config itself, so the domain depends on nothing above it.

use crate::model::{Cadences, Kinds};

#[derive(Debug, Clone)]
pub struct ReviewRules {
    /// The kinds, built in and the user's own, with their weights.
    pub kinds: Kinds,
    /// At most this many people a day (`review_size`).
    pub size: usize,
    /// A coffee-only acquaintance idle this many days is a reason.
    pub coffee_days: u32,
    /// A deed received and not returned for this many days is a reason.
    pub reciprocate_days: u32,
    /// The kind a "reached out" on a passed cadence is logged as.
    pub touch_kind: String,
    pub cadences: Cadences,
}

impl Default for ReviewRules {
    /// The rules of an empty config.
    fn default() -> Self {
        ReviewRules {
            kinds: Kinds::default(),
            size: 10,
            coffee_days: 14,
            reciprocate_days: 21,
            touch_kind: "message".to_string(),
            cadences: Cadences::default(),
        }
    }
}
