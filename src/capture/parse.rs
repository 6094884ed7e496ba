//! From words to a [`Capture`]: which words are the head, the summary and the
//! tail (see the module docs), resolved against the book and the kinds.

use chrono::NaiveDate;
use std::ops::Range;

use super::dates::{Role, parse_date};
use super::lex::{Class, Token, lex};
use super::resolve::{Resolution, resolve_kind, suggest_kinds};
use super::{Capture, CaptureError, CaptureErrorKind, Names, Parsed, Who};
use crate::model::{Book, Direction, Kind, Kinds};
use crate::text::fold;

/// Parses one capture line. See the module docs for the grammar.
///
/// Folds every name in the book first; the TUI, parsing on every keystroke,
/// keeps a [`Names`] and calls [`parse_with`].
pub fn parse(
    line: &str,
    today: NaiveDate,
    book: &Book,
    kinds: &Kinds,
) -> Result<Capture, CaptureError> {
    parse_with(line, today, book, &Names::new(book), kinds).map(|p| p.capture)
}

/// [`parse`], also saying where each person was mentioned.
pub fn parse_spanned(
    line: &str,
    today: NaiveDate,
    book: &Book,
    kinds: &Kinds,
) -> Result<Parsed, CaptureError> {
    parse_with(line, today, book, &Names::new(book), kinds)
}

/// [`parse_spanned`] with the book's names already folded (`names` must be
/// built from this version of `book`).
pub fn parse_with(
    line: &str,
    today: NaiveDate,
    book: &Book,
    names: &Names,
    kinds: &Kinds,
) -> Result<Parsed, CaptureError> {
    parse_editing(line, today, book, names, kinds, None)
}

/// [`parse_with`] for a line that edits `was`: what the entry already was is
/// not refused again (a follow-up date gone by, an intro you logged with one
/// person); only what the edit changes is checked.
pub fn parse_editing(
    line: &str,
    today: NaiveDate,
    book: &Book,
    names: &Names,
    kinds: &Kinds,
    was: Option<&crate::model::Entry>,
) -> Result<Parsed, CaptureError> {
    let known = Known { book, names };
    let tokens = lex(line)?;
    if tokens.is_empty() {
        return Err(CaptureError::new(0..0, CaptureErrorKind::NoPerson));
    }
    let Some(kind_at) = find_kind(&tokens) else {
        // Still report a bad date or name in the head before the missing kind.
        let mut state = State::new(today);
        for t in tokens.iter().take_while(|t| is_head(&t.class)) {
            state.meta(t, &known)?;
        }
        return Err(no_kind(line, &tokens, kinds));
    };
    let after = &tokens[kind_at + 1..];
    let lead = after.iter().take_while(|t| is_date(&t.class)).count();
    let trail = after[lead..]
        .iter()
        .rev()
        .take_while(|t| is_date(&t.class))
        .count();
    let summary_words = &after[lead..after.len() - trail];

    let mut state = State::new(today);
    for t in &tokens[..kind_at] {
        state.meta(t, &known)?;
    }
    let kind_token = &tokens[kind_at];
    let (direction, kind) = kind_of(kind_token, kinds)?;
    for t in &after[..lead] {
        state.meta(t, &known)?;
    }
    let mut words = Vec::with_capacity(summary_words.len());
    for t in summary_words {
        words.push(state.summary_word(t, &known)?);
    }
    for t in &after[after.len() - trail..] {
        state.meta(t, &known)?;
    }
    if state.people.is_empty() {
        let at = line.len() - line.trim_start().len();
        return Err(CaptureError::new(at..at, CaptureErrorKind::NoPerson));
    }
    let (people, person_spans): (Vec<Who>, Vec<_>) = state.people.into_iter().unzip();
    let meant = people
        .iter()
        .map(|who| match who {
            Who::New(name) => names.did_you_mean(name, book),
            Who::Known(_) => Vec::new(),
        })
        .collect();
    let capture = Capture {
        people,
        kind,
        direction,
        date: state.date.as_ref().map_or(today, |(d, _)| *d),
        // One line, single spaces: a quoted `@"  "` inside keeps no run of
        // spaces that its rendering could not give back.
        summary: words
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        follow_up: state.follow_up.as_ref().map(|(d, _)| *d),
    };
    let kept = |refusal: &CaptureErrorKind| match (refusal, was) {
        (CaptureErrorKind::FollowUpInPast { date }, Some(was)) => was.follow_up == Some(*date),
        (CaptureErrorKind::IntroNeedsTwo, Some(was)) => was.people.len() < 2,
        _ => false,
    };
    if let Some(refusal) = capture.refusal(today, kinds).filter(|r| !kept(r)) {
        let span = match &refusal {
            CaptureErrorKind::EmptySummary { .. } => kind_token.span.end..kind_token.span.end,
            CaptureErrorKind::FollowUpInPast { .. } => state.follow_up.map_or(0..0, |(_, s)| s),
            _ => kind_token.span.clone(),
        };
        return Err(CaptureError::new(span, refusal));
    }
    let unconfirmed = capture.doubt(today, kinds).map(|doubt| {
        let span = state.date.map_or(0..0, |(_, s)| s);
        CaptureError::new(span, doubt)
    });
    Ok(Parsed {
        capture,
        person_spans,
        meant,
        unconfirmed,
    })
}

fn is_head(class: &Class) -> bool {
    matches!(
        class,
        Class::Mention { .. } | Class::Date | Class::FollowUp(_)
    )
}

