//! People editing in the real binary: add through the form, find them in the
//! list, edit their org, undo; and `E`, which suspends the terminal for
//! `$EDITOR` and reopens a snippet that no longer parses. The data file is
//! checked after each step.

use crate::common::people::find_in_list;
use crate::common::pty::{Pty, keys};
use kith::model::{Book, Person};
use std::path::{Path, PathBuf};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);
const CTRL_S: &str = "\x13";
const CTRL_U: &str = "\x15";

/// The snapshot tests' book.
fn fixture() -> Book {
    let text = include_str!("../../fixtures/tui_book.ron");
    kith::store::parse_book(Path::new("fixture.ron"), text.as_bytes()).unwrap()
}

fn read(path: &Path) -> Book {
    kith::store::parse_book(path, &std::fs::read(path).unwrap()).unwrap()
}

fn zoe(path: &Path) -> Option<Person> {
    read(path).people.into_iter().find(|p| p.name == "Zoe Park")
}

/// kith on the fixture book with `$EDITOR` set to `editor` (`$VISUAL`
/// unset, so it is the one used), once the People tab is drawn.
fn kith(editor: &str) -> (tempfile::TempDir, PathBuf, Pty) {
    let env = [("VISUAL", None), ("EDITOR", Some(editor))];
    let (dir, path, kith) = Pty::on_book_with(&fixture(), &[], &env, 100, 30);
    kith.wait_for("People", WAIT);
    (dir, path, kith)
}

#[test]
fn add_through_the_form_find_edit_the_org_and_undo() {
    let (_dir, path, mut kith) = Pty::on_book(&fixture(), 100, 30);

    kith.send("a");
    kith.wait_for("Add a person", WAIT);
    kith.send("Zoe Park");
    kith.send(keys::TAB);
    kith.send(keys::TAB);
    kith.send("Acme");
    kith.send(CTRL_S);
    kith.wait_for("added Zoe Park", WAIT);
    let added = zoe(&path).expect("on disk");
    assert_eq!(added.org.as_deref(), Some("Acme"));

    find_in_list(&mut kith, "Zoe Park");
    kith.send("e");
    kith.wait_for("Edit Zoe Park", WAIT);
    kith.send(keys::TAB);
    kith.send(keys::TAB);
    kith.send(CTRL_U);
    kith.send("Globex");
    kith.send(CTRL_S);
    kith.wait_for("edited Zoe Park", WAIT);
    assert_eq!(zoe(&path).unwrap().org.as_deref(), Some("Globex"));
    assert_eq!(zoe(&path).unwrap().id, added.id);

    kith.send("u");
    kith.wait_for("undone: edited Zoe Park", WAIT);
    assert_eq!(zoe(&path).unwrap(), added, "back to what was added");

    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}

#[test]
fn capital_e_edits_in_the_editor_and_a_broken_snippet_reopens_with_its_error() {
    // Apart from kith's dir, which the editor must be named before it exists.
    let tools = tempfile::tempdir().unwrap();
    // An editor that breaks the snippet the first time and, seeing kith's
    // error comment, fixes it and changes the org the second time.
    let script = tools.path().join("editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\n\
         echo \"$1 $(stat -c %a \"$1\")\" >> \"$(dirname \"$0\")/seen\"\n\
         if grep -q '^// kith: this does not parse: ' \"$1\"; then\n\
           grep -c '^// kith:' \"$1\" > \"$(dirname \"$0\")/comments\"\n\
           sed -i 's/org: \"Northwind/org: \"Initech\"/' \"$1\"\n\
         else\n\
           sed -i 's/org: \"Northwind\"/org: \"Northwind/' \"$1\"\n\
         fi\n",
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", script.to_str().unwrap()])
        .status()
        .unwrap();
    let (_dir, path, mut kith) = kith(script.to_str().unwrap());
    find_in_list(&mut kith, "Ana Lima");
    kith.send("E");
    kith.wait_for("edited Ana Lima", WAIT);
    let ana = read(&path)
        .people
        .into_iter()
        .find(|p| p.name == "Ana Lima");
    assert_eq!(ana.unwrap().org.as_deref(), Some("Initech"));
    // The whole screen came back after the editor: tabs, list, hints.
    kith.wait_for("1 People", WAIT);
    kith.wait_for("? help", WAIT);
    let comments = std::fs::read_to_string(tools.path().join("comments")).unwrap();
    assert_eq!(
        comments.trim(),
        "2",
        "the editor saw kith's two comment lines"
    );

    kith.send("u");
    kith.wait_for("undone: edited Ana Lima", WAIT);
    let ana = read(&path)
        .people
        .into_iter()
        .find(|p| p.name == "Ana Lima");
    assert_eq!(ana.unwrap().org.as_deref(), Some("Northwind"));
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
    // Both rounds used one private temp file, gone afterwards.
    let seen = std::fs::read_to_string(tools.path().join("seen")).unwrap();
    let rounds: Vec<(&str, &str)> = seen.lines().map(|l| l.rsplit_once(' ').unwrap()).collect();
    assert_eq!(rounds.len(), 2, "{seen}");
    for (file, mode) in &rounds {
        assert_eq!(*mode, "600", "{file} is the owner's only");
        assert!(!std::path::Path::new(file).exists(), "{file} was removed");
    }
}

#[test]
fn bracketed_paste_is_on_again_after_the_editor_turned_it_off() {
    let tools = tempfile::tempdir().unwrap();
    // As vim does on its way out: bracketed paste off; the snippet unchanged.
    let script = tools.path().join("editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf '\\033[?2004l'\n").unwrap();
    std::process::Command::new("chmod")
        .args(["+x", script.to_str().unwrap()])
        .status()
        .unwrap();
    let (_dir, _path, mut kith) = kith(script.to_str().unwrap());
    assert!(kith.bracketed_paste(), "on while the TUI runs");
    find_in_list(&mut kith, "Ana Lima");
    kith.send("E");
    kith.wait_for("unchanged: nothing saved", WAIT);
    assert!(kith.bracketed_paste(), "on again after the editor");
    kith.send("q");
    assert!(kith.wait_exit(WAIT).success());
}
