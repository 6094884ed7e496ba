//! A scrolled view over text taller than its window (the `?` overlay). Keys
//! move the top line in `update`; drawing clamps it to the text it finds and
//! returns what it showed, which the app keeps, so `bottom` can ask for "as
//! far as it goes".

use crate::tui::panes::cursor::Shown;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll {
    top: usize,
    /// Rows seen at the last draw: how far PgUp/PgDn go.
    page: usize,
}

impl Scroll {
    pub fn down(&mut self, by: usize) {
        self.top = self.top.saturating_add(by);
    }

    pub fn up(&mut self, by: usize) {
        self.top = self.top.saturating_sub(by);
    }

    pub fn page(&self) -> usize {
        self.page.max(1)
    }

    pub fn top(&mut self) {
        self.top = 0;
    }

    pub fn bottom(&mut self) {
        self.top = usize::MAX;
    }

    /// The first of `height` rows to draw of `len`: never past the end.
    pub fn offset(&self, len: usize, height: usize) -> usize {
        self.top.min(len.saturating_sub(height))
    }

    /// What the last frame showed: keys scroll from there.
    pub fn shown(&mut self, shown: Shown) {
        self.top = shown.top;
        self.page = shown.rows;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame: draws `height` rows of `len` and keeps what it showed.
    fn frame(s: &mut Scroll, len: usize, height: usize) -> usize {
        let top = s.offset(len, height);
        s.shown(Shown { top, rows: height });
        top
    }

    #[test]
    fn stops_at_either_end() {
        let mut s = Scroll::default();
        assert_eq!(frame(&mut s, 30, 10), 0);
        s.down(s.page());
        assert_eq!(frame(&mut s, 30, 10), 10);
        s.bottom();
        assert_eq!(frame(&mut s, 30, 10), 20);
        s.up(1);
        assert_eq!(frame(&mut s, 30, 10), 19, "up from the clamped end");
        s.down(100);
        assert_eq!(frame(&mut s, 5, 10), 0, "text shorter than the window");
        s.down(3);
        s.top();
        assert_eq!(frame(&mut s, 30, 10), 0);
    }
}
