//! Bytes to text, with encoding_rs: UTF-8 (with or without a BOM), UTF-16
//! files (old Google CSV exports, some phones' vCards), and the 8-bit sets old
//! tools wrote (vCard 2.1 `CHARSET=`, raw Latin-1). A value that cannot be
//! decoded is an error the caller reports, never U+FFFD stored silently.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// A whole file as text. UTF-16 is found by its BOM or, without one, by the
/// zero bytes of ASCII text; the note says when the file was not UTF-8.
pub(super) struct FileText {
    pub text: String,
    pub note: Option<String>,
    /// Read as UTF-8 or UTF-16 (else as Windows-1252).
    pub unicode: bool,
}

/// Decodes a whole file that is UTF-8 or UTF-16. `Ok(None)` when it is
/// neither (the caller then decodes line by line, or as Windows-1252).
pub(super) fn decode_unicode(bytes: &[u8]) -> Result<Option<FileText>, String> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return decode_all(enc, &bytes[bom..]).map(Some);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return decode_all(enc, bytes).map(Some);
    }
    Ok(std::str::from_utf8(bytes).ok().map(|t| FileText {
        text: t.to_string(),
        note: None,
        unicode: true,
    }))
}

fn decode_all(enc: &'static Encoding, bytes: &[u8]) -> Result<FileText, String> {
    let text = enc
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| format!("the file is not valid {}", enc.name()))?;
    let note = (enc != UTF_8).then(|| format!("the file is {}; decoded", enc.name()));
    Ok(FileText {
        text: text.into_owned(),
        note,
        unicode: true,
    })
}

/// ASCII text in UTF-16 has a zero byte in every other place.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(200) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros = |odd: usize| {
        head.iter()
            .skip(odd)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = head.len() / 2;
    if zeros(1) * 10 >= half * 9 && zeros(0) == 0 {
        Some(UTF_16LE)
    } else if zeros(0) * 10 >= half * 9 && zeros(1) == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A file that is no Unicode at all, read as Windows-1252 (what "Latin-1"
/// means in practice: ISO-8859-1 plus `€ “ ”` in 0x80–0x9F).
pub(super) fn decode_8bit(bytes: &[u8]) -> FileText {
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    FileText {
        text: text.into_owned(),
        note: Some("the file is not UTF-8; read as Windows-1252 (Latin-1)".into()),
        unicode: false,
    }
}

/// Decodes bytes in the character set a vCard names (`CHARSET=ISO-8859-1`).
pub(super) fn decode_named(bytes: &[u8], label: &str) -> Result<String, String> {
    let enc = Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown character set `{label}`; left out"))?;
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| format!("a value is not valid {label}; left out"))
}

/// Bytes with no charset named: UTF-8 when they are, else Latin-1 (what old
/// phones meant). The flag says Latin-1 was assumed.
pub(super) fn decode_guess(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(t) => (t.to_string(), false),
        Err(_) => (WINDOWS_1252.decode(bytes).0.into_owned(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = "\u{feff}FN:Zoë"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let t = decode_unicode(&le).unwrap().unwrap();
        assert_eq!(t.text, "FN:Zoë");
        assert!(t.note.unwrap().contains("UTF-16LE"));
        let be: Vec<u8> = "BEGIN:VCARD"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode_unicode(&be).unwrap().unwrap().text, "BEGIN:VCARD");
        assert!(decode_unicode(b"caf\xe9").unwrap().is_none());
        assert_eq!(decode_unicode(b"plain").unwrap().unwrap().note, None);
    }

    #[test]
    fn named_and_guessed_charsets() {
        assert_eq!(
            decode_named(b"Euro \x80", "windows-1252").unwrap(),
            "Euro €"
        );
        assert_eq!(decode_named(b"\xfc", "ISO-8859-1").unwrap(), "ü");
        assert!(decode_named(b"\xff", "UTF-8").is_err(), "no U+FFFD");
        assert!(decode_named(b"x", "klingon").is_err());
        assert_eq!(decode_guess(b"\x93quoted\x94"), ("“quoted”".into(), true));
        assert_eq!(decode_guess("é".as_bytes()), ("é".into(), false));
    }
}
