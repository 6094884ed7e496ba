//! The lexical layer of vCard (RFC 6350 §3, RFC 2426, and the 2.1 that phones
//! still write): unfolding, content lines `[group.]NAME;params:value`, params
//! with and without `=`, escapes, and 2.1's quoted-printable values.

use crate::charset;

/// A logical line, unfolded and decoded, and the physical line it starts on.
pub(crate) struct Logical {
    pub line: usize,
    pub text: String,
    /// Bytes that had to be decoded with a guessed character set, or could
    /// not be decoded at all (then `text` is empty).
    pub problem: Option<String>,
}

/// Joins folded lines (a line starting with a space or tab continues the one
/// before) and 2.1 quoted-printable soft breaks (a QP value ending in `=`),
/// on bytes, so a fold in the middle of a UTF-8 sequence does no harm; then
/// decodes each logical line: UTF-8 when it is valid UTF-8 (a Latin-1 value
/// that happens to be valid UTF-8 is vanishingly rare), else in the set its
/// `CHARSET=` names, else as Latin-1, which old phones meant.
pub(crate) fn unfold(bytes: &[u8]) -> Vec<Logical> {
    let mut raw: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut soft_break = false;
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let continued = matches!(line.first(), Some(b' ' | b'\t'));
        match raw.last_mut() {
            Some((_, last)) if continued => last.extend_from_slice(&line[1..]),
            Some((_, last)) if soft_break => {
                last.pop(); // the `=`
                last.extend_from_slice(line);
            }
            _ => raw.push((i + 1, line.to_vec())),
        }
        let last = &raw.last().expect("pushed or extended above").1;
        soft_break = last.ends_with(b"=") && is_quoted_printable(last);
    }
    raw.into_iter()
        .map(|(line, bytes)| decode_line(line, bytes))
        .collect()
}

fn decode_line(line: usize, bytes: Vec<u8>) -> Logical {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Logical {
                line,
                text,
                problem: None,
            };
        }
        Err(e) => e.into_bytes(),
    };
    let colon = bytes.iter().position(|b| *b == b':').unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..colon]).into_owned();
    let declared = charset_param(&head);
    let value = &bytes[(colon + 1).min(bytes.len())..];
    let (value, problem) = match &declared {
        Some(label) => match charset::decode_named(value, label) {
            Ok(v) => (v, None),
            Err(why) => (String::new(), Some(why)),
        },
        None => {
            let (v, _) = charset::decode_guess(value);
            let why = "bytes that are not UTF-8 read as Latin-1 (Windows-1252)".to_string();
            (v, Some(why))
        }
    };
    if value.is_empty() && problem.is_some() {
        return Logical {
            line,
            text: String::new(),
            problem,
        };
    }
    Logical {
        line,
        text: format!("{head}:{value}"),
        problem,
    }
}

/// The `CHARSET=` of a content line's head, unless it is UTF-8.
fn charset_param(head: &str) -> Option<String> {
    head.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        let v = v.trim().trim_matches('"');
        (k.trim().eq_ignore_ascii_case("CHARSET") && !v.eq_ignore_ascii_case("UTF-8"))
            .then(|| v.to_string())
    })
}

fn is_quoted_printable(line: &[u8]) -> bool {
    let colon = line.iter().position(|b| *b == b':').unwrap_or(line.len());
    String::from_utf8_lossy(&line[..colon])
        .to_ascii_uppercase()
        .contains("QUOTED-PRINTABLE")
}

/// A parsed content line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Content {
    /// Upper case, without any group prefix (`item1.EMAIL` is `EMAIL`).
    pub name: String,
    /// Upper-case keys; a 2.1 bare param (`TEL;HOME:`) is a `TYPE`.
    pub params: Vec<(String, String)>,
    /// The raw value, still escaped (but quoted-printable already decoded).
    pub value: String,
    /// Base64 (a photo, a key): the value is left empty.
    pub binary: bool,
    /// A quoted-printable value with no CHARSET that was not UTF-8, read as
    /// Latin-1 (what old phones meant).
    pub latin1: bool,
}

impl Content {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn has_type(&self, t: &str) -> bool {
        self.params
            .iter()
            .any(|(k, v)| k == "TYPE" && v.split(',').any(|x| x.trim().eq_ignore_ascii_case(t)))
    }
}

