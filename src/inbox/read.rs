//! Reading the inbox folder: every `*.txt` and `*.md` file in it is one
//! device's inbox. Only reads; kith never changes a device's file (the phone
//! owns it, so a sync tool never sees two writers).
//!
//! A file that is not text kith can read whole — over [`MAX_FILE`], not
//! UTF-8, holding NUL bytes — is skipped with a problem naming it (and the
//! line, where there is one), so a file is applied whole or not at all; a
//! line over [`MAX_LINE`] characters is skipped with its line number.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::line_key;

use super::line::split;

/// The largest device file read (1 MB): an inbox is lines typed by hand.
pub const MAX_FILE: u64 = 1 << 20;
/// The longest line taken as a capture, in characters.
pub const MAX_LINE: usize = 2_000;

/// One device's file, its captures in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    /// The file's name in the inbox (`phone.txt`).
    pub name: String,
    pub lines: Vec<DeviceLine>,
}

/// One capture line of a device's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceLine {
    /// 1-based, for messages.
    pub number: usize,
    /// The line's text, control characters taken out: what is kept in the
    /// book when it waits.
    pub text: String,
    /// The date the line starts with, if any.
    pub date: Option<chrono::NaiveDate>,
    /// The capture, after list markers and the date.
    pub capture: String,
    /// [`line_key`] of the line's date and capture and which occurrence of
    /// them this is in the file: a checkbox ticked in the app, or a file
    /// rewritten with the same lines, is still the same line.
    pub key: String,
}

/// Something in the inbox kith could not read, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(n) => write!(f, "{}:{n}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Every device file in `dir`, by name, and what could not be read. A
/// folder that is not there is an empty inbox.
pub fn read_dir(dir: &Path) -> (Vec<Device>, Vec<Problem>) {
    let mut devices = Vec::new();
    let mut problems = Vec::new();
    for path in device_files(dir) {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let shown = crate::text::visible(&name).into_owned();
        match read_device(&path, &shown) {
            Ok((lines, mut skipped)) => {
                problems.append(&mut skipped);
                devices.push(Device { name, lines });
            }
            Err(problem) => problems.push(problem),
        }
    }
    (devices, problems)
}

/// The `*.txt` and `*.md` regular files directly in `dir`, sorted by name.
pub fn device_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("txt") || x.eq_ignore_ascii_case("md"))
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                && fs::metadata(p).is_ok_and(|m| m.is_file())
        })
        .collect();
    files.sort();
    files
}

fn read_device(path: &Path, shown: &str) -> Result<(Vec<DeviceLine>, Vec<Problem>), Problem> {
    let problem = |line: Option<usize>, message: String| Problem {
        file: shown.to_string(),
        line,
        message,
    };
    let size = fs::metadata(path)
        .map_err(|e| problem(None, e.to_string()))?
        .len();
    if size > MAX_FILE {
        return Err(problem(
            None,
            format!(
                "{} KB, over the inbox's {} KB: not read (an inbox is lines typed by hand)",
                size / 1024,
                MAX_FILE / 1024
            ),
        ));
    }
    let bytes = fs::read(path).map_err(|e| problem(None, e.to_string()))?;
    let line_of = |at: usize| 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(problem(
            Some(line_of(at)),
            "a NUL byte: not a text file; not read".into(),
        ));
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(e) => {
            return Err(problem(
                Some(line_of(e.valid_up_to())),
                "not UTF-8 text; not read (save it as UTF-8)".into(),
            ));
        }
    };
    let mut lines = Vec::new();
    let mut skipped = Vec::new();
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let chars = raw.chars().count();
        if chars > MAX_LINE {
            skipped.push(problem(
                Some(number),
                format!("a line of {chars} characters, over {MAX_LINE}: not a capture; skipped"),
            ));
            continue;
        }
        let clean = crate::text::clean_line(raw);
        let Some(line) = split(&clean) else {
            continue;
        };
        let identity = match line.date {
            Some(day) => format!("{day} {}", line.capture),
            None => line.capture.to_string(),
        };
        let n = seen.entry(identity.clone()).or_insert(0);
        *n += 1;
        lines.push(DeviceLine {
            number,
            key: line_key(
                &path.file_name().unwrap_or_default().to_string_lossy(),
                &identity,
                *n,
            ),
            date: line.date,
            capture: line.capture.to_string(),
            text: clean.trim().to_string(),
        });
    }
    Ok((lines, skipped))
}
