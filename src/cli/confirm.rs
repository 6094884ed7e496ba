//! The one yes/no question the command line asks before a change it cannot
//! take back by itself (an undo, a delete).

use anyhow::Result;
use std::io::{BufRead, IsTerminal, Write};

use super::BadInput;

/// True when the user said yes: `--yes` given, or `y` typed at `question`
/// on a terminal. Off a terminal without `--yes` it is bad input that says
/// what is needed (a script cannot answer).
pub fn confirm(yes: bool, question: &str) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(BadInput(format!(
            "not on a terminal to ask \"{question}\": --yes does it without asking"
        ))
        .into());
    }
    print!("{} [y/N] ", kith::text::visible(question));
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
