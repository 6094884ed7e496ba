//! How well the introductions engine finds the right helper, printed like a
//! bench: top-3 and first on the tuned fixture and on the ten held-out books
//! (tests/fixtures/intros_*.txt), with every miss, so a change that helps one
//! case and hurts three shows. `cargo bench --bench intros_quality`.

#[path = "support/labelled.rs"]
mod labelled;

use kith::intros::Matcher;

fn main() {
    for (name, text) in [
        ("tuned", labelled::TUNED),
        ("held out", labelled::HELD_OUT),
        ("held out 2", labelled::HELD_OUT_2),
        ("held out 3", labelled::HELD_OUT_3),
        ("held out 4", labelled::HELD_OUT_4),
        ("held out 5", labelled::HELD_OUT_5),
        ("held out 6", labelled::HELD_OUT_6),
        ("held out 7", labelled::HELD_OUT_7),
        ("held out 8", labelled::HELD_OUT_8),
        ("held out 9", labelled::HELD_OUT_9),
        ("held out 10", labelled::HELD_OUT_10),
    ] {
        let l = labelled::parse(text);
        let s = labelled::score(&l, &Matcher::build(&l.book, &[]));
        print!("intros_quality/{}", s.report(name));
    }
}
