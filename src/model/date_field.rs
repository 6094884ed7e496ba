//! How a date is read from the book: exactly `YYYY-MM-DD`, as kith writes it.
//! chrono alone reads `"26-1-1"` as the year 26, which a save would then
//! write as `0026-01-01`: a hand edit's typo silently turned into another
//! date. Such a date is refused, with its position (ron's span).

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// A date in the book's own shape.
struct Strict(NaiveDate);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).map(Strict).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "\"{}\" is not a date as kith writes one: YYYY-MM-DD, e.g. 2026-01-31",
                crate::text::visible(&text)
            ))
        })
    }
}

/// `YYYY-MM-DD` and a real day; nothing else — but for the years chrono
/// writes with a sign (before year 0, after 9999: `-0005-03-01`, `+10000-…`).
pub fn parse(text: &str) -> Option<NaiveDate> {
    let at = text.len().checked_sub(6)?;
    if !text.is_char_boundary(at) {
        return None;
    }
    let (year, rest) = text.split_at(at);
    let b = rest.as_bytes();
    let tail = b[0] == b'-' && b[3] == b'-' && [1, 2, 4, 5].iter().all(|&i| b[i].is_ascii_digit());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let year_ok = match year.strip_prefix(['+', '-']) {
        Some(signed) => signed.len() >= 4 && digits(signed),
        None => year.len() == 4 && digits(year),
    };
    if !(tail && year_ok) {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    Strict::deserialize(d).map(|s| s.0)
}

pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<Strict>::deserialize(d).map(|s| s.map(|s| s.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_books_own_shape_is_a_date() {
        assert_eq!(parse("2026-01-31"), NaiveDate::from_ymd_opt(2026, 1, 31));
        assert_eq!(parse("-0005-03-01"), NaiveDate::from_ymd_opt(-5, 3, 1));
        assert_eq!(parse("+10000-03-01"), NaiveDate::from_ymd_opt(10000, 3, 1));
        for bad in [
            "26-1-1",
            "2026-1-31",
            "2026-02-30",
            "02026-01-01",
            "2026/01/31",
            "",
            "-26-01-01",
            "+2026-1-011",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
