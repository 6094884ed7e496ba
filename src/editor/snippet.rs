//! A person as a RON snippet for `$EDITOR` (the TUI's `E`, `kith edit NAME`),
//! and reading it back. Pure: [`super::edit_person`] runs the editor around
//! these.

use ron::ser::PrettyConfig;

use crate::model::Person;
use crate::ron_text::ron_options;

/// The first line of the comment kith puts above a snippet that did not parse.
const MARK: &str = "// kith:";

/// `p` as pretty RON, as the store writes it (bare optional values).
pub fn to_snippet(p: &Person) -> String {
    let pretty = PrettyConfig::new().struct_names(false).indentor("  ");
    let mut text = ron_options()
        .to_string_pretty(p, pretty)
        .expect("a person always serialises");
    text.push('\n');
    text
}

/// What the edited snippet amounts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edited {
    /// Parses to the same person: nothing to save.
    Unchanged,
    Changed(Box<Person>),
    /// The id was changed: refused.
    IdChanged,
    /// An empty file: the user gave up.
    Cancelled,
    /// Does not parse: the text to reopen, with the error on top.
    Broken {
        reopen: String,
        error: String,
    },
}

/// Reads the editor's text back against the person it started from.
pub fn read_snippet(text: &str, original: &Person) -> Edited {
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with(MARK))
        .map(|l| format!("{l}\n"))
        .collect();
    if body.trim().is_empty() {
        return Edited::Cancelled;
    }
    match ron_options().from_str::<Person>(&body) {
        Ok(p) if p.id != original.id => Edited::IdChanged,
        Ok(p) if p == *original => Edited::Unchanged,
        Ok(p) => Edited::Changed(Box::new(p)),
        Err(e) => {
            // Positions as the user will see them, below the two comment lines.
            let error = format!("{}:{}: {}", e.span.start.line + 2, e.span.start.col, e.code);
            let reopen = format!(
                "{MARK} this does not parse: {error}\n{MARK} fix it and save, or empty the file to cancel\n{body}"
            );
            Edited::Broken { reopen, error }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonId;

    fn ana() -> Person {
        let mut p = Person::new(PersonId(3), "Ana Lima");
        p.org = Some("Acme".into());
        p.tags = vec!["design".into()];
        p
    }

    #[test]
    fn a_snippet_reads_back_unchanged_and_changed() {
        let text = to_snippet(&ana());
        assert!(text.contains("org: \"Acme\""), "{text}");
        assert_eq!(read_snippet(&text, &ana()), Edited::Unchanged);
        let edited = text.replace("Acme", "Globex");
        let Edited::Changed(p) = read_snippet(&edited, &ana()) else {
            panic!("a change")
        };
        assert_eq!(p.org.as_deref(), Some("Globex"));
    }

    #[test]
    fn a_broken_snippet_comes_back_with_its_error_and_nothing_dropped() {
        let broken = to_snippet(&ana()).replace("org: \"Acme\"", "org: \"Acme");
        let Edited::Broken { reopen, error } = read_snippet(&broken, &ana()) else {
            panic!("broken")
        };
        assert!(
            reopen.starts_with("// kith: this does not parse: "),
            "{reopen}"
        );
        assert!(reopen.contains("org: \"Acme"), "the edit is kept");
        // The error points into the reopened text: the line it names is there.
        let line: usize = error.split(':').next().unwrap().parse().unwrap();
        assert!(line > 2 && line <= reopen.lines().count(), "{error}");
        // Broken twice: still one comment, not two.
        let Edited::Broken { reopen: again, .. } = read_snippet(&reopen, &ana()) else {
            panic!("still broken")
        };
        assert_eq!(again.matches(MARK).count(), 2);
    }

    #[test]
    fn an_id_change_is_refused_and_an_empty_file_cancels() {
        let text = to_snippet(&ana()).replace("id: 3", "id: 4");
        assert_eq!(read_snippet(&text, &ana()), Edited::IdChanged);
        assert_eq!(read_snippet("\n  \n", &ana()), Edited::Cancelled);
    }
}
