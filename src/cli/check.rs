//! `check`: does the file parse, what does it hold, what looks wrong.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;

pub fn run(ctx: &Ctx) -> Result<ExitCode> {
    let (_, book) = ctx.open()?;
    let kinds = ctx.config.kinds();
    let mut warnings = Vec::new();
    for e in &book.entries {
        for id in &e.people {
            if book.person(*id).is_none() {
                warnings.push(format!("entry {} names {id}, who is not in the book", e.id));
            }
        }
        if !kinds.is_known(&e.kind) {
            warnings.push(format!(
                "entry {} has kind `{}`, which no config declares (counted as a touch)",
                e.id, e.kind
            ));
        }
    }
    for w in &warnings {
        errln!("warning: {w}");
    }
    let archived = book.people.iter().filter(|p| p.archived).count();
    outln!(
        "{}: ok — {} people ({archived} archived), {} entries",
        ctx.file.display(),
        book.people.len(),
        book.entries.len()
    );
    Ok(ExitCode::SUCCESS)
}
