//! `data check` and `data list` from the command line.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use predicates::prelude::PredicateBooleanExt;

use common::{assert_located, coderpath, stdout_of};
use serde_json::Value;

#[test]
fn data_check_is_silent_and_clean_on_embedded_data() {
    coderpath()
        .args(["data", "check"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn stale_data_warns_but_passes_and_quiet_silences_it() {
    coderpath()
        .args(["data", "check", "--as-of", "2029-01-01"])
        .assert()
        .code(0)
        .stderr(predicates::str::contains(
            "is more than 2 years old on 2029-01-01",
        ))
        .stderr(predicates::str::contains("data/outlook.yaml (embedded):"));
    coderpath()
        .args(["data", "check", "--as-of", "2029-01-01", "-q"])
        .assert()
        .code(0)
        .stderr("");
}

/// One broken data file: `from` replaced by `to` in an embedded file; `needle` (inside `to`)
/// is where the error must point.
struct Broken {
    file: &'static str,
    from: &'static str,
    to: &'static str,
    needle: &'static str,
    message: &'static str,
}

const BROKEN: &[Broken] = &[
    Broken {
        file: "credentials.yaml",
        from: "    name: Certified Professional Coder\n",
        to: "    nmae: Certified Professional Coder\n",
        needle: "nmae",
        message: "unknown key `credentials[0].nmae`; did you mean `name`?",
    },
    Broken {
        file: "programmes.yaml",
        from: "  - id: online_vocational",
        to: "  - id: cc_certificate",
        needle: "cc_certificate",
        message: "duplicate id `cc_certificate`",
    },
    Broken {
        file: "credentials.yaml",
        from: "settings: [hospital_outpatient, remote]",
        to: "settings: [hospital_outpatient, remot]",
        needle: "remot",
        message: "unknown setting `remot`",
    },
    Broken {
        file: "outlook.yaml",
        from: "    sources:\n      - url: https://utilizepoint.com/?p=989\n        title: Medical coding outlook (cites BLS)\n        date: not shown\n        tag: secondary\n",
        to: "    sources: []\n",
        needle: "[]",
        message: "no sources for this record",
    },
    Broken {
        file: "programmes.yaml",
        from: "cost_usd: { min: 2000, max: 7500 }",
        to: "cost_usd: { min: 9000, max: 7500 }",
        needle: "9000",
        message: "min 9000 is greater than max 7500",
    },
    Broken {
        file: "careers.yaml",
        from: "as_of: 2026-11-27",
        to: "as_of: 2026-02-30",
        needle: "2026-02-30",
        message: "`2026-02-30` is not a real calendar date",
    },
    Broken {
        file: "code_sets.yaml",
        from: "as_of: 2026-11-27\ncode_sets:",
        to: "code_sets:",
        needle: "code_sets:",
        message: "missing key `as_of`",
    },
    Broken {
        file: "credentials.yaml",
        from: "questions: 135",
        to: "questions: lots",
        needle: "lots",
        message: "exam.questions: found text `lots`",
    },
    Broken {
        file: "competencies.yaml",
        from: "url: https://ahima.org/certification-careers/certifications-overview/ccs",
        to: "url: ahima.org/ccs",
        needle: "ahima.org/ccs",
        message: "`ahima.org/ccs` is not a web address",
    },
    Broken {
        file: "renewal_rules.yaml",
        from: "sourced_share_min: 0.4",
        to: "sourced_share_min: 40",
        needle: "40",
        message: "`40` is out of range: expected a fraction from 0 to 1",
    },
    Broken {
        file: "renewal_rules.yaml",
        from: "[36, 40, 44, 48, 52]",
        to: "[36, 40, 34, 48, 52]",
        needle: "[36",
        message: "CEUs must not fall as credentials are added",
    },
    Broken {
        file: "programmes.yaml",
        from: "type: cc_certificate\n    name: Santa",
        to: "type: cc_certficate\n    name: Santa",
        needle: "cc_certficate",
        message: "unknown programme type `cc_certficate`",
    },
    Broken {
        file: "credentials.yaml",
        from: "credentials_any: [CCA]",
        to: "credentials_any: [CCAA]",
        needle: "CCAA",
        message: "unknown credential `CCAA`",
    },
    Broken {
        file: "programmes.yaml",
        from: "delivery: [online]\n    self_paced: true\n    months: null\n    contact_hours: 440",
        to: "delivery: [onlin]\n    self_paced: true\n    months: null\n    contact_hours: 440",
        needle: "onlin",
        message: "unknown value `onlin`",
    },
    // Data that would once have crashed a command is refused, with the bound named.
    Broken {
        file: "renewal_rules.yaml",
        from: "lapse: { state: overdue, days: 90,",
        to: "lapse: { state: overdue, days: 4294967295,",
        needle: "4294967295",
        message: "`4294967295` is out of range: expected a number of days from 0 to 36500",
    },
    Broken {
        file: "programmes.yaml",
        from: "months: { min: 12, max: 24 }",
        to: "months: { min: 12, max: 1e308 }",
        needle: "1e308",
        message: "expected a number of months from 0 to 1200",
    },
    Broken {
        file: "renewal_rules.yaml",
        from: "      months: 24\n      anchor: membership_renewal",
        to: "      months: 0\n      anchor: membership_renewal",
        needle: "0\n",
        message: "a cycle of 0 months",
    },
    Broken {
        file: "assumptions.yaml",
        from: "  hours_per_week:\n    value: 10",
        to: "  hours_per_week:\n    value: 0.00001",
        needle: "0.00001",
        message: "expected hours a week from 1 to 80",
    },
    Broken {
        file: "settings.yaml",
        from: "credentials: [CPC, CCA, CCS-P]",
        to: "credentials: [CPC, CCA, CCSP]",
        needle: "CCSP",
        message: "unknown credential `CCSP`",
    },
    Broken {
        file: "programmes.yaml",
        from: "      - accredited_degree: associate\n        months: { min: 24, max: 42 }",
        to: "      - accredited_degree: master\n        months: { min: 24, max: 42 }",
        needle: "master",
        message: "advanced standing for an award the programme does not lead beyond",
    },
    Broken {
        file: "programmes.yaml",
        from: "        months: { min: 24, max: 42 }",
        to: "        months: { min: 48, max: 42 }",
        needle: "48",
        message: "min 48 is greater than max 42",
    },
];

#[test]
fn each_broken_data_file_gives_a_located_message_and_exit_1() {
    for b in BROKEN.iter().filter(|b| !b.message.is_empty()) {
        let original = coderpath_data(b.file);
        let at = original
            .find(b.from)
            .unwrap_or_else(|| panic!("{}: `{}` not found", b.file, b.from));
        let mutated = format!(
            "{}{}{}",
            &original[..at],
            b.to,
            &original[at + b.from.len()..]
        );
        let offset = at + b.to.find(b.needle).unwrap();
        let line = mutated[..offset].matches('\n').count() + 1;
        let column = mutated[..offset]
            .rsplit('\n')
            .next()
            .unwrap()
            .chars()
            .count()
            + 1;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(b.file);
        std::fs::write(&path, &mutated).unwrap();
        let location = format!("{}:{line}:{column}", path.display());
        assert_located(
            &["data", "check", "--data-dir", dir.path().to_str().unwrap()],
            1,
            &location,
            &[b.message],
        );
    }
}

/// Replaces the text between the first `start` after `after` and the next `end` with `with`.
fn splice(text: &str, after: &str, start: &str, end: &str, with: &str) -> String {
    let a = text.find(after).unwrap() + after.len();
    let s = a + text[a..].find(start).unwrap() + start.len();
    let e = s + text[s..].find(end).unwrap();
    format!("{}{with}{}", &text[..s], &text[e..])
}

#[test]
fn data_that_would_crash_a_command_is_refused() {
    let cases = [
        (
            "credentials.yaml",
            splice(
                &coderpath_data("credentials.yaml"),
                "designation: COC-A",
                "removal_routes:",
                "      sources:",
                " []\n",
            ),
            "COC has an apprentice status but no way to remove it",
        ),
        (
            "renewal_rules.yaml",
            coderpath_data("renewal_rules.yaml").replacen(
                "      odd_years_for: odd_months\n",
                "",
                1,
            ),
            "a membership-renewal anchor needs `odd_years_for`",
        ),
        (
            "renewal_rules.yaml",
            coderpath_data("renewal_rules.yaml").replacen(
                "    requirement:\n      by_count: [36, 40, 44, 48, 52]\n",
                "    requirement: {}\n",
                1,
            ),
            "give exactly one of `by_count` and `per_credential`",
        ),
    ];
    for (file, text, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(file), text).unwrap();
        let out = coderpath()
            .args(["data", "check", "--data-dir"])
            .arg(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{message}: {stderr}");
        assert!(stderr.contains(message), "{message} in {stderr}");
        assert!(
            stderr.contains(&format!("{}:", dir.path().join(file).display())),
            "{stderr}"
        );
        // Every other command refuses the data too, without a panic.
        coderpath()
            .args(["plan", "examples/aspiring.yaml", "--data-dir"])
            .arg(dir.path())
            .assert()
            .code(2);
    }
}

fn coderpath_data(file: &str) -> String {
    std::fs::read_to_string(format!("{}/data/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn broken_data_stops_other_commands_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("careers.yaml"),
        "as_of: 2026-11-01\ncareers: 3\n",
    )
    .unwrap();
    coderpath()
        .args(["data", "list", "careers", "--data-dir"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("careers.yaml:2:10"));
}

#[test]
fn a_missing_data_dir_is_a_usage_error() {
    coderpath()
        .args(["data", "check", "--data-dir", "/no/such/dir"])
        .assert()
        .code(2)
        .stderr("error: --data-dir /no/such/dir: no such folder\n");
}

#[cfg(unix)]
#[test]
fn a_data_file_linked_to_nothing_is_reported_not_skipped() {
    for (target, words) in [
        (
            "nowhere.yaml",
            "it is a symbolic link to a file that does not exist",
        ),
        (
            "credentials.yaml",
            "it is a symbolic link that loops back on itself",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(target, dir.path().join("credentials.yaml")).unwrap();
        coderpath()
            .args(["data", "check", "--data-dir"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "credentials.yaml: {words}"
            )));
    }
}

#[test]
fn did_you_mean_hint_for_a_misspelt_key() {
    let dir = tempfile::tempdir().unwrap();
    let text = coderpath_data("careers.yaml")
        .replace("    note: No source gives", "    noet: No source gives");
    std::fs::write(dir.path().join("careers.yaml"), text).unwrap();
    coderpath()
        .args(["data", "check", "--data-dir"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "unknown key `careers[3].noet`; did you mean `note`?",
        ))
        .stderr(predicates::str::contains("expected did you mean").not());
}

fn json(args: &[&str]) -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(&stdout_of(args)).unwrap()
}

fn ids(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

#[test]
fn list_every_kind_as_text() {
    for (kind, header) in [
        ("credentials", "Membership"),
        ("programmes", "Prepares for"),
        ("rules", "Cycles from"),
        ("outlook", "Openings a year"),
        ("settings", "Competencies it needs"),
        ("competencies", "Taught by"),
        ("backgrounds", "Topics it covers"),
        ("careers", "Prerequisites"),
    ] {
        let out = stdout_of(&["data", "list", kind]);
        // A narrow column wraps its header at spaces.
        assert!(header.split(' ').all(|w| out.contains(w)), "{kind}: {out}");
    }
}

/// A fee counted per credential says so: AHIMA's $50 is for each credential after the first.
#[test]
fn rule_fees_say_what_they_are_counted_per() {
    let out = stdout_of(&["data", "list", "rules", "--body", "AHIMA", "--format", "md"]);
    assert!(out.contains("$50 per additional credential"), "{out}");
}

#[test]
fn programme_filters_combine() {
    let records = json(&[
        "data",
        "list",
        "programmes",
        "--prepares-for",
        "CPC",
        "--delivery",
        "online",
        "--max-cost",
        "4000",
        "--format",
        "json",
    ]);
    assert_eq!(ids(&records), ["cc_certificate", "online_vocational"]);
    let campus = json(&[
        "data",
        "list",
        "programmes",
        "--delivery",
        "on-campus",
        "--format",
        "json",
    ]);
    assert!(ids(&campus).contains(&"sbcc_coding_certificate"));
    assert!(!ids(&campus).contains(&"online_vocational"));
    let rhia = json(&[
        "data",
        "list",
        "programmes",
        "--prepares-for",
        "RHIA",
        "--format",
        "json",
    ]);
    assert_eq!(ids(&rhia), ["him_bachelor", "him_postbacc_certificate"]);
}

#[test]
fn body_filter_and_json_records_carry_sources() {
    let records = json(&[
        "data",
        "list",
        "credentials",
        "--body",
        "ahima",
        "--format",
        "json",
    ]);
    assert_eq!(
        ids(&records),
        [
            "CCA", "CCS", "CCS-P", "RHIT", "RHIA", "CDIP", "CHPS", "CHDA"
        ]
    );
    for r in &records {
        assert_eq!(r["body"], "AHIMA");
        assert!(!r["sources"].as_array().unwrap().is_empty(), "{}", r["id"]);
    }
    let rules = json(&[
        "data", "list", "rules", "--body", "AAPC", "--format", "json",
    ]);
    assert_eq!(
        rules[0]["requirement"]["by_count"],
        serde_json::json!([36.0, 40.0, 44.0, 48.0, 52.0])
    );
    assert_eq!(rules[0]["cycle"]["months"], 24);
}

#[test]
fn markdown_and_csv_formats() {
    let md = stdout_of(&["data", "list", "outlook", "--format", "md"]);
    assert!(md.starts_with("# Outlook (10)\n"), "{md}");
    assert!(md.contains("| SOC | Occupation | Vintage |"), "{md}");
    assert!(md.contains("| 29-9021 | Health information technologists and medical registrars | 2022-32 | 16% | 37,900 | 3,100 | $58,250 (May 2022) |"), "{md}");
    let csv = stdout_of(&["data", "list", "careers", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["ID", "Path", "Credentials", "Prerequisites"]
    );
    assert_eq!(reader.records().count(), 6);
    assert!(csv.contains("\r\n"));
}

#[test]
fn filters_that_do_not_apply_are_usage_errors() {
    coderpath()
        .args(["data", "list", "outlook", "--delivery", "online"])
        .assert()
        .code(2)
        .stderr("error: --delivery applies to programmes only\n");
    coderpath()
        .args(["data", "list", "programmes", "--prepares-for", "CPX"])
        .assert()
        .code(2)
        .stderr("error: --prepares-for CPX: no such credential; did you mean CPC?\n");
    coderpath()
        .args(["data", "list", "programmes", "--max-cost", "-5"])
        .assert()
        .code(2);
    coderpath()
        .args(["data", "list", "spaceships"])
        .assert()
        .code(2);
}
