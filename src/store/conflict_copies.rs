//! Conflict copies: the files a sync tool leaves beside the book when two
//! machines changed it before either had the other's change. Each tool names
//! its copy after the book, in its own way (for `kith.ron`):
//!
//! | tool                        | the copy                                               |
//! |-----------------------------|--------------------------------------------------------|
//! | Syncthing                   | `kith.sync-conflict-20261201-101500-ABCDEF7.ron`       |
//! | Dropbox                     | `kith (Ana's conflicted copy 2026-12-01).ron`, `… (1)` |
//! | Nextcloud, ownCloud         | `kith (conflicted copy 2026-12-01 101500).ron`         |
//! | ownCloud (older clients)    | `kith_conflict-20261201-101500.ron`                    |
//!
//! Only names made from this book's own name count (`kith-old.ron` is no copy
//! of `kith.ron`), and only regular files: not directories, links or kith's
//! own `.NAME.kith-*` files. `kith sync` merges them; until then every command
//! that opens the book says they are there.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};

use super::names::is_kith_file;

/// The conflict copies beside the book at `target` (its links already
/// followed: the sync tool writes beside the real file), sorted by name.
/// Reads the directory each time; a directory that cannot be read has none.
pub fn conflict_copies(target: &Path) -> Vec<PathBuf> {
    let Some(book) = target.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|name| is_conflict_copy(book, name))
        })
        .map(|e| dir.join(e.file_name()))
        .collect();
    copies.sort();
    copies
}

/// Whether the file `name` is a sync tool's conflict copy of the book named
/// `book` (file names, not paths), a conflict copy of such a copy included:
/// the tools name a conflict on a copy after the copy
/// (`kith.sync-conflict-A.sync-conflict-B.ron`, `kith (Ana's conflicted copy
/// 2026-12-01) (conflicted copy 2026-12-02 101500).ron`, any mix of them).
pub fn is_conflict_copy(book: &str, name: &str) -> bool {
    name != book && !is_kith_file(name) && copy_of(book, name)
}

/// Whether `name` is one tool's copy of `book`, or of a name that is itself
/// a copy of `book`: each marker in `name` is tried as the outermost, the
/// name without it as what was copied (shorter each time, so this ends).
fn copy_of(book: &str, name: &str) -> bool {
    if copy_once(book, name) {
        return true;
    }
    const MARKERS: [&str; 3] = [".sync-conflict-", " (", "_conflict-"];
    let starts = name
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| MARKERS.iter().any(|m| name[i..].starts_with(m)));
    for start in starts {
        // The marker ends where the copied name's extension begins: at a
        // dot, or at the end of the name.
        let ends = name[start + 1..]
            .char_indices()
            .map(|(i, _)| start + 1 + i)
            .filter(|&i| name[i..].starts_with('.'))
            .chain([name.len()]);
        for end in ends {
            let inner = format!("{}{}", &name[..start], &name[end..]);
            if inner != book
                && inner.len() >= book.len()
                && copy_once(&inner, name)
                && copy_of(book, &inner)
            {
                return true;
            }
        }
    }
    false
}

/// Whether `name` is one tool's copy of the file named `book`.
fn copy_once(book: &str, name: &str) -> bool {
    syncthing(book, name) || in_brackets(book, name) || owncloud_old(book, name)
}

/// `STEM.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`, where DEVICE is the short
/// id of the device that made the other change (absent before Syncthing 0.14,
/// empty when it is not known). Syncthing splits the name as Go's
/// `filepath.Ext` does: at the last dot, even a leading one.
fn syncthing(book: &str, name: &str) -> bool {
    let (stem, ext) = book.rfind('.').map_or((book, ""), |at| book.split_at(at));
    let Some(tag) = between(name, stem, ext).and_then(|t| t.strip_prefix(".sync-conflict-")) else {
        return false;
    };
    let Some((stamp, device)) = tag.split_at_checked(15) else {
        return false;
    };
    let device_ok = device.is_empty()
        || device.strip_prefix('-').is_some_and(|d| {
            d.len() <= 7
                && d.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        });
    device_ok
        && stamp
            .split_once('-')
            .is_some_and(|(day, time)| is_compact_date(day) && is_time(time))
}

/// `STEM (MARKER)EXT`, optionally numbered (`STEM (MARKER) (1)EXT`), MARKER
/// being Dropbox's `Ana's conflicted copy 2026-12-01` (`… 2026-12-01 (1)`
/// for a second one that day; without the owner on some clients) or
/// Nextcloud's and ownCloud's `conflicted copy [USER ]2026-12-01 101500`.
/// These split the name at the last dot, unless it starts the name.
fn in_brackets(book: &str, name: &str) -> bool {
    let (stem, ext) = split_ext(book);
    let Some(inner) = between(name, stem, ext).and_then(|t| t.strip_prefix(" (")) else {
        return false;
    };
    let inner = match inner.rsplit_once(" (") {
        Some((head, number)) if head.ends_with(')') && is_number_in_parens(number) => head,
        _ => inner,
    };
    inner.strip_suffix(')').is_some_and(is_conflict_marker)
}

