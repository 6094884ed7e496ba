//! The command line: clap definitions, the context every subcommand gets, and
//! the mapping from errors to exit codes (0 ok, 1 failure, 2 bad input or an
//! unreadable data file).

#[macro_use]
mod out;
mod ask;
mod check;
mod complete;
mod confirm;
mod contacts;
mod demo;
mod edit;
mod entries;
mod export;
mod find;
mod generate;
mod git_setup;
mod give_take;
mod import;
mod inbox;
mod intros;
mod json;
mod log;
mod man;
mod merge_books;
mod people;
mod query;
mod resolve;
mod restore;
mod review;
mod sync;
mod tui;
mod undo;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::cell::Cell;
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kith::config::{Config, ConfigError, ConfigFile};
use kith::model::{Book, Index};
use kith::store::{NamesKept, NamesOnly, Store, StoreError};

#[derive(Debug, Parser)]
#[command(
    name = "kith",
    version,
    about = "Action-based networking: remember what you did for people, not just that you met.",
    // The global options are listed under their own heading, once, after a
    // subcommand's own options (not mixed into every list).
    next_help_heading = "Global options"
)]
pub struct Cli {
    // KITH_FILE and KITH_CONFIG are read in `Setup::new`, not by clap: clap
    // counts an option its env variable set as given, and writes it into every
    // usage line of its errors (`kith show --file <PATH> <NAME_OR_ID>`), as if
    // it were required.
    /// The data file (default: $KITH_FILE, else the platform data directory's kith/kith.ron).
    #[arg(long, global = true, value_name = "PATH")]
    file: Option<PathBuf>,
    /// The config file (default: $KITH_CONFIG, else the platform config directory's kith/config.ron).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Pretend today is this date (for scripts and tests).
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    today: Option<NaiveDate>,
    /// Use a temporary copy of the bundled demo book instead of your own (any command).
    #[arg(long, global = true)]
    demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Add a person; prints their id.
    Add(people::AddArgs),
    /// List people, one a line.
    List(people::ListArgs),
    /// Show a person and their entries.
    Show(people::ShowArgs),
    /// Check the data file: parse it, count, warn about dangling references.
    Check,
    /// Change a person's fields (tags with +x/-x).
    Edit(edit::EditArgs),
    /// Archive a person (or unarchive with --undo): out of every view, kept in the file.
    Archive(edit::ArchiveArgs),
    /// Merge FROM into INTO: fields combined, entries re-pointed, FROM's id kept as an alias.
    Merge(edit::MergeArgs),
    /// Take back the last change a kith command made (shown first; asks, or --yes).
    Undo(undo::UndoArgs),
    /// Merge the conflict copies Syncthing, Dropbox or Nextcloud left beside the book.
    Sync,
    /// Bring a backup back as the book (a missing or cut-short book); with no number, list them.
    Restore(restore::RestoreArgs),
    /// Merge two copies of the book changed apart: git's merge driver (merge-books %O %A %B %P).
    ///
    /// Writes the result over OURS. Additions on either side are kept; a value changed
    /// differently on both sides keeps one (the same on every machine) and the other in a
    /// `kith merge: …` line of the person's notes. A copy that does not parse: exit 2, OURS
    /// untouched. Reads only the three files: not --file/KITH_FILE, not the config.
    MergeBooks(merge_books::MergeBooksArgs),
    /// Open the demo book, or generate a synthetic one with --generate.
    Demo(demo::DemoArgs),
    /// Log what you did, in one line: kith log @alice favor: reviewed her deck -2d !+1w (or - for lines on stdin).
    Log(log::LogArgs),
    /// Mark an entry done by its id (a promise kept, a follow-up made): kith done e12.
    Done(entries::DoneArgs),
    /// Delete an entry by its id (shown first; asks, or --yes): kith delete e12.
    Delete(entries::DeleteArgs),
    /// Apply the capture lines your phone (or any device) left in the inbox folder beside the book.
    Inbox(inbox::InboxArgs),
    /// Import people from LinkedIn, Google Contacts or vCard (re-importing duplicates nobody), or touches from a calendar or mail.
    Import(import::ImportArgs),
    /// Export the book as vCard, CSV, Markdown or iCalendar.
    Export(export::ExportArgs),
    /// Your phone as a peer: kith contacts sync DIR brings a vdir's changes in and the book out.
    Contacts(contacts::ContactsArgs),
    /// Today's review queue: who needs something from you, and why (--print).
    Review(review::ReviewArgs),
    /// Find people by anything you remember about them (fuzzy; exit 1 if no one matches).
    Find(find::FindArgs),
    /// Addresses for a mail client (mutt's query_command, aerc's address-book-cmd): email<TAB>name<TAB>org.
    Query(query::QueryArgs),
    /// Suggested introductions: whose need someone else (or you) could meet, and why.
    Intros(intros::IntrosArgs),
    /// Who in your network could help you with TEXT, best first: by the match
    /// and the relationship (and when you owe them one). Without TEXT, your
    /// standing asks (`me: (needs: [...])` in the config), open or answered.
    Ask(ask::AskArgs),
    /// The last twelve months' give and take: people you only took from, and only gave to.
    GiveTake(give_take::GiveTakeArgs),
    /// Make git merge the book with kith: the attribute, the merge driver, the ignore pattern (once in every clone).
    GitSetup,
    /// Print a shell completion script: kith completions bash|zsh|fish|elvish|powershell.
    Completions(generate::CompletionsArgs),
    /// Print the man page (roff): the grammar, every key, files, environment: kith man > ~/.local/share/man/man1/kith.1
    Man,
}

