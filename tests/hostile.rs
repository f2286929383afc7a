//! The hostile corpus (tests/hostile/): malformed, mistyped, oversized and tricky inputs.
//! Each gives its message at its location with the right exit code, and never a panic.
//! `scripts/hostile-timing.sh` times every case against the release binary.
//!
//! The cases `h01`… (modules below) attack the files around a run: paths that lead out of a
//! person's folder, outputs that are FIFOs, links, inputs or read-only, hostile text in
//! every format, killed and concurrent writers. Each runs in its own scratch folder and
//! checks that nothing outside it changed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;
#[path = "hostile/crash.rs"]
mod crash;
#[path = "hostile/outputs.rs"]
mod outputs;
#[path = "hostile/paths.rs"]
mod paths;
#[path = "hostile/scratch.rs"]
mod scratch;
#[path = "hostile/text.rs"]
mod text;

use common::{assert_located, coderpath};

/// (file under tests/hostile/, line:column or "" for a clean file, message, exit code of `profile check`)
const CASES: &[(&str, &str, &str, i32)] = &[
    (
        "p01_unclosed_bracket.yaml",
        "2:10",
        "unexpected `:` inside `[…]` or `{…}` (is a bracket not closed?)",
        1,
    ),
    (
        "p02_bad_indent.yaml",
        "2:12",
        "unexpected `:` (is this line indented more than the keys above it?)",
        1,
    ),
    (
        "p03_unclosed_quote.yaml",
        "1:7",
        "a quoted value runs on past its line (is the closing quote missing?)",
        1,
    ),
    (
        "p04_education_number.yaml",
        "2:12",
        "education: unknown value `5`",
        1,
    ),
    (
        "p05_experience_text.yaml",
        "3:20",
        "experience_months: found text `ten`",
        1,
    ),
    (
        "p06_credentials_string.yaml",
        "3:14",
        "credentials: found text `CPC`",
        1,
    ),
    (
        "p07_unknown_key.yaml",
        "1:1",
        "unknown key `nmae`; did you mean `name`?",
        1,
    ),
    (
        "p08_unknown_nested_key.yaml",
        "3:11",
        "unknown key `target.settting`; did you mean `setting`?",
        1,
    ),
    (
        "p09_impossible_date.yaml",
        "5:13",
        "`2026-02-30` is not a real calendar date",
        1,
    ),
    (
        "p10_date_format.yaml",
        "5:13",
        "credentials[0].earned: found text `12/01/2024`",
        1,
    ),
    (
        "p11_negative_months.yaml",
        "3:20",
        "experience_months: `-5` is negative",
        1,
    ),
    (
        "p12_huge_months.yaml",
        "3:20",
        "experience_months: `99999999999999999999` is out of range",
        1,
    ),
    (
        "p13_nan_budget.yaml",
        "4:28",
        "`NaN` is out of range: expected an amount in USD",
        1,
    ),
    (
        "p14_inf_hours.yaml",
        "4:32",
        "`inf` is out of range: expected hours a week from 1 to 80",
        1,
    ),
    ("p15_not_utf8.yaml", "1:8", "the file is not valid UTF-8", 1),
    ("p16_bom.yaml", "", "", 0),
    ("p17_crlf.yaml", "", "", 0),
    (
        "p18_crlf_error.yaml",
        "2:12",
        "did you mean `high_school`?",
        1,
    ),
    (
        "p19_tabs.yaml",
        "3:1",
        "spaces for indentation; YAML does not allow tabs",
        1,
    ),
    ("p20_empty.yaml", "1:1", "the file is empty", 1),
    (
        "p21_only_comments.yaml",
        "1:1",
        "the file holds only comments",
        1,
    ),
    ("p22_duplicate_key.yaml", "2:1", "duplicate key `name`", 1),
    (
        "p23_missing_log.yaml",
        "5:10",
        "CEU log `gone.ceus.yaml` does not exist",
        1,
    ),
    (
        "p24_alias_bomb.yaml",
        "4:213",
        "aliases expand to too many nodes (an alias bomb?)",
        1,
    ),
    (
        "p25_deep_nesting.yaml",
        "1:135",
        "the document is nested too deeply",
        1,
    ),
    (
        "p27_list_not_mapping.yaml",
        "1:1",
        "this file is a list (a CEU log?), not a profile",
        1,
    ),
    (
        "p28_two_documents.yaml",
        "4:1",
        "the file holds more than one YAML document",
        1,
    ),
    (
        "p29_unknown_setting.yaml",
        "3:20",
        "unknown setting `hospital`",
        1,
    ),
    (
        "p30_unknown_credential.yaml",
        "3:21",
        "did you mean `CCS`?",
        1,
    ),
    // A target date in the past is not an error: the plan warns instead.
    ("p31_past_target.yaml", "", "", 0),
    (
        "p32_negative_budget.yaml",
        "4:28",
        "`-100` is out of range: expected an amount in USD",
        1,
    ),
    (
        "p33_zero_hours.yaml",
        "4:32",
        "`0` hours a week is too few to plan with",
        1,
    ),
    ("p34_empty_name.yaml", "1:7", "the name is empty", 1),
    ("p35_anchors_ok.yaml", "", "", 0),
    (
        "p37_earned_in_future.yaml",
        "3:34",
        "earned 2030-01-01 is after 2026-11-27",
        1,
    ),
    (
        "l01_no_provider.ceus.yaml",
        "1:3",
        "entry lacks provider",
        1,
    ),
    (
        "l02_huge_ceus.ceus.yaml",
        "4:9",
        "`1e308` CEUs is not plausible for one entry",
        1,
    ),
    (
        "l03_negative_ceus.ceus.yaml",
        "4:9",
        "`-1` CEUs is not plausible for one entry",
        1,
    ),
    (
        "l04_checkpoint_no_body.ceus.yaml",
        "1:15",
        "a checkpoint needs `body`",
        1,
    ),
    (
        "l05_checkpoint_negative.ceus.yaml",
        "3:11",
        "`-3` CEUs is not a plausible portal total",
        1,
    ),
    (
        "l06_unknown_topic.ceus.yaml",
        "5:12",
        "unknown topic `cardiology`",
        1,
    ),
    (
        "l07_mapping_not_list.ceus.yaml",
        "1:1",
        "found a mapping at the top of the file",
        1,
    ),
    // An entry dated after --as-of is kept; status leaves it out with a note.
    ("l08_future_date.ceus.yaml", "", "", 0),
    (
        "l09_entry_with_body.ceus.yaml",
        "5:9",
        "`body` and `earned` belong to checkpoints",
        1,
    ),
    (
        "l10_inf_ceus.ceus.yaml",
        "4:9",
        "`inf` CEUs is not plausible for one entry",
        1,
    ),
    (
        "l12_checkpoint_huge.ceus.yaml",
        "3:11",
        "CEUs is not a plausible portal total",
        1,
    ),
    (
        "l11_bad_domain.ceus.yaml",
        "5:11",
        "[0].domain: unknown value `hiims`; did you mean `hiim`?",
        1,
    ),
    (
        "r01_no_match.yaml",
        "2:11",
        "`nobody/*.yaml` matches no file",
        1,
    ),
    ("r02_no_clients.yaml", "1:1", "missing key `clients`", 1),
    ("r03_unknown_key.yaml", "2:1", "did you mean `clients`?", 1),
];

