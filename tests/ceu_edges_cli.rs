//! Edges of the CEU commands a certified coder runs into: a what-if that brings in a body
//! the profile has no renewal date for, an unknown cycle long past its window, numbers and
//! texts on the command line, a profile without a log, a late `ceu_log_since`, a log path
//! that is not a file, and state codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use common::{coderpath, stdout_of, write};
use serde_json::Value;

/// Runs `coderpath` with `args`: exit code, stdout and stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = coderpath().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn what_if_adding_a_body_without_a_renewal_date_assumes_one_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let ahima = write(
        dir.path(),
        "ahima.yaml",
        "name: Ada\neducation: associate\ncredentials:\n  - id: CCS\n    earned: 2024-02-10\n",
    );
    let (code, out, err) = run(&["ceu", "what-if", &ahima, "--add", "CPMA"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("ahima.yaml:1:1"), "{err}");
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        out.contains("AAPC: the profile gives no membership renewal date, so the membership is taken to start on 2026-11-27"),
        "{out}"
    );
    assert!(out.contains("│ AAPC ┆ due ┆ — ┆ 2027-11-27"), "{out}");
    let json: Value = serde_json::from_str(&stdout_of(&[
        "ceu", "what-if", &ahima, "--add", "CPMA", "-f", "json",
    ]))
    .unwrap();
    assert_eq!(
        json["assumed_renewals"],
        serde_json::json!([{ "body": "AAPC", "renewal": "2026-11-27" }])
    );
    assert_eq!(
        json["after"]["bodies"][0]["current"]["cycle"]["end"],
        "2027-11-27"
    );
    // A profile that gives the date is taken at its word.
    let dated = write(
        dir.path(),
        "dated.yaml",
        "name: Ada\neducation: associate\ncredentials: [{ id: CCS, earned: 2024-02-10 }]\naapc_renewal: 2027-03-15\n",
    );
    let json: Value = serde_json::from_str(&stdout_of(&[
        "ceu", "what-if", &dated, "--add", "CPMA", "-f", "json",
    ]))
    .unwrap();
    assert_eq!(json["assumed_renewals"], serde_json::json!([]));
    assert_eq!(
        json["after"]["bodies"][0]["current"]["cycle"]["end"],
        "2027-03-15"
    );
}

/// docs/status-json.md: an ended cycle the log holds CEUs of but cannot judge stays in view
/// as unknown after its lapse window (it may have been missed, and then the credential was
/// revoked); one the log holds nothing of is `null` once the window has closed.
#[test]
fn a_partly_logged_unknown_cycle_stays_in_view_after_its_window() {
    let dir = tempfile::tempdir().unwrap();
    let profile = write(
        dir.path(),
        "p.yaml",
        "name: P\neducation: certificate\ncredentials: [{ id: CPC, earned: 2019-03-01 }]\naapc_renewal: 2025-05-31\nceu_log: p.ceus.yaml\n",
    );
    let status = |log: &str| {
        write(dir.path(), "p.ceus.yaml", log);
        let json: Value =
            serde_json::from_str(&stdout_of(&["ceu", "status", &profile, "-f", "json"])).unwrap();
        json["bodies"][0]["ended"].clone()
    };
    let old = "- date: 2024-01-10\n  title: Old webinar\n  provider: AAPC\n  ceus: 2\n  aapc_index: OLD-1\n";
    let ended = status(old);
    assert_eq!(ended["state"]["state"], "not_in_log", "{ended}");
    assert_eq!(ended["cycle"]["end"], "2025-05-31", "{ended}");
    assert!(stdout_of(&["ceu", "status", &profile]).contains("not in the log"));
    let recent = "- date: 2026-01-10\n  title: New webinar\n  provider: AAPC\n  ceus: 2\n  aapc_index: NEW-1\n";
    assert_eq!(status(recent), Value::Null);
}

#[test]
fn add_echoes_numbers_as_typed_and_takes_texts_that_start_with_a_hyphen() {
    let dir = tempfile::tempdir().unwrap();
    let profile = write(
        dir.path(),
        "p.yaml",
        "name: P\neducation: certificate\ncredentials: [{ id: CPC, earned: 2023-06-14 }]\naapc_renewal: 2027-05-31\nceu_log: x.ceus.yaml\n",
    );
    let log = dir.path().join("x.ceus.yaml");
    let base = [
        "ceu",
        "add",
        &profile,
        "--date",
        "2026-11-01",
        "--aapc-index",
        "I-1",
    ];
    let (code, _, err) = run(&[
        &base[..],
        &["--title", "T", "--provider", "P", "--ceus", "1e400"],
    ]
    .concat());
    assert_eq!(code, 2);
    assert!(err.contains("--ceus 1e400: expected more than 0"), "{err}");
    assert!(!err.contains("inf"), "{err}");
    let (code, _, err) = run(&[
        &base[..],
        &["--title", "- item", "--provider", "-AAPC", "--ceus", "1"],
    ]
    .concat());
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("title: \"- item\"\n  provider: \"-AAPC\"\n"),
        "{text}"
    );
    let listed = stdout_of(&["ceu", "list", &profile, "--provider", "-aapc"]);
    assert!(listed.contains("- item"), "{listed}");
}

