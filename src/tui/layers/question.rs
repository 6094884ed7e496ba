//! The one yes/no question, for everything that asks first: archive, merge,
//! discard a form or a capture line, delete an entry. One table answers them all: `y` (or Enter) is yes, `n` (or Esc)
//! is no; what a yes does is `App::yes`.

pub mod draw;

use crate::model::{Book, EntryId, Op, PersonId, merge_op};
use crate::tui::app::{App, Exit};
use crate::tui::keys::action::Action;
use crate::tui::layers::{Effect, Layer, Outcome};
use crate::tui::save::Then;

/// What is asked: what a yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    Archive(PersonId),
    Merge {
        from: PersonId,
        into: PersonId,
    },
    /// Close the person form and lose what was typed.
    DiscardForm,
    /// Close the capture popup and lose its line.
    DiscardCapture,
    DeleteEntry(EntryId),
    /// Snoozed `streak` times in a row: make their cadence `to` days instead of `from`.
    LongerCadence {
        person: PersonId,
        from: u32,
        to: u32,
        streak: u32,
    },
    /// The deed just captured looks like keeping this open promise: close it.
    KeepPromise {
        person: PersonId,
        promise: EntryId,
    },
    /// The capture's deed is dated after today: log it anyway?
    FutureDeed(String),
    /// The book's file is gone (deleted or moved): write the book as shown
    /// to a new file there?
    Recreate(std::path::PathBuf),
    /// At start, the book is missing or cut short: bring backup `number`
    /// back as the book? (No leaves kith, the book untouched.)
    Restore {
        number: usize,
        lines: Vec<String>,
    },
}

/// A yes/no question: a title, a few lines, and what a yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub title: String,
    pub lines: Vec<String>,
    pub ask: Ask,
}

impl Question {
    /// The question for `ask`, worded from the book as it is now.
    pub fn open(ask: Ask, book: &Book) -> Layer {
        let (title, lines) = match &ask {
            Ask::Archive(id) => match book.person(*id).is_some_and(|p| p.archived) {
                true => (
                    "Unarchive?".to_string(),
                    vec![
                        summary(book, *id),
                        "They come back to every view and the review.".into(),
                    ],
                ),
                false => (
                    "Archive?".to_string(),
                    vec![
                        summary(book, *id),
                        "They leave every view and the review; the file keeps them.".into(),
                    ],
                ),
            },
            Ask::Merge { from, into } => (
                "Merge?".into(),
                vec![
                    summary(book, *from),
                    format!("into {}", summary(book, *into)),
                    "Entries are re-pointed; the old id resolves to the new one.".into(),
                ],
            ),
            Ask::DiscardForm => (
                "Discard changes?".into(),
                vec!["What you typed in the form will be lost.".into()],
            ),
            Ask::DiscardCapture => (
                "Discard the line?".into(),
                vec!["What you typed in the capture will be lost.".into()],
            ),
            Ask::LongerCadence {
                person,
                from,
                to,
                streak,
            } => (
                "A longer cadence?".into(),
                vec![
                    format!("{} snoozed {streak} times in a row.", book.name_of(*person)),
                    format!("Keep in touch every {to} days instead of {from}?"),
                ],
            ),
            Ask::KeepPromise { promise, .. } => (
                "Promise kept?".into(),
                vec![
                    match book.entry(*promise) {
                        Some(e) => format!("You promised: {}", e.summary),
                        None => "A promise".into(),
                    },
                    "Close it as kept by what you just logged?".into(),
                ],
            ),
            Ask::FutureDeed(why) => (
                "Log a deed in the future?".into(),
                vec![
                    why.clone(),
                    "Log it anyway (a deed you plan is a promise)?".into(),
                ],
            ),
            Ask::Recreate(path) => (
                "The book's file is gone".into(),
                vec![
                    format!("{} was deleted or moved.", path.display()),
                    "Write the book as shown to a new file there?".into(),
                ],
            ),
            Ask::Restore { lines, .. } => ("Restore a backup?".into(), lines.clone()),
            Ask::DeleteEntry(id) => (
                "Delete this entry?".into(),
                vec![match book.entry(*id) {
                    Some(e) => format!("{} with {}", e.kind, names_of(e, book)),
                    None => "an entry".into(),
                }],
            ),
        };
        Layer::Question(Question { title, lines, ask })
    }

