//! Who `@name` means: every name and nickname in the book, folded once and
//! laid out in one buffer, so resolving a name while the user types scans
//! a few hundred kilobytes instead of chasing 10,000 heap strings.

use super::resolve::{MAX_CANDIDATES, Resolution};
use crate::model::{Book, PersonId};
use crate::text::{fold, fold_char_into};

/// The folded names of a book's people. Build it once per version of the book
/// (after a load or a change) and resolve any number of names with it.
#[derive(Debug, Clone, Default)]
pub struct Names {
    text: String,
    /// Each row's name as written (trimmed), for exact matches before folding.
    written: String,
    rows: Vec<Row>,
}

/// One folded name or nickname, `text[start..end]`.
#[derive(Debug, Clone)]
struct Row {
    id: PersonId,
    archived: bool,
    nickname: bool,
    /// Which letters start a word here (see [`initial_bit`]): lets a scan
    /// skip a row by one AND instead of reading its text.
    initials: u32,
    start: u32,
    end: u32,
    /// `written[written_start..written_end]`.
    written_start: u32,
    written_end: u32,
    /// Which letters the folded text holds (see [`letter_bits`]): lets
    /// [`Names::did_you_mean`] skip a row by one AND.
    letters: u32,
}

/// A bit per ASCII letter, one for everything else that is not a space.
fn letter_bits(s: &str) -> u32 {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .fold(0, |bits, c| bits | initial_bit(c))
}

/// A bit per ASCII letter, one for digits, one for everything else.
fn initial_bit(c: char) -> u32 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << 26,
        _ => 1 << 27,
    }
}

/// Whom a name may find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Among {
    /// Active people, and archived ones by their exact name or id: a capture
    /// (`@old`) never lands on someone out of every view by a prefix.
    Active,
    /// The same, then, when no active person fits, archived people at every
    /// tier: commands that name a person to act on (`kith show`, `archive
    /// --undo`, `edit`, `merge`) reach the archived too.
    ArchivedToo,
}

/// How well a person fits a typed name; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// The whole name or a nickname, exactly as written: with "José Müller"
    /// and "Jose Muller" in the book, `Jose Muller` is the second.
    Verbatim,
    /// The whole name or a nickname, folded.
    Exact,
    /// `@p42`.
    Id,
    /// The first word of the name.
    FirstName,
    /// The start of the name, of one of its words, or of a nickname.
    Prefix,
    /// Pieces that each start a word, in order (`aligar`: ali + gar).
    Initials,
}

impl Names {
    pub fn new(book: &Book) -> Names {
        let mut names = Names::default();
        for p in &book.people {
            names.push(p.id, p.archived, false, &p.name);
            for nick in &p.nicknames {
                names.push(p.id, p.archived, true, nick);
            }
        }
        names
    }

    fn push(&mut self, id: PersonId, archived: bool, nickname: bool, s: &str) {
        let written_start = self.written.len() as u32;
        self.written.push_str(s.trim());
        let start = self.text.len() as u32;
        for c in s.trim().chars() {
            fold_char_into(c, &mut self.text);
        }
        let folded = &self.text[start as usize..];
        let initials = folded
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .fold(0, |bits, c| bits | initial_bit(c));
        self.rows.push(Row {
            id,
            archived,
            nickname,
            initials,
            start,
            end: self.text.len() as u32,
            written_start,
            written_end: self.written.len() as u32,
            letters: letter_bits(&self.text[start as usize..]),
        });
    }

    /// Resolves a typed name (see [`super::resolve_person`] for the rules).
    pub fn resolve(&self, query: &str, book: &Book) -> Resolution<(PersonId, String)> {
        self.resolve_up_to(query, book, MAX_CANDIDATES, Among::Active)
    }

    /// [`Names::resolve`] among whom `among` says, an ambiguity listing at
    /// most `most` people.
    pub fn resolve_up_to(
        &self,
        query: &str,
        book: &Book,
        most: usize,
        among: Among,
    ) -> Resolution<(PersonId, String)> {
        let q = fold(query.trim());
        let Some(q_first) = q.chars().next() else {
            return Resolution::None;
        };
        let (mut best, mut found) = self.scan(query, &q, q_first, false);
        if found.is_empty() && among == Among::ArchivedToo {
            (best, found) = self.scan(query, &q, q_first, true);
        }
        // Exact names of active people beat those of archived ones.
        if best <= Some(Tier::Exact)
            && best.is_some()
            && found.iter().any(|(_, archived)| !archived)
        {
            found.retain(|(_, archived)| !archived);
        }
        if best.is_none_or(|b| b > Tier::Id)
            && let Some(id) = PersonId::parse(&q)
            && let Some(person) = book.person(id)
        {
            return Resolution::One((person.id, person.name.clone()));
        }
        let named = |(id, _): &(PersonId, bool)| (*id, book.name_of(*id));
        match found.as_slice() {
            [] => Resolution::None,
            [one] => Resolution::One(named(one)),
            many => {
                let more = many.len().saturating_sub(most);
                Resolution::Many(many.iter().take(most).map(named).collect(), more)
            }
        }
    }

