//! What the touches found in calendars and mail do to a book, as one
//! operation built from the freshest book under the lock: a new key is an
//! entry (its id derived from the key, so two machines importing one event
//! make one entry), a key whose source changed updates its entry, a key
//! whose entry the user deleted stays deleted, and the meetings ahead are
//! replaced by what the calendars say now.

use chrono::NaiveDate;

use super::{Found, Touch};
use crate::model::{Book, Direction, Entry, EntryId, Imported, Op, Origin, entry_id_for};

/// What importing would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub ops: Vec<Op>,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Deleted by you earlier: not imported again.
    pub kept_deleted: usize,
    pub meetings: usize,
    /// The entries added or updated.
    pub entries: Vec<EntryId>,
}

impl Plan {
    pub fn op(&self) -> Op {
        Op::Batch(self.ops.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

/// What a source said of a touch, as a fingerprint: a change here is what
/// updates the entry (an entry you edited keeps your edit until then).
pub fn said(t: &Touch) -> String {
    let people: Vec<String> = t.people.iter().map(ToString::to_string).collect();
    let text = format!(
        "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
        t.date,
        people.join(","),
        t.kind,
        t.direction,
        t.summary
    );
    format!("{:016x}", super::fnv(text.as_bytes()))
}

/// The plan for `found` against `book` on `today`.
pub fn plan(book: &Book, found: &Found, today: NaiveDate) -> Plan {
    let mut plan = Plan::default();
    let mut taken: Vec<EntryId> = Vec::new();
    for t in &found.touches {
        let fp = said(t);
        let known = book.touches.get(&t.key.0);
        match known {
            Some(k) if book.entry(k.entry).is_none() => plan.kept_deleted += 1,
            Some(k) if k.said == fp => plan.unchanged += 1,
            Some(k) => {
                if let Some(entry) = book.entry(k.entry) {
                    let mut with = entry.clone();
                    fill(&mut with, t);
                    // A day of mail read in two goes (two sources): what
                    // either said, so `received` and then `gave` is mutual.
                    if t.origin == Origin::Mail && entry.direction != t.direction {
                        with.direction = Direction::Mutual;
                    }
                    plan.ops.push(Op::UpdateEntry(with));
                    plan.ops.push(Op::SetImported {
                        key: t.key.0.clone(),
                        imported: Some(Imported {
                            entry: k.entry,
                            said: fp,
                        }),
                    });
                    plan.entries.push(k.entry);
                    plan.updated += 1;
                }
            }
            None => {
                let mut id = entry_id_for(&format!("{:016x}", super::fnv(t.key.0.as_bytes())));
                while book.entry(id).is_some() || taken.contains(&id) {
                    // A clash of derived ids (rare): the next derived one.
                    id = entry_id_for(&format!("{:016x}", super::fnv(&id.0.to_le_bytes())));
                }
                taken.push(id);
                let mut entry = Entry::new(t.date, Vec::new(), t.kind.clone(), "");
                entry.id = id;
                fill(&mut entry, t);
                entry.clean();
                plan.ops.push(Op::AddEntry(entry));
                plan.ops.push(Op::SetImported {
                    key: t.key.0.clone(),
                    imported: Some(Imported {
                        entry: id,
                        said: fp,
                    }),
                });
                plan.entries.push(id);
                plan.added += 1;
            }
        }
    }
    // Meetings ahead: what the calendars say now replaces what they said;
    // one read again and gone (cancelled, declined, past) goes.
    for (key, m) in &book.meetings {
        let gone =
            m.date < today || (found.uids.contains(key) && !found.meetings.contains_key(key));
        if gone {
            plan.ops.push(Op::SetMeeting {
                key: key.clone(),
                meeting: None,
            });
        }
    }
    for (key, m) in &found.meetings {
        plan.meetings += 1;
        if book.meetings.get(key) != Some(m) {
            plan.ops.push(Op::SetMeeting {
                key: key.clone(),
                meeting: Some(Box::new(m.clone())),
            });
        }
    }
    plan
}

/// The entry's fields from what the source says (id, done and the rest kept).
fn fill(entry: &mut Entry, t: &Touch) {
    entry.date = t.date;
    entry.people = t.people.as_slice().into();
    entry.kind = t.kind.clone();
    entry.direction = t.direction;
    entry.summary = t.summary.as_str().into();
    entry.source = Some(t.origin);
}
