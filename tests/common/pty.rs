//! Drive the real binary in a pseudo-terminal and read its screen through a
//! vt100 parser. Waiting is always polling with a deadline, never a bare sleep.

use kith::model::Book;
use portable_pty::{Child, CommandBuilder, ExitStatus, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How often `wait_for` looks at the screen.
const TICK: Duration = Duration::from_millis(20);

/// The fixed today every PTY test runs kith with.
pub const TODAY: &str = "2026-11-26";

/// How long start-up may take before a test gives up.
const START: Duration = Duration::from_secs(10);

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    // Keeps the master side open while the child runs.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// Keys as the terminal sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const DOWN: &str = "\x1b[B";
    pub const CTRL_C: &str = "\x03";
}

impl Pty {
    /// Starts `kith` (this crate's binary) with `args` on a `cols`×`rows` screen.
    pub fn kith(args: &[&str], cols: u16, rows: u16, cwd: &Path) -> Pty {
        Pty::spawn(command(args, cwd), cols, rows)
    }

    /// `book` written to `kith.ron` in a new temp dir, and kith started on
    /// it (`--file`, `--today 2026-11-26`) on a `cols`×`rows` screen; returns
    /// once the People tab is drawn. Keep the dir alive as long as the test.
    pub fn on_book(book: &Book, cols: u16, rows: u16) -> (tempfile::TempDir, PathBuf, Pty) {
        let (dir, path, kith) = Pty::on_book_with(book, &[], &[], cols, rows);
        kith.wait_for("People", START);
        (dir, path, kith)
    }

    /// [`Pty::on_book`] with `args` after the file and today (a subcommand)
    /// and `env` over the test environment (`None` removes a variable).
    /// Returns at once: the test waits for the screen it expects.
    pub fn on_book_with(
        book: &Book,
        args: &[&str],
        env: &[(&str, Option<&str>)],
        cols: u16,
        rows: u16,
    ) -> (tempfile::TempDir, PathBuf, Pty) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kith.ron");
        kith::store::write_book(&path, book).unwrap();
        let file = path.to_str().unwrap();
        let mut all = vec!["--file", file, "--today", TODAY];
        all.extend(args);
        let mut cmd = command(&all, dir.path());
        for (key, value) in env {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            }
        }
        let kith = Pty::spawn(cmd, cols, rows);
        (dir, path, kith)
    }

    pub fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let sink = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            child,
            writer,
            parser,
            _master: pair.master,
        }
    }

    /// Types `keys` (see [`keys`] for the special ones).
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Whether the program asked the terminal for bracketed paste.
    #[allow(dead_code)]
    pub fn bracketed_paste(&self) -> bool {
        self.parser.lock().unwrap().screen().bracketed_paste()
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until `text` is on screen; panics with the screen after `timeout`.
    pub fn wait_for(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "waited {timeout:?} for {text:?}; the screen is:\n{screen}"
            );
            thread::sleep(TICK);
        }
    }

    /// Waits until `text` is no longer on screen (a popup closed).
    pub fn wait_gone(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "waited {timeout:?} for {text:?} to go; the screen is:\n{screen}"
            );
            thread::sleep(TICK);
        }
    }

    /// Sends SIGKILL — no chance to flush or clean up, as in a power cut of
    /// the process — and waits for it to be gone.
    #[cfg(unix)]
    pub fn kill_hard(&mut self) {
        let pid = self.child.process_id().expect("a running child has a pid");
        // SAFETY: kill(2) with a pid we spawned and a valid signal number.
        let sent = unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
        assert_eq!(sent, 0, "SIGKILL {pid}");
        let status = self.wait_exit(Duration::from_secs(10));
        assert!(!status.success(), "killed, not exited: {status:?}");
    }

    /// Waits for the process to end; panics (after killing it) past `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll child") {
                return status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "still running after {timeout:?}; the screen is:\n{}",
                    self.screen()
                );
            }
            thread::sleep(TICK);
        }
    }
}

/// `kith args` in `cwd`, with no colour and the user's config and data kept
/// out of the test.
fn command(args: &[&str], cwd: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kith"));
    cmd.args(args);
    cmd.cwd(cwd);
    cmd.env("TERM", "xterm-256color");
    // Not the CLI helpers' seed: a TUI and a `kith` beside it are two machines' worth of ids.
    cmd.env("KITH_ID_SEED", "2");
    cmd.env("NO_COLOR", "1");
    cmd.env("XDG_CONFIG_HOME", cwd.join("config"));
    cmd.env("XDG_DATA_HOME", cwd.join("data"));
    cmd.env("HOME", cwd);
    cmd
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
