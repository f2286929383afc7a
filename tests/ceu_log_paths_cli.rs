//! Which log `ceu add | import | remove` change: the profile read from stdin (`-`) names it,
//! and a path that does not exist is a new log only when it is named like one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::path::Path;

use common::{coderpath, copy_example};

/// `ceu add PROFILE` of one entry titled `title`.
fn add(profile: &str, title: &str) -> Vec<String> {
    [
        "ceu",
        "add",
        profile,
        "--date",
        "2026-11-20",
        "--title",
        title,
        "--provider",
        "AAPC",
        "--ceus",
        "1",
        "--aapc-index",
        title,
    ]
    .map(String::from)
    .to_vec()
}

/// `text` with every run of whitespace (line breaks of wrapped messages) as one space.
fn words(text: &[u8]) -> String {
    let text = String::from_utf8_lossy(text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The names of the files in `dir`.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn a_profile_on_stdin_names_the_log_to_change() {
    let (dir, profile) = copy_example("certified");
    let d = dir.path();
    let text = std::fs::read_to_string(&profile).unwrap();
    let log = d.join("certified.ceus.yaml");
    let before = std::fs::read_to_string(&log).unwrap();
    let run = |args: &[String]| {
        coderpath()
            .current_dir(d)
            .args(args)
            .write_stdin(text.as_str())
            .output()
            .unwrap()
    };
    let out = run(&add("-", "From stdin"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stdout.contains("Added to certified.ceus.yaml at line 28")
            && stdout.contains("New totals:\n  AAPC: 10 of 36 CEUs"),
        "{stdout}"
    );
    let after = std::fs::read_to_string(&log).unwrap();
    assert!(
        after.starts_with(&before) && after.contains("title: \"From stdin\""),
        "{after}"
    );
    std::fs::write(
        d.join("rows.csv"),
        "date,title,provider,ceus\n2026-10-03,Imported,AAPC,1\n",
    )
    .unwrap();
    let args = ["ceu", "import", "-", "rows.csv"].map(String::from);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("into certified.ceus.yaml"));
    // Removing asks first, and stdin holds the profile: --yes is needed.
    let args = ["ceu", "remove", "-", "--line", "28"].map(String::from);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(words(&out.stderr).contains("add --yes to remove line 28"));
    let out = run(&[&args[..], &["--yes".to_string()]].concat());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let left = std::fs::read_to_string(&log).unwrap();
    assert!(
        !left.contains("From stdin") && left.contains("Imported"),
        "{left}"
    );
    assert_eq!(
        names(d),
        ["certified.ceus.yaml", "certified.yaml", "rows.csv"],
        "no file named `-`"
    );
}

#[test]
fn a_missing_path_is_a_new_log_only_when_named_like_one() {
    let (dir, _) = copy_example("certified");
    let d = dir.path();
    std::fs::write(d.join("rows.csv"), "date,title,provider,ceus\n").unwrap();
    let before = names(d);
    let refused = |args: &[String], hint: Option<&str>| {
        let out = coderpath().current_dir(d).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        let said = "does not exist; give the profile (or an existing CEU log, or a new log named NAME.ceus.yaml)";
        let words = words(&out.stderr);
        let hinted = format!("{said}{}", hint.unwrap_or_default());
        assert!(words.contains(&hinted), "{args:?}: {stderr}");
        assert!(
            hint.is_some() || !words.contains("did you mean"),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
        assert_eq!(names(d), before, "{args:?} made a file");
    };
    // A typo of the profile: the near name is suggested.
    refused(
        &add("certifed.yaml", "x"),
        Some("; did you mean certified.yaml?"),
    );
    refused(&add("prfile.yaml", "x"), None);
    let import = ["ceu", "import", "nothere.yaml", "rows.csv"].map(String::from);
    refused(&import, None);
    let remove = ["ceu", "remove", "nothere.yaml", "--line", "3", "--yes"].map(String::from);
    refused(&remove, None);
    // A new log named like one is created.
    let out = coderpath()
        .current_dir(d)
        .args(add("new.ceus.yaml", "First"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(d.join("new.ceus.yaml").is_file());
}
