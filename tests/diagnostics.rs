//! What a user sees when inputs are wrong: every problem of a file, in plain words, as text
//! or JSON; input quoted briefly and escaped; only regular files read, never blocking.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::time::Duration;

use common::{assert_located, coderpath, write};
use serde_json::Value;

/// A profile with four mistakes of different kinds (the README shows its check).
const FOUR_MISTAKES: &str = "tests/fixtures/person/several_problems.yaml";

#[test]
fn every_problem_in_a_file_is_shown_in_plain_words() {
    let p = FOUR_MISTAKES;
    let stderr = assert_located(
        &["profile", "check", p],
        1,
        &format!("{p}:2:12"),
        &[
            "education: unknown value `hgh_school`; did you mean `high_school`?",
            "expected one of: none, high_school",
            &format!("{p}:5:13"),
            "credentials[0].earned: `2020-13-01` is not a real calendar date",
            &format!("{p}:7:15"),
            "preferences.budget_usd: found text `$4,000`",
            "expected a number such as 4000",
            &format!("{p}:8:19"),
            "preferences.hours_per_week: found text `lots`",
        ],
    );
    assert_eq!(stderr.matches("error:").count(), 4, "{stderr}");
    assert!(!stderr.contains("expected did you mean"), "{stderr}");
    assert!(
        !stderr.contains("f64") && !stderr.contains("invalid type"),
        "{stderr}"
    );
}

