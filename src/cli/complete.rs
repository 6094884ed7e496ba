//! Completions that know the book (clap_complete's dynamic completion, turned
//! on by `COMPLETE=bash|zsh|fish kith`): person names complete with the
//! resolver `@name` and `kith show` use ([`complete_person`]), so a Tab offers
//! the very people the command would find; tags and kinds complete from the
//! book and the config; paths complete as files.

use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use kith::capture::{Among, Names, complete_person, typed_form};
use kith::model::Book;

use super::Cli;

/// Answers the shell when it asks for completions (`COMPLETE` set), and
/// returns otherwise.
pub fn answer_the_shell() {
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
}

/// A person's name (`kith show <Tab>`, `merge`, `edit`, `intros --for`).
pub fn person(current: &OsStr) -> Vec<CompletionCandidate> {
    let book = book();
    let typed = current.to_string_lossy();
    // bash inserts a candidate as it is: its spaces escaped, a name stays one word.
    let bash = std::env::var_os("COMPLETE").is_some_and(|s| s == "bash");
    complete_person(&Names::new(&book), &typed, &book, Among::ArchivedToo)
        .into_iter()
        .map(|(_, name)| {
            let name = kith::text::visible(&name).into_owned();
            CompletionCandidate::new(if bash { name.replace(' ', "\\ ") } else { name })
        })
        .collect()
}

/// A word of a capture line (`kith log @an<Tab> fa<Tab>`): `@` and a name as
/// the grammar reads it back, or a kind with its colon.
pub fn capture_word(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    if let Some(name) = typed.strip_prefix('@') {
        let book = book();
        let names = Names::new(&book);
        let people = complete_person(&names, name, &book, Among::Active);
        return people
            .iter()
            .map(|(id, _)| {
                let who = kith::capture::Who::Known(*id);
                let written = kith::capture::mention(&who, &book, &names);
                CompletionCandidate::new(kith::text::visible(&written).into_owned())
            })
            .collect();
    }
    if typed.is_empty() || typed.contains(':') {
        return Vec::new();
    }
    let lead: String = typed.chars().take_while(|c| "<=>".contains(*c)).collect();
    let q = kith::text::fold(&typed[lead.len()..]);
    kinds()
        .iter()
        .map(|kind| format!("{lead}{}:", typed_form(kind)))
        .filter(|k| kith::text::fold(&k[lead.len()..]).starts_with(&q))
        .map(CompletionCandidate::new)
        .collect()
}

/// A tag in the book (`kith list --tag`), or `+tag`/`-tag` (`kith edit --tag`).
pub fn tag(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let sign: String = typed.chars().take_while(|c| "+-".contains(*c)).collect();
    let q = kith::text::fold(&typed[sign.len()..]);
    let mut tags: Vec<String> = book()
        .people
        .iter()
        .flat_map(|p| p.tags.iter().cloned())
        .filter(|t| kith::text::fold(t).starts_with(&q))
        .collect();
    tags.sort();
    tags.dedup();
    tags.into_iter()
        .map(|t| CompletionCandidate::new(format!("{sign}{}", kith::text::visible(&t))))
        .collect()
}

/// `kith import <Tab>`: the formats by name, then files and folders.
pub fn format_or_path(current: &OsStr) -> Vec<CompletionCandidate> {
    use clap_complete::engine::ValueCompleter;
    let typed = current.to_string_lossy();
    let mut out: Vec<CompletionCandidate> = ["linkedin", "google", "outlook", "vcard", "csv"]
        .into_iter()
        .filter(|f| f.starts_with(typed.as_ref()))
        .map(CompletionCandidate::new)
        .collect();
    out.extend(clap_complete::engine::PathCompleter::any().complete(current));
    out
}

/// The book the command line being completed names: its `--file`, else
/// `$KITH_FILE`, else the default place; unreadable, none.
fn book() -> Book {
    let Some(path) = book_path() else {
        return Book::default();
    };
    let today = chrono::Local::now().date_naive();
    kith::store::Store::open(&path, today)
        .map(|(_, book)| book)
        .unwrap_or_default()
}

fn book_path() -> Option<PathBuf> {
    // While completing, the arguments are `kith -- kith show --file X ana`.
    let args: Vec<OsString> = std::env::args_os().collect();
    let given = args.windows(2).rev().find_map(|w| {
        let flag = w[0].to_string_lossy();
        match flag.strip_prefix("--file=") {
            Some(path) => Some(PathBuf::from(path)),
            None => (flag == "--file").then(|| PathBuf::from(&w[1])),
        }
    });
    given.or_else(|| super::env_path("KITH_FILE")).or_else(|| {
        directories::ProjectDirs::from("", "", "kith").map(|d| d.data_dir().join("kith.ron"))
    })
}

/// The kinds a capture may name: the built-in ones and the config's.
fn kinds() -> Vec<kith::model::Kind> {
    let config = super::env_path("KITH_CONFIG")
        .or_else(|| {
            directories::ProjectDirs::from("", "", "kith")
                .map(|d| d.config_dir().join("config.ron"))
        })
        .and_then(|path| kith::config::Config::load(&path).ok())
        .unwrap_or_default();
    config.kinds().iter().map(|(k, _)| k.clone()).collect()
}
