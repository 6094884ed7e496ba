//! An entry's one-line texts (its summary, why a promise was released) as
//! they are held: a boxed `str`, 16 bytes where a `String` takes 24, since
//! they are set whole and never grown (100,000 entries: 0.8 MB a field). It
//! reads as a `str`, compares with one, and is written as a string.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Deref;

/// A text set whole: replaced, never appended to.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OneLine(Box<str>);

impl OneLine {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for OneLine {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for OneLine {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for OneLine {
    fn from(s: String) -> OneLine {
        OneLine(s.into_boxed_str())
    }
}

impl From<&str> for OneLine {
    fn from(s: &str) -> OneLine {
        OneLine(s.into())
    }
}

impl From<OneLine> for String {
    fn from(s: OneLine) -> String {
        s.0.into_string()
    }
}

/// As a `String` prints: quoted.
impl fmt::Debug for OneLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for OneLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for OneLine {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for OneLine {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for OneLine {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<OneLine> for &str {
    fn eq(&self, other: &OneLine) -> bool {
        **self == *other.0
    }
}

impl PartialEq<OneLine> for String {
    fn eq(&self, other: &OneLine) -> bool {
        **self == *other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_words_written_read_and_printed_as_a_string_is() {
        assert_eq!(std::mem::size_of::<OneLine>(), 16);
        assert_eq!(std::mem::size_of::<Option<OneLine>>(), 16);
        for text in ["", "coffee at Olé", "a \"quoted\" word\\"] {
            let line = OneLine::from(text);
            let written = ron::to_string(&line).unwrap();
            assert_eq!(written, ron::to_string(&text.to_string()).unwrap());
            assert_eq!(ron::from_str::<OneLine>(&written).unwrap(), text);
            assert_eq!(format!("{line:?}"), format!("{:?}", text.to_string()));
            assert_eq!(line.to_string(), text);
            assert_eq!(String::from(line.clone()), text);
            assert_eq!(line, text);
            assert_eq!(text, line);
            assert_eq!(line.as_str(), text);
        }
    }
}
