//! `E`: the terminal side of editing a person in `$EDITOR`. Leaves raw mode
//! and the alternate screen, runs the editor on a temp file, and restores
//! the terminal; a snippet that does not parse reopens with its error.

use ratatui::DefaultTerminal;
use ratatui::crossterm::{execute, terminal};
use std::io;
use std::process::Command;

use super::app::App;
use super::history::Then;
use super::snippet::{Edited, read_snippet, to_snippet};
use crate::model::{Op, PersonId};

/// Edits `id` in `$EDITOR` (or `vi`) and commits the change. The caller
/// redraws everything afterwards.
pub fn edit_person(terminal: &mut DefaultTerminal, app: &mut App, id: PersonId) -> io::Result<()> {
    let Some(original) = app.person(id).cloned() else {
        return Ok(());
    };
    let path = std::env::temp_dir().join(format!("kith-{}-{id}.ron", std::process::id()));
    let mut text = to_snippet(&original);
    let outcome = loop {
        std::fs::write(&path, &text)?;
        suspended(terminal, || run_editor(&path))??;
        text = std::fs::read_to_string(&path)?;
        match read_snippet(&text, &original) {
            Edited::Broken { reopen, .. } => text = reopen,
            other => break other,
        }
    };
    let _ = std::fs::remove_file(&path);
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

/// Runs `f` with the terminal back in its normal state, then takes it again.
fn suspended<T>(terminal: &mut DefaultTerminal, f: impl FnOnce() -> T) -> io::Result<T> {
    execute!(io::stdout(), terminal::LeaveAlternateScreen)?;
    terminal::disable_raw_mode()?;
    let out = f();
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        terminal::Clear(terminal::ClearType::All)
    )?;
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
