//! `E`: the terminal side of editing a person in `$EDITOR`. Leaves raw mode
//! and the alternate screen, runs the editor (see [`crate::editor`]), and
//! restores the terminal; a snippet that does not parse reopens with its error.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{execute, terminal};
use std::io;

use crate::editor::run_editor;
use crate::editor::snippet::Edited;
use crate::model::{Op, PersonId};
use crate::tui::app::App;
use crate::tui::save::Then;

/// Edits `id` in `$EDITOR` (or `vi`) and commits the change. The caller
/// redraws everything afterwards.
pub fn edit_person(terminal: &mut DefaultTerminal, app: &mut App, id: PersonId) -> io::Result<()> {
    let Some(original) = app.person(id).cloned() else {
        return Ok(());
    };
    let outcome = crate::editor::edit_person(&original, true, |path| {
        suspended(terminal, || run_editor(path))?
    })?;
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
