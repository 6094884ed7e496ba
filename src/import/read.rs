//! Files and folders to [`Parsed`]: bytes decoded ([`super::charset`]), a
//! folder of vCards read recursively (a vdirsyncer storage holds one folder
//! per collection), and a file's format recognised when none is named.

use std::path::{Path, PathBuf};

use super::{ImportError, NotFormat, Parsed, Place, Problem, Source, detect, values, vcard};
use crate::charset::{self, FileText};

/// Reads and parses a file, or for vCard a folder of `.vcf` files (found
/// recursively, in path order; hidden files and folders are passed over).
pub fn parse_path(source: Source, path: &Path) -> Result<Parsed, ImportError> {
    let not_format = |why: String| ImportError::NotFormat {
        path: path.to_path_buf(),
        source_kind: source,
        why,
    };
    if path.is_dir() {
        if source != Source::VCard {
            return Err(not_format(
                "a folder; only `kith import vcard` reads folders (of .vcf files)".into(),
            ));
        }
        let files = vcf_files(path)?;
        if files.is_empty() && !has_state(path) {
            return Err(not_format("the folder holds no .vcf files".into()));
        }
        let mut all = Parsed::default();
        // Folder by folder: one that kith syncs with (it holds kith's
        // state) is read three-way.
        let mut folders: std::collections::BTreeMap<PathBuf, Vec<PathBuf>> = Default::default();
        if has_state(path) {
            folders.insert(path.to_path_buf(), Vec::new());
        }
        for file in files {
            let folder = file.parent().unwrap_or(path).to_path_buf();
            folders.entry(folder).or_default().push(file);
        }
        for (folder, files) in folders {
            let state = crate::store::vdir_state::State::load(&folder).map_err(|source| {
                ImportError::Io {
                    path: folder.clone(),
                    source,
                }
            })?;
            if let Some(state) = state {
                super::vdir::read_folder(&folder, &files, state, &mut all)?;
                continue;
            }
            for file in &files {
                match parse_file(source, file) {
                    Ok(parsed) => all.extend(parsed.in_file(file)),
                    Err(
                        ImportError::NotFormat { why, .. } | ImportError::Undecodable { why, .. },
                    ) => all.skipped.push(Problem {
                        at: Place {
                            file: Some(file.clone()),
                            line: 1,
                        },
                        why,
                    }),
                    Err(e) => return Err(e),
                }
            }
        }
        return Ok(all);
    }
    parse_file(source, path)
}

/// The format of a file or folder, from its header (a folder: vCard when it
/// holds `.vcf` files).
pub fn recognise_path(path: &Path) -> Result<Source, ImportError> {
    if path.is_dir() {
        return match vcf_files(path)?.is_empty() && !has_state(path) {
            true => Err(ImportError::Unknown {
                path: path.to_path_buf(),
            }),
            false => Ok(Source::VCard),
        };
    }
    let FileText { text, .. } = load(path)?.1;
    detect::recognise(text.strip_prefix('\u{feff}').unwrap_or(&text)).ok_or_else(|| {
        ImportError::Unknown {
            path: path.to_path_buf(),
        }
    })
}

pub(super) fn parse_file(source: Source, path: &Path) -> Result<Parsed, ImportError> {
    let (bytes, decoded) = load(path)?;
    let not_format = |NotFormat(why)| ImportError::NotFormat {
        path: path.to_path_buf(),
        source_kind: source,
        why,
    };
    let mut parsed = match (source, &decoded.note) {
        // A vCard that is not Unicode as a whole: each line in its CHARSET.
        (Source::VCard, Some(_)) if !decoded.unicode => {
            if let Some(other) = detect::recognise(&decoded.text).filter(|s| *s != source) {
                return Err(not_format(NotFormat(format!(
                    "this is {}: use `kith import {} FILE`",
                    other.describe(),
                    other.name()
                ))));
            }
            let mut parsed = vcard::parse_bytes(&bytes).map_err(not_format)?;
            values::check(&mut parsed);
            return Ok(parsed);
        }
        _ => super::parse_text(source, &decoded.text).map_err(not_format)?,
    };
    if let Some(note) = decoded.note {
        parsed.warnings.insert(0, Problem::at_line(1, note));
    }
    Ok(parsed)
}

/// The file's bytes and its text: UTF-8 or UTF-16 as they are, anything else
/// as Windows-1252 (with a note).
fn load(path: &Path) -> Result<(Vec<u8>, FileText), ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = match charset::decode_unicode(&bytes) {
        Ok(Some(text)) => text,
        Ok(None) => charset::decode_8bit(&bytes),
        Err(why) => {
            return Err(ImportError::Undecodable {
                path: path.to_path_buf(),
                why,
            });
        }
    };
    Ok((bytes, text))
}

/// Every `.vcf` under `dir`, sorted; hidden entries and links to folders
/// are passed over (no loops).
fn vcf_files(dir: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let io = |source| ImportError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).map_err(io)? {
            let entry = entry.map_err(io)?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let kind = entry.file_type().map_err(io)?;
            if kind.is_dir() {
                todo.push(path);
            } else if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("vcf"))
                && path.is_file()
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A vdir kith syncs with (every card may have been deleted elsewhere).
fn has_state(dir: &Path) -> bool {
    dir.join(crate::store::vdir_state::FILE).is_file()
}
