//! `kith review --print`: today's review queue as text (for a cron job or a
//! morning e-mail) or JSON.

use anyhow::Result;
use clap::Args;
use serde_json::json;
use std::process::ExitCode;

use kith::model::review;

use super::Ctx;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Print the queue instead of opening the review in the terminal UI.
    #[arg(long)]
    print: bool,
    /// With --print: a JSON array of {id, name, org, reasons}.
    #[arg(long, requires = "print")]
    json: bool,
}

pub fn run(ctx: &Ctx, a: ReviewArgs) -> Result<ExitCode> {
    if !a.print {
        return super::tui::open_on(ctx, kith::tui::Tab::Review);
    }
    let book = ctx.read()?;
    let index = ctx.index(&book);
    let queue = review::queue(&book, &index, &ctx.config, ctx.today);
    let people = queue
        .iter()
        .filter_map(|item| Some((book.person(item.person)?, item)));
    if a.json {
        let rows: Vec<_> = people
            .map(|(p, item)| {
                json!({
                    "id": p.id.to_string(),
                    "name": p.name,
                    "org": p.org,
                    "reasons": item.reasons.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
                })
            })
            .collect();
        super::out::json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let day = ctx.today.format("%a %-d %b %Y");
    match queue.len() {
        0 => outln!("Nothing to review on {day}."),
        1 => outln!("1 person to review on {day}:"),
        n => outln!("{n} people to review on {day}:"),
    }
    for (p, item) in people {
        outln!();
        match &p.org {
            Some(org) => outln!("{} ({}) · {org}", p.name, p.id),
            None => outln!("{} ({})", p.name, p.id),
        }
        for reason in &item.reasons {
            outln!("  {reason}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
