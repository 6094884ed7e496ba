//! Turning what a user typed (`p12`, `ana`, `José García`) into one person.

use kith::model::{Book, PersonId};
use kith::text::fold;

use super::BadInput;

/// Resolves an id or a name: an id, else an exact name or nickname (case and
/// accents folded), else a unique part of a name. Several matches list them.
pub fn person(book: &Book, query: &str) -> Result<PersonId, BadInput> {
    if let Some(id) = PersonId::parse(query.trim())
        && let Some(p) = book.person(id)
    {
        return Ok(p.id);
    }
    let q = fold(query.trim());
    if q.is_empty() {
        return Err(BadInput("name a person (a name or an id like p12)".into()));
    }
    let exact: Vec<PersonId> = book
        .people
        .iter()
        .filter(|p| fold(&p.name) == q || p.nicknames.iter().any(|n| fold(n) == q))
        .map(|p| p.id)
        .collect();
    let candidates = if exact.is_empty() {
        book.people
            .iter()
            .filter(|p| {
                fold(&p.name).contains(&q) || p.nicknames.iter().any(|n| fold(n).contains(&q))
            })
            .map(|p| p.id)
            .collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [one] => Ok(*one),
        [] => Err(BadInput(format!("no one matches `{query}`"))),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|id| {
                    let p = book.person(*id).expect("candidate exists");
                    match &p.org {
                        Some(org) => format!("  {id}  {} ({org})", p.name),
                        None => format!("  {id}  {}", p.name),
                    }
                })
                .collect();
            Err(BadInput(format!(
                "`{query}` matches {} people; name one by id:\n{}",
                many.len(),
                list.join("\n")
            )))
        }
    }
}
