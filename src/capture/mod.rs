//! The quick-capture grammar: one line in, one entry out. Shared by the TUI's
//! capture popup and `kith log`. Pure: no terminal, no file system, and "now" is
//! the `today` argument.
//!
//! ```text
//! @alice favor: reviewed her pitch deck -2d !+1w
//! @bob <intro: introduced me to @carol
//! @"Ana María" =collab: wrote the grant together yesterday
//! ```
//!
//! # The grammar
//! A line is words separated by whitespace, read in three parts:
//!
//! 1. **The head**, up to and including the kind: `@name` mentions, date and
//!    follow-up tokens in any order, then `kind:`.
//! 2. **The summary**: every word after the kind, except date and follow-up
//!    tokens at its very start or very end.
//! 3. **The tail**: those date and follow-up tokens at the end.
//!
//! Tokens:
//! - `@name` names a person; `@"Ana María"` or `@ana.maria` for names with
//!   spaces (dots become spaces). Several mentions name several people. A
//!   mention in the head is only a mention; one in the summary also stays in
//!   the summary as the person's name (`intro: @bob to @carol` reads
//!   "Bob Li to Carol Ng"). `@p42` names the person with id p42. See
//!   [`resolve_person`] for how names are matched.
//! - `kind:` is the first word ending in `:` (before any summary word): a
//!   built-in or configured kind, any case, or a unique prefix (`fav:`). `<kind:`
//!   means received, `=kind:` mutual, `>kind:` (or nothing) gave. A line
//!   without a kind is an error: kith does not guess what happened.
//! - The entry date: `today`, `yesterday`, `tomorrow`, `+3d`/`-3d`, `-2w`,
//!   `-1m` (months), `2026-11-02`, or a weekday (`mon`…`sun`, `monday`…):
//!   the most recent such day on or before today. Default: today.
//! - The follow-up: `!` and a date form (`!+1w`, `!2026-12-01`, `!fri`).
//!   Relative forms count from today; a weekday is the next one after today.
//! - `promise:` is a kind like any other; its entry starts open.
//!
//! Date-looking words in the middle of the summary are plain text ("called
//! about today's launch"); at the start or end of the summary they are dates.
//! A backslash makes any word plain text: `coffee: walked in the \sun`
//! (without it, `sun` would be last Sunday).
//! An empty summary is fine for a touch (`@bob coffee:` logs a coffee).
//!
//! # What makes no sense
//! A line can be well formed and still not be an entry; these are errors too
//! (see [`Capture::refusal`]): a deed with no summary (`@jose favor:` — what
//! was the favor?), an intro you made naming one person (who was the
//! other? one you received may name only who made it), and a follow-up
//! before today. A deed dated after today is not refused but
//! asked about: the parse succeeds and [`Parsed::unconfirmed`] says what to
//! ask; [`Parsed::require_confirmed`] turns it into an error for callers
//! that cannot ask (`kith log` without `--future`).
//!
//! An unknown `@name` that is probably a typo of someone's name says so:
//! [`Parsed::meant`] lists whom, and [`Parsed::require_known`]'s error says
//! "nobody called rafeal — did you mean Rafael Costa?".

mod dates;
mod error;
mod lex;
mod names;
mod parse;
mod render;
mod resolve;
mod sense;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use std::ops::Range;

use crate::model::{Book, Direction, Entry, EntryId, Kind, Op, Person, PersonId};

pub use dates::date_field;
pub(crate) use dates::{Role as DateRole, parse_date};
pub use error::{CaptureError, CaptureErrorKind};
pub use names::{Among, Names};
pub use parse::{parse, parse_editing, parse_spanned, parse_with};
pub use render::{mention, preview, render, render_capture, when};
pub use resolve::{
    MAX_CANDIDATES, Resolution, complete_person, nobody_called, resolve_kind, resolve_person,
    typed_form,
};

/// Days after an intro you made that kith asks how it went.
pub const INTRO_FOLLOW_UP_DAYS: u64 = 14;

/// Someone a capture names: a person in the book, or a name nobody has yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Who {
    Known(PersonId),
    /// An unknown `@name`: the name as typed (dots as spaces). The TUI offers to
    /// create the person; `kith log` refuses unless `--create`.
    New(String),
}

/// What one capture line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    /// In the order first mentioned, each once.
    pub people: Vec<Who>,
    pub kind: Kind,
    pub direction: Direction,
    pub date: NaiveDate,
    pub summary: String,
    pub follow_up: Option<NaiveDate>,
}

