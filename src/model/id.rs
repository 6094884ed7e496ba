//! Record ids that two machines adding offline never both pick.
//!
//! A book from before several machines numbered its records `p1`, `p2` …
//! from a counter in the file, so two copies that each added a person both
//! made `p43`. Those numbers keep working (the file keeps every id it has),
//! but a new record takes a *code*: eight characters of Crockford's base 32
//! (digits and lower-case letters without `i l o u`), the first a letter so
//! a code never reads as a number — `pk7f3qa2x`, `em0x4vz9r`. A code is
//! drawn from the book's counter and a salt, random per process (the binary
//! sets it, see [`set_salt`]), so two machines draw from different sequences: two copies that each add a
//! thousand records collide with a chance of about one in a million, and a
//! merge that meets a collision anyway re-numbers one side.
//!
//! In the file a number stays a number (`id: 42`) and a code is a string
//! (`id: "k7f3qa2x"`); shown to people both take the prefix (`p42`,
//! `pk7f3qa2x`), and everything that reads an id accepts either, with or
//! without the prefix, in either case.

use std::fmt;
use std::sync::OnceLock;

/// Codes are stored above every number an old file can hold (`u32`).
const CODED: u64 = 1 << 40;
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// The letters of [`ALPHABET`]: what a code's first character is drawn from.
const LETTERS: &[u8; 22] = b"abcdefghjkmnpqrstvwxyz";
/// How many codes there are: a letter, then seven characters of 5 bits.
const CODES: u64 = 22 << 35;

/// Whether `n` is a code (rather than an old file's number).
pub(crate) fn is_code(n: u64) -> bool {
    n >= CODED
}

/// Writes `n` as a number or as a code, without prefix.
pub(crate) fn write(n: u64, f: &mut impl fmt::Write) -> fmt::Result {
    if !is_code(n) {
        return write!(f, "{n}");
    }
    for c in code_chars(n) {
        f.write_char(char::from(c))?;
    }
    Ok(())
}

fn code_chars(n: u64) -> [u8; 8] {
    let v = n - CODED;
    let mut out = [0u8; 8];
    out[0] = LETTERS[(v >> 35) as usize];
    for (i, c) in out[1..].iter_mut().enumerate() {
        *c = ALPHABET[((v >> (5 * (6 - i))) & 31) as usize];
    }
    out
}

/// Reads a number (at most `u32`, as old files hold) or a code, without prefix.
pub(crate) fn parse(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if !b.is_empty() && b.iter().all(u8::is_ascii_digit) {
        return s.parse::<u32>().ok().map(u64::from);
    }
    if b.len() != 8 {
        return None;
    }
    let first = LETTERS
        .iter()
        .position(|&l| l == b[0].to_ascii_lowercase())?;
    let mut v = first as u64;
    for &c in &b[1..] {
        let c = c.to_ascii_lowercase();
        v = (v << 5) | ALPHABET.iter().position(|&a| a == c)? as u64;
    }
    Some(CODED + v)
}