    /// The best tier any person fits the folded query `q` at, and who fit it
    /// there (with whether they are archived). `loose`: archived people fit at
    /// every tier, not only by their exact name.
    fn scan(
        &self,
        query: &str,
        q: &str,
        q_first: char,
        loose: bool,
    ) -> (Option<Tier>, Vec<(PersonId, bool)>) {
        let q_letters: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        let q_bit = initial_bit(q_first);
        let mut best: Option<Tier> = None;
        let mut found: Vec<(PersonId, bool)> = Vec::new();
        let mut consider = |id: PersonId, archived: bool, tier: Option<Tier>| {
            let Some(tier) = tier else { return };
            match best {
                Some(b) if tier > b => {}
                Some(b) if tier == b => found.push((id, archived)),
                _ => {
                    best = Some(tier);
                    found.clear();
                    found.push((id, archived));
                }
            }
        };
        // Rows of one person are adjacent: keep their best tier.
        let mut current: Option<(PersonId, bool, Option<Tier>)> = None;
        for row in &self.rows {
            let tier = if row.initials & q_bit != 0 {
                let s = &self.text[row.start as usize..row.end as usize];
                a_word_starts_with(s, q_first)
                    .then(|| row_tier(row, s, q, &q_letters, loose))
                    .flatten()
                    .map(|t| match t {
                        Tier::Exact if self.written(row) == query.trim() => Tier::Verbatim,
                        t => t,
                    })
            } else {
                None
            };
            match &mut current {
                Some((id, _, t)) if *id == row.id => *t = min(*t, tier),
                _ => {
                    if let Some((id, archived, t)) = current.take() {
                        consider(id, archived, t);
                    }
                    current = Some((row.id, row.archived, tier));
                }
            }
        }
        if let Some((id, archived, t)) = current {
            consider(id, archived, t);
        }
        (best, found)
    }
}

impl Names {
    fn written(&self, row: &Row) -> &str {
        &self.written[row.written_start as usize..row.written_end as usize]
    }

    /// Whom an unknown name probably meant: the active people with a name,
    /// a word of one or a nickname one edit from it (two, for a name of
    /// nine or more letters), closest first, then in book order; at most
    /// three. `rafeal` → Rafael Costa. Names shorter than four letters
    /// suggest nobody (too many are one edit apart).
    pub fn did_you_mean(&self, name: &str, book: &Book) -> Vec<(PersonId, String)> {
        let q = fold(name.trim());
        let chars = q.chars().count();
        if chars < 4 {
            return Vec::new();
        }
        let most = if chars >= 9 { 2 } else { 1 };
        let q_letters = letter_bits(&q);
        let mut close: Vec<(usize, usize, PersonId)> = Vec::new();
        let rows = self.rows.iter().enumerate();
        // Each edit brings in at most one letter the name lacks.
        let rows = rows
            .filter(|(_, r)| !r.archived && (q_letters & !r.letters).count_ones() as usize <= most);
        for (i, row) in rows {
            let s = &self.text[row.start as usize..row.end as usize];
            let distance = std::iter::once(s)
                .chain(s.split_whitespace())
                .filter(|w| w.chars().count().abs_diff(chars) <= most)
                .map(|w| strsim::osa_distance(&q, w))
                .min();
            if let Some(d) = distance.filter(|d| *d <= most) {
                close.push((d, i, row.id));
            }
        }
        close.sort_unstable();
        let mut out: Vec<(PersonId, String)> = Vec::new();
        for (_, _, id) in close {
            if out.len() == 3 {
                break;
            }
            if !out.iter().any(|(o, _)| *o == id) {
                out.push((id, book.name_of(id)));
            }
        }
        out
    }
}

