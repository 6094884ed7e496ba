//! iCalendar (RFC 5545) for the calendar: a VTODO per open promise (and, when
//! it has a follow-up date, an all-day VEVENT on that day: khal and Google
//! Calendar show events, not dateless tasks), an all-day VEVENT per open
//! follow-up, and a yearly all-day VEVENT per birthday. Descriptions read as
//! sentences ("You promised Ana on Fri 20 Nov 2026: send the landlord list."). UIDs
//! come from entry and person ids (`e42-promise@kith`, `p7-birthday@kith`), so
//! importing a newer export into a calendar updates rather than duplicates.
//! Lines end in CRLF and are folded at 75 octets.

use chrono::{Days, NaiveDate};

use crate::model::{Birthday, Book, Direction, Entry, Person};
use crate::vcard::{escape_text, push_folded};

/// The domain part of every UID: the same for every book, so UIDs only depend
/// on the ids.
pub const UID_DOMAIN: &str = "kith";

/// True when the book has nothing for a calendar: no open promise, no open
/// follow-up, no birthday (RFC 5545 allows no VCALENDAR without a component).
pub fn is_empty(book: &Book) -> bool {
    !book
        .entries
        .iter()
        .any(|e| e.is_open_promise() || e.open_follow_up().is_some())
        && !book.active_people().any(|p| p.birthday.is_some())
}

pub fn render(book: &Book, today: NaiveDate) -> String {
    let mut cal = Calendar {
        out: String::new(),
        stamp: format!("{}T000000Z", ymd(today)),
    };
    cal.line("BEGIN:VCALENDAR");
    cal.line("VERSION:2.0");
    cal.line("PRODID:-//kith//kith export//EN");
    cal.line("CALSCALE:GREGORIAN");
    cal.line("X-WR-CALNAME:kith");
    for e in &book.entries {
        if e.is_open_promise() {
            cal.promise(book, e);
            if let Some(due) = e.follow_up.filter(|d| *d >= e.date) {
                cal.promise_due(book, e, due);
            }
        } else if let Some(on) = e.open_follow_up() {
            cal.follow_up(book, e, on);
        }
    }
    for p in book.active_people() {
        if let Some(b) = p.birthday {
            cal.birthday(p, b);
        }
    }
    cal.line("END:VCALENDAR");
    cal.out
}

struct Calendar {
    out: String,
    stamp: String,
}

impl Calendar {
    fn line(&mut self, s: &str) {
        push_folded(&mut self.out, s);
    }

    fn begin(&mut self, component: &str, uid: String) {
        self.line(&format!("BEGIN:{component}"));
        self.line(&format!("UID:{uid}@{UID_DOMAIN}"));
        let stamp = format!("DTSTAMP:{}", self.stamp);
        self.line(&stamp);
    }

    fn all_day(&mut self, on: NaiveDate) {
        self.line(&format!("DTSTART;VALUE=DATE:{}", ymd(on)));
        self.line(&format!("DTEND;VALUE=DATE:{}", ymd(next_day(on))));
        self.line("TRANSP:TRANSPARENT");
    }

    fn promise(&mut self, book: &Book, e: &Entry) {
        self.begin("VTODO", format!("{}-promise", e.id));
        self.line(&format!("DTSTART;VALUE=DATE:{}", ymd(e.date)));
        if let Some(due) = e.follow_up.filter(|d| *d >= e.date) {
            self.line(&format!("DUE;VALUE=DATE:{}", ymd(due)));
        }
        self.line(&format!(
            "SUMMARY:{}",
            escape_text(&promise_summary(book, e))
        ));
        self.line(&format!("DESCRIPTION:{}", escape_text(&describe(book, e))));
        self.line("STATUS:NEEDS-ACTION");
        self.line("END:VTODO");
    }

    /// The day an open promise is due, as an all-day event.
    fn promise_due(&mut self, book: &Book, e: &Entry, due: NaiveDate) {
        self.begin("VEVENT", format!("{}-promise-due", e.id));
        self.all_day(due);
        self.line(&format!(
            "SUMMARY:{}",
            escape_text(&promise_summary(book, e))
        ));
        self.line(&format!("DESCRIPTION:{}", escape_text(&describe(book, e))));
        self.line("END:VEVENT");
    }

    fn follow_up(&mut self, book: &Book, e: &Entry, on: NaiveDate) {
        self.begin("VEVENT", format!("{}-follow-up", e.id));
        self.all_day(on);
        let summary = format!("Follow up with {}: {}", names(book, e), e.summary);
        self.line(&format!(
            "SUMMARY:{}",
            escape_text(summary.trim_end_matches([' ', ':']))
        ));
        self.line(&format!("DESCRIPTION:{}", escape_text(&describe(book, e))));
        self.line("END:VEVENT");
    }

