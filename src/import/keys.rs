//! What identifies a person, as hash-map keys: a UID, an e-mail, a phone, a
//! personal profile URL, and — only together with another agreeing field —
//! the name. A shared company site or a shared name alone is no key.

use std::fmt;

use crate::model::Person;
use crate::text::fold;

/// A link as a matching key: no scheme, no `www.`, no trailing slash, lower case.
/// `https://www.linkedin.com/in/ana/` and `linkedin.com/in/Ana` are one key.
pub fn link_key(url: &str) -> String {
    let mut s = url.trim().to_lowercase();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = s.strip_prefix(scheme) {
            s = rest.to_string();
            break;
        }
    }
    if let Some(rest) = s.strip_prefix("www.") {
        s = rest.to_string();
    }
    s.trim_end_matches('/').to_string()
}

/// The key of a link that names one person: a LinkedIn `/in/…` or XING
/// `/profile/…` page, a GitHub, X/Twitter or Mastodon account. `None` for
/// everything else (a company site is shared by everyone who works there).
pub fn profile_key(url: &str) -> Option<String> {
    let key = link_key(url);
    let key = key.split(['?', '#']).next().unwrap_or("");
    let mut parts = key.split('/');
    let host = parts.next()?;
    let path: Vec<&str> = parts.filter(|s| !s.is_empty()).collect();
    let host = host.strip_prefix("m.").unwrap_or(host);
    // de.linkedin.com, uk.linkedin.com: one site.
    let host = if host.ends_with(".linkedin.com") {
        "linkedin.com"
    } else {
        host
    };
    let personal = match (host, path.as_slice()) {
        (h, ["in", _, ..]) if h.ends_with("linkedin.com") => true,
        ("xing.com", ["profile", _, ..]) => true,
        ("github.com" | "twitter.com" | "x.com", [user]) => {
            !["orgs", "about", "features", "home"].contains(user)
        }
        (_, [user]) => user.starts_with('@') && user.len() > 1,
        _ => false,
    };
    personal.then(|| {
        let n = if path.first() == Some(&"in") || path.first() == Some(&"profile") {
            2
        } else {
            1
        };
        format!("{host}/{}", path[..n].join("/"))
    })
}

pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A phone's digits (a leading `00` dropped); `None` under seven digits, which
/// is an extension or a short code, not a person's number.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.strip_prefix("00").unwrap_or(&digits);
    (digits.len() >= 7).then(|| digits.to_string())
}

