//! Messages from a maildir (mbsync, offlineimap, notmuch, aerc, mutt: `cur/`
//! and `new/`, folders within folders) or an mbox, headers only: the
//! `mailparse` crate splits the header block, decodes RFC 2047 encoded words
//! and reads address lists; dates are RFC 5322's, in the writer's own
//! offset. A day of mail with a person is one touch: `gave` when only you
//! wrote, `received` when only they did, `mutual` when both.

use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use super::{Found, Problems, Settings, Touch, TouchKey};
use crate::model::{Book, Direction, Kind, Origin, PersonId};

/// One message's headers, as far as kith needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// `Message-ID` (or a stand-in made from the headers).
    pub id: String,
    pub at: DateTime<FixedOffset>,
    /// The sender's address, lower case.
    pub from: String,
    /// To and Cc, lower case.
    pub to: Vec<String>,
    pub subject: String,
    /// A mailing list or bulk mail (List-Id, Precedence, no-reply senders).
    pub bulk: bool,
}

/// The most of a message read for its headers.
const HEAD_LIMIT: usize = 64 * 1024;

/// A message's headers from the start of its text; `Err` says why it
/// cannot be read and on which line.
pub fn headers(raw: &[u8]) -> Result<Message, (usize, String)> {
    let end = header_end(raw);
    let head = &raw[..end];
    if let Some(at) = head.iter().position(|b| *b == 0) {
        let line = 1 + head[..at].iter().filter(|b| **b == b'\n').count();
        return Err((line, "binary, not a message".into()));
    }
    let (hs, _) =
        mailparse::parse_headers(head).map_err(|e| (1, format!("broken headers: {e}")))?;
    if hs.is_empty() {
        return Err((1, "no headers".into()));
    }
    let get = |name: &str| {
        hs.iter()
            .find(|h| h.get_key_ref().eq_ignore_ascii_case(name))
    };
    let date = get("Date").ok_or((1, "no Date header".to_string()))?;
    let date_text = date.get_value();
    let at = parse_date(&date_text).ok_or_else(|| {
        (
            line_of(head, "Date"),
            format!("a date kith cannot read: {:?}", date_text.trim()),
        )
    })?;
    let addrs = |name: &str| -> Vec<String> {
        hs.iter()
            .filter(|h| h.get_key_ref().eq_ignore_ascii_case(name))
            .filter_map(|h| mailparse::addrparse_header(h).ok())
            .flat_map(|list| {
                list.iter()
                    .flat_map(|a| match a {
                        mailparse::MailAddr::Single(s) => vec![s.addr.clone()],
                        mailparse::MailAddr::Group(g) => {
                            g.addrs.iter().map(|s| s.addr.clone()).collect()
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .map(|a| a.trim().to_lowercase())
            .filter(|a| a.contains('@'))
            .collect()
    };
    let from = addrs("From").into_iter().next().unwrap_or_default();
    let mut to = addrs("To");
    to.extend(addrs("Cc"));
    let subject = get("Subject").map(|h| h.get_value()).unwrap_or_default();
    let subject = crate::text::clean_line(subject.trim()).into_owned();
    let precedence = get("Precedence").map(|h| h.get_value().trim().to_lowercase());
    let auto = get("Auto-Submitted").map(|h| h.get_value().trim().to_lowercase());
    let bulk = get("List-Id").is_some()
        || get("List-Unsubscribe").is_some()
        || matches!(precedence.as_deref(), Some("bulk" | "list" | "junk"))
        || auto.is_some_and(|a| a != "no")
        || no_reply(&from);
    let id = match get("Message-ID").map(|h| h.get_value()) {
        Some(v) if !v.trim().is_empty() => v.trim().to_string(),
        _ => format!(
            "~{:016x}",
            super::fnv(format!("{at}{from}{subject}{}", to.join(",")).as_bytes())
        ),
    };
    Ok(Message {
        id,
        at,
        from,
        to,
        subject,
        bulk,
    })
}

/// Where the header block ends (its blank line), or the limit.
fn header_end(raw: &[u8]) -> usize {
    let raw = &raw[..raw.len().min(HEAD_LIMIT)];
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\n'
            && (raw.get(i + 1) == Some(&b'\n') || raw.get(i + 1..i + 3) == Some(b"\r\n"))
        {
            return i + 1;
        }
        i += 1;
    }
    raw.len()
}

fn line_of(head: &[u8], name: &str) -> usize {
    let text = String::from_utf8_lossy(head);
    text.lines()
        .position(|l| {
            l.len() > name.len()
                && l[..name.len()].eq_ignore_ascii_case(name)
                && l.as_bytes()[name.len()] == b':'
        })
        .map_or(1, |i| i + 1)
}

/// RFC 5322 (with the offset kept), else whatever mailparse reads, in UTC.
fn parse_date(text: &str) -> Option<DateTime<FixedOffset>> {
    let t = text.trim();
    // "Thu, 3 Dec 2026 10:00:00 +0100 (CET)": the comment is not RFC 2822's.
    let t = match t.rfind(" (") {
        Some(i) if t.ends_with(')') => &t[..i],
        _ => t,
    };
    DateTime::parse_from_rfc2822(t).ok().or_else(|| {
        // mailparse reads what it cannot make out as 1970: not a date.
        let secs = mailparse::dateparse(t)
            .ok()
            .filter(|s| *s > 86_400 * 365 * 10)?;
        DateTime::from_timestamp(secs, 0).map(|d| d.fixed_offset())
    })
}

/// Senders nobody answers: no-reply, notifications and bounces.
fn no_reply(from: &str) -> bool {
    let local = from
        .split('@')
        .next()
        .unwrap_or("")
        .replace(['-', '_', '.'], "");
    [
        "noreply",
        "donotreply",
        "mailerdaemon",
        "postmaster",
        "notifications",
        "notification",
        "bounce",
        "bounces",
    ]
    .iter()
    .any(|n| local == *n || local.starts_with("noreply") || local.starts_with("donotreply"))
}

/// True for a maildir, or a folder holding maildirs (mbsync's layout).
pub fn is_maildir(dir: &Path) -> bool {
    let md = |d: &Path| d.join("cur").is_dir() && d.join("new").is_dir();
    if md(dir) {
        return true;
    }
    std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .any(|e| e.file_type().is_ok_and(|t| t.is_dir()) && md(&e.path()))
        })
        .unwrap_or(false)
}

/// Every message file under `dir` (its `cur/` and `new/`, and those of
/// every folder within), in path order; links are not followed.
pub fn maildir_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in read.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if !kind.is_dir() {
                continue;
            }
            let name = entry.file_name();
            match name.to_str() {
                Some("cur" | "new") => {
                    if let Ok(files) = std::fs::read_dir(entry.path()) {
                        out.extend(
                            files
                                .flatten()
                                .filter(|f| f.file_type().is_ok_and(|t| t.is_file()))
                                .map(|f| f.path()),
                        );
                    }
                }
                Some("tmp") => {}
                _ => stack.push(entry.path()),
            }
        }
    }
    out.sort();
    out
}

