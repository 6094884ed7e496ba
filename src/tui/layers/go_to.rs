//! `#`: go to a person by their id (`p12`, or just `12`), as the CLI prints
//! it: Enter opens their card on the People tab.

pub mod draw;

use crate::model::{Book, PersonId};
use crate::tui::field::TextField;
use crate::tui::keys::action::Action;
use crate::tui::layers::{CardLayer, Ctx, Effect, Layer, Outcome};

#[derive(Default)]
pub struct GoTo {
    pub field: TextField,
}

impl GoTo {
    pub fn open() -> Layer {
        Layer::GoTo(GoTo::default())
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Ctx) -> Outcome {
        match action {
            Action::Submit => match self.person(ctx.book) {
                Ok(id) => Outcome::CloseThen(Effect::ToPeople {
                    select: Some(id),
                    open: CardLayer::open(id),
                }),
                Err(why) => {
                    ctx.fail(why);
                    Outcome::Keep
                }
            },
            Action::Back => Outcome::Close,
            _ => Outcome::Pass,
        }
    }

    /// The person the typed id names, or why it names no one.
    pub fn person(&self, book: &Book) -> Result<PersonId, String> {
        let typed = self.field.value().trim();
        if typed.is_empty() {
            return Err("type an id, e.g. p12".into());
        }
        let id = PersonId::parse(typed).ok_or_else(|| format!("not an id: {typed}"))?;
        match book.person(id) {
            Some(_) => Ok(id),
            None => Err(format!("no one has the id {id}")),
        }
    }
}
