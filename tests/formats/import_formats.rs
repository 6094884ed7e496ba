//! Format recognition, character sets and value checks over the fixtures.
//! Each fixture imitates a kind of file seen in the wild (written here by hand,
//! not copied): outlook_desktop.csv — Outlook desktop's export, Windows-1252,
//! CRLF; outlook_web.csv — outlook.com's, UTF-8 with BOM; vcard21_charsets.vcf
//! — an old phone's 2.1 cards (CHARSET=, quoted-printable, a group on BEGIN,
//! a card in a set encoding_rs cannot decode); vcard30_latin1.vcf — raw Latin-1
//! in a 3.0 card, several ORG/TITLE; utf16_contacts.vcf and
//! google_legacy_utf16.csv — UTF-16LE files; linkedin_2018.csv — LinkedIn's
//! 2018 export (`1/8/18, 6:14 PM`, `urn:li:member:…`); google_values.csv — a
//! label and a display name where e-mails belong, `:::` lists; shared_site.vcf
//! — five contributors sharing their project's site.

use std::path::{Path, PathBuf};

use kith::import::{self, Parsed, Source, parse_path, recognise_path};
use kith::model::{Book, Person};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn named<'a>(parsed: &'a Parsed, name: &str) -> &'a Person {
    &parsed
        .records
        .iter()
        .find(|r| r.person.name == name)
        .unwrap_or_else(|| panic!("no {name} in {parsed:#?}"))
        .person
}

fn notes(parsed: &Parsed) -> String {
    parsed
        .warnings
        .iter()
        .chain(&parsed.skipped)
        .map(|p| format!("{}: {}\n", p.at, p.why))
        .collect()
}

const EVERY: &[(&str, Source)] = &[
    ("linkedin_connections.csv", Source::LinkedIn),
    ("linkedin_2018.csv", Source::LinkedIn),
    ("google_current.csv", Source::Google),
    ("google_legacy.csv", Source::Google),
    ("google_legacy_utf16.csv", Source::Google),
    ("google_values.csv", Source::Google),
    ("outlook_desktop.csv", Source::Outlook),
    ("outlook_web.csv", Source::Outlook),
    ("contacts.vcf", Source::VCard),
    ("vcard21_charsets.vcf", Source::VCard),
    ("vcard30_latin1.vcf", Source::VCard),
    ("utf16_contacts.vcf", Source::VCard),
    ("shared_site.vcf", Source::VCard),
    ("vcards", Source::VCard),
];

#[test]
fn every_fixture_is_recognised_and_refused_by_every_other_importer() {
    for (name, source) in EVERY {
        let path = fixture(name);
        assert_eq!(recognise_path(&path).unwrap(), *source, "{name}");
        parse_path(*source, &path).unwrap_or_else(|e| panic!("{name}: {e}"));
        for other in Source::ALL.into_iter().filter(|o| o != source) {
            let err = parse_path(other, &path).expect_err(&format!("{name} as {other:?}"));
            assert_eq!(err.exit_code(), 2);
            let msg = err.to_string();
            if !path.is_dir() {
                assert!(
                    msg.contains(&format!("use `kith import {} FILE`", source.name())),
                    "{name} as {other:?}: {msg}"
                );
            }
        }
    }
    let unknown = recognise_path(&fixture("not_linkedin.csv")).unwrap_err();
    assert!(
        unknown.to_string().contains("cannot tell the format"),
        "{unknown}"
    );
}

