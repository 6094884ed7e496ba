//! Keeping people right from the TUI: the form (`a`, `e`), archive (`A`),
//! merge (`M`: pick, then confirm), delete (`d`: type the name), and the
//! request to edit a person as RON in `$EDITOR` (`E`), which the event loop
//! carries out. Every change is one `commit` (one undo step).

pub mod draw;

use crate::model::{Book, Index, Op, PersonId, merge_op};
use crate::search::{SearchIndex, SearchOptions};
use crate::text::fold;

use crate::tui::app::{App, Mode};
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::layers::form::FormState;
use crate::tui::save::history::Then;

/// The state of the people-editing popups (each `Some` while open).
#[derive(Default)]
pub struct PeopleEdit {
    pub form: Option<FormState>,
    pub confirm: Option<Confirm>,
    pub picker: Option<Picker>,
    pub delete: Option<Delete>,
    /// `E` asked for this person in `$EDITOR`; the event loop takes it.
    pub external: Option<PersonId>,
}

/// What `y` does in the confirm popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Archive(PersonId),
    Merge { from: PersonId, into: PersonId },
    DiscardForm,
}

/// A y/n question.
pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    pub yes: Pending,
}

/// The merge target picker: the finder's fuzzy search (names, nicknames,
/// org, …; accents and case folded), without the person being merged.
pub struct Picker {
    pub from: PersonId,
    pub query: TextField,
    pub results: Vec<PersonId>,
    pub selected: usize,
    search: SearchIndex,
}

/// Delete: the name must be typed; entries naming them block it unless `also`.
pub struct Delete {
    pub id: PersonId,
    pub name: String,
    pub typed: TextField,
    pub entries: usize,
    pub also: bool,
}

impl Picker {
    pub fn refresh(&mut self, book: &Book, facts: &Index) {
        let opts = SearchOptions::default();
        self.results = self
            .search
            .search(self.query.value(), book, facts, &opts)
            .into_iter()
            .map(|hit| hit.person)
            .filter(|id| *id != self.from)
            .collect();
        self.selected = self.selected.min(self.results.len().saturating_sub(1));
    }
}

impl App {
    pub fn people_edit(&self) -> &PeopleEdit {
        &self.edit
    }

    /// The person `E` asked to edit externally, once.
    pub fn take_external(&mut self) -> Option<PersonId> {
        self.edit.external.take()
    }

    /// "Ana Lima (Acme, 5 entries)".
    pub fn describe(&self, id: PersonId) -> String {
        let Some(p) = self.person(id) else {
            return id.to_string();
        };
        let n = self.book.entries_of(id).count();
        let org = p.org.as_deref().unwrap_or("no org");
        let entries = if n == 1 { "entry" } else { "entries" };
        format!("{} ({org}, {n} {entries})", p.name)
    }

    /// The people-editing arms of `update`.
    pub(crate) fn update_people(&mut self, action: Action) {
        match action {
            Action::AddPerson => self.open_form(None),
            Action::EditPerson => {
                if let Some(id) = self.selected_person() {
                    self.open_form(Some(id));
                }
            }
            Action::EditExternal => self.edit.external = self.selected_person(),
            Action::Archive => self.ask_archive(),
            Action::Merge => self.open_picker(),
            Action::Delete => self.open_delete(),
            Action::Next => self.step(1),
            Action::Prev => self.step(-1),
            Action::Submit => self.submit(),
            Action::Save => self.submit_form(),
            Action::Yes => self.yes(),
            Action::No => self.close_people_popup(),
            Action::ToggleAlso => {
                if let Some(d) = &mut self.edit.delete {
                    d.also = !d.also;
                }
            }
            _ => {}
        }
    }

    /// Esc: the form asks before dropping anything typed; other popups close.
    pub(crate) fn back(&mut self) {
        match self.mode() {
            Mode::Form if self.edit.form.as_ref().is_some_and(|f| f.changed()) => {
                self.edit.confirm = Some(Confirm {
                    title: "Discard changes?".into(),
                    lines: vec!["What you typed in the form will be lost.".into()],
                    yes: Pending::DiscardForm,
                });
                self.push(Mode::Confirm);
            }
            Mode::Form | Mode::Confirm | Mode::Picker | Mode::Delete => self.close_people_popup(),
            _ => self.pop(),
        }
    }

