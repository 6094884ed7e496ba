//! Styles from the terminal's own palette: named ANSI colours and modifiers,
//! never RGB. With colour off (`NO_COLOR`), only modifiers remain, so deeds,
//! due markers and the selection still stand out.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn plain(self) -> Style {
        Style::new()
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// `line` as the selected row of a list: one even bar across the row,
    /// its spans' own colours dropped (reverse video over coloured cells
    /// made a patchwork of bars); their modifiers stay (the finder's
    /// underlined matches).
    pub fn selected_row(self, line: Line<'_>) -> Line<'_> {
        let alignment = line.alignment;
        let spans: Vec<Span> = (line.spans.into_iter())
            .map(|s| {
                let style = Style {
                    fg: None,
                    bg: None,
                    ..s.style
                };
                Span::styled(s.content, style)
            })
            .collect();
        let mut bar = Line::from(spans).style(self.selected());
        bar.alignment = alignment;
        bar
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn deed(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn touch(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn due(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn label(self) -> Style {
        self.fg(Color::Blue)
    }

    pub fn accent(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A banner that asks for something (conflict copies to merge).
    pub fn warning(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    pub fn demo(self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    /// The characters a search query matched (bold and underlined, so they
    /// stand out without colour too).
    pub fn matched(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn active_tab(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
}
