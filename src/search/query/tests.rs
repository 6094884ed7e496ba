//! The query's parts on their own: words, levels and the ranking key.

use chrono::NaiveDate;

use super::level::{How, LEVELS, Level, NAME_LEVELS};
use super::rank::{Candidate, GROUPS, cutoff_group, match_key, tie_key};
use super::words::Query;
use crate::search::Band;
use crate::search::typo::MIN_TYPO_CHARS;

#[test]
fn a_query_is_folded_words_and_their_whole_line() {
    let q = Query::parse("  José   MÜLLER ");
    let words: Vec<&str> = q.words.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(words, ["jose", "muller"]);
    assert_eq!(q.whole, "jose muller");
    assert_eq!(q.mask, q.words[0].mask | q.words[1].mask);
    assert_eq!(q.words[1].chars, 6);
    // Only a word long enough may carry a typo, so only it may lack a char.
    let q = Query::parse("al rafeal");
    assert!(q.words[0].chars < MIN_TYPO_CHARS && q.words[1].chars >= MIN_TYPO_CHARS);
    assert_eq!(q.missing_allowed(Level(3)), 1, "typo level");
    assert_eq!(q.missing_allowed(Level(0)), 0, "clean level");
    assert_eq!(q.missing_allowed(Level(8)), 0, "loose level");
}

#[test]
fn levels_are_three_bands_clean_then_typo_then_loose() {
    let seen: Vec<(Band, How)> = LEVELS.iter().map(|l| (l.band(), l.how())).collect();
    assert_eq!(
        seen,
        [
            (Band::Name, How::Clean),
            (Band::Work, How::Clean),
            (Band::Other, How::Clean),
            (Band::Name, How::Typo),
            (Band::Work, How::Typo),
            (Band::Other, How::Typo),
            (Band::Name, How::Loose),
            (Band::Work, How::Loose),
            (Band::Other, How::Loose),
        ]
    );
    assert!(NAME_LEVELS.iter().all(|l| l.band() == Band::Name));
    assert_eq!(Level(0).widest_band(), Band::Name);
    assert_eq!(Level(7).widest_band(), Band::Other);
}

fn candidate(tier: u8, level: u8, score: i64) -> Candidate {
    let mut c = Candidate {
        slot: 0,
        tier,
        level: Level(level),
        score,
        line: 0,
        key: 0,
    };
    c.key = match_key(&c);
    c
}

#[test]
fn the_ranking_key_orders_tier_then_level_then_higher_score() {
    let better_tier = candidate(0, 8, -5);
    let better_level = candidate(1, 0, 1);
    let higher_score = candidate(1, 2, 90);
    let lower_score = candidate(1, 2, 10);
    assert!(better_tier.key < better_level.key);
    assert!(better_level.key < higher_score.key);
    assert!(higher_score.key < lower_score.key);
    assert_eq!(better_level.group(), LEVELS.len());
    // Ties: the more recent contact first, never contacted last, then names.
    let d = |s: &str| s.parse::<NaiveDate>().ok();
    assert!(tie_key(d("2026-12-01"), 5) < tie_key(d("2026-01-01"), 0));
    assert!(tie_key(d("2020-01-01"), 9) < tie_key(None, 0));
    assert!(tie_key(None, 1) < tie_key(None, 2));
}

#[test]
fn the_cut_off_is_the_group_where_enough_candidates_are_held() {
    let mut groups = [0usize; GROUPS];
    groups[0] = 2;
    groups[4] = 3;
    groups[10] = 7;
    assert_eq!(cutoff_group(&groups, 1), 0);
    assert_eq!(cutoff_group(&groups, 5), 4);
    assert_eq!(cutoff_group(&groups, 6), 10);
    assert_eq!(cutoff_group(&groups, 100), GROUPS - 1, "never enough: all");
}
