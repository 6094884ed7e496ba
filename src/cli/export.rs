//! `export vcard|csv|md|ics [--out PATH]`: the book in another format, to
//! stdout or atomically to a file.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use kith::export::{self, Format};

use super::Ctx;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// vCard 4.0, every person.
    Vcard,
    /// One row per person with the derived facts.
    Csv,
    /// A readable report: each person's card and timeline.
    Md,
    /// iCalendar: open promises, follow-ups and birthdays.
    Ics,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(value_enum)]
    format: FormatArg,
    /// Write here (atomically) instead of to stdout.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, a: ExportArgs) -> Result<ExitCode> {
    let format = match a.format {
        FormatArg::Vcard => Format::VCard,
        FormatArg::Csv => Format::Csv,
        FormatArg::Md => Format::Markdown,
        FormatArg::Ics => Format::Ics,
    };
    let book = ctx.read()?;
    let text = export::render(format, &book, &ctx.config.kinds(), ctx.today);
    match a.out {
        None => std::io::stdout()
            .lock()
            .write_all(kith::text::visible(&text).as_bytes())
            .context("writing to stdout")?,
        Some(path) => {
            let write = || -> std::io::Result<()> {
                let mut file = atomic_write_file::AtomicWriteFile::open(&path)?;
                file.write_all(text.as_bytes())?;
                file.commit()
            };
            write().with_context(|| format!("writing {}", path.display()))?;
            errln!(
                "wrote {} as {} to {}",
                kith::text::count(book.people.len(), "person", "people"),
                format.name(),
                path.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
