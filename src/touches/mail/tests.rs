use super::*;

#[test]
fn headers_are_read_with_encoded_words_and_the_writers_own_day() {
    let raw = b"From: =?ISO-8859-1?Q?Jos=E9?= <Jose@Example.org>\r\n\
                To: me@kith.test,\r\n  \"Bo\" <bo@x.org>\r\n\
                Cc: Team: a@x.org, b@x.org;\r\n\
                Subject: =?UTF-8?B?Q2Fmw6k=?= soon\r\n\
                Date: Sat, 21 Nov 2026 23:30:00 -0800 (PST)\r\n\
                Message-ID: <m1@x>\r\n\r\nbody\r\n";
    let m = headers(raw).unwrap();
    assert_eq!(m.from, "jose@example.org");
    assert_eq!(m.to, ["me@kith.test", "bo@x.org", "a@x.org", "b@x.org"]);
    assert_eq!(m.subject, "Café soon");
    assert_eq!(
        m.at.date_naive().to_string(),
        "2026-11-21",
        "not UTC's 22nd"
    );
    assert_eq!(m.id, "<m1@x>");
    assert!(!m.bulk);
}

#[test]
fn lists_and_bulk_senders_are_marked() {
    let base = "From: a@x.org\nTo: me@kith.test\nDate: Sat, 21 Nov 2026 10:00:00 +0000\n";
    for extra in [
        "List-Id: <l.x.org>\n",
        "Precedence: bulk\n",
        "Auto-Submitted: auto-generated\n",
    ] {
        let m = headers(format!("{base}{extra}\n").as_bytes()).unwrap();
        assert!(m.bulk, "{extra}");
    }
    let m = headers(
        b"From: No-Reply <no-reply@shop.example>\nDate: Sat, 21 Nov 2026 10:00:00 +0000\n\n",
    )
    .unwrap();
    assert!(m.bulk);
}

#[test]
fn unreadable_messages_say_why_and_where() {
    assert_eq!(
        headers(b"From: a@x.org\nSubject: x\n\n").unwrap_err().1,
        "no Date header"
    );
    let (line, why) = headers(b"From: a@x.org\nDate: yesterday-ish\n\n").unwrap_err();
    assert_eq!(line, 2);
    assert!(why.contains("date"), "{why}");
    assert!(
        headers(b"From: a\x00\x01\n\n")
            .unwrap_err()
            .1
            .contains("binary")
    );
}

#[test]
fn an_mbox_starts_messages_only_at_from_lines_with_a_time() {
    assert!(is_separator(b"From bo@x.org Mon Nov 23 10:00:00 2026\n"));
    assert!(!is_separator(b"From the bottom of my heart\n"));
}
