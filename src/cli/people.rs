//! `add`, `list` and `show`.

use anyhow::Result;
use clap::Args;
use std::process::ExitCode;

use kith::model::{Op, Person, PersonId, fields};
use kith::text::{fit, short_age};

use super::{BadInput, Setup, checked, json, resolve};

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Their name, e.g. "Ana García".
    name: String,
    /// Where they work, e.g. "Acme Robotics".
    #[arg(long)]
    org: Option<String>,
    /// Their role there, e.g. "Staff Engineer".
    #[arg(long)]
    title: Option<String>,
    /// An e-mail address (repeatable).
    #[arg(long = "email", value_name = "E")]
    emails: Vec<String>,
    /// A phone number (repeatable).
    #[arg(long = "phone", value_name = "P")]
    phones: Vec<String>,
    /// A link, e.g. a LinkedIn URL (repeatable).
    #[arg(long = "link", value_name = "URL")]
    links: Vec<String>,
    /// A tag (repeatable).
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::tag), long = "tag", value_name = "T")]
    tags: Vec<String>,
    /// A nickname (repeatable).
    #[arg(long = "nickname", value_name = "N")]
    nicknames: Vec<String>,
    /// Keep in touch every DAYS days (1 to 3650).
    #[arg(long, value_name = "DAYS")]
    cadence: Option<String>,
    /// MM-DD or YYYY-MM-DD.
    #[arg(long)]
    birthday: Option<String>,
    /// Something they need or are working on (repeatable).
    #[arg(long = "need", value_name = "TEXT")]
    needs: Vec<String>,
    /// Something they can help others with (repeatable).
    #[arg(long = "offer", value_name = "TEXT")]
    offers: Vec<String>,
    /// How you met, e.g. "RustConf 2026".
    #[arg(long)]
    met: Option<String>,
}