#[test]
fn kiths_own_csv_is_recognised_and_read_back_without_loss() {
    let mut book = Book::default();
    let mut ana = Person::new(kith::model::PersonId(0), "Ana");
    ana.tags = vec!["ski;club".into(), "golf".into()];
    ana.needs = vec!["a flat; soon".into()];
    ana.notes = "two\nlines, \"quoted\"".into();
    ana.cadence = Some(30);
    ana.uids = vec!["phone-1".into()];
    kith::model::Op::AddPerson(ana).apply(&mut book).unwrap();
    let today = "2026-11-26".parse().unwrap();
    let csv = kith::export::csv::render(&book, &kith::model::Kinds::default(), today);
    assert_eq!(kith::import::detect::recognise(&csv), Some(Source::KithCsv));
    let parsed = import::parse_text(Source::KithCsv, &csv).unwrap();
    let mut back = parsed.records[0].person.clone();
    assert_eq!(
        back.uids,
        vec!["p1@kith", "phone-1"],
        "the id comes back as kith's UID"
    );
    back.uids.remove(0);
    back.id = book.people[0].id;
    assert_eq!(back, book.people[0]);
}

#[test]
fn outlook_desktop_in_windows_1252_and_web() {
    let parsed = parse_path(Source::Outlook, &fixture("outlook_desktop.csv")).unwrap();
    let zoe = named(&parsed, "Dr. Zoë Brück");
    assert_eq!(zoe.org.as_deref(), Some("Müller & Söhne"));
    assert_eq!(zoe.title.as_deref(), Some("Head of “Research”"));
    assert_eq!(zoe.emails, vec!["zoe@mueller.example", "zoe@home.example"]);
    assert_eq!(
        zoe.phones,
        vec!["+49 30 1234567", "+49 171 7654321"],
        "no fax"
    );
    assert_eq!(zoe.birthday.unwrap().to_string(), "1985-03-14");
    assert_eq!(zoe.tags, vec!["Suppliers", "VIP"]);
    assert_eq!(zoe.notes, "Met at the fair.\nPrices in €.");
    assert_eq!(zoe.links, vec!["https://www.mueller.example"]);
    assert!(
        notes(&parsed).contains("Windows-1252"),
        "{}",
        notes(&parsed)
    );
    assert_eq!(named(&parsed, "Bo Chen").birthday, None, "0/0/00 is none");
    let web = parse_path(Source::Outlook, &fixture("outlook_web.csv")).unwrap();
    let ana = named(&web, "Ana García");
    assert_eq!(ana.emails.len(), 3);
    assert_eq!(ana.phones, vec!["+1 555 0100", "+1 555 0101"]);
    assert_eq!(
        (ana.org.as_deref(), ana.title.as_deref()),
        (Some("Acme"), Some("CTO"))
    );
    assert_eq!(ana.nicknames, vec!["Anita"]);
    assert_eq!(ana.tags, vec!["Friends"]);
    assert_eq!(ana.birthday.unwrap().to_string(), "1990-07-04");
}

#[test]
fn vcard_charsets_quoted_printable_and_the_undecodable() {
    let parsed = parse_path(Source::VCard, &fixture("vcard21_charsets.vcf")).unwrap();
    let j = named(&parsed, "Jürgen Müller");
    assert_eq!(j.notes, "Euro €, “quoted” and more");
    assert_eq!(j.title.as_deref(), Some("umlaut u - ü"));
    let said = notes(&parsed);
    assert!(
        said.contains("TITLE is quoted-printable with no CHARSET; read as Latin-1"),
        "{said}"
    );
    assert!(said.contains("not valid SHIFT_JIS"), "{said}");
    let una = named(&parsed, "Una Undecodable");
    assert!(!una.name.contains('\u{fffd}'));
    for r in &parsed.records {
        assert!(
            !format!("{:?}", r.person).contains('\u{fffd}'),
            "{:?}",
            r.person
        );
    }
    let latin = parse_path(Source::VCard, &fixture("vcard30_latin1.vcf")).unwrap();
    let f = named(&latin, "François Lefèvre");
    assert_eq!(f.org.as_deref(), Some("Société Générale, Banque privée"));
    assert_eq!(f.title.as_deref(), Some("Directeur"));
    let said = notes(&latin);
    assert!(said.contains("read as Latin-1"), "{said}");
    assert!(
        said.contains("another ORG `Other Org`") && said.contains("another TITLE `Chef`"),
        "{said}"
    );
}