fn min(a: Option<Tier>, b: Option<Tier>) -> Option<Tier> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The tier at which one folded name or nickname fits the folded query.
fn row_tier(row: &Row, s: &str, q: &str, q_letters: &str, loose: bool) -> Option<Tier> {
    if s == q {
        return Some(Tier::Exact);
    }
    if row.archived && !loose {
        return None;
    }
    if !row.nickname && s.split_whitespace().next() == Some(q) {
        return Some(Tier::FirstName);
    }
    if starts_a_word(s, q) {
        return Some(Tier::Prefix);
    }
    (!row.nickname && word_pieces(q_letters, s)).then_some(Tier::Initials)
}

/// Some word of `s` starts with `first`: every tier needs it, and it is a
/// cheap test that rules out most people.
fn a_word_starts_with(s: &str, first: char) -> bool {
    let mut at_start = true;
    for c in s.chars() {
        if c.is_whitespace() {
            at_start = true;
        } else if at_start {
            if c == first {
                return true;
            }
            at_start = false;
        }
    }
    false
}

/// `q` starts the name or one of its words.
fn starts_a_word(name: &str, q: &str) -> bool {
    name.starts_with(q)
        || name
            .match_indices(char::is_whitespace)
            .any(|(i, s)| name[i + s.len()..].starts_with(q))
}

/// `q` splits into non-empty pieces, each the start of a later word of `name`.
fn word_pieces(q: &str, name: &str) -> bool {
    if q.is_empty() {
        return true;
    }
    let mut rest = name.trim_start();
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let common = q
            .char_indices()
            .zip(rest[..word_end].chars())
            .take_while(|((_, a), b)| a == b)
            .map(|((i, a), _)| i + a.len_utf8())
            .last()
            .unwrap_or(0);
        let after = rest[word_end..].trim_start();
        for len in (1..=common).rev().filter(|l| q.is_char_boundary(*l)) {
            if word_pieces(&q[len..], after) {
                return true;
            }
        }
        rest = after;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::Person;

    fn book(names: &[&str]) -> Book {
        let mut book = Book::default();
        for (i, n) in names.iter().enumerate() {
            book.people.push(Person::new(PersonId(i as u64 + 1), *n));
        }
        book
    }

    #[test]
    fn a_name_as_written_beats_the_same_name_folded() {
        let book = book(&["José Müller", "Jose Muller"]);
        let names = Names::new(&book);
        let one = |q: &str| match names.resolve(q, &book) {
            Resolution::One((id, _)) => Some(id),
            _ => None,
        };
        assert_eq!(one("Jose Muller"), Some(PersonId(2)));
        assert_eq!(one("José Müller"), Some(PersonId(1)));
        assert!(
            matches!(names.resolve("jose muller", &book), Resolution::Many(v, 0) if v.len() == 2),
            "folded alone, both fit"
        );
    }

    #[test]
    fn archived_people_are_reached_by_a_prefix_only_among_archived_too() {
        let mut book = book(&["Bo Chen", "Ana Li"]);
        book.people[0].archived = true;
        let names = Names::new(&book);
        let among = |q: &str, among: Among| match names.resolve_up_to(q, &book, 8, among) {
            Resolution::One((id, _)) => Some(id),
            _ => None,
        };
        assert_eq!(among("bo", Among::Active), None, "@bo never lands on Bo");
        assert_eq!(among("bo", Among::ArchivedToo), Some(PersonId(1)));
        assert_eq!(among("bo chen", Among::Active), Some(PersonId(1)));
        assert_eq!(among("ana", Among::ArchivedToo), Some(PersonId(2)));
    }

    #[test]
    fn did_you_mean_finds_names_one_typo_away() {
        let book = book(&["Rafael Costa", "José García", "Uma Krishnan"]);
        let names = Names::new(&book);
        let meant = |q: &str| -> Vec<String> {
            names
                .did_you_mean(q, &book)
                .into_iter()
                .map(|(_, n)| n)
                .collect()
        };
        assert_eq!(meant("rafeal"), ["Rafael Costa"]);
        assert_eq!(meant("garica"), ["José García"]);
        assert_eq!(meant("jose garcai"), ["José García"]);
        assert_eq!(meant("krishnana"), ["Uma Krishnan"]);
        assert!(meant("zed").is_empty(), "too short to guess");
        assert!(meant("wolfgang").is_empty());
    }

    #[test]
    fn word_pieces_start_words_in_order() {
        assert!(word_pieces("aligar", "alice garcia"));
        assert!(word_pieces("agarcia", "alice garcia"));
        assert!(word_pieces("ag", "ana maria garcia"));
        assert!(!word_pieces("zed", "zoe odegaard"));
        assert!(!word_pieces("gali", "alice garcia"));
        assert!(!word_pieces("alicex", "alice garcia"));
    }
}
