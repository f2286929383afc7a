//! Text output fits the width (COLUMNS, else 100 when piped) and never splits a word: every
//! token printed at a narrow width is a whole word of the same output printed unconstrained.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::collections::HashSet;

use assert_cmd::Command;

const COMMANDS: &[&[&str]] = &[
    &["plan", "examples/aspiring.yaml"],
    &["plan", "examples/aspiring.yaml", "--compare", "hours=20"],
    &["readiness", "examples/aspiring.yaml"],
    &["ceu", "status", "examples/dual.yaml"],
    &["ceu", "status", "examples/certified.yaml"],
    &["ceu", "list", "examples/dual.yaml"],
    &["ceu", "what-if", "examples/dual.yaml", "--add", "CRC"],
    &["data", "list", "rules"],
    &["data", "list", "credentials"],
    &["data", "list", "programmes"],
    &["data", "list", "settings"],
    &["data", "list", "careers"],
    &["data", "list", "outlook"],
    &["data", "show", "CPC"],
    &["data", "show", "physician_office"],
];

/// Output of `args` with COLUMNS set (or unset).
fn run(args: &[&str], columns: Option<&str>) -> String {
    let mut c = Command::cargo_bin("coderpath").unwrap();
    c.env_remove("COLUMNS").env("NO_COLOR", "1");
    if let Some(w) = columns {
        c.env("COLUMNS", w);
    }
    let out = c
        .args(["--as-of", common::AS_OF])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Display columns (box-drawing characters count one; the output has no wide characters).
fn width(line: &str) -> usize {
    line.chars().count()
}

fn tokens(text: &str) -> HashSet<String> {
    text.split(|c: char| c.is_whitespace() || "│┆║╎".contains(c))
        .filter(|t| !t.is_empty() && !t.chars().all(|c| "─┌┐└┘├┤┬┴┼═╞╡╪".contains(c)))
        .map(String::from)
        .collect()
}

#[test]
fn every_line_fits_and_no_word_is_split() {
    for args in COMMANDS {
        let whole = tokens(&run(args, Some("2000")));
        for (columns, limit) in [(Some("60"), 60), (Some("80"), 80), (None, 100)] {
            let text = run(args, columns);
            for line in text.lines() {
                // Only a single word wider than the whole line (a long URL) may pass it.
                let one_word = line.split_whitespace().count() == 1;
                assert!(
                    width(line) <= limit || one_word,
                    "{args:?} at {limit}: {} columns: {line}",
                    width(line)
                );
            }
            for t in tokens(&text) {
                // A narrow table turns into blocks of "Column: value" lines.
                let word = t.strip_suffix(':').unwrap_or(&t);
                assert!(
                    whole.contains(&t) || whole.contains(word),
                    "{args:?} at {limit}: `{t}` is part of a split word"
                );
            }
        }
    }
}

/// Problems on stderr fit too: a long message, label or list of choices wraps under its own
/// text, and the file's own line is quoted whole.
#[test]
fn diagnostics_fit_the_width() {
    for file in [
        "tests/fixtures/person/several_problems.yaml",
        "tests/fixtures/person/misspelt_key.yaml",
        "tests/fixtures/person/bad_setting.yaml",
    ] {
        for (columns, limit) in [(Some("60"), 60), (None, 100)] {
            let mut c = Command::cargo_bin("coderpath").unwrap();
            c.env_remove("COLUMNS").env("NO_COLOR", "1");
            if let Some(w) = columns {
                c.env("COLUMNS", w);
            }
            let out = c.args(["profile", "check", file]).output().unwrap();
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert!(stderr.contains("error"), "{file}: {stderr}");
            for line in stderr.lines() {
                let quoted = line.split_once(" | ").is_some_and(|(n, _)| {
                    n.trim().chars().all(|c| c.is_ascii_digit()) && !n.trim().is_empty()
                });
                assert!(
                    width(line) <= limit || quoted,
                    "{file} at {limit}: {} columns: {line}",
                    width(line)
                );
            }
        }
    }
}
