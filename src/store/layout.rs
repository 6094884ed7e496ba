//! Where things are in the book's text: the line and column of a byte, where
//! each person and entry record starts, and the comments a save would drop.
//!
//! Only read when something needs a position (a problem to report) or when the
//! text is not in the canonical shape (comments), so the fast path never pays.

use std::collections::BTreeMap;

/// The line and column (both from 1, the column in characters, as ron counts
/// them) of byte `offset` of `text`.
pub fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let col = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    (line, col)
}

/// The book's top-level fields and records, by byte offset.
#[derive(Debug, Default)]
pub struct Layout {
    /// Each top-level field's name, where the name starts.
    pub fields: BTreeMap<String, usize>,
    /// Where each person record starts, in file order.
    pub people: Vec<usize>,
    /// Where each entry record starts, in file order.
    pub entries: Vec<usize>,
    /// Where each `//` or `/*` comment starts.
    pub comments: Vec<usize>,
}

impl Layout {
    /// Scans RON text, skipping strings (plain and raw), chars and comments.
    pub fn scan(text: &[u8]) -> Layout {
        let mut layout = Layout::default();
        let mut depth = 0usize;
        let mut key_next = false; // at depth 1: the next identifier is a field name
        let mut record_next = false; // at depth 2 in a list: the next token starts a record
        let mut field = String::new();
        let mut i = 0;
        while i < text.len() {
            let b = text[i];
            let start = i;
            i += 1;
            match b {
                b'/' if matches!(text.get(i), Some(b'/' | b'*')) => {
                    layout.comments.push(start);
                    i = skip_comment(text, start);
                    continue;
                }
                b' ' | b'\t' | b'\r' | b'\n' => continue,
                _ => {}
            }
            if depth == 2 && record_next && b != b']' {
                record_next = false;
                match field.as_str() {
                    "people" => layout.people.push(start),
                    "entries" => layout.entries.push(start),
                    _ => {}
                }
            }
            match b {
                b'"' => i = skip_string(text, i),
                b'\'' => i = skip_char(text, i),
                b'r' if raw_string_at(text, i) => i = skip_raw_string(text, i),
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    key_next = depth == 1;
                    record_next = depth == 2 && b == b'[';
                }
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                b',' if depth == 1 => key_next = true,
                b',' if depth == 2 => record_next = true,
                b if depth == 1 && key_next && (b.is_ascii_alphabetic() || b == b'_') => {
                    while text
                        .get(i)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                    {
                        i += 1;
                    }
                    key_next = false;
                    field = String::from_utf8_lossy(&text[start..i]).into_owned();
                    layout.fields.entry(field.clone()).or_insert(start);
                }
                _ => {}
            }
        }
        layout
    }
}

fn skip_comment(text: &[u8], start: usize) -> usize {
    if text[start + 1] == b'/' {
        return text[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |n| start + n);
    }
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < text.len() {
        match (text[i], text[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    text.len()
}

/// Past the closing quote of a string whose body starts at `i`.
fn skip_string(text: &[u8], mut i: usize) -> usize {
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

fn skip_char(text: &[u8], mut i: usize) -> usize {
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// After an `r`: `#`s then `"` (a raw string), not an identifier like `received`.
fn raw_string_at(text: &[u8], i: usize) -> bool {
    let hashes = text[i..].iter().take_while(|&&b| b == b'#').count();
    text.get(i + hashes) == Some(&b'"')
        && (i < 2 || !text[i - 2].is_ascii_alphanumeric() && text[i - 2] != b'_')
}

fn skip_raw_string(text: &[u8], i: usize) -> usize {
    let hashes = text[i..].iter().take_while(|&&b| b == b'#').count();
    let body = i + hashes + 1;
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    text[body..]
        .windows(close.len())
        .position(|w| w == close.as_slice())
        .map_or(text.len(), |n| body + n + close.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\nJosé x".as_bytes();
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, text.len() - 1), (2, 6));
    }

    #[test]
    fn records_are_found_in_any_layout_and_strings_do_not_confuse_it() {
        let text = br##"// mine
Book(
  version: 1,
  entries: [ ( id: 1, people: [1], summary: "a ( [ , \" //" ) ,
    (id: 2, summary: r#"x")"#) ],
  /* block */ people: [
    (id: 1, name: "Ana"),
    Person(id: 2, name: "B, (c)"),
  ],
)"##;
        let layout = Layout::scan(text);
        let at = |offsets: &[usize]| -> Vec<(usize, usize)> {
            offsets.iter().map(|&o| line_col(text, o)).collect()
        };
        assert_eq!(at(&layout.entries), vec![(4, 14), (5, 5)]);
        assert_eq!(at(&layout.people), vec![(7, 5), (8, 5)]);
        assert_eq!(at(&layout.comments), vec![(1, 1), (6, 3)]);
        assert_eq!(line_col(text, layout.fields["version"]), (3, 3));
    }
}
