//! `E`: the terminal side of editing a person in `$EDITOR`. Leaves raw mode
//! and the alternate screen, runs the editor on a temp file, and restores
//! the terminal; a snippet that does not parse reopens with its error.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{execute, terminal};
use std::io;
use std::process::Command;

use crate::model::{Op, PersonId};
use crate::tui::app::App;
use crate::tui::save::Then;
use crate::tui::snippet::{Edited, read_snippet, to_snippet};

/// Edits `id` in `$EDITOR` (or `vi`) and commits the change. The caller
/// redraws everything afterwards.
pub fn edit_person(terminal: &mut DefaultTerminal, app: &mut App, id: PersonId) -> io::Result<()> {
    let Some(original) = app.person(id).cloned() else {
        return Ok(());
    };
    // Created new (O_EXCL) with an unpredictable name, readable by the owner
    // only, and removed when `file` is dropped: on every way out of here,
    // an editor that failed or a snippet that could not be read included.
    let file = tempfile::Builder::new()
        .prefix(&format!("{EDIT_PREFIX}{}-{id}-", std::process::id()))
        .suffix(".ron")
        .tempfile()?;
    let path = file.path().to_path_buf();
    let mut text = to_snippet(&original);
    let outcome = loop {
        write_over(&path, &text)?;
        suspended(terminal, || run_editor(&path))??;
        text = std::fs::read_to_string(&path)?;
        match read_snippet(&text, &original) {
            Edited::Broken { reopen, .. } => text = reopen,
            other => break other,
        }
    };
    drop(file);
    match outcome {
        Edited::Changed(p) => {
            let what = format!("edited {}", p.name);
            app.commit(Op::edit_person(&original, *p), &what, Then::Nothing);
        }
        Edited::Unchanged => app.say("unchanged: nothing saved".into()),
        Edited::Cancelled => app.say("emptied: nothing saved".into()),
        Edited::IdChanged => app.fail("not saved: the id cannot change".into()),
        Edited::Broken { .. } => unreachable!("broken snippets reopen"),
    }
    Ok(())
}

/// The temp files `E` makes are `kith-edit-PID-ID-XXXXXX.ron` in the temp
/// folder: the process id says whose they are, so one a killed kith left is
/// known for stale ([`clean_stale_edits`]).
const EDIT_PREFIX: &str = "kith-edit-";

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

/// Runs `f` with the terminal back in its normal state, then takes it again
/// — also when `f` panics (the guard's drop runs while unwinding).
fn suspended<T>(terminal: &mut DefaultTerminal, f: impl FnOnce() -> T) -> io::Result<T> {
    /// Raw mode and the alternate screen come back when this is dropped.
    struct Resume;
    impl Drop for Resume {
        fn drop(&mut self) {
            let _ = terminal::enable_raw_mode();
            // Editors turn bracketed paste off as they leave (vim does):
            // on again, or a paste would arrive as keystrokes.
            let _ = execute!(
                io::stdout(),
                terminal::EnterAlternateScreen,
                terminal::Clear(terminal::ClearType::All),
                EnableBracketedPaste
            );
        }
    }
    execute!(
        io::stdout(),
        DisableBracketedPaste,
        terminal::LeaveAlternateScreen
    )?;
    terminal::disable_raw_mode()?;
    let resume = Resume;
    let out = f();
    drop(resume);
    // An empty frame makes ratatui forget what it drew before, so the next
    // draw repaints every cell. (`Terminal::clear` would ask the terminal for
    // its cursor position, which not every terminal answers.)
    terminal.draw(|_| {})?;
    Ok(out)
}

fn run_editor(path: &std::path::Path) -> io::Result<()> {
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
