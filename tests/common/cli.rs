//! Running the real `kith` binary on a temp file, with today fixed and no
//! config from the user's machine.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `kith --file FILE --today 2026-11-26 ARGS…`.
pub fn kith(file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("--file")
        .arg(file)
        .args([
            "--today",
            "2026-11-26",
            "--config",
            "/nonexistent/kith-test-config.ron",
        ])
        .args(args)
        // New ids are drawn codes; a fixed seed draws the same ones every run.
        .env("KITH_ID_SEED", "1")
        .output()
        .expect("kith runs")
}

/// Runs kith, asserts it succeeded, returns its stdout.
pub fn ok(file: &Path, args: &[&str]) -> String {
    let out = kith(file, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `kith add ARGS…` and returns the new person's id (`pk7f3qa2x`).
#[allow(dead_code)]
pub fn add(file: &Path, args: &[&str]) -> String {
    let mut all = vec!["add"];
    all.extend_from_slice(args);
    let out = ok(file, &all);
    out.lines().next().unwrap_or_default().trim().to_string()
}

/// A person's id, as `kith show NAME --json` gives it.
#[allow(dead_code)]
pub fn id_of(file: &Path, name: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(&ok(file, &["show", name, "--json"])).unwrap();
    v["id"]
        .as_str()
        .expect("show --json has the id")
        .to_string()
}

/// `text` with every drawn id (`pk7f3qa2x`, `em0x4vz9r`) written `p*` / `e*`,
/// for comparing whole lines whose ids are not the point.
#[allow(dead_code)]
pub fn masked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let word_start = out
            .chars()
            .last()
            .is_none_or(|p| !p.is_ascii_alphanumeric());
        if word_start
            && (c == 'p' || c == 'e')
            && rest.len() >= 9
            && rest.is_char_boundary(9)
            && kith::model::PersonId::parse(&format!("p{}", &rest[1..9]))
                .is_some_and(|id| id.is_code())
            && !rest[9..].starts_with(|n: char| n.is_ascii_alphanumeric())
        {
            out.push(c);
            out.push('*');
            rest = &rest[9..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}
