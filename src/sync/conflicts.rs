//! Conflict copies on disk: reading them as the store reads the book,
//! merging them into the freshest book as one operation, and putting the
//! merged ones away beside the backups (never deleting them).

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{Book, Op};
use crate::store::{StoreError, load_book, merged_dir};

use super::{Report, merge_copy, ops_between};

/// A conflict copy, read.
#[derive(Debug, Clone)]
pub struct Copy {
    pub path: PathBuf,
    pub book: Book,
}

/// Reads each copy; one that does not parse is an error naming its line and
/// column, and is left where it is.
pub fn read_copies(paths: &[PathBuf]) -> (Vec<Copy>, Vec<StoreError>) {
    let mut copies = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match read(path) {
            Ok(book) => copies.push(Copy {
                path: path.clone(),
                book,
            }),
            Err(e) => errors.push(e),
        }
    }
    (copies, errors)
}

fn read(path: &Path) -> Result<Book, StoreError> {
    let bytes = fs::read(path).map_err(StoreError::io(path))?;
    Ok(load_book(path, &bytes)?.book)
}

/// The operation that merges every copy into `fresh` (one after another),
/// with what each merge did.
pub fn merge_op(fresh: &Book, copies: &[Copy]) -> (Op, Vec<Report>) {
    let mut merged = fresh.clone();
    let mut reports = Vec::with_capacity(copies.len());
    for copy in copies {
        let m = merge_copy(&merged, &copy.book);
        reports.push(m.report);
        merged = m.book;
    }
    (ops_between(fresh, &merged), reports)
}

/// Moves a merged copy into `.NAME.kith-merged/` beside the book's file
/// `target` (made private), under a name not yet taken there. Returns where
/// it went.
pub fn put_away(target: &Path, copy: &Path) -> Result<PathBuf, StoreError> {
    let dir = merged_dir(target);
    make_private_dir(&dir).map_err(StoreError::io(&dir))?;
    let name = copy
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut to = dir.join(&name);
    let mut n = 1;
    while to.exists() {
        n += 1;
        to = dir.join(format!("{name}.{n}"));
    }
    fs::rename(copy, &to).map_err(StoreError::io(copy))?;
    Ok(to)
}

fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
