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

/// The person a command names, or, with no name given, the one picked on a
/// terminal: asked for a name (resolved as above), then, when several fit,
/// for the number of one. Off a terminal it says what is needed (exit 2).
pub fn person_or_pick(book: &Book, query: Option<&str>, usage: &str) -> Result<PersonId, BadInput> {
    use std::io::IsTerminal;
    if let Some(query) = query {
        return person(book, query);
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(BadInput(format!(
            "name a person: {usage} (a name, the start of one, or an id like p12)"
        )));
    }
    pick(book)
}

/// Asks on the terminal until one person is named (an empty answer gives up).
fn pick(book: &Book) -> Result<PersonId, BadInput> {
    use std::io::{BufRead, Write};
    let names = Names::new(book);
    let ask = |prompt: &str| -> Result<String, BadInput> {
        eprint!("{prompt}");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| BadInput(format!("reading the answer: {e}")))?;
        Ok(line.trim().to_string())
    };
    loop {
        let typed = ask("Who? (a name, the start of one, or an id; empty gives up) ")?;
        if typed.is_empty() {
            return Err(BadInput("nobody picked".into()));
        }
        match names.resolve_up_to(&typed, book, 20, Among::ArchivedToo) {
            Resolution::One((id, _)) => return Ok(id),
            Resolution::None => {
                let meant: Vec<String> = names
                    .did_you_mean(&typed, book)
                    .into_iter()
                    .map(|(_, name)| name)
                    .collect();
                eprintln!("{}", kith::text::visible(&nobody_called(&typed, &meant)));
            }
            Resolution::Many(many, more) => {
                for (n, (id, name)) in many.iter().enumerate() {
                    let org = book.person(*id).and_then(|p| p.org.clone());
                    let org = org.map(|o| format!(" ({o})")).unwrap_or_default();
                    eprintln!(
                        "  {}) {}{}",
                        n + 1,
                        kith::text::visible(name),
                        kith::text::visible(&org)
                    );
                }
                if more > 0 {
                    eprintln!("  and {more} more: type more of the name");
                }
                let which = ask("Which? (a number, or Enter to type again) ")?;
                if let Some((id, _)) = which
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| many.get(n.wrapping_sub(1)))
                {
                    return Ok(*id);
                }
            }
        }
    }
}
