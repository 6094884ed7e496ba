//! `import [linkedin|google|outlook|vcard|csv] PATH [--dry-run] [--tag TAG]`:
//! people in from other tools, merged with those already in the book, in one
//! atomic save. Without a format, the file's header says which it is.

use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use kith::import::{self, ImportError, Source};

use super::{BadInput, Ctx};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// linkedin, google, outlook, vcard or csv (kith's own export), then the
    /// file; or only the file (for vcard, also a folder of .vcf files, read
    /// recursively), whose format kith recognises.
    #[arg(value_name = "FORMAT|PATH")]
    first: String,
    /// The file (or folder) to read, when FORMAT comes first.
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,
    /// Print what would happen (who is added, updated, merged) and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The tag every imported person gets (default: the format's name).
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
}

fn source_named(name: &str) -> Option<Source> {
    Source::ALL
        .into_iter()
        .find(|s| s.name().eq_ignore_ascii_case(name))
}

pub fn run(ctx: &Ctx, a: ImportArgs) -> Result<ExitCode> {
    let (source, path) = match a.path {
        Some(path) => match source_named(&a.first) {
            Some(s) => (s, path),
            None => {
                return Err(BadInput(format!(
                    "`{}` is no format kith imports: linkedin, google, outlook, vcard or csv",
                    a.first
                ))
                .into());
            }
        },
        None => {
            let path = PathBuf::from(&a.first);
            (import::recognise_path(&path).map_err(to_anyhow)?, path)
        }
    };
    let tag = a.tag.unwrap_or_else(|| source.default_tag().to_string());
    let parsed = import::parse_path(source, &path).map_err(to_anyhow)?;
    let (mut store, mut book) = ctx.open()?;
    let report =
        import::import(&mut store, &mut book, parsed, &tag, a.dry_run).map_err(to_anyhow)?;
    if a.dry_run {
        outln!("dry run, nothing written: {report}{}", report.names());
    } else {
        outln!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A file that is not the named format is bad input (exit 2); the store's
/// errors keep their own exit codes.
pub(super) fn to_anyhow(e: ImportError) -> anyhow::Error {
    match e {
        ImportError::NotFormat { .. }
        | ImportError::Unknown { .. }
        | ImportError::Undecodable { .. } => BadInput(e.to_string()).into(),
        ImportError::Store(s) => s.into(),
        ImportError::Io { .. } => e.into(),
    }
}
