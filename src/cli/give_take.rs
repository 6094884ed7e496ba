//! `kith give-take`: people you only took from, and people you only gave to,
//! over the last twelve months. Private; a nudge, never a score.

use anyhow::Result;
use clap::Args;
use serde_json::json;
use std::process::ExitCode;

use kith::model::{Balance, give_take};

use super::Setup;

#[derive(Debug, Args)]
pub struct GiveTakeArgs {
    /// Print a JSON array of {id, name, given, received, balance}.
    #[arg(long)]
    json: bool,
}

pub fn run(setup: &Setup, a: GiveTakeArgs) -> Result<ExitCode> {
    let (_, book) = setup.open()?;
    let year = give_take(&book, &setup.config.kinds(), setup.today);
    let mut take = Vec::new();
    let mut give = Vec::new();
    for (id, gt) in &year {
        match gt.balance() {
            Balance::OnlyTake => take.push((*id, *gt)),
            Balance::OnlyGive => give.push((*id, *gt)),
            Balance::Both | Balance::Quiet => {}
        }
    }
    // Most lopsided first, then by id.
    take.sort_by_key(|(id, gt)| (std::cmp::Reverse(gt.received), *id));
    give.sort_by_key(|(id, gt)| (std::cmp::Reverse(gt.given), *id));
    if a.json {
        let row = |(id, gt): &(kith::model::PersonId, kith::model::GiveTake), balance: &str| {
            json!({"id": id.to_string(), "name": book.name_of(*id), "given": gt.given,
                   "received": gt.received, "balance": balance})
        };
        let rows: Vec<_> = take
            .iter()
            .map(|r| row(r, "only_take"))
            .chain(give.iter().map(|r| row(r, "only_give")))
            .collect();
        super::out::json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = |id| book.name_of(id);
    if take.is_empty() && give.is_empty() {
        outln!("Over the last twelve months, everyone you did something with did something back.");
        return Ok(ExitCode::SUCCESS);
    }
    if !take.is_empty() {
        outln!("They helped you this year; a favour back would be welcome:");
        for (id, gt) in &take {
            outln!("  {}  ({id})  ↓{} received", name(*id), gt.received);
        }
    }
    if !give.is_empty() {
        if !take.is_empty() {
            outln!();
        }
        outln!("You helped them this year (nothing owed; maybe they could help you too):");
        for (id, gt) in &give {
            outln!("  {}  ({id})  ↑{} given", name(*id), gt.given);
        }
    }
    Ok(ExitCode::SUCCESS)
}
