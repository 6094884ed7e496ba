//! `edit`, `archive` and `merge`: keeping people right from the shell.

use anyhow::Result;
use clap::Args;
use std::process::ExitCode;

use kith::model::{Address, Op, OpError, Person, fields, merge_op};

use super::{BadInput, Setup, checked, resolve};

#[derive(Debug, Args)]
pub struct EditArgs {
    /// A name (or the start of one, as @name in a capture) or an id like p12;
    /// none: asked for on a terminal. With no change given, the person opens
    /// in $EDITOR (as RON, as the TUI's E does).
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::person))]
    name_or_id: Option<String>,
    /// A new name.
    #[arg(long)]
    name: Option<String>,
    /// A new organisation ("" clears it).
    #[arg(long)]
    org: Option<String>,
    /// A new title ("" clears it).
    #[arg(long)]
    title: Option<String>,
    /// `+x` (or `x`) adds a tag, `-x` removes it (repeatable).
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::tag), long = "tag", value_name = "±T", allow_hyphen_values = true)]
    tags: Vec<String>,
    /// `+e` adds an e-mail, `-e` removes it (repeatable).
    #[arg(long = "email", value_name = "±E", allow_hyphen_values = true)]
    emails: Vec<String>,
    /// `+p` adds a phone number, `-p` removes it (repeatable).
    #[arg(long = "phone", value_name = "±P", allow_hyphen_values = true)]
    phones: Vec<String>,
    /// `+ADDRESS` adds a postal address written `label: street; locality;
    /// region; postal code; country` (parts may be left empty, the label
    /// out); `-LABEL` or `-ADDRESS` removes it (repeatable).
    #[arg(long = "address", value_name = "±ADDRESS", allow_hyphen_values = true)]
    addresses: Vec<String>,
    /// `+url` adds a link, `-url` removes it (repeatable).
    #[arg(long = "link", value_name = "±URL", allow_hyphen_values = true)]
    links: Vec<String>,
    /// `+n` adds a nickname, `-n` removes it (repeatable).
    #[arg(long = "nickname", value_name = "±N", allow_hyphen_values = true)]
    nicknames: Vec<String>,
    /// `+text` adds a need, `-text` removes it (repeatable).
    #[arg(long = "need", value_name = "±TEXT", allow_hyphen_values = true)]
    needs: Vec<String>,
    /// `+text` adds an offer, `-text` removes it (repeatable).
    #[arg(long = "offer", value_name = "±TEXT", allow_hyphen_values = true)]
    offers: Vec<String>,
    /// Keep in touch every N days (`none` clears it).
    #[arg(long, value_name = "N|none")]
    cadence: Option<String>,
    /// MM-DD or YYYY-MM-DD (`none` clears it).
    #[arg(long, value_name = "DATE|none")]
    birthday: Option<String>,
    /// Replace the notes.
    #[arg(long)]
    notes: Option<String>,
    /// How you met ("" clears it).
    #[arg(long)]
    met: Option<String>,
}

impl EditArgs {
    /// No field to change was given: the person goes to `$EDITOR`.
    fn changes_nothing(&self) -> bool {
        let lists = [
            &self.tags,
            &self.emails,
            &self.phones,
            &self.addresses,
            &self.links,
            &self.nicknames,
            &self.needs,
            &self.offers,
        ];
        let values = [
            &self.name,
            &self.org,
            &self.title,
            &self.cadence,
            &self.birthday,
            &self.notes,
            &self.met,
        ];
        lists.iter().all(|l| l.is_empty()) && values.iter().all(|v| v.is_none())
    }
}

