//! vCard 2.1, 3.0 and 4.0: one file with many cards (a folder of files is read
//! by [`super::parse_path`]). Each card is read on its own: a card that cannot
//! be read is reported with the line it starts on, and the rest go on.

use super::{NotFormat, Parsed, kith_fields};
use crate::model::{Person, PersonId};
use crate::vcard::fields::{address_of_adr, drop_year, parse_bday};
use crate::vcard::keep::{LEFT_OUT, is_owned, own_line};
use crate::vcard::line::{Content, parse_content, split_escaped, unescape, unfold};

/// Parses vCard text (already decoded: no `CHARSET=` is applied).
pub fn parse(text: &str) -> Result<Parsed, NotFormat> {
    parse_bytes(text.as_bytes())
}

/// Parses a vCard file's bytes: each line is decoded on its own (see
/// [`unfold`]), so a 2.1 file mixing `CHARSET=`s reads right.
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed, NotFormat> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut parsed = Parsed::default();
    let mut card: Option<Card> = None;
    let mut seen_any = false;
    for logical in unfold(bytes) {
        let line = logical.line;
        let trimmed = without_group(logical.text.trim());
        if let Some(why) = logical.problem {
            match card.as_mut() {
                Some(open) => open.problems.push((line, why)),
                None => parsed.warn(line, why),
            }
        }
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.eq_ignore_ascii_case("BEGIN:VCARD") {
            seen_any = true;
            if let Some(open) = card.take() {
                parsed.skip(
                    open.line,
                    "card has no END:VCARD before the next BEGIN:VCARD",
                );
            }
            card = Some(Card::new(line));
            continue;
        }
        let Some(open) = card.as_mut() else {
            continue; // text between cards is ignored
        };
        if trimmed.eq_ignore_ascii_case("END:VCARD") {
            let done = card.take().expect("open card");
            done.finish(&mut parsed);
            continue;
        }
        match parse_content(&logical.text) {
            Ok(content) => open.read(content, &logical.text, line),
            Err(why) => {
                // Kept in the book (never dropped), but not written into a
                // card again: a server would refuse the whole card.
                open.keep_left_out(&logical.text);
                open.problems
                    .push((line, format!("{why}; kept verbatim in the book")));
            }
        }
    }
    if let Some(open) = card {
        parsed.skip(open.line, "card has no END:VCARD");
    }
    if !seen_any {
        return Err(NotFormat("no BEGIN:VCARD line".into()));
    }
    Ok(parsed)
}

/// `home.BEGIN:VCARD` → `BEGIN:VCARD` (a group prefix some writers put even there).
fn without_group(line: &str) -> &str {
    let name_end = line.find([':', ';']).unwrap_or(line.len());
    match line[..name_end].rfind('.') {
        Some(dot) => &line[dot + 1..],
        None => line,
    }
}

/// True when `text` holds a vCard (for recognising a file's format).
pub fn looks_like_vcard(text: &str) -> bool {
    text.lines()
        .map(|l| without_group(l.trim().trim_start_matches('\u{feff}')))
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.eq_ignore_ascii_case("BEGIN:VCARD"))
}

/// A card being read.
struct Card {
    line: usize,
    version: Option<String>,
    full_name: Option<String>,
    structured_name: Option<String>,
    /// The `N` value as written, for [`Person::structured_name`].
    n_raw: Option<String>,
    orgs: usize,
    titles: usize,
    person: Person,
    problems: Vec<(usize, String)>,
    /// Lines for [`Person::vcard`].
    kept: Vec<String>,
    /// `X-KITH-INTRODUCED-BY` as written ([`super::Record::introduced_by`]).
    introduced_by: Option<String>,
}

impl Card {
    fn new(line: usize) -> Card {
        Card {
            line,
            version: None,
            full_name: None,
            structured_name: None,
            n_raw: None,
            orgs: 0,
            titles: 0,
            person: Person::new(PersonId(0), ""),
            problems: Vec::new(),
            kept: Vec::new(),
            introduced_by: None,
        }
    }

    /// A line of a property kith models whose value it did not take (a second
    /// ORG, a birthday it cannot read): kept, marked to be written back as is.
    fn keep_left_out(&mut self, raw: &str) {
        self.kept.push(format!("{LEFT_OUT}{}", raw.trim_end()));
    }

