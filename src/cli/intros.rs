//! `kith intros`: suggested introductions, best first — who needs what, who
//! could help, why, and when you last saw each.

use anyhow::Result;
use clap::Args;
use serde_json::{Value, json};
use std::process::ExitCode;

use kith::intros::{Candidate, Options, Suggestion};
use kith::model::{Book, Index, PersonId};
use kith::text::short_age;

use super::{Setup, resolve};

#[derive(Debug, Args)]
pub struct IntrosArgs {
    /// Only suggestions for this person's needs (a name, the start of one, or an id).
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::person), long = "for", value_name = "NAME_OR_ID")]
    for_person: Option<String>,
    /// At most N suggestions.
    #[arg(long, default_value_t = 20, value_name = "N")]
    limit: usize,
    /// Print a JSON array of {person, need, candidate, score, because, mutual}.
    #[arg(long)]
    json: bool,
}

/// Exit 0, with or without suggestions (none is an answer, not a failure).
pub fn run(setup: &Setup, a: IntrosArgs) -> Result<ExitCode> {
    let (_, book) = setup.open()?;
    let who = a
        .for_person
        .as_deref()
        .map(|q| resolve::person(&book, q))
        .transpose()?;
    let matcher = super::matcher(&book, setup);
    let opts = Options {
        limit: Some(a.limit),
        ..Options::default()
    };
    let found = match who {
        Some(id) => matcher.for_person(id, &opts),
        None => matcher.suggestions(&opts),
    };
    if a.json {
        let rows: Vec<Value> = found.iter().map(|s| row(s, &book)).collect();
        super::out::json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    if found.is_empty() {
        match who {
            Some(id) => outln!("No introductions to suggest for {}.", &book.name_of(id)),
            None => outln!("No introductions to suggest yet: add what people need and offer."),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let index = setup.index(&book);
    for (n, s) in found.iter().enumerate() {
        if n > 0 {
            outln!();
        }
        print_one(s, &book, &index, setup);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_one(s: &Suggestion, book: &Book, index: &Index, setup: &Setup) {
    let needer = &book.name_of(s.person);
    outln!("{needer} ({}) needs \"{}\"", s.person, &s.need);
    match s.candidate {
        Candidate::Me => outln!("  you could help"),
        Candidate::Person(id) => outln!("  {} ({id}) could help", &book.name_of(id)),
    }
    outln!("  because: {}", &s.because.join(", "));
    if let (Some(m), Candidate::Person(id)) = (&s.mutual, s.candidate) {
        outln!(
            "  and {needer} could help {} with \"{}\" (because: {})",
            &book.name_of(id),
            &m.need,
            &m.because.join(", ")
        );
    }
    let seen = |id: PersonId| {
        let name = &book.name_of(id);
        match index.facts(id).days_since_contact(setup.today) {
            Some(0) => format!("{name} today"),
            Some(days) if days > 0 => format!("{name} {} ago", short_age(days)),
            Some(days) => format!("{name} {}", short_age(days)),
            None => format!("{name} never"),
        }
    };
    let mut last = vec![seen(s.person)];
    last.extend(s.candidate_id().map(seen));
    outln!("  last seen: {}", last.join(" · "));
}

fn person(id: PersonId, book: &Book) -> Value {
    json!({"id": id.to_string(), "name": book.name_of(id)})
}

fn row(s: &Suggestion, book: &Book) -> Value {
    json!({
        "person": person(s.person, book),
        "need": s.need,
        "candidate": match s.candidate {
            Candidate::Me => json!("me"),
            Candidate::Person(id) => person(id, book),
        },
        "score": (f64::from(s.score) * 100.0).round() / 100.0,
        "because": s.because,
        "mutual": s.mutual.as_ref().map(|m| json!({"need": m.need, "because": m.because})),
    })
}
