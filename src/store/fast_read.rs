//! A reader for exactly the text [`super::serialize_book`] writes: the book's
//! fields one per line, then one person or entry per line. Anything else — a
//! comment, an unknown field, `Some(..)`, a record spread over several lines, a
//! raw string — makes it give up with `None`, and the caller falls back to ron,
//! which reads everything and reports errors with line and column. So whenever
//! this returns a book, ron would have returned the same book.
//!
//! The structs are built with full literals (no `..Default::default()`): a field
//! added to the model fails to compile here until this reader learns it.

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::IntoDeserializer;
use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::{
    Address, Birthday, Book, Direction, DismissedIntro, Entry, EntryId, HowMet, Kind, Origin,
    Person, PersonId,
};

/// The book in `bytes`, or `None` when they are not in the shape the writer
/// produces (or not a valid book at all). Never a partial book.
pub fn read_book(bytes: &[u8]) -> Option<Book> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut c = Cursor::new(text);
    c.lit("(\n")?;
    let mut version = None;
    let mut anchor = None;
    let mut next_person_id = None;
    let mut next_entry_id = None;
    let mut people = None;
    let mut entries = None;
    let mut merged = None;
    let mut dismissed_intros = None;
    let mut tail = None;
    while !c.at(b')') {
        let line = c.pos;
        c.lit("  ")?;
        let field = c.ident()?;
        c.lit(": ")?;
        match field {
            "version" => set_once(&mut version, c.u32()?)?,
            "anchor" => set_once(&mut anchor, c.date()?)?,
            "next_person_id" => set_once(&mut next_person_id, c.u32()?)?,
            "next_entry_id" => set_once(&mut next_entry_id, c.u32()?)?,
            "people" => set_once(&mut people, c.records(person)?)?,
            "entries" => set_once(&mut entries, c.records(entry)?)?,
            "merged" => set_once(&mut merged, c.merged()?)?,
            "dismissed_intros" => set_once(&mut dismissed_intros, c.records(dismissed)?)?,
            "review" | "inbox" | "touches" | "meetings" | "lineage" => {
                set_once(&mut tail, c.tail(line)?)?
            }
            _ => return None,
        }
        c.lit(",\n")?;
    }
    c.lit(")")?;
    if !matches!(c.rest(), "" | "\n") {
        return None;
    }
    let book = Book {
        version: version?,
        anchor,
        next_person_id: next_person_id.unwrap_or_default(),
        next_entry_id: next_entry_id.unwrap_or_default(),
        people: people.unwrap_or_default(),
        entries: entries.unwrap_or_default(),
        merged: merged.unwrap_or_default(),
        dismissed_intros: dismissed_intros.unwrap_or_default(),
        review: tail.as_ref().and_then(|t| t.review.clone()),
        inbox: tail.as_ref().map(|t| t.inbox.clone()).unwrap_or_default(),
        touches: tail.as_ref().map(|t| t.touches.clone()).unwrap_or_default(),
        meetings: tail
            .as_ref()
            .map(|t| t.meetings.clone())
            .unwrap_or_default(),
        lineage: tail.map(|t| t.lineage).unwrap_or_default(),
    };
    Some(book)
}

