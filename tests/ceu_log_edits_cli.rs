//! `ceu list | import | remove`: what the user trials of the CEU log workflow found — the
//! register against the status's AHIMA cap, rows that repeat each other, a quote left open,
//! `--map` hints a shell can take, a removal that names what it removes — and that dry runs
//! and refused imports leave no file behind.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::path::Path;

use common::{coderpath, copy_example, stdout_of};
use serde_json::Value;

/// Every file of `dir` with its bytes, sorted by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// `s` with every run of whitespace one space (as wrapped to the terminal's width or not).
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The dual example with 6.5 CEUs outside the HIIM domains in the current AHIMA cycle, where
/// 4 count (20 % of 20): the last two of them, oldest first, count in part and not at all.
fn capped_dual() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, profile) = copy_example("dual");
    let log = profile.with_file_name("dual.ceus.yaml");
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str(
        "- date: 2026-09-10\n  title: Excel for managers\n  provider: College\n  ceus: 1.5\n  domain: other\n\
         - date: 2026-10-05\n  title: Team communication\n  provider: College\n  ceus: 2\n\
         - date: 2026-10-20\n  title: Public speaking\n  provider: Toastmasters\n  ceus: 1\n  domain: other\n",
    );
    std::fs::write(&log, text).unwrap();
    (dir, profile)
}

#[test]
fn list_shows_the_ahima_cap_as_the_status_counts_it() {
    let (_dir, profile) = capped_dual();
    let p = profile.to_str().unwrap();
    let status: Value =
        serde_json::from_str(&stdout_of(&["ceu", "status", p, "--format", "json"])).unwrap();
    let cap = &status["bodies"][1]["current"]["capped_other"];
    assert_eq!(
        (cap["other"].as_f64(), cap["counted"].as_f64()),
        (Some(6.5), Some(4.0))
    );

    let list: Value =
        serde_json::from_str(&stdout_of(&["ceu", "list", p, "--format", "json"])).unwrap();
    let ahima = |title: &str| {
        let rows = list["entries"].as_array().unwrap();
        let row = rows.iter().find(|r| r["entry"]["title"] == title).unwrap();
        row["standing"][1].clone()
    };
    assert_eq!(ahima("Excel for managers")["place"], "counts");
    let part = ahima("Team communication");
    assert_eq!(
        (
            &part["place"],
            part["counted"].as_f64(),
            part["over_cap"].as_f64()
        ),
        (&Value::from("capped"), Some(0.5), Some(1.5)),
        "{part}"
    );
    let none = ahima("Public speaking");
    assert_eq!(
        (none["counted"].as_f64(), none["over_cap"].as_f64()),
        (Some(0.0), Some(1.0))
    );
    // What counts outside the HIIM domains adds up to the status's figure.
    let counted: f64 = list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["entry"]["domain"] != "hiim")
        .map(|r| match r["standing"][1]["place"].as_str() {
            Some("counts") => r["entry"]["ceus"].as_f64().unwrap(),
            Some("capped") => r["standing"][1]["counted"].as_f64().unwrap(),
            _ => 0.0,
        })
        .sum();
    assert_eq!(Some(counted), cap["counted"].as_f64());
    assert_eq!(
        list["bodies"][1]["capped_other"][0]["counted"],
        cap["counted"]
    );

    let text = words(&stdout_of(&["ceu", "list", p, "--body", "AHIMA"]));
    assert!(
        text.contains(
            "only up to 20% of the requirement: 4 of the 6.5 logged in the current cycle count"
        ),
        "{text}"
    );
    let csv = stdout_of(&["ceu", "list", p, "--body", "AHIMA", "-f", "csv"]);
    assert!(
        csv.contains("Team communication,College,2,\"in part: 0.5 of 2 CEUs, current cycle; 1.5 over the 4-CEU cap outside the HIIM domains\""),
        "{csv}"
    );
    assert!(
        csv.contains("Public speaking,Toastmasters,1,no: 1 CEU over the 4-CEU cap outside the HIIM domains (current cycle)"),
        "{csv}"
    );
    // `ceu add` says the same of a new entry past the cap.
    let out = stdout_of(&[
        "ceu",
        "add",
        p,
        "--date",
        "2026-11-01",
        "--title",
        "Soft skills",
        "--provider",
        "X",
        "--ceus",
        "1",
        "--domain",
        "other",
        "--dry-run",
    ]);
    assert!(
        out.contains("AHIMA: no: 1 CEU over the 4-CEU cap outside the HIIM domains"),
        "{out}"
    );
}

