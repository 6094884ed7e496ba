//! Events from an iCalendar file (`.ics`) or a calendar vdir (one `.ics`
//! per event, as vdirsyncer keeps them for khal). The file is cut into its
//! `VEVENT` components line by line (so one broken event is skipped with its
//! line, and a 50 MB file is never held whole); each component's content
//! lines are unfolded and split by the `ical` crate; recurrence is expanded
//! by the `rrule` crate in the event's own time zone.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use std::io::BufRead;
use std::path::Path;

use super::{Problems, TouchKey};

/// One event as the file says it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Event {
    pub uid: String,
    /// The line its `BEGIN:VEVENT` is on.
    pub line: usize,
    pub summary: String,
    pub start: Option<When>,
    pub rrule: Vec<String>,
    pub rdates: Vec<When>,
    pub exdates: Vec<When>,
    /// For an occurrence of a recurring event changed on its own.
    pub recurrence_id: Option<When>,
    pub cancelled: bool,
    /// Attendees and the organizer: lower-case address, declined.
    pub people: Vec<(String, bool)>,
}

/// A DTSTART-like value: a day, or a time in a zone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    Day(NaiveDate),
    /// A local time; in `tz` when it names one (none: floating).
    Local(NaiveDateTime, Option<chrono_tz::Tz>),
    Utc(DateTime<Utc>),
}

impl When {
    /// The day it falls on, in its own zone (`cal_tz` for a UTC time when
    /// the calendar names its zone, as Google's exports do).
    pub fn day(self, cal_tz: Option<chrono_tz::Tz>) -> NaiveDate {
        match self {
            When::Day(d) => d,
            When::Local(t, _) => t.date(),
            When::Utc(t) => match cal_tz {
                Some(tz) => t.with_timezone(&tz).date_naive(),
                None => t.date_naive(),
            },
        }
    }

    fn to_rrule(self, cal_tz: Option<chrono_tz::Tz>) -> Option<DateTime<rrule::Tz>> {
        let utc = rrule::Tz::Tz(chrono_tz::UTC);
        match self {
            When::Day(d) => utc.from_local_datetime(&d.and_hms_opt(0, 0, 0)?).single(),
            When::Local(t, None) => utc.from_local_datetime(&t).single(),
            When::Local(t, Some(tz)) => {
                let tz = rrule::Tz::Tz(tz);
                tz.from_local_datetime(&t).earliest()
            }
            When::Utc(t) => Some(match cal_tz {
                Some(tz) => t.with_timezone(&rrule::Tz::Tz(tz)),
                None => t.with_timezone(&utc),
            }),
        }
    }
}

/// A calendar file's events and the zone it declares (`X-WR-TIMEZONE`).
#[derive(Debug, Default)]
pub struct Calendar {
    pub events: Vec<Event>,
    pub tz: Option<chrono_tz::Tz>,
}

/// The largest component kept: an event is a few kilobytes, attachments
/// inline can be more; past this it is skipped, not held.
const MAX_COMPONENT: usize = 1024 * 1024;

/// Reads `path`'s events; what cannot be read is in `problems`.
pub fn read_file(path: &Path, problems: &mut Problems) -> Calendar {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            problems.bad(path, 0, &format!("cannot read: {e}"));
            return Calendar::default();
        }
    };
    read(std::io::BufReader::new(file), path, problems)
}

/// Reads events from `reader` (named `path` in problems).
pub fn read(mut reader: impl BufRead, path: &Path, problems: &mut Problems) -> Calendar {
    let mut cal = Calendar::default();
    let mut block: Option<(usize, String)> = None;
    let mut too_big = false;
    let mut buf = Vec::new();
    let mut number = 0;
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
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\r', '\n']);
        let upper = line.trim_end().to_ascii_uppercase();
        if upper == "BEGIN:VEVENT" {
            if let Some((at, _)) = block.take() {
                problems.bad(path, at, "an event never ended (no END:VEVENT)");
            }
            block = Some((number, String::new()));
            too_big = false;
        } else if upper == "END:VEVENT" {
            match block.take() {
                Some((at, _)) if too_big => {
                    problems.bad(path, at, "an event over 1 MB");
                }
                Some((at, text)) => match event(&text, at) {
                    Ok((e, notes)) => {
                        for n in notes {
                            problems.note(path, at, &n);
                        }
                        cal.events.push(e);
                    }
                    Err(why) => problems.bad(path, at, &why),
                },
                None => problems.bad(path, number, "END:VEVENT with no BEGIN:VEVENT"),
            }
        } else if let Some((_, text)) = &mut block {
            if text.len() + line.len() > MAX_COMPONENT {
                too_big = true;
                text.clear();
            } else if !too_big {
                text.push_str(line);
                text.push('\n');
            }
        } else if let Some(name) = upper.strip_prefix("X-WR-TIMEZONE:") {
            let _ = name;
            let value = line[line.find(':').map_or(0, |i| i + 1)..].trim();
            match value.parse::<chrono_tz::Tz>() {
                Ok(tz) => cal.tz = Some(tz),
                Err(_) => problems.note(
                    path,
                    number,
                    &format!("unknown time zone {value}; UTC instead"),
                ),
            }
        }
    }
    if let Some((at, _)) = block {
        problems.bad(path, at, "an event never ended (no END:VEVENT)");
    }
    cal
}

