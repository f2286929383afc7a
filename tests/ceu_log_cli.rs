//! `ceu add | list | import | remove`: the CEU log workflow from the command line.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::path::Path;
use std::process::Command as Std;

use common::{AS_OF, coderpath, copy_example, stdout_of};
use serde_json::Value;

/// `ceu add` of one approved entry; the AAPC index is made from the title (one course, one
/// index).
fn add_args(log: &Path, title: &str) -> Vec<String> {
    let index = format!("AAPC-2026-1120 {title}");
    [
        "ceu",
        "add",
        log.to_str().unwrap(),
        "--date",
        "2026-11-20",
        "--title",
        title,
        "--provider",
        "AAPC",
        "--ceus",
        "1.5",
        "--aapc-index",
        &index,
        "--topic",
        "icd10cm",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn add_appends_and_keeps_every_existing_byte() {
    let (_dir, profile) = copy_example("certified");
    let log = profile.with_file_name("certified.ceus.yaml");
    let before = std::fs::read(&log).unwrap();
    let out = stdout_of(
        &add_args(&profile, "Risk adjustment update")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert!(
        out.contains("at line 28:\n  2026-11-20  Risk adjustment update (AAPC), 1.5 CEUs"),
        "{out}"
    );
    assert!(
        out.contains("New totals:\n  AAPC: 10.5 of 36 CEUs, 25.5 to go"),
        "{out}"
    );
    assert!(
        out.contains("How it counts:\n  AAPC: yes, current cycle"),
        "{out}"
    );
    let after = std::fs::read(&log).unwrap();
    assert_eq!(
        &after[..before.len()],
        &before[..],
        "existing bytes changed"
    );
    assert_eq!(
        String::from_utf8_lossy(&after[before.len()..]),
        "- date: 2026-11-20\n  title: \"Risk adjustment update\"\n  provider: \"AAPC\"\n  ceus: 1.5\n  aapc_index: \"AAPC-2026-1120 Risk adjustment update\"\n  topics: [\"icd10cm\"]\n"
    );
    // The new entry counts.
    let v: Value = serde_json::from_str(&stdout_of(&[
        "ceu",
        "status",
        profile.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(v["bodies"][0]["current"]["earned"], 10.5);
}

#[test]
fn add_dry_run_writes_nothing() {
    let (_dir, profile) = copy_example("certified");
    let log = profile.with_file_name("certified.ceus.yaml");
    let before = std::fs::read(&log).unwrap();
    let mut args = add_args(&profile, "Dry");
    args.push("--dry-run".into());
    let out = coderpath().args(args).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("(dry run: nothing written):\n- date: 2026-11-20\n  title: \"Dry\""),
        "{text}"
    );
    assert!(
        text.contains("Totals with it:\n  AAPC: 10.5 of 36"),
        "{text}"
    );
    assert_eq!(std::fs::read(&log).unwrap(), before);
    // A duplicate is refused in a dry run too.
    let mut args = add_args(&profile, "ICD-10-CM 2026 updates");
    args[4] = "2025-07-09".into();
    args.push("--dry-run".into());
    let out = coderpath().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&log).unwrap(), before);
}

#[test]
fn add_refuses_duplicates_and_nonsense() {
    let (_dir, profile) = copy_example("certified");
    let log = profile.with_file_name("certified.ceus.yaml");
    let before = std::fs::read(&log).unwrap();
    let dup = [
        "ceu",
        "add",
        log.to_str().unwrap(),
        "--date",
        "2026-01-15",
        "--title",
        "cpt 2026 CHANGES",
        "--provider",
        "aapc",
        "--ceus",
        "3",
    ];
    coderpath()
        .args(dup)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "already has \"CPT 2026 changes\"",
        ));
    // A replay of an approved course on another day keeps its AAPC index: one course.
    coderpath()
        .args([
            "ceu",
            "add",
            log.to_str().unwrap(),
            "--date",
            "2026-03-02",
            "--title",
            "CPT 2026 changes (replay)",
            "--provider",
            "AAPC",
            "--ceus",
            "3",
            "--aapc-index",
            " aapc-2026-0115 ",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("with AAPC index"));
    for (flag, value, message) in [
        ("--ceus", "0", "--ceus 0: expected more than 0"),
        ("--ceus", "-2", "--ceus -2: expected more than 0"),
        (
            "--ceus",
            "500",
            "--ceus 500: expected more than 0 and at most 60",
        ),
        ("--ceus", "NaN", "--ceus NaN"),
        ("--date", "2027-01-01", "is after 2026-11-27"),
        ("--topic", "cptt", "did you mean `cpt`?"),
    ] {
        let mut args = vec![
            "ceu",
            "add",
            log.to_str().unwrap(),
            "--date",
            "2026-11-01",
            "--title",
            "New",
            "--provider",
            "P",
            "--ceus",
            "1",
        ];
        if let Some(i) = args.iter().position(|a| *a == flag) {
            args[i + 1] = value;
        } else {
            args.extend([flag, value]);
        }
        coderpath()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
    }
    assert_eq!(
        std::fs::read(&log).unwrap(),
        before,
        "refused adds changed the log"
    );
}

#[test]
fn add_refuses_a_broken_log_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("x.ceus.yaml");
    std::fs::write(
        &log,
        "- date: 2026-01-01\n  title: A\n  provider: B\n  ceus: lots\n",
    )
    .unwrap();
    let before = std::fs::read(&log).unwrap();
    coderpath()
        .args(add_args(&log, "New"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("x.ceus.yaml:4:9"));
    assert_eq!(std::fs::read(&log).unwrap(), before);
    // A flow list with items cannot take an appended item: the message says what to change.
    let flow = "[{date: 2026-01-01, title: A, provider: B, ceus: 1}]\n";
    std::fs::write(&log, flow).unwrap();
    coderpath()
        .args(add_args(&log, "New"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "line 1 starts a flow list (`[…]`), which an entry cannot be appended to",
        ))
        .stderr(predicates::str::contains("starting with `- `"));
    assert_eq!(std::fs::read(&log).unwrap(), flow.as_bytes());
}

/// An empty flow list (`[]`, the log `ceu status` advises adding to) takes its first entry
/// as a block list, its comments kept; an indented block list takes entries at its
/// indentation. Every other byte stays.
#[test]
fn add_takes_an_empty_flow_list_and_an_indented_list() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.yaml");
    std::fs::write(
        &profile,
        "name: P\neducation: certificate\ncredentials: [{ id: CPC, earned: 2024-03-01 }]\naapc_renewal: 2027-05-31\nceu_log: p.ceus.yaml\n",
    )
    .unwrap();
    let log = dir.path().join("p.ceus.yaml");
    std::fs::write(&log, "# Pat's CEUs\n[]  # none yet\n").unwrap();
    let status = stdout_of(&["ceu", "status", profile.to_str().unwrap()]);
    assert!(status.contains("ceu add"), "{status}");
    coderpath()
        .args(add_args(&profile, "First"))
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.starts_with("# Pat's CEUs\n# none yet\n- date: 2026-11-20\n"),
        "{text}"
    );
    coderpath()
        .args(add_args(&profile, "Second"))
        .assert()
        .code(0);
    coderpath()
        .args(["ceu", "check"])
        .arg(&profile)
        .assert()
        .code(0);
    let indented = "# kept\n  - date: 2026-01-01 # one\n    title: A\n    provider: B\n    ceus: 1\n    aapc_index: I-1\n";
    std::fs::write(&log, indented).unwrap();
    coderpath()
        .args(add_args(&profile, "Third"))
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with(indented), "{text}");
    assert!(
        text[indented.len()..].starts_with("  - date: 2026-11-20\n    title: \"Third\"\n"),
        "{text}"
    );
    let listed = stdout_of(&["ceu", "list", profile.to_str().unwrap()]);
    assert!(listed.contains("Third"), "{listed}");
}

