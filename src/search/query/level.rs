//! How well a word matched a person: the nine levels (three bands, each
//! matched cleanly, with a typo or loosely), and what a scan of one word for
//! one person has found so far.

use crate::search::Band;

/// How well a word matched a person: a band, and how (see [`How`]). Clean
/// matches in every band rank before typo matches, and those before loose
/// ones, so `acme` finds the people at Acme before Grace Mensah, whose name
/// merely holds an a, c, m and e, and `rafeal` finds Rafael before anyone
/// whose notes hold an r, a, f, e, a and l in that order. Levels 0..3 are the
/// bands matched cleanly, 3..6 with a typo, 6..9 loosely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Level(pub(super) u8);

/// How a word matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// See [`is_clean`].
    Clean,
    /// One edit from a word (see [`super::typo`]).
    Typo,
    /// Any subsequence the fuzzy matcher accepts.
    Loose,
}

/// In the scan state of a word: it matched.
pub(super) const MATCHED: u8 = u8::MAX;

/// Every band's bit in [`Scan::no_loose`].
pub(super) const ALL_BANDS: u8 = 0b111;

/// What the passes so far found out about one word of the query for one person.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Scan {
    /// How many of the levels have been scanned without a match, or [`MATCHED`].
    pub(super) done: u8,
    /// A bit per band (`1 << band`) in which no line holds the word even
    /// loosely: its loose level need not be scanned.
    pub(super) no_loose: u8,
}

pub(super) const LEVELS: [Level; 9] = [
    Level(0),
    Level(1),
    Level(2),
    Level(3),
    Level(4),
    Level(5),
    Level(6),
    Level(7),
    Level(8),
];

/// The levels of a names-only search: the name band, clean, typo, loose.
pub(super) const NAME_LEVELS: [Level; 3] = [Level(0), Level(3), Level(6)];

/// The score of a word matched with a typo, per char of the word: about what
/// the fuzzy matcher gives a loose match, so a typo in one word of several
/// does not outweigh the others.
pub(super) const TYPO_SCORE_PER_CHAR: i64 = 12;

impl Level {
    pub(super) fn band(self) -> Band {
        BANDS[self.0 as usize % 3]
    }

    pub(super) fn how(self) -> How {
        match self.0 / 3 {
            0 => How::Clean,
            1 => How::Typo,
            _ => How::Loose,
        }
    }

    /// The widest band a match at this level or a better one can be in.
    pub(super) fn widest_band(self) -> Band {
        BANDS[usize::from(self.0.min(2))]
    }
}

pub(super) const BANDS: [Band; 3] = [Band::Name, Band::Work, Band::Other];
