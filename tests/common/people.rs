//! The People tab in the real binary: reading the card's name and the list's
//! first row off the screen, and moving the selection to someone.

use std::time::{Duration, Instant};

use super::pty::Pty;

const WAIT: Duration = Duration::from_secs(10);

/// The name on the card beside the list (the selected person).
pub fn card(screen: &str) -> String {
    let row = screen.lines().nth(1).unwrap_or("");
    let title = row.split("┐┌ ").nth(1).unwrap_or("");
    title.split(" ─").next().unwrap_or("").to_string()
}

/// The name on the list's first row.
pub fn first_row(screen: &str) -> String {
    let row = screen.lines().nth(3).unwrap_or("");
    let row = row.trim_start_matches(['│', '!', ' ']);
    row.split("  ").next().unwrap_or("").to_string()
}

/// Waits until `ok(screen)`, polling with a deadline.
pub fn wait_until(kith: &Pty, what: &str, ok: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + WAIT;
    while !ok(&kith.screen()) {
        assert!(
            Instant::now() < deadline,
            "waited for {what}:\n{}",
            kith.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Goes to the top of the list and moves down until the card beside it is
/// `name`'s, waiting for each move to show before the next.
pub fn find_in_list(kith: &mut Pty, name: &str) {
    kith.send("g");
    wait_until(kith, "the first row selected", |s| {
        !first_row(s).is_empty() && card(s) == first_row(s)
    });
    for _ in 0..40 {
        let now = card(&kith.screen());
        if now == name {
            return;
        }
        kith.send("j");
        wait_until(kith, "the next person", |s| card(s) != now);
    }
    panic!("{name} is not in the list:\n{}", kith.screen());
}
