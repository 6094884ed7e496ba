//! Turning what a user typed (`p12`, `ana`, `José García`) into one person.

use kith::capture::Names;
use kith::model::{Book, PersonId};
use kith::text::fold;

use super::BadInput;

/// Resolves an id or a name: an id, else a name or nickname exactly as
/// written, else an exact name or nickname with case and accents folded,
/// else a unique part of a name. Several matches list them; none suggests
/// the names it is probably a typo of.
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
    let written = |p: &&kith::model::Person| {
        p.name.trim() == query.trim() || p.nicknames.iter().any(|n| n.trim() == query.trim())
    };
    let verbatim: Vec<PersonId> = book.people.iter().filter(written).map(|p| p.id).collect();
    if let [one] = verbatim.as_slice() {
        return Ok(*one);
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
        [] => {
            let meant = Names::new(book).did_you_mean(query, book);
            let names: Vec<&str> = meant.iter().map(|(_, n)| n.as_str()).collect();
            Err(BadInput(match names.as_slice() {
                [] => format!("no one matches `{query}`"),
                [one] => format!("no one matches `{query}`; did you mean {one}?"),
                [init @ .., last] => format!(
                    "no one matches `{query}`; did you mean {} or {last}?",
                    init.join(", ")
                ),
            }))
        }
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