pub fn edit(setup: &Setup, a: EditArgs) -> Result<ExitCode> {
    let (mut store, mut book) = setup.open()?;
    let id = resolve::person_or_pick(&book, a.name_or_id.as_deref(), "kith edit NAME")?;
    if a.changes_nothing() {
        return in_editor(&mut store, &mut book, id);
    }
    // Validate everything before taking the lock, so bad input writes nothing.
    // The field rules the form uses too (model::fields).
    let cadence = checked("--cadence", a.cadence.as_deref(), fields::cadence)?;
    let birthday = checked("--birthday", a.birthday.as_deref(), fields::birthday)?;
    // An e-mail added (`+e` or `e`; `-e` removes) is checked as the form does.
    for c in a.emails.iter().filter(|c| !c.starts_with('-')) {
        let new = c.strip_prefix('+').unwrap_or(c).trim();
        if !new.is_empty() {
            fields::email(new).map_err(|e| BadInput(format!("--email: {e}")))?;
        }
    }
    let addresses = address_changes(&a.addresses)?;
    if a.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(BadInput("--name: a person needs a name".into()).into());
    }
    let applied = store.update(&mut book, |fresh| {
        let before = fresh.person(id).ok_or(OpError::NoPerson(id))?;
        let mut p: Person = before.clone();
        if let Some(n) = &a.name {
            p.name = n.trim().to_string();
        }
        set_opt(&mut p.org, &a.org);
        set_opt(&mut p.title, &a.title);
        set_opt(&mut p.met.context, &a.met);
        apply_list(&mut p.tags, &a.tags);
        apply_list(&mut p.emails, &a.emails);
        apply_list(&mut p.phones, &a.phones);
        for change in &addresses {
            match change {
                AddressChange::Add(new) => {
                    if !p.addresses.contains(new) {
                        p.addresses.push(new.clone());
                    }
                }
                AddressChange::Remove(gone) => p.addresses.retain(|x| {
                    !x.label.eq_ignore_ascii_case(gone)
                        && !x.edit_text().eq_ignore_ascii_case(gone)
                        && !x.one_line().eq_ignore_ascii_case(gone)
                }),
            }
        }
        apply_list(&mut p.links, &a.links);
        apply_list(&mut p.nicknames, &a.nicknames);
        apply_list(&mut p.needs, &a.needs);
        apply_list(&mut p.offers, &a.offers);
        if let Some(c) = cadence {
            p.cadence = c;
        }
        if let Some(b) = birthday {
            p.birthday = b;
        }
        if let Some(n) = &a.notes {
            p.notes = n.clone();
        }
        Ok(Op::edit_person(before, p))
    })?;
    let changed = !applied.inverse.is_nothing();
    outln!(
        "{}: {}",
        if changed { "edited" } else { "unchanged" },
        describe(book.person(id).expect("edited person"))
    );
    Ok(ExitCode::SUCCESS)
}

