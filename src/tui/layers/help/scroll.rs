//! A scrolled view over text taller than its window (the `?` overlay). Keys
//! move the top line in `update`; drawing clamps it to the text it finds
//! (hence the `Cell`s), so `bottom` can ask for "as far as it goes".

use std::cell::Cell;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll {
    top: Cell<usize>,
    /// Rows seen at the last draw: how far PgUp/PgDn go.
    page: Cell<usize>,
}

impl Scroll {
    pub fn down(&mut self, by: usize) {
        self.top.set(self.top.get().saturating_add(by));
    }

    pub fn up(&mut self, by: usize) {
        self.top.set(self.top.get().saturating_sub(by));
    }

    pub fn page(&self) -> usize {
        self.page.get().max(1)
    }

    pub fn top(&mut self) {
        self.top.set(0);
    }

    pub fn bottom(&mut self) {
        self.top.set(usize::MAX);
    }

    /// The first of `height` rows to draw of `len`: never past the end.
    pub fn offset(&self, len: usize, height: usize) -> usize {
        self.page.set(height);
        let top = self.top.get().min(len.saturating_sub(height));
        self.top.set(top);
        top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_either_end() {
        let mut s = Scroll::default();
        assert_eq!(s.offset(30, 10), 0);
        s.down(s.page());
        assert_eq!(s.offset(30, 10), 10);
        s.bottom();
        assert_eq!(s.offset(30, 10), 20);
        s.up(1);
        assert_eq!(s.offset(30, 10), 19, "up from the clamped end");
        s.down(100);
        assert_eq!(s.offset(5, 10), 0, "text shorter than the window");
        s.down(3);
        s.top();
        assert_eq!(s.offset(30, 10), 0);
    }
}
