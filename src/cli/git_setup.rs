//! `git-setup`: makes git merge the book with kith (`kith merge-books`)
//! instead of writing conflict markers into it. In the git work tree that
//! holds the book (its links followed, as the store does), and each only if
//! it is not there already:
//! - `/PATH merge=kith` in the top-level `.gitattributes`, PATH being the
//!   book's path from the root: anchored, so another file that happens to
//!   share the book's name is left to git's own merge;
//! - `merge.kith.name` and `merge.kith.driver` in the repository's config,
//!   the driver being this kith, by its absolute path;
//! - [`IGNORE_PATTERN`] in the `.gitignore` beside the book, which keeps the
//!   lock, backups and temp files out of `git status` (it matches at any
//!   depth below that directory).
//!
//! Nothing is committed. The top-level `.gitattributes` is the one file git
//! always reads and a user looks in first; the ignore pattern goes beside the
//! book, where kith's files are. git's config is not cloned, so the command
//! says to run it once in every clone.

use anyhow::{Context, Result, bail};
use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, ExitCode, Output};

use kith::store::{IGNORE_PATTERN, follow_link, lock_path};

use super::{BadInput, Setup};

/// What git shows for the driver (`git merge` prints it).
const DRIVER_NAME: &str = "the kith book merge (kith merge-books)";

pub fn run(setup: &Setup) -> Result<ExitCode> {
    let target = follow_link(&setup.file)?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(BadInput(format!(
            "no directory {} for the book {}: git-setup sets up the git work tree the book is in",
            dir.display(),
            setup.file.display()
        ))
        .into());
    }
    let root = work_tree(&dir)?;
    let rel = target.strip_prefix(&root).with_context(|| {
        format!(
            "the book {} is not inside the work tree {}",
            target.display(),
            root.display()
        )
    })?;
    let mut changed = Vec::new();
    let mut to_commit = Vec::new();

    let pattern = attr_pattern(rel)?;
    let attributes = root.join(".gitattributes");
    let line = format!("{pattern} merge=kith");
    if !has_attribute(&attributes, &pattern)? {
        append(&attributes, &format!("{line}\n"))?;
        changed.push(format!("added {line} to {}", attributes.display()));
        to_commit.push(attributes.display().to_string());
    }

    let config = config_file(&root)?;
    let driver = format!("{} merge-books %O %A %B %P", shell_quote(&kith_exe()?));
    for (key, value) in [
        ("merge.kith.name", DRIVER_NAME),
        ("merge.kith.driver", driver.as_str()),
    ] {
        let was = git(&root, ["config", "--local", "--get", key])?;
        let was = was
            .status
            .success()
            .then(|| String::from_utf8_lossy(&was.stdout).trim_end().to_string());
        if was.as_deref() == Some(value) {
            continue;
        }
        let set = git(&root, ["config", "--local", key, value])?;
        if !set.status.success() {
            bail!(
                "git config {key} failed in {}: {}",
                root.display(),
                said(&set)
            );
        }
        changed.push(match was {
            Some(was) => format!(
                "changed in {}: {key} = {value} (was {was})",
                config.display()
            ),
            None => format!("set in {}: {key} = {value}", config.display()),
        });
    }

    let ignore = dir.join(".gitignore");
    if !has_line(&ignore, IGNORE_PATTERN)? {
        append(
            &ignore,
            &format!(
                "# kith's lock, temp file, backups and merged conflict copies\n{IGNORE_PATTERN}\n"
            ),
        )?;
        changed.push(format!("added {IGNORE_PATTERN} to {}", ignore.display()));
        to_commit.push(ignore.display().to_string());
    }

    if changed.is_empty() {
        outln!(
            "nothing to change: {} already merges {} with kith and ignores kith's own files",
            root.display(),
            rel.display()
        );
    }
    for line in &changed {
        outln!("{line}");
    }
    check_routed(&root, rel)?;
    check_ignored(&dir, &target)?;
    if !to_commit.is_empty() {
        let them = if to_commit.len() == 1 { "it" } else { "them" };
        outln!(
            "commit {}, so that every clone has {them} too",
            to_commit.join(" and ")
        );
    }
    outln!(
        "the driver lives in {}, which a clone does not copy: run `kith git-setup` once in every clone",
        config.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The root of the git work tree `dir` is in; exit 2 when there is none or
/// no git to ask.
fn work_tree(dir: &Path) -> Result<PathBuf> {
    let out = git(dir, ["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return Err(BadInput(format!(
            "{}, where the book is, is not in a git work tree (git says: {}); git-setup sets \
             up the repository that holds the book: `git init` there first, or point --file \
             at a book in one",
            dir.display(),
            said(&out)
        ))
        .into());
    }
    let root = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim_end_matches(['\n', '\r']));
    fs::canonicalize(&root).with_context(|| format!("reading {}", root.display()))
}

/// `git -C DIR ARGS…`; git missing is bad input (exit 2), not a failure.
fn git<I, S>(dir: &Path, args: I) -> Result<Output>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    match Command::new("git").arg("-C").arg(dir).args(args).output() {
        Ok(out) => Ok(out),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(BadInput("git-setup needs git, and no `git` was found on PATH".to_string()).into())
        }
        Err(e) => Err(anyhow::Error::new(e).context("running git")),
    }
}

