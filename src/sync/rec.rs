//! A record of the merged book as it is built: one of the inputs'
//! records, borrowed, or a new one. Most records of a merge come through
//! unchanged, so the merged book borrows them instead of cloning a heavy
//! book once more; a record the merge changes is copied then.

use std::borrow::Cow;
use std::ops::Deref;

pub(super) enum Rec<'a, T> {
    Borrowed(&'a T),
    /// Boxed, so a list of mostly borrowed records stays small.
    Owned(Box<T>),
}

impl<'a, T: Clone> Rec<'a, T> {
    /// `v`, borrowed when it is one of `inputs` (the record itself, not a
    /// copy), else copied.
    pub fn of(v: &T, inputs: impl IntoIterator<Item = Option<&'a T>>) -> Rec<'a, T> {
        match inputs.into_iter().flatten().find(|x| std::ptr::eq(*x, v)) {
            Some(x) => Rec::Borrowed(x),
            None => Rec::Owned(Box::new(v.clone())),
        }
    }

    pub fn new(v: T) -> Rec<'a, T> {
        Rec::Owned(Box::new(v))
    }

    /// The record, to change: copied first if it was borrowed.
    pub fn to_mut(&mut self) -> &mut T {
        if let Rec::Borrowed(v) = self {
            *self = Rec::new((*v).clone());
        }
        match self {
            Rec::Owned(v) => v,
            Rec::Borrowed(_) => unreachable!("just copied"),
        }
    }

    pub fn into_owned(self) -> T {
        match self {
            Rec::Borrowed(v) => v.clone(),
            Rec::Owned(v) => *v,
        }
    }
}

/// The borrowed input behind a `Cow`, if it is one.
pub(super) fn borrowed<'a, T: Clone>(v: &Option<Cow<'a, T>>) -> Option<&'a T> {
    match v {
        Some(Cow::Borrowed(x)) => Some(x),
        _ => None,
    }
}

impl<'a, T: Clone> From<Cow<'a, T>> for Rec<'a, T> {
    fn from(v: Cow<'a, T>) -> Rec<'a, T> {
        match v {
            Cow::Borrowed(v) => Rec::Borrowed(v),
            Cow::Owned(v) => Rec::new(v),
        }
    }
}

impl<T> Deref for Rec<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Rec::Borrowed(v) => v,
            Rec::Owned(v) => v,
        }
    }
}

impl<T> std::borrow::Borrow<T> for Rec<'_, T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T: PartialEq> PartialEq for Rec<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Clone> Clone for Rec<'_, T> {
    fn clone(&self) -> Self {
        match self {
            Rec::Borrowed(v) => Rec::Borrowed(v),
            Rec::Owned(v) => Rec::Owned(v.clone()),
        }
    }
}
