//! Date words: `today`, `-3d`, `+1w`, `-1m`, `2026-11-02`, `fri`.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// What a date is for: a weekday means the last one (entry) or the next one
/// (follow-up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Entry,
    FollowUp,
}

/// Whether a word is meant as a date (it may still fail to parse, which is an
/// error, not summary text): a date keyword, a sign and a digit, or four digits
/// and a dash.
pub(crate) fn looks_like_date(word: &str) -> bool {
    let b = word.as_bytes();
    match b {
        [b'+' | b'-', d, ..] if d.is_ascii_digit() => true,
        [a, b0, c, d, b'-', rest @ ..]
            if [a, b0, c, d].iter().all(|x| x.is_ascii_digit())
                && rest.iter().all(|x| x.is_ascii_digit() || *x == b'-') =>
        {
            true
        }
        _ => keyword(&word.to_ascii_lowercase()).is_some(),
    }
}

enum Keyword {
    Offset(i64),
    Weekday(Weekday),
}

fn keyword(w: &str) -> Option<Keyword> {
    use Weekday::*;
    Some(match w {
        "today" => Keyword::Offset(0),
        "yesterday" => Keyword::Offset(-1),
        "tomorrow" => Keyword::Offset(1),
        "mon" | "monday" => Keyword::Weekday(Mon),
        "tue" | "tues" | "tuesday" => Keyword::Weekday(Tue),
        "wed" | "wednesday" => Keyword::Weekday(Wed),
        "thu" | "thur" | "thurs" | "thursday" => Keyword::Weekday(Thu),
        "fri" | "friday" => Keyword::Weekday(Fri),
        "sat" | "saturday" => Keyword::Weekday(Sat),
        "sun" | "sunday" => Keyword::Weekday(Sun),
        _ => return None,
    })
}

/// Parses a date word relative to `today`; `None` when it is not a date.
pub(crate) fn parse_date(word: &str, today: NaiveDate, role: Role) -> Option<NaiveDate> {
    let lower = word.to_ascii_lowercase();
    if let Some(k) = keyword(&lower) {
        return match k {
            Keyword::Offset(n) => shift_days(today, n),
            Keyword::Weekday(day) => Some(weekday(today, day, role)),
        };
    }
    if let Some(rest) = lower.strip_prefix('+') {
        return offset(today, rest, 1);
    }
    if let Some(rest) = lower.strip_prefix('-') {
        return offset(today, rest, -1);
    }
    if lower.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return NaiveDate::parse_from_str(&lower, "%Y-%m-%d").ok();
    }
    None
}

/// A date field as typed in a form or an option (when you met someone):
/// any date word of the capture grammar, a weekday being the last one; empty
/// or `none` for no date.
pub fn date_field(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    // Only what capture would take as a date: `26-1-1` is not year 26.
    let date = looks_like_date(t)
        .then(|| parse_date(t, today, Role::Entry))
        .flatten();
    date.map(Some)
        .ok_or_else(|| "not a date: YYYY-MM-DD, -3d, fri".to_string())
}

/// `3d`, `2w`, `1m` after the sign.
fn offset(today: NaiveDate, rest: &str, sign: i64) -> Option<NaiveDate> {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let n: i64 = rest[..digits].parse().ok()?;
    match &rest[digits..] {
        "d" => shift_days(today, sign * n),
        "w" => shift_days(today, sign * n.checked_mul(7)?),
        "m" => {
            let months = Months::new(u32::try_from(n).ok()?);
            if sign > 0 {
                today.checked_add_months(months)
            } else {
                today.checked_sub_months(months)
            }
        }
        _ => None,
    }
}

fn shift_days(today: NaiveDate, n: i64) -> Option<NaiveDate> {
    let days = Days::new(n.unsigned_abs());
    if n >= 0 {
        today.checked_add_days(days)
    } else {
        today.checked_sub_days(days)
    }
}

/// The last `day` on or before today (entry), or the next one after today
/// (follow-up).
fn weekday(today: NaiveDate, day: Weekday, role: Role) -> NaiveDate {
    let now = i64::from(today.weekday().num_days_from_monday());
    let want = i64::from(day.num_days_from_monday());
    let delta = match role {
        Role::Entry => -((now - want).rem_euclid(7)),
        Role::FollowUp => {
            let ahead = (want - now).rem_euclid(7);
            if ahead == 0 { 7 } else { ahead }
        }
    };
    today + chrono::Duration::days(delta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    // 2026-11-26 is a Thursday.
    const TODAY: &str = "2026-11-26";

    #[test]
    fn a_date_field_takes_the_grammar_s_words_and_a_weekday_is_the_last() {
        let t = d(TODAY);
        assert_eq!(date_field("2026-03-01", t), Ok(Some(d("2026-03-01"))));
        assert_eq!(date_field(" yesterday ", t), Ok(Some(d("2026-11-25"))));
        assert_eq!(date_field("-2w", t), Ok(Some(d("2026-11-12"))));
        assert_eq!(date_field("mon", t), Ok(Some(d("2026-11-23"))));
        assert_eq!(date_field("", t), Ok(None));
        assert_eq!(date_field("none", t), Ok(None));
        let err = date_field("26-1-1", t).unwrap_err();
        assert_eq!(err, "not a date: YYYY-MM-DD, -3d, fri");
    }

    #[test]
    fn weekdays_look_back_for_entries_and_ahead_for_follow_ups() {
        let t = d(TODAY);
        assert_eq!(parse_date("thu", t, Role::Entry), Some(t));
        assert_eq!(parse_date("thu", t, Role::FollowUp), Some(d("2026-12-03")));
        assert_eq!(parse_date("Mon", t, Role::Entry), Some(d("2026-11-23")));
        assert_eq!(parse_date("friday", t, Role::Entry), Some(d("2026-11-20")));
        assert_eq!(parse_date("fri", t, Role::FollowUp), Some(d("2026-11-27")));
    }

    #[test]
    fn offsets_and_iso_dates() {
        let t = d(TODAY);
        assert_eq!(parse_date("-2w", t, Role::Entry), Some(d("2026-11-12")));
        assert_eq!(parse_date("+1m", t, Role::Entry), Some(d("2026-12-26")));
        assert_eq!(parse_date("-1m", t, Role::Entry), Some(d("2026-10-26")));
        assert_eq!(
            parse_date("2026-2-3", t, Role::Entry),
            Some(d("2026-02-03"))
        );
        assert_eq!(parse_date("2026-02-30", t, Role::Entry), None);
        assert_eq!(parse_date("+3x", t, Role::Entry), None);
        assert_eq!(parse_date("+99999999999999999999d", t, Role::Entry), None);
        assert_eq!(parse_date("+999999999d", t, Role::Entry), None);
    }

    #[test]
    fn what_looks_like_a_date() {
        for w in ["today", "Yesterday", "-3d", "+1x", "2026-13-40", "SUN"] {
            assert!(looks_like_date(w), "{w}");
        }
        for w in ["-", "+", "2026", "tod", "sunny", "3d", "-x"] {
            assert!(!looks_like_date(w), "{w}");
        }
    }
}