/// What git said on stderr, on one line.
fn said(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr);
    let text = text.trim();
    let text = text.strip_prefix("fatal: ").unwrap_or(text);
    text.lines().next().unwrap_or("no message").to_string()
}

/// The repository's own config file (`.git/config`; a linked work tree's
/// is its main repository's), for the messages.
fn config_file(root: &Path) -> Result<PathBuf> {
    let out = git(root, ["rev-parse", "--git-common-dir"])?;
    if !out.status.success() {
        bail!("git rev-parse failed in {}: {}", root.display(), said(&out));
    }
    let common = String::from_utf8_lossy(&out.stdout);
    Ok(root
        .join(common.trim_end_matches(['\n', '\r']))
        .join("config"))
}

/// This kith, as the driver runs it.
fn kith_exe() -> Result<String> {
    let exe = std::env::current_exe().context("finding kith's own path for the merge driver")?;
    let exe = fs::canonicalize(&exe).unwrap_or(exe);
    match exe.to_str() {
        Some(exe) => Ok(exe.to_string()),
        None => bail!(
            "kith's path {} is not UTF-8, which git's config cannot hold",
            exe.display()
        ),
    }
}

/// `'…'` for `sh`, which is what git runs a driver with.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The book's path from the work tree's root as a `.gitattributes` pattern
/// that matches that one file: `/` first (anchored), glob characters
/// escaped, and the whole C-quoted if it has spaces or quotes in it.
fn attr_pattern(rel: &Path) -> Result<String> {
    let mut pattern = String::new();
    for part in rel.components() {
        let Component::Normal(part) = part else {
            bail!(
                "the book's path {} in the work tree is not plain",
                rel.display()
            );
        };
        let Some(part) = part.to_str() else {
            bail!(
                "the book's path {} is not UTF-8, which .gitattributes cannot name",
                rel.display()
            );
        };
        pattern.push('/');
        for c in part.chars() {
            if matches!(c, '*' | '?' | '[' | '\\') {
                pattern.push('\\');
            }
            pattern.push(c);
        }
    }
    if !pattern
        .chars()
        .any(|c| c.is_whitespace() || c == '"' || c.is_control())
    {
        return Ok(pattern);
    }
    let mut quoted = String::from("\"");
    for c in pattern.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\t' => quoted.push_str("\\t"),
            '\n' => quoted.push_str("\\n"),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    quoted.push_str(&format!("\\{b:03o}"));
                }
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    Ok(quoted)
}

/// A line of `file` gives `pattern` the attribute `merge=kith`.
fn has_attribute(file: &Path, pattern: &str) -> Result<bool> {
    Ok(lines(file)?.iter().any(|line| {
        line.trim_start()
            .strip_prefix(pattern)
            .filter(|attrs| attrs.starts_with([' ', '\t']))
            .is_some_and(|attrs| attrs.split_whitespace().any(|a| a == "merge=kith"))
    }))
}

/// `file` has `wanted` as one of its lines (trailing blanks aside).
fn has_line(file: &Path, wanted: &str) -> Result<bool> {
    Ok(lines(file)?.iter().any(|line| line.trim_end() == wanted))
}

fn lines(file: &Path) -> Result<Vec<String>> {
    match fs::read(file) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes)
            .lines()
            .map(str::to_string)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(anyhow::Error::new(e).context(format!("reading {}", file.display()))),
    }
}

/// Adds `text` at the end of `file` (made if missing), on a line of its own.
fn append(file: &Path, text: &str) -> Result<()> {
    let io = || format!("writing {}", file.display());
    let ends_open = fs::read(file).is_ok_and(|b| !b.is_empty() && !b.ends_with(b"\n"));
    let mut out = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
        .with_context(io)?;
    if ends_open {
        out.write_all(b"\n").with_context(io)?;
    }
    out.write_all(text.as_bytes()).with_context(io)?;
    Ok(())
}

/// Warns when git still does not route the book to kith's driver: an
/// attributes file nearer the book (or `.git/info/attributes`) says otherwise.
fn check_routed(root: &Path, rel: &Path) -> Result<()> {
    let args = [
        OsStr::new("check-attr"),
        OsStr::new("-z"),
        OsStr::new("merge"),
        OsStr::new("--"),
        rel.as_os_str(),
    ];
    let out = git(root, args)?;
    let text = String::from_utf8_lossy(&out.stdout);
    let value = text.split('\0').nth(2).unwrap_or("");
    if out.status.success() && value != "kith" {
        errln!(
            "kith: warning: git still gives {} the merge attribute `{value}`: another \
             attributes file overrides {} (`git check-attr -a {}` shows what applies)",
            rel.display(),
            root.join(".gitattributes").display(),
            rel.display()
        );
    }
    Ok(())
}

/// Warns when kith's lock is still not ignored: a later `!` line brings it back.
fn check_ignored(dir: &Path, target: &Path) -> Result<()> {
    let lock = lock_path(target);
    let name = lock.file_name().unwrap_or_default();
    let args = [
        OsStr::new("check-ignore"),
        OsStr::new("-q"),
        OsStr::new("--no-index"),
        OsStr::new("--"),
        name,
    ];
    let out = git(dir, args)?;
    if out.status.code() == Some(1) {
        errln!(
            "kith: warning: git does not ignore {} though {} has {IGNORE_PATTERN}: \
             a later line brings it back",
            lock.display(),
            dir.join(".gitignore").display()
        );
    }
    Ok(())
}