/// The fields after the records, read together by ron.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tail {
    #[serde(default)]
    review: Option<crate::model::ReviewProgress>,
    #[serde(default)]
    inbox: crate::model::Inbox,
    #[serde(default)]
    touches: crate::model::Logged,
    #[serde(default)]
    meetings: crate::model::Meetings,
    #[serde(default)]
    lineage: crate::model::Lineage,
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None, // serde refuses a duplicate field
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// The fields of one person, after its opening `(`, through its `)`.
fn person(c: &mut Cursor) -> Option<Person> {
    let mut id = None;
    let mut name = None;
    let mut nicknames = None;
    let mut org = None;
    let mut title = None;
    let mut emails = None;
    let mut phones = None;
    let mut addresses = None;
    let mut links = None;
    let mut tags = None;
    let mut met = None;
    let mut needs = None;
    let mut offers = None;
    let mut cadence = None;
    let mut birthday = None;
    let mut notes = None;
    let mut archived = None;
    let mut snoozed_until = None;
    let mut structured_name = None;
    let mut uids = None;
    let mut vcard = None;
    c.fields(|c, field| {
        match field {
            "id" => set_once(&mut id, PersonId(c.id()?))?,
            "name" => set_once(&mut name, c.string()?)?,
            "nicknames" => set_once(&mut nicknames, c.strings()?)?,
            "org" => set_once(&mut org, c.string()?)?,
            "title" => set_once(&mut title, c.string()?)?,
            "emails" => set_once(&mut emails, c.strings()?)?,
            "phones" => set_once(&mut phones, c.strings()?)?,
            "addresses" => set_once(&mut addresses, c.list(Cursor::address)?)?,
            "links" => set_once(&mut links, c.strings()?)?,
            "tags" => set_once(&mut tags, c.strings()?)?,
            "met" => set_once(&mut met, c.how_met()?)?,
            "needs" => set_once(&mut needs, c.strings()?)?,
            "offers" => set_once(&mut offers, c.strings()?)?,
            "cadence" => set_once(&mut cadence, c.u32()?)?,
            "birthday" => set_once(&mut birthday, c.string()?.parse::<Birthday>().ok()?)?,
            "notes" => set_once(&mut notes, c.string()?)?,
            "archived" => set_once(&mut archived, c.bool()?)?,
            "snoozed_until" => set_once(&mut snoozed_until, c.date()?)?,
            "structured_name" => set_once(&mut structured_name, c.string()?)?,
            "uids" => set_once(&mut uids, c.strings()?)?,
            "vcard" => set_once(&mut vcard, c.strings()?)?,
            _ => return None,
        }
        Some(())
    })?;
    Some(Person {
        id: id?,
        name: name?,
        nicknames: nicknames.unwrap_or_default(),
        org,
        title,
        emails: emails.unwrap_or_default(),
        phones: phones.unwrap_or_default(),
        addresses: addresses.unwrap_or_default(),
        links: links.unwrap_or_default(),
        tags: tags.unwrap_or_default(),
        met: met.unwrap_or_default(),
        needs: needs.unwrap_or_default(),
        offers: offers.unwrap_or_default(),
        cadence,
        birthday,
        notes: notes.unwrap_or_default(),
        archived: archived.unwrap_or_default(),
        snoozed_until,
        structured_name,
        uids: uids.unwrap_or_default(),
        vcard: vcard.unwrap_or_default(),
    })
}

/// One dismissed introduction, after its opening `(`, through its `)`.
fn dismissed(c: &mut Cursor) -> Option<DismissedIntro> {
    let mut person = None;
    let mut need = None;
    let mut candidate = None;
    c.fields(|c, field| {
        match field {
            "person" => set_once(&mut person, PersonId(c.id()?))?,
            "need" => set_once(&mut need, c.string()?)?,
            "candidate" => set_once(&mut candidate, PersonId(c.id()?))?,
            _ => return None,
        }
        Some(())
    })?;
    Some(DismissedIntro {
        person: person?,
        need: need?,
        candidate,
    })
}

/// The fields of one entry, after its opening `(`, through its `)`.
fn entry(c: &mut Cursor) -> Option<Entry> {
    let mut id = None;
    let mut date = None;
    let mut people = None;
    let mut kind = None;
    let mut direction = None;
    let mut summary = None;
    let mut follow_up = None;
    let mut done = None;
    let mut done_on = None;
    let mut released = None;
    let mut source = None;
    c.fields(|c, field| {
        match field {
            "id" => set_once(&mut id, EntryId(c.id()?))?,
            "date" => set_once(&mut date, c.date()?)?,
            "people" => set_once(&mut people, c.ids()?)?,
            "kind" => set_once(&mut kind, kind_of(c.string()?)?)?,
            "direction" => set_once(&mut direction, c.direction()?)?,
            "summary" => set_once(&mut summary, c.string()?)?,
            "follow_up" => set_once(&mut follow_up, c.date()?)?,
            "done" => set_once(&mut done, c.bool()?)?,
            "done_on" => set_once(&mut done_on, c.date()?)?,
            "released" => set_once(&mut released, c.string()?)?,
            "source" => set_once(&mut source, c.origin()?)?,
            _ => return None,
        }
        Some(())
    })?;
    Some(Entry {
        id: id?,
        date: date?,
        people: people?,
        kind: kind?,
        direction: direction.unwrap_or_default(),
        summary: summary?,
        follow_up,
        done: done.unwrap_or_default(),
        done_on,
        released,
        source,
    })
}

/// A kind exactly as stored (no case folding), the way serde builds it.
fn kind_of(name: String) -> Option<Kind> {
    Kind::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(name)).ok()
}

