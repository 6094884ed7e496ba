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
