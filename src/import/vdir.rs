//! A folder of cards kith syncs with (it holds kith's `.kith-state`, see
//! [`crate::store::vdir_state`]): a card whose file kith saw last as it is
//! now is not read again; a changed card is read with the version both sides
//! started from, for a three-way import; a card gone from the folder is a
//! deletion elsewhere. The state as it will be after the import rides along
//! in [`Parsed::states`], saved once the book is.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::read::parse_file;
use super::{ImportError, Parsed, Place, Problem, Source};
use crate::model::Person;
use crate::store::vdir_state::{State, Written, fingerprint};
use crate::vcard::fields::card_uid;

pub(super) fn read_folder(
    dir: &Path,
    files: &[PathBuf],
    state: State,
    all: &mut Parsed,
) -> Result<(), ImportError> {
    let by_file = state.by_file();
    let mut next = state.clone();
    let mut seen: HashSet<String> = HashSet::new();
    for file in files {
        let bytes = std::fs::read(file).map_err(|source| ImportError::Io {
            path: file.clone(),
            source,
        })?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let print = fingerprint(&bytes);
        if let Some(uid) = by_file.get(name.as_str())
            && state.cards[*uid].fingerprint == print
        {
            all.unchanged_cards += 1;
            all.unchanged_files.push((file.clone(), uid.to_string()));
            seen.insert(uid.to_string());
            continue;
        }
        let uid = card_uid(&bytes).map(|(uid, _)| uid);
        if let Some(uid) = &uid {
            seen.insert(uid.clone());
        }
        let mut parsed = match parse_file(Source::VCard, file) {
            Ok(parsed) => parsed,
            Err(ImportError::NotFormat { why, .. } | ImportError::Undecodable { why, .. }) => {
                all.skipped.push(Problem {
                    at: Place {
                        file: Some(file.clone()),
                        line: 1,
                    },
                    why,
                });
                continue;
            }
            Err(e) => return Err(e),
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let (Some(uid), [record]) = (uid, parsed.records.as_mut_slice()) {
            if let Some(was) = state.cards.get(&uid) {
                record.base = base(&was.card, &text, &mut record.person).map(Box::new);
            }
            let written = Written {
                file: name,
                fingerprint: print,
                card: text,
            };
            next.cards.insert(uid, written);
        }
        all.extend(parsed.in_file(file));
    }
    for (uid, was) in &state.cards {
        if !seen.contains(uid) {
            let at = Place {
                file: Some(dir.join(&was.file)),
                line: 0,
            };
            all.gone.push((at, uid.clone()));
            next.cards.remove(uid);
        }
    }
    if next != state {
        all.states.push((dir.to_path_buf(), next));
    }
    Ok(())
}

/// The card as both sides last had it. When the card now carries none of
/// kith's `X-KITH-…` lines and that card did, the app that wrote it dropped
/// what it does not know: kith's own fields (how you met, needs, offers,
/// cadence, snooze) are taken from that card, so they are not "removed".
fn base(was: &str, now: &str, theirs: &mut Person) -> Option<Person> {
    let parsed = super::vcard::parse(was).ok()?;
    let [record] = parsed.records.as_slice() else {
        return None;
    };
    let mut base = record.person.clone();
    // The card kith wrote here names this book's people.
    base.met.introduced_by = record
        .introduced_by
        .as_deref()
        .and_then(crate::vcard::kith::introducer_id);
    if !now.contains("X-KITH-") && was.contains("X-KITH-") {
        theirs.met = base.met.clone();
        theirs.needs = base.needs.clone();
        theirs.offers = base.offers.clone();
        theirs.cadence = base.cadence;
        theirs.snoozed_until = base.snoozed_until;
        for u in base.uids.iter().skip(1) {
            if !theirs.uids.contains(u) {
                theirs.uids.push(u.clone());
            }
        }
    }
    Some(base)
}

/// Cards skipped as unchanged whose person the book does not hold are read
/// after all: unchanged since kith wrote them, but for another book.
pub(super) fn read_unknown(parsed: &mut Parsed, known: impl Fn(&str) -> bool) {
    for (file, uid) in std::mem::take(&mut parsed.unchanged_files) {
        if known(&uid) {
            continue;
        }
        parsed.unchanged_cards -= 1;
        match parse_file(Source::VCard, &file) {
            Ok(p) => {
                let mut p = p.in_file(&file);
                p.states.clear();
                parsed.extend(p);
            }
            Err(e) => parsed.skipped.push(Problem {
                at: Place {
                    file: Some(file.clone()),
                    line: 1,
                },
                why: e.to_string(),
            }),
        }
    }
}
