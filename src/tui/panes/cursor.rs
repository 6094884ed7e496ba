//! A list's selection and scroll offset. The selection changes only in
//! `update`; the offset and page size are scroll state, which drawing may
//! adjust (hence the `Cell`s) so the selection stays in view.

use std::cell::Cell;
use std::ops::Range;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    offset: Cell<usize>,
    /// Rows seen at the last draw: how far PgUp/PgDn go.
    page: Cell<usize>,
}

impl Cursor {
    pub fn down(&mut self, by: usize, len: usize) {
        self.selected = (self.selected + by).min(len.saturating_sub(1));
    }

    pub fn up(&mut self, by: usize) {
        self.selected = self.selected.saturating_sub(by);
    }

    pub fn page(&self) -> usize {
        self.page.get().max(1)
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
    }

    /// Keeps the selection inside a list that may have shrunk.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The rows to draw in `height` rows of a `len`-long list, scrolled just
    /// enough to show the selection.
    pub fn visible(&self, len: usize, height: usize) -> Range<usize> {
        self.page.set(height);
        let mut offset = self.offset.get();
        if self.selected < offset {
            offset = self.selected;
        } else if height > 0 && self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        offset = offset.min(len.saturating_sub(height));
        self.offset.set(offset);
        offset..(offset + height).min(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_only_as_far_as_needed() {
        let mut c = Cursor::default();
        assert_eq!(c.visible(100, 10), 0..10);
        c.down(12, 100);
        assert_eq!(c.visible(100, 10), 3..13);
        c.up(5);
        assert_eq!(c.visible(100, 10), 3..13, "still in view: no scroll");
        c.bottom(100);
        assert_eq!(c.visible(100, 10), 90..100);
        c.clamp(5);
        assert_eq!((c.selected, c.visible(5, 10)), (4, 0..5));
    }
}
