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

/// Runs `coderpath` with `args` and checks a located problem: the exit code, no panic, and
/// stderr naming `location` (file:line:column) and containing each of `texts`. Returns stderr.
pub fn assert_located<S: AsRef<std::ffi::OsStr>>(
    args: &[S],
    code: i32,
    location: &str,
    texts: &[&str],
) -> String {
    let out = coderpath().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{location}: {stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{location}: {stderr}"
    );
    assert!(
        stderr.contains(location),
        "expected {location} in\n{stderr}"
    );
    for t in texts {
        assert!(
            stderr.contains(t),
            "{location}: expected `{t}` in\n{stderr}"
        );
    }
    assert!(
        out.stdout.is_empty(),
        "{location}: a problem was reported and stdout is not empty"
    );
    stderr
}

/// A copy of an example profile and its log in a temporary directory.
pub fn copy_example(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for f in [format!("{name}.yaml"), format!("{name}.ceus.yaml")] {
        std::fs::copy(format!("examples/{f}"), dir.path().join(&f)).unwrap();
    }
    let p = dir.path().join(format!("{name}.yaml"));
    (dir, p)
}

/// Writes `text` to `dir/name`; the path as a string.
pub fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}
