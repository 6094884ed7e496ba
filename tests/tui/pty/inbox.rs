//! The phone's inbox in the real binary: a line a phone appends while kith
//! runs shows up on the person's timeline without a key pressed, and a line
//! that names nobody waits in the review, where `x` logs it with the name it
//! meant and Enter applies it; the device file is never touched.

use crate::common::pty::{Pty, keys};
use std::io::Write;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn a_line_from_the_phone_lands_while_kith_runs_and_a_waiting_one_is_fixed_in_the_review() {
    let mut book = kith::model::Book::default();
    for name in ["Ana Lima", "Søren Madsen"] {
        kith::model::Op::AddPerson(kith::model::Person::new(kith::model::PersonId(0), name))
            .apply(&mut book)
            .unwrap();
    }
    let (dir, path, mut kith) = Pty::on_book(&book, 100, 30);
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let phone = inbox.join("phone.txt");
    let mut file = std::fs::File::create(&phone).unwrap();
    writeln!(file, "@ana favor: sent the landlord list").unwrap();
    writeln!(file, "@sorne coffee: talked about Lisbon").unwrap();
    file.sync_all().unwrap();
    // No key pressed: the poll sees the file and applies what it can.
    kith.wait_for("1 capture from phone.txt", WAIT);
    crate::common::people::find_in_list(&mut kith, "Ana Lima");
    kith.send(keys::ENTER);
    kith.wait_gone("People by", WAIT);
    kith.wait_for("sent the landlord list", WAIT);
    // A lone Esc must arrive alone (Esc then r reads as Alt-r).
    kith.send(keys::ESC);
    kith.wait_for("People by", WAIT);

    // The line naming nobody waits in the review, with the one it meant.
    kith.send("r");
    kith.wait_for(
        "from phone.txt, 26 Nov: `@sorne coffee: talked about Lisbon`",
        WAIT,
    );
    kith.wait_for("nobody called sorne", WAIT);
    kith.wait_for("mean Søren Madsen?", WAIT);
    kith.send("x");
    kith.wait_for("@\"Søren Madsen\" coffee: talked about Lisbon", WAIT);
    kith.send(keys::ENTER);
    kith.wait_for("saved: logged coffee for Søren Madsen", WAIT);
    let saved = kith::store::parse_book(&path, &std::fs::read(&path).unwrap()).unwrap();
    let soren = saved
        .people
        .iter()
        .find(|p| p.name == "Søren Madsen")
        .unwrap()
        .id;
    assert!(
        saved
            .entries
            .iter()
            .any(|e| e.people == [soren] && e.summary == "talked about Lisbon"),
        "logged for Søren"
    );
    assert!(saved.inbox.waiting.is_empty(), "{:?}", saved.inbox.waiting);
    assert_eq!(saved.inbox.applied["phone.txt"].len(), 2);
    kith.send("q");
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
    assert_eq!(
        std::fs::read_to_string(&phone).unwrap(),
        "@ana favor: sent the landlord list\n@sorne coffee: talked about Lisbon\n",
        "the phone's file is never edited"
    );
}
