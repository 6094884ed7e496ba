//! The precomputed, folded text of every person's searchable fields.

use fuzzy_matcher::skim::SkimMatcherV2;
use std::fmt;
use std::sync::OnceLock;

use super::scan::{LINE_END, fold_ascii, fold_mapped_chars, folded_mask};
use super::typo::{Vocab, VocabBuilder};
use super::{Band, Part};
use crate::model::{Book, Person, PersonId};

/// Folded text of every searchable line of every person, built once per load
/// (or change) of the book and searched on every keystroke.
///
/// All text lives in a few large buffers, so building allocates little and a
/// search allocates nothing per person. The folded text is kept per band, so
/// the first pass of a search (names only, usually) reads one dense buffer.
pub struct SearchIndex {
    pub(super) people: Vec<Slot>,
    pub(super) lines: Vec<Line>,
    /// Per band, every person's folded lines in that band, each ended by
    /// [`LINE_END`], person after person.
    pub(super) folded: [String; 3],
    /// Every line's original text, one after another.
    pub(super) original: String,
    /// For each folded char of each line that needs it, the index of the
    /// original char it came from (per line, starting at [`Line::map`]).
    pub(super) to_original: Vec<u32>,
    /// Every distinct word, for typo checks: built with the index, or (an
    /// index for one search, [`SearchIndex::for_one_search`]) when a search
    /// first looks for a typo.
    vocab: OnceLock<Vocab>,
    pub(super) matcher: SkimMatcherV2,
    /// Each slot's [`Slot::name_rank`] is set ([`SearchIndex::build`]); an
    /// index for one search ranks only the names it has to tell apart
    /// ([`SearchIndex::name_ranks`]).
    names_ranked: bool,
}

/// [`Line::map`] of a line whose folded char i comes from its original char
/// i (ASCII on one line: most of a book), so it keeps no map: a map per char
/// was four bytes for every byte of text.
pub(super) const SAME_CHARS: u32 = u32::MAX;

/// One person: a run of lines, name first, in band order.
pub(super) struct Slot {
    pub id: PersonId,
    /// Position in `book.people` when the index was built.
    pub pos: u32,
    pub archived: bool,
    /// Position in the order of folded names, for ties in the ranking (when
    /// [`SearchIndex::names_ranked`]).
    pub name_rank: u32,
    /// The lines of band `b` are `lines[bounds[b]..bounds[b + 1]]`.
    pub bounds: [u32; 4],
    /// Per band, where the person's lines are in `folded[b]`.
    pub text: [(u32, u32); 3],
    /// Per band, the union of its lines' char masks.
    pub masks: [u64; 3],
}

impl Slot {
    /// The chars of the lines in `band` and the better bands.
    pub fn mask_within(&self, band: Band) -> u64 {
        self.masks[..=band as usize].iter().fold(0, |m, b| m | b)
    }
}

/// Whether `names` (a person's name and nicknames), folded, hold every char
/// of `holding` (see [`SearchIndex::of_names`]).
pub(super) fn names_hold<'a>(
    holding: u64,
    names: impl IntoIterator<Item = &'a str>,
    scratch: &mut String,
) -> bool {
    let mask = names
        .into_iter()
        .fold(0, |m, text| m | folded_mask(text, scratch));
    holding & !mask == 0
}

/// About how much text the index of a book holds, so its buffers are sized
/// once (folding may lengthen a line a little; then a buffer grows once).
struct Sizes {
    /// Bytes per band.
    bands: [usize; 3],
    lines: usize,
}

impl Sizes {
    /// The sizes of the first `bands` bands.
    fn of(book: &Book, bands: usize) -> Sizes {
        let mut sizes = Sizes {
            bands: [0; 3],
            lines: 0,
        };
        let len = |values: &[String]| values.iter().map(|v| v.len() + 1).sum::<usize>();
        for p in &book.people {
            sizes.bands[0] += p.name.len() + 1 + len(&p.nicknames);
            sizes.lines += 1 + p.nicknames.len();
            if bands == 1 {
                continue;
            }
            sizes.bands[1] += len(p.org.as_slice()) + len(p.title.as_slice()) + len(&p.tags);
            sizes.bands[2] += len(&p.emails)
                + len(&p.links)
                + len(p.met.context.as_slice())
                + len(&p.needs)
                + len(&p.offers)
                + p.notes.len()
                + 1
                + p.addresses.len() * 48;
            sizes.lines += 1
                + p.tags.len()
                + p.emails.len()
                + p.needs.len()
                + p.offers.len()
                + p.addresses.len()
                + p.links.len();
        }
        sizes
    }
}

/// One line of one field.
pub(super) struct Line {
    pub field: Part,
    /// Where its folded text is, in the buffer of its band.
    pub folded: (u32, u32),
    pub original: (u32, u32),
    /// Where its map back to the original chars starts in
    /// [`SearchIndex::to_original`], or [`SAME_CHARS`].
    pub map: u32,
    /// The chars of its folded text (see [`super::scan::char_mask`]).
    pub mask: u64,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("people", &self.people.len())
            .field("lines", &self.lines.len())
            .finish()
    }
}

