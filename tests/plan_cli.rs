//! `plan` and `readiness` from the command line: formats, files, escaping, calendar.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use common::{AS_OF, coderpath, stdout_of};
use serde_json::Value;

const ASPIRING: &str = "examples/aspiring.yaml";

#[test]
fn text_roadmap_snapshot() {
    insta::assert_snapshot!("plan_text", stdout_of(&["plan", ASPIRING]));
}

#[test]
fn markdown_roadmap_snapshot() {
    insta::assert_snapshot!("plan_md", stdout_of(&["plan", ASPIRING, "--format", "md"]));
}

#[test]
fn html_roadmap_snapshot() {
    let html = stdout_of(&["plan", ASPIRING, "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<svg") && html.contains("class=\"bar-education\""),
        "inline SVG timeline"
    );
    assert!(
        !html.contains("<link") && !html.contains("<script"),
        "self-contained, no scripts"
    );
    insta::assert_snapshot!("plan_html", html);
}

#[test]
fn json_has_the_documented_keys() {
    let v: Value =
        serde_json::from_str(&stdout_of(&["plan", ASPIRING, "--format", "json"])).unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["as_of"], AS_OF);
    assert_eq!(v["person"], "Maya Thompson");
    assert_eq!(v["target"]["credential"], "CPC");
    assert_eq!(v["target"]["setting"], "physician_office");
    assert_eq!(v["target"]["why"], "best_fit");
    assert_eq!(v["route"]["rule"], "met_today");
    assert_eq!(v["route"]["chosen"]["asks"][0]["condition"], "nothing");
    let m = &v["milestones"][0];
    for key in ["id", "start", "end", "cost", "stage"] {
        assert!(m.get(key).is_some(), "milestone lacks {key}");
    }
    assert_eq!(m["stage"]["kind"], "programme");
    assert_eq!(
        v["milestones"][1]["stage"]["fees"]["membership"]["payer"],
        "student"
    );
    assert_eq!(v["programme"]["programme"], "online_vocational");
    assert_eq!(v["programme"]["cost_usd"], 3000.0);
    assert_eq!(v["programme"]["months"], 10.1);
    assert_eq!(v["alternatives"].as_array().unwrap().len(), 3);
    assert_eq!(v["costs"]["known_usd"], 3582.0);
    assert_eq!(v["costs"]["unknown"], 1, "Practicode for CPC-A removal");
    assert_eq!(v["job_ready"], "2027-11-12");
    // $3,582 fits the $4,000 budget at the certificate's low end, $5,582 at its high end.
    assert_eq!(v["warnings"][0]["code"], "range_over_budget");
    assert_eq!(v["warnings"][0]["high_usd"], 5582.0);
    assert_eq!(v["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(v["readiness"]["score"], 7);
    assert_eq!(v["readiness"]["missing"].as_array().unwrap().len(), 12);
    assert_eq!(v["outlook"]["own"][0]["vintage"], "2024-34");
    assert_eq!(v["outlook"]["related"][0]["soc"], "29-2071");
}

#[test]
fn output_file_format_follows_the_extension_and_calendar_parses() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("roadmap.html");
    let ics = dir.path().join("roadmap.ics");
    coderpath()
        .args(["plan", ASPIRING, "-o"])
        .arg(&html)
        .arg("--calendar")
        .arg(&ics)
        .assert()
        .code(0)
        .stdout("");
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let text = std::fs::read_to_string(&ics).unwrap();
    let cal: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    // Programme, exam, first job, apprentice removal, renewal (options are not events).
    assert_eq!(events.len(), 5);
    assert!(text.contains("UID:exam:CPC.maya-thompson@coderpath"));
    assert!(text.contains("DTSTART;VALUE=DATE:20271112"));
    let md = dir.path().join("r.md");
    coderpath()
        .args(["plan", ASPIRING, "-o"])
        .arg(&md)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("# Roadmap for Maya Thompson")
    );
    coderpath()
        .args(["plan", ASPIRING, "-o", "out.pdf"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot tell the format"));
}

#[test]
fn a_hostile_name_is_escaped_in_html() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    std::fs::write(&p, "name: \"<script>alert(1)</script>\"\neducation: high_school\ntarget: { setting: physician_office }\n").unwrap();
    let html = stdout_of(&["plan", p.to_str().unwrap(), "--format", "html"]);
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "unescaped name"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        &html[..400]
    );
}

