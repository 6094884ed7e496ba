use super::*;
use crate::touches::Problems;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cal(text: &str) -> (Calendar, Problems) {
    let mut p = Problems::default();
    let c = read(text.as_bytes(), Path::new("t.ics"), &mut p);
    (c, p)
}

fn days(text: &str, today: &str) -> Vec<(String, NaiveDate)> {
    let (c, mut p) = cal(text);
    let (occ, _) = occurrences(&c, Path::new("t.ics"), d(today), &mut p);
    assert_eq!(p.bad, 0, "{p:?}");
    occ.into_iter().map(|o| (o.key.0, o.date)).collect()
}

#[test]
fn an_event_is_dated_in_its_own_time_zone() {
    // 07:30 in Tokyo is 22:30 the day before in UTC.
    let text = "BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Asia/Tokyo:20261110T073000\nEND:VEVENT\n";
    assert_eq!(
        days(text, "2026-11-26"),
        [("cal:a".into(), d("2026-11-10"))]
    );
    // A UTC time, in the zone the calendar declares (Google's exports).
    let text = "X-WR-TIMEZONE:America/Los_Angeles\nBEGIN:VEVENT\nUID:b\nDTSTART:20261110T030000Z\nEND:VEVENT\n";
    assert_eq!(
        days(text, "2026-11-26"),
        [("cal:b".into(), d("2026-11-09"))]
    );
    // A path-like TZID (Thunderbird's) names its zone at the end.
    let text = "BEGIN:VEVENT\nUID:c\nDTSTART;TZID=/mozilla.org/20050126_1/Asia/Tokyo:20261110T073000\nEND:VEVENT\n";
    assert_eq!(days(text, "2026-11-26")[0].1, d("2026-11-10"));
}

#[test]
fn an_unknown_zone_is_utc_with_a_note() {
    let (c, p) =
        cal("BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Mars/Olympus:20261110T233000\nEND:VEVENT\n");
    assert_eq!(p.notes, 1, "{p:?}");
    assert!(p.note_examples[0].contains("t.ics:1: unknown time zone Mars/Olympus"));
    assert_eq!(c.events[0].start.unwrap().day(None), d("2026-11-10"));
}

#[test]
fn recurrence_counts_each_past_occurrence_without_exdates_and_the_next_one() {
    let text = "BEGIN:VEVENT\nUID:w\nDTSTART;TZID=Europe/Berlin:20261005T090000\n\
                RRULE:FREQ=WEEKLY\nEXDATE;TZID=Europe/Berlin:20261019T090000,20261026T090000\n\
                END:VEVENT\n";
    let got: Vec<NaiveDate> = days(text, "2026-11-05")
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    assert_eq!(
        got,
        [
            d("2026-10-05"),
            d("2026-10-12"),
            d("2026-11-02"),
            d("2026-11-09")
        ],
        "past ones, then only the next"
    );
}

#[test]
fn an_occurrence_changed_on_its_own_replaces_the_planned_one_under_its_key() {
    let text = "BEGIN:VEVENT\nUID:w\nDTSTART:20261005T090000Z\nRRULE:FREQ=DAILY;COUNT=3\nSUMMARY:x\nEND:VEVENT\n\
                BEGIN:VEVENT\nUID:w\nRECURRENCE-ID:20261006T090000Z\nDTSTART:20261008T090000Z\nSUMMARY:moved\nEND:VEVENT\n";
    let mut got = days(text, "2026-11-26");
    got.sort();
    assert_eq!(
        got,
        [
            ("cal:w 2026-10-05".into(), d("2026-10-05")),
            ("cal:w 2026-10-06".into(), d("2026-10-08")),
            ("cal:w 2026-10-07".into(), d("2026-10-07")),
        ]
    );
}

#[test]
fn cancelled_events_are_left_out_and_alarm_attendees_are_not_people() {
    let text = "BEGIN:VEVENT\nUID:c\nSTATUS:CANCELLED\nDTSTART:20261005\nEND:VEVENT\n\
                BEGIN:VEVENT\nUID:a\nDTSTART:20261005\nATTENDEE;PARTSTAT=DECLINED:MAILTO:Bo@X.org\n\
                BEGIN:VALARM\nATTENDEE:mailto:ana@x.org\nEND:VALARM\nEND:VEVENT\n";
    let (c, mut p) = cal(text);
    let (occ, _) = occurrences(&c, Path::new("t.ics"), d("2026-11-26"), &mut p);
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].people, [("bo@x.org".to_string(), true)]);
}

#[test]
fn broken_events_are_skipped_with_their_line_and_the_rest_read() {
    let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:bad\nDTSTART:20261345T100000Z\nEND:VEVENT\n\
                BEGIN:VEVENT\nUID:ok\nDTSTART:20261105\nEND:VEVENT\n\
                BEGIN:VEVENT\nUID:none\nSUMMARY:no start\nEND:VEVENT\n\
                BEGIN:VEVENT\nUID:open\nDTSTART:20261105\n";
    let (c, p) = cal(text);
    assert_eq!(c.events.len(), 1);
    assert_eq!(p.bad, 3, "{p:?}");
    assert!(p.bad_examples[0].starts_with("t.ics:2: a date"), "{p:?}");
    assert!(
        p.bad_examples[2].starts_with("t.ics:14: an event never ended"),
        "{p:?}"
    );
}

#[test]
fn a_bad_rule_skips_its_event_only() {
    let text = "BEGIN:VEVENT\nUID:r\nDTSTART:20261005T090000Z\nRRULE:FREQ=SOMETIMES\nEND:VEVENT\n";
    let (c, mut p) = cal(text);
    let (occ, _) = occurrences(&c, Path::new("t.ics"), d("2026-11-26"), &mut p);
    assert!(occ.is_empty());
    assert_eq!(p.bad, 1, "{p:?}");
}

#[test]
fn an_event_over_a_megabyte_is_skipped_without_being_held_and_the_next_read() {
    let huge = format!(
        "BEGIN:VEVENT\nUID:big\nDTSTART:20261105\n{}END:VEVENT\n\
         BEGIN:VEVENT\nUID:ok\nDTSTART:20261106\nEND:VEVENT\n",
        format!("DESCRIPTION:{}\n", "x".repeat(1000)).repeat(1100)
    );
    let (c, p) = cal(&huge);
    assert_eq!(c.events.len(), 1);
    assert_eq!(c.events[0].uid, "ok");
    assert_eq!(p.bad_examples, ["t.ics:1: an event over 1 MB"]);
}
