//! `import linkedin|google|vcard PATH [--dry-run] [--tag TAG]`: people in from
//! other tools, merged with those already in the book, in one atomic save.

use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

use kith::import::{self, ImportError, Source};

use super::{BadInput, Ctx};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// LinkedIn's Connections.csv.
    Linkedin,
    /// A Google Contacts CSV export.
    Google,
    /// A .vcf file (one or many cards), or a folder of .vcf files.
    Vcard,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file is.
    #[arg(value_enum)]
    format: Format,
    /// The file to read (for vcard, also a folder of .vcf files).
    path: PathBuf,
    /// Print what would happen and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The tag every imported person gets (default: the format's name).
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
}

pub fn run(ctx: &Ctx, a: ImportArgs) -> Result<ExitCode> {
    let source = match a.format {
        Format::Linkedin => Source::LinkedIn,
        Format::Google => Source::Google,
        Format::Vcard => Source::VCard,
    };
    let tag = a.tag.unwrap_or_else(|| source.name().to_string());
    let parsed = import::parse_path(source, &a.path).map_err(to_anyhow)?;
    let (mut store, mut book) = ctx.open()?;
    let report =
        import::import(&mut store, &mut book, parsed, &tag, a.dry_run).map_err(to_anyhow)?;
    if a.dry_run {
        outln!("dry run, nothing written: {report}");
    } else {
        outln!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A file that is not the named format is bad input (exit 2); the store's
/// errors keep their own exit codes.
fn to_anyhow(e: ImportError) -> anyhow::Error {
    match e {
        ImportError::NotFormat { .. } => BadInput(e.to_string()).into(),
        ImportError::Store(s) => s.into(),
        ImportError::Io { .. } => e.into(),
    }
}
