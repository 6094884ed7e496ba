//! `demo`: open the bundled demo book without touching the user's own file,
//! or write a deterministic synthetic book for tests and benchmarks.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;
use tempfile::TempDir;

use kith::store::write_book;

use super::{BadInput, Setup};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Write a synthetic book instead of opening the demo.
    #[arg(long, requires = "out")]
    generate: bool,
    /// How many people to generate.
    #[arg(long, default_value_t = 1_000, requires = "generate")]
    people: usize,
    /// How many entries to generate.
    #[arg(long, default_value_t = 5_000, requires = "generate")]
    entries: usize,
    /// The seed: the same seed gives the same book.
    #[arg(long, default_value_t = 1, requires = "generate")]
    seed: u64,
    /// Where to write the generated book.
    #[arg(long, value_name = "FILE", requires = "generate")]
    out: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long, requires = "generate")]
    force: bool,
}

pub fn run(setup: &Setup, a: DemoArgs) -> Result<ExitCode> {
    if !a.generate {
        return open(setup);
    }
    let out = a.out.expect("clap requires --out with --generate");
    if out.exists() && !a.force {
        return Err(BadInput(format!(
            "{} exists; pass --force to overwrite it",
            out.display()
        ))
        .into());
    }
    let book = kith::demo::generate(a.people, a.entries, a.seed, setup.today);
    write_book(&out, &book)?;
    outln!(
        "{}: {}, {}",
        out.display(),
        kith::text::count(book.people.len(), "person", "people"),
        kith::text::count(book.entries.len(), "entry", "entries")
    );
    Ok(ExitCode::SUCCESS)
}

/// Opens the demo book from a temporary copy, so nothing the user does in the
/// demo reaches their own file (under `--demo`, the copy already made).
pub fn open(setup: &Setup) -> Result<ExitCode> {
    if setup.demo {
        return super::tui::open(setup);
    }
    let (_dir, path) = temp_copy(setup.today)?;
    let demo_ctx = Setup {
        file: path,
        config: setup.config.clone(),
        config_file: setup.config_file.clone(),
        today: setup.today,
        demo: true,
        copies_told: Default::default(),
    };
    super::tui::open(&demo_ctx)
}

/// A fresh copy of the demo book, dated around `today`, in a private
/// temporary directory that is removed when the returned guard drops.
pub fn temp_copy(today: NaiveDate) -> Result<(TempDir, PathBuf)> {
    let dir = tempfile::Builder::new()
        .prefix("kith-demo-")
        .tempdir()
        .context("creating a temporary directory for the demo book")?;
    let path = dir.path().join("demo.ron");
    write_book(&path, &kith::demo::demo_book(today)).context("writing the demo book")?;
    Ok((dir, path))
}
