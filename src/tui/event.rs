//! The event loop: draw only when something changed (a key press, a resize,
//! the file changed on disk), and check the file's metadata about once a second.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::io;
use std::time::{Duration, Instant};

use super::app::App;
use super::keymap::Key;

/// How long to wait for a key before looking at the file again.
pub const POLL: Duration = Duration::from_secs(1);

pub fn run_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let mut dirty = true;
    let mut checked = Instant::now();
    while !app.quit {
        if dirty {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            dirty = false;
        }
        if event::poll(POLL)? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    app.handle_key(Key::from(key));
                    // `E` asked for `$EDITOR`: the terminal is the loop's to lend.
                    if let Some(id) = app.take_external()
                        && let Err(e) = super::editor::edit_person(terminal, app, id)
                    {
                        app.fail(format!("editor: {e}"));
                    }
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        if checked.elapsed() >= POLL {
            checked = Instant::now();
            if app.store().changed_on_disk() {
                app.reload();
                dirty = true;
            }
        }
    }
    Ok(())
}
