//! `find`: fuzzy-search people by anything you remember about them.

use anyhow::Result;
use clap::Args;
use serde_json::json;
use std::mem::ManuallyDrop;
use std::process::ExitCode;

use kith::model::Book;
use kith::search::{
    Hit, SearchOptions, names_may_match, search_fields_once, search_names_once, search_once,
};
use kith::store::NamesOnly;
use kith::text::{fit, truncate};

use super::Setup;

#[derive(Debug, Args)]
pub struct FindArgs {
    /// What you remember: name, nickname, org, tag, need, note… Every word must match.
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    /// At most N matches.
    #[arg(long, default_value_t = 20, value_name = "N")]
    limit: usize,
    /// Include archived people.
    #[arg(long)]
    archived: bool,
    /// Print a JSON array.
    #[arg(long)]
    json: bool,
}

/// The book and what one search of `words` finds in it, best first: the
/// search `kith find` and `kith query` share (an index built for one search).
/// The book holds at least the people hit, with their id, name, nicknames,
/// org, e-mails and archived flag: when kith wrote the file and names alone
/// answer the search, that is all that is read, of those whose names may
/// match ([`NamesOnly`]).
pub(super) fn search(
    setup: &Setup,
    words: &[String],
    limit: usize,
    archived: bool,
) -> Result<(ManuallyDrop<Book>, Vec<Hit>)> {
    let opts = SearchOptions {
        include_archived: archived,
        limit,
    };
    let (kinds, query) = (setup.config.kinds(), words.join(" "));
    let names = setup.read_names(&names_may_match(&query));
    if let Some(read) = names.as_ref()
        && let Some(hits) = search_names_once(read.book(), &kinds, &query, &opts)
    {
        let book = names.map(NamesOnly::into_book).expect("read above");
        return Ok((ManuallyDrop::new(book), hits));
    }
    let book = setup.read()?;
    let hits = match names {
        // Names alone did not answer it.
        Some(_) => search_fields_once(&book, &kinds, &query, &opts),
        None => search_once(&book, &kinds, &query, &opts),
    };
    Ok((book, hits))
}

/// Exit 0 with matches, 1 with none.
pub fn run(setup: &Setup, a: FindArgs) -> Result<ExitCode> {
    let (book, hits) = search(setup, &a.query, a.limit, a.archived)?;
    let query = a.query.join(" ");
    if a.json {
        let rows: Vec<_> = hits
            .iter()
            .filter_map(|h| book.person(h.person).map(|p| (h, p)))
            .map(|(h, p)| {
                json!({
                    "id": p.id.to_string(),
                    "name": p.name,
                    "org": p.org,
                    "score": h.score,
                    "field": h.field.as_str(),
                    "text": h.text,
                })
            })
            .collect();
        super::out::json(&rows)?;
    } else {
        let id_width = super::people::id_width(hits.iter().map(|h| h.person));
        for h in &hits {
            let Some(p) = book.person(h.person) else {
                continue;
            };
            outln!(
                "{}  {}  {}  {}: {}",
                fit(&p.id.to_string(), id_width),
                fit(&p.name, 24),
                fit(p.org.as_deref().unwrap_or(""), 20),
                h.field.as_str(),
                truncate(&h.text, 50)
            );
        }
        if hits.is_empty() {
            errln!("kith: no one matches {query:?}");
        }
    }
    Ok(if hits.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
