//! The quick-capture popup: a line in the capture grammar, parsed on every
//! keystroke into a preview (or an error with a caret), a dropdown of names
//! while an `@fragment` is typed, and Enter saving it; the popup closes once
//! the line is on disk. The Timeline's `e` edits an entry in it too.

pub mod draw;

use crate::capture::{self, Capture, CaptureError, Parsed, Who};
use crate::model::review;
use crate::model::{Book, Direction, EntryId, Index, PersonId};
use crate::search::SearchIndex;
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::layers::new_person::Named;
use crate::tui::layers::{Ask, Ctx, Layer, NewPerson, Outcome, Question};
use crate::tui::save::{Commit, Then};

/// How many names the dropdown shows.
pub const MAX_MATCHES: usize = 6;

/// What the capture popup holds while it is open.
#[derive(Debug, Clone)]
pub struct CaptureState {
    pub field: TextField,
    /// The entry being edited (`e` on the Timeline), or `None` for a new one.
    pub editing: Option<EntryId>,
    /// The text the popup opened with: Esc on it (unchanged) closes at once.
    pub initial: String,
    /// The line read against the book: what will be saved, or what is wrong.
    pub parsed: Result<Parsed, CaptureError>,
    /// People whose names fit the `@fragment` at the cursor, best first.
    pub matches: Vec<(PersonId, String)>,
    pub highlighted: usize,
    /// Why the last save failed (the text is kept).
    pub save_error: Option<String>,
    /// Whom the review opened the popup for: saving a line that names them
    /// records them as logged, in the same undo step.
    pub for_review: Option<PersonId>,
    /// Once saved, offer to close an open promise of this person that the
    /// line looks like keeping (an intro accepted from the Intros tab).
    pub keeps_for: Option<PersonId>,
    /// The user said yes to a deed dated after today.
    pub future_ok: bool,
    /// Opened on the selected person (`@them `): a first `@` typed replaces
    /// it, so `@other …` names only other.
    pub prefilled: bool,
    /// The new people's names the user settled (the new-person popup), so
    /// saving asks no more about them.
    pub named_new: Vec<String>,
    /// Opened from the review on a waiting line of the phone's inbox
    /// (device file, line key): saving applies that line, in the same undo
    /// step.
    pub from_inbox: Option<crate::model::InboxLine>,
}