    fn birthday(&mut self, p: &Person, b: Birthday) {
        self.begin("VEVENT", format!("{}-birthday", p.id));
        // A year-less birthday starts in 2000, a leap year, so 29 February is a
        // real date; the rule then keeps it on the last day of February.
        let start = NaiveDate::from_ymd_opt(b.year.unwrap_or(2000), b.month, b.day)
            .or_else(|| NaiveDate::from_ymd_opt(2000, b.month, b.day))
            .expect("a validated birthday");
        self.all_day(start);
        if (b.month, b.day) == (2, 29) {
            self.line("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
        } else {
            self.line("RRULE:FREQ=YEARLY");
        }
        self.line(&format!(
            "SUMMARY:{}",
            escape_text(&format!("{}'s birthday", p.name))
        ));
        self.line("END:VEVENT");
    }
}

/// `Ana`, `Ana and Bo`, `Ana, Bo and Cy`.
fn names(book: &Book, e: &Entry) -> String {
    let mut all: Vec<String> = e.people.iter().map(|id| book.name_of(*id)).collect();
    match all.pop() {
        Some(last) if all.is_empty() => last,
        Some(last) => format!("{} and {last}", all.join(", ")),
        None => String::new(),
    }
}

/// `Promise to Ana: intro to Cy`, or `Ana promised you: …` for theirs.
fn promise_summary(book: &Book, e: &Entry) -> String {
    let summary = match e.direction {
        Direction::Received => format!("{} promised you: {}", names(book, e), e.summary),
        _ => format!("Promise to {}: {}", names(book, e), e.summary),
    };
    summary.trim_end_matches([' ', ':']).to_string()
}

/// The entry as a sentence: `You promised Ana on Fri 20 Nov 2026: intro to
/// Cy.`, `Favor for Ana on …`, `Coffee with Bo on …`, `Help from Cy on …`,
/// then the entry's id in kith.
fn describe(book: &Book, e: &Entry) -> String {
    let who = names(book, e);
    let when = e.date.format("%a %-d %b %Y");
    let kind = e.kind.as_str();
    let mut kind_word = kind.replace(['-', '_'], " ");
    if let Some(first) = kind_word.get(..1) {
        kind_word = format!("{}{}", first.to_uppercase(), &kind_word[1..]);
    }
    let touch = matches!(kind, "coffee" | "call" | "meeting" | "message" | "event");
    let head = match (kind, e.direction) {
        ("promise", Direction::Received) => format!("{who} promised you on {when}"),
        ("promise", _) => format!("You promised {who} on {when}"),
        (_, Direction::Received) => format!("{kind_word} from {who} on {when}"),
        (_, Direction::Mutual) => format!("{kind_word} with {who} on {when}"),
        (_, Direction::Gave) if touch => format!("{kind_word} with {who} on {when}"),
        (_, Direction::Gave) => format!("{kind_word} for {who} on {when}"),
    };
    let what = e.summary.trim().trim_end_matches(['.', ' ']);
    match what.is_empty() {
        true => format!("{head}. (kith {})", e.id),
        false => format!("{head}: {what}. (kith {})", e.id),
    }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Op, PersonId};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn promises_follow_ups_and_birthdays_with_stable_uids() {
        let mut book = Book::default();
        let mut ana = Person::new(PersonId(0), "Ana");
        ana.birthday = "02-29".parse().ok();
        Op::AddPerson(ana).apply(&mut book).unwrap();
        let mut promise = Entry::new(
            d("2026-11-20"),
            vec![PersonId(1)],
            Kind::new("promise"),
            "intro to Cy",
        );
        promise.follow_up = Some(d("2026-11-30"));
        Op::AddEntry(promise).apply(&mut book).unwrap();
        let mut coffee = Entry::new(d("2026-11-21"), vec![PersonId(1)], Kind::new("coffee"), "");
        coffee.follow_up = Some(d("2026-12-31"));
        Op::AddEntry(coffee).apply(&mut book).unwrap();
        let mut done = Entry::new(d("2026-11-22"), vec![PersonId(1)], Kind::new("call"), "x");
        done.follow_up = Some(d("2026-12-01"));
        done.done = true;
        Op::AddEntry(done).apply(&mut book).unwrap();
        let ics = render(&book, d("2026-11-26"));
        assert!(
            ics.contains("UID:e1-promise@kith\r\nDTSTAMP:20261126T000000Z\r\n"),
            "{ics}"
        );
        assert!(ics.contains("DUE;VALUE=DATE:20261130\r\n"));
        assert!(ics.contains("SUMMARY:Promise to Ana: intro to Cy\r\n"));
        // The day it is due, as an event a calendar shows.
        assert!(ics.contains("UID:e1-promise-due@kith\r\nDTSTAMP:20261126T000000Z\r\nDTSTART;VALUE=DATE:20261130\r\nDTEND;VALUE=DATE:20261201\r\n"), "{ics}");
        assert!(
            ics.contains(
                "DESCRIPTION:You promised Ana on Fri 20 Nov 2026: intro to Cy. (kith e1)\r\n"
            ),
            "{ics}"
        );
        assert!(
            ics.contains("DESCRIPTION:Coffee with Ana on Sat 21 Nov 2026. (kith e2)\r\n"),
            "{ics}"
        );
        assert!(ics.contains("UID:e2-follow-up@kith\r\nDTSTAMP:20261126T000000Z\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(ics.contains("SUMMARY:Follow up with Ana\r\n"));
        assert!(!ics.contains("e3-"), "a done follow-up is left out");
        assert!(ics.contains("UID:p1-birthday@kith"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20000229\r\n"));
        assert!(ics.contains("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\r\n"));
        assert_eq!(ics, render(&book, d("2026-11-26")), "stable output");
    }
}
