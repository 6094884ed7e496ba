//! A session is driven and checked without a screen: send a change, take its
//! outcome in, and look at the book, the history and the lists.

use super::*;
use crate::model::{Entry, Kind, Person};
use crate::tui::test_support::{BOOK, today};

struct Open {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    session: Session,
    view: ViewSettings,
}

fn open() -> Open {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.ron");
    std::fs::write(&path, BOOK).unwrap();
    let (store, book) = Store::open(&path, today()).unwrap();
    let view = ViewSettings::default();
    let session = Session::new(store, book, Config::default(), today(), &view);
    Open {
        _dir: dir,
        path,
        session,
        view,
    }
}

impl Open {
    /// Sends `job` as `change` and takes its outcome in (saves run inline).
    fn run(&mut self, job: Job, pending: InFlight) -> Landed {
        self.session.send(job, pending).ok().expect("sent");
        let Some(Came::Outcome(pending, outcome)) = self.session.wait() else {
            panic!("no outcome");
        };
        self.session.take_in(pending, outcome, &self.view)
    }

    fn apply(&mut self, op: Op, what: &str) -> Landed {
        let job = Job::Apply {
            make: Box::new(move |_| Ok(op)),
            view: self.view.clone(),
        };
        self.run(job, InFlight::new(what, Change::Do, Then::Nothing))
    }

    fn history(&mut self, change: Change) -> Option<Landed> {
        let (job, pending) = self.session.take_history(change, &self.view)?;
        Some(self.run(job, pending))
    }

    fn on_disk(&self) -> Book {
        Store::open(&self.path, today()).unwrap().1
    }
}

fn zed() -> Op {
    Op::AddPerson(Person::new(PersonId(0), "Zed Quinn"))
}

fn names(book: &Book) -> Vec<&str> {
    book.people.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn a_change_lands_in_the_book_the_file_the_lists_and_the_history() {
    let mut s = open();
    let people = s.session.lists().people.len();
    let landed = s.apply(zed(), "added Zed Quinn");
    assert!(matches!(landed.how, How::Saved { .. }));
    assert!(landed.adopted);
    assert_eq!(landed.what, "added Zed Quinn");
    assert!(names(s.session.book()).contains(&"Zed Quinn"));
    assert!(names(&s.on_disk()).contains(&"Zed Quinn"));
    assert_eq!(s.session.lists().people.len(), people + 1);
    let undoable: Vec<&str> = s.session.undoable().map(|d| d.what.as_str()).collect();
    assert_eq!(undoable, ["added Zed Quinn"]);
    assert!(!s.session.saving());
}

#[test]
fn undo_and_redo_move_between_the_stacks_and_a_new_change_clears_redo() {
    let mut s = open();
    let before = s.session.book().people.len();
    s.apply(zed(), "added Zed Quinn");
    let undone = s.history(Change::Undo).expect("something to undo");
    assert!(matches!(
        undone.how,
        How::Saved {
            applied: Some(_),
            ..
        }
    ));
    assert_eq!(s.session.book().people.len(), before);
    assert_eq!(s.on_disk().people.len(), before);
    assert_eq!(s.session.undoable().count(), 0);
    assert_eq!(s.session.redoable().count(), 1);

    s.history(Change::Redo).expect("something to redo");
    assert!(names(&s.on_disk()).contains(&"Zed Quinn"));
    assert_eq!(s.session.undoable().count(), 1);
    assert_eq!(s.session.redoable().count(), 0);

    s.history(Change::Undo).unwrap();
    assert_eq!(s.session.redoable().count(), 1);
    let ana = s.session.book().people[0].id;
    let entry = Entry::new(today(), vec![ana], Kind::new("note"), "a new change");
    s.apply(Op::AddEntry(entry), "noted");
    assert_eq!(s.session.redoable().count(), 0, "a new change clears redo");
    assert!(s.history(Change::Redo).is_none());
}

#[test]
fn one_change_at_a_time() {
    let mut s = open();
    s.session.save_in_background().unwrap();
    let job = |view: &ViewSettings| Job::Apply {
        make: Box::new(|_| Ok(zed())),
        view: view.clone(),
    };
    let first = InFlight::new("first", Change::Do, Then::Nothing);
    assert!(s.session.send(job(&s.view), first).is_ok());
    let second = InFlight::new("second", Change::Do, Then::Nothing);
    let Err((why, back)) = s.session.send(job(&s.view), second) else {
        panic!("a second change was sent while the first was in flight");
    };
    assert_eq!(why, NotSent::Busy);
    assert_eq!(back.what, "second", "what was asked comes back unsent");
    let Some(Came::Outcome(pending, outcome)) = s.session.wait() else {
        panic!("no outcome");
    };
    assert_eq!(pending.what, "first");
    s.session.take_in(pending, outcome, &s.view);
    assert!(!s.session.saving());
    assert!(s.session.wait().is_none(), "nothing left in flight");
}

#[test]
fn a_refused_change_writes_nothing_and_records_nothing() {
    let mut s = open();
    let before = s.on_disk();
    let job = Job::Apply {
        make: Box::new(|_| Err(crate::model::OpError::NoPerson(PersonId(999_999)))),
        view: s.view.clone(),
    };
    let landed = s.run(job, InFlight::new("nothing", Change::Do, Then::Nothing));
    assert!(matches!(landed.how, How::Failed { again: false, .. }));
    assert_eq!(s.session.undoable().count(), 0);
    assert_eq!(s.on_disk(), before);
    assert_eq!(s.session.book(), &before);
}

#[test]
fn a_vanished_file_is_noted_and_a_reload_after_it_came_back_clears_it() {
    let mut s = open();
    let kept = std::fs::read(&s.path).unwrap();
    std::fs::remove_file(&s.path).unwrap();
    let landed = s.apply(zed(), "added Zed Quinn");
    assert!(matches!(
        landed.how,
        How::Failed {
            error: StoreError::Vanished { .. },
            ..
        }
    ));
    assert!(s.session.vanished);
    assert!(!s.path.exists(), "nothing written where the book vanished");

    std::fs::write(&s.path, kept).unwrap();
    let view = s.view.clone();
    let landed = s.run(
        Job::Reload { view },
        InFlight::new("reloaded", Change::Reload, Then::Nothing),
    );
    assert!(matches!(landed.how, How::Reloaded));
    assert!(!s.session.vanished);
}

#[test]
fn lists_derived_for_another_view_are_built_again_for_this_one() {
    let mut s = open();
    let archived = ViewSettings {
        sort: crate::tui::panes::lists::Sort {
            archived: true,
            ..Default::default()
        },
        ..ViewSettings::default()
    };
    let shown = |s: &Open| s.session.lists().people.len();
    let hidden = shown(&s);
    // The job asked for the default view; while it was on its way the screen
    // turned archived people on: the lists follow the screen's view.
    let job = Job::Apply {
        make: Box::new(|_| Ok(zed())),
        view: s.view.clone(),
    };
    s.view = archived;
    s.run(
        job,
        InFlight::new("added Zed Quinn", Change::Do, Then::Nothing),
    );
    let archived = s
        .session
        .book()
        .people
        .iter()
        .filter(|p| p.archived)
        .count();
    assert!(archived > 0, "the fixture has archived people");
    assert_eq!(shown(&s), hidden + 1 + archived);
}