impl CaptureState {
    /// The popup on `text`, editing the entry `editing` if given.
    pub fn open(text: String, editing: Option<EntryId>, ctx: &mut Ctx) -> Layer {
        let mut state = CaptureState {
            field: TextField::new(text.clone()),
            editing,
            initial: text,
            parsed: Err(CaptureError {
                span: 0..0,
                kind: capture::CaptureErrorKind::NoPerson,
            }),
            matches: Vec::new(),
            highlighted: 0,
            save_error: None,
            for_review: None,
            keeps_for: None,
            future_ok: false,
            prefilled: false,
            named_new: Vec::new(),
            from_inbox: None,
        };
        state.edited(ctx);
        Layer::Capture(Box::new(state))
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::CaptureSave => return self.save(false, ctx),
            Action::CaptureComplete => {
                if !self.complete(ctx) {
                    self.take_meant(ctx);
                }
            }
            Action::CaptureNext => self.move_highlight(true),
            Action::CapturePrev => self.move_highlight(false),
            Action::CaptureCancel | Action::Back => return self.cancel(ctx),
            _ => return Outcome::Pass,
        }
        Outcome::Keep
    }

    /// Reads the line again and refreshes the dropdown.
    pub fn edited(&mut self, ctx: &mut Ctx) {
        let line = self.field.value();
        let was = self.editing.and_then(|id| ctx.book.entry(id));
        self.parsed = capture::parse_editing(line, ctx.today, ctx.book, ctx.names, ctx.kinds, was);
        self.matches = match fragment(line, self.field.cursor()) {
            // The search index is built on the first `@` after each change.
            Some((_, typed)) => {
                let (book, index) = (ctx.book, ctx.index);
                name_matches(typed, book, ctx.search(), index)
            }
            None => Vec::new(),
        };
        self.highlighted = 0;
    }

    fn move_highlight(&mut self, down: bool) {
        if !self.matches.is_empty() {
            let n = self.matches.len();
            self.highlighted = if down {
                (self.highlighted + 1) % n
            } else {
                (self.highlighted + n - 1) % n
            };
        }
    }

    /// Puts the highlighted name in place of the `@fragment`. False when
    /// there was nothing to accept.
    fn complete(&mut self, ctx: &mut Ctx) -> bool {
        let Some((id, _)) = self.matches.get(self.highlighted) else {
            return false;
        };
        let line = self.field.value();
        let Some((range, _)) = fragment(line, self.field.cursor()) else {
            return false;
        };
        let form = capture::mention(&Who::Known(*id), ctx.book, ctx.names);
        let rest = &line[range.end..];
        let space = if rest.starts_with(' ') { "" } else { " " };
        let before = format!("{}{form}{space}", &line[..range.start]);
        let cursor = before.chars().count() + usize::from(space.is_empty());
        let text = format!("{before}{rest}");
        self.field.set_at(text, cursor);
        self.edited(ctx);
        true
    }

    /// Before a key or a paste types into the line: on a line that is still
    /// only its pre-fill (`@them `), an `@` starts afresh — the entry is about
    /// whoever is typed, not also about the selected person. Any other first
    /// key keeps the pre-fill.
    pub fn before_typing(&mut self, at_sign: bool) {
        if std::mem::take(&mut self.prefilled) && at_sign && self.field.value() == self.initial {
            self.field.set("");
        }
    }

    /// Enter: saves a line that parses (with the name dropdown open too,
    /// unless the arrows moved in it); with unknown names, asks first
    /// (`create_ok` is the answer). The popup closes only once the store's
    /// atomic save returned.
    pub fn save(&mut self, create_ok: bool, ctx: &mut Ctx) -> Outcome {
        // With the dropdown open, Enter takes the name the arrows picked, or
        // any name when the line does not read yet; a line that already
        // reads (the preview shows what will be saved) is saved.
        let pick = self.highlighted > 0 || self.parsed.is_err();
        if pick && self.complete(ctx) {
            return Outcome::Keep;
        }
        let parsed = match &self.parsed {
            Ok(parsed) => parsed.clone(),
            Err(e) => {
                self.save_error = None;
                ctx.fail(format!("not saved: {}", e.kind));
                return Outcome::Keep;
            }
        };
        // Each name not in the book is settled first: a new person (named
        // as the user confirms) or the one it probably meant.
        let unsettled =
            (parsed.capture.people.iter().zip(&parsed.meant)).find_map(|(who, meant)| match who {
                Who::New(name) if !self.named_new.contains(name) => Some((name, meant)),
                _ => None,
            });
        if let Some((name, meant)) = unsettled
            && !create_ok
        {
            return Outcome::Open(NewPerson::open(name, meant.clone()));
        }
        // A deed dated after today makes sense only if the user says so.
        if let Some(doubt) = &parsed.unconfirmed
            && !self.future_ok
        {
            return Outcome::Open(Question::open(
                Ask::FutureDeed(doubt.kind.to_string()),
                ctx.book,
            ));
        }
        let what = logged_words(&parsed.capture, ctx.book, self.editing.is_some());
        let capture = parsed.capture;
        // A line from the phone's inbox, fixed here: logged and applied as one.
        if let (None, Some(line)) = (self.editing, self.from_inbox.clone()) {
            let today = ctx.today;
            let person = self.for_review;
            return Outcome::Commit(Commit::step(
                move |fresh| {
                    let mut op = capture.to_op(fresh);
                    if let Some(person) =
                        person.filter(|p| capture.people.contains(&Who::Known(*p)))
                    {
                        op = review::logged(fresh, person, op, today);
                    }
                    Ok(crate::model::Op::Batch(vec![
                        op,
                        crate::model::Op::ApplyInboxLine(Box::new(line)),
                    ]))
                },
                &what,
                Then::Capture,
            ));
        }
        let commit = match (self.editing, self.for_review) {
            (Some(id), _) => Commit::with(
                move |fresh| Ok(capture.to_edit_op(fresh, id)),
                &what,
                Then::Capture,
            ),
            // Opened by the review for someone the line still names: the
            // review records them as logged, in the same undo step.
            (None, Some(person)) if capture.people.contains(&Who::Known(person)) => {
                let today = ctx.today;
                Commit::step(
                    move |fresh| Ok(review::logged(fresh, person, capture.to_op(fresh), today)),
                    &what,
                    Then::ReviewCapture(person),
                )
            }
            (None, _) => {
                let then = match self.keeps_for {
                    Some(person) => Then::ReviewCapture(person),
                    None => Then::Capture,
                };
                Commit::with(move |fresh| Ok(capture.to_op(fresh)), &what, then)
            }
        };
        Outcome::Commit(commit)
    }

    /// Tab with no name to complete at the cursor: the first name the line
    /// does not know becomes the person it probably meant ("did you mean
    /// Søren Madsen?"). False when there was none to take.
    fn take_meant(&mut self, ctx: &mut Ctx) -> bool {
        let Ok(parsed) = &self.parsed else {
            return false;
        };
        let meant =
            parsed
                .capture
                .people
                .iter()
                .zip(&parsed.meant)
                .find_map(|(who, meant)| match (who, meant.first()) {
                    (Who::New(name), Some((id, _))) => Some((name.clone(), *id)),
                    _ => None,
                });
        match meant {
            Some((typed, id)) => {
                self.rename(&typed, &Who::Known(id), ctx);
                true
            }
            None => false,
        }
    }

    /// The new-person popup settled the line's `typed` name: the line names
    /// whom it said, then is saved (asking about the next unknown name, if
    /// any).
    pub fn named(&mut self, typed: &str, named: Named, ctx: &mut Ctx) -> Outcome {
        let who = match named {
            Named::Existing(id) => Who::Known(id),
            Named::Create(name) => Who::New(name),
        };
        self.rename(typed, &who, ctx);
        if let Who::New(name) = &who {
            let reads_new = matches!(&self.parsed, Ok(p) if p.capture.people.contains(&who));
            if !reads_new {
                ctx.fail(format!(
                    "not saved: \"{}\" names someone already in a line; add them with the person form",
                    crate::text::visible(name)
                ));
                return Outcome::Keep;
            }
            self.named_new.push(name.clone());
        }
        self.save(false, ctx)
    }

    /// Every mention of the unknown name `typed` in the line becomes `who`.
    fn rename(&mut self, typed: &str, who: &Who, ctx: &mut Ctx) {
        let Ok(parsed) = &self.parsed else {
            return;
        };
        let spans: Vec<std::ops::Range<usize>> = (parsed.capture.people.iter())
            .zip(&parsed.person_spans)
            .filter(|(w, _)| matches!(w, Who::New(n) if n == typed))
            .map(|(_, span)| span.clone())
            .collect();
        let form = capture::mention(who, ctx.book, ctx.names);
        let mut line = self.field.value().to_string();
        for span in spans.iter().rev() {
            line.replace_range(span.clone(), &form);
        }
        self.field.set(line);
        self.edited(ctx);
    }

    /// The line did not reach the disk: the popup stays with its text and
    /// the error, and reads the line against the book (it may have been
    /// reloaded).
    pub fn not_saved(&mut self, error: Option<String>, ctx: &mut Ctx) {
        self.save_error = error;
        self.edited(ctx);
    }

    /// Esc: closes at once when nothing was typed, else asks.
    fn cancel(&self, ctx: &mut Ctx) -> Outcome {
        let text = self.field.value();
        if text.trim().is_empty() || text == self.initial {
            Outcome::Close
        } else {
            Outcome::Open(Question::open(Ask::DiscardCapture, ctx.book))
        }
    }
}