/// The folded name, whitespace collapsed.
pub fn name_key(p: &Person) -> String {
    fold(&p.name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A card and a person whose names can be one person's ([`names_agree`]):
/// enough to take a kith UID on the card (another book's `p7@kith`) as the
/// person's own. A shared e-mail or phone alone is not (a family address).
pub(crate) fn same_person(card: &Person, p: &Person) -> bool {
    names_agree(card, p)
}

/// The words of a name, folded (accents, case), punctuation dropped.
fn words(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every word of `short` stands for a different word of `long`: the same
/// word, or an initial (`L` for `Lima`).
fn words_within(short: &[String], long: &[String]) -> bool {
    let mut free: Vec<&String> = long.iter().collect();
    short.iter().all(|w| {
        let initial = w.chars().count() == 1;
        let at = free
            .iter()
            .position(|l| *l == w || (initial && l.starts_with(w.as_str())));
        at.map(|i| free.remove(i)).is_some()
    })
}

/// Two records whose names can be one person's, so a shared e-mail or phone
/// makes them one: a name that is no name (empty, or an e-mail address, as a
/// card without FN is named), or one name's words all among the other's —
/// accents and case aside, in any order, an initial for a word ("Ana" and
/// "Ana Lima", "Lima, Ana", "A. Lima", "José" and "jose") — where either
/// side's name may also be a nickname or the structured name (N). "Ana Lima"
/// and "Bo Lima", or "Bob" and "Robert", are two people who share a value:
/// a possible duplicate, never a merge.
pub fn names_agree(a: &Person, b: &Person) -> bool {
    let unnamed = |p: &Person| p.name.trim().is_empty() || p.name.contains('@');
    if unnamed(a) || unnamed(b) {
        return true;
    }
    let names = |p: &Person| {
        let mut all = vec![words(&p.name)];
        all.extend(p.nicknames.iter().map(|n| words(n)));
        if let Some(n) = &p.structured_name {
            let parts: Vec<&str> = n.split(';').collect();
            let given_family = [parts.get(1), parts.first()]
                .into_iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            all.push(words(&given_family));
        }
        all.retain(|w| !w.is_empty());
        all
    };
    let (na, nb) = (names(a), names(b));
    na.iter().any(|x| {
        nb.iter().any(|y| match x.len() <= y.len() {
            true => words_within(x, y),
            false => words_within(y, x),
        })
    })
}

/// What a match was made on, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum On {
    Uid(String),
    Email(String),
    Phone(String),
    Profile(String),
    /// The same name and this other field.
    NameAnd(&'static str),
    /// The same name, and the row adds nothing to what is known.
    NameOnly,
}

impl fmt::Display for On {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            On::Uid(u) => write!(f, "UID {u}"),
            On::Email(e) => write!(f, "e-mail {e}"),
            On::Phone(p) => write!(f, "phone {p}"),
            On::Profile(l) => write!(f, "profile {l}"),
            On::NameAnd(field) => write!(f, "name and {field}"),
            On::NameOnly => write!(f, "name (the row adds nothing else)"),
        }
    }
}

/// Two people with the same name are one when another field agrees and
/// nothing contradicts: different profiles on one site, different birthdays,
/// or e-mails (phones) on both sides with none in common.
pub fn same_name_agrees(a: &Person, b: &Person) -> Option<&'static str> {
    if conflict(a, b) {
        return None;
    }
    let org = |p: &Person| p.org.as_deref().map(fold).filter(|o| !o.is_empty());
    if org(a).is_some() && org(a) == org(b) {
        return Some("organisation");
    }
    if a.birthday.is_some() && a.birthday == b.birthday {
        return Some("birthday");
    }
    let links = |p: &Person| p.links.iter().map(|l| link_key(l)).collect::<Vec<_>>();
    let lb = links(b);
    if links(a).iter().any(|l| lb.contains(l)) {
        return Some("link");
    }
    None
}

/// `incoming` holds nothing `known` lacks (tags aside): the same row read
/// again, say a name-only row of a re-imported file. Matching it moves no
/// one's data into anyone else's, and a re-import duplicates nobody.
pub fn adds_nothing(incoming: &Person, known: &Person) -> bool {
    let sub = |a: &[String], b: &[String]| a.iter().all(|x| b.contains(x));
    let opt = |a: &Option<String>, b: &Option<String>| a.is_none() || a == b;
    let (i, k) = (incoming, known);
    opt(&i.org, &k.org)
        && opt(&i.title, &k.title)
        && opt(&i.met.context, &k.met.context)
        && (i.met.date.is_none() || i.met.date == k.met.date)
        && (i.birthday.is_none() || i.birthday == k.birthday)
        && (i.cadence.is_none() || i.cadence == k.cadence)
        && (i.notes.trim().is_empty() || i.notes == k.notes)
        && sub(&i.emails, &k.emails)
        && sub(&i.phones, &k.phones)
        && sub(&i.links, &k.links)
        && sub(&i.nicknames, &k.nicknames)
        && sub(&i.needs, &k.needs)
        && sub(&i.offers, &k.offers)
        && i.uids.is_empty()
}

fn conflict(a: &Person, b: &Person) -> bool {
    let profiles = |p: &Person| {
        p.links
            .iter()
            .filter_map(|l| profile_key(l))
            .collect::<Vec<_>>()
    };
    let (pa, pb) = (profiles(a), profiles(b));
    let site = |k: &String| k.split('/').next().unwrap_or("").to_string();
    let profile_clash = pa
        .iter()
        .any(|x| pb.iter().any(|y| site(x) == site(y) && x != y));
    let disjoint = |x: Vec<String>, y: Vec<String>| {
        !x.is_empty() && !y.is_empty() && !x.iter().any(|k| y.contains(k))
    };
    let emails = |p: &Person| p.emails.iter().map(|e| email_key(e)).collect::<Vec<_>>();
    let phones = |p: &Person| {
        p.phones
            .iter()
            .filter_map(|t| phone_key(t))
            .collect::<Vec<_>>()
    };
    let birthdays = matches!((a.birthday, b.birthday), (Some(x), Some(y)) if x != y);
    profile_clash || birthdays || disjoint(emails(a), emails(b)) || disjoint(phones(a), phones(b))
}