    /// Reads one content line: its value into the person, and the line itself
    /// into [`Person::vcard`] unless kith writes that very line itself.
    fn read(&mut self, c: Content, raw: &str, line: usize) {
        let problems = self.problems.len();
        let own = own_line(&c);
        let modeled = own.is_some() || is_owned(&c.name);
        self.read_value(&c, line);
        let left_out = self.problems[problems..]
            .iter()
            .any(|(_, why)| why.ends_with("left out"));
        let raw = raw.trim_end();
        if left_out {
            for (_, why) in &mut self.problems[problems..] {
                if why.ends_with("left out") {
                    why.push_str("; kept verbatim");
                }
            }
            self.keep_left_out(raw);
        } else if !modeled || own.is_some_and(|own| own != raw) {
            self.kept.push(raw.to_string());
        }
    }

    fn read_value(&mut self, c: &Content, line: usize) {
        const TEXT: &[&str] = &[
            "FN", "N", "NICKNAME", "ORG", "TITLE", "EMAIL", "TEL", "URL", "NOTE",
        ];
        if c.binary {
            if TEXT.contains(&c.name.as_str()) {
                let why = format!("{} is base64-encoded; left out", c.name);
                self.problems.push((line, why));
            }
            return;
        }
        if c.latin1 {
            let why = format!(
                "{} is quoted-printable with no CHARSET; read as Latin-1",
                c.name
            );
            self.problems.push((line, why));
        }
        let text = || unescape(&c.value).replace("\r\n", "\n").trim().to_string();
        let p = &mut self.person;
        let push = |list: &mut Vec<String>, v: String| {
            if !v.is_empty() && !list.contains(&v) {
                list.push(v);
            }
        };
        match c.name.as_str() {
            "VERSION" => self.version = Some(c.value.trim().to_string()),
            "UID" => push(&mut p.uids, text()),
            "X-KITH-UID" => push(&mut p.uids, text()),
            "FN" => self.full_name = Some(text()).filter(|s| !s.is_empty()),
            "N" => {
                self.structured_name = structured_name(&c.value);
                self.n_raw = Some(c.value.trim().to_string());
            }
            "NICKNAME" => {
                for n in split_escaped(&c.value, ',') {
                    push(&mut p.nicknames, n.trim().to_string());
                }
            }
            "ORG" => {
                let units: Vec<String> = split_escaped(&c.value, ';')
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                let org = Some(units.join(", ")).filter(|s| !s.is_empty());
                self.orgs += 1;
                match (&p.org, org) {
                    (None, org) => p.org = org,
                    (Some(kept), Some(org)) => self.problems.push((
                        line,
                        format!("another ORG `{org}` besides `{kept}`: left out"),
                    )),
                    (Some(_), None) => {}
                }
            }
            "TITLE" => {
                self.titles += 1;
                match (&p.title, Some(text()).filter(|s| !s.is_empty())) {
                    (None, title) => p.title = title,
                    (Some(kept), Some(title)) => self.problems.push((
                        line,
                        format!("another TITLE `{title}` besides `{kept}`: left out"),
                    )),
                    (Some(_), None) => {}
                }
            }
            "EMAIL" => push(&mut p.emails, text()),
            "TEL" => {
                let t = text();
                let t = t.strip_prefix("tel:").unwrap_or(&t).to_string();
                push(&mut p.phones, t);
            }
            "URL" | "X-SOCIALPROFILE" => push(&mut p.links, text()),
            "ADR" => {
                if let Some(a) = address_of_adr(c)
                    && !p.addresses.contains(&a)
                {
                    p.addresses.push(a);
                }
            }
            "NOTE" => {
                let note = text();
                if !p.notes.is_empty() && !note.is_empty() {
                    p.notes.push('\n');
                }
                p.notes.push_str(&note);
            }
            "CATEGORIES" => {
                for t in split_escaped(&c.value, ',') {
                    push(&mut p.tags, t.trim().to_string());
                }
            }
            "BDAY" => {
                let omit = c.param("X-APPLE-OMIT-YEAR").and_then(|y| y.parse().ok());
                match parse_bday(&c.value).map(|b| drop_year(b, omit)) {
                    Some(b) => p.birthday = Some(b),
                    None => self.problems.push((
                        line,
                        format!("birthday `{}` not understood; left out", c.value),
                    )),
                }
            }
            "X-KITH-INTRODUCED-BY" => {
                self.introduced_by = Some(text()).filter(|v| !v.is_empty());
                kith_fields::read(p, &c.name, &text()).ok();
            }
            name if name.starts_with("X-KITH-") => {
                if let Err(why) = kith_fields::read(p, name, &text()) {
                    self.problems.push((line, why));
                }
            }
            _ => {}
        }
    }