/// `kith edit NAME` alone: the person as RON in `$EDITOR` (the TUI's `E`),
/// the change saved as the fields that differ, on the freshest book. On a
/// terminal a text that does not parse reopens with its error; off one it
/// is bad input and nothing is saved.
fn in_editor(
    store: &mut kith::store::Store,
    book: &mut kith::model::Book,
    id: kith::model::PersonId,
) -> Result<ExitCode> {
    use kith::editor::snippet::Edited;
    use std::io::IsTerminal;
    let original = book.person(id).expect("resolved person exists").clone();
    let at_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let edited = kith::editor::edit_person(&original, at_terminal, kith::editor::run_editor)
        .map_err(|e| anyhow::anyhow!("editor: {e}"))?;
    match edited {
        Edited::Changed(p) => {
            store.update(book, |_| Ok(Op::edit_person(&original, (*p).clone())))?;
            outln!(
                "edited: {}",
                describe(book.person(id).expect("edited person"))
            );
        }
        Edited::Unchanged => outln!("unchanged: {}", describe(&original)),
        Edited::Cancelled => outln!("emptied: nothing saved"),
        Edited::IdChanged => {
            return Err(BadInput("the id cannot change; nothing saved".into()).into());
        }
        Edited::Broken { error, .. } => {
            return Err(BadInput(format!(
                "the edited text does not parse ({error}); nothing saved"
            ))
            .into());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn set_opt(field: &mut Option<String>, value: &Option<String>) {
    if let Some(v) = value {
        let v = v.trim();
        *field = (!v.is_empty()).then(|| v.to_string());
    }
}

enum AddressChange {
    Add(Address),
    Remove(String),
}

/// `--address` values read before the lock is taken, so a bad one writes
/// nothing (exit 2, what is wrong with it).
fn address_changes(values: &[String]) -> Result<Vec<AddressChange>, BadInput> {
    values
        .iter()
        .map(|v| match v.strip_prefix('-') {
            Some(gone) if !gone.trim().is_empty() => {
                Ok(AddressChange::Remove(gone.trim().to_string()))
            }
            Some(_) => Err(BadInput("--address: `-` names no address".into())),
            None => Address::parse(v.strip_prefix('+').unwrap_or(v))
                .map(AddressChange::Add)
                .map_err(|why| BadInput(format!("--address: {why}"))),
        })
        .collect()
}

/// `+x`/`x` adds (once), `-x` removes (case-insensitively).
fn apply_list(list: &mut Vec<String>, changes: &[String]) {
    for c in changes {
        if let Some(gone) = c.strip_prefix('-') {
            list.retain(|x| !x.eq_ignore_ascii_case(gone.trim()));
        } else {
            let new = c.strip_prefix('+').unwrap_or(c).trim();
            if !new.is_empty() && !list.iter().any(|x| x.eq_ignore_ascii_case(new)) {
                list.push(new.to_string());
            }
        }
    }
}

fn describe(p: &Person) -> String {
    let mut s = format!("{} {}", p.id, p.name);
    if let Some(org) = &p.org {
        s.push_str(&format!(" ({org})"));
    }
    if !p.tags.is_empty() {
        s.push_str(&format!(" [{}]", p.tags.join(", ")));
    }
    if p.archived {
        s.push_str(" — archived");
    }
    s
}

#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// A name (or the start of one, as @name in a capture) or an id like p12.
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::person))]
    name_or_id: String,
    /// Unarchive instead.
    #[arg(long)]
    undo: bool,
}

pub fn archive(setup: &Setup, a: ArchiveArgs) -> Result<ExitCode> {
    let (mut store, mut book) = setup.open()?;
    let id = resolve::person(&book, &a.name_or_id)?;
    if let Some(p) = book.person(id).filter(|p| p.archived != a.undo) {
        let already = if a.undo { "not archived" } else { "archived" };
        outln!("{} {} is already {already}; nothing changed", p.id, p.name);
        return Ok(ExitCode::SUCCESS);
    }
    store.update(&mut book, |fresh| {
        let before = fresh.person(id).ok_or(OpError::NoPerson(id))?;
        let mut p = before.clone();
        p.archived = !a.undo;
        Ok(Op::edit_person(before, p))
    })?;
    let p = book.person(id).expect("archived person stays in the book");
    outln!(
        "{}: {}",
        if a.undo { "unarchived" } else { "archived" },
        describe(p)
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The person merged away (name or id).
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::person))]
    from: String,
    /// The person who remains (name or id).
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::person))]
    into: String,
}

pub fn merge(setup: &Setup, a: MergeArgs) -> Result<ExitCode> {
    let (mut store, mut book) = setup.open()?;
    let from = resolve::person(&book, &a.from)?;
    let into = resolve::person(&book, &a.into)?;
    if from == into {
        return Err(BadInput(format!(
            "`{}` and `{}` are the same person ({from})",
            a.from, a.into
        ))
        .into());
    }
    let moved = book.entries_of(from).count();
    let from_name = book.name_of(from);
    store.update(&mut book, |fresh| merge_op(fresh, from, into))?;
    outln!(
        "merged {from} {from_name} into {}; {} re-pointed; {from} now resolves to {into}",
        describe(book.person(into).expect("merge target stays")),
        kith::text::count(moved, "entry", "entries")
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::apply_list;

    #[test]
    fn list_changes_add_once_and_remove_case_insensitively() {
        let mut tags = vec!["Design".to_string()];
        apply_list(
            &mut tags,
            &[
                "+rust".into(),
                "rust".into(),
                "-design".into(),
                "ops".into(),
                "-".into(),
            ],
        );
        assert_eq!(tags, vec!["rust", "ops"]);
    }
}
