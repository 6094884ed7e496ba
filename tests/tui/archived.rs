//! Archived people shown on the People tab (`.`), one selected: its row
//! marked and dimmed, the list saying how many are shown, the card badged.
//! Review a changed snapshot by eye before accepting it.

use crate::common::screen::{draw, on_fixture};
use kith::tui::Action;

#[test]
fn people_with_archived_shown() {
    let mut s = on_fixture("tui_book.ron");
    s.app.update(Action::ShowArchived);
    let lena = kith::model::PersonId(12);
    while s.app.selected_person() != Some(lena) {
        let before = s.app.selected_person();
        s.app.update(Action::Down);
        assert_ne!(s.app.selected_person(), before, "Lena Vogel is listed");
    }
    let screen = draw(&s.app, 80, 24);
    assert!(screen.contains("Lena Vogel"), "{screen}");
    insta::assert_snapshot!(screen);
}
