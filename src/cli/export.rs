//! `export vcard|csv|md|ics [--out PATH]`: the book in another format, to
//! stdout or atomically to a file; `export vcard --out DIR/` writes a vdir
//! (one card per person), `export csv --google` Google Contacts' format.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use kith::export::{self, Format};

use super::{BadInput, Setup};

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
    /// Write here (atomically) instead of to stdout. For vcard, a folder (a
    /// path ending in `/`, or one that exists) becomes a vdir: one .vcf per
    /// person (archived people left out), named by UID; cards kith wrote for
    /// people no longer in it are removed, other files are left alone, and a
    /// card changed or deleted elsewhere since kith wrote it is left for
    /// `kith import DIR` (or `kith contacts sync DIR`) to read.
    #[arg(long, value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    out: Option<PathBuf>,
    /// With csv: Google Contacts' import format instead of kith's own.
    #[arg(long)]
    google: bool,
}

pub fn run(setup: &Setup, a: ExportArgs) -> Result<ExitCode> {
    let format = match a.format {
        FormatArg::Vcard => Format::VCard,
        FormatArg::Csv if a.google => Format::GoogleCsv,
        FormatArg::Csv => Format::Csv,
        FormatArg::Md => Format::Markdown,
        FormatArg::Ics => Format::Ics,
    };
    if a.google && format != Format::GoogleCsv {
        return Err(BadInput("--google goes with `export csv`".into()).into());
    }
    let book = setup.read()?;
    if format == Format::Ics && export::ics::is_empty(&book) {
        errln!("nothing to export: no open promises, follow-ups or birthdays in the book");
        return Ok(ExitCode::FAILURE);
    }
    if let (Format::VCard, Some(dir)) = (format, &a.out)
        && (dir.is_dir() || dir.as_os_str().to_string_lossy().ends_with('/'))
    {
        let r = export::vdir::write(&book, dir)
            .with_context(|| format!("writing the vdir {}", dir.display()))?;
        say_vdir(&r, dir);
        return Ok(ExitCode::SUCCESS);
    }
    let text = export::render(format, &book, &setup.config.kinds(), setup.today);
    match a.out {
        None => std::io::stdout()
            .lock()
            .write_all(kith::text::visible(&text).as_bytes())
            .context("writing to stdout")?,
        Some(path) => {
            kith::store::write_private(&path, text.as_bytes(), true)
                .with_context(|| format!("writing {}", path.display()))?;
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

/// What a vdir export did, on stderr.
pub(super) fn say_vdir(r: &export::vdir::VdirReport, dir: &std::path::Path) {
    errln!(
        "wrote {} cards to {} ({} unchanged, {} removed)",
        r.written,
        dir.display(),
        r.unchanged,
        r.removed.len()
    );
    for path in &r.removed {
        errln!("  removed {}", path.display());
    }
    for (name, path) in &r.changed_elsewhere {
        errln!(
            "  left {} as it is: {name}'s card changed elsewhere since kith wrote it; `kith import {}` reads it",
            path.display(),
            dir.display()
        );
    }
    for name in &r.deleted_elsewhere {
        errln!(
            "  not written: {name}'s card was deleted elsewhere; `kith import {}` archives them",
            dir.display()
        );
    }
}
