//! The names of everything kith writes beside the book. All of them are
//! `.NAME.kith-*` — hidden, and caught by the one pattern [`IGNORE_PATTERN`] —
//! so a single line in `.gitignore` or `.stignore` keeps git and sync tools
//! away from the lock, the temp file, the backups and the merged copies:
//!
//! | what                               | name, for `kith.ron`          |
//! |------------------------------------|-------------------------------|
//! | the lock                           | `.kith.ron.kith-lock`         |
//! | a save's temp file                 | `.kith.ron.kith-tmp`          |
//! | the previous file, during a save   | `.kith.ron.kith-prev`         |
//! | the backups, newest first          | `.kith.ron.kith-1` … `-3`     |
//! | conflict copies `kith sync` merged | `.kith.ron.kith-merged/`      |
//! | a file `kith restore` replaced     | `.kith.ron.kith-replaced-…`   |
//! | what `kith undo` would apply       | `.kith.ron.kith-undo`         |
//!
//! Each is beside the book's *target* (a symlinked book's real file). Books
//! saved by an older kith have their backups as `kith.ron.1` … `.3` and the
//! lock as `kith.ron.lock`: [`legacy_backup_path`] and [`legacy_lock_path`]
//! name them for the store, which still reads them and moves the backups to
//! the new names on the next save.

use std::path::{Path, PathBuf};

/// The glob that matches everything kith writes beside a book, and nothing
/// kith does not write: `.NAME.kith-*` for any book `NAME`. Put it in the
/// book's `.gitignore` (`kith git-setup` does), in Syncthing's `.stignore`,
/// or in any sync tool's ignore list; kith's files are per machine (a lock,
/// backups), never something another machine should receive.
pub const IGNORE_PATTERN: &str = ".*.kith-*";

/// The lock file: `.NAME.kith-lock`, created private.
pub fn lock_path(target: &Path) -> PathBuf {
    beside(target, "lock")
}

/// The temp file a save writes: `.NAME.kith-tmp`.
pub fn temp_path(target: &Path) -> PathBuf {
    beside(target, "tmp")
}

/// The previous file, held as the next backup until the new one is in
/// place: `.NAME.kith-prev`.
pub fn prev_path(target: &Path) -> PathBuf {
    beside(target, "prev")
}

/// Backup `n` (1 the newest … [`super::BACKUPS`]): `.NAME.kith-N`.
pub fn backup_path(path: &Path, n: usize) -> PathBuf {
    beside(path, &n.to_string())
}

/// The folder `kith sync` moves the conflict copies it merged into:
/// `.NAME.kith-merged/`, beside the book's target.
pub fn merged_dir(target: &Path) -> PathBuf {
    beside(target, "merged")
}

/// Where `kith restore` keeps the file it replaced (a book cut short, or one
/// the user wanted an older version of): `.NAME.kith-replaced-STAMP` (`-N`
/// after the first, should two restores share a second).
pub fn replaced_path(target: &Path, stamp: &str, n: usize) -> PathBuf {
    match n {
        1 => beside(target, &format!("replaced-{stamp}")),
        n => beside(target, &format!("replaced-{stamp}-{n}")),
    }
}

/// The inverse of the last change a kith command made, which `kith undo`
/// applies: `.NAME.kith-undo`.
pub fn undo_path(target: &Path) -> PathBuf {
    beside(target, "undo")
}

/// Where a kith from before the `.NAME.kith-*` names kept backup `n`:
/// `NAME.N`.
pub fn legacy_backup_path(target: &Path, n: usize) -> PathBuf {
    suffixed(target, &format!(".{n}"))
}

/// Where a kith from before the `.NAME.kith-*` names kept its lock:
/// `NAME.lock`.
pub fn legacy_lock_path(target: &Path) -> PathBuf {
    suffixed(target, ".lock")
}

/// Whether a file name is one of kith's own (`.NAME.kith-…`, for any book),
/// the names [`IGNORE_PATTERN`] matches.
pub fn is_kith_file(name: &str) -> bool {
    name.strip_prefix('.')
        .is_some_and(|rest| rest.contains(".kith-"))
}

fn beside(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.kith-{what}"))
}

fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_beside_the_book_is_hidden_and_matched_by_the_one_pattern() {
        let book = Path::new("/data/kith.ron");
        let names: Vec<PathBuf> = vec![
            lock_path(book),
            temp_path(book),
            prev_path(book),
            backup_path(book, 1),
            backup_path(book, 3),
            merged_dir(book),
        ];
        let shown: Vec<String> = names
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            shown,
            [
                ".kith.ron.kith-lock",
                ".kith.ron.kith-tmp",
                ".kith.ron.kith-prev",
                ".kith.ron.kith-1",
                ".kith.ron.kith-3",
                ".kith.ron.kith-merged",
            ]
        );
        for (path, name) in names.iter().zip(&shown) {
            assert_eq!(path.parent(), Some(Path::new("/data")));
            assert!(is_kith_file(name), "{name}");
            assert!(glob_matches(IGNORE_PATTERN, name), "{name}");
        }
    }

    #[test]
    fn the_pattern_leaves_the_book_its_copies_and_other_files_alone() {
        for name in [
            "kith.ron",
            "kith.ron.1",
            "kith.ron.lock",
            ".kith.ron",
            ".kith-lock",
            ".hidden",
            "kith.kith-1",
            "kith.sync-conflict-20261201-101500-ABCDEF7.ron",
            "kith (conflicted copy 2026-12-01 101500).ron",
        ] {
            assert!(!is_kith_file(name), "{name}");
            assert!(!glob_matches(IGNORE_PATTERN, name), "{name}");
        }
        assert_eq!(
            legacy_backup_path(Path::new("/d/kith.ron"), 2),
            Path::new("/d/kith.ron.2")
        );
        assert_eq!(
            legacy_lock_path(Path::new("/d/kith.ron")),
            Path::new("/d/kith.ron.lock")
        );
    }

    /// A shell glob (`*` only), as git and Syncthing read [`IGNORE_PATTERN`]
    /// for a name without a slash.
    fn glob_matches(pattern: &str, name: &str) -> bool {
        match pattern.split_once('*') {
            None => pattern == name,
            Some((head, tail)) => {
                let Some(rest) = name.strip_prefix(head) else {
                    return false;
                };
                (0..=rest.len())
                    .filter(|&i| rest.is_char_boundary(i))
                    .any(|i| glob_matches(tail, &rest[i..]))
            }
        }
    }
}
