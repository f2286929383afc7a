//! CEU logs just under the 16 MiB file limit (`loader::MAX_FILE_BYTES`) — about 280,000 tiny
//! entries, or 330,000 checkpoints that all disagree with the log — pass `ceu status` and
//! `ceu check` in time that grows about linearly with the log. Release timings are in
//! BENCHMARKS.md (well under a second each); here, in the debug build, the bound is
//! generous enough for a busy CI machine and still far below what a quadratic step costs
//! (`ceu check` once took more than ten minutes on the checkpoint log).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::time::{Duration, Instant};

use coderpath::loader::MAX_FILE_BYTES;
use common::coderpath;

/// Longest a debug-build run on a 16 MiB log may take.
const BOUND: Duration = Duration::from_secs(30);

/// Writes a profile holding CPC and CCS whose log is the items `item(0)`, `item(1)`, … for as
/// long as they fit within the file limit; returns the folder, the profile and the count.
fn write_log(item: impl Fn(usize) -> String) -> (tempfile::TempDir, std::path::PathBuf, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut log = String::with_capacity(MAX_FILE_BYTES as usize);
    let mut count = 0;
    loop {
        let next = item(count);
        if (log.len() + next.len()) as u64 > MAX_FILE_BYTES {
            break;
        }
        log.push_str(&next);
        count += 1;
    }
    assert!(log.len() as u64 > MAX_FILE_BYTES - 100);
    std::fs::write(dir.path().join("big.ceus.yaml"), log).unwrap();
    let profile = dir.path().join("big.yaml");
    std::fs::write(
        &profile,
        "name: Big Log\neducation: certificate\nmemberships: [AAPC]\ncredentials:\n  - { id: CPC, earned: 2016-01-01 }\n  - { id: CCS, earned: 2016-03-01 }\naapc_renewal: 2025-05-31\nceu_log: big.ceus.yaml\n",
    )
    .unwrap();
    (dir, profile, count)
}

/// A date in 2016–2026 for item `i`.
fn date(i: usize) -> String {
    let day =
        chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap() + chrono::Days::new((i % 3900) as u64);
    day.to_string()
}

/// Runs `ceu <args>` on `profile`, checking the exit code, that nothing panicked and the
/// time; returns stdout and stderr.
fn run(args: &[&str], profile: &std::path::Path, code: i32) -> (String, String) {
    let started = Instant::now();
    let out = coderpath()
        .arg("ceu")
        .args(args)
        .arg(profile)
        .output()
        .unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "ceu {args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(took < BOUND, "ceu {args:?} took {took:?}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn a_16_mib_log_of_tiny_entries_is_tracked_and_checked() {
    let (_dir, profile, count) = write_log(|i| {
        format!(
            "- date: {}\n  title: t{i}\n  provider: p\n  ceus: 1\n",
            date(i)
        )
    });
    assert!(count > 250_000, "{count}");
    let (status, _) = run(&["status", "--format", "json"], &profile, 0);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert!(status.is_object());
    // Distinct entries, none before the first certification: nothing fails the check, and
    // only the entries without an AHIMA `domain` are named (warnings).
    let (stdout, stderr) = run(&["check"], &profile, 0);
    assert!(
        stdout.is_empty() && !stderr.contains("error"),
        "{stdout}{stderr}"
    );
    assert!(stderr.contains("warning: no `domain`"), "{stderr}");
}

#[test]
fn a_16_mib_log_of_checkpoints_is_tracked_and_checked() {
    let (_dir, profile, count) = write_log(|i| {
        format!(
            "- checkpoint: {}\n  body: AAPC\n  earned: {}\n",
            date(i),
            i % 90
        )
    });
    assert!(count > 300_000, "{count}");
    let (status, _) = run(&["status", "--format", "json"], &profile, 0);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert!(status.is_object());
    // The log has no entries, so nearly every checkpoint disagrees with it.
    let (_, stderr) = run(&["check"], &profile, 1);
    assert!(stderr.contains("AAPC showed 1 CEU,"), "{stderr}");
    assert!(stderr.contains("not shown"), "{stderr}");
}
