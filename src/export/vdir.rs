//! A vdir (what khard and vdirsyncer keep): one `.vcf` per person in a folder.
//! A person's card goes where a card with their UID already is (vdirsyncer
//! names files its own way), else into `UID.vcf`. A file is rewritten only when
//! its text changes, so a sync moves only what changed. A file is removed only
//! when kith wrote it (its `PRODID`) and its UID is no one's in the book any
//! more: a user's other files, and cards made elsewhere, are never touched.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::vcard::{PRODID, card, uid_of};
use crate::model::Book;

/// What a vdir export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VdirReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: Vec<PathBuf>,
}

/// A card file found in the folder.
struct Found {
    path: PathBuf,
    by_kith: bool,
}

/// Writes the book into `dir` as a vdir (creating the folder).
pub fn write(book: &Book, dir: &Path) -> io::Result<VdirReport> {
    crate::store::make_private_dir(dir)?;
    let found = scan(dir)?;
    let mut report = VdirReport::default();
    let mut live: HashSet<String> = HashSet::with_capacity(book.people.len());
    let mut taken: HashSet<PathBuf> = found.values().map(|f| f.path.clone()).collect();
    let mut text = String::new();
    for p in &book.people {
        let uid = uid_of(p);
        text.clear();
        card(&mut text, p);
        let path = match found.get(&uid) {
            Some(f) => f.path.clone(),
            None => free_path(dir, &uid, &mut taken),
        };
        live.insert(uid);
        let is_file = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        if is_file && fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            report.unchanged += 1;
            continue;
        }
        write_atomically(&path, text.as_bytes())?;
        report.written += 1;
    }
    for (uid, f) in found {
        if f.by_kith && !live.contains(&uid) {
            fs::remove_file(&f.path)?;
            report.removed.push(f.path);
        }
    }
    report.removed.sort();
    Ok(report)
}

/// The `.vcf` files directly in `dir` (regular files, not links) that hold
/// exactly one card, by UID.
fn scan(dir: &Path) -> io::Result<HashMap<String, Found>> {
    let mut found = HashMap::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let is_vcf = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("vcf"));
        if !is_vcf || !entry.file_type()?.is_file() {
            continue;
        }
        let Ok(bytes) = fs::read(&path) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let mut uids = Vec::new();
        let mut by_kith = false;
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            let name_end = line.find([':', ';']).unwrap_or(line.len());
            let name = line[..name_end].rsplit('.').next().unwrap_or("");
            if name.eq_ignore_ascii_case("UID") {
                uids.push(line[name_end..].trim_start_matches([':', ';']).to_string());
            } else if line == PRODID {
                by_kith = true;
            }
        }
        let cards = text
            .lines()
            .filter(|l| l.trim().to_ascii_uppercase().ends_with("BEGIN:VCARD"))
            .count();
        if let ([uid], 1) = (uids.as_slice(), cards) {
            // An escaped UID (`\,`) is kith's own writing: undo it.
            let uid = uid
                .replace("\\,", ",")
                .replace("\\;", ";")
                .replace("\\\\", "\\");
            found.insert(uid, Found { path, by_kith });
        }
    }
    Ok(found)
}

/// `dir/UID.vcf`, the UID made safe as a file name, and not yet taken.
fn free_path(dir: &Path, uid: &str, taken: &mut HashSet<PathBuf>) -> PathBuf {
    let safe: String = uid
        .chars()
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() || "@-_.+".contains(c) => c,
            _ => '_',
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    let safe = if safe.is_empty() { "card" } else { safe };
    let mut path = dir.join(format!("{safe}.vcf"));
    let mut n = 1;
    while taken.contains(&path) || fs::symlink_metadata(&path).is_ok() {
        n += 1;
        path = dir.join(format!("{safe}-{n}.vcf"));
    }
    taken.insert(path.clone());
    path
}

/// Writes beside the target and renames over it, so a reader (vdirsyncer)
/// never sees half a card: a private temp file made anew (never through a
/// link at its name), a new card 0600, a card already there keeps its mode.
/// No fsync per card: ten thousand would take seconds, and a card lost to a
/// crash is written again by the next export.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::store::write_own(path, bytes, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Op, Person, PersonId};

    #[test]
    fn writes_rewrites_only_changes_and_removes_only_its_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = Book::default();
        for name in ["Ana", "Bo"] {
            Op::AddPerson(Person::new(PersonId(0), name))
                .apply(&mut book)
                .unwrap();
        }
        let foreign = dir.path().join("phone-card.vcf");
        fs::write(&foreign, "BEGIN:VCARD\r\nUID:xyz\r\nFN:Cy\r\nEND:VCARD\r\n").unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let r = write(&book, dir.path()).unwrap();
        assert_eq!((r.written, r.unchanged), (2, 0));
        assert!(dir.path().join("p1@kith.vcf").exists());
        let r = write(&book, dir.path()).unwrap();
        assert_eq!(
            (r.written, r.unchanged),
            (0, 2),
            "nothing changed, nothing written"
        );
        Op::DeletePerson(PersonId(2)).apply(&mut book).unwrap();
        let r = write(&book, dir.path()).unwrap();
        assert_eq!(r.removed, vec![dir.path().join("p2@kith.vcf")]);
        assert!(foreign.exists() && dir.path().join("notes.txt").exists());
    }

    #[test]
    fn a_card_goes_where_its_uid_already_is() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = Book::default();
        let mut ana = Person::new(PersonId(0), "Ana");
        ana.uids = vec!["abc/1".into()];
        Op::AddPerson(ana).apply(&mut book).unwrap();
        let synced = dir.path().join("8f3e.vcf");
        fs::write(
            &synced,
            "BEGIN:VCARD\r\nUID:abc/1\r\nFN:Old\r\nEND:VCARD\r\n",
        )
        .unwrap();
        let r = write(&book, dir.path()).unwrap();
        assert_eq!(r.written, 1);
        assert!(fs::read_to_string(&synced).unwrap().contains("FN:Ana"));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
