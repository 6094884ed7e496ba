//! The file system side of a save: which file a path means (symlinks
//! followed), the private temp file, fsync and rename, and the rolling backups,
//! which turn over only once the new file is in place.
//!
//! A save, under the lock, beside the link's target:
//! 1. remove temp files a killed save left (only kith's own names);
//! 2. write `.NAME.kith-tmp` (mode: the book's, or 0600 for a new book), fsync;
//! 3. hard-link the current file as `.NAME.kith-prev` (the backup-to-be);
//! 4. rename the temp file over the book, fsync the directory — committed;
//! 5. rotate: `-2`→`-3`, `-1`→`-2`, `.NAME.kith-prev`→`.NAME.kith-1` (backups
//!    an older kith left as `NAME.1` … move to these names first).
//!
//! A save that fails or is killed before 4 leaves the book and every backup as
//! they were; the next save clears its leftovers in step 1. The names are in
//! [`super::names`].

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::names::{backup_path, legacy_backup_path, prev_path, temp_path};
use super::{BACKUPS, StoreError};

/// The mode of a new book and of everything kith creates beside it.
pub const PRIVATE: u32 = 0o600;

/// The file `path` names, with every symbolic link (relative targets too)
/// followed: where the lock, temp file, backups and rename belong. A book not
/// yet created is followed through its directory. A link to nothing is an error.
pub fn follow_link(path: &Path) -> Result<PathBuf, StoreError> {
    match fs::canonicalize(path) {
        Ok(real) => Ok(real),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(target) = dangling_target(path) {
                return Err(StoreError::DanglingLink {
                    path: path.to_path_buf(),
                    target,
                });
            }
            let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
                return Ok(path.to_path_buf());
            };
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            match fs::canonicalize(dir) {
                Ok(dir) => Ok(dir.join(name)),
                // The directory is made by the first save.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(path.to_path_buf()),
                Err(e) => Err(StoreError::io(dir)(e)),
            }
        }
        Err(e) => Err(StoreError::io(path)(e)),
    }
}

/// Where a symbolic link at `path` points, when nothing is there.
pub fn dangling_target(path: &Path) -> Option<PathBuf> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() || path.exists() {
        return None;
    }
    fs::read_link(path).ok()
}

/// Removes what a killed save left: kith's own temp names only, and only
/// regular files (never a directory or a link someone put there). A
/// `.NAME.kith-prev` that is not the book's own bytes is the previous book
/// of a save killed after its rename: it turns over into the backups as that
/// save would have done, rather than being thrown away.
pub fn remove_leftovers(target: &Path) {
    let temp = temp_path(target);
    if fs::symlink_metadata(&temp).is_ok_and(|m| m.file_type().is_file()) {
        let _ = fs::remove_file(&temp);
    }
    let prev = prev_path(target);
    if !fs::symlink_metadata(&prev).is_ok_and(|m| m.file_type().is_file()) {
        return;
    }
    if same_file(target, &prev) {
        let _ = fs::remove_file(&prev);
    } else if let Ok(meta) = fs::metadata(target) {
        rotate(target, &prev, file_mode(&meta));
    }
}

/// Whether `prev` holds the book as it is now: the same file (hard-linked
/// before a rename that did not happen) or, where links are not possible,
/// the same bytes.
fn same_file(target: &Path, prev: &Path) -> bool {
    let (Ok(a), Ok(b)) = (fs::metadata(target), fs::symlink_metadata(prev)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if a.dev() == b.dev() && a.ino() == b.ino() {
            return true;
        }
    }
    a.len() == b.len() && matches!((fs::read(target), read_own(prev)), (Ok(x), Ok(y)) if x == y)
}

/// Refuses to save while something that is not kith's own file sits at one
/// of the names a save writes (the temp file, the previous file, the
/// backups, the merged copies' folder): a link planted there would have the
/// book written through it, to wherever it points.
pub fn guard_own_names(target: &Path) -> Result<(), StoreError> {
    let files = [temp_path(target), prev_path(target)]
        .into_iter()
        .chain((1..=BACKUPS).map(|n| backup_path(target, n)));
    for path in files {
        match fs::symlink_metadata(&path) {
            Ok(meta) if !meta.file_type().is_file() => {
                return Err(StoreError::NotOurs {
                    what: kind_of(&meta).into(),
                    path,
                });
            }
            _ => {}
        }
    }
    let merged = super::names::merged_dir(target);
    match fs::symlink_metadata(&merged) {
        Ok(meta) if !meta.is_dir() => Err(StoreError::NotOurs {
            what: kind_of(&meta).into(),
            path: merged,
        }),
        _ => Ok(()),
    }
}

/// What a file that is not a regular file is, in words.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_file() {
        "a file"
    } else {
        "something that is not a regular file"
    }
}

/// Opening never follows a link at the last component, and never waits on a
/// FIFO (unix; elsewhere there is nothing to set).
pub fn no_follow(options: &mut OpenOptions) {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    #[cfg(not(unix))]
    let _ = options;
}

