//! Reading one line of the book: the values kith writes, exactly as it
//! writes them. Every method consumes what it recognises and returns `None`
//! on anything else, so the caller can leave the file to ron.

use chrono::NaiveDate;
use smallvec::SmallVec;
use std::borrow::Cow;

use crate::model::{Address, Direction, HowMet, Origin, People, PersonId};

use super::set_once;

/// A position in one line of the text.
pub(super) struct Cursor<'a> {
    text: &'a str,
    pub(super) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, pos: 0 }
    }

    pub(super) fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    pub(super) fn at(&self, byte: u8) -> bool {
        self.peek() == Some(byte)
    }

    pub(super) fn eat(&mut self, byte: u8) -> bool {
        let found = self.at(byte);
        self.pos += usize::from(found);
        found
    }

    pub(super) fn lit(&mut self, expected: &str) -> Option<()> {
        if self.text.as_bytes()[self.pos..].starts_with(expected.as_bytes()) {
            self.pos += expected.len();
            Some(())
        } else {
            None
        }
    }

    pub(super) fn ident(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        while bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    /// `name: value` pairs separated by `, ` up to and including `)`; `field`
    /// parses the value of the field it is given.
    pub(super) fn fields(
        &mut self,
        mut field: impl FnMut(&mut Self, &'a str) -> Option<()>,
    ) -> Option<()> {
        if self.eat(b')') {
            return Some(());
        }
        loop {
            let name = self.ident()?;
            self.lit(": ")?;
            field(self, name)?;
            if self.eat(b')') {
                return Some(());
            }
            self.lit(", ")?;
        }
    }

    /// A plain decimal `u32`: no sign, no leading zeros, no `_`, no overflow.
    pub(super) fn u32(&mut self) -> Option<u32> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut n: u32 = 0;
        while let Some(d) = bytes.get(self.pos).filter(|b| b.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
            self.pos += 1;
        }
        let len = self.pos - start;
        (len == 1 || (len > 1 && bytes[start] != b'0')).then_some(n)
    }

    /// A record id: an old file's number, or a drawn code in quotes.
    pub(super) fn id(&mut self) -> Option<u64> {
        if !self.eat(b'"') {
            return self.u32().map(u64::from);
        }
        let code = self.rest().get(..8)?;
        let n = crate::model::id::parse(code).filter(|&n| crate::model::id::is_code(n))?;
        // Written lower-case; anything else is ron's to read (and to position).
        if code.bytes().any(|b| b.is_ascii_uppercase()) {
            return None;
        }
        self.pos += 8;
        self.lit("\"")?;
        Some(n)
    }

    pub(super) fn bool(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    pub(super) fn direction(&mut self) -> Option<Direction> {
        match self.ident()? {
            "gave" => Some(Direction::Gave),
            "received" => Some(Direction::Received),
            "mutual" => Some(Direction::Mutual),
            _ => None,
        }
    }

    pub(super) fn origin(&mut self) -> Option<Origin> {
        match self.ident()? {
            "calendar" => Some(Origin::Calendar),
            "mail" => Some(Origin::Mail),
            _ => None,
        }
    }

    /// `"YYYY-MM-DD"`, and only that spelling.
    pub(super) fn date(&mut self) -> Option<NaiveDate> {
        let b = self.text.as_bytes().get(self.pos..self.pos + 12)?;
        let digits = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        if b[0] != b'"' || b[5] != b'-' || b[8] != b'-' || b[11] != b'"' {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(digits(1..5)? as i32, digits(6..8)?, digits(9..11)?)?;
        self.pos += 12;
        Some(date)
    }

    /// A `"…"` string with ron's escapes. A raw line break (a record spread
    /// over lines) or an escape the writer never produces gives up.
    pub(super) fn string(&mut self) -> Option<String> {
        self.text_of_string().map(Cow::into_owned)
    }

    /// [`Cursor::string`], borrowed from the line when it has no escape.
    pub(super) fn text_of_string(&mut self) -> Option<Cow<'a, str>> {
        self.lit("\"")?;
        let bytes = self.text.as_bytes();
        let mut out: Option<String> = None;
        let mut run = self.pos;
        loop {
            let i = run + memchr::memchr3(b'"', b'\\', b'\n', &bytes[run..])?;
            match bytes[i] {
                b'"' => {
                    let piece = &self.text[run..i];
                    self.pos = i + 1;
                    return Some(match out {
                        Some(mut s) => Cow::Owned((s.push_str(piece), s).1),
                        None => Cow::Borrowed(piece),
                    });
                }
                b'\\' => {
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..i]);
                    let (c, len) = unescape(&bytes[i + 1..])?;
                    s.push(c);
                    run = i + 1 + len;
                }
                _ => return None,
            }
        }
    }

    /// [`Cursor::strings`], each borrowed from the line when it has no
    /// escape.
    pub(super) fn texts_of_strings(&mut self) -> Option<SmallVec<[Cow<'a, str>; 2]>> {
        let mut out = SmallVec::new();
        self.list_items(|c| {
            out.push(c.text_of_string()?);
            Some(())
        })?;
        Some(out)
    }

    /// Passes over one value without keeping it: a string, a list or a
    /// tuple (with whatever they nest), or a bare word or number. `None` on
    /// anything else, or a line that ends inside the value.
    pub(super) fn skip_value(&mut self) -> Option<()> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut depth = 0usize;
        loop {
            match *bytes.get(self.pos)? {
                b'"' => {
                    self.pos += 1;
                    loop {
                        let i = self.pos + memchr::memchr2(b'"', b'\\', &bytes[self.pos..])?;
                        self.pos = i + 1;
                        if bytes[i] == b'"' {
                            break;
                        }
                        let (_, len) = unescape(&bytes[i + 1..])?;
                        self.pos += len;
                    }
                }
                b'[' | b'(' => {
                    depth += 1;
                    self.pos += 1;
                }
                b']' | b')' if depth > 0 => {
                    depth -= 1;
                    self.pos += 1;
                }
                // The end of the value (`,` or the record's `)`) at its own depth.
                b',' | b')' if depth == 0 => return (self.pos > start).then_some(()),
                b'\n' => return None,
                _ => self.pos += 1,
            }
        }
    }

    pub(super) fn strings(&mut self) -> Option<Vec<String>> {
        self.list(Self::string)
    }

    /// An entry's people: inline for one or two, sized once for more.
    pub(super) fn ids(&mut self) -> Option<People> {
        let list = self.rest().as_bytes();
        let len = memchr::memchr(b']', list)?;
        let ids = memchr::memchr_iter(b',', &list[..len]).count() + 1;
        let mut out = People::with_capacity(ids);
        self.list_items(|c| {
            out.push(PersonId(c.id()?));
            Some(())
        })?;
        Some(out)
    }

    /// `[]` or `[a, b, …]` on one line, in a `Vec` of just its length: a
    /// list grown from empty would hold room for four, and most of a
    /// person's lists (emails, tags, needs) hold one or two (10,000 people:
    /// 1.8 MB of a load).
    pub(super) fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut out = SmallVec::<[T; 4]>::new();
        self.list_items(|c| {
            out.push(item(c)?);
            Some(())
        })?;
        // Not `collect`, which makes room for four all the same.
        let mut list = Vec::with_capacity(out.len());
        list.extend(out);
        Some(list)
    }

    /// `[]` or `[a, b, …]` on one line, each item read by `item`.
    fn list_items(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.lit("[")?;
        if self.eat(b']') {
            return Some(());
        }
        loop {
            item(self)?;
            if self.eat(b']') {
                return Some(());
            }
            self.lit(", ")?;
        }
    }

    pub(super) fn address(&mut self) -> Option<Address> {
        self.lit("(")?;
        let mut a: [Option<String>; 6] = Default::default();
        self.fields(|c, field| {
            let at = match field {
                "label" => 0,
                "street" => 1,
                "locality" => 2,
                "region" => 3,
                "postal_code" => 4,
                "country" => 5,
                _ => return None,
            };
            set_once(&mut a[at], c.string()?)
        })?;
        let [label, street, locality, region, postal_code, country] =
            a.map(Option::unwrap_or_default);
        Some(Address {
            label,
            street,
            locality,
            region,
            postal_code,
            country,
        })
    }

    pub(super) fn how_met(&mut self) -> Option<HowMet> {
        self.lit("(")?;
        let mut context = None;
        let mut date = None;
        let mut introduced_by = None;
        self.fields(|c, field| {
            match field {
                "context" => set_once(&mut context, c.string()?)?,
                "date" => set_once(&mut date, c.date()?)?,
                "introduced_by" => set_once(&mut introduced_by, PersonId(c.id()?))?,
                _ => return None,
            }
            Some(())
        })?;
        Some(HowMet {
            context,
            date,
            introduced_by,
        })
    }
}

/// One escape after its `\`: the character and how many bytes it took.
/// The escapes `char::escape_debug` writes, decoded as ron decodes them.
fn unescape(after: &[u8]) -> Option<(char, usize)> {
    let simple = match *after.first()? {
        b'\'' => '\'',
        b'"' => '"',
        b'\\' => '\\',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'0' => '\0',
        b'u' => {
            if after.get(1) != Some(&b'{') {
                return None;
            }
            let digits = after[2..].iter().take(7).position(|&b| b == b'}')?;
            if digits == 0 || digits > 6 {
                return None;
            }
            let hex = std::str::from_utf8(&after[2..2 + digits]).ok()?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            return Some((c, 3 + digits));
        }
        _ => return None,
    };
    Some((simple, 1))
}
