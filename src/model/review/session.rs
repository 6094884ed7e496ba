//! A review in progress: today's queue, who has been handled, and the person
//! to show next. Built once when the review opens; after each action the view
//! calls [`ReviewSession::sync`], which only rereads the progress.

use chrono::NaiveDate;
use std::collections::HashSet;

use super::ReviewRules;
use super::{Handled, ReviewItem, ReviewProgress, Summary, day, reasons};
use crate::model::{Book, Entry, Index, Kinds, Person, PersonFacts, PersonId};

/// How many of a person's latest entries the review shows.
pub const RECENT_ENTRIES: usize = 5;

#[derive(Debug, Clone)]
pub struct ReviewSession {
    today: NaiveDate,
    /// The day's people, with their reasons as of the last [`refresh`].
    ///
    /// [`refresh`]: ReviewSession::refresh
    items: Vec<ReviewItem>,
    handled: Vec<(PersonId, Handled)>,
    /// Skipped or snoozed today: out of the day.
    set_aside: HashSet<PersonId>,
    /// The day's size when the review opened.
    total: usize,
    /// Due beyond today's share.
    more_due: usize,
}

/// Everything the review shows for the current person.
#[derive(Debug, Clone)]
pub struct ReviewStep<'a> {
    pub item: &'a ReviewItem,
    pub person: &'a Person,
    pub facts: &'a PersonFacts,
    /// Their latest entries, newest first, at most [`RECENT_ENTRIES`].
    pub recent: Vec<&'a Entry>,
    /// 1-based: "3 of 12".
    pub position: usize,
    pub total: usize,
}

impl ReviewSession {
    /// Today's review (see [`day`]): at most `review_size` people.
    pub fn new(book: &Book, index: &Index, rules: &ReviewRules, today: NaiveDate) -> ReviewSession {
        let day = day(book, index, rules, today);
        let progress = ReviewProgress::of(book, today);
        let mut session = ReviewSession {
            today,
            total: day.size(&progress),
            more_due: day.more_due,
            items: day.items,
            handled: Vec::new(),
            set_aside: HashSet::new(),
        };
        session.sync(book);
        session
    }

    /// Rereads today's progress from `book` (after an action was applied, or
    /// another process changed the file).
    pub fn sync(&mut self, book: &Book) {
        self.handled = ReviewProgress::of(book, self.today).handled;
        self.set_aside = self
            .handled
            .iter()
            .filter(|(_, o)| matches!(o, Handled::Skipped | Handled::Snoozed))
            .map(|(p, _)| *p)
            .collect();
    }

    /// Everyone due today, not only the day's share (`review --print --all`),
    /// minus whoever was skipped or snoozed today.
    pub fn everyone(
        book: &Book,
        index: &Index,
        rules: &ReviewRules,
        today: NaiveDate,
    ) -> ReviewSession {
        let progress = ReviewProgress::of(book, today);
        let items: Vec<ReviewItem> = super::queue(book, index, rules, today)
            .into_iter()
            .filter(|i| {
                !matches!(
                    progress.outcome(i.person),
                    Some(Handled::Skipped | Handled::Snoozed)
                )
            })
            .collect();
        let mut session = ReviewSession {
            today,
            total: items.len(),
            more_due: 0,
            items,
            handled: Vec::new(),
            set_aside: HashSet::new(),
        };
        session.sync(book);
        session
    }

    /// [`sync`](ReviewSession::sync), and every reason of the day's people
    /// computed again from the book as it is now, so nothing stale shows: a
    /// follow-up closed on one of the two people it names is gone from both.
    /// The day's people stay the same (a resolved reason never pulls in
    /// someone new).
    pub fn refresh(&mut self, book: &Book, index: &Index, rules: &ReviewRules) {
        self.sync(book);
        for item in &mut self.items {
            item.reasons = match book.person(item.person) {
                Some(p) if !p.archived => reasons(book, index, rules, p, self.today),
                _ => Vec::new(),
            };
        }
    }

    /// How many are due beyond today's share.
    pub fn more_due(&self) -> usize {
        self.more_due
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The whole queue as it was when the review opened, handled people included.
    pub fn items(&self) -> &[ReviewItem] {
        &self.items
    }

    /// Who has been handled today, in order.
    pub fn handled(&self) -> &[(PersonId, Handled)] {
        &self.handled
    }

    /// The day's people still to see: a reason left, not skipped or snoozed.
    pub fn remaining(&self) -> impl Iterator<Item = &ReviewItem> {
        self.items
            .iter()
            .filter(|item| !item.reasons.is_empty() && !self.set_aside.contains(&item.person))
    }

    /// The next person to review.
    pub fn current(&self) -> Option<&ReviewItem> {
        self.remaining().next()
    }

    pub fn is_finished(&self) -> bool {
        self.current().is_none()
    }

    /// `(position, total)`, 1-based; the total is the day's size and stays
    /// put as people are handled.
    pub fn progress(&self) -> (usize, usize) {
        let left = self.remaining().count();
        let total = self.total.max(left);
        ((total - left + 1).min(total), total)
    }

    /// The current person with their card facts and latest entries. People
    /// deleted since the review opened are passed over.
    pub fn step<'a>(&'a self, book: &'a Book, index: &'a Index) -> Option<ReviewStep<'a>> {
        let (position, total) = self.progress();
        self.remaining().find_map(|item| {
            let person = book.person(item.person)?;
            let facts = index.facts(person.id);
            let recent = facts
                .entries
                .iter()
                .take(RECENT_ENTRIES)
                .filter_map(|i| book.entries.get(*i))
                .collect();
            Some(ReviewStep {
                item,
                person,
                facts,
                recent,
                position,
                total,
            })
        })
    }

    pub fn summary(&self, book: &Book, kinds: &Kinds) -> Summary {
        Summary::of(book, kinds, self.today)
    }
}
