//! What can be wrong with a capture line, and where.

use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthChar;

use super::resolve::nobody_called;
use crate::model::{Kind, PersonId};

/// A line that does not make an entry: what is wrong (`kind`) and where
/// (`span`, a byte range in the line; empty when something is missing).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct CaptureError {
    pub span: Range<usize>,
    pub kind: CaptureErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureErrorKind {
    /// Nobody is named with `@`.
    NoPerson,
    /// No `kind:` before the summary. `hint`: the first word would be a kind
    /// with a colon (`coffee with bob` → `coffee:`).
    NoKind { hint: Option<Kind> },
    /// A `kind:` that is no kind; the closest kinds, best first.
    UnknownKind {
        given: String,
        suggestions: Vec<Kind>,
    },
    /// A prefix of several kinds (`co:` → coffee, collab).
    AmbiguousKind {
        given: String,
        candidates: Vec<Kind>,
    },
    /// A name that fits several people equally well; `more` did not fit the list.
    AmbiguousPerson {
        given: String,
        candidates: Vec<(PersonId, String)>,
        more: usize,
    },
    /// A name nobody in the book has (only from [`super::Parsed::require_known`]);
    /// `meant`: the people whose names it is probably a typo of, best first.
    UnknownPerson { name: String, meant: Vec<String> },
    /// A deed with nothing said about it (`@jose favor:`): what was done?
    EmptySummary { kind: Kind },
    /// An intro you made naming one person: who was the other?
    IntroNeedsTwo,
    /// A follow-up before today.
    FollowUpInPast { date: NaiveDate },
    /// A deed dated after today. Not refused outright but asked about: see
    /// [`super::Parsed::unconfirmed`].
    FutureDeed { kind: Kind, date: NaiveDate },
    /// `@"…` without its closing quote.
    UnclosedQuote,
    /// A date or follow-up token that is not a date.
    BadDate { given: String },
    /// A second date or second follow-up.
    Twice { what: &'static str },
}

impl fmt::Display for CaptureErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CaptureErrorKind::*;
        match self {
            NoPerson => f.write_str("name someone with @, e.g. @alice"),
            NoKind { hint: Some(kind) } => {
                write!(f, "say what kind it was: `{kind}:` with a colon")
            }
            NoKind { hint: None } => f.write_str(
                "say what kind it was before the summary: favor:, coffee:, intro:, … (<kind: received, =kind: mutual)",
            ),
            UnknownKind { given, suggestions } if suggestions.is_empty() => {
                write!(f, "no kind `{given}:`; the built-in kinds are {KIND_LIST}")
            }
            UnknownKind { given, suggestions } => {
                write!(f, "no kind `{given}:`; did you mean {}?", kinds(suggestions))
            }
            AmbiguousKind { given, candidates } => {
                write!(f, "`{given}:` could be {}", kinds(candidates))
            }
            AmbiguousPerson {
                given,
                candidates,
                more,
            } => {
                let list: Vec<String> = candidates
                    .iter()
                    .map(|(id, name)| format!("{name} ({id})"))
                    .collect();
                write!(f, "@{given} could be {}", list.join(", "))?;
                if *more > 0 {
                    write!(f, " and {more} more")?;
                }
                Ok(())
            }
            UnknownPerson { name, meant } if meant.is_empty() => {
                write!(f, "{} (--create adds them)", nobody_called(name, meant))
            }
            UnknownPerson { name, meant } => write!(
                f,
                "{} (--create adds \"{name}\")",
                nobody_called(name, meant)
            ),
            EmptySummary { kind } => write!(
                f,
                "say what the {kind} was after `{}:`, e.g. `{}: reviewed her deck`",
                kind.as_str().replace(' ', "-"),
                kind.as_str().replace(' ', "-")
            ),
            IntroNeedsTwo => f.write_str(
                "an intro names two people: who was the other? add them with @, e.g. @ana @ben intro: …",
            ),
            FollowUpInPast { date } => write!(
                f,
                "the follow-up {date} is in the past: give one from today on (!+1w, !fri, !2026-12-01)"
            ),
            FutureDeed { kind, date } if kind.as_str() == "promise" => write!(
                f,
                "{date} is after today: a promise is dated the day you made it; say when it is due with a follow-up (!{date})"
            ),
            FutureDeed { kind, date } => write!(
                f,
                "{date} is after today, and a {kind} is logged once done (one still to do is a promise: with a follow-up)"
            ),
            UnclosedQuote => f.write_str("close the name's quote: @\"Ana María\""),
            BadDate { given } => write!(
                f,
                "`{given}` is not a date: try today, yesterday, -3d, +1w, 2026-11-02, fri (!… for a follow-up)"
            ),
            Twice { what } => write!(f, "a second {what}; give one"),
        }
    }
}

const KIND_LIST: &str =
    "coffee, call, meeting, message, event, favor, intro, help, gift, referral, collab, promise";

/// `a`, `a or b`, `a, b or c`.
fn kinds(list: &[Kind]) -> String {
    let names: Vec<String> = list
        .iter()
        .map(|k| format!("{}:", k.as_str().replace(' ', "-")))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

impl CaptureError {
    /// Whether the line is fine once the user says yes (a deed dated after
    /// today), rather than wrong.
    pub fn needs_confirmation(&self) -> bool {
        matches!(self.kind, CaptureErrorKind::FutureDeed { .. })
    }

    pub(crate) fn new(span: Range<usize>, kind: CaptureErrorKind) -> CaptureError {
        CaptureError { span, kind }
    }

    /// The line, a caret line under the error's span (by display width, so CJK
    /// counts two columns), then the message:
    ///
    /// ```text
    /// @bob fvr: deck
    ///      ^^^^ no kind `fvr:`; did you mean favor:?
    /// ```
    pub fn caret(&self, line: &str) -> String {
        let shown: String = line
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let start = floor_boundary(line, self.span.start);
        let end = floor_boundary(line, self.span.end.max(start));
        let pad = columns(&line[..start]);
        let under = columns(&line[start..end]).max(1);
        format!(
            "{}\n{}{} {}",
            shown.trim_end(),
            " ".repeat(pad),
            "^".repeat(under),
            self.kind
        )
    }
}

/// Display columns, with control characters (tabs) shown as one space.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_control() {
                1
            } else {
                c.width().unwrap_or(0)
            }
        })
        .sum()
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
