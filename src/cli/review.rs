//! `kith review --print`: today's review queue as text (for a cron job or a
//! morning e-mail) or JSON.

use anyhow::Result;
use clap::Args;
use serde_json::json;
use std::process::ExitCode;

use kith::model::review;

use super::Setup;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Print today's review instead of opening it in the terminal UI (for a
    /// morning cron job or e-mail): at most `review_size` people (config).
    #[arg(long)]
    print: bool,
    /// With --print: everyone due today, not only today's share.
    #[arg(long, requires = "print")]
    all: bool,
    /// With --print: a JSON array of {id, name, org, reasons: [{kind, text, entry}]}.
    #[arg(long, requires = "print")]
    json: bool,
}

pub fn run(setup: &Setup, a: ReviewArgs) -> Result<ExitCode> {
    if !a.print {
        return super::tui::open_on(setup, kith::tui::Tab::Review);
    }
    let book = setup.read()?;
    let index = setup.index(&book);
    let rules = setup.config.review_rules();
    let day = review::day(&book, &index, &rules, setup.today);
    let items = match a.all {
        // Everyone due, minus whoever was handled today (a skip holds for the day).
        true => {
            let handled = review::ReviewProgress::of(&book, setup.today);
            review::queue(&book, &index, &rules, setup.today)
                .into_iter()
                .filter(|item| handled.outcome(item.person).is_none())
                .collect()
        }
        false => day.items.clone(),
    };
    let people: Vec<_> = items
        .iter()
        .filter_map(|item| Some((book.person(item.person)?, item)))
        .collect();
    if a.json {
        let rows: Vec<_> = people
            .iter()
            .map(|(p, item)| {
                json!({
                    "id": p.id.to_string(),
                    "name": p.name,
                    "org": p.org,
                    "reasons": item.reasons.iter().map(|r| json!({
                        "kind": r.kind_name(),
                        "text": r.to_string(),
                        "entry": r.entry().map(|e| e.to_string()),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        super::out::json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let date = setup.today.format("%a %-d %b %Y");
    let shown = people.len();
    match (a.all, shown) {
        (_, 0) if day.handled > 0 => outln!("Review of {date}: done ({} handled).", day.handled),
        (_, 0) => outln!("Nothing to review on {date}."),
        (true, n) => outln!("Review of {date} — everyone due: {n}"),
        (false, _) => outln!(
            "Review of {date} — {}",
            day.headline(&review::ReviewProgress::of(&book, setup.today))
        ),
    }
    let matcher = std::cell::OnceCell::new();
    for (p, item) in &people {
        outln!();
        match &p.org {
            Some(org) => outln!("{} ({}) · {org}", p.name, p.id),
            None => outln!("{} ({})", p.name, p.id),
        }
        for reason in &item.reasons {
            outln!("  {reason}");
            // Before a meeting: who could help with what they need.
            if matches!(reason, review::Reason::MeetTomorrow { .. }) {
                let matcher = matcher.get_or_init(|| super::matcher(&book, setup));
                let opts = kith::intros::Options {
                    per_need: 1,
                    limit: Some(3),
                };
                for s in matcher.for_person(p.id, &opts) {
                    let who = match s.candidate {
                        kith::intros::Candidate::Me => "you".to_string(),
                        kith::intros::Candidate::Person(o) => book.name_of(o),
                    };
                    outln!("    {who} could help with “{}”", s.need);
                }
            }
        }
    }
    if !a.all && day.more_due > 0 {
        outln!();
        outln!("kith review --print --all lists everyone due.");
    }
    Ok(ExitCode::SUCCESS)
}
