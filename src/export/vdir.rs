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

use super::vcard::card;
use crate::model::Book;
use crate::store::vdir_state::{State, Written, fingerprint};
use crate::vcard::fields::{card_uid, uid_of};

/// What a vdir export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VdirReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: Vec<PathBuf>,
    /// Cards changed elsewhere since kith wrote them, left as they are until
    /// an import reads them (the person's name and the file).
    pub changed_elsewhere: Vec<(String, PathBuf)>,
    /// Cards deleted elsewhere since kith wrote them, not written again
    /// (an import archives the person).
    pub deleted_elsewhere: Vec<String>,
}

/// A card file found in the folder.
struct Found {
    path: PathBuf,
    by_kith: bool,
    fingerprint: String,
}

/// Writes the book into `dir` as a vdir (creating the folder): everyone but
/// the archived, three-way against what kith last wrote there (see
/// [`crate::store::vdir_state`]): a card changed or deleted elsewhere since is left
/// for an import to read, never overwritten; a card that says what the book
/// says is not rewritten; the state is saved only when something changed.
pub fn write(book: &Book, dir: &Path) -> io::Result<VdirReport> {
    crate::store::make_private_dir(dir)?;
    let found = scan(dir)?;
    let mut state = State::load(dir)?.unwrap_or_default();
    let before = state.clone();
    let mut report = VdirReport::default();
    let mut live: HashSet<String> = HashSet::with_capacity(book.people.len());
    let mut taken: HashSet<PathBuf> = found.values().map(|f| f.path.clone()).collect();
    for p in book.people.iter().filter(|p| !p.archived) {
        let uid = uid_of(p);
        let mut text = String::new();
        card(&mut text, p, book);
        live.insert(uid.clone());
        let path = match (state.cards.get(&uid), found.get(&uid)) {
            (Some(_), None) => {
                report.deleted_elsewhere.push(p.name.clone());
                continue;
            }
            (Some(w), Some(f)) if w.fingerprint != f.fingerprint => {
                report
                    .changed_elsewhere
                    .push((p.name.clone(), f.path.clone()));
                continue;
            }
            (Some(w), Some(f)) => {
                if same_card(&w.card, &text) {
                    report.unchanged += 1;
                    continue;
                }
                f.path.clone()
            }
            (None, Some(f)) => {
                // A card with this UID kith has no record of writing (a vdir
                // from before the state, or synced from elsewhere): kept when
                // it says what the book says.
                let now = fs::read(&f.path)?;
                if same_card(&String::from_utf8_lossy(&now), &text) {
                    state.cards.insert(
                        uid,
                        Written {
                            file: file_name(&f.path),
                            fingerprint: f.fingerprint.clone(),
                            card: String::from_utf8_lossy(&now).into_owned(),
                        },
                    );
                    report.unchanged += 1;
                    continue;
                }
                f.path.clone()
            }
            (None, None) => free_path(dir, &uid, &mut taken),
        };
        write_atomically(&path, text.as_bytes())?;
        report.written += 1;
        state.cards.insert(
            uid,
            Written {
                file: file_name(&path),
                fingerprint: fingerprint(text.as_bytes()),
                card: text,
            },
        );
    }
    for (uid, f) in &found {
        if live.contains(uid) || !(f.by_kith || state.cards.contains_key(uid)) {
            continue;
        }
        if let Some(w) = state.cards.get(uid)
            && w.fingerprint != f.fingerprint
        {
            report.changed_elsewhere.push((uid.clone(), f.path.clone()));
            continue;
        }
        fs::remove_file(&f.path)?;
        state.cards.remove(uid);
        report.removed.push(f.path.clone());
    }
    // Records of cards gone from the folder whose person is not exported
    // (archived, deleted) are done with.
    state
        .cards
        .retain(|uid, _| live.contains(uid) || found.contains_key(uid));
    report.removed.sort();
    if state != before {
        state.version = 1;
        state.save(dir)?;
    }
    Ok(report)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
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
        let Some((uid, by_kith)) = card_uid(&bytes) else {
            continue;
        };
        let fingerprint = fingerprint(&bytes);
        found.insert(
            uid,
            Found {
                path,
                by_kith,
                fingerprint,
            },
        );
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

/// Two cards say the same: the same person once read (kept lines in any
/// order), whatever the VERSION, line order, folding or line ends.
pub fn same_card(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let read = |t: &str| {
        let parsed = crate::import::vcard::parse(t).ok()?;
        let [record] = parsed.records.as_slice() else {
            return None;
        };
        let mut p = record.person.clone();
        p.vcard.sort();
        Some(p)
    };
    match (read(a), read(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
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
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "the card and kith's state: {names:?}");
    }
}
