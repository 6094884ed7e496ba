//! Files kith writes that are not the book but hold the same personal data:
//! exports (`--out`), a vdir's cards. Each is written as the book is: a temp
//! file made anew beside it (never through a link planted at that name),
//! private (0600, whatever the umask) unless the file being replaced has a
//! mode of its own, then renamed over it. Folders kith makes are 0700.

use std::fs::{self, DirBuilder};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::disk::{PRIVATE, create_private, file_mode, kind_of, set_mode};

/// The mode of a folder kith makes for exported data.
pub const PRIVATE_DIR: u32 = 0o700;

/// Writes `bytes` as the file at `path`. A link at `path` is followed, as
/// for the book (the user named it); the temp file beside its target is
/// kith's own name and never followed. `sync`: fsync the file before the
/// rename (a single export), or not (thousands of cards that a next export
/// writes again).
pub fn write_private(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    let target = follow(path)?;
    let mode = match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => file_mode(&meta),
        Ok(meta) => {
            return Err(io::Error::other(format!(
                "{} is {}, not a file",
                target.display(),
                kind_of(&meta)
            )));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => PRIVATE,
        Err(e) => return Err(e),
    };
    let temp = temp_beside(&target);
    match fs::symlink_metadata(&temp) {
        Ok(meta) if meta.is_file() => fs::remove_file(&temp)?,
        Ok(meta) => {
            return Err(io::Error::other(format!(
                "{} is {} at a name kith keeps for its own temp file; not written through (remove it)",
                temp.display(),
                kind_of(&meta)
            )));
        }
        Err(_) => {}
    }
    let written = (|| {
        let mut file = create_private(&temp)?;
        file.write_all(bytes)?;
        set_mode(&file, mode)?;
        if sync {
            file.sync_all()?;
        }
        fs::rename(&temp, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// [`write_private`] for a file at one of kith's own names (a vdir's
/// `.kith-state`, its cards): a link or anything but a regular file found at
/// `path` is refused, never followed — only a name the user gave is.
pub fn write_own(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    if let Ok(meta) = fs::symlink_metadata(path)
        && !meta.is_file()
    {
        return Err(io::Error::other(format!(
            "{} is {} at a name kith keeps for its own file; not written through (remove it)",
            path.display(),
            kind_of(&meta)
        )));
    }
    write_private(path, bytes, sync)
}

/// Makes `dir` and any missing folders above it, each 0700; folders already
/// there keep their mode.
pub fn make_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR);
    builder.create(dir)
}

/// The file a path names with its links followed (a new file: the path as
/// given).
fn follow(path: &Path) -> io::Result<PathBuf> {
    match fs::canonicalize(path) {
        Ok(real) => Ok(real),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok() {
                return Err(io::Error::other(format!(
                    "{} is a link to a file that does not exist",
                    path.display()
                )));
            }
            Ok(path.to_path_buf())
        }
        Err(e) => Err(e),
    }
}

/// `.NAME.kith-tmp` beside `target`.
fn temp_beside(target: &Path) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.kith-tmp"))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_file_is_private_and_an_existing_one_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("out.csv");
        write_private(&new, b"a", true).unwrap();
        assert_eq!(mode(&new), 0o600);
        let shared = dir.path().join("shared.csv");
        fs::write(&shared, "old").unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o640)).unwrap();
        write_private(&shared, b"new", true).unwrap();
        assert_eq!(
            (mode(&shared), fs::read(&shared).unwrap()),
            (0o640, b"new".to_vec())
        );
        let deep = dir.path().join("a/b");
        make_private_dir(&deep).unwrap();
        assert_eq!((mode(&dir.path().join("a")), mode(&deep)), (0o700, 0o700));
    }

    #[test]
    fn a_link_at_one_of_kiths_own_names_is_refused_where_a_users_name_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "mine").unwrap();
        let own = dir.path().join(".kith-state");
        std::os::unix::fs::symlink(&victim, &own).unwrap();
        let err = write_own(&own, b"secret", false).unwrap_err();
        assert!(err.to_string().contains("not written through"), "{err}");
        assert_eq!(fs::read(&victim).unwrap(), b"mine");
        // A link the user named (`--out link`) is written through, as the book is.
        let named = dir.path().join("export.csv");
        std::os::unix::fs::symlink(&victim, &named).unwrap();
        write_private(&named, b"rows", true).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"rows");
        assert!(
            fs::symlink_metadata(&named)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_link_planted_at_the_temp_name_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "mine").unwrap();
        let out = dir.path().join("out.vcf");
        std::os::unix::fs::symlink(&victim, dir.path().join(".out.vcf.kith-tmp")).unwrap();
        let err = write_private(&out, b"secret", true).unwrap_err();
        assert!(err.to_string().contains("not written through"), "{err}");
        assert_eq!(fs::read(&victim).unwrap(), b"mine");
        assert!(!out.exists());
    }
}