    /// Closes the popup on top and forgets its state.
    /// Closes the people popup on top (form, confirm, picker, delete).
    pub(crate) fn close_people_popup(&mut self) {
        match self.mode() {
            Mode::Form => self.edit.form = None,
            Mode::Confirm => self.edit.confirm = None,
            Mode::Picker => self.edit.picker = None,
            Mode::Delete => self.edit.delete = None,
            _ => {}
        }
        self.pop();
    }

    fn open_form(&mut self, id: Option<PersonId>) {
        let base = match id {
            Some(id) => match self.person(id) {
                Some(p) => p.clone(),
                None => return,
            },
            None => Default::default(),
        };
        self.edit.form = Some(FormState::new(base, &self.book));
        self.push(Mode::Form);
    }

    fn step(&mut self, by: isize) {
        match self.mode() {
            Mode::Form => {
                if let Some(form) = &mut self.edit.form {
                    form.move_focus(by, &self.book);
                }
            }
            Mode::Picker => {
                if let Some(p) = &mut self.edit.picker {
                    let n = p.results.len();
                    if n > 0 {
                        p.selected = (p.selected as isize + by).rem_euclid(n as isize) as usize;
                    }
                }
            }
            _ => {}
        }
    }

    fn submit(&mut self) {
        match self.mode() {
            Mode::Form if self.edit.form.as_ref().is_some_and(|f| !f.is_last()) => self.step(1),
            Mode::Form => self.submit_form(),
            Mode::Picker => self.pick(),
            Mode::Delete => self.delete(),
            Mode::Confirm => self.yes(),
            _ => {}
        }
    }

    /// Saves the form (Ctrl-s, or Enter on its last field).
    fn submit_form(&mut self) {
        let Some(form) = &mut self.edit.form else {
            return;
        };
        let Some(person) = form.submit(&self.book) else {
            let n = form.errors.len();
            return self.fail(format!("{n} field(s) to fix before saving"));
        };
        match form.editing {
            Some(_) if person == form.base => {
                self.say("nothing changed".into());
                self.form_saved(None);
            }
            Some(_) => {
                let what = format!("edited {}", person.name);
                let op = Op::edit_person(&form.base, person);
                self.commit(op, &what, Then::Form { added: None });
            }
            None => {
                let what = format!("added {}", person.name);
                let added = Some(person.name.clone());
                self.commit(Op::AddPerson(person), &what, Then::Form { added });
            }
        }
    }

    /// The form's change is on disk: it closes, and a person just added is
    /// selected.
    pub(crate) fn form_saved(&mut self, added: Option<String>) {
        self.close_people_popup();
        if let Some(name) = added
            && let Some(p) = self.book.people.iter().rev().find(|p| p.name == name)
        {
            let id = p.id;
            self.restore_people(Some(id));
        }
    }

    fn ask_archive(&mut self) {
        let Some(id) = self.selected_person() else {
            return;
        };
        let Some(p) = self.person(id) else { return };
        let (title, line) = if p.archived {
            ("Unarchive?", "They come back to every view and the review.")
        } else {
            (
                "Archive?",
                "They leave every view and the review; the file keeps them.",
            )
        };
        self.edit.confirm = Some(Confirm {
            title: title.into(),
            lines: vec![self.describe(id), line.into()],
            yes: Pending::Archive(id),
        });
        self.push(Mode::Confirm);
    }