/// An option's value checked by a field rule (`model::fields`, which the
/// edit form uses too): bad input names the option and the value.
pub(crate) fn checked<T>(
    option: &str,
    value: Option<&str>,
    rule: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, BadInput> {
    value
        .map(|v| rule(v).map_err(|e| BadInput(format!("{option} {v}: {e}"))))
        .transpose()
}

/// Bad input from the user: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// No book where one was asked for: exit code 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct NoBook(pub String);

/// What every subcommand gets: where the book is, the config, and today.
pub struct Setup {
    pub file: PathBuf,
    pub config: Config,
    /// The config file as read (to point at a bad key binding in it).
    pub config_file: Option<ConfigFile>,
    pub today: NaiveDate,
    /// The book is a temporary copy of the demo (`--demo`).
    pub demo: bool,
    /// The conflict copies beside the book were named already (once a command).
    copies_told: Cell<bool>,
}

impl Setup {
    fn new(cli: &Cli) -> Result<Setup> {
        let dirs = directories::ProjectDirs::from("", "", "kith");
        let file = match cli.file.clone().or_else(|| env_path("KITH_FILE")) {
            Some(f) => f,
            None => dirs
                .as_ref()
                .map(|d| d.data_dir().join("kith.ron"))
                .ok_or_else(|| {
                    BadInput("no home directory found: pass --file PATH or set KITH_FILE".into())
                })?,
        };
        let config_path = cli
            .config
            .clone()
            .or_else(|| env_path("KITH_CONFIG"))
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().join("config.ron")));
        let (config, config_file) = match &config_path {
            Some(path) => {
                let (config, file) = Config::read(path)?;
                (config, Some(file))
            }
            None => (Config::default(), None),
        };
        let today = cli
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        Ok(Setup {
            file,
            config,
            config_file,
            today,
            demo: false,
            copies_told: Cell::new(false),
        })
    }

    /// Opens the book for reading and changing; warnings about the file
    /// (a hand-written comment a save would drop, sync tools' conflict
    /// copies beside it) go to stderr.
    ///
    /// The book is never freed: a command runs once, and the process ends
    /// after it, when the system takes the memory back at once. Freeing a
    /// heavy book's 300,000 allocations one by one took 10 ms of every
    /// command's time, for nothing.
    pub fn open(&self) -> Result<(Store, ManuallyDrop<Book>)> {
        let (mut store, book) = Store::open(&self.file, self.today)?;
        let book = ManuallyDrop::new(book);
        // What a command changes, `kith undo` can take back (the TUI turns it off).
        store.remember_undo(true);
        for w in store.warnings() {
            errln!("kith: warning: {w}");
        }
        self.tell_copies(&store);
        Ok((store, book))
    }

    /// The book with the people `keep` keeps, read for a search of names,
    /// when its file is the one kith last wrote ([`NamesOnly`]), with the
    /// warning [`Setup::open`] gives; `None` for [`Setup::read`] to read it
    /// whole.
    pub fn read_names(&self, keep: &NamesKept) -> Option<NamesOnly> {
        let names = NamesOnly::read(&self.file, keep)?;
        self.tell_copies_of(|| {
            kith::store::follow_link(&self.file)
                .map(|target| kith::store::conflict_copies(&target))
                .unwrap_or_default()
        });
        Some(names)
    }

    /// Warns, once a run, of conflict copies lying beside the book.
    pub fn tell_copies(&self, store: &Store) {
        self.tell_copies_of(|| store.conflict_copies());
    }

    fn tell_copies_of(&self, copies: impl FnOnce() -> Vec<PathBuf>) {
        if !self.copies_told.replace(true) {
            let copies = copies();
            if !copies.is_empty() {
                let target =
                    kith::store::follow_link(&self.file).unwrap_or_else(|_| self.file.clone());
                errln!("kith: warning: {}", copies_warning(&target, &copies));
            }
        }
    }

    /// Opens the book only to read it. A missing file is an empty book (nothing
    /// logged yet), but not in a directory that does not exist: that path is
    /// more likely a typo than a book to be.
    pub fn read(&self) -> Result<ManuallyDrop<Book>> {
        if !self.file.exists()
            && let Some(dir) = self.file.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            return Err(NoBook(format!(
                "no book at {}: the directory {} does not exist",
                self.file.display(),
                dir.display()
            ))
            .into());
        }
        Ok(self.open()?.1)
    }

    pub fn index(&self, book: &Book) -> Index {
        Index::build(book, &self.config.kinds())
    }
}

