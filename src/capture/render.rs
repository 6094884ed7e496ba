//! Captures and entries back to words: the grammar form (for editing an entry
//! in the capture line) and the one-line preview of what will be saved.

use chrono::NaiveDate;

use super::lex::{Class, classify};
use super::resolve::Resolution;
use super::{Capture, Names, Who};
use crate::model::{Book, Direction, Entry, PersonId};

/// The grammar form of an existing entry: parsing it (with the same book and
/// `today`) gives the entry's people, kind, direction, dates and summary back.
/// Whether it is done is not part of the grammar.
pub fn render(entry: &Entry, book: &Book, today: NaiveDate) -> String {
    render_capture(&Capture::from_entry(entry), book, today)
}

/// The grammar form of a capture: people, kind, summary, date, follow-up.
/// Summary words that would read as something else are escaped with `\`.
pub fn render_capture(c: &Capture, book: &Book, today: NaiveDate) -> String {
    let names = Names::new(book);
    let mut words: Vec<String> = c.people.iter().map(|w| mention(w, book, &names)).collect();
    let sigil = match c.direction {
        Direction::Gave => "",
        Direction::Received => "<",
        Direction::Mutual => "=",
    };
    words.push(format!("{sigil}{}:", c.kind.as_str().replace(' ', "-")));
    for word in c.summary.split_whitespace() {
        if needs_escape(word) {
            words.push(format!("\\{word}"));
        } else {
            words.push(word.to_string());
        }
    }
    if c.date != today {
        words.push(date_word(c.date, today));
    }
    if let Some(f) = c.follow_up {
        let word = match (f - today).num_days() {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            _ => f.to_string(),
        };
        words.push(format!("!{word}"));
    }
    words.join(" ")
}

fn needs_escape(word: &str) -> bool {
    word.starts_with("@\"") || !matches!(classify(word), Class::Word | Class::Kind { .. })
}

fn date_word(date: NaiveDate, today: NaiveDate) -> String {
    match (today - date).num_days() {
        1 => "yesterday".to_string(),
        n @ 2..=6 => format!("-{n}d"),
        _ => date.to_string(),
    }
}

/// `@name`, `@"Two Words"` or `@p42`, whichever reads back as this person.
pub fn mention(who: &Who, book: &Book, names: &Names) -> String {
    let (name, id) = match who {
        Who::Known(id) => match book.person(*id) {
            Some(p) => (p.name.as_str(), Some(p.id)),
            None => return format!("@{id}"),
        },
        Who::New(name) => (name.as_str(), None),
    };
    let forms = [
        format!("@{name}"),
        format!("@\"{name}\""),
        format!("@{}", name.replace(' ', ".")),
    ];
    let reads_back = |form: &String| {
        let quoted_ok = !form.starts_with("@\"") || form[2..].find('"') == Some(form.len() - 3);
        let Class::Mention { name: read, suffix } = classify(form) else {
            return false;
        };
        let unsplit = !form.contains(char::is_whitespace) || form.starts_with("@\"");
        quoted_ok
            && unsplit
            && suffix.is_empty()
            && read == name
            && resolves(&read, id, book, names)
    };
    match (forms.iter().find(|f| reads_back(f)), id) {
        (Some(form), _) => form.clone(),
        (None, Some(id)) => format!("@{id}"),
        (None, None) => forms[1].clone(),
    }
}

fn resolves(name: &str, id: Option<PersonId>, book: &Book, names: &Names) -> bool {
    match (names.resolve(name, book), id) {
        (Resolution::One((found, _)), Some(id)) => found == id,
        (Resolution::None, None) => true,
        _ => false,
    }
}

/// What will be saved, in one line:
/// `favor · gave · Alice García · 2 days ago · follow up Thu 3 Dec · reviewed her deck`.
pub fn preview(c: &Capture, book: &Book, today: NaiveDate) -> String {
    let people: Vec<String> = c
        .people
        .iter()
        .map(|w| match w {
            Who::Known(id) => book.name_of(*id),
            Who::New(name) => format!("{name} (new)"),
        })
        .collect();
    let mut parts = vec![
        c.kind.to_string(),
        c.direction.to_string(),
        people.join(", "),
        when(c.date, today),
    ];
    if let Some(f) = c.follow_up {
        parts.push(format!("follow up {}", crate::text::day(f, today)));
    }
    if c.kind.is_promise() {
        parts.push("open".to_string());
    }
    if !c.summary.is_empty() {
        parts.push(c.summary.clone());
    }
    parts.join(" · ")
}

/// `today`, `2 days ago`, `in 3 days`, or the day for anything two weeks away.
pub fn when(date: NaiveDate, today: NaiveDate) -> String {
    match (date - today).num_days() {
        0 => "today".to_string(),
        -1 => "yesterday".to_string(),
        1 => "tomorrow".to_string(),
        n @ -13..=-2 => format!("{} days ago", -n),
        n @ 2..=13 => format!("in {n} days"),
        _ => crate::text::day(date, today),
    }
}