#[test]
fn profile_problems_stop_the_plan_with_a_location() {
    coderpath()
        .args(["plan", "tests/fixtures/person/bad_setting.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "tests/fixtures/person/bad_setting.yaml:4:12",
        ));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    std::fs::write(&p, "name: N\neducation: high_school\n").unwrap();
    coderpath()
        .args(["plan"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("the profile has no target"));
}

#[test]
fn readiness_in_every_format() {
    let text = stdout_of(&["readiness", ASPIRING]);
    assert!(
        text.starts_with("Job readiness for Maya Thompson (as of 2026-11-27)"),
        "{text}"
    );
    assert!(text.contains("have:    Medical terminology (completed course)"));
    assert!(text.contains("missing: CPT procedure coding — closed by Complete: Online vocational coding certificate (2027-10-01)"));
    let v: Value =
        serde_json::from_str(&stdout_of(&["readiness", ASPIRING, "--format", "json"])).unwrap();
    assert_eq!(v["readiness"]["score"], 7);
    assert_eq!(v["readiness"]["missing"][0]["closed_by"], "programme");
    assert!(stdout_of(&["readiness", ASPIRING, "--format", "md"]).contains("**7%**"));
    assert!(
        stdout_of(&["readiness", ASPIRING, "--format", "html"]).contains("aria-valuenow=\"7\"")
    );
}

#[test]
fn same_inputs_same_bytes() {
    for f in ["text", "md", "html", "json"] {
        assert_eq!(
            stdout_of(&["plan", ASPIRING, "--format", f]),
            stdout_of(&["plan", ASPIRING, "--format", f])
        );
    }
}

fn job_ready(args: &[&str]) -> String {
    let mut all = vec!["plan", ASPIRING, "--format", "json"];
    all.extend(args);
    let v: Value = serde_json::from_str(&stdout_of(&all)).unwrap();
    v["job_ready"].as_str().unwrap().to_string()
}

#[test]
fn what_if_flags_change_the_plan_not_the_file() {
    let before = std::fs::read(ASPIRING).unwrap();
    let base = job_ready(&[]);
    let faster = job_ready(&["--hours", "20"]);
    assert!(
        faster < base,
        "20 hours a week ({faster}) beats 10 ({base})"
    );
    let v: Value = serde_json::from_str(&stdout_of(&[
        "plan",
        ASPIRING,
        "--format",
        "json",
        "--setting",
        "hospital_inpatient",
    ]))
    .unwrap();
    assert_eq!(v["target"]["setting"], "hospital_inpatient");
    assert_ne!(v["target"]["credential"], "CPC");
    let v: Value = serde_json::from_str(&stdout_of(&[
        "plan", ASPIRING, "--format", "json", "--budget", "100",
    ]))
    .unwrap();
    assert_eq!(v["budget_usd"], 100.0);
    assert_eq!(
        std::fs::read(ASPIRING).unwrap(),
        before,
        "profile untouched"
    );
}

#[test]
fn what_if_flags_are_checked() {
    for (args, words) in [
        (
            vec!["--setting", "hospital_inpatent"],
            "did you mean hospital_inpatient",
        ),
        (vec!["--target", "CPX"], "--target CPX"),
        (vec!["--hours", "0"], "from 1 to 80"),
        (vec!["--budget=-5"], "--budget -5"),
        (vec!["--by", "2020-01-01"], "after 2026-11-27"),
        (vec!["--compare", "hours"], "not KEY=VALUE"),
        (vec!["--compare", "speed=3"], "unknown key `speed`"),
        (
            vec!["--compare", "a=1", "--compare", "b=2", "--compare", "c=3"],
            "up to 2",
        ),
    ] {
        let mut all = vec!["plan", ASPIRING];
        all.extend(&args);
        let out = coderpath().args(&all).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
    }
}

#[test]
fn compare_puts_scenarios_side_by_side() {
    let v: Value = serde_json::from_str(&stdout_of(&[
        "plan",
        ASPIRING,
        "--format",
        "json",
        "--compare",
        "hours=20",
        "--compare",
        "delivery=on-campus,budget=6000",
    ]))
    .unwrap();
    let s = v["scenarios"].as_array().unwrap();
    assert_eq!(s.len(), 3);
    assert_eq!(s[0]["changes"], serde_json::json!({}));
    assert_eq!(s[1]["changes"]["hours"], 20.0);
    assert_eq!(s[2]["changes"]["delivery"][0], "on_campus");
    assert_eq!(
        s[1]["plan"]["job_ready"].as_str().unwrap(),
        job_ready(&["--hours", "20"])
    );
    assert_eq!(s[0]["plan"]["job_ready"].as_str().unwrap(), job_ready(&[]));

    let text = stdout_of(&["plan", ASPIRING, "--compare", "hours=20"]);
    assert!(text.contains("As in the profile") && text.contains("With 20 hours a week"));
    let html = stdout_of(&[
        "plan",
        ASPIRING,
        "--format",
        "html",
        "--compare",
        "hours=20",
    ]);
    assert!(html.contains("<th scope=\"col\">With 20 hours a week</th>"));
    assert!(html.contains("data-label=\"With 20 hours a week\""));
    let md = stdout_of(&["plan", ASPIRING, "--format", "md", "--compare", "hours=20"]);
    assert!(md.contains("| Scenario | As in the profile | With 20 hours a week |"));
}

#[test]
fn compare_scenarios_start_from_the_run_flags() {
    let v: Value = serde_json::from_str(&stdout_of(&[
        "plan",
        ASPIRING,
        "--format",
        "json",
        "--hours",
        "20",
        "--compare",
        "budget=9000",
    ]))
    .unwrap();
    let s = &v["scenarios"];
    assert_eq!(s[0]["changes"]["hours"], 20.0);
    assert_eq!(s[1]["changes"]["hours"], 20.0);
    assert_eq!(s[1]["changes"]["budget"], 9000.0);
}

/// A target given with `--target` is credited to the command line, not to the profile.
#[test]
fn a_target_from_the_command_line_says_so() {
    let out = stdout_of(&["plan", ASPIRING, "--target", "CCA"]);
    assert!(
        out.contains("CCA is named on the command line (--target)"),
        "{out}"
    );
    assert!(!out.contains("named in the profile"), "{out}");
}

/// What-if numbers on the command line get the plain words a profile's do.
#[test]
fn what_if_numbers_are_refused_in_plain_words() {
    for (flag, value, words) in [
        ("--budget", "$900", "expected a number such as 4000"),
        ("--budget", "4,000", "expected a number such as 4000"),
        ("--hours", "ten", "expected a number such as 20"),
        (
            "--budget",
            "-5",
            "expected an amount in USD from 0 to 1000000",
        ),
    ] {
        let out = common::coderpath()
            .args(["plan", "examples/aspiring.yaml", flag, value])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(words), "{flag} {value}: {stderr}");
        assert!(!stderr.contains("float"), "{stderr}");
    }
}

/// A first cycle pro-rated below a credential's own minimum says the minimum is needed on
/// top, not "11 CEUs, including 16".
#[test]
fn a_minimum_above_the_pro_rated_total_is_not_said_to_be_within_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::write(
        dir.path(),
        "a.yaml",
        "name: A\neducation: certificate\nmemberships: [AAPC]\ncredentials: [{ id: CPMA, earned: 2026-11-01 }]\naapc_renewal: 2027-05-31\n",
    );
    let md = stdout_of(&["plan", &p, "--format", "md"]);
    assert!(md.contains("and at least 16 CEUs related to CPMA"), "{md}");
    assert!(!md.contains("including 16 CEUs"), "{md}");
}
