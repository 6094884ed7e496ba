//! Editing a person as RON in `$EDITOR`: the TUI's `E` (which suspends the
//! terminal around the editor) and `kith edit NAME` (which runs it as it
//! is). The person goes to a temp file of our own, the editor runs, and the
//! text is read back against the person it started from ([`snippet`]).

pub mod snippet;

use std::io;
use std::process::Command;

use crate::model::{Person, PersonId};
use snippet::{Edited, read_snippet, to_snippet};

/// Edits `original` in a temp file: `run` runs the editor on the file's
/// path (the TUI wraps it in a suspended terminal). A text that does not
/// parse is reopened with its error on top when `reopen` says so (someone
/// at a terminal to fix it); otherwise it is returned as [`Edited::Broken`].
pub fn edit_person(
    original: &Person,
    reopen: bool,
    mut run: impl FnMut(&std::path::Path) -> io::Result<()>,
) -> io::Result<Edited> {
    let id: PersonId = original.id;
    // Created new (O_EXCL) with an unpredictable name, readable by the owner
    // only, and removed when `file` is dropped: on every way out of here,
    // an editor that failed or a snippet that could not be read included.
    let file = tempfile::Builder::new()
        .prefix(&format!("{EDIT_PREFIX}{}-{id}-", std::process::id()))
        .suffix(".ron")
        .tempfile()?;
    let path = file.path().to_path_buf();
    let mut text = to_snippet(original);
    loop {
        write_over(&path, &text)?;
        run(&path)?;
        text = std::fs::read_to_string(&path)?;
        match read_snippet(&text, original) {
            Edited::Broken { reopen: again, .. } if reopen => text = again,
            other => return Ok(other),
        }
    }
}

/// The temp files `E` makes are `kith-edit-PID-ID-XXXXXX.ron` in the temp
/// folder: the process id says whose they are, so one a killed kith left is
/// known for stale ([`clean_stale_edits`]).
pub const EDIT_PREFIX: &str = "kith-edit-";

/// Removes the `E` temp files (a person's data) that a kith killed while
/// its editor was open left in `dir`: only files of this user, named as `E`
/// names them, whose process is gone. A running kith's file is left alone.
pub fn clean_stale_edits(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(EDIT_PREFIX))
            .filter(|n| n.ends_with(".ron"))
            .and_then(|n| n.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if meta.is_file()
            && ours(&meta)
            && !alive(pid)
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(unix)]
fn ours(meta: &std::fs::Metadata) -> bool {
    std::os::unix::fs::MetadataExt::uid(meta) == unsafe { libc::getuid() }
}

#[cfg(not(unix))]
fn ours(_: &std::fs::Metadata) -> bool {
    true
}

/// Whether process `pid` is running (signal 0 only asks).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    let answered = unsafe { libc::kill(pid, 0) } == 0;
    answered || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    true
}

/// Puts `text` in the temp file as a file of our own: whatever is at `path`
/// (an editor may have replaced our file with its own, or someone with a
/// link) is removed, and a new file is created there exclusively (never
/// through a link), readable by the owner only.
fn write_over(path: &std::path::Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Runs `$VISUAL`, else `$EDITOR`, else `vi` on `path` (`$EDITOR` may carry
/// arguments: `code -w`).
pub fn run_editor(path: &std::path::Path) -> io::Result<()> {
    let editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    // `$EDITOR` may carry arguments ("code -w").
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = Command::new(program).args(words).arg(path).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!("{program} exited with {status}")))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_a_gone_processs_edit_files_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let stale = dir.path().join(format!("kith-edit-{gone}-p3-AbC123.ron"));
        let running = dir
            .path()
            .join(format!("kith-edit-{}-p3-XyZ789.ron", std::process::id()));
        let other = dir.path().join(format!("kith-edit-{gone}-notes.txt"));
        for f in [&stale, &running, &other] {
            std::fs::write(f, "(name: \"Ana\")").unwrap();
        }
        assert_eq!(clean_stale_edits(dir.path()), 1);
        assert!(!stale.exists());
        assert!(running.exists() && other.exists());
    }
}