    fn yes(&mut self) {
        let Some(confirm) = self.edit.confirm.take() else {
            return;
        };
        self.pop();
        match confirm.yes {
            Pending::DiscardForm => self.close_people_popup(),
            Pending::Archive(id) => {
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
            Pending::Merge { from, into } => {
                let what = format!(
                    "merged {} into {}",
                    self.book.name_of(from),
                    self.book.name_of(into)
                );
                // Built under the lock from the freshest book, so entries
                // another process logged for `from` meanwhile move too.
                match merge_op(&self.book, from, into) {
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

    fn open_picker(&mut self) {
        let Some(from) = self.selected_person() else {
            return;
        };
        let mut picker = Picker {
            from,
            query: TextField::default(),
            results: Vec::new(),
            selected: 0,
            search: SearchIndex::build(&self.book),
        };
        picker.refresh(&self.book, &self.index);
        self.edit.picker = Some(picker);
        self.push(Mode::Picker);
    }

    /// Called after the picker's query changed.
    pub(crate) fn picker_edited(&mut self) {
        if let Some(p) = &mut self.edit.picker {
            p.selected = 0;
            p.refresh(&self.book, &self.index);
        }
    }

    fn pick(&mut self) {
        let Some(p) = &self.edit.picker else { return };
        let Some(into) = p.results.get(p.selected).copied() else {
            return self.fail("no one matches".into());
        };
        let from = p.from;
        self.close_people_popup();
        self.edit.confirm = Some(Confirm {
            title: "Merge?".into(),
            lines: vec![
                self.describe(from),
                format!("into {}", self.describe(into)),
                "Entries are re-pointed; the old id resolves to the new one.".into(),
            ],
            yes: Pending::Merge { from, into },
        });
        self.push(Mode::Confirm);
    }

    fn open_delete(&mut self) {
        let Some(id) = self.selected_person() else {
            return;
        };
        let Some(p) = self.person(id) else { return };
        self.edit.delete = Some(Delete {
            id,
            name: p.name.clone(),
            typed: TextField::default(),
            entries: self.book.entries_of(id).count(),
            also: false,
        });
        self.push(Mode::Delete);
    }

    fn delete(&mut self) {
        let Some(d) = &self.edit.delete else { return };
        if fold(d.typed.value().trim()) != fold(&d.name) {
            return self.fail(format!("type “{}” to delete them", d.name));
        }
        if d.entries > 0 && !d.also {
            let n = d.entries;
            return self.fail(format!(
                "{n} entries still name {}: C-t to delete them too",
                d.name
            ));
        }
        let (id, what) = (d.id, format!("deleted {}", d.name));
        let op = delete_op(&self.book, id);
        self.commit(op, &what, Then::ClosePopup);
    }
}

/// Deletes `id` with every entry naming them: an entry naming only them goes,
/// one naming others too just drops them; "introduced by" them is cleared.
pub fn delete_op(book: &Book, id: PersonId) -> Op {
    let mut ops = Vec::new();
    for e in book.entries.iter().filter(|e| e.names(id)) {
        if e.people.iter().all(|p| *p == id) {
            ops.push(Op::DeleteEntry(e.id));
        } else {
            let mut e = e.clone();
            e.people.retain(|p| *p != id);
            ops.push(Op::UpdateEntry(e));
        }
    }
    for p in book
        .people
        .iter()
        .filter(|p| p.met.introduced_by == Some(id))
    {
        let mut changed = p.clone();
        changed.met.introduced_by = None;
        ops.push(Op::edit_person(p, changed));
    }
    ops.push(Op::DeletePerson(id));
    Op::Batch(ops)
}

impl App {
    /// In the form's notes, keys go to the text area (Ctrl-j is a new line);
    /// true when the key was the notes'.
    /// The form's notes (a text area, not a one-line field) take the keys.
    pub(crate) fn notes_on_top(&self) -> bool {
        *self.mode() == Mode::Form && self.edit.form.as_ref().is_some_and(|f| f.is_last())
    }

    /// A paste into the form's notes keeps its line breaks; true when the
    /// notes were on top and took it.
    pub(crate) fn paste_into_notes(&mut self, text: &str) -> bool {
        if !self.notes_on_top() {
            return false;
        }
        match &mut self.edit.form {
            Some(form) => form.notes.insert_str(crate::text::clean_text(text)),
            None => false,
        }
    }

    pub(crate) fn type_into_notes(&mut self, key: crate::tui::keys::key::Key) -> bool {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        if *self.mode() != Mode::Form {
            return false;
        }
        let Some(form) = &mut self.edit.form else {
            return false;
        };
        if !form.is_last() {
            return false;
        }
        if key.code == KeyCode::Char('j') && key.mods.contains(KeyModifiers::CONTROL) {
            form.notes.insert_newline();
        } else {
            form.notes.input(KeyEvent::new(key.code, key.mods));
        }
        true
    }
}
