//! The README's worked examples are real: every ```console block that runs `coderpath` on
//! files of the repository shows exactly what the command prints (a block ending in `…`
//! shows its first lines). `scripts/update-readme.py` rewrites them after a change.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

use std::path::Path;

use assert_cmd::Command;

/// Output as the README shows it: stdout then stderr, 100 columns (piped), no colour, run
/// in a scratch copy of the examples and fixtures.
fn real(args: &[String]) -> String {
    let dir = tempfile::tempdir().unwrap();
    for d in ["examples", "tests/fixtures"] {
        copy(Path::new(d), &dir.path().join(d));
    }
    let out = Command::cargo_bin("coderpath")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    text.trim_end_matches('\n').to_string()
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn console_examples_show_real_output() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("\n```").next().unwrap();
        let (first, shown) = block.split_once('\n').unwrap_or((block, ""));
        let Some(command) = first.strip_prefix("$ coderpath ") else {
            continue;
        };
        let args: Vec<String> = command.split_whitespace().map(String::from).collect();
        let files_exist = args
            .iter()
            .filter(|a| a.ends_with(".yaml") || a.ends_with(".csv"))
            .all(|a| Path::new(a).exists());
        if !files_exist {
            continue;
        }
        let real = real(&args);
        match shown.split_once("\n…") {
            Some((head, _)) => assert!(
                real.starts_with(head),
                "README block `{first}` should start with:\n{real}"
            ),
            None => assert_eq!(shown, real, "README block `{first}`"),
        }
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} README examples checked");
}