#[test]
fn check_says_when_there_is_no_log_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let profile = write(
        dir.path(),
        "p.yaml",
        "name: P\neducation: certificate\ncredentials: [{ id: CPC, earned: 2023-06-14 }]\naapc_renewal: 2027-05-31\n",
    );
    let (code, _, err) = run(&["ceu", "check", &profile]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: the profile names no CEU log"),
        "{err}"
    );
    let (code, out, _) = run(&["ceu", "check", &profile, "-f", "json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "no_ceu_log");
    let (_, _, err) = run(&["-q", "ceu", "check", &profile]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn a_late_ceu_log_since_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let profile_text = |since: &str| {
        format!(
            "name: P\neducation: certificate\ncredentials: [{{ id: CPC, earned: 2023-06-14 }}]\naapc_renewal: 2027-05-31\nceu_log: p.ceus.yaml\nceu_log_since: {since}\n"
        )
    };
    write(
        dir.path(),
        "p.ceus.yaml",
        "- date: 2026-01-05\n  title: A\n  provider: AAPC\n  ceus: 1\n  aapc_index: I-1\n",
    );
    let profile = write(dir.path(), "p.yaml", &profile_text("2026-12-01"));
    let at = format!("{profile}:6:16");
    for cmd in [
        &["ceu", "check"][..],
        &["profile", "check"],
        &["ceu", "status"],
    ] {
        let (code, _, err) = run(&[cmd, &[profile.as_str()]].concat());
        assert_eq!(code, 0, "{cmd:?}: {err}");
        assert!(err.contains(&at), "{cmd:?}: {err}");
        assert!(
            err.contains("warning: `ceu_log_since` 2026-12-01 is after the report date 2026-11-27"),
            "{cmd:?}: {err}"
        );
    }
    write(dir.path(), "p.yaml", &profile_text("2026-03-01"));
    let (_, _, err) = run(&["ceu", "check", &profile]);
    assert!(
        err.contains("`ceu_log_since` 2026-03-01 is after every entry of the log (the latest is dated 2026-01-05)"),
        "{err}"
    );
    write(dir.path(), "p.yaml", &profile_text("2026-01-05"));
    let (code, _, err) = run(&["ceu", "check", &profile]);
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn a_log_path_that_is_not_a_file_is_not_said_to_be_created_by_add() {
    let dir = tempfile::tempdir().unwrap();
    let profile = write(
        dir.path(),
        "p.yaml",
        "name: P\neducation: certificate\ncredentials: [{ id: CPC, earned: 2023-06-14 }]\naapc_renewal: 2027-05-31\nceu_log: p.ceus.yaml\n",
    );
    let fifo = dir.path().join("p.ceus.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, _, err) = run(&["ceu", "status", &profile]);
    let err = err.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(code, 2);
    assert!(err.contains("is not a regular file"), "{err}");
    assert!(err.contains("move what is there"), "{err}");
    std::fs::remove_file(&fifo).unwrap();
    std::fs::create_dir(&fifo).unwrap();
    let (code, _, err) = run(&["ceu", "status", &profile]);
    assert_eq!(code, 2);
    assert!(err.contains("is a folder, not a file"), "{err}");
    assert!(!err.contains("creates it"), "{err}");
}

#[test]
fn only_real_usps_codes_pass_as_a_state() {
    let dir = tempfile::tempdir().unwrap();
    for (state, code, says) in [
        (
            "XX",
            1,
            "`XX` is not the USPS code of a US state, DC or territory",
        ),
        ("ZZ", 1, "expected a two-letter USPS code"),
        ("ca", 1, "did you mean CA?"),
        ("California", 1, "did you mean CA?"),
        ("CA", 0, ""),
        ("DC", 0, ""),
        ("PR", 0, ""),
    ] {
        let p = write(
            dir.path(),
            "p.yaml",
            &format!("name: P\neducation: high_school\nstate: {state}\n"),
        );
        let (got, _, err) = run(&["profile", "check", &p]);
        assert_eq!(got, code, "{state}: {err}");
        assert!(err.contains(says), "{state}: {err}");
        if code == 1 {
            assert!(err.contains("p.yaml:3:8"), "{state}: {err}");
        }
    }
}

/// A credential revoked past its reinstatement window is gone: `what-if --add` of it (or of
/// another of its body) plans it earned now, in a cycle of its own, as the planner does.
#[test]
fn what_if_earning_again_a_credential_revoked_for_good_starts_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let profile = write(
        dir.path(),
        "r.yaml",
        "name: R\neducation: associate\nexperience_months: 70\ncredentials: [{ id: CCS, earned: 2021-01-20 }]\nceu_log_since: 2022-01-01\nceu_log: r.ceus.yaml\n",
    );
    write(
        dir.path(),
        "r.ceus.yaml",
        "- { date: 2023-02-01, title: PCS, provider: AHIMA, ceus: 5, domain: hiim, ahima_sourced: true }\n",
    );
    for add in ["CCS", "CCA"] {
        let json: Value = serde_json::from_str(&stdout_of(&[
            "ceu", "what-if", &profile, "--add", add, "-f", "json",
        ]))
        .unwrap();
        let (before, after) = (&json["before"]["bodies"][0], &json["after"]["bodies"][0]);
        assert_eq!(before["current"]["state"]["state"], "on_hold", "{before}");
        assert_eq!(after["credentials"], serde_json::json!([add]), "{after}");
        assert_eq!(after["current"]["cycle"]["end"], "2028-11-26", "{after}");
    }
}
