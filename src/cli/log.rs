//! `kith log LINE…`: the quick-capture line from the shell, or (`kith log -`)
//! one line after another from stdin.

use anyhow::Result;
use clap::Args;
use std::io::BufRead;
use std::process::ExitCode;

use kith::capture::{Capture, CaptureError, Parsed, Who, parse_spanned, preview};
use kith::model::{Book, EntryId, Op, OpError, PersonId};
use kith::store::Store;

use super::Setup;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// One capture line, quoted or not (the words are joined by spaces), e.g.
    /// @alice favor: reviewed her pitch deck -2d !+1w; `-` reads one line after another from stdin.
    #[arg(
        required = true,
        allow_hyphen_values = true,
        value_name = "LINE",
        add = clap_complete::ArgValueCompleter::new(super::complete::capture_word)
    )]
    line: Vec<String>,
    /// Add people named with @ who are not in the book yet.
    #[arg(long)]
    create: bool,
    /// Log a deed dated after today (refused without it: a deed is logged once done).
    #[arg(long)]
    future: bool,
}

impl LogArgs {
    /// The line's words take every word after them, options too (so a word
    /// like `-2d` is not taken for an option): `--create` and `--future` among
    /// them are the options, as they would be anywhere else. The capture
    /// grammar has no word starting with `--`.
    fn take_trailing_options(&mut self) {
        self.line.retain(|word| match word.as_str() {
            "--create" => {
                self.create = true;
                false
            }
            "--future" => {
                self.future = true;
                false
            }
            _ => true,
        });
    }
}

/// Saves the line's entry and prints it (`e12  2026-11-24  favor · gave · …`),
/// after a line per person `--create` added (`created p43  Zed Example`);
/// a bad line prints itself, a caret under the problem and what is wrong, and
/// exits 2 without writing. From stdin each line is one capture, saved or
/// refused on its own (a refused one is named by its line number); blank lines
/// are skipped, and any refused line makes the exit 2 once all are read.
pub fn run(setup: &Setup, mut a: LogArgs) -> Result<ExitCode> {
    a.take_trailing_options();
    if a.line != ["-"] {
        let line = a.line.join(" ");
        let logged = match log_added(setup, &a, &line)? {
            Some(logged) => logged,
            None => {
                let (mut store, mut book) = setup.open()?;
                log_one(setup, &a, &mut store, &mut book, &line, None)?
            }
        };
        return Ok(match logged {
            true => ExitCode::SUCCESS,
            false => ExitCode::from(2),
        });
    }
    let (mut store, mut book) = setup.open()?;
    let mut refused = 0;
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        if !log_one(setup, &a, &mut store, &mut book, &line, Some(n + 1))? {
            refused += 1;
        }
    }
    if refused > 0 {
        let lines = if refused == 1 { "line" } else { "lines" };
        errln!("kith: {refused} {lines} not logged");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// Logs one line; false when it was refused (what is wrong is printed,
/// after `kith: line N:` when it came from stdin).
fn log_one(
    setup: &Setup,
    a: &LogArgs,
    store: &mut Store,
    book: &mut Book,
    line: &str,
    number: Option<usize>,
) -> Result<bool> {
    let check = |book: &Book| check_line(setup, a, line, book);
    if !told(&check(book), line, number) {
        return Ok(false);
    }
    // Parsed again on the freshest book, under the lock, so new people get
    // ids nobody else took and names resolve against what is on disk.
    let mut made = Made::default();
    store.update(book, |fresh| made.op(check(fresh), fresh))?;
    made.print(book, setup);
    Ok(true)
}

/// [`log_one`] without reading the book's entries, when the file is the
/// one kith last saved ([`Store::open_to_add`]): the same lines printed, the
/// same file written. `None`, having printed and written nothing, when that
/// way declines and the book must be read whole.
fn log_added(setup: &Setup, a: &LogArgs, line: &str) -> Result<Option<bool>> {
    let Some((mut store, adding)) = Store::open_to_add(&setup.file, setup.today)? else {
        return Ok(None);
    };
    store.remember_undo(true);
    setup.tell_copies(&store);
    // The lock is held from here to the save: the line is read once.
    let checked = check_line(setup, a, line, adding.book());
    if !told(&checked, line, None) {
        return Ok(Some(false));
    }
    let mut made = Made::default();
    let Some((_, book)) = store.add(adding, |book| made.op(checked, book))? else {
        return Ok(None);
    };
    // Left for the process's end to take back, as `Setup::open` does.
    let book = std::mem::ManuallyDrop::new(book);
    made.print(&book, setup);
    Ok(Some(true))
}

/// The line read against `book`, with the checks the options ask for.
fn check_line(setup: &Setup, a: &LogArgs, line: &str, book: &Book) -> Result<Parsed, CaptureError> {
    let parsed = parse_spanned(line, setup.today, book, &setup.config.kinds())?;
    if !a.create {
        parsed.require_known()?;
    }
    if !a.future {
        parsed.require_confirmed()?;
    }
    Ok(parsed)
}

/// Prints what is wrong with the line (false), or the notes about
/// newcomers it adds (true).
fn told(checked: &Result<Parsed, CaptureError>, line: &str, number: Option<usize>) -> bool {
    match checked {
        Err(e) => {
            if let Some(n) = number {
                errln!("kith: line {n}:");
            }
            errln!("{}", e.caret(line));
            if e.needs_confirmation() {
                errln!("(--future logs it anyway)");
            }
            false
        }
        Ok(parsed) => {
            for (who, meant) in parsed.capture.people.iter().zip(&parsed.meant) {
                if let (Who::New(name), [(_, first), ..]) = (who, meant.as_slice()) {
                    errln!("kith: note: adding \"{name}\"; did you mean {first}?");
                }
            }
            true
        }
    }
}

/// What a capture's operation adds: its entry and the people it creates.
#[derive(Default)]
struct Made {
    id: Option<EntryId>,
    created: Vec<PersonId>,
}

impl Made {
    /// The operation of the line as `parsed` against `fresh`, the book it
    /// is applied to.
    fn op(&mut self, parsed: Result<Parsed, CaptureError>, fresh: &Book) -> Result<Op, OpError> {
        let parsed = parsed.map_err(|e| OpError::Rejected(e.to_string()))?;
        self.id = Some(fresh.next_entry_id());
        let op = parsed.capture.to_op(fresh);
        self.created = added_people(&op);
        Ok(op)
    }

    /// `created p43  Zed Example` for each newcomer, then the entry.
    fn print(&self, book: &Book, setup: &Setup) {
        for person in &self.created {
            outln!("created {person}  {}", book.name_of(*person));
        }
        let id = self.id.expect("an operation was made");
        let entry = book.entry(id).expect("the entry was just saved");
        let saved = preview(&Capture::from_entry(entry), book, setup.today);
        outln!("{id}  {}  {saved}", entry.date);
    }
}

/// The people `op` adds, in order.
fn added_people(op: &Op) -> Vec<PersonId> {
    match op {
        Op::AddPerson(person) => vec![person.id],
        Op::Batch(ops) => ops.iter().flat_map(added_people).collect(),
        _ => Vec::new(),
    }
}