    pub fn handle(&mut self, action: Action) -> Outcome {
        match action {
            Action::Yes | Action::Submit => Outcome::CloseThen(Effect::Yes(self.ask.clone())),
            // Without the book there is nothing to show: no leaves kith.
            Action::No | Action::Back if matches!(self.ask, Ask::Restore { .. }) => {
                Outcome::CloseThen(Effect::Quit)
            }
            Action::No | Action::Back => Outcome::Close,
            _ => Outcome::Pass,
        }
    }
}

impl App {
    /// The question on top was answered yes (and has closed).
    pub(crate) fn yes(&mut self, ask: Ask) {
        match ask {
            Ask::DiscardForm | Ask::DiscardCapture => self.pop(),
            Ask::Recreate(_) => self.recreate(),
            Ask::Restore { number, .. } => {
                self.exit = Exit::Restore(number);
                self.quit = true;
            }
            Ask::FutureDeed(_) => {
                if let Some(outcome) = self.capture_on_top(|c, ctx| {
                    c.future_ok = true;
                    c.save(true, ctx)
                }) {
                    self.carry_out(outcome);
                }
            }
            Ask::LongerCadence { person, to, .. } => {
                let Some(before) = self.person(person) else {
                    return;
                };
                let mut after = before.clone();
                after.cadence = Some(to);
                let what = format!("{}: every {to} days now", before.name);
                let op = Op::edit_person(before, after);
                self.commit(op, &what, Then::Nothing);
            }
            Ask::KeepPromise { person, promise } => {
                let what = format!("kept a promise to {}", self.session.book.name_of(person));
                self.commit(
                    Op::SetDone(promise, Some(self.session.today)),
                    &what,
                    Then::Nothing,
                );
            }
            Ask::DeleteEntry(id) => {
                let what = match self.session.book.entry(id) {
                    Some(e) => format!("deleted {}", entry_words(e, &self.session.book)),
                    None => "deleted an entry".to_string(),
                };
                self.commit(Op::DeleteEntry(id), &what, Then::Nothing);
            }
            Ask::Archive(id) => {
                let Some(before) = self.person(id) else {
                    return;
                };
                let mut p = before.clone();
                p.archived = !p.archived;
                let what = match p.archived {
                    true => format!("archived {}", p.name),
                    false => format!("unarchived {}", p.name),
                };
                let op = Op::edit_person(before, p);
                self.commit(op, &what, Then::Nothing);
            }
            Ask::Merge { from, into } => {
                let what = format!(
                    "merged {} into {}",
                    self.session.book.name_of(from),
                    self.session.book.name_of(into)
                );
                // Built under the lock from the freshest book, so entries
                // another process logged for `from` meanwhile move too.
                match merge_op(&self.session.book, from, into) {
                    Ok(_) => self.commit_with(
                        move |fresh| merge_op(fresh, from, into),
                        &what,
                        Then::Select(into),
                    ),
                    Err(e) => self.fail(format!("not merged: {e}")),
                }
            }
        }
    }
}

/// "Ana Lima (Acme, 5 entries)".
pub fn summary(book: &Book, id: PersonId) -> String {
    let Some(p) = book.person(id) else {
        return id.to_string();
    };
    let n = book.entries_of(id).count();
    let org = p.org.as_deref().unwrap_or("no org");
    let entries = if n == 1 { "entry" } else { "entries" };
    format!("{} ({org}, {n} {entries})", p.name)
}

/// "Ana García, Bruno Costa".
fn names_of(e: &crate::model::Entry, book: &Book) -> String {
    let names: Vec<String> = e.people.iter().map(|p| book.name_of(*p)).collect();
    names.join(", ")
}

/// "favor for Ana García".
pub fn entry_words(e: &crate::model::Entry, book: &Book) -> String {
    format!("{} for {}", e.kind, names_of(e, book))
}