#[test]
fn utf16_files() {
    let v = parse_path(Source::VCard, &fixture("utf16_contacts.vcf")).unwrap();
    assert_eq!(
        named(&v, "Ωmega Ünicode").emails,
        vec!["omega@unicode.example"]
    );
    let g = parse_path(Source::Google, &fixture("google_legacy_utf16.csv")).unwrap();
    let s = named(&g, "Søren Kierkegaard");
    assert_eq!(s.org.as_deref(), Some("Københavns Universitet"));
    assert_eq!(s.tags, vec!["Philosophers"]);
    assert!(notes(&g).contains("UTF-16LE"), "{}", notes(&g));
}

#[test]
fn values_are_checked() {
    let g = parse_path(Source::Google, &fixture("google_values.csv")).unwrap();
    let w = named(&g, "Wanda Frost");
    assert_eq!(w.emails, vec!["wanda.frost@example.org"]);
    assert_eq!(w.phones, vec!["+1 555 0100", "+1 555 0101"]);
    assert_eq!(
        w.tags,
        vec!["friends"],
        "system labels dropped, * taken off"
    );
    assert!(
        notes(&g).contains("`* Other` is no address"),
        "{}",
        notes(&g)
    );
    let l = parse_path(Source::LinkedIn, &fixture("linkedin_2018.csv")).unwrap();
    let ana = named(&l, "Ana García");
    assert!(ana.emails.is_empty());
    assert_eq!(ana.met.date, "2018-01-08".parse().ok());
    assert_eq!(named(&l, "Bo Chen").met.date, "2017-12-31".parse().ok());
    assert!(notes(&l).contains("urn:li:member:123456"));
}

#[test]
fn a_shared_site_merges_nobody() {
    let parsed = parse_path(Source::VCard, &fixture("shared_site.vcf")).unwrap();
    let (ops, report) = import::plan(&Book::default(), parsed, "vcard");
    assert_eq!(
        (report.added, report.merged_in_file, ops.len()),
        (5, 0, 5),
        "{report}"
    );
}

/// Addresses are read, not dropped (issue 24, point 3): Outlook's
/// `Business Street`, Google's numbered `Address 1 - …` columns (as kith's
/// Google export writes them, so the two round-trip), a vCard's ADR.
#[test]
fn addresses_from_outlook_google_and_vcard() {
    let parsed = parse_path(Source::Outlook, &fixture("outlook_desktop.csv")).unwrap();
    let zoe = &parsed.records[0].person;
    assert_eq!(zoe.addresses.len(), 1, "{:?}", zoe.addresses);
    assert_eq!(
        (
            zoe.addresses[0].label.as_str(),
            zoe.addresses[0].street.as_str()
        ),
        ("work", "Hauptstr. 1")
    );
    let dir = tempfile::tempdir().unwrap();
    let google = dir.path().join("g.csv");
    std::fs::write(
        &google,
        "First Name,Middle Name,Last Name,E-mail 1 - Value,Address 1 - Label,\
         Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,\
         Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,\
         Address 2 - Label,Address 2 - Formatted\n\
         Ana,,García,a@x.test,Home,\"Calle 1, 28001 Madrid\",Calle 1,Madrid,,,28001,Spain,\
         Work,\"Old Mill\nLeeds\"\n",
    )
    .unwrap();
    let parsed = parse_path(Source::Google, &google).unwrap();
    let ana = &parsed.records[0].person;
    assert_eq!(ana.addresses.len(), 2, "{:?}", ana.addresses);
    assert_eq!(ana.addresses[0].one_line(), "Calle 1, 28001 Madrid, Spain");
    assert_eq!(ana.addresses[0].label, "home");
    assert_eq!(ana.addresses[1].street, "Old Mill, Leeds");
    let mut book = Book::default();
    for r in &parsed.records {
        kith::model::Op::AddPerson(r.person.clone())
            .apply(&mut book)
            .unwrap();
    }
    std::fs::write(&google, kith::export::google_csv::render(&book)).unwrap();
    let again = parse_path(Source::Google, &google).unwrap();
    assert_eq!(again.records[0].person.addresses, ana.addresses);
}
