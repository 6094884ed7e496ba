//! A review in progress: today's queue, who has been handled, and the person
//! to show next. Built once when the review opens; after each action the view
//! calls [`ReviewSession::sync`], which only rereads the progress.

use chrono::NaiveDate;
use std::collections::HashSet;

use super::{Outcome, ReviewItem, ReviewProgress, Summary, queue};
use crate::config::Config;
use crate::model::{Book, Entry, Index, Kinds, Person, PersonFacts, PersonId};

/// How many of a person's latest entries the review shows.
pub const RECENT_ENTRIES: usize = 5;

#[derive(Debug, Clone)]
pub struct ReviewSession {
    today: NaiveDate,
    items: Vec<ReviewItem>,
    handled: Vec<(PersonId, Outcome)>,
    handled_set: HashSet<PersonId>,
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
    pub fn new(book: &Book, index: &Index, config: &Config, today: NaiveDate) -> ReviewSession {
        let mut session = ReviewSession {
            today,
            items: queue(book, index, config, today),
            handled: Vec::new(),
            handled_set: HashSet::new(),
        };
        session.sync(book);
        session
    }

    /// Rereads today's progress from `book` (after an action was applied, or
    /// another process changed the file).
    pub fn sync(&mut self, book: &Book) {
        self.handled = ReviewProgress::of(book, self.today).handled;
        self.handled_set = self.handled.iter().map(|(p, _)| *p).collect();
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The whole queue as it was when the review opened, handled people included.
    pub fn items(&self) -> &[ReviewItem] {
        &self.items
    }

    /// Who has been handled today, in order.
    pub fn handled(&self) -> &[(PersonId, Outcome)] {
        &self.handled
    }

    /// The queue minus the people handled today.
    pub fn remaining(&self) -> impl Iterator<Item = &ReviewItem> {
        self.items
            .iter()
            .filter(|item| !self.handled_set.contains(&item.person))
    }

    /// The next person to review.
    pub fn current(&self) -> Option<&ReviewItem> {
        self.remaining().next()
    }

    pub fn is_finished(&self) -> bool {
        self.current().is_none()
    }

    /// `(position, total)`, 1-based; the total stays put as people are handled
    /// even when handling them takes them out of the queue.
    pub fn progress(&self) -> (usize, usize) {
        let total = self.handled.len() + self.remaining().count();
        ((self.handled.len() + 1).min(total), total)
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
