//! The book in Google Contacts' own CSV import format (the header its
//! "Export → Google CSV" writes): name parts, nickname, birthday, notes,
//! labels (`* myContacts ::: tag`), and numbered e-mail, phone and website
//! columns, as many as the person with the most needs.

use super::vcard::with_scheme;
use crate::model::{Book, Person};

/// The columns of one address, as Google's own export names them.
const ADDRESS_PARTS: [&str; 7] = [
    "Label",
    "Formatted",
    "Street",
    "City",
    "Region",
    "Postal Code",
    "Country",
];

/// `home` → `Home`, as Google labels its own types.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn render(book: &Book) -> String {
    let most = |f: fn(&Person) -> usize| book.people.iter().map(f).max().unwrap_or(0).max(1);
    let (emails, phones, sites) = (
        most(|p| p.emails.len()),
        most(|p| p.phones.len()),
        most(|p| p.links.len()),
    );
    let addresses = book
        .people
        .iter()
        .map(|p| p.addresses.len())
        .max()
        .unwrap_or(0);
    let mut header: Vec<String> = [
        "First Name",
        "Middle Name",
        "Last Name",
        "Nickname",
        "Birthday",
        "Notes",
        "Labels",
        "Organization Name",
        "Organization Title",
    ]
    .map(String::from)
    .to_vec();
    for (what, n) in [("E-mail", emails), ("Phone", phones), ("Website", sites)] {
        for i in 1..=n {
            header.push(format!("{what} {i} - Label"));
            header.push(format!("{what} {i} - Value"));
        }
    }
    for i in 1..=addresses {
        for part in ADDRESS_PARTS {
            header.push(format!("Address {i} - {part}"));
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).expect("writing to memory");
    for p in &book.people {
        let (first, last) = match p.name.trim().rsplit_once(' ') {
            Some((f, l)) => (f.trim().to_string(), l.to_string()),
            None => (p.name.trim().to_string(), String::new()),
        };
        let mut labels = vec!["* myContacts".to_string()];
        labels.extend(p.tags.iter().cloned());
        let mut row = vec![
            first,
            String::new(),
            last,
            p.nicknames.join(" ::: "),
            p.birthday
                .map(|b| b.to_string())
                .map(|b| match b.len() {
                    5 => format!("--{b}"),
                    _ => b,
                })
                .unwrap_or_default(),
            p.notes.clone(),
            labels.join(" ::: "),
            p.org.clone().unwrap_or_default(),
            p.title.clone().unwrap_or_default(),
        ];
        let links: Vec<String> = p.links.iter().map(|l| with_scheme(l)).collect();
        for (values, n, label) in [
            (&p.emails, emails, "* Other"),
            (&p.phones, phones, "Other"),
            (&links, sites, ""),
        ] {
            for i in 0..n {
                let v = values.get(i).cloned().unwrap_or_default();
                row.push(if v.is_empty() {
                    String::new()
                } else {
                    label.to_string()
                });
                row.push(v);
            }
        }
        for i in 0..addresses {
            match p.addresses.get(i) {
                Some(a) => row.extend([
                    capitalised(&a.label),
                    a.one_line(),
                    a.street.clone(),
                    a.locality.clone(),
                    a.region.clone(),
                    a.postal_code.clone(),
                    a.country.clone(),
                ]),
                None => row.extend(ADDRESS_PARTS.map(|_| String::new())),
            }
        }
        w.write_record(&row).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("written from strings")
}
