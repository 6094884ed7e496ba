//! CSV rows with their line numbers, and columns found by header name: what the
//! LinkedIn and Google readers share.

use std::collections::HashMap;

/// One CSV row: the line it starts on, and its fields, trimmed.
pub(super) struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.is_empty())
    }
}

/// Every row of `text`, however many fields each has. Quoted fields may hold
/// commas, doubled quotes and line breaks (a CRLF inside a field becomes LF).
pub(super) fn rows(text: &str) -> impl Iterator<Item = Result<Row, (usize, String)>> + '_ {
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The csv crate does not count line breaks inside quoted fields, so lines
    // are counted here from each record's byte offset, in one forward pass.
    let mut lines = LineCounter {
        text: text.as_bytes(),
        byte: 0,
        line: 1,
    };
    reader.into_records().map(move |r| match r {
        Ok(rec) => Ok(Row {
            line: rec.position().map_or(0, |p| lines.at(p.byte())),
            fields: rec.iter().map(|f| f.trim().replace("\r\n", "\n")).collect(),
        }),
        Err(e) => Err((
            e.position().map_or(0, |p| lines.at(p.byte())),
            e.to_string(),
        )),
    })
}

struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: usize,
}

impl LineCounter<'_> {
    /// The line of the record starting at byte `at` (the reader's offset may
    /// sit on the line break before it, or on skipped blank lines); offsets
    /// never go backwards.
    fn at(&mut self, at: u64) -> usize {
        let mut at = (at as usize).min(self.text.len());
        while at < self.text.len() && matches!(self.text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at > self.byte {
            self.line += self.text[self.byte..at]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.byte = at;
        }
        self.line
    }
}

/// Column positions by header name.
pub(super) struct Columns {
    by_name: HashMap<String, usize>,
    pub names: Vec<String>,
}

impl Columns {
    pub fn new(header: &[String]) -> Columns {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let mut by_name = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            by_name.entry(n.to_ascii_lowercase()).or_insert(i);
        }
        Columns { by_name, names }
    }

    pub fn has(&self, name: &str) -> bool {
        self.by_name.contains_key(&name.to_ascii_lowercase())
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.by_name.get(&name.to_ascii_lowercase()).copied()
    }

    /// The field under `name` in `row`, if the column exists and is not empty.
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> Option<&'r str> {
        self.index(name)
            .and_then(|i| row.fields.get(i))
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Indices of the columns whose name starts with `prefix` and ends with
    /// `suffix` (`E-mail 1 - Value`, `E-mail 2 - Value`, …), in file order.
    pub fn numbered(&self, prefix: &str, suffix: &str) -> Vec<usize> {
        self.names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.starts_with(prefix) && n.ends_with(suffix))
            .map(|(i, _)| i)
            .collect()
    }
}