/// The introductions matcher for `book` with your offers; the first time the
/// word-meaning model or the sentence encoder cannot be used, says so on
/// stderr (matching goes on without it).
fn matcher(book: &Book, setup: &Setup) -> kith::intros::Matcher {
    if let Some(warning) = kith::intros::meaning::take_warning() {
        errln!("kith: {warning}");
    }
    if let Some(warning) = kith::intros::sentence::take_warning() {
        errln!("kith: {warning}");
    }
    kith::intros::Matcher::build(book, &setup.config.me.offers)
}

/// The path an environment variable holds (unset or empty: none).
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The salt new ids are drawn with: random, so two machines never draw the
/// same; `KITH_ID_SEED` fixes it (scripts and tests that want the same ids
/// every run).
fn id_salt() -> Result<u64> {
    match std::env::var("KITH_ID_SEED") {
        Ok(seed) => seed.trim().parse().map_err(|_| {
            BadInput(format!(
                "KITH_ID_SEED={}: expected a whole number",
                kith::text::visible(&seed)
            ))
            .into()
        }),
        Err(_) => Ok(kith::model::id::random_salt()),
    }
}

/// `2 conflict copies beside /x/kith.ron (a, b) — run `kith sync` to merge
/// them`. At most three are named.
fn copies_warning(target: &Path, copies: &[PathBuf]) -> String {
    const NAMED: usize = 3;
    let mut names: Vec<String> = copies
        .iter()
        .take(NAMED)
        .map(|c| {
            c.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    if copies.len() > NAMED {
        let last = names.pop().unwrap_or_default();
        names.push(format!("{last} and {} more", copies.len() - NAMED));
    }
    let (copy, them) = match copies.len() {
        1 => ("conflict copy", "it"),
        _ => ("conflict copies", "them"),
    };
    format!(
        "{} {copy} beside {} ({}) — run `kith sync` to merge {them}",
        copies.len(),
        target.display(),
        names.join(", ")
    )
}

pub fn main() -> ExitCode {
    complete::answer_the_shell();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            errln!("kith: {}", chain(&err));
            ExitCode::from(exit_code(&err))
        }
    }
}

