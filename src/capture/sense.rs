//! What a well-formed line may still get wrong: a deed with nothing said
//! about it, an intro you made with one person, a follow-up in the past
//! (refused), and a deed dated after today (asked about).

use chrono::NaiveDate;

use super::{Capture, CaptureErrorKind};
use crate::model::{Direction, Kinds, Weight};

impl Capture {
    /// What makes this capture no entry at all, if anything: a deed with no
    /// summary, an intro you made naming fewer than two people, a follow-up
    /// before `today`. (A deed dated after today is [`Capture::doubt`].)
    pub fn refusal(&self, today: NaiveDate, kinds: &Kinds) -> Option<CaptureErrorKind> {
        if self.summary.trim().is_empty() && kinds.weight(&self.kind) == Weight::Deed {
            return Some(CaptureErrorKind::EmptySummary {
                kind: self.kind.clone(),
            });
        }
        // One you made connects two people; one you received (`@bob <intro:
        // introduced me to Carol`) may name only who made it.
        if self.kind.as_str() == "intro"
            && self.direction != Direction::Received
            && self.people.len() < 2
        {
            return Some(CaptureErrorKind::IntroNeedsTwo);
        }
        match self.follow_up {
            Some(date) if date < today => Some(CaptureErrorKind::FollowUpInPast { date }),
            _ => None,
        }
    }

    /// What to ask before saving this capture: a deed dated after `today`.
    pub fn doubt(&self, today: NaiveDate, kinds: &Kinds) -> Option<CaptureErrorKind> {
        (self.date > today && kinds.weight(&self.kind) == Weight::Deed).then(|| {
            CaptureErrorKind::FutureDeed {
                kind: self.kind.clone(),
                date: self.date,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{book, today};
    use super::super::{CaptureErrorKind as K, parse_spanned};
    use crate::model::Kinds;

    fn err(line: &str) -> K {
        match parse_spanned(line, today(), &book(), &Kinds::default()) {
            Ok(p) => panic!("{line:?} parsed: {p:?}"),
            Err(e) => e.kind,
        }
    }

    fn asks(line: &str) -> Option<K> {
        let parsed = parse_spanned(line, today(), &book(), &Kinds::default()).unwrap();
        parsed.unconfirmed.map(|e| e.kind)
    }

    #[test]
    fn a_deed_needs_a_summary_a_touch_does_not() {
        assert!(
            matches!(err("@alice favor:"), K::EmptySummary { kind } if kind.as_str() == "favor")
        );
        assert!(matches!(err("@alice favor: -2d"), K::EmptySummary { .. }));
        assert!(parse_spanned("@bob coffee:", today(), &book(), &Kinds::default()).is_ok());
    }

    #[test]
    fn an_intro_you_made_names_two_people() {
        assert_eq!(err("@alice intro: to a designer"), K::IntroNeedsTwo);
        assert_eq!(err("@alice =intro: each other"), K::IntroNeedsTwo);
        let two = parse_spanned("@alice @bob intro: x", today(), &book(), &Kinds::default());
        assert!(two.is_ok());
        let received = parse_spanned(
            "@bob <intro: introduced me to Carol",
            today(),
            &book(),
            &Kinds::default(),
        );
        assert!(received.is_ok(), "who made it is enough");
    }

    #[test]
    fn a_follow_up_in_the_past_is_refused() {
        assert!(matches!(
            err("@alice favor: deck !2026-11-20"),
            K::FollowUpInPast { .. }
        ));
        assert!(matches!(
            err("@alice favor: deck !-1d"),
            K::FollowUpInPast { .. }
        ));
        let e = parse_spanned(
            "@alice favor: deck !-1d",
            today(),
            &book(),
            &Kinds::default(),
        );
        assert_eq!(e.unwrap_err().span, 19..23, "points at the follow-up");
        assert!(
            parse_spanned(
                "@alice favor: deck !today",
                today(),
                &book(),
                &Kinds::default()
            )
            .is_ok()
        );
    }

    #[test]
    fn a_deed_after_today_is_asked_about_not_refused() {
        assert!(matches!(
            asks("@alice favor: deck tomorrow"),
            Some(K::FutureDeed { .. })
        ));
        assert!(matches!(
            asks("@alice favor: deck 2026-12-24"),
            Some(K::FutureDeed { .. })
        ));
        assert_eq!(asks("@alice favor: deck today"), None);
        assert_eq!(
            asks("@alice coffee: planned tomorrow"),
            None,
            "a touch may be planned"
        );
        let parsed = parse_spanned(
            "@alice favor: deck tomorrow",
            today(),
            &book(),
            &Kinds::default(),
        )
        .unwrap();
        let e = parsed.require_confirmed().unwrap_err();
        assert!(e.needs_confirmation());
        assert_eq!(e.span, 19..27, "points at the date");
        assert!(e.to_string().contains("after today"), "{e}");
    }
}
