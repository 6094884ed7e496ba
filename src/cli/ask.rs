//! `kith ask "TEXT"`: who in your network could help *you*, best first — by
//! how well what they offer matches, and by the relationship (lately in
//! touch ranks up; someone you owe a deed ranks down, and it says so).
//! Without TEXT: your standing asks from the config (`me: (needs: […])`),
//! each with who could help, or who already did (`@ana <help: …` answers it).

use anyhow::Result;
use clap::Args;
use serde_json::{Value, json};
use std::process::ExitCode;

use kith::intros::{Asked, asks};
use kith::model::{Book, PersonId};
use kith::text::short_age;

use super::{BadInput, Setup};

#[derive(Debug, Args)]
pub struct AskArgs {
    /// What you could use help with, e.g. "someone to review our Kubernetes setup".
    text: Option<String>,
    /// At most N people for each ask.
    #[arg(long, default_value_t = 5, value_name = "N")]
    limit: usize,
    /// Print a JSON array of {person: "me", need, candidate, score, because, owed, answered}.
    #[arg(long)]
    json: bool,
}

/// Exit 0 with or without helpers; 2 for an empty ask.
pub fn run(setup: &Setup, a: AskArgs) -> Result<ExitCode> {
    let (_, book) = setup.open()?;
    let standing = a.text.is_none();
    let needs: Vec<String> = match &a.text {
        Some(t) if t.trim().is_empty() => {
            return Err(BadInput("kith ask: say what you could use help with".into()).into());
        }
        Some(t) => vec![t.trim().to_string()],
        None => setup.config.me.needs.clone(),
    };
    if needs.is_empty() {
        outln!(
            "Nothing to ask: kith ask \"what you need\", or me: (needs: [\"…\"]) in the config."
        );
        return Ok(ExitCode::SUCCESS);
    }
    let matcher = super::matcher(&book, setup);
    let index = setup.index(&book);
    let kinds = setup.config.kinds();
    let asked = asks(
        &matcher,
        &book,
        &index,
        &kinds,
        &needs,
        standing,
        setup.today,
        a.limit,
    );
    if a.json {
        let rows: Vec<Value> = asked.iter().flat_map(|x| rows(x, &book)).collect();
        super::out::json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    for (n, x) in asked.iter().enumerate() {
        if n > 0 {
            outln!();
        }
        print_one(x, &book);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_one(x: &Asked, book: &Book) {
    outln!("You ask \"{}\"", &x.need);
    if let Some((who, date)) = x.answered {
        outln!("  answered: {} helped you on {date}", &book.name_of(who));
        return;
    }
    if x.helpers.is_empty() {
        outln!("  no one in your book offers that yet");
    }
    for h in &x.helpers {
        outln!(
            "  {} ({}) could help · because: {}",
            &book.name_of(h.candidate),
            h.candidate,
            &h.because.join(", ")
        );
        if let Some(owed) = &h.owed {
            outln!("    {owed}");
        }
        match h.last_contact {
            Some(0) => outln!("    last seen today"),
            Some(d) if d > 0 => outln!("    last seen {} ago", short_age(d)),
            _ => outln!("    never in touch"),
        }
    }
}

fn rows(x: &Asked, book: &Book) -> Vec<Value> {
    let person = |id: PersonId| json!({"id": id.to_string(), "name": book.name_of(id)});
    if let Some((who, date)) = x.answered {
        return vec![json!({
            "person": "me",
            "need": x.need,
            "candidate": person(who),
            "score": null,
            "because": [],
            "owed": null,
            "answered": date.to_string(),
        })];
    }
    x.helpers
        .iter()
        .map(|h| {
            json!({
                "person": "me",
                "need": x.need,
                "candidate": person(h.candidate),
                "score": (f64::from(h.score) * 100.0).round() / 100.0,
                "because": h.because,
                "owed": h.owed,
                "answered": null,
            })
        })
        .collect()
}