/// A capture and where each person was mentioned in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub capture: Capture,
    /// Byte range of the first mention of each of `capture.people`, same order.
    pub person_spans: Vec<Range<usize>>,
    /// For each of `capture.people`, same order: when it is a [`Who::New`]
    /// whose name is probably a typo, the people probably meant, best first
    /// (at most three); empty otherwise. Show it before offering to create.
    pub meant: Vec<Vec<(PersonId, String)>>,
    /// What to ask before saving, when the line makes sense only if the user
    /// says yes (a deed dated after today, [`CaptureErrorKind::FutureDeed`]),
    /// with the span of what it is about.
    pub unconfirmed: Option<CaptureError>,
}

impl Parsed {
    /// An error pointing at the first person not in the book, if any (for
    /// callers that do not create people, such as `kith log` without `--create`).
    pub fn require_known(&self) -> Result<(), CaptureError> {
        let unknown = self
            .capture
            .people
            .iter()
            .zip(&self.person_spans)
            .zip(self.meant.iter().map(Some).chain(std::iter::repeat(None)))
            .find_map(|((who, span), meant)| match who {
                Who::New(name) => Some((name, span, meant)),
                Who::Known(_) => None,
            });
        match unknown {
            Some((name, span, meant)) => Err(CaptureError {
                span: span.clone(),
                kind: CaptureErrorKind::UnknownPerson {
                    name: name.clone(),
                    meant: meant
                        .into_iter()
                        .flatten()
                        .map(|(_, n)| n.clone())
                        .collect(),
                },
            }),
            None => Ok(()),
        }
    }

    /// The question of [`Parsed::unconfirmed`] as an error, for callers that
    /// save only what needs no yes (`kith log` without `--future`).
    pub fn require_confirmed(&self) -> Result<(), CaptureError> {
        match &self.unconfirmed {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }
}

impl Capture {
    /// The capture an existing entry would parse back to.
    pub fn from_entry(entry: &Entry) -> Capture {
        Capture {
            people: entry.people.iter().map(|p| Who::Known(*p)).collect(),
            kind: entry.kind.clone(),
            direction: entry.direction,
            date: entry.date,
            summary: entry.summary.to_string(),
            follow_up: entry.follow_up,
        }
    }

    /// The names of people this capture would create.
    pub fn new_people(&self) -> impl Iterator<Item = &str> {
        self.people.iter().filter_map(|w| match w {
            Who::New(name) => Some(name.as_str()),
            Who::Known(_) => None,
        })
    }

    /// The operation that saves this capture: adds the new people (with
    /// explicit ids taken from `book`), then the entry naming them. Call it
    /// inside `Store::update(|fresh_book| ...)` so the ids never collide.
    ///
    /// A new intro you made with no follow-up of its own asks in two weeks how
    /// it went ([`INTRO_FOLLOW_UP_DAYS`]), so the review brings it back.
    pub fn to_op(&self, book: &Book) -> Op {
        let (mut ops, mut entry) = self.build(book, EntryId(0));
        if entry.kind.as_str() == "intro"
            && entry.direction != Direction::Received
            && entry.follow_up.is_none()
        {
            entry.follow_up = entry
                .date
                .checked_add_days(chrono::Days::new(INTRO_FOLLOW_UP_DAYS));
        }
        ops.push(Op::AddEntry(entry));
        Op::Batch(ops)
    }

    /// The operation that replaces entry `id` with this capture (the TUI's
    /// edit), keeping whether it was done.
    pub fn to_edit_op(&self, book: &Book, id: EntryId) -> Op {
        let (mut ops, mut entry) = self.build(book, id);
        if let Some(old) = book.entry(id) {
            entry.done = old.done;
            entry.done_on = old.done_on;
        }
        ops.push(Op::UpdateEntry(entry));
        Op::Batch(ops)
    }

    fn build(&self, book: &Book, id: EntryId) -> (Vec<Op>, Entry) {
        let newcomers = self
            .people
            .iter()
            .filter(|w| matches!(w, Who::New(_)))
            .count();
        let mut fresh = book.next_person_ids(newcomers).into_iter();
        let mut ops = Vec::new();
        let mut ids = Vec::with_capacity(self.people.len());
        for who in &self.people {
            match who {
                Who::Known(pid) => ids.push(book.survivor(*pid)),
                Who::New(name) => {
                    let pid = fresh.next().expect("one id per newcomer");
                    ops.push(Op::AddPerson(Person::new(pid, name.clone())));
                    ids.push(pid);
                }
            }
        }
        let mut entry = Entry::new(self.date, ids, self.kind.clone(), &self.summary);
        entry.id = id;
        entry.direction = self.direction;
        entry.follow_up = self.follow_up;
        (ops, entry)
    }
}
