//! The person form (`a` adds, `e` edits): what is typed, where the focus
//! is, what is wrong, and its keys. The fields and their checks are in
//! [`fields`].
//!
//! Nothing typed is ever thrown away: the texts stay as typed, errors sit
//! beside them in `errors`, and a save with errors only moves the focus.

pub mod draw;
pub mod fields;

use chrono::NaiveDate;
use ratatui_textarea::TextArea;
use std::collections::BTreeMap;

use crate::model::{Book, Op, Person, PersonId};
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::keys::key::Key;
use crate::tui::layers::{Ask, Ctx, Layer, Outcome, Question};
use crate::tui::save::{Commit, Then};

pub use fields::{Field, Texts, build, check, items, list, texts_of};

/// The open form: what is typed, where the focus is, what is wrong.
pub struct FormState {
    /// The person edited (`None`: adding someone new).
    pub editing: Option<PersonId>,
    /// What the form started from (the person edited, or an empty one).
    pub base: Person,
    pub fields: Vec<TextField>,
    pub notes: TextArea<'static>,
    pub focus: Field,
    pub errors: BTreeMap<Field, String>,
    started: Texts,
}

impl FormState {
    /// The form on `base` (an empty person to add someone new).
    pub fn open(base: Person, book: &Book) -> Layer {
        Layer::Form(Box::new(FormState::new(base, book)))
    }

    /// Tab/Enter move on (Enter on the notes saves), Ctrl-s saves, Esc asks
    /// before dropping anything typed.
    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::Next => self.move_focus(1, ctx.book, ctx.today),
            Action::Prev => self.move_focus(-1, ctx.book, ctx.today),
            Action::Submit if !self.is_last() => self.move_focus(1, ctx.book, ctx.today),
            Action::Submit | Action::Save => return self.save(ctx),
            Action::Back if self.changed() => {
                return Outcome::Open(Question::open(Ask::DiscardForm, ctx.book));
            }
            Action::Back => return Outcome::Close,
            _ => return Outcome::Pass,
        }
        Outcome::Keep
    }

    /// The person as the form has them, committed; the form closes once the
    /// change is on disk.
    fn save(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(person) = self.submit(ctx.book, ctx.today) else {
            let n = self.errors.len();
            ctx.fail(format!(
                "{} to fix before saving",
                crate::text::count(n, "field", "fields")
            ));
            return Outcome::Keep;
        };
        let commit = match self.editing {
            Some(_) if person == self.base => {
                ctx.say("nothing changed".into());
                return Outcome::Close;
            }
            Some(_) => {
                let what = format!("edited {}", person.name);
                let op = Op::edit_person(&self.base, person);
                Commit::op(op, &what, Then::Form { added: None })
            }
            None => {
                let what = format!("added {}", person.name);
                let added = Some(person.name.clone());
                Commit::op(Op::AddPerson(person), &what, Then::Form { added })
            }
        };
        Outcome::Commit(commit)
    }

    /// In the notes (a text area), keys go to the text; Ctrl-j is a new line.
    pub fn type_into_notes(&mut self, key: Key) {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        if key.code == KeyCode::Char('j') && key.mods.contains(KeyModifiers::CONTROL) {
            self.notes.insert_newline();
        } else {
            self.notes.input(KeyEvent::new(key.code, key.mods));
        }
    }

    pub fn new(base: Person, book: &Book) -> FormState {
        let texts = texts_of(&base, book);
        let fields = Field::ALL[..Field::Notes.at()]
            .iter()
            .map(|f| TextField::new(texts[f.at()].clone()))
            .collect();
        let mut notes = TextArea::new(texts[Field::Notes.at()].lines().map(String::from).collect());
        notes.set_cursor_line_style(ratatui::style::Style::default());
        FormState {
            editing: Some(base.id).filter(|id| id.0 != 0),
            base,
            fields,
            notes,
            focus: Field::Name,
            errors: BTreeMap::new(),
            started: texts,
        }
    }

    pub fn texts(&self) -> Texts {
        let mut t: Texts = Default::default();
        for (i, f) in self.fields.iter().enumerate() {
            t[i] = f.value().to_string();
        }
        t[Field::Notes.at()] = self.notes.lines().join("\n");
        t
    }

    pub fn text(&self, field: Field) -> String {
        match field {
            Field::Notes => self.notes.lines().join("\n"),
            f => self.fields[f.at()].value().to_string(),
        }
    }

    /// The focused one-line field (`None` on the notes).
    pub fn field_mut(&mut self) -> Option<&mut TextField> {
        self.fields.get_mut(self.focus.at())
    }

    pub fn changed(&self) -> bool {
        self.texts() != self.started
    }

    pub fn is_last(&self) -> bool {
        self.focus == Field::Notes
    }

    /// Leaves the focused field (checking it) for the one `step` away.
    pub fn move_focus(&mut self, step: isize, book: &Book, today: NaiveDate) {
        self.check_focused(book, today);
        let n = Field::ALL.len() as isize;
        let at = (self.focus.at() as isize + step).rem_euclid(n);
        self.focus = Field::ALL[at as usize];
    }

    pub fn check_focused(&mut self, book: &Book, today: NaiveDate) {
        let f = self.focus;
        match check(f, &self.text(f), book, self.editing, today) {
            Ok(()) => self.errors.remove(&f),
            Err(e) => self.errors.insert(f, e),
        };
    }

    /// The person to save, or (errors shown, focus on the first bad field) none.
    pub fn submit(&mut self, book: &Book, today: NaiveDate) -> Option<Person> {
        match build(&self.texts(), &self.base, book, today) {
            Ok(p) => {
                self.errors.clear();
                Some(p)
            }
            Err(errors) => {
                self.focus = errors[0].0;
                self.errors = errors.into_iter().collect();
                None
            }
        }
    }
}
