//! Every problem of a file comes in one run: mistakes the parser finds (a wrong type, an
//! impossible date, an unknown key) do not hide the ones found by the checks after parsing
//! (an unknown id, a figure out of range, a missing CEU log), and all come located, in file
//! order.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use common::{coderpath, write};
use serde_json::Value;

/// `(file, line, column, message)` of each diagnostic `args --format json` gives, after
/// checking the exit code: 1 when a check command found problems, 2 when the input could not
/// be used.
fn problems(args: &[&str], code: i32) -> Vec<(String, u64, u64, String)> {
    let out = coderpath()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Asserts that `got` holds exactly `want` (`line, column, start of message` in `file`), in
/// that order.
fn assert_problems(got: &[(String, u64, u64, String)], file: &str, want: &[(u64, u64, &str)]) {
    let shown: Vec<String> = got
        .iter()
        .map(|(f, l, c, m)| format!("{f}:{l}:{c} {m}"))
        .collect();
    assert_eq!(got.len(), want.len(), "{shown:#?}");
    for ((f, l, c, m), (wl, wc, wm)) in got.iter().zip(want) {
        assert_eq!((f.as_str(), *l, *c), (file, *wl, *wc), "{wm} in {shown:#?}");
        assert!(m.starts_with(wm), "`{wm}` in {shown:#?}");
    }
}

const LOG: &str = "\
- date: 2025-07-09
  title: Good entry
  provider: AAPC
  ceus: 2
  topics: [icd10cm]
- date: 2026-02-30
  title: Impossible date
  provider: AAPC
  ceus: 1
- date: 2025-10-21
  title: Wrong type
  provider: AAPC
  ceus: \"two\"
- date: 2025-10-22
  titel: Misspelt key
  provider: AAPC
  ceus: 0
- date: 2025-10-23
  title: Negative
  provider: AAPC
  ceus: -3
- date: 2025-10-24
  title: Unknown topic
  provider: AAPC
  ceus: 1
  topics: [cptx]
- { checkpoint: 2026-06-30, body: AAPC, earned: -1 }
";

/// The log's problems: parsing ones and checks, in file order.
const LOG_PROBLEMS: [(u64, u64, &str); 7] = [
    (6, 9, "[1].date: `2026-02-30` is not a real calendar date"),
    (13, 9, "[2].ceus: found text `two`"),
    (15, 3, "unknown key `[3].titel`; did you mean `title`?"),
    // The rest of an entry with a misspelt key is still checked.
    (17, 9, "`0` CEUs is not plausible for one entry"),
    (21, 9, "`-3` CEUs is not plausible for one entry"),
    (26, 12, "unknown topic `cptx`; did you mean `cpt`?"),
    (27, 49, "`-1` CEUs is not a plausible portal total"),
];

#[test]
fn a_log_with_mistakes_of_every_kind_reports_them_all_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let log = write(dir.path(), "p.ceus.yaml", LOG);
    let profile = write(
        dir.path(),
        "p.yaml",
        "name: P\neducation: high_school\ncredentials:\n  - id: CPC\n    earned: 2024-01-10\nceu_log: p.ceus.yaml\n",
    );
    // A misspelt title is not also reported as a missing one.
    assert_problems(
        &problems(&["profile", "check", &log], 1),
        &log,
        &LOG_PROBLEMS,
    );
    assert_problems(
        &problems(&["ceu", "check", &profile], 2),
        &log,
        &LOG_PROBLEMS,
    );
    // `ceu status` stops at the same problems, all of them shown.
    let out = coderpath()
        .args(["ceu", "status", &profile])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (line, column, message) in LOG_PROBLEMS {
        assert!(
            stderr.contains(&format!("{log}:{line}:{column}")),
            "{stderr}"
        );
        assert!(stderr.contains(message), "{stderr}");
    }
    assert_eq!(stderr.matches("error:").count(), 7, "{stderr}");
}

#[test]
fn a_profile_reports_a_bad_date_and_an_unknown_credential_in_the_same_entry() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "oscar.yaml",
        "name: Oscar Invalid
education: high_school
experience_months: 6
credentials:
  - id: CPCC
    earned: 2026-02-30
target:
  setting: physician_office
",
    );
    let want = [
        (5, 9, "unknown credential `CPCC`; did you mean `CPC`?"),
        (
            6,
            13,
            "credentials[0].earned: `2026-02-30` is not a real calendar date",
        ),
    ];
    assert_problems(&problems(&["profile", "check", &p], 1), &p, &want);
    let out = coderpath().args(["plan", &p]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{p}:5:9")), "{stderr}");
    assert!(stderr.contains(&format!("{p}:6:13")), "{stderr}");
}

#[test]
fn a_profile_reports_parsing_problems_checks_and_its_missing_log_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "multi.yaml",
        "name: Multi Mistake
education: high_school
experience_months: \"six\"
credentials:
  - id: CPCC
    earned: 2024-01-10
name: Repeated
state: !x ZZ
cycle_overrides:
  - body: AAPC
    start: 2026-01-01
    end: 2025-01-01
  - body: AHIMA
    start: 2026-02-30
    end: 2025-01-01
ceu_log: missing.ceus.yaml
",
    );
    // A repeated key or a tag hides none of the others.
    let want = [
        (3, 20, "experience_months: found text `six`"),
        (5, 9, "unknown credential `CPCC`; did you mean `CPC`?"),
        (7, 1, "duplicate key `name`"),
        (8, 8, "YAML tags such as `!x` are not used"),
        (
            12,
            10,
            "cycle end 2025-01-01 is not after its start 2026-01-01",
        ),
        // A start that is not a date is not compared with the end.
        (
            14,
            12,
            "cycle_overrides[1].start: `2026-02-30` is not a real calendar date",
        ),
        (16, 10, "CEU log"),
    ];
    assert_problems(&problems(&["profile", "check", &p], 1), &p, &want);
    for command in [&["plan"][..], &["ceu", "status"]] {
        let out = coderpath().args(command).arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.matches("error:").count(), want.len(), "{stderr}");
        assert!(stderr.contains("does not exist"), "{stderr}");
    }
}

#[test]
fn a_roster_reports_its_unknown_keys_and_its_clients_at_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.yaml", "name: Ok\neducation: high_school\n");
    let r = write(
        dir.path(),
        "roster.yaml",
        "counsellor: Pat
organisaton: Clinic
clients:
  - ok.yaml
  - [nested]
  - nobody.yaml
",
    );
    let want = [
        (
            2,
            1,
            "unknown key `organisaton`; did you mean `organisation`?",
        ),
        (5, 5, "clients[1]: found a list"),
        (6, 5, "`nobody.yaml` matches no file"),
    ];
    assert_problems(&problems(&["profile", "check", &r], 1), &r, &want);
}
