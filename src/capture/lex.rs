//! Splits a capture line into words and says what each word looks like.
//! Whether a word is *used* as what it looks like depends on where it stands;
//! that is the parser's business.

use std::ops::Range;

use super::dates::looks_like_date;
use super::{CaptureError, CaptureErrorKind};
use crate::model::Direction;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub span: Range<usize>,
    /// The word as typed.
    pub text: &'a str,
    pub class: Class<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Class<'a> {
    /// `@name`: the name (dots as spaces, whitespace collapsed) and any
    /// trailing `,` or `;` typed after it.
    Mention {
        name: String,
        suffix: &'a str,
    },
    /// `kind:`, `<kind:`, `=kind:`: the direction and the name without sigil or colon.
    Kind {
        direction: Direction,
        name: &'a str,
    },
    /// Looks like a date (`-2d`, `fri`, `2026-11-02`).
    Date,
    /// `!` and something: a follow-up date (the part after `!`).
    FollowUp(&'a str),
    /// `\word`: the word, always plain text.
    Escaped(&'a str),
    Word,
}

/// The words of `line`, with their byte spans.
pub(crate) fn lex(line: &str) -> Result<Vec<Token<'_>>, CaptureError> {
    let mut tokens = Vec::new();
    let mut rest = line.char_indices().peekable();
    while let Some(&(start, c)) = rest.peek() {
        if c.is_whitespace() {
            rest.next();
            continue;
        }
        let end = if line[start..].starts_with("@\"") {
            match line[start + 2..].find('"') {
                Some(close) => start + 2 + close + 1,
                None => {
                    return Err(CaptureError::new(
                        start..line.trim_end().len(),
                        CaptureErrorKind::UnclosedQuote,
                    ));
                }
            }
        } else {
            line[start..]
                .find(char::is_whitespace)
                .map_or(line.len(), |n| start + n)
        };
        while rest.peek().is_some_and(|(i, _)| *i < end) {
            rest.next();
        }
        let text = &line[start..end];
        tokens.push(Token {
            span: start..end,
            text,
            class: classify(text),
        });
    }
    Ok(tokens)
}

/// What one word looks like on its own.
pub(crate) fn classify(text: &str) -> Class<'_> {
    if let Some(word) = text.strip_prefix('\\')
        && !word.is_empty()
    {
        return Class::Escaped(word);
    }
    if let Some(raw) = text.strip_prefix('@') {
        let (name, suffix) = match raw.strip_prefix('"') {
            Some(quoted) => (quoted.strip_suffix('"').unwrap_or(quoted).to_string(), ""),
            None => {
                let body = raw.trim_end_matches([',', ';']);
                (body.replace('.', " "), &raw[body.len()..])
            }
        };
        let name = collapse(&name);
        if !name.is_empty() {
            return Class::Mention { name, suffix };
        }
        return Class::Word;
    }
    if let Some(date) = text.strip_prefix('!')
        && !date.is_empty()
    {
        return Class::FollowUp(date);
    }
    if looks_like_date(text) {
        return Class::Date;
    }
    if let Some((direction, name)) = kind_shape(text) {
        return Class::Kind { direction, name };
    }
    Class::Word
}

/// `favor:`, `<intro:`, `=collab:`, `>gift:`: a letter, then letters, digits,
/// `-` or `_`, then the colon ending the word.
fn kind_shape(text: &str) -> Option<(Direction, &str)> {
    let (direction, rest) = match text.as_bytes().first()? {
        b'<' => (Direction::Received, &text[1..]),
        b'=' => (Direction::Mutual, &text[1..]),
        b'>' => (Direction::Gave, &text[1..]),
        _ => (Direction::Gave, text),
    };
    let name = rest.strip_suffix(':')?;
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(char::is_alphabetic);
    let rest_ok = chars.all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    (first_ok && rest_ok).then_some((direction, name))
}

/// Whitespace runs become one space; ends trimmed.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_whitespace_and_keeps_quoted_names_whole() {
        let line = "  @\"Ana  María\"\tfav: deck  -2d ";
        let tokens = lex(line).unwrap();
        let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["@\"Ana  María\"", "fav:", "deck", "-2d"]);
        assert_eq!(&line[tokens[3].span.clone()], "-2d");
        assert_eq!(
            tokens[0].class,
            Class::Mention {
                name: "Ana María".into(),
                suffix: ""
            }
        );
    }

    #[test]
    fn classifies_words() {
        assert_eq!(
            classify("@ana.maria,"),
            Class::Mention {
                name: "ana maria".into(),
                suffix: ","
            }
        );
        assert_eq!(classify("@"), Class::Word);
        assert_eq!(classify("@.,"), Class::Word);
        assert_eq!(
            classify("<intro:"),
            Class::Kind {
                direction: Direction::Received,
                name: "intro"
            }
        );
        assert_eq!(classify("https://x.org"), Class::Word);
        assert_eq!(classify("re:"), classify("re:"));
        assert_eq!(classify("!+1w"), Class::FollowUp("+1w"));
        assert_eq!(classify("!"), Class::Word);
        assert_eq!(classify("\\today"), Class::Escaped("today"));
        assert_eq!(classify("\\"), Class::Word);
        assert_eq!(classify("yesterday"), Class::Date);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_the_mention() {
        let err = lex("coffee: @\"Ana María ").unwrap_err();
        assert_eq!(err.kind, CaptureErrorKind::UnclosedQuote);
        assert_eq!(err.span, 8..20);
    }
}