    fn finish(self, parsed: &mut Parsed) {
        let mut person = self.person;
        for line in self.kept {
            if !person.vcard.contains(&line) {
                person.vcard.push(line);
            }
        }
        let name = self
            .full_name
            .or(self.structured_name)
            .or_else(|| person.org.clone())
            .or_else(|| person.emails.first().cloned());
        let version = self.version.as_deref().unwrap_or("unknown");
        for (line, why) in self.problems {
            parsed.warn(line, why);
        }
        match name {
            Some(name) => {
                // N is kept only when it says more than the name does.
                person.structured_name = self
                    .n_raw
                    .filter(|n| !same_n(n, &crate::vcard::fields::n_of_name(&name)));
                person.name = name;
                parsed.record_introduced(self.line, person, self.introduced_by);
            }
            None => parsed.skip(
                self.line,
                format!("vCard {version} card with no FN, N, ORG or EMAIL to name it"),
            ),
        }
    }
}

/// Two `N` values with the same five components (missing ones are empty).
fn same_n(a: &str, b: &str) -> bool {
    let parts = |s: &str| {
        let mut v: Vec<String> = split_escaped(s, ';')
            .into_iter()
            .map(|p| p.trim().to_string())
            .collect();
        v.resize(5.max(v.len()), String::new());
        v
    };
    parts(a) == parts(b)
}

/// `Family;Given;Additional;Prefix;Suffix` → `Prefix Given Additional Family Suffix`.
fn structured_name(value: &str) -> Option<String> {
    let parts = split_escaped(value, ';');
    let at = |i: usize| parts.get(i).map(|s| s.trim()).unwrap_or("");
    let words: Vec<&str> = [at(3), at(1), at(2), at(0), at(4)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    Some(words.join(" ")).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays_in_every_form() {
        let s = |t: &str| parse_bday(t).map(|b| b.to_string());
        assert_eq!(s("1985-03-14").as_deref(), Some("1985-03-14"));
        assert_eq!(s("19850314").as_deref(), Some("1985-03-14"));
        assert_eq!(s("--0314").as_deref(), Some("03-14"));
        assert_eq!(s("--03-14").as_deref(), Some("03-14"));
        assert_eq!(s("1985-03-14T00:00:00Z").as_deref(), Some("1985-03-14"));
        assert_eq!(s("circa 1800"), None);
        assert_eq!(s("--0230"), None);
    }

    #[test]
    fn a_card_without_any_name_is_skipped_and_the_next_is_read() {
        let text = "BEGIN:VCARD\nVERSION:3.0\nTEL:1\nEND:VCARD\n\
            BEGIN:VCARD\nVERSION:3.0\nN:García;Ana;;Dr.;\nEND:VCARD\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.skipped[0].at.line, 1);
        assert_eq!(parsed.records[0].person.name, "Dr. Ana García");
        assert_eq!(parsed.records[0].at.line, 5);
    }

    #[test]
    fn apple_omitted_year_and_unterminated_cards() {
        let text = "BEGIN:VCARD\nFN:A\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-05-06\nEND:VCARD\n\
            BEGIN:VCARD\nFN:B\n";
        let parsed = parse(text).unwrap();
        assert_eq!(
            parsed.records[0].person.birthday.unwrap().to_string(),
            "05-06"
        );
        assert_eq!(parsed.skipped[0].at.line, 5);
        assert!(parse("First Name,Last Name\n").is_err());
    }

    #[test]
    fn group_prefixes_several_orgs_and_titles_and_org_units() {
        let text = "home.begin:vcard\nFN:A\nORG:Acme;Research;Lab 2\nORG:Other\n\
            TITLE:CTO\nTITLE:CEO\nN:Doe;John;Richter,James;Mr.;Sr.\nhome.end:vcard\n";
        let parsed = parse(text).unwrap();
        let p = &parsed.records[0].person;
        assert_eq!(p.org.as_deref(), Some("Acme, Research, Lab 2"));
        assert_eq!(p.title.as_deref(), Some("CTO"));
        assert_eq!(
            p.structured_name.as_deref(),
            Some("Doe;John;Richter,James;Mr.;Sr.")
        );
        let notes: Vec<&str> = parsed.warnings.iter().map(|w| w.why.as_str()).collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("`Other`") && notes[1].contains("`CEO`"));
        assert!(looks_like_vcard("\n\nitem.BEGIN:VCARD\n"));
        assert!(!looks_like_vcard("First Name,BEGIN:VCARD\n"));
    }

    #[test]
    fn n_built_from_the_name_is_not_kept() {
        let parsed = parse("BEGIN:VCARD\nFN:Ana García\nN:García;Ana;;;\nEND:VCARD\n").unwrap();
        assert_eq!(parsed.records[0].person.structured_name, None);
    }
}