/// "logged favor for Ana García" (or "edited …").
fn logged_words(c: &Capture, book: &Book, editing: bool) -> String {
    let names: Vec<String> = c
        .people
        .iter()
        .map(|w| match w {
            Who::Known(id) => book.name_of(*id),
            Who::New(name) => name.clone(),
        })
        .collect();
    let verb = if editing { "edited" } else { "logged" };
    let to = match c.direction {
        Direction::Gave => "for",
        Direction::Received => "from",
        Direction::Mutual => "with",
    };
    format!("{verb} {} {to} {}", c.kind, names.join(", "))
}

/// The `@word` the cursor (a char index) is in or just after: its byte range
/// (from the `@` to the end of the word) and the typed name after the `@`.
/// `None` when the cursor is not in a mention, or the name is empty or quoted.
pub fn fragment(line: &str, cursor: usize) -> Option<(std::ops::Range<usize>, &str)> {
    let at = line
        .char_indices()
        .nth(cursor)
        .map_or(line.len(), |(i, _)| i);
    let start = line[..at].rfind(char::is_whitespace).map_or(0, |i| {
        i + line[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = line[at..]
        .find(char::is_whitespace)
        .map_or(line.len(), |i| at + i);
    let word = &line[start..end];
    let name = word.strip_prefix('@')?;
    let typed = &line[start + 1..at];
    (!typed.is_empty() && !name.starts_with('"')).then_some((start..end, typed))
}

/// Active people whose name or a nickname fits `typed` (dots as spaces),
/// best first, from the same search engine as the finder.
pub fn name_matches(
    typed: &str,
    book: &Book,
    search: &SearchIndex,
    index: &Index,
) -> Vec<(PersonId, String)> {
    search
        .names(&typed.replace('.', " "), book, index, MAX_MATCHES)
        .into_iter()
        .map(|hit| (hit.person, book.name_of(hit.person)))
        .collect()
}
