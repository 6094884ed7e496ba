//! The text the fast writer writes into, with ron's spelling of each
//! value, and (in a splice) the runs of the old text it takes instead.

use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// The text being written, with ron's spelling of each value. In a splice,
/// runs of the old text stand in for what they already hold: `runs` says
/// where in `text` each goes, and what is pushed right after a run that the
/// old text has there too only lengthens it.
pub(in crate::store) struct Out<'a> {
    pub(super) text: String,
    old: &'a str,
    /// (where in `text`, which bytes of `old`), in order.
    runs: Vec<(usize, std::ops::Range<usize>)>,
}

impl<'a> Out<'a> {
    pub(super) fn new(capacity: usize) -> Out<'static> {
        Out {
            text: String::with_capacity(capacity),
            old: "",
            runs: Vec::new(),
        }
    }

    /// Writing over `old`, from which [`Out::take`] copies runs.
    pub(in crate::store) fn over(old: &'a str, capacity: usize) -> Out<'a> {
        Out {
            text: String::with_capacity(capacity),
            old,
            runs: Vec::new(),
        }
    }

    /// The bytes `range` of the old text, next.
    pub(in crate::store) fn take(&mut self, range: std::ops::Range<usize>) {
        match self.runs.last_mut() {
            Some((at, run)) if *at == self.text.len() && run.end == range.start => {
                run.end = range.end;
            }
            _ => self.runs.push((self.text.len(), range)),
        }
    }

    /// The text in order: what was written, with the runs of the old text
    /// where they go.
    pub(in crate::store) fn parts(&self) -> Vec<&[u8]> {
        let mut parts = Vec::with_capacity(2 * self.runs.len() + 1);
        let mut from = 0;
        for (at, run) in &self.runs {
            parts.push(&self.text.as_bytes()[from..*at]);
            parts.push(&self.old.as_bytes()[run.clone()]);
            from = *at;
        }
        parts.push(&self.text.as_bytes()[from..]);
        parts
    }

    pub(super) fn push(&mut self, s: &str) {
        if let Some((at, run)) = self.runs.last_mut()
            && *at == self.text.len()
            && self.old.as_bytes()[run.end..].starts_with(s.as_bytes())
        {
            run.end += s.len();
            return;
        }
        self.text.push_str(s);
    }

    pub(super) fn u32(&mut self, mut n: u32) {
        let mut digits = [0u8; 10];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            self.text.push(char::from(d));
        }
    }

    /// A record id: a number, or a drawn code in quotes (as its `Serialize` writes it).
    pub(super) fn id(&mut self, n: u64) {
        if crate::model::id::is_code(n) {
            self.text.push('"');
            crate::model::id::write(n, &mut self.text).expect("writing to a String");
            self.text.push('"');
        } else {
            self.u32(n as u32);
        }
    }

    /// `"YYYY-MM-DD"`, as chrono displays a date.
    pub(super) fn date(&mut self, date: NaiveDate) {
        let year = date.year();
        if !(0..=9999).contains(&year) {
            write!(self.text, "\"{date}\"").expect("writing to a String");
            return;
        }
        let mut b = *b"\"0000-00-00\"";
        let mut put = |at: usize, width: usize, mut n: u32| {
            for i in (at..at + width).rev() {
                b[i] = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        put(1, 4, year as u32);
        put(6, 2, date.month());
        put(9, 2, date.day());
        self.text
            .push_str(std::str::from_utf8(&b).expect("ASCII digits"));
    }

    /// A quoted string escaped as ron escapes it: `char::escape_debug` on
    /// every character (not `str::escape_debug`, which spares combining marks
    /// after the first character).
    pub(super) fn string(&mut self, s: &str) {
        self.text.push('"');
        let bytes = s.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if matches!(b, b' '..=b'~') && !matches!(b, b'"' | b'\'' | b'\\') {
                    i += 1;
                    continue;
                }
                self.text.push_str(&s[run..i]);
                self.text.extend(char::from(b).escape_debug());
                i += 1;
                run = i;
                continue;
            }
            let c = s[i..].chars().next().expect("i is at a char boundary");
            let escaped = c.escape_debug();
            if escaped.len() > 1 {
                self.text.push_str(&s[run..i]);
                self.text.extend(escaped);
                run = i + c.len_utf8();
            }
            i += c.len_utf8();
        }
        self.text.push_str(&s[run..]);
        self.text.push('"');
    }

    /// `, name: ["a", "b"]`, or nothing for an empty list.
    pub(super) fn strings(&mut self, label: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.text.push_str(label);
        self.text.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.string(item);
        }
        self.text.push(']');
    }
}
