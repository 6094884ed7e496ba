//! The merged book as it is being built, record by record: people (with
//! their merges and clashes), then entries, then who must come back.

use std::collections::BTreeMap;

use crate::model::{Book, Entry, Person, PersonId};

use super::{CLASH_PREFIX, settled};
use crate::model::survivor;
use crate::sync::base::Base;
use crate::sync::fate::{Becomes, count, fate, walk};
use crate::sync::fields::{self, FieldClash};
use crate::sync::ids::Remap;
use crate::sync::merges::unmerge_entry;
use crate::sync::rec::{Rec, borrowed};
use crate::sync::report::{Clash, RecordId, Report, Side};

/// One of the two copies, with the ids it has to give up.
#[derive(Clone, Copy)]
pub(super) struct Copy3<'a> {
    pub(super) side: Side,
    pub(super) book: &'a Book,
    pub(super) remap: &'a Remap,
}

/// The merged book as it is being built.
pub(super) struct Draft<'a> {
    /// In id order.
    pub(super) people: Vec<Rec<'a, Person>>,
    /// People not in the merged book (deleted, merged away): the version to
    /// bring back if something still names them, and base's.
    pub(super) gone: BTreeMap<PersonId, Gone<'a>>,
    pub(super) merged: BTreeMap<PersonId, PersonId>,
    /// People the two copies merged into different people.
    pub(super) disagreed: Vec<crate::sync::Disagreed>,
    /// Clashes in the order found: whose record (the person or the entry),
    /// the record to name in the note when not that person, and the clash.
    pub(super) clashes: Vec<(RecordId, Option<RecordId>, FieldClash)>,
    pub(super) report: Report,
}

pub(super) struct Gone<'a> {
    pub(super) now: Rec<'a, Person>,
    pub(super) base: Option<&'a Person>,
}

impl<'a> Draft<'a> {
    pub(super) fn people(&mut self, base: Base<'a>, ours: Copy3<'a>, theirs: Copy3<'a>) {
        let rows = walk(
            |p: &Person| p.id,
            base.people(),
            ours.book
                .people
                .iter()
                .filter(|p| !ours.remap.is_renumbered_person(p.id)),
            theirs
                .book
                .people
                .iter()
                .filter(|p| !theirs.remap.is_renumbered_person(p.id)),
        );
        for [b, o, t] in rows {
            let o = o.map(|p| ours.remap.person(p));
            let t = t.map(|p| theirs.remap.person(p));
            let fate = fate(b, o.as_deref(), t.as_deref());
            count(&mut self.report, |s| &mut s.people, &fate);
            let kept = match fate.becomes {
                Becomes::Keep(p) => Rec::of(p, [b, borrowed(&o), borrowed(&t)]),
                Becomes::Merge(b, o, t) => {
                    let mut found = Vec::new();
                    let p = fields::person(b, o, t, &mut found);
                    let owner = RecordId::Person(p.id);
                    self.clashes
                        .extend(found.into_iter().map(|c| (owner, None, c)));
                    Rec::new(p)
                }
                Becomes::Gone => {
                    if let Some(b) = b {
                        let now = Rec::Borrowed(b);
                        self.gone.insert(b.id, Gone { now, base: Some(b) });
                    }
                    continue;
                }
            };
            if self.merged.contains_key(&kept.id) {
                // Merged away on one side: what the other changed is carried
                // onto the person they became (see `carry`).
                let now = kept;
                self.gone.insert(now.id, Gone { now, base: b });
            } else {
                self.people.push(kept);
            }
        }
        for copy in [ours, theirs] {
            let renumbered = copy.book.people.iter();
            for p in renumbered.filter(|p| copy.remap.is_renumbered_person(p.id)) {
                self.people.push(copy.remap.person(p).into());
                self.report.side_mut(copy.side).people.added += 1;
            }
        }
        if !self.people.is_sorted_by_key(|p| p.id) {
            self.people.sort_by_key(|p| p.id);
        }
    }

    /// Carries the changes one side made to a person the other side merged
    /// away onto the person they were merged into.
    pub(super) fn carry(&mut self) {
        let away: Vec<PersonId> = self
            .gone
            .iter()
            .filter(|(id, g)| self.merged.contains_key(id) && Some(&*g.now) != g.base)
            .map(|(id, _)| *id)
            .collect();
        for from in away {
            let Some(into) = self.ensure(from) else {
                continue;
            };
            if into == from {
                continue; // the merge was undone: they are back as they are
            }
            let i = self.index(into).expect("ensured");
            let g = &self.gone[&from];
            let mut found = Vec::new();
            fields::carry(self.people[i].to_mut(), g.base, &g.now, &mut found);
            self.report.carried.push(from);
            let (owner, label) = (RecordId::Person(into), Some(RecordId::Person(from)));
            self.clashes
                .extend(found.into_iter().map(|c| (owner, label, c)));
        }
    }