/// Opens one of kith's own files to read: never through a link, and only a
/// regular file.
pub fn open_own(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    no_follow(&mut options);
    let file = options.open(path).map_err(explain)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "{}, not a regular file",
            kind_of(&meta)
        )));
    }
    Ok(file)
}

/// The bytes of one of kith's own files ([`open_own`]).
pub fn read_own(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_own(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A link met where none is followed reads as what it is (ELOOP's own text
/// is "too many levels of symbolic links").
fn explain(e: std::io::Error) -> std::io::Error {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return std::io::Error::other("a symbolic link, which kith does not follow here");
    }
    e
}

/// A failed no-follow open at one of kith's names, as an error to show.
pub fn not_ours(path: &Path, e: std::io::Error) -> StoreError {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return StoreError::NotOurs {
            path: path.to_path_buf(),
            what: "a symbolic link".into(),
        };
    }
    StoreError::io(path)(e)
}

/// Writes `text` as the book at `target` (already resolved, lock held).
pub fn save(target: &Path, text: &[u8]) -> Result<(), StoreError> {
    save_with(target, &[text], true)
}

/// [`save`] of a text given in parts, written one after another (a splice:
/// runs of the old file between what was written afresh), with the rolling
/// backups turned over or (for a file that is nobody's book between runs)
/// not kept at all.
pub fn save_with(target: &Path, text: &[&[u8]], backups: bool) -> Result<(), StoreError> {
    let mode = match fs::metadata(target) {
        Ok(meta) => {
            let mode = file_mode(&meta);
            if mode & 0o200 == 0 {
                return Err(StoreError::ReadOnly {
                    path: target.to_path_buf(),
                });
            }
            Some(mode)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(StoreError::io(target)(e)),
    };
    guard_own_names(target)?;
    if backups {
        remove_leftovers(target);
    } else {
        // A restore or a merge driver's write: the previous file a killed
        // save left is a backup still to be had, so only the temp file goes.
        let temp = temp_path(target);
        if fs::symlink_metadata(&temp).is_ok_and(|m| m.file_type().is_file()) {
            let _ = fs::remove_file(&temp);
        }
    }
    let temp = temp_path(target);
    let written = write_synced(&temp, text, mode.unwrap_or(PRIVATE));
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    let prev = prev_path(target);
    let has_prev = backups && mode.is_some() && keep_previous(target, &prev);
    if let Err(e) = fs::rename(&temp, target) {
        let _ = fs::remove_file(&temp);
        let _ = fs::remove_file(&prev);
        return Err(StoreError::io(target)(e));
    }
    sync_dir(target);
    if has_prev {
        rotate(target, &prev, mode.unwrap_or(PRIVATE));
    }
    Ok(())
}

fn write_synced(temp: &Path, text: &[&[u8]], mode: u32) -> Result<(), StoreError> {
    let io = StoreError::io(temp);
    let mut file = create_private(temp).map_err(StoreError::io(temp))?;
    for part in text {
        file.write_all(part).map_err(StoreError::io(temp))?;
    }
    set_mode(&file, mode).map_err(StoreError::io(temp))?;
    file.sync_all().map_err(io)
}

/// A new file only kith can read, whatever the umask (it only takes bits away).
pub fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE);
    options.open(path)
}

/// Holds the current file's bytes under `prev` (a hard link: no copy; else a
/// copy into a file made anew, never through whatever is at that name).
fn keep_previous(target: &Path, prev: &Path) -> bool {
    if fs::hard_link(target, prev).is_ok() {
        return true;
    }
    let copied = File::open(target).and_then(|mut from| {
        let mut to = create_private(prev)?;
        std::io::copy(&mut from, &mut to)?;
        to.sync_all()
    });
    if copied.is_err() && fs::symlink_metadata(prev).is_ok_and(|m| m.is_file()) {
        let _ = fs::remove_file(prev);
    }
    copied.is_ok()
}

/// `-2`→`-3`, `-1`→`-2`, `prev`→`-1`; no backup more open than the book.
fn rotate(target: &Path, prev: &Path, mode: u32) {
    adopt_legacy_backups(target);
    for n in (1..BACKUPS).rev() {
        let from = backup_path(target, n);
        if from.exists() {
            let _ = fs::rename(&from, backup_path(target, n + 1));
        }
    }
    let first = backup_path(target, 1);
    if fs::rename(prev, &first).is_err() {
        return;
    }
    for n in 1..=BACKUPS {
        let backup = backup_path(target, n);
        if let Ok(file) = open_own(&backup)
            && let Ok(meta) = file.metadata()
        {
            let open = file_mode(&meta);
            if open & !mode != 0 {
                let _ = set_mode(&file, open & mode);
            }
        }
    }
    sync_dir(target);
}

