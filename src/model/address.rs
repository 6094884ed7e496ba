//! A postal address of a person, and the two ways kith writes one as text:
//! the line a card or `kith show` shows (`Calle 1, 28001 Madrid, Spain`)
//! and the line the form and `kith edit --address` read and write, one
//! component per `;` (`home: Calle 1; Madrid; ; 28001; Spain`), so every
//! part of an address can be typed back without a guess at where a city ends.

use serde::{Deserialize, Serialize};

/// One postal address. Every part is optional; the label says which address
/// it is (`home`, `work`, or the user's own word). In the file an address is
/// one `(label: …, street: …)` on its person's line: the parts a reader of
/// vCard ADR, Google's and Outlook's CSV all have, each under its own name,
/// so a hand edit or a diff reads as the address book shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub street: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub locality: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postal_code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
}

impl Address {
    /// No part but perhaps a label: nothing to send a letter to.
    pub fn is_empty(&self) -> bool {
        self.parts().iter().all(|p| p.trim().is_empty())
    }

    /// Street, locality, region, postal code, country.
    pub fn parts(&self) -> [&str; 5] {
        [
            &self.street,
            &self.locality,
            &self.region,
            &self.postal_code,
            &self.country,
        ]
    }

    fn parts_mut(&mut self) -> [&mut String; 6] {
        [
            &mut self.label,
            &mut self.street,
            &mut self.locality,
            &mut self.region,
            &mut self.postal_code,
            &mut self.country,
        ]
    }

    /// Every part trimmed, a street's line breaks as `, ` (one-line fields).
    pub fn trimmed(mut self) -> Address {
        for part in self.parts_mut() {
            let lines: Vec<&str> = part
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            *part = lines.join(", ");
        }
        self
    }

    /// The address as one line to read: `Calle 1, 28001 Madrid, Madrid, Spain`
    /// (postal code before the locality, as most of the world writes it).
    pub fn one_line(&self) -> String {
        let town = [self.postal_code.trim(), self.locality.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [
            self.street.trim(),
            town.as_str(),
            self.region.trim(),
            self.country.trim(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }

    /// [`Address::one_line`] with its label after it, as `kith show` and
    /// the card print it: `Calle 1, 28001 Madrid, Spain (home)`.
    pub fn labelled(&self) -> String {
        match self.label.trim() {
            "" => self.one_line(),
            label => format!("{} ({label})", self.one_line()),
        }
    }

    /// The line the form and `kith edit` read back with [`Address::parse`]:
    /// `label: street; locality; region; postal code; country`, empty parts
    /// at the end left out.
    pub fn edit_text(&self) -> String {
        let mut parts: Vec<&str> = self.parts().into_iter().map(str::trim).collect();
        while parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
        }
        let body = parts.join("; ");
        match self.label.trim() {
            // A colon in the street would read as a label: an empty one first.
            "" if parts.first().is_some_and(|p| p.contains(':')) => format!(": {body}"),
            "" => body,
            label => format!("{label}: {body}"),
        }
    }

    /// Reads [`Address::edit_text`]'s line. A `label:` before the first `;`
    /// names it; then street, locality, region, postal code and country, one
    /// per `;`. Text without a `;` is all street. `Err` says what is wrong.
    pub fn parse(text: &str) -> Result<Address, String> {
        let text = text.trim();
        let first_part_end = text.find(';').unwrap_or(text.len());
        let (label, body) = match text[..first_part_end].split_once(':') {
            Some(("", _)) => ("", text[1..].trim()),
            Some((label, _)) if !label.trim().is_empty() && !label.contains("//") => {
                (label.trim(), text[label.len() + 1..].trim())
            }
            _ => ("", text),
        };
        let parts: Vec<&str> = body.split(';').map(str::trim).collect();
        if parts.len() > 5 {
            return Err(format!(
                "`{text}` has {} parts; an address has at most 5 \
                 (street; locality; region; postal code; country)",
                parts.len()
            ));
        }
        let at = |i: usize| parts.get(i).copied().unwrap_or("").to_string();
        let a = Address {
            label: label.to_string(),
            street: at(0),
            locality: at(1),
            region: at(2),
            postal_code: at(3),
            country: at(4),
        };
        if a.is_empty() {
            return Err(format!("`{text}` has no street, place or country"));
        }
        Ok(a)
    }

    /// Some part or the label contains `needle` (already lower-case).
    pub fn mentions(&self, needle: &str) -> bool {
        self.parts()
            .into_iter()
            .chain([self.label.as_str()])
            .any(|p| p.to_lowercase().contains(needle))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calle() -> Address {
        Address {
            label: "home".into(),
            street: "Calle 1".into(),
            locality: "Madrid".into(),
            postal_code: "28001".into(),
            country: "Spain".into(),
            ..Address::default()
        }
    }

    #[test]
    fn edit_text_reads_back_as_the_same_address() {
        let a = calle();
        assert_eq!(a.edit_text(), "home: Calle 1; Madrid; ; 28001; Spain");
        assert_eq!(Address::parse(&a.edit_text()), Ok(a.clone()));
        assert_eq!(a.one_line(), "Calle 1, 28001 Madrid, Spain");
        let plain = Address::parse("Rue de Rivoli 3").unwrap();
        assert_eq!(plain.street, "Rue de Rivoli 3");
        assert_eq!(plain.label, "");
        assert!(Address::parse("home: ; ;").is_err());
        assert!(Address::parse("a; b; c; d; e; f").is_err());
        // A colon after the first `;` is no label.
        let odd = Address::parse("Main St; Town: North").unwrap();
        assert_eq!(
            (odd.label.as_str(), odd.locality.as_str()),
            ("", "Town: North")
        );
        let colon = Address {
            street: "Building A: floor 2".into(),
            ..Address::default()
        };
        assert_eq!(Address::parse(&colon.edit_text()), Ok(colon));
    }

    #[test]
    fn a_street_on_two_lines_is_one_line() {
        let a = Address {
            street: "Flat 2\n 10 High St\n".into(),
            ..Address::default()
        }
        .trimmed();
        assert_eq!(a.street, "Flat 2, 10 High St");
    }
}
