use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A birthday: month and day, the year when known. Written as `MM-DD` or
/// `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Birthday {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("birthday `{0}` is not MM-DD or YYYY-MM-DD")]
pub struct BirthdayError(pub String);

impl Birthday {
    pub fn new(year: Option<i32>, month: u32, day: u32) -> Option<Birthday> {
        // 2000 is a leap year, so 02-29 is accepted without a year.
        let check_year = year.unwrap_or(2000);
        NaiveDate::from_ymd_opt(check_year, month, day)?;
        Some(Birthday { year, month, day })
    }

    /// The next date on or after `today` on which this birthday falls.
    /// A 29 February birthday falls on 28 February in common years.
    pub fn next_on_or_after(&self, today: NaiveDate) -> NaiveDate {
        let this_year = self.in_year(today.year());
        if this_year >= today {
            this_year
        } else {
            self.in_year(today.year() + 1)
        }
    }

    fn in_year(&self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
            .expect("validated month and day")
    }

    /// Days from `today` to the next birthday (0 when it is today).
    pub fn days_until(&self, today: NaiveDate) -> i64 {
        (self.next_on_or_after(today) - today).num_days()
    }
}

impl fmt::Display for Birthday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "{:02}-{:02}", self.month, self.day),
        }
    }
}

impl FromStr for Birthday {
    type Err = BirthdayError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || BirthdayError(s.to_string());
        let t = s.trim();
        let t = t.strip_prefix("--").unwrap_or(t); // vCard's year-less form
        let parts: Vec<&str> = t.split('-').collect();
        let num = |p: &str| -> Result<u32, BirthdayError> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            p.parse().map_err(|_| err())
        };
        let (year, month, day) = match parts.as_slice() {
            [m, d] => (None, num(m)?, num(d)?),
            [y, m, d] if y.len() == 4 => (Some(num(y)? as i32), num(m)?, num(d)?),
            _ => return Err(err()),
        };
        Birthday::new(year, month, day).ok_or_else(err)
    }
}

impl Serialize for Birthday {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Birthday {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_both_forms_and_rejects_nonsense() {
        assert_eq!("03-14".parse(), Ok(Birthday::new(None, 3, 14).unwrap()));
        assert_eq!(
            "1990-03-14".parse(),
            Ok(Birthday::new(Some(1990), 3, 14).unwrap())
        );
        assert_eq!("--03-14".parse::<Birthday>().unwrap().month, 3);
        assert!("02-30".parse::<Birthday>().is_err());
        assert!("13-01".parse::<Birthday>().is_err());
        assert!("1990-3".parse::<Birthday>().is_err());
        assert!("march".parse::<Birthday>().is_err());
        assert_eq!("02-29".parse::<Birthday>().unwrap().day, 29);
    }

    #[test]
    fn next_birthday_wraps_the_year_and_handles_leap_days() {
        let b: Birthday = "01-05".parse().unwrap();
        assert_eq!(b.next_on_or_after(date("2026-11-26")), date("2027-01-05"));
        assert_eq!(b.days_until(date("2027-01-05")), 0);
        let leap: Birthday = "02-29".parse().unwrap();
        assert_eq!(
            leap.next_on_or_after(date("2026-11-26")),
            date("2027-02-28")
        );
        assert_eq!(
            leap.next_on_or_after(date("2027-11-26")),
            date("2028-02-29")
        );
    }

    #[test]
    fn displays_as_written() {
        assert_eq!(
            "1990-03-04".parse::<Birthday>().unwrap().to_string(),
            "1990-03-04"
        );
        assert_eq!("3-4".parse::<Birthday>().unwrap().to_string(), "03-04");
    }
}
