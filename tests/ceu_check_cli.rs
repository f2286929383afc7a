//! `ceu check`'s notes and warnings: a portal checkpoint used as evidence for a log begun
//! late, AHIMA entries without a domain, and an error hidden past the cap still failing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use common::coderpath;

/// Writes `profile` and its log `p.ceus.yaml` into a new folder.
fn person(profile: &str, log: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.yaml"),
        format!("{profile}ceu_log: p.ceus.yaml\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("p.ceus.yaml"), log).unwrap();
    dir
}

/// `ceu check` on the folder's profile: exit code, stdout, stderr.
fn check(dir: &tempfile::TempDir, json: bool) -> (Option<i32>, String, String) {
    let mut c = coderpath();
    c.args(["ceu", "check"]).arg(dir.path().join("p.yaml"));
    if json {
        c.args(["--format", "json"]);
    }
    let out = c.output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const LATE_LOG: &str = "name: T\neducation: associate\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2021-03-10 }]\naapc_renewal: 2025-09-30\n";

const LATE_ENTRIES: &str = "\
- { date: 2023-11-02, title: a, provider: AAPC, ceus: 4, aapc_index: A1 }
- { date: 2024-05-14, title: b, provider: AAPC, ceus: 6, aapc_index: A2 }
- { date: 2025-03-20, title: c, provider: AAPC, ceus: 8, aapc_index: A3 }
- { date: 2025-09-12, title: d, provider: AAPC, ceus: 2, aapc_index: A4 }
- { checkpoint: 2025-09-30, body: AAPC, earned: 24 }
";

/// The checkpoint `ceu status` advises for a log begun late passes the check, with a note.
#[test]
fn a_checkpoint_for_a_log_begun_late_is_a_note() {
    let dir = person(LATE_LOG, LATE_ENTRIES);
    let (code, stdout, stderr) = check(&dir, false);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.is_empty());
    let name = dir.path().join("p.ceus.yaml").display().to_string();
    assert!(stderr.contains(&format!("{name}:5:1")), "{stderr}");
    assert!(
        stderr.contains("note: checkpoint 2025-09-30: AAPC showed 24 CEUs, the log adds up to 20 (difference +4)"),
        "{stderr}"
    );
    assert!(!stderr.contains("error"), "{stderr}");
    let (code, stdout, _) = check(&dir, true);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["ok"], true);
    let d = &v["diagnostics"][0];
    assert_eq!(
        (&d["line"], &d["severity"], &d["code"]),
        (
            &serde_json::json!(5),
            &serde_json::json!("note"),
            &serde_json::json!("checkpoint_evidence")
        )
    );
    // Declared complete from the cycle's start, the same log is missing entries.
    let dir = person(
        &format!("{LATE_LOG}ceu_log_since: 2023-10-01\n"),
        LATE_ENTRIES,
    );
    let (code, stdout, _) = check(&dir, true);
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "checkpoint_differs");
}

/// Each entry counted toward AHIMA without a `domain` is a warning at its line.
#[test]
fn ahima_entries_without_a_domain_are_warnings() {
    let profile = "name: M\neducation: bachelor\nmemberships: [AHIMA]\ncredentials: [{ id: CCS, earned: 2025-03-10 }]\n";
    let log = "\
- { date: 2025-04-02, title: a, provider: AHIMA, ceus: 5, domain: hiim, ahima_sourced: true }
- { date: 2025-06-10, title: b, provider: Local College, ceus: 4 }
- { date: 2025-09-01, title: c, provider: LinkedIn Learning, ceus: 3, domain: other }
- { date: 2026-02-20, title: d, provider: Toastmasters, ceus: 2 }
";
    let dir = person(profile, log);
    let (code, _, stderr) = check(&dir, false);
    assert_eq!(code, Some(0), "{stderr}");
    let name = dir.path().join("p.ceus.yaml").display().to_string();
    for line in [2, 4] {
        assert!(stderr.contains(&format!("{name}:{line}:1")), "{stderr}");
    }
    assert_eq!(
        stderr.matches("warning: no `domain`").count(),
        2,
        "{stderr}"
    );
    let (_, stdout, _) = check(&dir, true);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<(u64, &str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (2, "warning", "missing_domain"),
            (4, "warning", "missing_domain")
        ]
    );
    assert_eq!(v["ok"], true);
}

/// An error past the first 20 diagnostics, behind warnings, still fails the check.
#[test]
fn an_error_hidden_behind_warnings_still_fails() {
    let profile = "name: M\neducation: bachelor\ncredentials: [{ id: CCS, earned: 2025-03-10 }]\n";
    let mut log: String = (0..22)
        .map(|i| {
            format!(
                "- {{ date: 2025-04-{:02}, title: t{i}, provider: P, ceus: 1 }}\n",
                i + 1
            )
        })
        .collect();
    log.push_str("- { date: 2025-04-01, title: t0, provider: P, ceus: 1 }\n");
    let dir = person(profile, &log);
    let (code, stdout, _) = check(&dir, true);
    assert_eq!(code, Some(1), "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["ok"], false);
    let last = v["diagnostics"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (&last["code"], &last["severity"]),
        (
            &serde_json::json!("more_problems"),
            &serde_json::json!("error")
        )
    );
}
