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

/// Where a record of the merged book is: at `.1` in input list `.0`, or
/// new. Found while the merge still borrows its inputs, so that afterwards
/// the records can be moved out of them (see [`moved`]).
pub(super) enum Src<T> {
    At(usize, usize),
    New(Box<T>),
}

/// Each of `recs` as a place in one of `lists` (by address), or as a new
/// record when it is none of theirs.
pub(super) fn places<T: Clone>(recs: Vec<Rec<'_, T>>, lists: [&[T]; 3]) -> Vec<Src<T>> {
    let ranges = lists.map(|l| l.as_ptr_range());
    recs.into_iter()
        .map(|r| match r {
            Rec::Borrowed(v) => {
                let at = ranges
                    .iter()
                    .position(|r| r.contains(&std::ptr::from_ref(v)));
                match at {
                    // In bounds of list `l`, so the offset is an index of it.
                    Some(l) => Src::At(l, index_of(lists[l], v)),
                    None => Src::New(Box::new(v.clone())),
                }
            }
            Rec::Owned(v) => Src::New(v),
        })
        .collect()
}

/// The index of `v` in `list`, which holds it.
fn index_of<T>(list: &[T], v: &T) -> usize {
    let size = std::mem::size_of::<T>().max(1);
    (std::ptr::from_ref(v) as usize - list.as_ptr() as usize) / size
}

/// The records `srcs` place, moved out of `lists` (each replaced by
/// `blank()`); one placed twice is cloned instead.
pub(super) fn moved<T: Clone>(
    srcs: Vec<Src<T>>,
    lists: [&mut Vec<T>; 3],
    blank: fn() -> T,
) -> Vec<T> {
    let mut uses: [Vec<u8>; 3] = [0, 1, 2].map(|l| vec![0u8; lists[l].len()]);
    for s in &srcs {
        if let Src::At(l, i) = s {
            uses[*l][*i] = uses[*l][*i].saturating_add(1);
        }
    }
    srcs.into_iter()
        .map(|s| match s {
            Src::At(l, i) if uses[l][i] == 1 => std::mem::replace(&mut lists[l][i], blank()),
            Src::At(l, i) => lists[l][i].clone(),
            Src::New(v) => *v,
        })
        .collect()
}
