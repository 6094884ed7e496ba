//! What applying the inbox does to a book: each new line of each device
//! becomes an entry (the capture grammar, dated by the line or by the day
//! kith first read it), or waits with why. Built from the freshest book
//! under the store's lock, as one operation, so two processes apply a line
//! once and the TUI undoes an application in one step.

use chrono::NaiveDate;

use crate::capture::{CaptureError, CaptureErrorKind, Names, Parsed, Who, parse_with};
use crate::model::{
    Book, EntryId, InboxLine, Kinds, LineState, Op, PersonId, TAKEN_BACK, entry_id_for,
};

use super::read::{Device, DeviceLine};

/// What applying the inbox would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Everything, as one operation (empty when there is nothing new).
    pub ops: Vec<Op>,
    /// The lines that become entries: device, line number, the entry's id.
    pub applied: Vec<Applied>,
    /// Every line that waits now, the ones already waiting included.
    pub waiting: Vec<InboxLine>,
}

/// A line that becomes an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub file: String,
    pub key: String,
    pub number: usize,
    pub entry: EntryId,
}

impl Plan {
    pub fn op(&self) -> Op {
        Op::Batch(self.ops.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// `2 captures from phone.txt, 1 from tablet.md`, or `None` when no
    /// line became an entry.
    pub fn said(&self) -> Option<String> {
        let mut per: Vec<(&str, usize)> = Vec::new();
        for a in &self.applied {
            match per.iter_mut().find(|(f, _)| *f == a.file) {
                Some((_, n)) => *n += 1,
                None => per.push((&a.file, 1)),
            }
        }
        let parts: Vec<String> = per
            .iter()
            .enumerate()
            .map(|(i, (file, n))| match i {
                0 => format!(
                    "{} from {}",
                    crate::text::count(*n, "capture", "captures"),
                    crate::text::visible(file)
                ),
                _ => format!("{n} from {}", crate::text::visible(file)),
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// The plan for `devices` against `book` on `today`.
pub fn plan(book: &Book, devices: &[Device], kinds: &Kinds, today: NaiveDate) -> Plan {
    // Folding the book's names costs on a large book; only a new line needs it.
    let names = std::cell::OnceCell::new();
    let mut plan = Plan::default();
    // Entries this plan adds, so two lines never take one derived id.
    let mut taken: Vec<EntryId> = Vec::new();
    for device in devices {
        for line in &device.lines {
            let state = book.inbox.state(&device.name, &line.key);
            let was_waiting = match &state {
                Some(LineState::Applied | LineState::Dismissed(_)) => continue,
                // Taken back with undo: only the review logs it again.
                Some(LineState::Waiting(w)) if w.why == TAKEN_BACK => {
                    plan.waiting.push(w.clone());
                    continue;
                }
                Some(LineState::Waiting(w)) => Some(w.clone()),
                None => None,
            };
            let seen = was_waiting.as_ref().map_or(today, |w| w.seen);
            let names = names.get_or_init(|| Names::new(book));
            match attempt(book, names, kinds, line, seen, today) {
                Ok(parsed) => {
                    let mut id = entry_id_for(&line.key);
                    if book.entry(id).is_some() || taken.contains(&id) {
                        id = EntryId(0);
                    }
                    let op = with_entry_id(parsed.capture.to_op(book), id);
                    let entry = match id.is_unset() {
                        true => book.next_entry_id(),
                        false => id,
                    };
                    taken.push(entry);
                    let about = parsed.capture.people.iter().find_map(|w| match w {
                        Who::Known(id) => Some(book.survivor(*id)),
                        Who::New(_) => None,
                    });
                    plan.ops.push(op);
                    plan.ops.push(Op::ApplyInboxLine(Box::new(InboxLine {
                        file: device.name.clone(),
                        key: line.key.clone(),
                        line: line.text.clone(),
                        seen,
                        why: TAKEN_BACK.into(),
                        about,
                    })));
                    plan.applied.push(Applied {
                        file: device.name.clone(),
                        key: line.key.clone(),
                        number: line.number,
                        entry,
                    });
                }
                Err((why, about)) => {
                    let waiting = InboxLine {
                        file: device.name.clone(),
                        key: line.key.clone(),
                        line: line.text.clone(),
                        seen,
                        why,
                        about,
                    };
                    if was_waiting.as_ref() != Some(&waiting) {
                        plan.ops.push(Op::SetInboxLine {
                            file: device.name.clone(),
                            key: line.key.clone(),
                            state: Some(LineState::Waiting(waiting.clone())),
                        });
                    }
                    plan.waiting.push(waiting);
                }
            }
        }
    }
    // Lines still waiting whose device line is gone (the file was rewritten
    // or cut short): they keep waiting, never lost.
    for w in &book.inbox.waiting {
        let here = |file: &str, key: &str| w.file == file && w.key == key;
        if !plan.waiting.iter().any(|p| here(&p.file, &p.key))
            && !plan.applied.iter().any(|a| here(&a.file, &a.key))
        {
            plan.waiting.push(w.clone());
        }
    }
    plan
}

/// The line as an entry, or why it cannot be one and whom it is about.
fn attempt(
    book: &Book,
    names: &Names,
    kinds: &Kinds,
    line: &DeviceLine,
    seen: NaiveDate,
    today: NaiveDate,
) -> Result<Parsed, (String, Option<PersonId>)> {
    let day = line.date.unwrap_or(seen);
    if day > today {
        return Err((format!("dated {day}, after today"), None));
    }
    let parsed = parse_with(&line.capture, day, book, names, kinds).map_err(|e| (why(&e), None))?;
    let about = parsed
        .capture
        .people
        .iter()
        .find_map(|w| match w {
            Who::Known(id) => Some(book.survivor(*id)),
            Who::New(_) => None,
        })
        .or_else(|| parsed.meant.iter().flatten().map(|(id, _)| *id).next());
    if let Err(e) = parsed.require_known() {
        return Err((why(&e), about));
    }
    if let Err(e) = parsed.require_confirmed() {
        return Err((why(&e), about));
    }
    if parsed.capture.date > today {
        return Err((format!("dated {}, after today", parsed.capture.date), about));
    }
    Ok(parsed)
}

/// Why a line waits, in the inbox's words (no `--create` hints: the phone
/// never makes people; the capture line in the TUI can).
fn why(e: &CaptureError) -> String {
    match &e.kind {
        CaptureErrorKind::UnknownPerson { name, meant } => {
            crate::capture::nobody_called(name, meant)
        }
        kind => kind.to_string(),
    }
}

/// `op` (a capture's batch) with its entry given `id` (unset: the next free).
fn with_entry_id(op: Op, id: EntryId) -> Op {
    match op {
        Op::AddEntry(mut e) => {
            e.id = id;
            Op::AddEntry(e)
        }
        Op::Batch(ops) => Op::Batch(ops.into_iter().map(|o| with_entry_id(o, id)).collect()),
        other => other,
    }
}
