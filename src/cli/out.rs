//! Everything the command line prints goes through here, because text from
//! the book is data, never terminal input: a name holding `ESC ]52;…` must
//! not set the clipboard when `kith show` prints it. Human-readable lines go
//! through [`kith::text::visible`], JSON through [`kith::text::json_visible`].
//! (`println!` and `eprintln!` are not used in `cli/` for that reason.)

/// `println!`, with control characters from the data shown, not sent.
macro_rules! outln {
    () => {
        println!()
    };
    ($($arg:tt)*) => {
        println!("{}", kith::text::visible(&format!($($arg)*)))
    };
}

/// `eprintln!`, with control characters from the data shown, not sent.
macro_rules! errln {
    ($($arg:tt)*) => {
        eprintln!("{}", kith::text::visible(&format!($($arg)*)))
    };
}

/// Prints a value as pretty JSON, escaping the C1 controls serde_json leaves raw.
pub fn json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    println!("{}", kith::text::json_visible(text));
    Ok(())
}
