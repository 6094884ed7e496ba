//! The lexical layer of vCard (RFC 6350 §3, RFC 2426, and the 2.1 that phones
//! still write): unfolding, content lines `[group.]NAME;params:value`, params
//! with and without `=`, escapes, and 2.1's quoted-printable values.

/// A logical line, unfolded, and the physical line it starts on.
pub(super) struct Logical {
    pub line: usize,
    pub text: String,
}

/// Joins folded lines (a line starting with a space or tab continues the one
/// before) and 2.1 quoted-printable soft breaks (a QP value ending in `=`).
pub(super) fn unfold(text: &str) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    let mut soft_break = false;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let continued = raw.starts_with([' ', '\t']);
        match out.last_mut() {
            Some(last) if continued => last.text.push_str(&raw[1..]),
            Some(last) if soft_break => {
                last.text.pop(); // the `=`
                last.text.push_str(raw);
            }
            _ => out.push(Logical {
                line: i + 1,
                text: raw.to_string(),
            }),
        }
        let last = out.last().expect("pushed or extended above");
        soft_break = last.text.ends_with('=') && is_quoted_printable(&last.text);
    }
    out
}

fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("");
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// A parsed content line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Content {
    /// Upper case, without any group prefix (`item1.EMAIL` is `EMAIL`).
    pub name: String,
    /// Upper-case keys; a 2.1 bare param (`TEL;HOME:`) is a `TYPE`.
    pub params: Vec<(String, String)>,
    /// The raw value, still escaped (but quoted-printable already decoded).
    pub value: String,
    /// Base64 (a photo, a key): the value is left empty.
    pub binary: bool,
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
pub(super) fn parse_content(line: &str) -> Result<Content, String> {
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
    };
    let encoding = content.param("ENCODING").map(str::to_ascii_uppercase);
    let qp =
        encoding.as_deref() == Some("QUOTED-PRINTABLE") || content.has_type("QUOTED-PRINTABLE");
    if qp {
        let bytes = decode_quoted_printable(value)?;
        content.value = decode_charset(&bytes, content.param("CHARSET"));
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

fn decode_charset(bytes: &[u8], charset: Option<&str>) -> String {
    let latin1 = charset.is_some_and(|c| {
        let c = c.to_ascii_uppercase();
        c == "ISO-8859-1" || c == "LATIN1" || c == "WINDOWS-1252"
    });
    if latin1 && std::str::from_utf8(bytes).is_err() {
        bytes.iter().map(|b| char::from(*b)).collect()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Undoes vCard text escapes: `\n` `\N` `\,` `\;` `\\` (and a stray `\:`).
pub(super) fn unescape(s: &str) -> String {
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
pub(super) fn split_escaped(s: &str, sep: char) -> Vec<String> {
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
        let lines = unfold("BEGIN:VCARD\r\nNOTE:one \r\n two\r\n\tthree\nEND:VCARD");
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
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jos=C3=A9 =\r\nGarc=C3=ADa\r\nEND:VCARD",
        );
        assert_eq!(lines.len(), 2);
        let c = parse_content(&lines[0].text).unwrap();
        assert_eq!(c.value, "José García");
        let c = parse_content("FN;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Jos=E9").unwrap();
        assert_eq!(c.value, "José");
        assert!(parse_content("FN;ENCODING=QUOTED-PRINTABLE:bad=Z").is_err());
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
