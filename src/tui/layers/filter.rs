//! The Timeline's `f` chooser: what the Timeline shows — every entry, the
//! deeds, the touches, or one kind (the built-ins, the config's, and any
//! other kind the book uses) — each with how many entries it would show.
//! `w` still cycles the weights without opening it.

pub mod draw;

use std::collections::BTreeMap;

use crate::model::{Book, Index, Kind, Kinds, PersonId, Weight};
use crate::tui::keys::action::Action;
use crate::tui::layers::{Effect, Layer, Outcome};

use crate::tui::panes::cursor::Cursor;
use crate::tui::panes::lists::WeightFilter;

/// The chooser's state while it is open.
#[derive(Debug, Default)]
pub struct FilterChooser {
    /// Each choice and the number of entries it keeps (counted when the
    /// chooser opened, among the filtered person's entries if there is one).
    pub rows: Vec<(WeightFilter, usize)>,
    pub cursor: Cursor,
}

/// The choices over `entries` (indexes into `book.entries`): all, deeds,
/// touches, then each kind in `kinds`' order, then the kinds the book uses
/// that no one declared, by name.
pub fn choices(book: &Book, kinds: &Kinds, entries: &[usize]) -> Vec<(WeightFilter, usize)> {
    let mut per_kind: BTreeMap<&Kind, usize> = BTreeMap::new();
    for i in entries {
        *per_kind.entry(&book.entries[*i].kind).or_default() += 1;
    }
    let weighing = |w: Weight| {
        per_kind
            .iter()
            .filter(|(k, _)| kinds.weight(k) == w)
            .map(|(_, n)| n)
            .sum()
    };
    let mut rows = vec![
        (WeightFilter::All, entries.len()),
        (WeightFilter::Deeds, weighing(Weight::Deed)),
        (WeightFilter::Touches, weighing(Weight::Touch)),
    ];
    // Once kith logs from calendars or mail, they can be left out.
    let typed = entries
        .iter()
        .filter(|i| book.entries[**i].source.is_none())
        .count();
    if typed < entries.len() {
        rows.push((WeightFilter::Typed, typed));
    }
    for (kind, _) in kinds.iter() {
        let n = per_kind.get(kind).copied().unwrap_or(0);
        rows.push((WeightFilter::Kind(kind.clone()), n));
    }
    for (kind, n) in per_kind {
        if !kinds.is_known(kind) {
            rows.push((WeightFilter::Kind(kind.clone()), n));
        }
    }
    rows
}

impl FilterChooser {
    /// `f`: the chooser over the Timeline, on the filter in use, counting
    /// among `who`'s entries if the Timeline shows one person's.
    pub fn open(
        book: &Book,
        kinds: &Kinds,
        index: &Index,
        who: Option<PersonId>,
        shown: &WeightFilter,
    ) -> Layer {
        let base: Vec<usize> = match who {
            Some(id) => index.facts(id).entries.clone(),
            None => (0..book.entries.len()).collect(),
        };
        let rows = choices(book, kinds, &base);
        let mut cursor = Cursor::default();
        cursor.selected = rows.iter().position(|(f, _)| f == shown).unwrap_or(0);
        Layer::Filter(FilterChooser { rows, cursor })
    }

    /// Moves; Enter: the Timeline shows the highlighted choice.
    pub fn handle(&mut self, action: Action) -> Outcome {
        let (c, len) = (&mut self.cursor, self.rows.len());
        match action {
            Action::Up => c.up(1),
            Action::Down => c.down(1, len),
            Action::PageUp => c.up(c.page()),
            Action::PageDown => c.down(c.page(), len),
            Action::Top => c.top(),
            Action::Bottom => c.bottom(len),
            Action::Submit => {
                return match self.rows.get(self.cursor.selected) {
                    Some((filter, _)) => Outcome::CloseThen(Effect::Filter(filter.clone())),
                    None => Outcome::Close,
                };
            }
            Action::Back => return Outcome::Close,
            _ => return Outcome::Pass,
        }
        Outcome::Keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, KindDef, PersonId};

    fn entry(kind: &str) -> Entry {
        Entry::new(
            "2026-11-26".parse().unwrap(),
            vec![PersonId(1)],
            Kind::new(kind),
            "x",
        )
    }

    #[test]
    fn counts_each_weight_and_kind_and_lists_undeclared_kinds_last() {
        let mut book = Book::default();
        for k in ["coffee", "coffee", "favor", "karaoke", "mentoring"] {
            book.entries.push(entry(k));
        }
        let kinds = Kinds::with_extra(&[KindDef {
            name: "mentoring".into(),
            weight: Weight::Deed,
        }]);
        let rows = choices(&book, &kinds, &[0, 1, 2, 3, 4]);
        let count = |f: WeightFilter| rows.iter().find(|(r, _)| *r == f).map(|(_, n)| *n);
        assert_eq!(count(WeightFilter::All), Some(5));
        assert_eq!(count(WeightFilter::Deeds), Some(2), "favor, mentoring");
        assert_eq!(
            count(WeightFilter::Touches),
            Some(3),
            "karaoke weighs a touch"
        );
        assert_eq!(count(WeightFilter::Kind(Kind::new("coffee"))), Some(2));
        assert_eq!(count(WeightFilter::Kind(Kind::new("gift"))), Some(0));
        let labels: Vec<&str> = rows.iter().map(|(f, _)| f.label()).collect();
        assert_eq!(labels[..4], ["all", "deeds", "touches", "coffee"]);
        assert_eq!(labels[labels.len() - 2..], ["mentoring", "karaoke"]);
        assert_eq!(rows.len(), 3 + 12 + 1 + 1);

        let only_some = choices(&book, &kinds, &[2, 3]);
        assert_eq!(only_some[0], (WeightFilter::All, 2));
        assert_eq!(only_some[1], (WeightFilter::Deeds, 1));
    }

    #[test]
    fn what_kith_logged_from_calendars_and_mail_can_be_left_out() {
        let mut book = Book::default();
        for k in ["coffee", "meeting", "message"] {
            book.entries.push(entry(k));
        }
        let kinds = Kinds::default();
        assert!(
            choices(&book, &kinds, &[0, 1, 2])
                .iter()
                .all(|(f, _)| *f != WeightFilter::Typed),
            "no choice for it before anything was imported"
        );
        book.entries[1].source = Some(crate::model::Origin::Calendar);
        book.entries[2].source = Some(crate::model::Origin::Mail);
        let rows = choices(&book, &kinds, &[0, 1, 2]);
        assert_eq!(rows[3], (WeightFilter::Typed, 1));
        assert!(WeightFilter::Typed.keeps(&kinds, &book.entries[0]));
        assert!(!WeightFilter::Typed.keeps(&kinds, &book.entries[1]));
    }
}
