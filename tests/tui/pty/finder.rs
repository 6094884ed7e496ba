//! The `/` finder in the real binary: type a fragment, Enter, the card.

use crate::common::pty::{Pty, keys};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn slash_a_fragment_and_enter_open_the_card() {
    let today = "2026-11-26".parse().unwrap();
    let (_dir, path, mut kith) = Pty::on_book(&kith::demo::demo_book(today), 100, 30);
    let before = std::fs::read(&path).unwrap();
    kith.send("/");
    kith.wait_for("┌ Find", WAIT);
    // Typed keys go to the query, `q` too: it does not quit.
    kith.send("q");
    kith.wait_for("/ q", WAIT);
    kith.send(keys::ESC);
    kith.wait_gone("┌ Find", WAIT);

    kith.send("/");
    kith.wait_for("┌ Find", WAIT);
    kith.send("jse");
    kith.wait_for("/ jse", WAIT);
    kith.wait_for("José García", WAIT);
    assert!(
        !kith.screen().contains("Founder & CEO · Tidepool Labs"),
        "his card is not open yet:\n{}",
        kith.screen()
    );
    kith.send(keys::ENTER);
    kith.wait_gone("┌ Find", WAIT);
    kith.wait_for("┌ José García", WAIT);
    kith.wait_for("Founder & CEO · Tidepool Labs", WAIT);
    kith.wait_for("an intro to a seed investor", WAIT);
    // Esc leaves the card for the People list, with José selected beside it.
    kith.send(keys::ESC);
    kith.wait_for("s sort", WAIT);
    assert!(kith.screen().contains("┌ José García"), "{}", kith.screen());
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was written");
}
