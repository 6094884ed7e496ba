//! `import [linkedin|google|outlook|vcard|csv] PATH [--dry-run] [--tag TAG]`:
//! people in from other tools, merged with those already in the book, in one
//! atomic save. Without a format, the file's header says which it is.
//! A calendar (`.ics`, a calendar vdir) or mail (maildir, mbox) logs
//! touches instead (see [`kith::touches`]); `--sources` reads those the
//! config names.

use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use kith::import::{self, ImportError, Source};

use super::{BadInput, Setup};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// linkedin, google, outlook, vcard or csv (kith's own export), then the
    /// file; or only the file (for vcard, also a folder of .vcf files, read
    /// recursively), whose format kith recognises.
    #[arg(
        value_name = "FORMAT|PATH",
        required_unless_present = "sources",
        add = clap_complete::ArgValueCompleter::new(super::complete::format_or_path)
    )]
    first: Option<String>,
    /// The file (or folder) to read, when FORMAT comes first.
    #[arg(value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    path: Option<PathBuf>,
    /// Print what would happen (who is added, updated, merged) and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The tag every imported person gets (default: the format's name).
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::tag), long, value_name = "TAG")]
    tag: Option<String>,
    /// Read every calendar and maildir config.ron's `sources:` names.
    #[arg(long, conflicts_with = "first")]
    sources: bool,
    /// For calendars and mail: list the addresses that name nobody in the book.
    #[arg(long)]
    list_unknown: bool,
}

fn source_named(name: &str) -> Option<Source> {
    Source::ALL
        .into_iter()
        .find(|s| s.name().eq_ignore_ascii_case(name))
}

pub fn run(setup: &Setup, a: ImportArgs) -> Result<ExitCode> {
    if a.sources {
        let s = &setup.config.sources;
        if s.is_empty() {
            return Err(BadInput(
                "config.ron names no sources: add sources: (calendars: [\"…\"], maildirs: [\"…\"])"
                    .into(),
            )
            .into());
        }
        let paths: Vec<PathBuf> = s.calendars.iter().chain(&s.maildirs).cloned().collect();
        return touches(setup, &paths, a.dry_run, a.list_unknown);
    }
    let first = a.first.clone().unwrap_or_default();
    if a.path.is_none() && kith::touches::recognise(std::path::Path::new(&first)).is_some() {
        return touches(setup, &[PathBuf::from(&first)], a.dry_run, a.list_unknown);
    }
    let (source, path) = match a.path {
        Some(path) => match source_named(&first) {
            Some(s) => (s, path),
            None => {
                return Err(BadInput(format!(
                    "`{}` is no format kith imports: linkedin, google, outlook, vcard or csv",
                    first
                ))
                .into());
            }
        },
        None => {
            let path = PathBuf::from(&first);
            (import::recognise_path(&path).map_err(to_anyhow)?, path)
        }
    };
    let tag = a.tag.unwrap_or_else(|| source.default_tag().to_string());
    let parsed = import::parse_path(source, &path).map_err(to_anyhow)?;
    let (mut store, mut book) = setup.open()?;
    let report =
        import::import(&mut store, &mut book, parsed, &tag, a.dry_run).map_err(to_anyhow)?;
    if a.dry_run {
        outln!("dry run, nothing written: {report}{}", report.names());
    } else {
        outln!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Touches from calendars and mail: read outside the lock, matched and
/// planned on the freshest book inside it, saved once; exit 2 when an item
/// could not be read (the rest is logged).
fn touches(
    setup: &Setup,
    paths: &[PathBuf],
    dry_run: bool,
    list_unknown: bool,
) -> Result<ExitCode> {
    use kith::touches::{Plan, Report, cache, find, plan, read_cached};
    let settings = setup.config.touch_settings();
    // Long on a large maildir: said on a terminal, nothing when piped.
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    if tty {
        eprint!(
            "reading {} …\r",
            kith::text::count(paths.len(), "source", "sources")
        );
    }
    let raw = read_cached(paths, cache::dir().as_deref());
    if tty {
        eprint!("\x1b[2K\r");
    }
    let (mut store, mut book) = setup.open()?;
    let today = setup.today;
    let mut found = find(&raw, &book, &settings, today);
    let mut planned = plan(&book, &found, today);
    if !dry_run && !planned.is_empty() {
        store.update(&mut book, |fresh| {
            found = find(&raw, fresh, &settings, today);
            planned = plan(fresh, &found, today);
            Ok(planned.op())
        })?;
    }
    let _: &Plan = &planned;
    if dry_run {
        outln!(
            "dry run, nothing written: {}",
            Report {
                found: &found,
                plan: &planned,
                dry_run
            }
        );
    } else {
        outln!(
            "{}",
            Report {
                found: &found,
                plan: &planned,
                dry_run
            }
        );
    }
    if list_unknown {
        for (addr, n) in &found.unknown {
            outln!("{n:>5}  {}", kith::text::visible(addr));
        }
    }
    if settings.me.is_empty() {
        errln!(
            "kith: config.ron names none of your addresses, so kith cannot tell what you sent: \
             me: (emails: [\"you@example.org\"])"
        );
    }
    if found.problems.bad > 0 {
        return Ok(ExitCode::from(2));
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