pub fn add(setup: &Setup, a: AddArgs) -> Result<ExitCode> {
    if a.name.trim().is_empty() {
        return Err(BadInput("a person needs a name".into()).into());
    }
    // The field rules the form uses too (model::fields).
    let cadence = checked("--cadence", a.cadence.as_deref(), fields::cadence)?.flatten();
    let birthday = checked("--birthday", a.birthday.as_deref(), fields::birthday)?.flatten();
    for e in &a.emails {
        fields::email(e.trim()).map_err(|e| BadInput(format!("--email: {e}")))?;
    }
    let mut person = Person::new(PersonId(0), a.name.trim());
    person.org = a.org;
    person.title = a.title;
    person.emails = a.emails;
    person.phones = a.phones;
    person.links = a.links;
    person.tags = a.tags;
    person.nicknames = a.nicknames;
    person.cadence = cadence;
    person.birthday = birthday;
    person.needs = a.needs;
    person.offers = a.offers;
    person.met.context = a.met;
    let (mut store, mut book) = setup.open()?;
    let mut id = PersonId(0);
    store.update(&mut book, |fresh| {
        id = fresh.next_person_id();
        person.id = id;
        Ok(Op::AddPerson(person))
    })?;
    outln!("{id}");
    let name = kith::text::fold(a.name.trim());
    let same: Vec<String> = book
        .people
        .iter()
        .filter(|p| p.id != id && kith::text::fold(&p.name) == name)
        .map(|p| format!("{} {}", p.id, p.name))
        .collect();
    if !same.is_empty() {
        errln!(
            "kith: warning: {} already has this name ({}); if it is the same person, `kith merge {id} {}`",
            if same.len() == 1 { "someone" } else { "others" },
            same.join(", "),
            same[0].split(' ').next().unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only people you have only had coffee with: entries, but no deeds.
    #[arg(long)]
    coffee_only: bool,
    /// Only people due today: everyone the review brings (kith review --print --all).
    #[arg(long)]
    due: bool,
    /// Include archived people.
    #[arg(long)]
    archived: bool,
    /// Print a JSON array.
    #[arg(long)]
    json: bool,
}

pub fn list(setup: &Setup, a: ListArgs) -> Result<ExitCode> {
    let book = setup.read()?;
    let index = setup.index(&book);
    // Due is what the review says: the people its queue holds today.
    let due: std::collections::HashSet<PersonId> =
        kith::model::review::queue(&book, &index, &setup.config.review_rules(), setup.today)
            .into_iter()
            .map(|item| item.person)
            .collect();
    let mut people: Vec<&Person> = book
        .people
        .iter()
        .filter(|p| a.archived || !p.archived)
        .filter(|p| !a.coffee_only || index.facts(p.id).coffee_only())
        .filter(|p| !a.due || due.contains(&p.id))
        .collect();
    people.sort_by_cached_key(|p| (kith::text::fold(&p.name), p.id));
    if a.json {
        let rows: Vec<_> = people
            .iter()
            .map(|p| json::person_summary(p, index.facts(p.id)))
            .collect();
        super::out::json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let id_width = id_width(people.iter().map(|p| p.id));
    for p in people {
        let f = index.facts(p.id);
        let last = f
            .days_since_contact(setup.today)
            .map(short_age)
            .unwrap_or_else(|| "never".into());
        let mut marks = Vec::new();
        if f.coffee_only() {
            marks.push("coffee-only");
        }
        if due.contains(&p.id) {
            marks.push("due");
        }
        if p.archived {
            marks.push("archived");
        }
        let line = format!(
            "{}  {}  {}  {}  ↑{} ↓{}  {}",
            fit(&p.id.to_string(), id_width),
            fit(&p.name, 24),
            fit(p.org.as_deref().unwrap_or(""), 20),
            fit(&last, 6),
            f.deeds_given,
            f.deeds_received,
            marks.join(" ")
        );
        outln!("{}", line.trim_end());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A name (or the start of one, as @name in a capture) or an id like p12;
    /// none: asked for on a terminal.
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::person))]
    name_or_id: Option<String>,
    /// Print a JSON object.
    #[arg(long)]
    json: bool,
}

pub fn show(setup: &Setup, a: ShowArgs) -> Result<ExitCode> {
    let book = setup.read()?;
    let index = setup.index(&book);
    let id = resolve::person_or_pick(&book, a.name_or_id.as_deref(), "kith show NAME")?;
    let p = book.person(id).expect("resolved person exists");
    let f = index.facts(id);
    let entries: Vec<_> = f.entries.iter().map(|i| &book.entries[*i]).collect();
    if a.json {
        let mut v = json::person_full(p, f);
        v["entries"] = entries.iter().map(|e| json::entry(e, &book)).collect();
        super::out::json(&v)?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}  ({})", p.name, p.id);
    let field = |label: &str, value: String| {
        if !value.is_empty() {
            outln!("  {label:<10} {value}");
        }
    };
    let title_org = [p.title.as_deref(), p.org.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" at ");
    field("nicknames", p.nicknames.join(", "));
    field("works", title_org);
    field("email", p.emails.join(", "));
    field("phone", p.phones.join(", "));
    for a in &p.addresses {
        field("address", a.labelled());
    }
    field("links", p.links.join(" "));
    field("tags", p.tags.join(", "));
    let met = [
        p.met.context.clone(),
        p.met.date.map(|d| d.to_string()),
        p.met
            .introduced_by
            .map(|i| format!("introduced by {}", book.name_of(i))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    field("met", met);
    field("needs", p.needs.join("; "));
    field("offers", p.offers.join("; "));
    field(
        "cadence",
        p.cadence
            .map(|c| format!("every {c} days"))
            .unwrap_or_default(),
    );
    field(
        "birthday",
        p.birthday.map(|b| b.to_string()).unwrap_or_default(),
    );
    field("notes", p.notes.clone());
    outln!(
        "  {:<10} ↑{} given ↓{} received{}",
        "deeds",
        f.deeds_given,
        f.deeds_received,
        if f.coffee_only() {
            " · coffee only"
        } else {
            ""
        }
    );
    let last = match (f.last_contact, f.days_since_contact(setup.today)) {
        (Some(date), Some(0)) => format!("{date}, today"),
        (Some(date), Some(days)) => {
            format!("{date}, {} ago", kith::text::count(days, "day", "days"))
        }
        _ => "never".to_string(),
    };
    outln!("  {:<10} {last}", "contact");
    if let Some(m) = book.next_meeting(id, setup.today) {
        outln!("  {:<10} {}", "next", kith::text::visible(&m.label()));
    }
    if p.archived {
        outln!("  archived");
    }
    for e in entries {
        let others: Vec<String> = e
            .people
            .iter()
            .filter(|x| **x != id)
            .map(|x| book.name_of(*x))
            .collect();
        let with = if others.is_empty() {
            String::new()
        } else {
            format!(" (with {})", others.join(", "))
        };
        let follow = match e.follow_up {
            Some(d) if !e.done => format!("  !{d}"),
            _ => String::new(),
        };
        let state = match &e.released {
            _ if e.is_open_promise() => " [open]".to_string(),
            Some(note) if note.is_empty() => " [released]".to_string(),
            Some(note) => format!(" [released: {note}]"),
            None => String::new(),
        };
        let mark = e.source.map_or(String::new(), |s| format!("{} ", s.mark()));
        outln!(
            "  {}  {} {:<8} {mark}{}{with}{state}{follow}",
            e.date,
            e.direction.arrow(),
            e.kind,
            e.summary
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The width of the id column: the widest id listed (a drawn code is nine
/// characters, an old book's `p7` two), at least three.
pub fn id_width(ids: impl Iterator<Item = PersonId>) -> usize {
    ids.map(|id| id.to_string().len()).max().unwrap_or(0).max(3)
}
