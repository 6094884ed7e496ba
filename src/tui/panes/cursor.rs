//! A list's selection and scroll offset. The selection changes only in
//! `update`; drawing reads the offset, scrolls just enough to show the
//! selection, and returns what it showed ([`Shown`]), which the app keeps for
//! the next frame and for how far PgUp/PgDn go.

use std::ops::Range;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    /// The first row shown at the last draw.
    offset: usize,
    /// Rows seen at the last draw: how far PgUp/PgDn go.
    page: usize,
}

/// What a drawing showed of a scrolled view: its first row and how many rows
/// it had room for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shown {
    pub top: usize,
    pub rows: usize,
}

impl Cursor {
    pub fn down(&mut self, by: usize, len: usize) {
        self.selected = (self.selected + by).min(len.saturating_sub(1));
    }

    pub fn up(&mut self, by: usize) {
        self.selected = self.selected.saturating_sub(by);
    }

    pub fn page(&self) -> usize {
        self.page.max(1)
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

    /// The rows to draw in `height` rows of a `len`-long list, scrolled from
    /// the last frame's just enough to show the selection.
    pub fn visible(&self, len: usize, height: usize) -> Range<usize> {
        let mut offset = self.offset;
        if self.selected < offset {
            offset = self.selected;
        } else if height > 0 && self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        offset = offset.min(len.saturating_sub(height));
        offset..(offset + height).min(len)
    }

    /// What the last frame showed: the next one scrolls from there.
    pub fn shown(&mut self, shown: Shown) {
        self.offset = shown.top;
        self.page = shown.rows;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame: draws `height` rows of `len` and keeps what it showed.
    fn frame(c: &mut Cursor, len: usize, height: usize) -> Range<usize> {
        let range = c.visible(len, height);
        c.shown(Shown {
            top: range.start,
            rows: height,
        });
        range
    }

    #[test]
    fn scrolls_only_as_far_as_needed() {
        let mut c = Cursor::default();
        assert_eq!(frame(&mut c, 100, 10), 0..10);
        c.down(12, 100);
        assert_eq!(frame(&mut c, 100, 10), 3..13);
        c.up(5);
        assert_eq!(frame(&mut c, 100, 10), 3..13, "still in view: no scroll");
        c.bottom(100);
        assert_eq!(frame(&mut c, 100, 10), 90..100);
        c.clamp(5);
        assert_eq!((c.selected, frame(&mut c, 5, 10)), (4, 0..5));
    }

    #[test]
    fn drawing_changes_nothing_and_a_page_is_what_was_shown() {
        let mut c = Cursor::default();
        assert_eq!(c.page(), 1, "before any frame");
        c.down(12, 100);
        assert_eq!(c.visible(100, 10), 3..13);
        assert_eq!(c.visible(100, 10), 3..13);
        assert_eq!(
            c,
            Cursor {
                selected: 12,
                ..Cursor::default()
            },
            "drawing wrote nothing"
        );
        frame(&mut c, 100, 10);
        assert_eq!(c.page(), 10);
        c.up(1);
        assert_eq!(c.visible(100, 10), 3..13, "from the last frame's offset");
    }
}