impl SearchIndex {
    pub fn build(book: &Book) -> SearchIndex {
        let mut index = SearchIndex::for_one_search(book);
        index.rank_names();
        let vocab = index.build_vocab();
        let _ = index.vocab.set(vocab);
        index
    }

    /// The index without its typo vocabulary, which the first search that
    /// looks for a typo builds, and without the order of all names, of which
    /// a search needs only those it found: for a single search (`kith find`,
    /// `kith query`), most of which find enough people before a typo pass.
    /// An index kept for many searches (the terminal app's) is
    /// [`SearchIndex::build`]t whole.
    pub fn for_one_search(book: &Book) -> SearchIndex {
        SearchIndex::of_bands(book, 3, |_| true)
    }

    /// An index of names and nicknames only, the other bands left empty, of
    /// the people whose names hold every char of `holding` (a query's
    /// [`super::scan::word_mask`]s): all a search needs when its clean
    /// matches in names fill its limit ([`SearchIndex::search_clean_names`]),
    /// since a clean match in a name holds every char of the query. Whether a
    /// name does is told from its chars alone, before anything is copied or
    /// folded into the index (for "smith", a fifth of the people).
    pub(super) fn of_names(book: &Book, holding: u64) -> SearchIndex {
        let mut scratch = String::new();
        SearchIndex::of_bands(book, 1, |p| {
            let names = std::iter::once(&*p.name).chain(p.nicknames.iter().map(|n| &**n));
            names_hold(holding, names, &mut scratch)
        })
    }

    /// The index of the first `bands` bands of every person `keep` keeps.
    fn of_bands(book: &Book, bands: usize, mut keep: impl FnMut(&Person) -> bool) -> SearchIndex {
        let sizes = Sizes::of(book, bands);
        let mut index = SearchIndex {
            people: Vec::with_capacity(book.people.len()),
            lines: Vec::with_capacity(sizes.lines),
            folded: sizes.bands.map(String::with_capacity),
            original: String::with_capacity(sizes.bands.iter().sum()),
            to_original: Vec::new(),
            vocab: OnceLock::new(),
            matcher: SkimMatcherV2::default().respect_case(),
            names_ranked: false,
        };
        for (pos, person) in book.people.iter().enumerate() {
            if keep(person) {
                index.add_person(pos, person, bands);
            }
        }
        index
    }

    /// The typo vocabulary, built on first use.
    pub(super) fn vocab(&self) -> &Vocab {
        self.vocab.get_or_init(|| self.build_vocab())
    }

    /// How many people the index holds.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// Adds a person's lines in the first `bands` bands (the others empty).
    fn add_person(&mut self, pos: usize, p: &Person, bands: usize) {
        let name: [(Part, &[String]); 2] = [
            // The name is always the first line, even when empty: ranking reads it.
            (Part::Name, std::slice::from_ref(&p.name)),
            (Part::Nickname, &p.nicknames),
        ];
        let work: [(Part, &[String]); 3] = [
            (Part::Org, p.org.as_slice()),
            (Part::Title, p.title.as_slice()),
            (Part::Tag, &p.tags),
        ];
        let addresses: Vec<String> = match bands {
            3 => p.addresses.iter().map(|a| a.labelled()).collect(),
            _ => Vec::new(),
        };
        let other: [(Part, &[String]); 7] = [
            (Part::Email, &p.emails),
            (Part::Link, &p.links),
            (Part::Address, &addresses),
            (Part::Met, p.met.context.as_slice()),
            (Part::Need, &p.needs),
            (Part::Offer, &p.offers),
            (Part::Note, std::slice::from_ref(&p.notes)),
        ];
        let mut bounds = [self.lines.len() as u32; 4];
        let mut text = [(0, 0); 3];
        let mut masks = [0; 3];
        let all: [&[(Part, &[String])]; 3] = [&name, &work, &other];
        for (band, fields) in all.into_iter().enumerate() {
            let fields = if band < bands { fields } else { &[] };
            let start = self.folded[band].len() as u32;
            for (field, values) in fields {
                for value in values.iter() {
                    if *field == Part::Name {
                        masks[band] |= self.add_line(Part::Name, value);
                        continue;
                    }
                    for line in value.lines().filter(|l| !l.trim().is_empty()) {
                        masks[band] |= self.add_line(*field, line);
                    }
                }
            }
            bounds[band + 1] = self.lines.len() as u32;
            text[band] = (start, self.folded[band].len() as u32);
        }
        self.people.push(Slot {
            id: p.id,
            pos: pos as u32,
            archived: p.archived,
            name_rank: 0,
            bounds,
            text,
            masks,
        });
    }

    fn build_vocab(&self) -> Vocab {
        let mut vocab = VocabBuilder::default();
        for (n, slot) in self.people.iter().enumerate() {
            for band in [Band::Name, Band::Work, Band::Other] {
                let lines = &self.lines[self.band_lines(slot, band)];
                for line in lines {
                    vocab.add(n, band, self.folded(line));
                }
            }
        }
        vocab.finish()
    }

