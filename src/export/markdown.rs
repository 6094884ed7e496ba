//! A Markdown report for reading, printing or a notes app: per person their
//! card, what the entries say, and their timeline, newest first.

use chrono::NaiveDate;
use std::fmt::Write;

use crate::model::{Book, Entry, Index, Kinds, Person, PersonFacts};

pub fn render(book: &Book, kinds: &Kinds, today: NaiveDate) -> String {
    let index = Index::build(book, kinds);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# kith: {}, {} ({today})",
        crate::text::count(book.people.len(), "person", "people"),
        crate::text::count(book.entries.len(), "entry", "entries")
    );
    for p in &book.people {
        out.push('\n');
        person(&mut out, book, p, index.facts(p.id), today);
    }
    out
}

fn person(out: &mut String, book: &Book, p: &Person, f: &PersonFacts, today: NaiveDate) {
    let _ = writeln!(out, "## {}\n", esc(&p.name));
    let mut field = |label: &str, value: String| {
        if !value.is_empty() {
            let _ = writeln!(out, "- **{label}:** {value}");
        }
    };
    let joined = |items: &[String]| items.iter().map(|s| esc(s)).collect::<Vec<_>>().join(", ");
    field("Also known as", joined(&p.nicknames));
    let work = [p.title.as_deref(), p.org.as_deref()]
        .into_iter()
        .flatten()
        .map(esc)
        .collect::<Vec<_>>()
        .join(", ");
    field("Work", work);
    field("E-mail", joined(&p.emails));
    field("Phone", joined(&p.phones));
    field("Links", joined(&p.links));
    field("Tags", joined(&p.tags));
    let mut met: Vec<String> = Vec::new();
    met.extend(p.met.context.as_deref().map(esc));
    met.extend(p.met.date.map(|d| d.to_string()));
    met.extend(
        p.met
            .introduced_by
            .map(|id| format!("introduced by {}", esc(&book.name_of(id)))),
    );
    field("Met", met.join(", "));
    field(
        "Birthday",
        p.birthday.map(|b| b.to_string()).unwrap_or_default(),
    );
    field(
        "Cadence",
        p.cadence
            .map(|c| format!("every {c} days"))
            .unwrap_or_default(),
    );
    field("Needs", joined(&p.needs));
    field("Offers", joined(&p.offers));
    if p.archived {
        field("Archived", "yes".into());
    }
    let mut facts = format!(
        "deeds given {}, received {}, touches {}",
        f.deeds_given, f.deeds_received, f.touches
    );
    if let (Some(last), Some(days)) = (f.last_contact, f.days_since_contact(today)) {
        let _ = write!(facts, "; last contact {last} ({days} days ago)");
    }
    if f.coffee_only() {
        facts.push_str("; coffee only");
    }
    if f.open_promises > 0 {
        let promises = crate::text::count(f.open_promises, "open promise", "open promises");
        let _ = write!(facts, "; {promises}");
    }
    field("Facts", facts);
    if !p.notes.trim().is_empty() {
        out.push('\n');
        notes(out, p.notes.trim());
    }
    if !f.entries.is_empty() {
        out.push_str("\n### Timeline\n\n");
        for i in &f.entries {
            entry_line(out, book, p, &book.entries[*i]);
        }
    }
}

fn entry_line(out: &mut String, book: &Book, p: &Person, e: &Entry) {
    let _ = write!(
        out,
        "- {} {} {} {}",
        e.date,
        e.kind,
        e.direction.arrow(),
        e.direction
    );
    if !e.summary.is_empty() {
        let _ = write!(out, ": {}", esc(&e.summary));
    }
    let others: Vec<String> = e
        .people
        .iter()
        .filter(|id| book.survivor(**id) != p.id)
        .map(|id| esc(&book.name_of(*id)))
        .collect();
    if !others.is_empty() {
        let _ = write!(out, " (with {})", others.join(", "));
    }
    if e.is_open_promise() {
        out.push_str(" [open]");
    } else if let Some(note) = &e.released {
        match note.is_empty() {
            true => out.push_str(" [released]"),
            false => {
                let _ = write!(out, " [released: {}]", esc(note));
            }
        }
    } else if e.kind.is_promise() {
        out.push_str(" [kept]");
    }
    if let Some(fu) = e.follow_up {
        let state = if e.done { "done" } else { "open" };
        let _ = write!(out, " (follow up {fu}, {state})");
    }
    out.push('\n');
}

/// Notes as a block quote whose line breaks stay line breaks (CommonMark's
/// hard break, a `\` at the end of a line); an empty line starts a new
/// paragraph; a line that would start a list or heading is escaped.
fn notes(out: &mut String, text: &str) {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            out.push_str(">\n");
            continue;
        }
        let next_is_text = lines.get(i + 1).is_some_and(|l| !l.is_empty());
        let mut text = esc(line);
        if text.starts_with(['-', '+', '=']) {
            text.insert(0, '\\');
        } else if let Some(at) = ordinal_end(&text) {
            text.insert(at, '\\');
        }
        let brk = if next_is_text { "\\" } else { "" };
        let _ = writeln!(out, "> {text}{brk}");
    }
}

/// Where the `.` of `1.` (or `)` of `2)`) at the start is: CommonMark would
/// read an ordered list.
fn ordinal_end(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && matches!(s.as_bytes().get(digits), Some(b'.' | b')'))).then_some(digits)
}

/// Escapes what Markdown would read as formatting: ASCII punctuation with a
/// backslash, and `<`, `>`, `&` as entities (they render as themselves in
/// every CommonMark reader, inline HTML or not).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Op, PersonId};

    #[test]
    fn card_facts_and_timeline_per_person() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut book = Book::default();
        let mut ana = Person::new(PersonId(0), "Ana *García*");
        ana.org = Some("Acme".into());
        ana.needs = vec!["a designer".into()];
        Op::AddPerson(ana).apply(&mut book).unwrap();
        Op::AddPerson(Person::new(PersonId(0), "Bo"))
            .apply(&mut book)
            .unwrap();
        let mut e = Entry::new(
            d("2026-11-20"),
            vec![PersonId(1), PersonId(2)],
            Kind::new("promise"),
            "intro to Cy",
        );
        e.follow_up = Some(d("2026-11-30"));
        Op::AddEntry(e).apply(&mut book).unwrap();
        let call = Entry::new(d("2026-11-18"), vec![PersonId(1)], Kind::new("call"), "hi");
        Op::AddEntry(call).apply(&mut book).unwrap();
        let md = render(&book, &Kinds::default(), d("2026-11-26"));
        assert!(md.contains("## Ana \\*García\\*\n"), "{md}");
        assert!(md.contains("- **Work:** Acme\n"));
        assert!(md.contains("- **Needs:** a designer\n"));
        // The open promise is no contact: the call is the last.
        assert!(md.contains("last contact 2026-11-18 (8 days ago)"), "{md}");
        assert!(md.contains(
            "- 2026-11-20 promise ↑ gave: intro to Cy (with Bo) [open] (follow up 2026-11-30, open)\n"
        ));
        assert_eq!(md.matches("### Timeline").count(), 2);
    }

    #[test]
    fn notes_keep_line_breaks_and_angle_brackets_are_entities() {
        let mut out = String::new();
        notes(
            &mut out,
            "first <b>\nsecond & third\n\n- not a list\n1. nor this",
        );
        assert_eq!(
            out,
            "> first &lt;b&gt;\\\n> second &amp; third\n>\n> \\- not a list\\\n> 1\\. nor this\n"
        );
    }
}