    pub(super) fn entries(
        &mut self,
        base: Base<'a>,
        ours: Copy3<'a>,
        theirs: Copy3<'a>,
    ) -> Vec<Rec<'a, Entry>> {
        let mut out = Vec::with_capacity(ours.book.entries.len().max(theirs.book.entries.len()));
        let rows = walk(
            |e: &Entry| e.id,
            base.entries(),
            ours.book
                .entries
                .iter()
                .filter(|e| !ours.remap.is_renumbered_entry(e.id)),
            theirs
                .book
                .entries
                .iter()
                .filter(|e| !theirs.remap.is_renumbered_entry(e.id)),
        );
        // Each side's lost merges: who was merged away, and whom their
        // entries name on that side (the target, or whom it was merged into
        // there since).
        let lost_on = |copy: Copy3<'_>| -> Vec<(PersonId, PersonId)> {
            let merged = copy.remap.merged(&copy.book.merged);
            let lost = self.disagreed.iter().filter(|d| d.lost_on == copy.side);
            lost.map(|d| (d.from, settled(&merged, d.lost))).collect()
        };
        let lost = [lost_on(ours), lost_on(theirs)];
        for [b, o, t] in rows {
            let mut o = o.map(|e| ours.remap.entry(e));
            let mut t = t.map(|e| theirs.remap.entry(e));
            // What a merge that was not kept did to the entry, undone —
            // where the other side still holds it: deleted there, the
            // re-pointing is a change, and a changed entry is kept.
            if let (Some(b), true) = (b, o.is_some() && t.is_some()) {
                o = o.map(|e| unmerge_entry(b, e, &lost[0]));
                t = t.map(|e| unmerge_entry(b, e, &lost[1]));
            }
            let fate = fate(b, o.as_deref(), t.as_deref());
            count(&mut self.report, |s| &mut s.entries, &fate);
            match fate.becomes {
                Becomes::Keep(e) => out.push(Rec::of(e, [b, borrowed(&o), borrowed(&t)])),
                Becomes::Merge(b, o, t) => {
                    let mut found = Vec::new();
                    let e = fields::entry(b, o, t, &mut found);
                    let owner = RecordId::Entry(e.id);
                    self.clashes
                        .extend(found.into_iter().map(|c| (owner, Some(owner), c)));
                    out.push(Rec::new(e));
                }
                Becomes::Gone => {}
            }
        }
        for copy in [ours, theirs] {
            let renumbered = copy.book.entries.iter();
            for e in renumbered.filter(|e| copy.remap.is_renumbered_entry(e.id)) {
                out.push(copy.remap.entry(e).into());
                self.report.side_mut(copy.side).entries.added += 1;
            }
        }
        if !out.is_sorted_by_key(|e| e.id) {
            out.sort_by_key(|e| e.id);
        }
        out
    }

    /// Every entry names people in the book: merged-away ids re-pointed
    /// (once per entry), deleted people brought back. An entry left naming
    /// nobody is dropped.
    pub(super) fn point_entries(&mut self, entries: &mut Vec<Rec<'a, Entry>>) {
        entries.retain_mut(|e| {
            let fine = e
                .people
                .iter()
                .enumerate()
                .all(|(k, p)| !e.people[..k].contains(p) && self.ensure(*p) == Some(*p));
            if !fine {
                let mut people = crate::model::People::with_capacity(e.people.len());
                for p in &e.people {
                    if let Some(at) = self.ensure(*p)
                        && !people.contains(&at)
                    {
                        people.push(at);
                    }
                }
                e.to_mut().people = people;
            }
            if e.people.is_empty() {
                self.report.dropped.push(e.id);
            }
            !e.people.is_empty()
        });
    }

    /// Every "introduced by" names someone in the book (or no one, rather
    /// than the person themselves), including people brought back for it.
    pub(super) fn point_introducers(&mut self) {
        let mut todo: Vec<PersonId> = self
            .people
            .iter()
            .filter(|p| p.met.introduced_by.is_some())
            .map(|p| p.id)
            .collect();
        while let Some(id) = todo.pop() {
            let i = self.index(id).expect("a person of the book");
            let Some(by) = self.people[i].met.introduced_by else {
                continue;
            };
            let back = self.report.resurrected.len();
            let at = self.ensure(by).filter(|at| *at != id);
            let i = self.index(id).expect("a person of the book");
            if self.people[i].met.introduced_by != at {
                self.people[i].to_mut().met.introduced_by = at;
            }
            todo.extend(self.report.resurrected[back..].iter().copied());
        }
    }

    /// Every clash's other value as a line of the notes of the person it
    /// belongs to, in the order the clashes were found.
    pub(super) fn note_clashes(&mut self, entries: &[Rec<'a, Entry>]) {
        let found = std::mem::take(&mut self.clashes);
        let mut clashes = Vec::with_capacity(found.len());
        for (owner, record, c) in found {
            let person = match owner {
                RecordId::Person(id) => self.ensure(id),
                RecordId::Entry(id) => entries
                    .binary_search_by_key(&id, |e| e.id)
                    .ok()
                    .map(|i| entries[i].people[0]),
            };
            let Some(person) = person else {
                continue; // an entry dropped for naming nobody
            };
            clashes.push(Clash {
                person,
                record,
                field: c.field,
                winner: c.winner,
                other: c.other,
            });
        }
        clashes.sort_by_key(|c| c.person);
        for c in &clashes {
            let i = self.index(c.person).expect("ensured");
            fields::append_line(&mut self.people[i].to_mut().notes, &c.line());
        }
        self.report.clashes = clashes;
    }

    /// Says, in the notes of both people one person was merged into on the
    /// two copies, which merge was kept and what became of the other (see
    /// [`crate::sync::Disagreed`]): the review lists the line until it is
    /// settled. The same words whichever copy is ours.
    pub(super) fn note_disagreed(&mut self, base: Base<'_>) {
        let mut disagreed = std::mem::take(&mut self.disagreed);
        disagreed.sort_by_key(|d| d.from);
        let mut noted = Vec::with_capacity(disagreed.len());
        for d in disagreed {
            let Some(kept) = self.ensure(d.kept) else {
                continue;
            };
            // The other target, unless its side deleted them since: a note
            // is no reason to bring someone back.
            let lost = survivor(&self.merged, d.lost);
            let lost = self.index(lost).map(|_| lost);
            let name = |draft: &Self, id: PersonId| {
                let i = draft.index(id).expect("ensured");
                format!("{} ({id})", draft.people[i].name)
            };
            let from = base
                .person(d.from)
                .filter(|_| base.book.survivor(d.from) == d.from)
                .map(|p| p.name.clone())
                .or_else(|| self.gone.get(&d.from).map(|g| g.now.name.clone()))
                .filter(|n| !n.is_empty())
                .map_or_else(|| d.from.to_string(), |n| format!("{n} ({})", d.from));
            let kept_name = name(self, kept);
            let line = match lost {
                Some(lost) => {
                    let lost_name = name(self, lost);
                    format!(
                        "{CLASH_PREFIX}one copy merged {from} into {kept_name}, the other into \
                         {lost_name}. Kept: {from} is {kept_name} (every machine decides alike: \
                         the lower id, unless that merge closes a circle or its person was \
                         deleted) and their entries name {kept_name}; {lost_name} keeps what \
                         the other merge copied from {from}: take it off there if they are not \
                         the same"
                    )
                }
                None => format!(
                    "{CLASH_PREFIX}one copy merged {from} into {kept_name}, the other into {} \
                     and then deleted them. Kept: {from} is {kept_name}, and their entries name \
                     {kept_name}",
                    d.lost
                ),
            };
            for id in std::iter::once(kept).chain(lost) {
                let i = self.index(id).expect("ensured");
                fields::append_line(&mut self.people[i].to_mut().notes, &line);
            }
            noted.push(d);
        }
        self.report.disagreed = noted;
    }

    pub(super) fn index(&self, id: PersonId) -> Option<usize> {
        self.people.binary_search_by_key(&id, |p| p.id).ok()
    }

    /// The person `id` means in the merged book (following merges), brought
    /// back from a side or base if they were deleted. When merges lead to
    /// someone no copy has, the last of those merges is undone. `None` only
    /// for an id no copy knows at all.
    pub(super) fn ensure(&mut self, id: PersonId) -> Option<PersonId> {
        loop {
            let end = survivor(&self.merged, id);
            if self.index(end).is_some() {
                return Some(end);
            }
            if let Some(g) = self.gone.get(&end) {
                let at = self
                    .people
                    .binary_search_by_key(&end, |p| p.id)
                    .unwrap_or_else(|at| at);
                self.people.insert(at, g.now.clone());
                self.report.resurrected.push(end);
                return Some(end);
            }
            let mut chain = vec![id];
            while let Some(next) = self.merged.get(chain.last().expect("not empty")) {
                chain.push(*next);
            }
            let back = chain
                .iter()
                .rev()
                .skip(1)
                .find(|c| self.gone.contains_key(c))
                .copied()?;
            self.merged.remove(&back);
            self.report.unmerged.push(back);
        }
    }
}