    fn rank_names(&mut self) {
        let all: Vec<u32> = (0..self.people.len() as u32).collect();
        for (slot, rank) in all.iter().zip(self.rank_among(&all)) {
            self.people[*slot as usize].name_rank = rank;
        }
        self.names_ranked = true;
    }

    /// The [`Slot::name_rank`]s of `slots`, in their order; for an index
    /// whose names are not ranked, their ranks among themselves, which order
    /// them alike.
    pub(super) fn name_ranks(&self, slots: impl ExactSizeIterator<Item = u32>) -> Vec<u32> {
        if self.names_ranked {
            return slots.map(|n| self.people[n as usize].name_rank).collect();
        }
        self.rank_among(&slots.collect::<Vec<_>>())
    }

    /// Each of `slots`' position among them in the order of folded names
    /// (then of slots).
    fn rank_among(&self, slots: &[u32]) -> Vec<u32> {
        let name = |n: u32| self.folded(&self.lines[self.people[n as usize].bounds[0] as usize]);
        let mut order: Vec<usize> = (0..slots.len()).collect();
        order.sort_by(|a, b| {
            let (a, b) = (slots[*a], slots[*b]);
            name(a).cmp(name(b)).then(a.cmp(&b))
        });
        let mut ranks = vec![0; slots.len()];
        for (rank, i) in order.into_iter().enumerate() {
            ranks[i] = rank as u32;
        }
        ranks
    }

    /// Adds one line and returns its char mask.
    fn add_line(&mut self, field: Part, text: &str) -> u64 {
        let folded = &mut self.folded[field.band() as usize];
        let folded_start = folded.len() as u32;
        let original_start = self.original.len() as u32;
        self.original.push_str(text);
        let (mask, map) = match fold_ascii(text, folded) {
            Some(mask) => (mask, SAME_CHARS),
            None => {
                let map = self.to_original.len() as u32;
                (fold_mapped_chars(text, folded, &mut self.to_original), map)
            }
        };
        let folded_end = folded.len() as u32;
        folded.push(LINE_END);
        self.lines.push(Line {
            field,
            folded: (folded_start, folded_end),
            original: (original_start, self.original.len() as u32),
            map,
            mask,
        });
        mask
    }

    pub(super) fn folded(&self, line: &Line) -> &str {
        let (start, end) = line.folded;
        &self.folded[line.field.band() as usize][start as usize..end as usize]
    }

    pub(super) fn original(&self, line: &Line) -> &str {
        &self.original[line.original.0 as usize..line.original.1 as usize]
    }

    /// A person's folded lines in one band, each ended by [`LINE_END`].
    pub(super) fn band_text(&self, slot: &Slot, band: Band) -> &str {
        let (start, end) = slot.text[band as usize];
        &self.folded[band as usize][start as usize..end as usize]
    }

    /// The range in `lines` of a person's lines in `band`.
    pub(super) fn band_lines(&self, slot: &Slot, band: Band) -> std::ops::Range<usize> {
        slot.bounds[band as usize] as usize..slot.bounds[band as usize + 1] as usize
    }

    /// The index in `lines` of a person's first line in `band`.
    pub(super) fn first_line(&self, slot: &Slot, band: Band) -> u32 {
        slot.bounds[band as usize]
    }

    /// Maps char positions in a line's folded text to positions in its
    /// original text (several folded chars may come from one original char).
    pub(super) fn map_positions(&self, line: &Line, folded: &[usize], out: &mut Vec<usize>) {
        if line.map == SAME_CHARS {
            let chars = (line.original.1 - line.original.0) as usize;
            out.extend(folded.iter().filter(|i| **i < chars));
            return;
        }
        let map = &self.to_original[line.map as usize..];
        out.extend(
            folded
                .iter()
                .filter_map(|i| map.get(*i))
                .map(|o| *o as usize),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_chars_map_back_to_the_original_chars() {
        let mut book = Book::default();
        book.people.push(Person::new(PersonId(1), "Straße José"));
        let index = SearchIndex::build(&book);
        let line = &index.lines[0];
        assert_eq!(index.folded(line), "strasse jose");
        assert_eq!(index.original(line), "Straße José");
        let mut out = Vec::new();
        // "ss" both point at ß (char 4); the folded 'e' of josé at é (char 10).
        index.map_positions(line, &[4, 5, 11], &mut out);
        assert_eq!(out, vec![4, 4, 10]);
    }

    #[test]
    fn every_field_is_indexed_one_line_at_a_time() {
        let mut p = Person::new(PersonId(1), "Ana");
        p.notes = "first line\n\nsecond line".into();
        p.needs = vec!["a designer".into()];
        p.met.context = Some("RustConf".into());
        let mut book = Book::default();
        book.people.push(p);
        let index = SearchIndex::build(&book);
        let fields: Vec<_> = index
            .lines
            .iter()
            .map(|l| (l.field, index.original(l)))
            .collect();
        assert_eq!(
            fields,
            vec![
                (Part::Name, "Ana"),
                (Part::Met, "RustConf"),
                (Part::Need, "a designer"),
                (Part::Note, "first line"),
                (Part::Note, "second line"),
            ]
        );
    }
}
