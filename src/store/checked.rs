//! What a save wrote, by content: the length and a 64-bit fingerprint of
//! the file's bytes, recorded in the lock file after every save. A file whose
//! bytes still have that fingerprint is the very text this kith checked and
//! wrote, so a capture may add to it without reading and checking every
//! entry again ([`super::adding`]). Any other writer — an editor, git,
//! Syncthing, an older kith — changes the bytes (or wipes the record), and
//! the next change reads the whole book as before.
//!
//! The fingerprint guards against accidents, not an adversary (who could
//! write the book itself): each 8-byte word goes through a bijective step of
//! one of four lanes, so a change confined to one word always changes it,
//! and other changes collide with odds near 2⁻⁶⁴.

/// The fingerprint of one text, and the kith that checked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Checked {
    len: u64,
    hash: u64,
}

/// The record's first word, then the kith version that wrote it: another
/// version's rules (or format) may differ, so its record is not trusted.
const KEY: &str = "checked ";
const VERSION: &str = env!("CARGO_PKG_VERSION");

impl Checked {
    /// The fingerprint of the text made of `parts` in order (where they are
    /// cut does not matter).
    pub(super) fn of(parts: &[&[u8]]) -> Checked {
        let mut hasher = Hasher::default();
        for part in parts {
            hasher.write(part);
        }
        hasher.finish()
    }

    /// The lock file's line for it.
    pub(super) fn line(&self) -> String {
        format!("{KEY}{VERSION} {} {:016x}\n", self.len, self.hash)
    }

    /// The record in a lock file's text, if it has one from this kith.
    pub(super) fn from_record(text: &str) -> Option<Checked> {
        let rest = text.lines().find_map(|l| l.strip_prefix(KEY))?;
        let mut words = rest.split(' ');
        if words.next()? != VERSION {
            return None;
        }
        let len = words.next()?.parse().ok()?;
        let hash = u64::from_str_radix(words.next()?, 16).ok()?;
        words.next().is_none().then_some(Checked { len, hash })
    }
}

const K: [u64; 4] = [
    0x9e37_79b9_7f4a_7c15,
    0xc2b2_ae3d_27d4_eb4f,
    0x1656_67b1_9e37_79f9,
    0xd6e8_feb8_6659_fd93,
];

/// Four lanes, each `h = (rotl(h, 23) ^ word) * K` (odd `K`: a bijection of
/// `h` for a given word, and of the word for a given `h`), fed 8-byte words
/// in turn; bytes that do not fill a word wait for the next part.
#[derive(Default)]
pub(super) struct Hasher {
    lanes: [u64; 4],
    /// Which lane takes the next word.
    next: usize,
    carry: [u8; 8],
    carried: usize,
    len: u64,
}

impl Hasher {
    pub(super) fn write(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.carried > 0 {
            let take = (8 - self.carried).min(bytes.len());
            self.carry[self.carried..self.carried + take].copy_from_slice(&bytes[..take]);
            self.carried += take;
            bytes = &bytes[take..];
            if self.carried < 8 {
                return;
            }
            self.word(u64::from_le_bytes(self.carry));
            self.carried = 0;
        }
        // Four words at a time, one per lane, while the lanes are in step.
        while self.next != 0 && bytes.len() >= 8 {
            self.word(u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes")));
            bytes = &bytes[8..];
        }
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            for (lane, k) in K.iter().enumerate() {
                let at = lane * 8;
                let word = u64::from_le_bytes(block[at..at + 8].try_into().expect("8 bytes"));
                self.lanes[lane] = (self.lanes[lane].rotate_left(23) ^ word).wrapping_mul(*k);
            }
        }
        let mut words = blocks.remainder().chunks_exact(8);
        for word in &mut words {
            self.word(u64::from_le_bytes(word.try_into().expect("8 bytes")));
        }
        let rest = words.remainder();
        self.carry[..rest.len()].copy_from_slice(rest);
        self.carried = rest.len();
    }

    fn word(&mut self, word: u64) {
        let lane = self.next;
        self.lanes[lane] = (self.lanes[lane].rotate_left(23) ^ word).wrapping_mul(K[lane]);
        self.next = (lane + 1) % 4;
    }

    pub(super) fn finish(mut self) -> Checked {
        if self.carried > 0 {
            let mut last = [0u8; 8];
            last[..self.carried].copy_from_slice(&self.carry[..self.carried]);
            // The count of trailing bytes tells "ab" from "ab\0".
            last[7] ^= 0x80 | self.carried as u8;
            self.word(u64::from_le_bytes(last));
        }
        let mut hash = self.len.wrapping_mul(K[3]);
        for (lane, k) in self.lanes.iter().zip(K) {
            hash = (hash.rotate_left(31) ^ lane).wrapping_mul(k);
        }
        hash ^= hash >> 29;
        Checked {
            len: self.len,
            hash,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_the_parts_are_cut_does_not_matter() {
        let text: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = Checked::of(&[&text]);
        for cut in [0, 1, 7, 8, 9, 31, 32, 33, 100, 999, 1000] {
            for second in [cut, (cut + 13).min(1000), 1000] {
                let parts = [&text[..cut], &text[cut..second], &text[second..]];
                assert_eq!(Checked::of(&parts), whole, "cut at {cut} and {second}");
            }
        }
    }

    #[test]
    fn any_one_changed_byte_or_length_changes_it() {
        let text: Vec<u8> =
            b"(\n  version: 3,\n  people: [\n    (id: 1, name: \"Ana\"),\n  ],\n)\n".repeat(3);
        let whole = Checked::of(&[&text]);
        for at in 0..text.len() {
            let mut changed = text.clone();
            changed[at] ^= 0x20;
            assert_ne!(Checked::of(&[&changed]), whole, "byte {at}");
        }
        assert_ne!(Checked::of(&[&text[..text.len() - 1]]), whole);
        let mut longer = text.clone();
        longer.push(0);
        assert_ne!(Checked::of(&[&longer]), whole);
        // Two words swapped between lanes.
        let mut swapped = text.clone();
        swapped.swap(0, 8);
        assert_ne!(Checked::of(&[&swapped]), whole);
    }

    #[test]
    fn the_record_reads_back_only_from_this_kith() {
        let checked = Checked::of(&[b"a book"]);
        let record = format!("next_person_id 3\nnext_entry_id 4\n{}", checked.line());
        assert_eq!(Checked::from_record(&record), Some(checked));
        let other = record.replace(VERSION, "0.0.0-other");
        assert_eq!(Checked::from_record(&other), None);
        assert_eq!(Checked::from_record("next_person_id 3\n"), None);
        let cut = &record[..record.len() - 5];
        assert_ne!(Checked::from_record(cut), Some(checked));
    }
}