#[test]
fn every_hostile_person_file_gets_its_located_message() {
    for (file, at, message, code) in CASES {
        let path = format!("tests/hostile/{file}");
        if at.is_empty() {
            coderpath()
                .args(["profile", "check", &path])
                .assert()
                .code(*code)
                .stderr("");
        } else {
            assert_located(
                &["profile", "check", &path],
                *code,
                &format!("{path}:{at}"),
                &[message],
            );
        }
    }
}

/// (case directory under tests/hostile/data/, file, line:column, message)
const DATA_CASES: &[(&str, &str, &str, &str)] = &[
    (
        "d1_malformed",
        "credentials.yaml",
        "3:1",
        "a `{…}` mapping is not closed, or its entries are not separated by commas",
    ),
    (
        "d2_wrong_root",
        "programmes.yaml",
        "1:1",
        "found a list at the top of the file",
    ),
    (
        "d3_bad_as_of",
        "outlook.yaml",
        "1:8",
        "as_of: `2026-13-01` is not a real calendar date",
    ),
    ("d4_empty", "careers.yaml", "1:1", "the file is empty"),
    (
        "d5_unknown_key",
        "code_sets.yaml",
        "2:1",
        "did you mean `code_sets`?",
    ),
];

#[test]
fn every_hostile_data_file_gets_its_located_message() {
    for (case, file, at, message) in DATA_CASES {
        let dir = format!("tests/hostile/data/{case}");
        assert_located(
            &["data", "check", "--data-dir", &dir],
            1,
            &format!("{dir}/{file}:{at}"),
            &[message],
        );
        // Other commands refuse the broken data with exit 2 and print nothing on stdout.
        coderpath()
            .args(["data", "list", "credentials", "--data-dir", &dir])
            .assert()
            .code(2)
            .stdout("");
    }
}

#[test]
fn a_fifty_megabyte_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let mut text = String::from("name: Lee\neducation: high_school\ncompleted:\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str("  - medical_terminology\n");
    }
    std::fs::write(&path, &text).unwrap();
    let out = coderpath()
        .args(["profile", "check"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains(&format!("{}:1:1", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("over the 16777216-byte limit"), "{stderr}");
    // As a plan input it is an input error.
    coderpath()
        .args(["plan"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn profiles_from_standard_input() {
    let text = std::fs::read_to_string("tests/hostile/p29_unknown_setting.yaml").unwrap();
    coderpath()
        .args(["plan", "-"])
        .write_stdin(text)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("<stdin>:3:20"));
    let good = std::fs::read_to_string("examples/aspiring.yaml").unwrap();
    coderpath()
        .args(["plan", "-", "--format", "json"])
        .write_stdin(good)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("\"person\": \"Maya Thompson\""));
}