/// The message in one maildir file.
pub fn read_message_file(path: &Path) -> Result<Message, (usize, String)> {
    let mut f = std::fs::File::open(path).map_err(|e| (0, format!("cannot read: {e}")))?;
    let mut buf = Vec::with_capacity(8192);
    (&mut f)
        .take(HEAD_LIMIT as u64)
        .read_to_end(&mut buf)
        .map_err(|e| (0, format!("cannot read: {e}")))?;
    headers(&buf)
}

/// The messages of an mbox, each with the line its `From ` is on.
pub fn read_mbox(path: &Path, problems: &mut Problems) -> Vec<Message> {
    let mut out = Vec::new();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            problems.bad(path, 0, &format!("cannot read: {e}"));
            return out;
        }
    };
    let mut reader = std::io::BufReader::new(file);
    let mut buf = Vec::new();
    let mut number = 0;
    // The header block of the message being read, and its line.
    let mut head: Option<(usize, Vec<u8>, bool)> = None;
    let mut blank_before = true;
    let finish =
        |head: Option<(usize, Vec<u8>, bool)>, out: &mut Vec<Message>, problems: &mut Problems| {
            if let Some((at, h, _)) = head {
                match headers(&h) {
                    Ok(m) => out.push(m),
                    Err((line, why)) => problems.bad(path, at + line, &why),
                }
            }
        };
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                problems.bad(path, number, &format!("cannot read: {e}"));
                break;
            }
        }
        number += 1;
        if blank_before && is_separator(&buf) {
            finish(head.take(), &mut out, problems);
            head = Some((number, Vec::new(), true));
            blank_before = false;
            continue;
        }
        let blank = matches!(buf.as_slice(), b"\n" | b"\r\n");
        if let Some((_, h, open)) = &mut head
            && *open
        {
            if blank || h.len() > HEAD_LIMIT {
                *open = false;
            } else {
                h.extend_from_slice(&buf);
            }
        }
        blank_before = blank;
    }
    finish(head.take(), &mut out, problems);
    out
}