#[test]
fn check_commands_give_diagnostics_as_json() {
    let p = FOUR_MISTAKES;
    let out = coderpath()
        .args(["profile", "check", p, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    let ds = v["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 4);
    assert_eq!(
        ds[0],
        serde_json::json!({
            "file": p, "line": 2, "column": 12, "severity": "error", "code": "unknown_value",
            "message": "education: unknown value `hgh_school`; did you mean `high_school`?",
            "expected": "one of: none, high_school, certificate, associate, bachelor, master, ged"
        })
    );
    let codes: Vec<&str> = ds.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        ["unknown_value", "invalid_value", "wrong_type", "wrong_type"]
    );

    // Clean files: ok, exit 0.
    for args in [
        &["profile", "check", "examples/certified.yaml", "-f", "json"][..],
        &["data", "check", "--format", "json"],
    ] {
        let out = coderpath().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v, serde_json::json!({"ok": true, "diagnostics": []}));
    }

    // `ceu check` finds audit problems (exit 1) and reports a broken profile (exit 2).
    let out = coderpath()
        .args([
            "ceu",
            "check",
            "examples/certified.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["diagnostics"][0]["line"], 23);
    // Each kind of audit finding has its own code for scripts.
    assert_eq!(v["diagnostics"][0]["code"], "no_approval_index");
    let out = coderpath()
        .args(["ceu", "check", p, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 4);

    // Broken reference data.
    let data = tempfile::tempdir().unwrap();
    write(
        data.path(),
        "careers.yaml",
        "as_of: 2026-13-01\ncareers: 5\n",
    );
    let out = coderpath()
        .args(["data", "check", "--format", "json", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 2);
}

#[test]
fn problems_beyond_twenty_are_counted_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = String::new();
    for i in 0..30 {
        log.push_str(&format!(
            "- date: 2026-01-{:02}\n  title: T\n  provider: P\n  ceus: many\n",
            i % 28 + 1
        ));
    }
    let l = write(dir.path(), "x.ceus.yaml", &log);
    let out = coderpath()
        .args(["profile", "check", &l, "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ds = v["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 21);
    assert_eq!(ds[20]["code"], "more_problems");
    assert!(
        ds[20]["message"]
            .as_str()
            .unwrap()
            .starts_with("10 more problems")
    );
}

#[test]
fn a_log_that_is_not_yaml_is_not_quoted_whole() {
    let dir = tempfile::tempdir().unwrap();
    let passwd: String = (0..500)
        .map(|i| format!("user{i}:x:{i}:{i}:User {i}:/home/user{i}:/bin/bash\n"))
        .collect();
    write(dir.path(), "passwd", &passwd);
    let p = write(
        dir.path(),
        "p.yaml",
        "name: Lee\neducation: high_school\nceu_log: passwd\n",
    );
    let stderr = assert_located(
        &["profile", "check", &p],
        1,
        "passwd:1:1",
        &[
            "found text `user0:x:0:0:User 0:/home/user0:/bin/bash user1:x:1:1:User 1:…` at the top of the file",
        ],
    );
    assert!(stderr.len() < 1000, "{stderr}");
    assert!(!stderr.contains("user2"), "{stderr}");
}

#[test]
fn long_lines_and_control_characters_are_cut_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let long = "y".repeat(5 * 1024 * 1024);
    let p = write(
        dir.path(),
        "p.yaml",
        &format!("{{name: Lee, education: bogus, notes: \"{long}\", x: 1}}\n"),
    );
    let stderr = assert_located(
        &["profile", "check", &p],
        1,
        &format!("{p}:1:24"),
        &[
            "unknown value `bogus`",
            "unknown key `notes`",
            "…",
            &format!("{p}:1:5242922"),
        ],
    );
    assert!(stderr.len() < 3000, "{} bytes of stderr", stderr.len());
    // A raw escape sequence in the input reaches the terminal escaped.
    let p = write(
        dir.path(),
        "q.yaml",
        "name: Lee\neducation: \"\\e[2Jcollege\"\n",
    );
    let stderr = assert_located(&["profile", "check", &p], 1, &format!("{p}:2:12"), &[]);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("`\\x1b[2Jcollege`"), "{stderr}");
    let p = write(dir.path(), "r.yaml", "name: Lee\u{7f}\neducation: none\n");
    let stderr = assert_located(
        &["profile", "check", &p],
        1,
        &format!("{p}:1:10"),
        &["the text holds the character `\\u{7f}` (U+007F), which YAML does not allow"],
    );
    assert!(!stderr.contains('\u{7f}'), "{stderr:?}");
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo = fifo.display().to_string();
    let dir_path = dir.path().display().to_string();
    for (path, what) in [
        (fifo.as_str(), "a FIFO (named pipe), not a regular file"),
        (dir_path.as_str(), "a directory, not a regular file"),
        ("/dev/zero", "a device, not a regular file"),
        ("/dev/null", "a device, not a regular file"),
    ] {
        coderpath()
            .args(["profile", "check", path])
            .timeout(Duration::from_secs(20))
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!("error: cannot read {path}: it is {what}\n"));
    }
    // A FIFO among the reference data, or as a CEU log, is refused too.
    let data = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(data.path().join("careers.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    coderpath()
        .args(["data", "check", "--data-dir"])
        .arg(data.path())
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a regular file"));
    let p = write(
        dir.path(),
        "p.yaml",
        "name: Lee\neducation: high_school\nceu_log: fifo.yaml\n",
    );
    coderpath()
        .args(["ceu", "status", &p])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stdout("");
    // A symlink to a regular file is followed.
    let link = dir.path().join("link.yaml");
    std::os::unix::fs::symlink(
        std::fs::canonicalize("examples/aspiring.yaml").unwrap(),
        &link,
    )
    .unwrap();
    coderpath()
        .args(["profile", "check"])
        .arg(&link)
        .assert()
        .code(0);
}

#[test]
fn standard_input_is_read_with_the_size_limit() {
    let huge = "# padding\n".repeat(1_700_000);
    coderpath()
        .args(["plan", "-"])
        .write_stdin(huge)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("<stdin>:1:1"))
        .stderr(predicates::str::contains("over the 16777216-byte limit"));
}

#[test]
fn the_readme_shows_the_real_output() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    // The README shows output as piped: 100 columns.
    let out = coderpath()
        .env_remove("COLUMNS")
        .args(["profile", "check", FOUR_MISTAKES])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        readme.contains(stderr.trim_end()),
        "README.md should show\n{stderr}"
    );
}

/// The wording of every problem in a file, as a person reads it (a change here is a
/// change in what people are told).
#[test]
fn several_problems_wording_snapshot() {
    let out = coderpath()
        .args(["profile", "check", FOUR_MISTAKES])
        .output()
        .unwrap();
    insta::assert_snapshot!("several_problems", String::from_utf8_lossy(&out.stderr));
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "export.csv",
        "Completion Date,Course Title,CEU Hours,Sponsor,Topics\n2026-13-01,A,1,AAPC,cpt\n2026-10-01,,lots,AAPC,cptt\n",
    );
    let out = coderpath()
        .current_dir(dir.path())
        .args(["ceu", "import", "log.ceus.yaml", "export.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !dir.path().join("log.ceus.yaml").exists(),
        "nothing written"
    );
    let text = String::from_utf8_lossy(&out.stderr).replace(&csv, "export.csv");
    insta::assert_snapshot!("csv_import_problems", text);
}
