//! A book read for a search of names, `kith find` and `kith query`: of its
//! people only those whose names could match, and of them only what such a
//! search reads and shows, every other field passed over without being
//! kept. 10,000 people's other fields (notes, needs, addresses…) were most
//! of a lookup's time, spent on strings it never looked at.
//!
//! Only a file whose bytes are the ones this kith last checked and wrote
//! (the lock file's record, [`super::checked`]) is read this way: it is
//! known to be valid as it stands, so nothing the reader passes over needs
//! checking. Any other file — another writer's, an older kith's, a demo's —
//! is read whole, and checked, by [`super::Store::open`].

use std::fs::File;
use std::path::Path;

use crate::model::{Book, FORMAT_VERSION};

use super::{disk, lock, names, pieces};

pub use super::fast_read::NamesKept;

/// A book with some of its people, who hold their id, name, nicknames, org,
/// e-mails and archived flag and nothing else; everything else in it read
/// whole. For reading only: it cannot be handed to a store to save.
pub struct NamesOnly {
    book: Book,
}

impl NamesOnly {
    /// The book at `path` with the people `keep` keeps (told from their
    /// name and nicknames, in that order), when its bytes are the ones this
    /// kith last checked and wrote; `None` otherwise (or when it cannot be
    /// read), for the caller to read it whole, which says what is wrong if
    /// anything is.
    pub fn read(path: &Path, keep: &NamesKept) -> Option<NamesOnly> {
        let target = disk::follow_link(path).ok()?;
        let checked = lock::read_checked_at(&names::lock_path(&target))?;
        let mut file = File::open(&target).ok()?;
        let (mut book, read) = pieces::read_names(&mut file, keep).ok()??;
        // A demo's book is shifted to today as it is read: read whole.
        if read != checked || book.version != FORMAT_VERSION || book.anchor.is_some() {
            return None;
        }
        book.normalize();
        Some(NamesOnly { book })
    }

    pub fn book(&self) -> &Book {
        &self.book
    }

    pub fn into_book(self) -> Book {
        self.book
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Kind, Op, Person, PersonId};
    use crate::store::Store;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        "2026-12-07".parse().unwrap()
    }

    /// A book of `n` people saved by kith: people with every field, and an
    /// entry.
    fn saved(dir: &Path, n: u64) -> (std::path::PathBuf, Book) {
        let path = dir.join("kith.ron");
        let (mut store, mut book) = Store::open(&path, today()).unwrap();
        let mut adds = Vec::new();
        for i in 0..n {
            let mut p = Person::new(PersonId(0), format!("Person {i} \"Ünal\" Ng"));
            p.nicknames = vec![format!("nick{i}")];
            p.org = (i % 3 == 0).then(|| format!("Org ({i}), \\ Ltd"));
            p.title = Some("Designer".into());
            p.emails = vec![format!("p{i}@x.test")];
            p.tags = vec!["a, b".into(), "c)".into()];
            p.needs = vec!["a [need] (x)".into()];
            p.notes = format!("line one\nline \"two\" 🚀 {}", "x".repeat(i as usize % 200));
            p.met.context = Some("RustConf".into());
            // Every other field, to be passed over.
            p.phones = vec!["+1 (555) 0100".into()];
            p.links = vec!["https://x.test/a?b=(c)".into()];
            p.addresses = vec![crate::model::Address {
                label: "home".into(),
                street: "1 \"Main\" St, (rear)".into(),
                country: "NZ".into(),
                ..Default::default()
            }];
            p.offers = vec!["intros]".into()];
            p.cadence = Some(30);
            p.birthday = "1990-05-01".parse().ok();
            p.snoozed_until = Some(today());
            p.structured_name = Some("Ng;Person;;;".into());
            p.uids = vec!["urn:uuid:1".into()];
            p.vcard = vec!["X-FOO;TYPE=a,b:c\\,d".into()];
            p.met.date = Some(today());
            p.archived = i % 50 == 0;
            adds.push(Op::AddPerson(p));
        }
        store.apply(&mut book, Op::Batch(adds)).unwrap();
        let who = book.people[7].id;
        let e = Entry::new(today(), vec![who], Kind::new("coffee"), "talk");
        store.apply(&mut book, Op::AddEntry(e)).unwrap();
        (path, book)
    }

    #[test]
    fn a_file_kith_wrote_reads_with_names_only_and_the_rest_whole() {
        // Small, and over several of the pieces a file is read in.
        for n in [300, 4_000] {
            let dir = tempfile::tempdir().unwrap();
            let (path, book) = saved(dir.path(), n);
            if n > 300 {
                assert!(std::fs::metadata(&path).unwrap().len() >= 4 * pieces::PIECE);
            }
            names_only_of(&path, &book);
            // Through a link to it: its lock file is the target's.
            #[cfg(unix)]
            {
                let link = dir.path().join("link.ron");
                std::os::unix::fs::symlink(&path, &link).unwrap();
                names_only_of(&link, &book);
            }
        }
    }

    fn names_only_of(path: &Path, book: &Book) {
        let names = NamesOnly::read(path, &|_| true).expect("kith wrote it");
        let got = names.book();
        assert_eq!(got.people.len(), book.people.len());
        for (g, w) in got.people.iter().zip(&book.people) {
            assert_eq!(
                (&g.id, &g.name, &g.nicknames, &g.org, &g.emails, g.archived),
                (&w.id, &w.name, &w.nicknames, &w.org, &w.emails, w.archived)
            );
            // The rest passed over, not kept.
            assert!(g.title.is_none() && g.needs.is_empty() && g.notes.is_empty());
            assert!(w.birthday.is_some() && !w.addresses.is_empty() && !w.vcard.is_empty());
        }
        assert_eq!(got.entries, book.entries);
        assert_eq!(got.next_person_id(), book.next_person_id());
    }

    #[test]
    fn only_the_people_kept_by_their_names_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let (path, book) = saved(dir.path(), 300);
        // Kept by a nickname: nick7, nick17…; the name comes first.
        let keep = |names: &[&str]| names[0].starts_with("Person ") && names[1].ends_with('7');
        let names = NamesOnly::read(&path, &keep).unwrap();
        let want: Vec<_> = book
            .people
            .iter()
            .filter(|p| p.nicknames[0].ends_with('7'))
            .collect();
        assert_eq!(names.book().people.len(), want.len());
        for (g, w) in names.book().people.iter().zip(want) {
            assert_eq!((g.id, &g.name, &g.emails), (w.id, &w.name, &w.emails));
        }
        // Names with escapes are read unescaped before they are judged.
        let quoted = |names: &[&str]| names[0].contains("\"Ünal\"");
        assert_eq!(
            NamesOnly::read(&path, &quoted).unwrap().book().people.len(),
            300
        );
    }

    #[test]
    fn any_file_kith_did_not_just_write_is_left_to_the_whole_read() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = saved(dir.path(), 300);
        // One byte changed by another writer (same length).
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("Designer", "Desianer", 1)).unwrap();
        assert!(NamesOnly::read(&path, &|_| true).is_none());
        // Written back as it was: kith's bytes again.
        std::fs::write(&path, &text).unwrap();
        assert!(NamesOnly::read(&path, &|_| true).is_some());
        // No record (a lock file from an older kith, or none).
        std::fs::remove_file(names::lock_path(&path)).unwrap();
        assert!(NamesOnly::read(&path, &|_| true).is_none());
        assert!(NamesOnly::read(&dir.path().join("missing.ron"), &|_| true).is_none());
    }
}
