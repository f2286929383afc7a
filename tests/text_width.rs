//! Text output fits the width (COLUMNS, else 100 when piped) and splits no word that fits a
//! line: every token printed at a narrow width is a whole word of the same output printed
//! unconstrained, or a piece of a word too long for a line (a long URL), which is broken.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::collections::HashSet;
use std::path::Path;

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
    run_in(None, args, columns)
}

/// [`run`] in the folder `dir` (the repository's when `None`).
fn run_in(dir: Option<&Path>, args: &[&str], columns: Option<&str>) -> String {
    let mut c = Command::cargo_bin("coderpath").unwrap();
    if let Some(d) = dir {
        c.current_dir(d);
    }
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

/// Every line of `text` (the output of `args`) at most `limit` columns wide.
fn assert_fits(text: &str, limit: usize, args: &[&str]) {
    for line in text.lines() {
        assert!(
            width(line) <= limit,
            "{args:?} at {limit}: {} columns: {line}\n{text}",
            width(line)
        );
    }
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
            assert_fits(&text, limit, args);
            for t in tokens(&text) {
                // A narrow table turns into blocks of "Column: value" lines; only a word
                // wider than half the line can be too long for a line and broken.
                let word = t.strip_suffix(':').unwrap_or(&t);
                let piece = || {
                    whole
                        .iter()
                        .any(|w| w.len() > limit / 2 && w.contains(word))
                };
                assert!(
                    whole.contains(&t) || whole.contains(word) || piece(),
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

/// A 120-character URL as a title (and as a programme name), a 60-character word as a
/// provider (and in the person's name).
const URL: &str = "https://www.example.org/continuing-education/webinars/2026/risk-adjustment-hcc-v28-update?session=afternoon&track=coders";
const WORD: &str = "Providerwordwithoutanybreaksprovidedbythecountyhospitalgroup";

/// A folder with a certified and an aspiring profile whose texts hold [`URL`] and [`WORD`],
/// a CSV of such an entry, and a `data/` whose programme name is [`URL`].
fn long_tokens() -> tempfile::TempDir {
    assert_eq!((URL.len(), WORD.len()), (120, 60));
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let named = |text: String| text.replacen("name: ", &format!("name: Dana {WORD} "), 1);
    let profile = std::fs::read_to_string("examples/certified.yaml").unwrap();
    std::fs::write(
        d.join("long.yaml"),
        named(profile).replace("certified.ceus.yaml", "long.ceus.yaml"),
    )
    .unwrap();
    let mut log = std::fs::read_to_string("examples/certified.ceus.yaml").unwrap();
    log.push_str(&format!(
        "- date: 2026-10-01\n  title: \"{URL}\"\n  provider: \"{WORD}\"\n  ceus: 1\n"
    ));
    std::fs::write(d.join("long.ceus.yaml"), log).unwrap();
    let aspiring = std::fs::read_to_string("examples/aspiring.yaml").unwrap();
    std::fs::write(d.join("aspiring.yaml"), named(aspiring)).unwrap();
    std::fs::write(
        d.join("rows.csv"),
        format!("date,title,provider,ceus\n2026-10-03,{URL}&row=1,{WORD},1\n"),
    )
    .unwrap();
    std::fs::create_dir(d.join("data")).unwrap();
    let programmes = std::fs::read_to_string("data/programmes.yaml").unwrap();
    std::fs::write(
        d.join("data/programmes.yaml"),
        programmes.replace(
            "name: Online vocational coding certificate",
            &format!("name: {URL}"),
        ),
    )
    .unwrap();
    dir
}

/// Every text command that shows an entry's title or provider, a person's name or a
/// programme's name fits 80 columns, and 100 when piped: a token longer than the line is
/// broken under its label, which stays.
#[test]
fn long_tokens_are_broken_under_their_labels() {
    let dir = long_tokens();
    let data = ["--data-dir", "data"];
    let add = [
        "ceu",
        "add",
        "long.yaml",
        "--date",
        "2026-11-02",
        "--provider",
        WORD,
        "--ceus",
        "1",
    ];
    let title = |w: &str| format!("{URL}&w={w}");
    for (columns, limit) in [(Some("80"), 80), (None, 100)] {
        let w = columns.unwrap_or("none");
        let t = title(w);
        let at = |args: &[&str]| {
            let text = run_in(Some(dir.path()), args, columns);
            assert_fits(&text, limit, args);
            text
        };
        // The URL reads whole once the line breaks and indents are taken out.
        let joined = |text: &str| text.split_whitespace().collect::<String>();
        let list = at(&["ceu", "list", "long.yaml"]);
        assert!(list.contains("\nTitle:    https://"), "{list}");
        assert!(list.contains(&format!("\nProvider: {WORD}")), "{list}");
        assert!(joined(&list).contains(URL), "{list}");
        let status = at(&["ceu", "status", "long.yaml"]);
        assert!(status.contains("Entry:  https://"), "{status}");
        assert!(
            joined(&status).contains(&format!("Entry:{URL}")),
            "{status}"
        );
        at(&["ceu", "what-if", "long.yaml", "--add", "CRC"]);
        at(&["readiness", "long.yaml"]);
        let added = at(&[&add[..], &["--title", &t]].concat());
        assert!(joined(&added).contains(&joined(&t)), "{added}");
        at(&[&add[..], &["--title", &format!("{t}2"), "--dry-run"]].concat());
        let imported = at(&["ceu", "import", "long.yaml", "rows.csv", "--dry-run"]);
        assert!(joined(&imported).contains(URL), "{imported}");
        let removed = at(&["ceu", "remove", "long.yaml", "--line", "28", "--dry-run"]);
        assert!(joined(&removed).contains(URL), "{removed}");
        let plan = at(&[&["plan", "aspiring.yaml"][..], &data].concat());
        assert!(joined(&plan).contains(URL), "{plan}");
        at(&[&["readiness", "aspiring.yaml"][..], &data].concat());
        at(&[&["data", "list", "programmes"][..], &data].concat());
        at(&[&["data", "show", "online_vocational"][..], &data].concat());
    }
}