#[test]
fn add_creates_a_new_log() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("new.ceus.yaml");
    coderpath().args(add_args(&log, "First")).assert().code(0);
    coderpath()
        .args(["profile", "check"])
        .arg(&log)
        .assert()
        .code(0);
}

#[test]
fn concurrent_adds_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("c.ceus.yaml");
    std::fs::write(&log, "# shared log\n").unwrap();
    let bin = assert_cmd::cargo::cargo_bin("coderpath");
    let workers: Vec<_> = (0..2)
        .map(|w| {
            let (bin, log) = (bin.clone(), log.clone());
            std::thread::spawn(move || {
                for i in 0..200 {
                    let title = format!("Course {w}-{i}");
                    let status = Std::new(&bin)
                        .args(["--as-of", AS_OF])
                        .args(add_args(&log, &title))
                        .status()
                        .unwrap();
                    assert!(status.success());
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with("# shared log\n"));
    assert_eq!(text.matches("- date:").count(), 400);
    coderpath()
        .args(["profile", "check"])
        .arg(&log)
        .assert()
        .code(0);
}

#[test]
fn list_registers_each_entry_per_body() {
    let text = stdout_of(&["ceu", "list", "examples/dual.yaml"]);
    assert!(text.contains("4 of 4 entries"), "{text}");
    assert!(text.contains("AAPC: current cycle"), "{text}");
    assert!(text.contains("no: no AAPC index"), "{text}");
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "ceu",
        "list",
        "examples/dual.yaml",
        "--format",
        "json",
    ]))
    .unwrap();
    let rows = v["entries"].as_array().unwrap();
    let line24 = rows.iter().find(|r| r["entry"]["line"] == 24).unwrap();
    assert_eq!(line24["standing"][0]["body"], "AAPC");
    assert_eq!(line24["standing"][0]["place"], "rejected");
    assert_eq!(line24["standing"][1]["place"], "counts");
    let csv = stdout_of(&[
        "ceu",
        "list",
        "examples/dual.yaml",
        "--body",
        "AAPC",
        "--provider",
        "aapc",
        "-f",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("Line,Date,Title,Provider,CEUs,AAPC"));
    assert_eq!(lines.count(), 1, "{csv}");
}

#[test]
fn list_filters_are_checked() {
    for (args, words) in [
        (vec!["--topic", "pcx"], "did you mean"),
        (vec!["--cycle", "last"], "invalid value 'last'"),
    ] {
        let mut all = vec!["ceu", "list", "examples/certified.yaml"];
        all.extend(&args);
        let out = coderpath().args(&all).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
    }
    let out = coderpath()
        .args(["ceu", "list", "examples/certified.yaml", "--body", "AHIMA"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no AHIMA credential"));
}

#[test]
fn import_adds_good_rows_skips_duplicates_and_locates_bad_ones() {
    let (dir, profile) = copy_example("certified");
    let log = profile.with_file_name("certified.ceus.yaml");
    let before = std::fs::read(&log).unwrap();
    let csv = dir.path().join("export.csv");
    std::fs::write(
        &csv,
        "Course Title,CEU Hours,Completion Date,Sponsor,Index #,Notes\r\n\
         \"Modifiers, part 2\",1.5,11/02/2026,AAPC,AAPC-1,good\r\n\
         ICD-10-CM 2026 updates,2,2025-07-09,AAPC,AAPC-2025-0709,dup\r\n",
    )
    .unwrap();
    let args = |extra: &[&str]| {
        let mut a = vec![
            "ceu",
            "import",
            profile.to_str().unwrap(),
            csv.to_str().unwrap(),
        ];
        a.extend(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let dry = coderpath().args(args(&["--dry-run"])).output().unwrap();
    let text = String::from_utf8_lossy(&dry.stdout);
    assert!(text.contains("Would import 1 of 2 rows"), "{text}");
    assert!(
        text.contains("export.csv:3") && text.contains("certified.ceus.yaml:2"),
        "{text}"
    );
    assert!(text.contains("Columns not used:\n  Notes"), "{text}");
    assert_eq!(
        std::fs::read(&log).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let done = coderpath().args(args(&[])).output().unwrap();
    assert_eq!(done.status.code(), Some(0));
    let after = std::fs::read(&log).unwrap();
    assert_eq!(&after[..before.len()], &before[..]);
    assert_eq!(
        String::from_utf8_lossy(&after[before.len()..]),
        "- date: 2026-11-02\n  title: \"Modifiers, part 2\"\n  provider: \"AAPC\"\n  ceus: 1.5\n  aapc_index: \"AAPC-1\"\n"
    );
    // Again: everything is already there.
    let again = coderpath().args(args(&[])).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("Imported 0 of 2 rows"));
    assert_eq!(std::fs::read(&log).unwrap(), after);

    // A bad row stops the import, located at its line and column.
    std::fs::write(
        &csv,
        "date,title,provider,ceus\n2026-10-01,a,b,1\n2026-10-02,c,d,lots\n",
    )
    .unwrap();
    common::assert_located(
        &args(&[]),
        2,
        "export.csv:3:16",
        &["`lots` is not a number"],
    );
    assert_eq!(std::fs::read(&log).unwrap(), after);
}

#[test]
fn remove_takes_one_entry_and_asks_first() {
    let (_dir, profile) = copy_example("certified");
    let log = profile.with_file_name("certified.ceus.yaml");
    let before = std::fs::read_to_string(&log).unwrap();
    let p = profile.to_str().unwrap();
    // Not a terminal and no --yes: nothing removed.
    let out = coderpath()
        .args(["ceu", "remove", p, "--line", "8"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));
    // Not the start of an item.
    let out = coderpath()
        .args(["ceu", "remove", p, "--line", "9", "--yes"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("`coderpath ceu list`"));
    assert_eq!(std::fs::read_to_string(&log).unwrap(), before);
    let out = stdout_of(&["ceu", "remove", p, "--line", "8", "--yes"]);
    // The checkpoint of 2026-03-31 (9 CEUs) still stands as evidence for the cycle.
    assert!(
        out.contains("Removed line 8") && out.contains("AAPC: 9 of 36 CEUs"),
        "{out}"
    );
    let start = before.find("- date: 2025-10-21").unwrap();
    let end = before.find("- date: 2026-01-15").unwrap();
    assert_eq!(
        std::fs::read_to_string(&log).unwrap(),
        format!("{}{}", &before[..start], &before[end..])
    );
}

#[test]
fn add_to_a_log_path_notes_that_totals_need_the_profile() {
    let (_dir, profile) = copy_example("certified");
    let log = profile.with_file_name("certified.ceus.yaml");
    let out = coderpath()
        .args(add_args(&log, "Risk adjustment update"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give the person's profile"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("New totals"));
    // A profile without a ceu_log says which line to add.
    let bare = profile.with_file_name("bare.yaml");
    std::fs::write(
        &bare,
        "name: B\neducation: high_school\ncredentials: [{ id: CPC, earned: 2024-01-10 }]\n",
    )
    .unwrap();
    let out = coderpath().args(add_args(&bare, "x")).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("ceu_log: NAME.ceus.yaml"));
}

#[test]
fn add_says_when_a_body_does_not_count_the_new_entry_and_why() {
    let (_dir, profile) = copy_example("certified");
    let out = stdout_of(&[
        "ceu",
        "add",
        profile.to_str().unwrap(),
        "--date",
        "2026-11-20",
        "--title",
        "Hospital grand rounds",
        "--provider",
        "County Hospital",
        "--ceus",
        "1",
    ]);
    assert!(
        out.contains("New totals:\n  AAPC: 9 of 36 CEUs"),
        "an entry without an AAPC index adds nothing: {out}"
    );
    assert!(
        out.contains("How it counts:\n  AAPC: no: no AAPC index"),
        "{out}"
    );
}