fn is_date(class: &Class) -> bool {
    matches!(class, Class::Date | Class::FollowUp(_))
}

/// The first kind-shaped word with only mentions and dates before it.
fn find_kind(tokens: &[Token]) -> Option<usize> {
    let i = tokens.iter().position(|t| !is_head(&t.class))?;
    matches!(tokens[i].class, Class::Kind { .. }).then_some(i)
}

fn kind_of(token: &Token, kinds: &Kinds) -> Result<(Direction, Kind), CaptureError> {
    let Class::Kind { direction, name } = token.class else {
        unreachable!("find_kind returns kind tokens")
    };
    let err = |kind| Err(CaptureError::new(token.span.clone(), kind));
    match resolve_kind(name, kinds) {
        Resolution::One(kind) => Ok((direction, kind)),
        Resolution::Many(candidates, _) => err(CaptureErrorKind::AmbiguousKind {
            given: name.to_string(),
            candidates,
        }),
        Resolution::None => err(CaptureErrorKind::UnknownKind {
            given: name.to_string(),
            suggestions: suggest_kinds(name, kinds),
        }),
    }
}

/// A line without a kind: point at its first summary word (or its end), and
/// hint when that word is a kind missing its colon.
fn no_kind(line: &str, tokens: &[Token], kinds: &Kinds) -> CaptureError {
    let first = tokens.iter().find(|t| !is_head(&t.class));
    let span = first.map_or_else(
        || {
            let end = line.trim_end().len();
            end..end
        },
        |t| t.span.clone(),
    );
    let hint = first.and_then(|t| {
        let word = t.text.trim_start_matches(['<', '=', '>']);
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        (!word.is_empty())
            .then(|| resolve_kind(word, kinds))
            .and_then(|r| match r {
                Resolution::One(kind) if fold(kind.as_str()) == fold(word) => Some(kind),
                _ => None,
            })
    });
    CaptureError::new(span, CaptureErrorKind::NoKind { hint })
}

/// What a line is read against: the book and its folded names.
struct Known<'a> {
    book: &'a Book,
    names: &'a Names,
}

/// What the words read so far have said.
struct State {
    today: NaiveDate,
    people: Vec<(Who, Range<usize>)>,
    /// The date and follow-up given, with where they were given.
    date: Option<(NaiveDate, Range<usize>)>,
    follow_up: Option<(NaiveDate, Range<usize>)>,
}

impl State {
    fn new(today: NaiveDate) -> State {
        State {
            today,
            people: Vec::new(),
            date: None,
            follow_up: None,
        }
    }

    /// A head or tail word: a mention, a date or a follow-up.
    fn meta(&mut self, t: &Token, known: &Known) -> Result<(), CaptureError> {
        match &t.class {
            Class::Mention { name, .. } => {
                self.mention(name, t, known)?;
            }
            Class::Date => {
                let date = self.date_of(t.text, t, Role::Entry)?;
                set_once(&mut self.date, date, t, "date")?;
            }
            Class::FollowUp(word) => {
                let date = self.date_of(word, t, Role::FollowUp)?;
                set_once(&mut self.follow_up, date, t, "follow-up")?;
            }
            _ => unreachable!("only head and tail words are meta"),
        }
        Ok(())
    }

    /// A summary word's text; a mention also names its person.
    fn summary_word(&mut self, t: &Token, known: &Known) -> Result<String, CaptureError> {
        Ok(match &t.class {
            Class::Mention { name, suffix } => {
                let shown = match self.mention(name, t, known)? {
                    Who::Known(id) => known.book.name_of(id),
                    Who::New(name) => name,
                };
                format!("{shown}{suffix}")
            }
            Class::Escaped(word) => (*word).to_string(),
            _ => t.text.to_string(),
        })
    }

    fn mention(&mut self, name: &str, t: &Token, known: &Known) -> Result<Who, CaptureError> {
        let who = match known.names.resolve(name, known.book) {
            Resolution::One((id, _)) => Who::Known(id),
            Resolution::None => Who::New(name.to_string()),
            Resolution::Many(candidates, more) => {
                return Err(CaptureError::new(
                    t.span.clone(),
                    CaptureErrorKind::AmbiguousPerson {
                        given: name.to_string(),
                        candidates,
                        more,
                    },
                ));
            }
        };
        let seen = self.people.iter().any(|(w, _)| same(w, &who));
        if !seen {
            self.people.push((who.clone(), t.span.clone()));
        }
        Ok(who)
    }

    fn date_of(&self, word: &str, t: &Token, role: Role) -> Result<NaiveDate, CaptureError> {
        parse_date(word, self.today, role).ok_or_else(|| {
            CaptureError::new(
                t.span.clone(),
                CaptureErrorKind::BadDate {
                    given: t.text.to_string(),
                },
            )
        })
    }
}

fn same(a: &Who, b: &Who) -> bool {
    match (a, b) {
        (Who::Known(x), Who::Known(y)) => x == y,
        (Who::New(x), Who::New(y)) => fold(x) == fold(y),
        _ => false,
    }
}

fn set_once(
    slot: &mut Option<(NaiveDate, Range<usize>)>,
    date: NaiveDate,
    t: &Token,
    what: &'static str,
) -> Result<(), CaptureError> {
    if slot.is_some() {
        return Err(CaptureError::new(
            t.span.clone(),
            CaptureErrorKind::Twice { what },
        ));
    }
    *slot = Some((date, t.span.clone()));
    Ok(())
}
