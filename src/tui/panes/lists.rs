//! The orders the panes show, computed once per change (or per sort/filter
//! change), never per frame: people in the chosen sort, the timeline newest
//! first with its filters, and the coffee-only people.

use chrono::NaiveDate;
use std::cmp::Reverse;

use crate::config::Config;
use crate::model::{Book, EntryId, Facts, Index, Kind, Kinds, PersonId, Weight};
use crate::text;

/// How the People list is built: its order (`s` cycles) and whether archived
/// people are in it (`.` toggles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub by: Order,
    pub archived: bool,
}

impl Sort {
    /// The next order, archived people still in or out.
    pub fn next(self) -> Sort {
        Sort {
            by: self.by.next(),
            ..self
        }
    }

    pub fn label(self) -> &'static str {
        self.by.label()
    }
}

/// The People list's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Due first (the longest overdue first), then the longest quiet.
    #[default]
    Attention,
    Name,
    /// Most recent contact first.
    LastContact,
    /// Most deeds (given + received) first.
    Deeds,
}

impl Order {
    pub fn next(self) -> Order {
        match self {
            Order::Attention => Order::Name,
            Order::Name => Order::LastContact,
            Order::LastContact => Order::Deeds,
            Order::Deeds => Order::Attention,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Order::Attention => "attention",
            Order::Name => "name",
            Order::LastContact => "last contact",
            Order::Deeds => "deeds",
        }
    }
}

/// Which entries the Timeline shows: by weight (`w` cycles) or of one kind
/// (chosen in the `f` popup).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WeightFilter {
    #[default]
    All,
    Deeds,
    Touches,
    /// Only what you logged yourself: not what kith logged from calendars
    /// and mail.
    Typed,
    /// Only entries of this kind.
    Kind(Kind),
}

impl WeightFilter {
    /// The weight cycle; a kind filter steps back to all.
    pub fn next(&self) -> WeightFilter {
        match self {
            WeightFilter::All => WeightFilter::Deeds,
            WeightFilter::Deeds => WeightFilter::Touches,
            WeightFilter::Touches | WeightFilter::Typed | WeightFilter::Kind(_) => {
                WeightFilter::All
            }
        }
    }

    pub fn label(&self) -> &str {
        match self {
            WeightFilter::All => "all",
            WeightFilter::Deeds => "deeds",
            WeightFilter::Touches => "touches",
            WeightFilter::Typed => "typed (no calendar, mail)",
            WeightFilter::Kind(kind) => kind.as_str(),
        }
    }

    /// The filter in the Timeline's title and the status line ("kind: favor",
    /// so a kind named like a word of the UI reads as a kind).
    pub fn title(&self) -> String {
        match self {
            WeightFilter::Kind(kind) => format!("kind: {kind}"),
            _ => self.label().to_string(),
        }
    }

    /// Does `entry` pass?
    pub fn keeps(&self, kinds: &Kinds, entry: &crate::model::Entry) -> bool {
        let kind = &entry.kind;
        match self {
            WeightFilter::Typed => entry.source.is_none(),
            WeightFilter::All => true,
            WeightFilter::Deeds => kinds.weight(kind) == Weight::Deed,
            WeightFilter::Touches => kinds.weight(kind) == Weight::Touch,
            WeightFilter::Kind(only) => only == kind,
        }
    }
}

/// The inputs every derived list is computed from.
pub struct Sources<'a> {
    pub book: &'a Book,
    pub index: &'a Index,
    pub config: &'a Config,
    pub kinds: &'a Kinds,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Default)]
pub struct Lists {
    /// Active people (and archived ones, when the sort says so) in the
    /// current sort.
    pub people: Vec<PersonId>,
    /// Every entry (index into `book.entries`), newest first.
    all_entries: Vec<usize>,
    /// `all_entries` after the Timeline's filters.
    pub timeline: Vec<usize>,
    /// Coffee-only people, met longest ago first.
    pub coffee: Vec<PersonId>,
    /// Suggested introductions, best first (when the view asks for them).
    pub intros: Vec<crate::intros::Suggestion>,
    /// Your standing asks (`me: (needs: …)`) and who could help with each.
    pub asks: Vec<crate::intros::Asked>,
}

