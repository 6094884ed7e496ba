//! `kith query`: the address-book query of a terminal mail client (mutt's
//! and neomutt's `query_command`, aerc's `address-book-cmd`): a first line
//! that is only a message, then one line per e-mail address of each person
//! who matches, `email<TAB>name<TAB>organisation`, best match first. The
//! search is `kith find`'s; people without an address are left out.

use anyhow::Result;
use clap::Args;
use std::borrow::Cow;
use std::process::ExitCode;

use super::Setup;

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// What the mail client asks for: part of a name, an address, an org… Every word must match.
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    /// At most N people.
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: usize,
    /// Include archived people.
    #[arg(long)]
    archived: bool,
    /// Leave out the first line (the message), for a client that reads every line as an address.
    #[arg(long)]
    no_header: bool,
}

/// Exit 0 with addresses, 1 with none (the first line then says why).
pub fn run(setup: &Setup, a: QueryArgs) -> Result<ExitCode> {
    let (book, hits) = super::find::search(setup, &a.query, a.limit, a.archived)?;
    let query = a.query.join(" ");
    let mut lines = Vec::new();
    let mut people = 0;
    for p in hits.iter().filter_map(|h| book.person(h.person)) {
        people += usize::from(!p.emails.is_empty());
        for email in &p.emails {
            lines.push(format!(
                "{}\t{}\t{}",
                field(email),
                field(&p.name),
                field(p.org.as_deref().unwrap_or(""))
            ));
        }
    }
    if !a.no_header {
        let query = field(&query);
        println!("{}", header(lines.len(), people, &query));
    }
    for line in &lines {
        println!("{line}");
    }
    Ok(if lines.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The first line, which the mail client shows or skips.
fn header(addresses: usize, people: usize, query: &str) -> String {
    match (addresses, people) {
        (0, _) => format!("kith: no one with an address matches \"{query}\""),
        (1, _) => format!("kith: 1 address matches \"{query}\""),
        (n, 1) => format!("kith: {n} addresses of 1 person match \"{query}\""),
        (n, p) => format!("kith: {n} addresses of {p} people match \"{query}\""),
    }
}

/// A value as one field of a line: control characters shown, not sent, and
/// the tabs and line breaks that would split the line made spaces.
fn field(value: &str) -> Cow<'_, str> {
    let shown = kith::text::visible(value);
    if !shown.contains(['\t', '\n', '\r']) {
        return shown;
    }
    Cow::Owned(shown.replace(['\t', '\n', '\r'], " "))
}
