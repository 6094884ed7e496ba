//! The `?` overlay: every key of the layer underneath, scrolled when it does
//! not fit.

pub mod draw;
pub mod scroll;

use crate::tui::keys::action::Action;
use crate::tui::layers::Outcome;

use scroll::Scroll;

#[derive(Default)]
pub struct HelpLayer {
    pub scroll: Scroll,
}

impl HelpLayer {
    pub fn handle(&mut self, action: Action) -> Outcome {
        let s = &mut self.scroll;
        match action {
            Action::Up => s.up(1),
            Action::Down => s.down(1),
            Action::PageUp => s.up(s.page()),
            Action::PageDown => s.down(s.page()),
            Action::Top => s.top(),
            Action::Bottom => s.bottom(),
            Action::Help => {}
            Action::Back => return Outcome::Close,
            _ => return Outcome::Pass,
        }
        Outcome::Keep
    }
}