/// A position in the text. Every method consumes what it recognises and
/// returns `None` on anything else.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, pos: 0 }
    }

    /// The review progress and the lineage: the book's last fields, written
    /// by ron (see the writer), so read by ron too: from the line at `line`
    /// up to the book's closing `,\n)`.
    fn tail(&mut self, line: usize) -> Option<Tail> {
        self.pos = line;
        let len = self.rest().rfind(",\n)")?;
        let text = format!("(\n{},\n)", &self.rest()[..len]);
        let tail = super::ron_options().from_str(&text).ok()?;
        self.pos += len;
        Some(tail)
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn at(&self, byte: u8) -> bool {
        self.peek() == Some(byte)
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.at(byte);
        self.pos += usize::from(found);
        found
    }

    fn lit(&mut self, expected: &str) -> Option<()> {
        if self.text.as_bytes()[self.pos..].starts_with(expected.as_bytes()) {
            self.pos += expected.len();
            Some(())
        } else {
            None
        }
    }

    fn ident(&mut self) -> Option<&'a str> {
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
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
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
    fn u32(&mut self) -> Option<u32> {
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
    fn id(&mut self) -> Option<u64> {
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

    fn bool(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    fn direction(&mut self) -> Option<Direction> {
        match self.ident()? {
            "gave" => Some(Direction::Gave),
            "received" => Some(Direction::Received),
            "mutual" => Some(Direction::Mutual),
            _ => None,
        }
    }

    fn origin(&mut self) -> Option<Origin> {
        match self.ident()? {
            "calendar" => Some(Origin::Calendar),
            "mail" => Some(Origin::Mail),
            _ => None,
        }
    }

    /// `"YYYY-MM-DD"`, and only that spelling.
    fn date(&mut self) -> Option<NaiveDate> {
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
    fn string(&mut self) -> Option<String> {
        self.lit("\"")?;
        let bytes = self.text.as_bytes();
        let mut out: Option<String> = None;
        let mut run = self.pos;
        loop {
            let i = run
                + bytes[run..]
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\\' | b'\n'))?;
            match bytes[i] {
                b'"' => {
                    let piece = &self.text[run..i];
                    self.pos = i + 1;
                    return Some(match out {
                        Some(mut s) => (s.push_str(piece), s).1,
                        None => piece.to_owned(),
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

    fn strings(&mut self) -> Option<Vec<String>> {
        self.list(Self::string)
    }

    fn ids(&mut self) -> Option<Vec<PersonId>> {
        self.list(|c| c.id().map(PersonId))
    }

    /// `[]` or `[a, b, …]` on one line.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.lit("[")?;
        let mut out = Vec::new();
        if self.eat(b']') {
            return Some(out);
        }
        loop {
            out.push(item(self)?);
            if self.eat(b']') {
                return Some(out);
            }
            self.lit(", ")?;
        }
    }

    fn address(&mut self) -> Option<Address> {
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

    fn how_met(&mut self) -> Option<HowMet> {
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

    /// `[]`, or `[\n` then one record a line (`    (…),\n`) then `  ]`, read
    /// into a vector sized once (no list grows by copying).
    fn records<T>(&mut self, one: fn(&mut Cursor<'a>) -> Option<T>) -> Option<Vec<T>> {
        self.lit("[")?;
        if self.eat(b']') {
            return Some(Vec::new());
        }
        self.lit("\n")?;
        // One record a line, and no string holds a raw line break (see
        // `string`), so the list ends at the first line that starts `  ]`.
        let start = self.pos;
        let end = if self.rest().starts_with("  ]") {
            start
        } else {
            start + memchr::memmem::find(self.rest().as_bytes(), b"\n  ]")? + 1
        };
        let out = Cursor::new(self.text).lines(start..end, one)?;
        self.pos = end;
        self.lit("  ]")?;
        Some(out)
    }

    /// The records on the lines in `range` (whole lines); `None` unless
    /// they fill the lines exactly.
    fn lines<T>(
        mut self,
        range: Range<usize>,
        one: fn(&mut Cursor<'a>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let lines = memchr::memchr_iter(b'\n', &self.text.as_bytes()[range.clone()]).count();
        let mut out = Vec::with_capacity(lines);
        self.pos = range.start;
        while self.pos < range.end {
            self.lit("    (")?;
            out.push(one(&mut self)?);
            self.lit(",\n")?;
        }
        (self.pos == range.end).then_some(out)
    }

    /// `{}` or `{\n    k: v,\n … \n  }`; a repeated key replaces, as in ron.
    fn merged(&mut self) -> Option<BTreeMap<PersonId, PersonId>> {
        self.lit("{")?;
        let mut map = BTreeMap::new();
        if self.eat(b'}') {
            return Some(map);
        }
        self.lit("\n")?;
        while !self.rest().starts_with("  }") {
            self.lit("    ")?;
            let from = self.id()?;
            self.lit(": ")?;
            let to = self.id()?;
            self.lit(",\n")?;
            map.insert(PersonId(from), PersonId(to));
        }
        self.lit("  }")?;
        Some(map)
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