/// Backups an older kith kept as `NAME.1` … `NAME.3` take the same places
/// under the new names, just before a turn-over (so the oldest is the one
/// turned out, as ever). Only for a book with no backup under the new names
/// yet, so the move never replaces a backup; old names found beside new ones
/// (an older kith saved again since) are left where they are, and still read
/// by [`backup_counters`]. Regular files only.
fn adopt_legacy_backups(target: &Path) {
    if (1..=BACKUPS).any(|n| fs::symlink_metadata(backup_path(target, n)).is_ok()) {
        return;
    }
    for n in 1..=BACKUPS {
        let old = legacy_backup_path(target, n);
        if fs::symlink_metadata(&old).is_ok_and(|m| m.file_type().is_file()) {
            let _ = fs::rename(&old, backup_path(target, n));
        }
    }
}

/// Every backup there is, newest first: `.NAME.kith-1` … and any an older
/// kith left as `NAME.1` … not yet moved.
pub fn backup_paths(target: &Path) -> Vec<PathBuf> {
    (1..=BACKUPS)
        .map(|n| backup_path(target, n))
        .chain((1..=BACKUPS).map(|n| legacy_backup_path(target, n)))
        .filter(|p| fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        .collect()
}

/// The id counters a backup recorded (`next_person_id`, `next_entry_id`),
/// read from its first lines, where kith writes them; backups under the old
/// names count too.
pub fn backup_counters(target: &Path) -> (u32, u32) {
    let mut high = (0, 0);
    for backup in backup_paths(target) {
        let Ok(file) = open_own(&backup) else {
            continue;
        };
        let mut head = Vec::with_capacity(512);
        if file.take(512).read_to_end(&mut head).is_err() {
            continue;
        }
        let head = String::from_utf8_lossy(&head);
        high.0 = high.0.max(counter(&head, "next_person_id:"));
        high.1 = high.1.max(counter(&head, "next_entry_id:"));
    }
    high
}

fn counter(text: &str, key: &str) -> u32 {
    let Some(at) = text.find(key) else { return 0 };
    let digits: String = text[at + key.len()..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}

/// Makes the rename durable (unix; elsewhere the rename is what there is).
fn sync_dir(target: &Path) {
    #[cfg(unix)]
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = target;
}

pub fn file_mode(meta: &fs::Metadata) -> u32 {
    #[cfg(unix)]
    {
        std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o7777
    }
    #[cfg(not(unix))]
    {
        if meta.permissions().readonly() {
            0o444
        } else {
            0o644
        }
    }
}

/// Sets a file's mode (unix; elsewhere files keep what the system gives them).
pub fn set_mode(file: &File, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    return file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(mode));
    #[cfg(not(unix))]
    {
        let _ = (file, mode);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(n: u32) -> String {
        format!("(\n  version: 1,\n  next_person_id: {n},\n  next_entry_id: {n},\n)\n")
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_older_kiths_backups_are_read_and_move_to_the_new_names_on_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("kith.ron");
        fs::write(&target, book(50)).unwrap();
        for n in 1..=BACKUPS {
            fs::write(legacy_backup_path(&target, n), book(40 + n as u32)).unwrap();
        }
        fs::write(dir.path().join("kith.ron.lock"), "").unwrap();
        assert_eq!(backup_counters(&target), (43, 43), "old names are read");

        save(&target, book(60).as_bytes()).unwrap();
        assert_eq!(
            names(dir.path()),
            [
                ".kith.ron.kith-1",
                ".kith.ron.kith-2",
                ".kith.ron.kith-3",
                "kith.ron",
                "kith.ron.lock"
            ]
        );
        let read = |n| fs::read_to_string(backup_path(&target, n)).unwrap();
        // The book as it was, then the old `.1` and `.2`; the old `.3` is the
        // one turned out, as it would have been under the old names.
        assert_eq!([read(1), read(2), read(3)], [book(50), book(41), book(42)]);
        assert_eq!(backup_counters(&target), (50, 50));
    }

    #[test]
    fn old_names_beside_new_ones_are_left_in_place_and_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("kith.ron");
        fs::write(&target, book(50)).unwrap();
        fs::write(backup_path(&target, 1), book(49)).unwrap();
        // An older kith saved since, and left a backup under its own name.
        fs::write(legacy_backup_path(&target, 1), book(70)).unwrap();
        save(&target, book(60).as_bytes()).unwrap();
        assert_eq!(
            fs::read_to_string(legacy_backup_path(&target, 1)).unwrap(),
            book(70)
        );
        assert_eq!(
            fs::read_to_string(backup_path(&target, 2)).unwrap(),
            book(49)
        );
        assert_eq!(backup_counters(&target), (70, 70));
        assert_eq!(
            backup_paths(&target),
            [
                backup_path(&target, 1),
                backup_path(&target, 2),
                legacy_backup_path(&target, 1)
            ]
        );
    }

    #[test]
    fn a_directory_under_an_old_backup_name_is_not_moved() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("kith.ron");
        fs::write(&target, book(50)).unwrap();
        fs::create_dir(legacy_backup_path(&target, 2)).unwrap();
        save(&target, book(60).as_bytes()).unwrap();
        assert!(legacy_backup_path(&target, 2).is_dir());
        assert!(!backup_path(&target, 2).exists());
        assert_eq!(
            fs::read_to_string(backup_path(&target, 1)).unwrap(),
            book(50)
        );
    }
}