/// The code for draw `attempt` of counter `counter` under `salt`: a stateless
/// mix (splitmix64), so the same three give the same code.
pub(crate) fn draw(salt: u64, counter: u64, attempt: u64) -> u64 {
    let mixed = mix(salt ^ mix(counter ^ mix(attempt.wrapping_add(0x5bd1_e995))));
    CODED + mixed % CODES
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A code made from a fingerprint rather than drawn: the same on every
/// machine, so a record two machines make from the same input (an inbox
/// line) is one record when their copies merge.
pub(crate) fn derived(fingerprint: u64) -> u64 {
    CODED + mix(fingerprint) % CODES
}

static SALT: OnceLock<u64> = OnceLock::new();

/// Sets, once for the whole process, the salt new ids are drawn with. The
/// binary sets a random one at start (or `KITH_ID_SEED`'s, for scripts and
/// tests); a later call changes nothing.
pub fn set_salt(salt: u64) {
    let _ = SALT.set(salt);
}

/// The salt [`set_salt`] set. Without one (the library on its own, as in
/// its unit tests) new records are numbered from the book's counter, as
/// before several machines: a book's own fixtures keep `p1`, `p2` ….
pub fn salt() -> Option<u64> {
    SALT.get().copied()
}

/// A salt no other process is likely to have: the standard library's random
/// hash keys (seeded by the OS), mixed with the time and the process id.
pub fn random_salt() -> u64 {
    use std::hash::BuildHasher;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    std::collections::hash_map::RandomState::new().hash_one((nanos, std::process::id()))
}

/// Implements display, parsing and the file's spelling for an id newtype.
macro_rules! record_id {
    ($ty:ident, $prefix:literal, $what:literal) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($prefix)?;
                $crate::model::id::write(self.0, f)
            }
        }

        impl $ty {
            #[doc = concat!("Parses `", $prefix, "42` or a code (`", $prefix, "k7f3qa2x`), with or without the prefix, in either case.")]
            pub fn parse(s: &str) -> Option<$ty> {
                let rest = s
                    .strip_prefix($prefix)
                    .or_else(|| s.strip_prefix(&$prefix.to_ascii_uppercase()))
                    .unwrap_or(s);
                $crate::model::id::parse(rest).map($ty)
            }

            /// Not yet given: an operation that adds the record picks one.
            pub fn is_unset(self) -> bool {
                self.0 == 0
            }

            /// Whether this is a drawn code rather than an old file's number.
            pub fn is_code(self) -> bool {
                $crate::model::id::is_code(self.0)
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if self.is_code() {
                    let mut code = String::with_capacity(8);
                    $crate::model::id::write(self.0, &mut code).expect("writing to a String");
                    s.serialize_str(&code)
                } else {
                    s.serialize_u32(self.0 as u32)
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                struct Visit;
                impl serde::de::Visitor<'_> for Visit {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!(
                            "a ",
                            $what,
                            " id: a number or an eight-character code"
                        ))
                    }
                    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<$ty, E> {
                        u32::try_from(n)
                            .map(|n| $ty(u64::from(n)))
                            .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(n), &self))
                    }
                    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<$ty, E> {
                        u32::try_from(n)
                            .map(|n| $ty(u64::from(n)))
                            .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(n), &self))
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$ty, E> {
                        $crate::model::id::parse(s)
                            .filter(|&n| $crate::model::id::is_code(n))
                            .map($ty)
                            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(s), &self))
                    }
                }
                d.deserialize_any(Visit)
            }
        }
    };
}
pub(crate) use record_id;

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(n: u64) -> String {
        let mut s = String::new();
        write(n, &mut s).unwrap();
        s
    }

    #[test]
    fn numbers_and_codes_read_back_as_written() {
        for n in [0, 1, 42, u64::from(u32::MAX)] {
            assert_eq!(parse(&shown(n)), Some(n));
        }
        for counter in 0..2000 {
            let code = draw(7, counter, 0);
            let text = shown(code);
            assert_eq!(text.len(), 8, "{text}");
            assert!(text.as_bytes()[0].is_ascii_lowercase(), "{text}");
            assert_eq!(parse(&text), Some(code));
            assert_eq!(parse(&text.to_uppercase()), Some(code));
        }
        assert_eq!(shown(CODED), "a0000000");
        assert_eq!(shown(CODED + CODES - 1), "zzzzzzzz");
    }

    #[test]
    fn what_is_not_an_id_is_refused() {
        for s in [
            "",
            "p",
            "pete",
            "1x",
            "a000000",
            "a00000000",
            "i0000000",
            "0a000000",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
        assert_eq!(parse("4294967296"), None, "past an old file's numbers");
    }

    #[test]
    fn codes_sort_like_their_text() {
        let mut codes: Vec<u64> = (0..500).map(|c| draw(3, c, 0)).collect();
        codes.sort_unstable();
        let texts: Vec<String> = codes.iter().map(|&c| shown(c)).collect();
        assert!(texts.is_sorted());
    }

    #[test]
    fn different_salts_draw_different_codes() {
        let a: std::collections::HashSet<u64> = (0..10_000).map(|c| draw(1, c, 0)).collect();
        let b: std::collections::HashSet<u64> = (0..10_000).map(|c| draw(2, c, 0)).collect();
        assert_eq!(a.len(), 10_000, "one salt never repeats itself here");
        assert_eq!(a.intersection(&b).count(), 0);
    }
}