/// Pairs of people an import keeps apart although they may be one, for
/// `kith check` to show with why (the first by id, then each other): the
/// same name, or a shared e-mail or phone under names that do not agree
/// ([`names_agree`]). The user decides (`kith merge`).
pub fn possible_duplicates(
    book: &crate::model::Book,
) -> Vec<(crate::model::PersonId, crate::model::PersonId, String)> {
    use crate::model::PersonId;
    use std::collections::{BTreeMap, HashMap};
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in book.people.iter().enumerate() {
        groups
            .entry(format!("name {}", name_key(p)))
            .or_default()
            .push(i);
        for e in &p.emails {
            let list = groups
                .entry(format!("e-mail {}", email_key(e)))
                .or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        for t in p.phones.iter().filter_map(|t| phone_key(t)) {
            let list = groups.entry(format!("phone {t}")).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut pairs: BTreeMap<(PersonId, PersonId), String> = BTreeMap::new();
    for (key, list) in groups {
        let Some((first, rest)) = list.split_first() else {
            continue;
        };
        let a = &book.people[*first];
        for b in rest.iter().map(|i| &book.people[*i]) {
            let why = match key.split_once(' ') {
                Some(("name", _)) => "have the same name".to_string(),
                _ if names_agree(a, b) => continue,
                Some((what, _)) => {
                    let value = match what {
                        "e-mail" => a
                            .emails
                            .iter()
                            .find(|e| b.emails.iter().any(|f| email_key(e) == email_key(f))),
                        _ => a.phones.iter().find(|t| {
                            phone_key(t).is_some()
                                && b.phones.iter().any(|u| phone_key(u) == phone_key(t))
                        }),
                    };
                    format!("share the {what} {}", value.map_or("", |v| v.as_str()))
                }
                None => continue,
            };
            pairs.entry((a.id, b.id)).or_insert(why);
        }
    }
    pairs.into_iter().map(|((a, b), why)| (a, b, why)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonId;

    #[test]
    fn profiles_are_personal_pages_only() {
        let k = |u: &str| profile_key(u);
        assert_eq!(
            k("https://www.linkedin.com/in/Ana-G/?trk=x").as_deref(),
            Some("linkedin.com/in/ana-g")
        );
        assert_eq!(
            k("https://de.linkedin.com/in/ana-g/details"),
            k("linkedin.com/in/ana-g")
        );
        assert!(k("https://github.com/ana").is_some());
        assert!(k("https://mastodon.social/@ana").is_some());
        for shared in [
            "https://www.kde.org",
            "https://acme.com/team",
            "https://linkedin.com/company/acme",
            "https://github.com/orgs",
        ] {
            assert_eq!(k(shared), None, "{shared}");
        }
    }

    #[test]
    fn phones_and_names() {
        assert_eq!(
            phone_key("+49 (30) 123-4567").as_deref(),
            Some("49301234567")
        );
        assert_eq!(phone_key("0049 30 1234567"), phone_key("+49 30 1234567"));
        assert_eq!(phone_key("123"), None);
        let mut a = Person::new(PersonId(1), "Ana");
        let mut b = Person::new(PersonId(2), "ana");
        assert_eq!(same_name_agrees(&a, &b), None, "a name alone is not enough");
        a.org = Some("Acme".into());
        b.org = Some("ACME".into());
        assert_eq!(same_name_agrees(&a, &b), Some("organisation"));
        a.emails = vec!["a@x.org".into()];
        b.emails = vec!["b@y.org".into()];
        assert_eq!(
            same_name_agrees(&a, &b),
            None,
            "different e-mails: two people"
        );
    }
}