impl Lists {
    pub fn build(src: &Sources, sort: Sort, weight: WeightFilter, who: Option<PersonId>) -> Lists {
        let book = src.book;
        let mut all_entries: Vec<usize> = (0..book.entries.len()).collect();
        all_entries.sort_unstable_by_key(|i| {
            let e = &book.entries[*i];
            Reverse((e.date, e.id))
        });
        let mut lists = Lists {
            people: Vec::new(),
            all_entries,
            timeline: Vec::new(),
            coffee: Facts::new(book, src.index)
                .coffee_only()
                .iter()
                .map(|p| p.id)
                .collect(),
            intros: Vec::new(),
            asks: Vec::new(),
        };
        lists.sort_people(src, sort);
        lists.filter_timeline(src, weight, who);
        lists
    }

    pub fn sort_people(&mut self, src: &Sources, sort: Sort) {
        let people = src
            .book
            .people
            .iter()
            .filter(|p| sort.archived || !p.archived);
        self.people = match sort.by {
            Order::Attention => {
                let mut v: Vec<_> = people
                    .map(|p| {
                        let f = src.index.facts(p.id);
                        let cadence = src.config.cadence_for(p);
                        let overdue = if f.is_due(cadence, src.today) {
                            Some(overdue_days(f, cadence, src.today))
                        } else {
                            None
                        };
                        let quiet = f.days_since_contact(src.today);
                        // Due first, longest overdue first; then the longest quiet;
                        // never contacted last.
                        let key = (
                            overdue.is_none(),
                            Reverse(overdue.unwrap_or(0)),
                            quiet.is_none(),
                            Reverse(quiet.unwrap_or(0)),
                            p.id,
                        );
                        (key, p.id)
                    })
                    .collect();
                v.sort_unstable();
                v.into_iter().map(|(_, id)| id).collect()
            }
            Order::Name => {
                let mut v: Vec<_> = people
                    .map(|p| ((text::fold(&p.name), p.id), p.id))
                    .collect();
                v.sort_unstable();
                v.into_iter().map(|(_, id)| id).collect()
            }
            Order::LastContact => {
                let mut v: Vec<_> = people
                    .map(|p| {
                        let last = src.index.facts(p.id).last_contact;
                        ((last.is_none(), Reverse(last), p.id), p.id)
                    })
                    .collect();
                v.sort_unstable();
                v.into_iter().map(|(_, id)| id).collect()
            }
            Order::Deeds => {
                let mut v: Vec<_> = people
                    .map(|p| ((Reverse(src.index.facts(p.id).deeds()), p.id), p.id))
                    .collect();
                v.sort_unstable();
                v.into_iter().map(|(_, id)| id).collect()
            }
        };
    }

    pub fn filter_timeline(&mut self, src: &Sources, weight: WeightFilter, who: Option<PersonId>) {
        let book = src.book;
        self.timeline = match who {
            // A person's own entries are already indexed, newest first.
            Some(id) => src.index.facts(id).entries.clone(),
            None => self.all_entries.clone(),
        };
        if weight != WeightFilter::All {
            self.timeline
                .retain(|i| weight.keeps(src.kinds, &book.entries[*i]));
        }
    }

    /// Where `id` sits in the filtered timeline.
    pub fn entry_position(&self, book: &Book, id: EntryId) -> Option<usize> {
        self.timeline.iter().position(|i| book.entries[*i].id == id)
    }
}

/// How many days past due: the oldest of an open promise, a follow-up due, or
/// the cadence passed.
fn overdue_days(f: &crate::model::PersonFacts, cadence: Option<u32>, today: NaiveDate) -> i64 {
    let promise = f.oldest_open_promise.map(|d| (today - d).num_days());
    let follow_up = f
        .next_follow_up
        .filter(|d| *d <= today)
        .map(|d| (today - d).num_days());
    let cadence = match (cadence, f.days_since_contact(today)) {
        (Some(c), Some(days)) => Some(days - i64::from(c)),
        (Some(_), None) => Some(0),
        _ => None,
    };
    [promise, follow_up, cadence]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0)
}
