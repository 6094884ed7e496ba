//! `kith list | head`: a reader that goes away early must not make kith panic.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_kith_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.ron");
    let kith = env!("CARGO_BIN_EXE_kith");
    let made = Command::new(kith)
        .args([
            "--today",
            "2026-11-26",
            "demo",
            "--generate",
            "--people",
            "3000",
            "--entries",
            "10",
        ])
        .arg("--out")
        .arg(&file)
        .output()
        .unwrap();
    assert!(made.status.success());
    let mut child = Command::new(kith)
        .arg("--file")
        .arg(&file)
        .args(["--today", "2026-11-26", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('p'), "{first}");
    // The reader is gone; kith's next writes hit a closed pipe.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "a panic exits 101");
}