#[test]
fn import_names_the_row_a_repeated_row_repeats() {
    let (dir, profile) = copy_example("certified");
    let csv = common::write(
        dir.path(),
        "rows.csv",
        "date,title,provider,ceus\n\
         2026-10-01,Coding clinic,AAPC,1\n\
         2026-10-02,Other,AAPC,1\n\
         2026-10-01,coding CLINIC,AAPC,1\n\
         2026-01-15,CPT 2026 changes,AAPC,3\n",
    );
    let out = words(&stdout_of(&[
        "ceu",
        "import",
        profile.to_str().unwrap(),
        &csv,
        "--dry-run",
    ]));
    let (in_log, in_file) = out
        .split_once("Skipped, the same course as another row of")
        .expect(&out);
    assert!(
        in_log.contains("Skipped, already in the log")
            && in_log.contains("rows.csv:5 2026-01-15 CPT 2026 changes (AAPC), 3 CEUs: already at")
            && !in_log.contains("rows.csv:4"),
        "{out}"
    );
    assert!(
        in_file.contains(
            "rows.csv:4 2026-10-01 coding CLINIC (AAPC), 1 CEU: repeats row 2 of the file ("
        ) && in_file.contains("rows.csv:2)"),
        "{out}"
    );
    // A cell over two lines keeps its row number: row 3 starts on line 3, row 4 on line 5.
    std::fs::write(
        &csv,
        "date,title,provider,ceus\n2026-10-02,x,P,1\n2026-10-01,\"Two\nlines\",P,1\n2026-10-01,\"Two\nlines\",P,1\n",
    )
    .unwrap();
    let out = words(&stdout_of(&[
        "ceu",
        "import",
        profile.to_str().unwrap(),
        &csv,
        "--dry-run",
    ]));
    assert!(
        out.contains(":5 2026-10-01 Two lines (P), 1 CEU: repeats row 3 of the file (")
            && out.contains("rows.csv:3)"),
        "{out}"
    );
}

