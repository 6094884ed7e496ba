//! The book in Google Contacts' own CSV import format (the header its
//! "Export → Google CSV" writes): name parts, nickname, birthday, notes,
//! labels (`* myContacts ::: tag`), and numbered e-mail, phone and website
//! columns, as many as the person with the most needs.

use crate::model::{Book, Person};
use crate::vcard::fields::{n_fits_name, with_scheme};
use crate::vcard::line::{parse_content, split_escaped, unescape};

/// First, middle, last name, prefix and suffix: from the structured name kith
/// keeps (vCard N: `Family;Given;Additional;Prefix;Suffix`) while it still
/// names the person; else "Family, Given" as written, else the last word is
/// the family name.
fn name_parts(p: &Person) -> [String; 5] {
    if let Some(n) = p
        .structured_name
        .as_deref()
        .filter(|n| n_fits_name(n, &p.name))
    {
        let part = |i: usize| {
            let parts = split_escaped(n, ';');
            let v = parts.get(i).map(|s| unescape(s)).unwrap_or_default();
            v.split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if !(part(0).is_empty() && part(1).is_empty()) {
            return [part(1), part(2), part(0), part(3), part(4)];
        }
    }
    let name = p.name.trim();
    let (first, last) = match name.split_once(',') {
        Some((family, given)) if !given.contains(',') => (given.trim(), family.trim()),
        _ => match name.rsplit_once(' ') {
            Some((f, l)) => (f.trim(), l),
            None => (name, ""),
        },
    };
    [
        first.into(),
        String::new(),
        last.into(),
        String::new(),
        String::new(),
    ]
}

/// Google's label for a phone or e-mail: the TYPE its card gave it (kept
/// in the person's vCard lines), as Google names its own (`cell` is
/// `Mobile`); `Other` when the card said nothing.
fn label_of(p: &Person, property: &str, value: &str) -> String {
    let types = p.vcard.iter().filter_map(|line| {
        let c = parse_content(line.trim_start_matches(crate::vcard::keep::LEFT_OUT)).ok()?;
        let v = unescape(&c.value);
        let v = v.trim();
        let v = v.strip_prefix("tel:").unwrap_or(v);
        (c.name == property && v == value.trim()).then(|| {
            c.params
                .iter()
                .filter(|(k, _)| k == "TYPE")
                .flat_map(|(_, t)| t.split(','))
                .map(|t| t.trim().trim_matches('"').to_lowercase())
                .find(|t| !matches!(t.as_str(), "pref" | "voice" | "internet" | "x400" | ""))
        })?
    });
    match types.into_iter().next().as_deref() {
        Some("cell" | "mobile" | "iphone") => "Mobile".into(),
        Some("fax") => "Work Fax".into(),
        Some(t) => capitalised(t.strip_prefix("x-").unwrap_or(t)),
        None => "Other".into(),
    }
}

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
        "Name Prefix",
        "Name Suffix",
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
        let [first, middle, last, prefix, suffix] = name_parts(p);
        let mut labels = vec!["* myContacts".to_string()];
        labels.extend(p.tags.iter().cloned());
        let mut row = vec![
            first,
            middle,
            last,
            prefix,
            suffix,
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
        for (values, n, property) in [
            (&p.emails, emails, "EMAIL"),
            (&p.phones, phones, "TEL"),
            (&links, sites, ""),
        ] {
            for i in 0..n {
                let v = values.get(i).cloned().unwrap_or_default();
                row.push(match (v.is_empty(), property) {
                    (true, _) | (false, "") => String::new(),
                    (false, property) => label_of(p, property, &v),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(vcf: &str) -> Vec<std::collections::HashMap<String, String>> {
        let mut book = Book::default();
        let parsed = crate::import::vcard::parse(vcf).unwrap();
        let (ops, _) = crate::import::plan(&book, parsed, "");
        crate::model::Op::Batch(ops).apply(&mut book).unwrap();
        let text = render(&book);
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        r.records()
            .map(|rec| {
                header
                    .iter()
                    .cloned()
                    .zip(rec.unwrap().iter().map(String::from))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn names_come_from_the_structured_name_and_labels_from_the_types() {
        let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr. Heiko Mustermann Sr.\r\n\
                   N:Mustermann;Heiko;Karl;Dr.;Sr.\r\n\
                   TEL;TYPE=CELL:+49 151 1234567\r\nTEL;TYPE=WORK,VOICE:+49 30 7654321\r\n\
                   EMAIL;TYPE=INTERNET,HOME:heiko@home.example\r\nEMAIL:h@else.example\r\n\
                   END:VCARD\r\n\
                   BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Musterfrau, Erika\r\nEND:VCARD\r\n";
        let rows = rows(vcf);
        let heiko = &rows[0];
        let col = |r: &std::collections::HashMap<String, String>, c: &str| r[c].clone();
        assert_eq!(
            [
                "First Name",
                "Middle Name",
                "Last Name",
                "Name Prefix",
                "Name Suffix"
            ]
            .map(|c| col(heiko, c)),
            ["Heiko", "Karl", "Mustermann", "Dr.", "Sr."]
        );
        assert_eq!(
            [
                "Phone 1 - Label",
                "Phone 2 - Label",
                "E-mail 1 - Label",
                "E-mail 2 - Label"
            ]
            .map(|c| col(heiko, c)),
            ["Mobile", "Work", "Home", "Other"]
        );
        let erika = &rows[1];
        assert_eq!(
            ["First Name", "Last Name"].map(|c| col(erika, c)),
            ["Erika", "Musterfrau"]
        );
    }
}
