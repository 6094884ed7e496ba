//! A capture names someone not in the book: before the line is saved, the
//! new person's name is asked for, pre-filled with the typed name capitalised
//! (`@zed` → "Zed") and editable; when the name looks like a typo of
//! someone's, the popup says whom, and Tab takes them instead (the line then
//! names them). Typed letters go into the name, so neither a reflex `y` nor
//! text meant for the line behind makes a person.

pub mod draw;

use crate::model::PersonId;
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::layers::{Ctx, Effect, Layer, Outcome};

pub struct NewPerson {
    /// The name as the line has it (`zed`, `ana maria`).
    pub typed: String,
    /// The name to create, as the user edits it.
    pub field: TextField,
    /// Whom the typed name is probably a typo of, best first.
    pub meant: Vec<(PersonId, String)>,
}

/// What the popup settled: the line's `typed` name becomes someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// The person kith suggested.
    Existing(PersonId),
    /// A new person with this name.
    Create(String),
}

impl NewPerson {
    pub fn open(typed: &str, meant: Vec<(PersonId, String)>) -> Layer {
        Layer::NewPerson(NewPerson {
            typed: typed.to_string(),
            field: TextField::new(capitalised(typed)),
            meant,
        })
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        let typed = self.typed.clone();
        match action {
            Action::Submit => {
                let name = self.field.value().trim().to_string();
                if name.is_empty() {
                    ctx.fail("a person needs a name".into());
                    return Outcome::Keep;
                }
                Outcome::CloseThen(Effect::Named(typed, Named::Create(name)))
            }
            Action::TakeMeant => match self.meant.first() {
                Some((id, _)) => Outcome::CloseThen(Effect::Named(typed, Named::Existing(*id))),
                None => Outcome::Keep,
            },
            Action::Back => Outcome::Close,
            _ => Outcome::Pass,
        }
    }
}

/// Each word's first letter upper case, the rest as typed: `zed` → `Zed`,
/// `ana maria` → `Ana Maria`, `mcDonald` → `McDonald`.
pub fn capitalised(name: &str) -> String {
    name.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::capitalised;

    #[test]
    fn names_are_capitalised_word_by_word() {
        assert_eq!(capitalised("zed"), "Zed");
        assert_eq!(capitalised("ana maria"), "Ana Maria");
        assert_eq!(capitalised("mcDonald"), "McDonald");
        assert_eq!(capitalised("élodie"), "Élodie");
        assert_eq!(capitalised("王芳"), "王芳");
    }
}