#[test]
fn import_locates_a_quote_left_open_where_it_opens() {
    let (dir, profile) = copy_example("certified");
    let log = profile.with_file_name("certified.ceus.yaml");
    let before = snapshot(dir.path());
    let csv = common::write(
        dir.path(),
        "open.csv",
        "date,title,provider,ceus\n2026-10-01,a,b,lots\n2026-10-02,\"Coding clinic,AAPC,1\n2026-10-03,c,d,1\n",
    );
    let err = common::assert_located(
        &["ceu", "import", profile.to_str().unwrap(), &csv],
        2,
        "open.csv:3:12",
        &["quote opens a cell that is never closed", "a closing `\"`"],
    );
    assert!(
        err.contains("open.csv:2:16"),
        "rows before it are still read: {err}"
    );
    assert!(!err.contains("cells; the header has"), "{err}");
    // A quote left open in the header is the one problem.
    std::fs::write(&csv, "date,\"title,provider,ceus\n2026-10-01,a,b,1\n").unwrap();
    let err = common::assert_located(
        &["ceu", "import", profile.to_str().unwrap(), &csv],
        2,
        "open.csv:1:6",
        &["never closed"],
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    std::fs::remove_file(&csv).unwrap();
    assert_eq!(snapshot(dir.path()), before, "{}", log.display());
}

#[test]
fn map_hints_are_one_shell_word() {
    let (dir, profile) = copy_example("certified");
    let csv = common::write(
        dir.path(),
        "odd.csv",
        "Course Title,Course Name,date,provider,Coder's $ Hours\n2026-10-01,a,b,c,1\n",
    );
    let out = coderpath()
        .args(["ceu", "import", profile.to_str().unwrap(), &csv])
        .output()
        .unwrap();
    // The hints as one text, the excerpt's gutter and the wrapping taken out.
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let err = stderr
        .lines()
        .flat_map(|l| l.trim_start().trim_start_matches('|').split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    let hints = [
        "--map 'Course Title=title'",
        "--map 'Course Name=title'",
        r"--map 'Coder'\''s $ Hours=ceus'",
    ];
    for h in hints {
        assert!(err.contains(h), "missing {h} in\n{err}");
    }
    // The shell reads each as one argument, and two of them resolve the header.
    let words = std::process::Command::new("sh")
        .args([
            "-c",
            &format!("printf '%s\\n' {}", hints.map(|h| &h[6..]).join(" ")),
        ])
        .output()
        .unwrap();
    let words = String::from_utf8(words.stdout).unwrap();
    assert_eq!(
        words,
        "Course Title=title\nCourse Name=title\nCoder's $ Hours=ceus\n"
    );
    let maps: Vec<&str> = words.lines().skip(1).flat_map(|w| ["--map", w]).collect();
    std::fs::write(
        &csv,
        "Course Title,Course Name,date,provider,Coder's $ Hours\nx,a,2026-10-01,c,1\n",
    )
    .unwrap();
    let out = coderpath()
        .args([
            "ceu",
            "import",
            profile.to_str().unwrap(),
            &csv,
            "--dry-run",
        ])
        .args(&maps)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("odd.csv:2  2026-10-01  a (c), 1 CEU"),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Columns not used:\n  Course Title"), "{text}");
}

#[test]
fn remove_names_what_it_removes_as_add_names_it() {
    let (dir, profile) = copy_example("certified");
    let p = profile.to_str().unwrap();
    let added = stdout_of(&[
        "ceu",
        "add",
        p,
        "--date",
        "2026-11-20",
        "--title",
        "Risk adjustment update",
        "--provider",
        "AAPC",
        "--ceus",
        "1.5",
        "--aapc-index",
        "AAPC-RA",
    ]);
    let named = added.lines().nth(1).unwrap().trim().to_string();
    assert_eq!(named, "2026-11-20  Risk adjustment update (AAPC), 1.5 CEUs");
    let before = snapshot(dir.path());
    // Without a terminal and without --yes it says which entry it did not remove.
    let out = coderpath()
        .args(["ceu", "remove", p, "--line", "28"])
        .output()
        .unwrap();
    let err = words(&String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("add --yes to remove line 28 of")
            && err.contains(&format!("({})", words(&named))),
        "{err}"
    );
    // A dry run names it and changes nothing.
    let dry = stdout_of(&["ceu", "remove", p, "--line", "28", "--dry-run"]);
    assert!(
        dry.contains(&format!(
            "(dry run: nothing written):\n  {named}\nTotals without it:\n  AAPC: 9 of 36"
        )),
        "{dry}"
    );
    assert_eq!(snapshot(dir.path()), before, "a dry run left a trace");
    let done = stdout_of(&["ceu", "remove", p, "--line", "28", "--yes"]);
    assert!(
        done.starts_with("Removed line 28 of ")
            && done.contains(&format!(":\n  {named}\nNew totals:")),
        "{done}"
    );
    let checkpoint = stdout_of(&["ceu", "remove", p, "--line", "20", "--yes"]);
    assert!(
        checkpoint.contains(":\n  2026-03-31  Checkpoint: the AAPC portal showed 9 CEUs\n"),
        "{checkpoint}"
    );
}

#[test]
fn dry_runs_and_refused_imports_leave_nothing() {
    let (dir, profile) = copy_example("certified");
    let p = profile.to_str().unwrap();
    let csv = common::write(
        dir.path(),
        "good.csv",
        "date,title,provider,ceus\n2026-10-01,a,AAPC,1\n",
    );
    let before = snapshot(dir.path());
    stdout_of(&["ceu", "import", p, &csv, "--dry-run"]);
    stdout_of(&[
        "ceu",
        "add",
        p,
        "--date",
        "2026-10-01",
        "--title",
        "b",
        "--provider",
        "P",
        "--ceus",
        "1",
        "--dry-run",
    ]);
    stdout_of(&["ceu", "remove", p, "--line", "2", "--dry-run"]);
    assert_eq!(snapshot(dir.path()), before, "a dry run left a trace");
    // A log that does not exist yet is not created by a dry run or a refused import.
    let fresh = dir.path().join("fresh.ceus.yaml");
    let fresh = fresh.to_str().unwrap();
    stdout_of(&[
        "ceu",
        "add",
        fresh,
        "--date",
        "2026-10-01",
        "--title",
        "b",
        "--provider",
        "P",
        "--ceus",
        "1",
        "--dry-run",
    ]);
    stdout_of(&["ceu", "import", fresh, &csv, "--dry-run"]);
    std::fs::write(
        &csv,
        "date,title,provider,ceus\n2026-10-01,a,AAPC,1\n2026-10-02,b,AAPC,x\n",
    )
    .unwrap();
    let before = snapshot(dir.path());
    for target in [p, fresh] {
        let out = coderpath()
            .args(["ceu", "import", target, &csv])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
    }
    assert_eq!(
        snapshot(dir.path()),
        before,
        "a refused import left a trace"
    );
    // A log found broken under the lock: the import is refused and leaves it as it was.
    let log = profile.with_file_name("certified.ceus.yaml");
    std::fs::write(&csv, "date,title,provider,ceus\n2026-10-01,a,AAPC,1\n").unwrap();
    let mut broken = std::fs::read_to_string(&log).unwrap();
    broken.push_str("- date: 2026-01-01\n  title: x\n");
    std::fs::write(&log, &broken).unwrap();
    let before = snapshot(dir.path());
    let out = coderpath()
        .args(["ceu", "import", log.to_str().unwrap(), &csv])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        snapshot(dir.path()),
        before,
        "a refused import left a trace"
    );
}