/// `conflicted copy` (any case), with Dropbox's `OWNER's ` before it or
/// nothing, then ` [USER ]YYYY-MM-DD[ HHMMSS][ (N)]`.
fn is_conflict_marker(marker: &str) -> bool {
    const WORDS: &str = "conflicted copy ";
    let Some(at) = marker.to_ascii_lowercase().find(WORDS) else {
        return false;
    };
    let (owner, rest) = (&marker[..at], &marker[at + WORDS.len()..]);
    let owned = owner.ends_with("'s ") || owner.ends_with("\u{2019}s ");
    if !(owner.is_empty() || owned) || owner.contains(['(', ')']) {
        return false;
    }
    // The date, after a user's name on Nextcloud (which never has brackets).
    let starts = rest
        .char_indices()
        .filter(|&(i, _)| i == 0 || (!owned && rest[..i].ends_with(' ')))
        .map(|(i, _)| i);
    for start in starts {
        let (user, from) = rest.split_at(start);
        if user.contains(['(', ')']) {
            return false;
        }
        let Some((date, after)) = from.split_at_checked(10) else {
            continue;
        };
        if !is_date(date) {
            continue;
        }
        let after = match after.strip_prefix(' ').and_then(|a| a.split_at_checked(6)) {
            Some((time, more)) if is_time(time) => more,
            _ => after,
        };
        if after.is_empty() || after.strip_prefix(" (").is_some_and(is_number_in_parens) {
            return true;
        }
    }
    false
}

/// `STEM_conflict-YYYYMMDD-HHMMSS.EXT`, as ownCloud's clients before 2.5 named it.
fn owncloud_old(book: &str, name: &str) -> bool {
    let (stem, ext) = split_ext(book);
    between(name, stem, ext)
        .and_then(|t| t.strip_prefix("_conflict-"))
        .and_then(|t| t.split_once('-'))
        .is_some_and(|(day, time)| is_compact_date(day) && is_time(time))
}

/// The part of `name` between the book's stem and extension.
fn between<'a>(name: &'a str, stem: &str, ext: &str) -> Option<&'a str> {
    name.strip_prefix(stem)?.strip_suffix(ext)
}

/// `kith.ron` → (`kith`, `.ron`); `kith` and `.kith` have no extension.
fn split_ext(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(at) if at > 0 => name.split_at(at),
        _ => (name, ""),
    }
}

/// `1)`: the rest of ` (1)`, a number a second copy of the same name gets.
fn is_number_in_parens(text: &str) -> bool {
    text.strip_suffix(')').is_some_and(is_digits)
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `2026-12-01`, a real day.
fn is_date(text: &str) -> bool {
    let mut parts = text.split('-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d), None) => is_day(y, m, d),
        _ => false,
    }
}

/// `20261201`, a real day.
fn is_compact_date(text: &str) -> bool {
    text.len() == 8 && is_digits(text) && is_day(&text[..4], &text[4..6], &text[6..])
}

fn is_day(y: &str, m: &str, d: &str) -> bool {
    let fixed = |s: &str, len: usize| -> Option<u32> {
        if s.len() == len && is_digits(s) {
            s.parse().ok()
        } else {
            None
        }
    };
    match (fixed(y, 4), fixed(m, 2), fixed(d, 2)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d).is_some(),
        _ => false,
    }
}