/// One `VEVENT`'s content lines (without BEGIN/END) to an [`Event`].
fn event(text: &str, at: usize) -> Result<(Event, Vec<String>), String> {
    let mut e = Event {
        line: at,
        ..Event::default()
    };
    let mut depth = 0usize;
    let mut notes = Vec::new();
    for prop in ical::PropertyParser::from_reader(text.as_bytes()) {
        let prop = prop.map_err(|err| err.to_string())?;
        let name = prop.name.to_ascii_uppercase();
        // An alarm's properties (its ATTENDEE is who gets the reminder).
        match name.as_str() {
            "BEGIN" => {
                depth += 1;
                continue;
            }
            "END" => {
                depth = depth.saturating_sub(1);
                continue;
            }
            _ if depth > 0 => continue,
            _ => {}
        }
        let value = prop.value.clone().unwrap_or_default();
        let param = |key: &str| -> Option<String> {
            prop.params.as_ref()?.iter().find_map(|(k, v)| {
                k.eq_ignore_ascii_case(key)
                    .then(|| v.first().cloned().unwrap_or_default())
            })
        };
        match name.as_str() {
            "UID" => e.uid = value.trim().to_string(),
            "SUMMARY" => e.summary = unescape(&value),
            "STATUS" => e.cancelled = value.trim().eq_ignore_ascii_case("CANCELLED"),
            "DTSTART" => e.start = Some(when(&value, param("TZID"), &mut notes)?),
            "RECURRENCE-ID" => e.recurrence_id = Some(when(&value, param("TZID"), &mut notes)?),
            "RRULE" => e.rrule.push(value.trim().to_string()),
            "EXDATE" | "RDATE" => {
                let tzid = param("TZID");
                let list = if name == "EXDATE" {
                    &mut e.exdates
                } else {
                    &mut e.rdates
                };
                for v in value.split(',').filter(|v| !v.trim().is_empty()) {
                    list.push(when(v, tzid.clone(), &mut notes)?);
                }
            }
            "ATTENDEE" | "ORGANIZER" => {
                let addr = address(&value).or_else(|| param("EMAIL").and_then(|v| address(&v)));
                if let Some(addr) = addr {
                    let declined = param("PARTSTAT")
                        .is_some_and(|p| p.trim().eq_ignore_ascii_case("DECLINED"));
                    e.people.push((addr, declined));
                }
            }
            _ => {}
        }
    }
    if e.start.is_none() {
        return Err("an event with no DTSTART".into());
    }
    Ok((e, notes))
}

/// `mailto:Ana@Example.org` (any case) to `ana@example.org`.
fn address(value: &str) -> Option<String> {
    let v = value.trim();
    let v = match v.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("mailto:") => &v[7..],
        _ => v,
    };
    v.contains('@').then(|| v.trim().to_lowercase())
}

/// TEXT escapes (`\,` `\;` `\n` `\\`) undone, line breaks made spaces.
fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => out.push(' '),
                Some(other) => out.push(other),
                None => {}
            },
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// A date or date-time value with its TZID; an unknown zone is UTC, noted.
fn when(value: &str, tzid: Option<String>, notes: &mut Vec<String>) -> Result<When, String> {
    let v = value.trim();
    let bad = || format!("a date kith cannot read: {v:?}");
    if v.len() == 8 {
        return NaiveDate::parse_from_str(v, "%Y%m%d")
            .map(When::Day)
            .map_err(|_| bad());
    }
    let (local, utc) = match v.strip_suffix(['Z', 'z']) {
        Some(l) => (l, true),
        None => (v, false),
    };
    let t = NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    if utc {
        return Ok(When::Utc(Utc.from_utc_datetime(&t)));
    }
    match tzid {
        None => Ok(When::Local(t, None)),
        Some(name) => {
            let name = name.trim().trim_matches('"');
            // Some exporters write a path: /mozilla.org/20050126_1/Europe/Berlin
            let olson = name.trim_start_matches('/');
            let tail = olson
                .match_indices('/')
                .map(|(i, _)| &olson[i + 1..])
                .collect::<Vec<_>>();
            let found = std::iter::once(olson)
                .chain(tail.iter().rev().copied())
                .find_map(|n| n.parse::<chrono_tz::Tz>().ok());
            match found {
                Some(tz) => Ok(When::Local(t, Some(tz))),
                None => {
                    notes.push(format!("unknown time zone {name}; UTC instead"));
                    Ok(When::Utc(Utc.from_utc_datetime(&t)))
                }
            }
        }
    }
}