fn run(mut cli: Cli) -> Result<ExitCode> {
    kith::model::id::set_salt(id_salt()?);
    let command = match cli.command.take() {
        // git's merge driver reads the three files it is given and nothing
        // else: not the user's book, config or the demo.
        Some(Command::MergeBooks(args)) => return merge_books::run(args),
        command => command,
    };
    let mut setup = Setup::new(&cli)?;
    // `--demo`: every command works on a temporary copy of the demo book,
    // removed when the command ends; the user's own book is never opened.
    let _demo_dir = if cli.demo {
        let (dir, path) = demo::temp_copy(setup.today)?;
        setup.file = path;
        setup.demo = true;
        Some(dir)
    } else {
        None
    };
    match command {
        Some(Command::Add(args)) => people::add(&setup, args),
        Some(Command::List(args)) => people::list(&setup, args),
        Some(Command::Show(args)) => people::show(&setup, args),
        Some(Command::Check) => check::run(&setup),
        Some(Command::Edit(args)) => edit::edit(&setup, args),
        Some(Command::Archive(args)) => edit::archive(&setup, args),
        Some(Command::Merge(args)) => edit::merge(&setup, args),
        Some(Command::MergeBooks(_)) => unreachable!("run before the context is made"),
        Some(Command::Demo(args)) => demo::run(&setup, args),
        Some(Command::Log(args)) => log::run(&setup, args),
        Some(Command::Done(args)) => entries::done(&setup, args),
        Some(Command::Delete(args)) => entries::delete(&setup, args),
        Some(Command::Inbox(args)) => inbox::run(&setup, args),
        Some(Command::Import(args)) => import::run(&setup, args),
        Some(Command::Export(args)) => export::run(&setup, args),
        Some(Command::Contacts(args)) => contacts::run(&setup, args),
        Some(Command::Review(args)) => review::run(&setup, args),
        Some(Command::Find(args)) => find::run(&setup, args),
        Some(Command::Query(args)) => query::run(&setup, args),
        Some(Command::Intros(args)) => intros::run(&setup, args),
        Some(Command::Ask(args)) => ask::run(&setup, args),
        Some(Command::GiveTake(args)) => give_take::run(&setup, args),
        Some(Command::GitSetup) => git_setup::run(&setup),
        Some(Command::Sync) => sync::run(&setup),
        Some(Command::Undo(args)) => undo::run(&setup, args),
        Some(Command::Restore(args)) => restore::run(&setup, args),
        Some(Command::Completions(args)) => generate::completions(args),
        Some(Command::Man) => man::run(),
        None => tui::open(&setup),
    }
}

/// The error and its causes, `: `-joined, each said once: many errors (an I/O
/// error with its path, say) already print their source's text, and printing
/// the source again would say "Permission denied" twice.
fn chain(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let cause = cause.to_string();
        if text.contains(&cause) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&cause);
    }
    text
}

fn exit_code(err: &anyhow::Error) -> u8 {
    if let Some(e) = err.downcast_ref::<StoreError>() {
        return e.exit_code() as u8;
    }
    if let Some(e) = err.downcast_ref::<ConfigError>() {
        return match e {
            ConfigError::Parse(_) => 2,
            ConfigError::Io { .. } => 1,
        };
    }
    if let Some(e) = err.downcast_ref::<kith::tui::TuiError>() {
        return e.exit_code() as u8;
    }
    if err.downcast_ref::<BadInput>().is_some() {
        return 2;
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    /// Every option and argument of every subcommand, as `kith sub --opt`.
    fn undescribed(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                out.push(format!("{path} {}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            undescribed(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_option_has_a_description() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
        let mut missing = Vec::new();
        undescribed(&Cli::command(), "kith", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:?}");
    }

    #[test]
    fn an_error_chain_says_each_cause_once() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let text = io.to_string();
        let err = anyhow::Error::from(StoreError::Io {
            path: "k.ron".into(),
            source: io,
        });
        assert_eq!(chain(&err), format!("k.ron: {text}"));
        let err = Err::<(), _>(err).context("saving").unwrap_err();
        assert_eq!(chain(&err), format!("saving: k.ron: {text}"));
    }
}
