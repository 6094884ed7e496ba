//! `check`: does the file parse, is it a valid book, what does it hold, what
//! looks wrong. Every problem is reported (`file:line:col: …`), not just the first.

use anyhow::Result;
use std::process::ExitCode;

use kith::text::count;

use super::{NoBook, Setup};

pub fn run(setup: &Setup) -> Result<ExitCode> {
    if !setup.file.exists() {
        // Backups beside a missing book: the help to bring it back, exit 2.
        setup.open()?;
        let why = match kith::store::dangling_target(&setup.file) {
            Some(target) => format!("it is a link to {}, which does not exist", target.display()),
            None => "there is no file there".to_string(),
        };
        return Err(NoBook(format!("no book at {}: {why}", setup.file.display())).into());
    }
    let book = setup.read()?;
    let kinds = setup.config.kinds();
    let mut warnings = Vec::new();
    for e in &book.entries {
        if !kinds.is_known(&e.kind) {
            warnings.push(format!(
                "entry {} has kind `{}`, which no config declares (counted as a touch)",
                e.id, e.kind
            ));
        }
    }
    for (a, b, why) in kith::import::possible_duplicates(&book) {
        let name = |id| book.person(id).map_or(String::new(), |p| p.name.clone());
        warnings.push(format!(
            "possible duplicate: {a} “{}” and {b} “{}” {why}; \
             if they are one person: kith merge {b} {a}",
            name(a),
            name(b)
        ));
    }
    for w in &warnings {
        errln!("warning: {w}");
    }
    let archived = book.people.iter().filter(|p| p.archived).count();
    outln!(
        "{}: ok — {} ({archived} archived), {}",
        setup.file.display(),
        count(book.people.len(), "person", "people"),
        count(book.entries.len(), "entry", "entries")
    );
    Ok(ExitCode::SUCCESS)
}
