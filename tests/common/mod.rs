//! Helpers shared by the CLI tests.
#![allow(dead_code)]

use assert_cmd::Command;

/// The fixed date every test runs at.
pub const AS_OF: &str = "2026-11-27";

/// `coderpath --as-of AS_OF` with a fixed width and no colour.
pub fn coderpath() -> Command {
    let mut c = Command::cargo_bin("coderpath").unwrap();
    c.env("COLUMNS", "120")
        .env("NO_COLOR", "1")
        .args(["--as-of", AS_OF]);
    c
}

/// Stdout of a successful run.
pub fn stdout_of(args: &[&str]) -> String {
    let out = coderpath().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
