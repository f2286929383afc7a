//! Certificate paths: `ceu add --certificate` takes the path from the current folder and
//! writes it relative to the log's folder; `ceu check` knows one file by any of its paths.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::path::Path;

use common::coderpath;

const PROFILE: &str = "name: T\neducation: certificate\ncredentials: [{ id: CPC, earned: 2023-06-14 }]\naapc_renewal: 2027-05-31\nceu_log: cpc.ceus.yaml\n";

/// A profile, its (empty) log and certificates: `certs/a.pdf`, a link `certs/alias.pdf` to
/// it, and `h/mycerts/c.pdf` under the subfolder `h` the commands run from.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("cpc.yaml"), PROFILE).unwrap();
    std::fs::create_dir_all(d.join("h/mycerts")).unwrap();
    std::fs::create_dir_all(d.join("certs")).unwrap();
    std::fs::write(d.join("certs/a.pdf"), "pdf").unwrap();
    std::fs::write(d.join("h/mycerts/c.pdf"), "pdf").unwrap();
    std::os::unix::fs::symlink("a.pdf", d.join("certs/alias.pdf")).unwrap();
    dir
}

/// `ceu add ../cpc.yaml … --certificate CERT` run from `dir/h`: exit code and stderr.
fn add_from_h(dir: &Path, n: u32, cert: &str, extra: &[&str]) -> (i32, String) {
    let out = coderpath()
        .current_dir(dir.join("h"))
        .args(["ceu", "add", "../cpc.yaml", "--date"])
        .arg(format!("2026-11-{:02}", n))
        .args(["--title", &format!("Course {n}"), "--provider", "AAPC"])
        .args(["--ceus", "1", "--aapc-index", &format!("X-{n}")])
        .args(["--certificate", cert])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap(), stderr)
}

fn certificates_in_log(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("cpc.ceus.yaml"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("  certificate: "))
        .map(String::from)
        .collect()
}

#[test]
fn add_takes_the_certificate_from_the_current_folder_and_writes_it_from_the_log() {
    let dir = folder();
    let d = dir.path();
    assert_eq!(add_from_h(d, 1, "mycerts/c.pdf", &[]).0, 0);
    let (code, stderr) = add_from_h(d, 2, "../certs/a.pdf", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        certificates_in_log(d),
        ["\"h/mycerts/c.pdf\"", "\"certs/a.pdf\""]
    );
    // Both are found where the log says they are.
    let out = coderpath()
        .current_dir(d.join("h"))
        .args(["ceu", "check", "../cpc.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("certificate"), "{stderr}");
}

#[test]
fn add_refuses_a_certificate_that_is_not_there_or_not_a_file_or_outside() {
    let dir = folder();
    let d = dir.path();
    for (cert, says) in [
        ("nothere.pdf", "--certificate nothere.pdf: no such file"),
        (
            "../certs",
            "--certificate ../certs: is a folder, not a file",
        ),
        ("../../outside.pdf", "the CEU log's folder"),
    ] {
        if cert == "../../outside.pdf" {
            std::fs::write(d.join("../outside.pdf"), "pdf").ok();
        }
        let (code, stderr) = add_from_h(d, 3, cert, &[]);
        assert_eq!(code, 2, "{cert}: {stderr}");
        assert!(stderr.contains(says), "{cert}: {stderr}");
        assert!(
            !d.join("cpc.ceus.yaml").exists(),
            "{cert}: a log was written"
        );
    }
    // A certificate outside the log's folder is written, relative to it, with
    // --allow-outside.
    std::fs::create_dir_all(d.join("../elsewhere")).ok();
    let outside = d.join("../elsewhere/o.pdf");
    std::fs::write(&outside, "pdf").unwrap();
    let (code, stderr) = add_from_h(d, 4, "../../elsewhere/o.pdf", &["--allow-outside"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(certificates_in_log(d), ["\"../elsewhere/o.pdf\""]);
    std::fs::remove_file(outside).unwrap();
}

#[test]
fn check_knows_one_certificate_by_any_of_its_paths_and_names_a_folder() {
    let dir = folder();
    let d = dir.path();
    let entry = |n: u32, cert: &str| {
        format!(
            "- date: 2026-10-{n:02}\n  title: C{n}\n  provider: AAPC\n  ceus: 1\n  aapc_index: I-{n}\n  certificate: {cert}\n"
        )
    };
    let log: String = [
        entry(1, "certs/a.pdf"),
        entry(2, "./certs/a.pdf"),
        entry(3, "certs/../certs/a.pdf"),
        entry(4, "certs/alias.pdf"),
        entry(5, "certs"),
        entry(6, "h/mycerts/c.pdf"),
    ]
    .concat();
    std::fs::write(d.join("cpc.ceus.yaml"), &log).unwrap();
    let out = coderpath()
        .args(["ceu", "check", "--format", "json"])
        .arg(d.join("cpc.yaml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let said: Vec<(u64, String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let lines: Vec<(u64, &str)> = said.iter().map(|(l, c, _)| (*l, c.as_str())).collect();
    assert_eq!(
        lines,
        [
            (7, "certificate_shared"),
            (13, "certificate_shared"),
            (19, "certificate_shared"),
            (25, "certificate_missing"),
        ],
        "{said:?}"
    );
    assert!(
        said[2].2.ends_with("is also used by the entry at line 1"),
        "{said:?}"
    );
    assert!(
        said[3].2.ends_with("certs is a folder, not a file"),
        "{said:?}"
    );
}

/// `ceu add` refuses a certificate another entry already names, by any spelling or link,
/// as `ceu check` would report it; the log is left as it was.
#[test]
fn add_refuses_a_certificate_another_entry_names() {
    let dir = folder();
    assert_eq!(add_from_h(dir.path(), 1, "../certs/a.pdf", &[]).0, 0);
    let before = std::fs::read_to_string(dir.path().join("cpc.ceus.yaml")).unwrap();
    for (n, again) in [
        (2, "../certs/a.pdf"),
        (3, "../certs/alias.pdf"),
        (4, "./../certs/a.pdf"),
    ] {
        let (code, stderr) = add_from_h(dir.path(), n, again, &[]);
        assert_eq!(code, 2, "{again}: {stderr}");
        assert!(
            stderr.contains("already the certificate of the entry at line 1"),
            "{stderr}"
        );
    }
    let after = std::fs::read_to_string(dir.path().join("cpc.ceus.yaml")).unwrap();
    assert_eq!(before, after);
    assert_eq!(add_from_h(dir.path(), 5, "mycerts/c.pdf", &[]).0, 0);
}
