//! The event loop: draw only when something changed (a key press, a resize,
//! a save finished, the file changed on disk), and check the file's metadata
//! about once a second.
//!
//! Saves run on the saver's thread; while one is in flight the loop wakes
//! every few milliseconds to take in its outcome, and keys wait in the app's
//! queue, so the screen stays live on a heavy book.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::io;
use std::time::{Duration, Instant};

use crate::tui::app::{App, Input};
use crate::tui::keys::keymap::Key;

/// How long to wait for a key before looking at the file again.
pub const POLL: Duration = Duration::from_secs(1);
/// At most this many inputs are taken before the next frame, so the screen
/// stays live while a long stream of keys comes in.
const MAX_BATCH: usize = 100_000;
/// How often to look for a save's outcome while one is in flight.
const SAVE_POLL: Duration = Duration::from_millis(5);

pub fn run_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let mut dirty = true;
    let mut checked = Instant::now();
    app.resize(terminal.size()?);
    while !app.quit {
        if dirty {
            crate::tui::ui::frame(terminal, app)?;
            dirty = false;
        }
        let wait = if app.saving() { SAVE_POLL } else { POLL };
        if event::poll(wait)? {
            // Everything already waiting, then one frame: a paste of 50,000
            // characters is one batch, not 50,000 frames.
            let mut inputs = Vec::new();
            loop {
                match event::read()? {
                    Event::Key(key) if key.kind == KeyEventKind::Press => {
                        inputs.push(Input::Key(Key::from(key)))
                    }
                    Event::Paste(text) => inputs.push(Input::Paste(text)),
                    Event::Resize(width, height) => {
                        app.resize(ratatui::layout::Size { width, height });
                        dirty = true;
                    }
                    _ => {}
                }
                if inputs.len() >= MAX_BATCH || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            if !inputs.is_empty() {
                app.handle_inputs(inputs);
                dirty = true;
            }
        }
        if app.poll_saves() {
            dirty = true;
        }
        // `E` asked for `$EDITOR`: the terminal is the loop's to lend.
        if let Some(id) = app.take_external() {
            if let Err(e) = crate::tui::editor::edit_person(terminal, app, id) {
                app.fail(format!("editor: {e}"));
            }
            dirty = true;
        }
        // Our own save changes the file too: look only when none is in flight.
        // While the question at start is open there is no book to watch.
        if !app.saving() && app.exit == crate::tui::app::Exit::Done && checked.elapsed() >= POLL {
            checked = Instant::now();
            if app.store().changed_on_disk() {
                app.reload();
                dirty = true;
            }
            if app.check_conflict_copies() {
                dirty = true;
            }
            if app.check_inbox() {
                dirty = true;
            }
            if app.check_touches() {
                dirty = true;
            }
        }
    }
    app.wait_saves();
    Ok(())
}
