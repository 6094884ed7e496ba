//! The rules for a person's fields, once: what a cadence, a birthday and an
//! e-mail may be. The edit form, `kith add` and `kith edit` all check their
//! text here, so the same value is accepted or refused with the same words
//! everywhere (the form shows the message beside the value, the command
//! line after the option and the value). (Dates written in words — `yesterday`, `fri`, `-3d` — are
//! the capture grammar's: `capture::date_field`.)

use std::ops::RangeInclusive;

use super::Birthday;

/// A keep-in-touch cadence is 1 to 3650 days (one day to ten years).
pub const CADENCE_DAYS: RangeInclusive<u32> = 1..=3650;

/// A cadence as typed: a number of days in [`CADENCE_DAYS`], or nothing
/// (empty or `none`) for no cadence.
pub fn cadence(text: &str) -> Result<Option<u32>, String> {
    let t = text.trim();
    if is_none(t) {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(n) if CADENCE_DAYS.contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "a number of days, {} to {}",
            CADENCE_DAYS.start(),
            CADENCE_DAYS.end()
        )),
    }
}

/// A birthday as typed: `MM-DD` or `YYYY-MM-DD`, or nothing (empty or `none`).
pub fn birthday(text: &str) -> Result<Option<Birthday>, String> {
    let t = text.trim();
    if is_none(t) {
        return Ok(None);
    }
    t.parse::<Birthday>()
        .map(Some)
        .map_err(|_| "not a date MM-DD or YYYY-MM-DD".to_string())
}

/// An e-mail address: something, `@`, something, and no spaces.
pub fn email(text: &str) -> Result<(), String> {
    let ok = text
        .split_once('@')
        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        && !text.contains(char::is_whitespace);
    match ok {
        true => Ok(()),
        false => Err(format!("`{text}` is not an e-mail")),
    }
}

/// Empty or `none`: the field is cleared.
fn is_none(t: &str) -> bool {
    t.is_empty() || t.eq_ignore_ascii_case("none")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cadence_is_one_day_to_ten_years_or_none() {
        assert_eq!(cadence("30"), Ok(Some(30)));
        assert_eq!(cadence(" 1 "), Ok(Some(1)));
        assert_eq!(cadence("3650"), Ok(Some(3650)));
        assert_eq!(cadence(""), Ok(None));
        assert_eq!(cadence("none"), Ok(None));
        for bad in ["0", "3651", "-3", "2w", "often"] {
            assert_eq!(cadence(bad).unwrap_err(), "a number of days, 1 to 3650");
        }
    }

    #[test]
    fn a_birthday_with_or_without_its_year() {
        assert_eq!(birthday("03-14").unwrap().unwrap().to_string(), "03-14");
        assert_eq!(
            birthday("1990-03-14").unwrap().unwrap().to_string(),
            "1990-03-14"
        );
        assert_eq!(birthday("none"), Ok(None));
        assert!(birthday("14/03").unwrap_err().contains("MM-DD"));
        assert!(birthday("02-30").is_err());
    }

    #[test]
    fn an_email_has_an_at_between_two_parts_and_no_space() {
        assert!(email("ana@example.org").is_ok());
        for bad in ["ana", "@example.org", "ana@", "ana @example.org"] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }
}
