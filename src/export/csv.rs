//! CSV for spreadsheets: one row per person, their card and the derived facts
//! (last contact, deeds given and received, coffee-only). Lists are joined
//! with `; `, a `;` or `\` inside an item escaped with `\`, so `kith import
//! csv` splits them again exactly ([`crate::text::split_list`]).

use chrono::NaiveDate;

use crate::model::{Book, Index, Kinds, Person, PersonFacts};
use crate::text::join_list;

pub const HEADER: &[&str] = &[
    "id",
    "name",
    "nicknames",
    "org",
    "title",
    "emails",
    "phones",
    "addresses",
    "links",
    "tags",
    "met_context",
    "met_date",
    "birthday",
    "cadence_days",
    "needs",
    "offers",
    "notes",
    "archived",
    "introduced_by",
    "snoozed_until",
    "structured_name",
    "uids",
    "last_contact",
    "days_since_contact",
    "touches",
    "deeds_given",
    "deeds_received",
    "coffee_only",
    "open_promises",
    "next_follow_up",
];

pub fn render(book: &Book, kinds: &Kinds, today: NaiveDate) -> String {
    let index = Index::build(book, kinds);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).expect("writing to memory");
    for p in &book.people {
        w.write_record(row(p, index.facts(p.id), today))
            .expect("writing to memory");
    }
    let bytes = w.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("written from strings")
}

fn row(p: &Person, f: &PersonFacts, today: NaiveDate) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let date = |d: Option<NaiveDate>| opt(d.map(|d| d.to_string()));
    vec![
        p.id.to_string(),
        p.name.clone(),
        join_list(&p.nicknames),
        opt(p.org.clone()),
        opt(p.title.clone()),
        join_list(&p.emails),
        join_list(&p.phones),
        join_list(
            &p.addresses
                .iter()
                .map(|a| a.edit_text())
                .collect::<Vec<_>>(),
        ),
        join_list(&p.links),
        join_list(&p.tags),
        opt(p.met.context.clone()),
        date(p.met.date),
        opt(p.birthday.map(|b| b.to_string())),
        opt(p.cadence.map(|c| c.to_string())),
        join_list(&p.needs),
        join_list(&p.offers),
        p.notes.clone(),
        p.archived.to_string(),
        opt(p.met.introduced_by.map(|id| id.to_string())),
        date(p.snoozed_until),
        opt(p.structured_name.clone()),
        join_list(&p.uids),
        date(f.last_contact),
        opt(f.days_since_contact(today).map(|d| d.to_string())),
        f.touches.to_string(),
        f.deeds_given.to_string(),
        f.deeds_received.to_string(),
        f.coffee_only().to_string(),
        f.open_promises.to_string(),
        date(f.next_follow_up),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Kind, Op, PersonId};

    #[test]
    fn one_row_per_person_with_derived_facts() {
        let mut book = Book::default();
        let mut ana = Person::new(PersonId(0), "Ana, \"the\" boss");
        ana.emails = vec!["a@x".into(), "b@y".into()];
        Op::AddPerson(ana).apply(&mut book).unwrap();
        Op::AddPerson(Person::new(PersonId(0), "Bo"))
            .apply(&mut book)
            .unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        Op::AddEntry(Entry::new(
            d("2026-11-01"),
            vec![PersonId(1)],
            Kind::new("coffee"),
            "x",
        ))
        .apply(&mut book)
        .unwrap();
        let text = render(&book, &Kinds::default(), d("2026-11-26"));
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        let col = |name: &str| HEADER.iter().position(|h| *h == name).unwrap();
        assert_eq!(&rows[0][col("name")], "Ana, \"the\" boss");
        assert_eq!(&rows[0][col("emails")], "a@x; b@y");
        assert_eq!(&rows[0][col("last_contact")], "2026-11-01");
        assert_eq!(&rows[0][col("days_since_contact")], "25");
        assert_eq!(&rows[0][col("coffee_only")], "true");
        assert_eq!(&rows[1][col("coffee_only")], "false");
        assert_eq!(&rows[1][col("last_contact")], "");
    }
}
