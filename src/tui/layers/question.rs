//! The one yes/no question, for everything that asks first: archive, merge,
//! discard a form or a capture line, delete an entry. One table answers them all: `y` (or Enter) is yes, `n` (or Esc)
//! is no; what a yes does is `App::yes`.

pub mod draw;

use crate::model::{Book, EntryId, PersonId};
use crate::tui::keys::action::Action;
use crate::tui::layers::{Effect, Layer, Outcome};

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
