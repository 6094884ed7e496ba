//! Turning what a user typed (`p12`, `ana`, `José García`) into one person,
//! with the resolver `@name` uses ([`kith::capture::resolve_person`]): the
//! same text finds the same person, or the same ambiguity, in every command.

use kith::capture::{Among, MAX_CANDIDATES, Names, Resolution, nobody_called};
use kith::model::{Book, PersonId};

use super::BadInput;

/// Resolves an id or a name as `@name` does, reaching archived people too
/// when no active one fits (a command may act on them: `archive --undo`);
/// several matches list them (by id, to name one), none says whom it
/// probably meant.
pub fn person(book: &Book, query: &str) -> Result<PersonId, BadInput> {
    if query.trim().is_empty() {
        return Err(BadInput("name a person (a name or an id like p12)".into()));
    }
    let names = Names::new(book);
    match names.resolve_up_to(query, book, MAX_CANDIDATES, Among::ArchivedToo) {
        Resolution::One((id, _)) => Ok(id),
        Resolution::None => {
            let meant: Vec<String> = names
                .did_you_mean(query, book)
                .into_iter()
                .map(|(_, name)| name)
                .collect();
            Err(BadInput(nobody_called(query.trim(), &meant)))
        }
        Resolution::Many(many, more) => {
            let mut list: Vec<String> = many
                .iter()
                .map(
                    |(id, name)| match book.person(*id).and_then(|p| p.org.as_ref()) {
                        Some(org) => format!("  {id}  {name} ({org})"),
                        None => format!("  {id}  {name}"),
                    },
                )
                .collect();
            if more > 0 {
                list.push(format!("  and {more} more"));
            }
            Err(BadInput(format!(
                "`{}` could be {} people; name one by id:\n{}",
                query.trim(),
                many.len() + more,
                list.join("\n")
            )))
        }
    }
}
