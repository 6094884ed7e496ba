//! `kith man`: the man page (roff, section 1). Its synopsis and options come
//! from the clap definitions `--help` reads; its commands are listed here
//! with what each does (no pointers to kith-add(1) pages that do not exist);
//! the TUI's keys come from the default keymap's tables, the very table the
//! hint line and `?` read, so the page cannot drift from the program.

use anyhow::Result;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

use kith::tui::keys::keymap::{Keymap, Table};

use super::Cli;

/// Prints the page on stdout (our own text: straight to stdout).
pub fn run() -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(page().as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The whole page.
pub fn page() -> String {
    let man = clap_mangen::Man::new(Cli::command());
    let mut head = Vec::new();
    // Title, NAME, SYNOPSIS, DESCRIPTION and OPTIONS as clap renders them.
    let rendered = (|| -> std::io::Result<()> {
        man.render_title(&mut head)?;
        man.render_name_section(&mut head)?;
        man.render_synopsis_section(&mut head)?;
        man.render_description_section(&mut head)?;
        man.render_options_section(&mut head)
    })();
    rendered.expect("writing to a Vec");
    let mut page = String::from_utf8_lossy(&head).into_owned();
    commands(&mut page);
    page.push_str(CAPTURE);
    keys(&mut page);
    page.push_str(REST);
    page
}

/// Text inside a line as roff: backslashes and hyphens escaped.
fn inline(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

/// Text as a line of roff: a line that starts with a dot or a quote is not
/// taken for a request.
fn roff(text: &str) -> String {
    let text = inline(text);
    match text.starts_with(['.', '\'']) {
        true => format!("\\&{text}"),
        false => text,
    }
}

fn commands(page: &mut String) {
    page.push_str(".SH COMMANDS\nWith no command, kith opens the terminal interface (see KEYS).\n");
    for sub in Cli::command().get_subcommands() {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        page.push_str(&format!(
            ".TP\n\\fBkith {}\\fR\n{}\n",
            inline(sub.get_name()),
            roff(&about)
        ));
    }
    page.push_str(".PP\nEach command's own options: \\fBkith COMMAND \\-\\-help\\fR.\n");
}

fn keys(page: &mut String) {
    page.push_str(
        ".SH KEYS\nThe default keys of the terminal interface, table by table (config.ron's \
         \\fBkeys\\fR patches them; \\fB?\\fR shows the keys in use).\n",
    );
    let keymap = Keymap::default();
    for table in Table::ALL {
        let rows = keymap.help_rows(*table);
        if rows.is_empty() {
            continue;
        }
        page.push_str(&format!(".SS {}\n", roff(table.title())));
        for (keys, help) in rows {
            page.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", inline(&keys), roff(help)));
        }
    }
}

const CAPTURE: &str = r#".SH CAPTURE GRAMMAR
One line in, one entry out: the same in the TUI's capture (\fBc\fR), in \fBkith log\fR and in the inbox files a phone writes.
.TP
\fB@name\fR
A person: a name, the start of one or of a word in it, a nickname, or an id (\fB@p42\fR); case and accents do not matter (\fB@jose\fR finds José). Two words: \fB@"Ana María"\fR or \fB@ana.maria\fR. Several mentions name several people. A name that finds nobody says whom it probably meant.
.TP
\fBkind:\fR
What happened: \fBcoffee: call: meeting: message: event:\fR (touches), \fBfavor: intro: help: gift: referral: collab: promise:\fR (deeds), or a kind of your own; any unique start works (\fBfav:\fR). \fB<kind:\fR you received it, \fB=kind:\fR mutual, \fB>kind:\fR or nothing: you gave it.
.TP
\fBdate\fR
\fBtoday yesterday tomorrow\fR, \fB\-2d +3d \-2w \-1m\fR, \fB2026\-11\-02\fR or a weekday (the last one): at the start or the end of the line.
.TP
\fB!date\fR
A follow\-up: \fB!+1w\fR, \fB!fri\fR, \fB!2026\-12\-01\fR.
.PP
Everything else is the summary. A deed needs one; a touch may go without (\fB@bob coffee:\fR). A backslash keeps a word as text (\fB\\sun\fR).
.PP
Examples:
.RS
.nf
@alice favor: reviewed her pitch deck \-2d !+1w
@bob <intro: introduced me to @carol
@"Ana María" =collab: wrote the grant together yesterday
@chloe promise: send the slides !fri
.fi
.RE
"#;

const REST: &str = r#".SH FILES
.TP
\fI~/.local/share/kith/kith.ron\fR
The book (the platform's data directory elsewhere), RON. \fB\-\-file\fR or \fBKITH_FILE\fR names another. Beside it: \fI.kith.ron.kith\-1\fR … \fI\-3\fR, rolling backups (\fBkith restore\fR); \fI.kith.ron.kith\-lock\fR, the lock every change takes; \fI.kith.ron.kith\-undo\fR, what \fBkith undo\fR takes back; \fIinbox/\fR, capture lines from other devices (\fBkith inbox\fR).
.TP
\fI~/.config/kith/config.ron\fR
The config (the platform's config directory elsewhere): review size, cadences by tag, your own kinds, your e\-mail addresses and offers, key bindings. \fB\-\-config\fR or \fBKITH_CONFIG\fR names another. Optional.
.SH ENVIRONMENT
.TP
\fBKITH_FILE\fR
The book, when \fB\-\-file\fR is not given.
.TP
\fBKITH_CONFIG\fR
The config, when \fB\-\-config\fR is not given.
.TP
\fBNO_COLOR\fR
Set and not empty: the terminal interface draws without colour.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor \fBE\fR in the interface and \fBkith edit NAME\fR open a person in (with arguments, e.g. \fBcode \-w\fR); \fBvi\fR when neither is set.
.TP
\fBCOMPLETE\fR
Set by the scripts \fBkith completions SHELL\fR prints: kith answers the shell with completions (names, tags and kinds from the book).
.SH EXIT STATUS
.TP
\fB0\fR
Done.
.TP
\fB1\fR
It failed, or found nothing (\fBkith find\fR with no match, \fBkith undo\fR with nothing to undo).
.TP
\fB2\fR
Bad input (an unknown name, a line that does not parse, a question a script cannot answer) or a data file that cannot be read; nothing was written.
.SH EXAMPLES
.TP
\fBkith\fR
Open the terminal interface; \fBr\fR reviews today, \fB/\fR finds, \fBc\fR captures, \fBu\fR undoes, \fB?\fR lists every key.
.TP
\fBkith log @chloe favor: sent the deck !+1w\fR
Log a favor from the shell (quoted or not), with a follow\-up in a week.
.TP
\fBkith log \- < notes.txt\fR
One capture a line from a file; each is reported.
.TP
\fBkith find rust mentor\fR
Whoever a few remembered words fit, best first.
.TP
\fBkith review \-\-print\fR
Today's review as text.
.TP
\fBkith edit ana\fR
Ana as RON in $EDITOR.
.TP
\fBkith undo\fR
Take back the last change a command made (shown first).
.TP
\fBkith \-\-demo\fR
Try everything on a copy of the demo book.
"#;