/// `101500`, a real time of day.
fn is_time(text: &str) -> bool {
    let part = |r: std::ops::Range<usize>| text[r].parse().unwrap_or(99);
    text.len() == 6
        && is_digits(text)
        && NaiveTime::from_hms_opt(part(0..2), part(2..4), part(4..6)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names seen in the wild (and the shapes the tools' sources make), for
    /// the book `kith.ron`: each with whether it is a conflict copy of it.
    const KITH_RON: &[(&str, bool)] = &[
        // Syncthing
        ("kith.sync-conflict-20261201-101500-ABCDEF7.ron", true),
        ("kith.sync-conflict-20240229-235959-7777777.ron", true),
        ("kith.sync-conflict-20150522-211012.ron", true), // before device ids
        ("kith.sync-conflict-20261201-101500-.ron", true), // device unknown
        ("kith.sync-conflict-20261201-101500-ABCDEF7", false), // no .ron
        ("kith.sync-conflict-20261201-101500-ABCDEF7.txt", false),
        ("kith.sync-conflict-20261201-101500-abcdef7.ron", false),
        ("kith.sync-conflict-20261201-101500-ABCDEF78.ron", false),
        ("kith.sync-conflict-20261301-101500-ABCDEF7.ron", false), // month 13
        ("kith.sync-conflict-20230229-101500-ABCDEF7.ron", false), // no 29 Feb
        ("kith.sync-conflict-20261201-251500-ABCDEF7.ron", false), // 25 o'clock
        ("kith.sync-conflict-2026121-101500-ABCDEF7.ron", false),
        ("kith.sync-conflict-20261201-101500-ABCDEF7.ron.bak", false),
        ("kith-old.sync-conflict-20261201-101500-ABCDEF7.ron", false),
        ("notes.sync-conflict-20261201-101500-ABCDEF7.ron", false),
        ("xkith.sync-conflict-20261201-101500-ABCDEF7.ron", false),
        // Dropbox
        ("kith (Ana García's conflicted copy 2026-12-01).ron", true),
        ("kith (MacBook-Pro's conflicted copy 2026-12-01).ron", true),
        (
            "kith (Greg's MacBook Air's conflicted copy 2026-12-01).ron",
            true,
        ),
        ("kith (Ana\u{2019}s conflicted copy 2026-12-01).ron", true),
        ("kith (Ana's conflicted copy 2026-12-01 (1)).ron", true),
        ("kith (Ana's conflicted copy 2026-12-01 (12)).ron", true),
        ("kith (Ana's Conflicted Copy 2026-12-01).ron", true),
        ("kith (Ana's CONFLICTED COPY 2026-12-01).ron", true),
        ("kith (Ana's conflicted copy 2026-12-01 1).ron", false),
        ("kith (conflicted copy 2026-12-01).ron", true),
        ("kith (conflicted copy 2026-12-01 (1)).ron", true),
        ("kith (Ana's conflicted copy 2026-12-01) (1).ron", true),
        ("kith (Ana's conflicted copy).ron", false), // no date
        ("kith (Ana's conflicted copy 2026-12-32).ron", false),
        ("kith (Ana's conflicted copy 2026-12-01 (x)).ron", false),
        ("kith (Ana's conflicted copy 2026-12-01)", false), // no .ron
        ("kith (Ana's conflicted copy 2026-12-01).ron.txt", false),
        ("kith (Ana's conflicted copy 2026-12-01).txt", false),
        ("kith(Ana's conflicted copy 2026-12-01).ron", false),
        ("kith (Ana conflicted copy 2026-12-01).ron", false),
        ("kith-old (Ana's conflicted copy 2026-12-01).ron", false),
        ("Kith (Ana's conflicted copy 2026-12-01).ron", false),
        ("kith.ron (Ana's conflicted copy 2026-12-01)", false),
        ("kith (1).ron", false),
        ("kith (copy).ron", false),
        ("kith (Case Conflict).ron", false),
        // Nextcloud and ownCloud
        ("kith (conflicted copy 2026-12-01 101500).ron", true),
        ("kith (conflicted copy ana 2026-12-01 101500).ron", true),
        (
            "kith (conflicted copy Ana García 2026-12-01 101500).ron",
            true,
        ),
        ("kith (conflicted copy 2026-12-01 101500) (1).ron", true),
        ("kith (conflicted copy 2026-12-01 241500).ron", false),
        ("kith (conflicted copy 2026-12-01 10150).ron", false),
        ("kith (conflicted copy a(b 2026-12-01 101500).ron", false),
        ("kith_conflict-20261201-101500.ron", true),
        ("kith_conflict-20261201-101500", false),
        ("kith_conflict-20261201.ron", false),
        ("kith-old_conflict-20261201-101500.ron", false),
        // The book, kith's own files, and others that are no copy
        ("kith.ron", false),
        ("kith-old.ron", false),
        ("kith.ron.1", false),
        ("kith.ron.lock", false),
        ("kith.ron.bak", false),
        (".kith.ron.kith-1", false),
        (".kith.ron.kith-tmp", false),
        (".kith.ron.kith-lock", false),
        (
            ".kith.ron (conflicted copy 2026-12-01 101500).kith-lock",
            false,
        ),
        ("", false),
        // A conflict copy of a conflict copy, as each tool names it, and mixed
        (
            "kith.sync-conflict-20261201-101500-ABCDEF7.sync-conflict-20261202-090000-BCDEFG2.ron",
            true,
        ),
        (
            "kith.sync-conflict-20261201-101500-ABCDEF7.sync-conflict-20261202-090000-BCDEFG2.sync-conflict-20261203-090000-CDEFGH3.ron",
            true,
        ),
        (
            "kith (Ana's conflicted copy 2026-12-01) (Bo's conflicted copy 2026-12-02).ron",
            true,
        ),
        (
            "kith (conflicted copy 2026-12-01 101500) (conflicted copy 2026-12-02 090000).ron",
            true,
        ),
        (
            "kith (Ana's conflicted copy 2026-12-01).sync-conflict-20261202-090000-BCDEFG2.ron",
            true,
        ),
        (
            "kith.sync-conflict-20261201-101500-ABCDEF7 (conflicted copy 2026-12-02 090000).ron",
            true,
        ),
        (
            "kith_conflict-20261201-101500_conflict-20261202-090000.ron",
            true,
        ),
        (
            "kith.sync-conflict-20261201-101500-ABCDEF7_conflict-20261202-090000.ron",
            true,
        ),
        (
            "kith.sync-conflict-20261201-101500-ABCDEF7.sync-conflict-20261202.ron",
            false,
        ),
        (
            "kith.sync-conflict-20261201-101500-ABCDEF7 (copy).ron",
            false,
        ),
        (
            "kith-old.sync-conflict-20261201-101500-ABCDEF7.sync-conflict-20261202-090000-BCDEFG2.ron",
            false,
        ),
        (
            "kith.sync-conflict-20261201-101500-ABCDEF7.ron.sync-conflict-20261202-090000-BCDEFG2",
            false,
        ),
        (
            ".kith.ron.sync-conflict-20261201-101500-ABCDEF7.kith-lock",
            false,
        ),
    ];

    #[test]
    fn copies_of_a_book_with_an_extension_are_told_from_everything_else() {
        let wrong: Vec<_> = KITH_RON
            .iter()
            .filter(|(name, copy)| is_conflict_copy("kith.ron", name) != *copy)
            .collect();
        assert!(wrong.is_empty(), "misjudged: {wrong:?}");
    }

    #[test]
    fn copies_of_a_book_without_an_extension() {
        let cases = [
            ("kith.sync-conflict-20261201-101500-ABCDEF7", true),
            ("kith (Ana's conflicted copy 2026-12-01)", true),
            ("kith (conflicted copy 2026-12-01 101500)", true),
            ("kith_conflict-20261201-101500", true),
            ("kith", false),
            ("kith.sync-conflict-20261201-101500-ABCDEF7.ron", false),
            ("kith (Ana's conflicted copy 2026-12-01).ron", false),
            ("kith_conflict-20261201-101500.ron", false),
            ("kith.ron", false),
        ];
        for (name, copy) in cases {
            assert_eq!(is_conflict_copy("kith", name), copy, "{name}");
        }
        // A hidden book: Syncthing takes all of `.kith` for the extension,
        // the others none of it.
        let cases = [
            (".sync-conflict-20261201-101500-ABCDEF7.kith", true),
            (".kith (conflicted copy 2026-12-01 101500)", true),
            (".kith_conflict-20261201-101500", true),
            (".kith.sync-conflict-20261201-101500-ABCDEF7", false),
            ("kith (conflicted copy 2026-12-01 101500)", false),
        ];
        for (name, copy) in cases {
            assert_eq!(is_conflict_copy(".kith", name), copy, "{name}");
        }
        // Two dots: the extension is what follows the last.
        assert!(is_conflict_copy(
            "my.book.ron",
            "my.book.sync-conflict-20261201-101500-ABCDEF7.ron"
        ));
        assert!(is_conflict_copy(
            "my.book.ron",
            "my.book (conflicted copy 2026-12-01 101500).ron"
        ));
        assert!(!is_conflict_copy(
            "my.book.ron",
            "my.sync-conflict-20261201-101500-ABCDEF7.book.ron"
        ));
    }

    #[test]
    fn only_files_beside_the_book_are_found_sorted_and_not_directories_or_links() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("kith.ron");
        for name in [
            "kith.ron",
            "kith.sync-conflict-20261201-101500-ABCDEF7.ron",
            "kith (Ana's conflicted copy 2026-12-01).ron",
            "kith_conflict-20261201-101500.ron",
            "kith-old.ron",
            ".kith.ron.kith-1",
        ] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        fs::create_dir(
            dir.path()
                .join("kith.sync-conflict-20261202-101500-ABCDEF7.ron"),
        )
        .unwrap();
        fs::create_dir(dir.path().join("deeper")).unwrap();
        fs::write(
            dir.path()
                .join("deeper/kith.sync-conflict-20261203-101500-ABCDEF7.ron"),
            "",
        )
        .unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            "kith.ron",
            dir.path()
                .join("kith (conflicted copy 2026-12-04 101500).ron"),
        )
        .unwrap();
        let found = conflict_copies(&book);
        assert_eq!(
            found,
            [
                dir.path()
                    .join("kith (Ana's conflicted copy 2026-12-01).ron"),
                dir.path()
                    .join("kith.sync-conflict-20261201-101500-ABCDEF7.ron"),
                dir.path().join("kith_conflict-20261201-101500.ron"),
            ]
        );
        assert!(conflict_copies(&dir.path().join("gone/kith.ron")).is_empty());
    }
}
