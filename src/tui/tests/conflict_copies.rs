//! Conflict copies in the TUI: a banner while a sync tool's copy sits beside
//! the book, one key merges it (an undoable change), and the copy is put
//! away beside the backups.

use crate::model::{Op, Person, PersonId};
use crate::tui::keys::keymap::Key;
use crate::tui::test_support::{draw, fixture, on_disk, status};

const COPY: &str = "kith.sync-conflict-20261201-101500-ABCDEF7.ron";

/// The other machine's copy: the book with one more person.
fn copy_beside(path: &std::path::Path) -> std::path::PathBuf {
    let mut theirs = on_disk(path);
    let zed = Person::new(PersonId(0), "Zed Elsewhere");
    Op::AddPerson(zed).apply(&mut theirs).unwrap();
    let copy = path.with_file_name(COPY);
    std::fs::write(&copy, crate::store::serialize_book(&theirs)).unwrap();
    copy
}

#[test]
fn a_banner_names_the_copy_and_one_key_merges_it() {
    let mut f = fixture();
    let copy = copy_beside(&f.path);
    assert!(f.app.check_conflict_copies(), "the copy is noticed");
    let screen = draw(&f.app, 80, 24);
    assert!(
        screen.contains("S merges the conflict copy a sync tool left: kith.sync-conflict-2026"),
        "{screen}"
    );
    insta::assert_snapshot!("copies_banner_80x24", screen);
    insta::assert_snapshot!("copies_banner_60x16", draw(&f.app, 60, 16));

    f.keys(&[Key::char('S')]);
    f.app.wait_saves();
    assert!(
        status(&f.app).contains("merged 1 conflict copy"),
        "{}",
        status(&f.app)
    );
    assert!(f.file().people.iter().any(|p| p.name == "Zed Elsewhere"));
    assert!(!copy.exists());
    let kept = f.path.with_file_name(".kith.ron.kith-merged").join(COPY);
    assert!(kept.exists(), "put away, not deleted");
    assert!(
        !draw(&f.app, 80, 24).contains("sync tool left"),
        "the banner is gone"
    );

    // The merge is one change: undo takes it back.
    f.keys(&[Key::char('u')]);
    f.app.wait_saves();
    assert!(!f.file().people.iter().any(|p| p.name == "Zed Elsewhere"));
}

#[test]
fn without_copies_there_is_no_banner_and_the_key_says_so() {
    let mut f = fixture();
    assert!(!f.app.check_conflict_copies());
    f.keys(&[Key::char('S')]);
    assert_eq!(status(&f.app), "no conflict copies beside the book");
}

#[test]
fn the_banner_counts_a_conflict_copy_of_a_conflict_copy() {
    let mut f = fixture();
    copy_beside(&f.path);
    let nested =
        "kith.sync-conflict-20261201-101500-ABCDEF7.sync-conflict-20261202-090000-BCDEFG2.ron";
    std::fs::copy(f.path.with_file_name(COPY), f.path.with_file_name(nested)).unwrap();
    assert!(f.app.check_conflict_copies());
    let banner = f.app.conflict_banner().unwrap_or_default();
    assert!(banner.contains("merges the 2 conflict copies"), "{banner}");
}

#[test]
fn a_copy_that_does_not_read_is_named_and_left_while_the_others_merge() {
    let mut f = fixture();
    let good = copy_beside(&f.path);
    let bad = f
        .path
        .with_file_name("kith.sync-conflict-20261202-090000-BCDEFG2.ron");
    std::fs::write(&bad, "(version: 3, people: [ oops").unwrap();
    assert!(f.app.check_conflict_copies());
    f.keys(&[Key::char('S')]);
    f.app.wait_saves();
    let said = status(&f.app);
    assert!(said.contains("BCDEFG2.ron"), "{said}");
    assert!(said.contains("left where it is"), "{said}");
    assert!(f.file().people.iter().any(|p| p.name == "Zed Elsewhere"));
    assert!(!good.exists(), "the good copy is put away");
    assert!(bad.exists(), "the bad one stays beside the book");
    assert!(
        draw(&f.app, 80, 24).contains("sync tool left"),
        "the banner stays up for the copy left"
    );
}