/// Splits a logical line. `Err` says why it is not a content line.
pub(crate) fn parse_content(line: &str) -> Result<Content, String> {
    let colon = find_unquoted(line, ':').ok_or("no `:` between name and value")?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let full_name = parts.next().unwrap_or_default();
    let name = full_name.rsplit('.').next().unwrap_or("").trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("`{full_name}` is not a property name"));
    }
    let params: Vec<(String, String)> = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_string(),
            ),
            None => ("TYPE".to_string(), p.trim().to_string()),
        })
        .collect();
    let mut content = Content {
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_string(),
        binary: false,
        latin1: false,
    };
    let encoding = content.param("ENCODING").map(str::to_ascii_uppercase);
    let qp =
        encoding.as_deref() == Some("QUOTED-PRINTABLE") || content.has_type("QUOTED-PRINTABLE");
    if qp {
        let bytes = decode_quoted_printable(value)?;
        content.value = match content.param("CHARSET") {
            Some(label) if !label.eq_ignore_ascii_case("UTF-8") => {
                charset::decode_named(&bytes, label)?
            }
            Some(_) => std::str::from_utf8(&bytes)
                .map_err(|_| "a quoted-printable value is not valid UTF-8; left out")?
                .to_string(),
            None => {
                let (v, latin1) = charset::decode_guess(&bytes);
                content.latin1 = latin1;
                v
            }
        };
    } else if matches!(encoding.as_deref(), Some("B" | "BASE64")) {
        content.value.clear();
        content.binary = true;
    }
    Ok(content)
}

fn find_unquoted(s: &str, target: char) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c == target && !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn split_unquoted(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = find_unquoted(rest, sep) {
        out.push(&rest[..i]);
        rest = &rest[i + 1..];
    }
    out.push(rest);
    out
}

fn decode_quoted_printable(s: &str) -> Result<Vec<u8>, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("bad quoted-printable near `{}`", &s[i..]))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// Undoes vCard text escapes: `\n` `\N` `\,` `\;` `\\` (and a stray `\:`).
pub(crate) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a structured value on unescaped `sep`, unescaping each component.
pub(crate) fn split_escaped(s: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            parts.push(unescape(&s[start..i]));
            start = i + 1;
        }
    }
    parts.push(unescape(&s[start..]));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_crlf_lf_and_tab_continuations() {
        let lines = unfold(b"BEGIN:VCARD\r\nNOTE:one \r\n two\r\n\tthree\nEND:VCARD");
        let texts: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["BEGIN:VCARD", "NOTE:one twothree", "END:VCARD"]);
        assert_eq!(lines[2].line, 5);
    }

    #[test]
    fn groups_bare_params_and_quoted_params() {
        let c = parse_content("item1.EMAIL;type=INTERNET;type=pref:a@x.org").unwrap();
        assert_eq!((c.name.as_str(), c.value.as_str()), ("EMAIL", "a@x.org"));
        assert!(c.has_type("internet"));
        let c = parse_content("TEL;HOME;VOICE:555").unwrap();
        assert!(c.has_type("HOME") && c.has_type("voice"));
        let c = parse_content("X-ABLABEL;X-X=\"a:b\":label").unwrap();
        assert_eq!(c.value, "label");
        assert!(parse_content("just text").is_err());
    }

    #[test]
    fn quoted_printable_with_soft_breaks_and_charset() {
        let lines = unfold(
            b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9 =\r\nGarc=C3=ADa\r\nEND:VCARD",
        );
        assert_eq!(lines.len(), 2);
        let c = parse_content(&lines[0].text).unwrap();
        assert_eq!(c.value, "José García");
        let c = parse_content("FN;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Jos=E9").unwrap();
        assert_eq!(c.value, "José");
        assert!(parse_content("FN;ENCODING=QUOTED-PRINTABLE:bad=Z").is_err());
        let c =
            parse_content("NOTE;CHARSET=WINDOWS-1252;QUOTED-PRINTABLE:Euro =80 =93x=94").unwrap();
        assert_eq!(c.value, "Euro € “x”");
        let c = parse_content("NOTE;ENCODING=QUOTED-PRINTABLE:umlaut u - =FC").unwrap();
        assert_eq!((c.value.as_str(), c.latin1), ("umlaut u - ü", true));
        assert!(parse_content("NOTE;CHARSET=UTF-8;QUOTED-PRINTABLE:=FF").is_err());
    }

    #[test]
    fn eight_bit_lines_declared_guessed_and_undecodable() {
        let lines = unfold(b"FN;CHARSET=ISO-8859-1:Jos\xe9\nNOTE:caf\xe9\nX:\xe9\xa9");
        assert_eq!(lines[0].text, "FN;CHARSET=ISO-8859-1:José");
        assert_eq!(lines[0].problem, None);
        assert_eq!(lines[1].text, "NOTE:café");
        assert!(lines[1].problem.as_deref().unwrap().contains("Latin-1"));
        let bad = unfold(b"FN;CHARSET=UTF-8:\xff");
        assert_eq!(
            bad[0].text, "FN;CHARSET=UTF-8:ÿ",
            "broken UTF-8 is Latin-1, and said"
        );
        assert!(bad[0].problem.is_some());
        let bad = unfold(b"FN;CHARSET=SHIFT_JIS:\x82");
        assert!(bad[0].text.is_empty() && bad[0].problem.is_some());
    }

    #[test]
    fn escapes_and_structured_values() {
        assert_eq!(unescape(r"a\, b\; c\nd\\e"), "a, b; c\nd\\e");
        assert_eq!(
            split_escaped(r"García\; Jr;Ana;;;", ';'),
            vec!["García; Jr", "Ana", "", "", ""]
        );
        assert_eq!(split_escaped(r"a\,b,c", ','), vec!["a,b", "c"]);
    }
}