/// An mbox's `From sender date` line: after a blank line (or first), with a
/// time in it, so a body line that begins "From " unescaped (mboxo writers
/// miss some) does not start a message.
fn is_separator(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let text = String::from_utf8_lossy(rest);
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 3
        && words.iter().any(|w| {
            let b = w.as_bytes();
            b.len() >= 5 && b[2] == b':' && b[..2].iter().all(u8::is_ascii_digit)
        })
}

/// Reads the messages of `path` (maildir or mbox): what cannot be read is
/// counted in `problems` with its file and line.
/// With a `cache` folder, a maildir's files read before are not read again.
pub fn read_messages(path: &Path, cache: Option<&Path>, problems: &mut Problems) -> Vec<Message> {
    if path.is_dir() {
        let mut known = cache
            .map(|c| super::cache::load(c, path))
            .unwrap_or_default();
        let mut kept: Vec<(String, Message)> = Vec::new();
        let mut fresh = 0;
        for file in maildir_files(path) {
            let uniq = super::cache::unique(&file);
            if let Some(m) = known.remove(&uniq) {
                kept.push((uniq, m));
                continue;
            }
            match read_message_file(&file) {
                Ok(m) => {
                    fresh += 1;
                    kept.push((uniq, m));
                }
                Err((line, why)) => problems.bad(&file, line, &why),
            }
        }
        // Written when it changed: files new since, or gone (`known`'s rest).
        if let Some(c) = cache
            && (fresh > 0 || !known.is_empty())
        {
            super::cache::save(c, path, &kept);
        }
        kept.into_iter().map(|(_, m)| m).collect()
    } else {
        read_mbox(path, problems)
    }
}

/// A day of mail with one person so far.
#[derive(Default)]
struct Day {
    gave: bool,
    received: bool,
    first: Option<(DateTime<FixedOffset>, String)>,
}

/// Adds a day of mail per person to `found` from `messages`: lists and
/// bulk passed over, a Message-ID seen before (in another folder, or
/// already in `found`) counted once.
pub fn add_messages(
    messages: &[Message],
    book: &Book,
    settings: &Settings,
    today: NaiveDate,
    found: &mut Found,
) {
    let mut seen: HashSet<&str> = HashSet::with_capacity(messages.len());
    let who = super::addresses(book);
    let mut days: BTreeMap<(PersonId, NaiveDate), Day> = BTreeMap::new();
    let mut unknown: HashMap<String, usize> = HashMap::new();
    for m in messages {
        if !seen.insert(m.id.as_str()) {
            found.duplicates += 1;
            continue;
        }
        found.messages += 1;
        if m.bulk {
            found.bulk += 1;
            continue;
        }
        let day = m.at.date_naive();
        if day > today {
            continue; // a clock ahead: not a touch yet
        }
        let mut note = |p: PersonId, gave: bool| {
            let d = days.entry((p, day)).or_default();
            if gave {
                d.gave = true;
            } else {
                d.received = true;
            }
            if d.first.as_ref().is_none_or(|(at, _)| m.at < *at) {
                d.first = Some((m.at, m.subject.clone()));
            }
        };
        if settings.me.contains(&m.from) {
            for to in &m.to {
                if settings.me.contains(to) {
                    continue;
                }
                match who.get(to) {
                    Some(p) => note(*p, true),
                    None => *unknown.entry(to.clone()).or_default() += 1,
                }
            }
        } else {
            match who.get(&m.from) {
                Some(p) => note(*p, false),
                None if !m.from.is_empty() => *unknown.entry(m.from.clone()).or_default() += 1,
                None => {}
            }
        }
    }
    for (addr, n) in unknown {
        *found.unknown.entry(addr).or_default() += n;
    }
    for ((person, date), d) in days {
        let direction = match (d.gave, d.received) {
            (true, true) => Direction::Mutual,
            (false, true) => Direction::Received,
            _ => Direction::Gave,
        };
        let summary = match d.first.map(|(_, s)| s) {
            Some(s) if !s.is_empty() => s,
            _ => "(no subject)".to_string(),
        };
        found.touches.push(Touch {
            key: TouchKey::mail(person, date),
            date,
            people: vec![person],
            kind: Kind::new("message"),
            direction,
            summary,
            origin: Origin::Mail,
        });
    }
}

#[cfg(test)]
mod tests;