/// What a calendar's events mean for the book, before anyone is matched:
/// each occurrence, past or ahead, with its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub key: TouchKey,
    /// The event's UID (or stand-in), for the meetings ahead.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub people: Vec<(String, bool)>,
}

/// How many occurrences of one recurring event are looked at, at most.
const MAX_OCCURRENCES: usize = 20_000;

/// Every occurrence of the calendar's events up to the first one after
/// `today` per event (past ones all; ahead, only the next). Cancelled
/// events and occurrences are left out; recurring events yield to the
/// occurrences changed on their own (`RECURRENCE-ID`).
pub fn occurrences(
    cal: &Calendar,
    path: &Path,
    today: NaiveDate,
    problems: &mut Problems,
) -> (Vec<Occurrence>, Vec<String>) {
    let mut out = Vec::new();
    let mut uids = Vec::new();
    let uid_of = |e: &Event| match e.uid.is_empty() {
        false => e.uid.clone(),
        true => format!(
            "~{:016x}",
            super::fnv(format!("{:?}{}", e.start, e.summary).as_bytes())
        ),
    };
    // Occurrences changed on their own, by UID and original day.
    let mut overridden: std::collections::HashSet<(String, NaiveDate)> =
        std::collections::HashSet::new();
    for e in &cal.events {
        if let Some(r) = e.recurrence_id {
            overridden.insert((uid_of(e), r.day(cal.tz)));
        }
    }
    for e in &cal.events {
        let uid = uid_of(e);
        uids.push(uid.clone());
        let Some(start) = e.start else { continue };
        if e.cancelled {
            continue;
        }
        let occ = |date: NaiveDate, key: TouchKey| Occurrence {
            key,
            uid: uid.clone(),
            date,
            summary: e.summary.clone(),
            people: e.people.clone(),
        };
        if let Some(r) = e.recurrence_id {
            let day = r.day(cal.tz);
            out.push(occ(start.day(cal.tz), TouchKey::occurrence(&uid, day)));
            continue;
        }
        if e.rrule.is_empty() && e.rdates.is_empty() {
            out.push(occ(start.day(cal.tz), TouchKey::event(&uid)));
            continue;
        }
        match expand(e, start, cal.tz, today) {
            Ok(days) => {
                for day in days {
                    if !overridden.contains(&(uid.clone(), day)) {
                        out.push(occ(day, TouchKey::occurrence(&uid, day)));
                    }
                }
            }
            Err(why) => problems.bad(
                path,
                e.line,
                &format!("a recurrence kith cannot read: {why}"),
            ),
        }
    }
    (out, uids)
}

/// The days a recurring event falls on, through the first after `today`.
fn expand(
    e: &Event,
    start: When,
    cal_tz: Option<chrono_tz::Tz>,
    today: NaiveDate,
) -> Result<Vec<NaiveDate>, String> {
    let dtstart = start.to_rrule(cal_tz).ok_or("a start that never happens")?;
    let tz = dtstart.timezone();
    let mut set = rrule::RRuleSet::new(dtstart);
    for r in &e.rrule {
        let rule: rrule::RRule<rrule::Unvalidated> =
            r.parse().map_err(|x: rrule::RRuleError| x.to_string())?;
        set = set.rrule(rule.validate(dtstart).map_err(|x| x.to_string())?);
    }
    let at = |w: &When| w.to_rrule(cal_tz).map(|t| t.with_timezone(&tz));
    set = set.set_exdates(e.exdates.iter().filter_map(at).collect());
    set = set.rdate(dtstart);
    for r in &e.rdates {
        if let Some(t) = at(r) {
            set = set.rdate(t);
        }
    }
    let excluded: Vec<NaiveDate> = e.exdates.iter().map(|w| w.day(cal_tz)).collect();
    let mut days = Vec::new();
    for t in (&set).into_iter().take(MAX_OCCURRENCES) {
        let day = t.date_naive();
        // An all-day EXDATE takes the day out whatever the time.
        if excluded.contains(&day) && e.exdates.iter().any(|w| matches!(w, When::Day(_))) {
            continue;
        }
        if days.last() != Some(&day) {
            days.push(day);
        }
        if day >= today {
            break;
        }
    }
    Ok(days)
}

#[cfg(test)]
mod tests;
