//! What an import of calendars and mail says it did: one paragraph, the
//! counts first, then what was skipped with an example (file and line).

use std::fmt;

use super::{Found, Plan};

/// The found touches and the plan, ready to print.
pub struct Report<'a> {
    pub found: &'a Found,
    pub plan: &'a Plan,
    pub dry_run: bool,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (found, plan) = (self.found, self.plan);
        let count = crate::text::count;
        let mut read = Vec::new();
        if found.events > 0 {
            read.push(count(found.events, "event", "events"));
        }
        if found.messages > 0 {
            read.push(count(found.messages, "message", "messages"));
        }
        if read.is_empty() {
            read.push("nothing".into());
        }
        let verb = if self.dry_run { "would log" } else { "logged" };
        write!(
            f,
            "read {}: {verb} {}, updated {}, {} unchanged",
            read.join(" and "),
            count(plan.added, "touch", "touches"),
            plan.updated,
            plan.unchanged
        )?;
        if plan.kept_deleted > 0 {
            write!(f, ", {} you deleted left out", plan.kept_deleted)?;
        }
        if plan.meetings > 0 {
            write!(f, "; {} ahead", count(plan.meetings, "meeting", "meetings"))?;
        }
        if found.bulk > 0 {
            write!(f, "; {} from lists or bulk senders passed over", found.bulk)?;
        }
        if found.duplicates > 0 {
            write!(f, "; {} seen twice counted once", found.duplicates)?;
        }
        if !found.unknown.is_empty() {
            write!(
                f,
                "; {} naming nobody in the book (--list-unknown lists them)",
                count(found.unknown.len(), "address", "addresses")
            )?;
        }
        let p = &found.problems;
        if p.notes > 0 {
            write!(f, "\n{}, e.g.", count(p.notes, "note", "notes"))?;
            for e in &p.note_examples {
                write!(f, "\n  {e}")?;
            }
        }
        if p.bad > 0 {
            write!(
                f,
                "\nskipped {} kith cannot read, e.g.",
                count(p.bad, "item", "items")
            )?;
            for e in &p.bad_examples {
                write!(f, "\n  {e}")?;
            }
        }
        Ok(())
    }
}
