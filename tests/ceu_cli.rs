//! `ceu status | check | calendar | what-if` from the command line.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use common::{AS_OF, coderpath, stdout_of};
use serde_json::Value;

#[test]
fn status_text_md_html_snapshots() {
    insta::assert_snapshot!(
        "status_text",
        stdout_of(&["ceu", "status", "examples/dual.yaml"])
    );
    insta::assert_snapshot!(
        "status_md",
        stdout_of(&["ceu", "status", "examples/certified.yaml", "--format", "md"])
    );
    let html = stdout_of(&["ceu", "status", "examples/dual.yaml", "--format", "html"]);
    assert!(html.contains("role=\"progressbar\""));
    insta::assert_snapshot!("status_html", html);
}

#[test]
fn status_json_has_the_documented_keys() {
    let v: Value = serde_json::from_str(&stdout_of(&[
        "ceu",
        "status",
        "examples/dual.yaml",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        (v["as_of"].as_str(), v["person"].as_str()),
        (Some(AS_OF), Some("Rosa Delgado"))
    );
    assert_eq!(v["schema_version"], 2);
    let b = &v["bodies"][1];
    for key in [
        "body",
        "credentials",
        "current",
        "fees",
        "after_as_of",
        "older_cycles",
    ] {
        assert!(b.get(key).is_some(), "body lacks {key}");
    }
    let c = &b["current"];
    for key in [
        "cycle",
        "requirement",
        "required",
        "earned",
        "remaining",
        "state",
        "requirements",
        "rejected",
        "checkpoints",
    ] {
        assert!(c.get(key).is_some(), "cycle lacks {key}");
    }
    assert_eq!(b["body"], "AHIMA");
    assert_eq!(c["cycle"]["overridden"], true);
    assert_eq!(c["cycle"]["first"], false);
    assert_eq!(c["requirement"]["rulebook"], "ahima-2025");
    assert_eq!(c["required"], 20.0);
    assert_eq!(c["earned"], 13.0);
    assert_eq!(c["state"]["state"], "on_track");
    assert_eq!(c["requirements"][2]["what"]["kind"], "share");
    assert_eq!(c["requirements"][2]["what"]["share"], "sourced");
    assert_eq!(c["requirements"][2]["met"], true);
    let aapc = &v["bodies"][0];
    assert_eq!(aapc["current"]["rejected"][0]["line"], 24);
    assert_eq!(
        aapc["current"]["rejected"][0]["reason"]["reason"],
        "not_approved"
    );
    assert_eq!(aapc["fees"][0]["usd"], 190.0);
    assert_eq!(aapc["fees"][0]["kind"], "membership_renewal");
}

#[test]
fn check_reports_each_problem_kind_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cert-a.pdf"), "pdf").unwrap();
    std::fs::write(
        dir.path().join("p.yaml"),
        "name: P\neducation: certificate\ncredentials: [{ id: CPC, earned: 2024-03-01 }]\naapc_renewal: 2025-05-31\nceu_log: p.ceus.yaml\n",
    )
    .unwrap();
    let log = "\
- date: 2024-01-10
  title: Before certification
  provider: AAPC
  ceus: 1
  aapc_index: A0
- date: 2025-07-01
  title: Webinar
  provider: AAPC
  ceus: 2
  aapc_index: A1
  certificate: cert-a.pdf
- date: 2025-07-01
  title: webinar
  provider: AAPC
  ceus: 2
  aapc_index: A1
- date: 2025-08-01
  title: No index
  provider: Somebody
  ceus: 1
- date: 2025-09-01
  title: Reused certificate
  provider: AAPC
  ceus: 1
  aapc_index: A3
  certificate: cert-a.pdf
- date: 2025-10-01
  title: Missing certificate
  provider: AAPC
  ceus: 1
  aapc_index: A4
  certificate: nowhere.pdf
- checkpoint: 2025-12-31
  body: AAPC
  earned: 9
";
    std::fs::write(dir.path().join("p.ceus.yaml"), log).unwrap();
    let out = coderpath()
        .args(["ceu", "check"])
        .arg(dir.path().join("p.yaml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let name = dir.path().join("p.ceus.yaml").display().to_string();
    for (line, message) in [
        (1, "dated before the first certification on 2024-03-01"),
        (12, "duplicate of the entry at line 6"),
        (17, "no AAPC approval index"),
        (21, "is also used by the entry at line 6"),
        (27, "nowhere.pdf does not exist"),
        (
            33,
            "checkpoint 2025-12-31: AAPC showed 9 CEUs, the log adds up to 4 (difference +5)",
        ),
    ] {
        assert!(
            stderr.contains(&format!("{name}:{line}:1")),
            "line {line} in\n{stderr}"
        );
        assert!(stderr.contains(message), "{message} in\n{stderr}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn check_is_silent_when_clean() {
    coderpath()
        .args(["ceu", "check", "examples/dual.yaml"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn calendar_parses_back_with_alarms() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("r.ics");
    coderpath()
        .args(["ceu", "calendar", "examples/dual.yaml", "-o"])
        .arg(&ics)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&ics).unwrap();
    let cal: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    let summaries: Vec<&str> = events
        .iter()
        .filter_map(|e| icalendar::Component::get_summary(*e))
        .collect();
    for s in [
        "AAPC CEUs due (28 of 36 still to earn)",
        "AAPC CEU submission window opens",
        "AAPC CEU pace: about 1.9 CEUs a month",
        "AHIMA CEUs due (7 of 20 still to earn)",
        "AHIMA recertification fee (member): $100",
        "AAPC membership renewal (individual): $190",
        "CPT (HCPCS Level I) update takes effect",
        "ICD-10-CM (diagnoses) update takes effect",
        "AAPC: last day before revocation if the CEUs are still short",
        "AHIMA: last day before revocation if the CEUs are still short",
    ] {
        assert!(summaries.contains(&s), "{s} in {summaries:?}");
    }
    // The hard stops ahead: AAPC revokes 90 days after the due date, AHIMA 180.
    assert!(text.contains("DTSTART;VALUE=DATE:20280528"));
    assert!(text.contains("DTSTART;VALUE=DATE:20280327"));
    // Deadlines do not block the day; the pace reminder repeats monthly to the due date.
    assert_eq!(text.matches("TRANSP:TRANSPARENT").count(), events.len());
    assert!(text.contains("RRULE:FREQ=MONTHLY;UNTIL=20280228"));
    // 28 CEUs still to earn: reminders 90, 30 and 7 days before the AAPC due date.
    for days in [90, 30, 7] {
        let trigger = format!("TRIGGER;RELATED=START:-P{days}D");
        assert!(text.contains(&trigger), "{trigger}");
    }
    assert!(text.contains("DTSTART;VALUE=DATE:20280228"));
    assert!(
        text.contains("DTSTART;VALUE=DATE:20280128"),
        "window opens a month before"
    );
}

#[test]
fn calendar_has_only_the_code_sets_of_credentials_held() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("r.ics");
    coderpath()
        .args(["ceu", "calendar", "examples/certified.yaml", "-o"])
        .arg(&ics)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("CPT (HCPCS Level I) update takes effect"));
    assert!(text.contains("CPT Category III (emerging technology) update takes effect"));
    assert!(
        !text.contains("ICD-10-PCS"),
        "a CPC holder gets no ICD-10-PCS updates"
    );
}

/// A credential revoked within its reinstatement window: the calendar holds the last day
/// to reinstate without a new exam, and no due date for the current cycle (on hold).
#[test]
fn calendar_holds_the_reinstatement_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("r.yaml");
    std::fs::write(
        &profile,
        "name: R\neducation: associate\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2015-02-20 }]\naapc_renewal: 2026-04-30\nceu_log: r.ceus.yaml\nceu_log_since: 2024-05-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("r.ceus.yaml"),
        "- { date: 2024-06-10, title: a, provider: AAPC, ceus: 10, aapc_index: C1 }\n",
    )
    .unwrap();
    let ics = dir.path().join("r.ics");
    coderpath()
        .args(["ceu", "calendar"])
        .arg(&profile)
        .arg("-o")
        .arg(&ics)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("SUMMARY:AAPC: last day to reinstate without a new exam"));
    assert!(text.contains("DTSTART;VALUE=DATE:20290729"), "{text}");
    assert!(!text.contains("SUMMARY:AAPC CEUs due"), "{text}");
}

/// A folder with `p.yaml`, a CPC holder since 2020 whose cycle ended 2026-10-31 (plus the
/// profile lines `more`), and their CEU log `p.ceus.yaml` holding `log`.
fn cpc_holder(more: &str, log: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.yaml"),
        format!("name: P\neducation: high_school\ncredentials: [{{ id: CPC, earned: 2020-01-15 }}]\naapc_renewal: 2026-10-31\nceu_log: p.ceus.yaml\n{more}"),
    )
    .unwrap();
    std::fs::write(dir.path().join("p.ceus.yaml"), log).unwrap();
    dir
}

#[test]
fn ceus_earned_round_down_and_ceus_to_go_round_up() {
    let dir = cpc_holder(
        "",
        "- { date: 2026-11-10, title: Course, provider: AAPC, ceus: 35.96, aapc_index: X-1 }\n",
    );
    let out = coderpath()
        .args(["ceu", "status"])
        .arg(dir.path().join("p.yaml"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("AAPC: 35.9 of 36 CEUs, 0.1 to go"), "{text}");
    let list = coderpath()
        .args(["ceu", "list"])
        .arg(dir.path().join("p.yaml"))
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains(",35.96,"));
}

#[test]
fn import_output_fits_the_width() {
    let dir = cpc_holder("", "");
    let d = dir.path();
    std::fs::write(
        d.join("in.csv"),
        "date,title,provider,ceus\n2026-11-02,\"A rather long course title about risk adjustment\ndocumentation\",AAPC Local Chapter 42,1.25\n",
    )
    .unwrap();
    let out = coderpath()
        .env("COLUMNS", "60")
        .args(["ceu", "import"])
        .arg(d.join("p.yaml"))
        .arg(d.join("in.csv"))
        .arg("--dry-run")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("risk adjustment documentation"), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 60, "{line}");
    }
}

#[test]
fn what_if_keeps_an_overdue_cycle_in_view() {
    let dir = cpc_holder(
        "ceu_log_since: 2024-11-01\n",
        "- { date: 2025-01-10, title: Webinar, provider: AAPC, ceus: 2, aapc_index: X-1 }\n",
    );
    let out = coderpath()
        .args(["ceu", "what-if"])
        .arg(dir.path().join("p.yaml"))
        .args(["--add", "CPMA", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    let v = v["measures"].as_array().unwrap();
    // The status is the body's, as `ceu status` heads it: overdue, not the new cycle's.
    let status = v.iter().find(|r| r["measure"] == "status").unwrap();
    assert!(
        status["now"].as_str().unwrap().starts_with("Overdue"),
        "{status}"
    );
    let ended = v.iter().find(|r| r["measure"] == "cycle ended").unwrap();
    assert!(
        ended["now"].as_str().unwrap().starts_with("Overdue")
            && ended["now"].as_str().unwrap().ends_with("ended 2026-10-31")
            && ended["changed"] == false,
        "{ended}"
    );
}

#[test]
fn what_if_shows_the_changes() {
    let out = stdout_of(&[
        "ceu",
        "what-if",
        "examples/certified.yaml",
        "--add",
        "CPMA",
        "--format",
        "json",
    ]);
    let whole: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(whole["schema_version"], 2);
    assert_eq!(whole["add"][0], "CPMA");
    // The statuses in full, with numbers as numbers.
    assert_eq!(whole["before"]["bodies"][0]["current"]["required"], 36.0);
    assert_eq!(whole["after"]["bodies"][0]["current"]["required"], 40.0);
    let v = whole["measures"].as_array().unwrap();
    let row = |m: &str| v.iter().find(|r| r["measure"] == m).unwrap().clone();
    assert_eq!(
        (
            row("required")["now"].as_str(),
            row("required")["after"].as_str()
        ),
        (Some("36"), Some("40"))
    );
    assert_eq!(row("sub-requirements")["after"], "CPMA 16");
    assert_eq!(row("due")["changed"], false);
    let drop = stdout_of(&[
        "ceu",
        "what-if",
        "examples/dual.yaml",
        "--drop",
        "CCS",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&drop).unwrap();
    assert!(
        v["measures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["body"] == "AHIMA" && r["measure"] == "required" && r["after"] == "—")
    );
    let text = stdout_of(&["ceu", "what-if", "examples/certified.yaml", "--add", "CEMC"]);
    assert!(text.contains("CEMC 8"), "{text}");
    coderpath()
        .args(["ceu", "what-if", "examples/certified.yaml", "--add", "CPCC"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean CPC"));
    coderpath()
        .args(["ceu", "what-if", "examples/certified.yaml", "--drop", "CCS"])
        .assert()
        .code(2)
        .stderr("error: --drop CCS: not held\n");
    coderpath()
        .args(["ceu", "what-if", "examples/certified.yaml"])
        .assert()
        .code(2);
}

#[test]
fn a_profile_without_the_aapc_renewal_date_is_told_where() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    std::fs::write(
        &p,
        "name: P\neducation: certificate\ncredentials: [{ id: CPC, earned: 2024-03-01 }]\n",
    )
    .unwrap();
    coderpath()
        .args(["ceu", "status"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "AAPC CEUs fall due on the membership renewal date",
        ));
}

/// Under a month before the deadline the pace is what is left in the days left; on the due
/// date, what is still needed today (not a monthly rate of hundreds of CEUs).
/// The text status of `profile` as of `date` (120 columns).
fn status_on(date: &str, profile: &str) -> String {
    let out = assert_cmd::Command::cargo_bin("coderpath")
        .unwrap()
        .env("NO_COLOR", "1")
        .env("COLUMNS", "120")
        .args(["--as-of", date, "ceu", "status", profile])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_pace_near_the_deadline_is_in_days() {
    let status_on = |date: &str| status_on(date, "examples/certified.yaml");
    assert!(status_on("2027-05-31").contains("27 CEUs still needed, due today"));
    assert!(status_on("2027-05-15").contains("27 CEUs still needed in 16 days"));
    assert!(status_on("2027-03-01").contains("a month to finish on time"));
}

/// A checkpoint above the log sets the total; the status says the minimums and shares are
/// still judged from the entries (the portal's figure has no split by domain or source).
#[test]
fn a_checkpoint_total_says_what_it_cannot_tell() {
    let dir = tempfile::tempdir().unwrap();
    let profile = common::write(
        dir.path(),
        "p.yaml",
        "name: P\neducation: associate\ncredentials: [{ id: CCS, earned: 2025-03-01 }]\nceu_log: p.ceus.yaml\n",
    );
    common::write(
        dir.path(),
        "p.ceus.yaml",
        "- { checkpoint: 2026-02-01, body: AHIMA, earned: 15 }\n",
    );
    let out = stdout_of(&["ceu", "status", &profile]).replace("\n", " ");
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        out.contains("the portal's figure is used for the total"),
        "{out}"
    );
    assert!(out.contains("judged from the log's entries alone"), "{out}");
}

/// While a revoked credential holds the current cycle, nothing says CEUs are due at its end.
#[test]
fn an_on_hold_cycle_has_no_ceu_due_date_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let profile = common::write(
        dir.path(),
        "p.yaml",
        "name: L\neducation: certificate\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2019-05-02 }]\naapc_renewal: 2026-06-30\nceu_log: p.ceus.yaml\nceu_log_since: 2024-07-01\n",
    );
    common::write(
        dir.path(),
        "p.ceus.yaml",
        "- { date: 2024-10-01, title: Review, provider: AAPC, ceus: 10, aapc_index: L1 }\n",
    );
    let text = status_on("2027-01-15", &profile);
    assert!(text.contains("On hold"), "{text}");
    assert!(!text.contains("CEUs are due at the cycle's end"), "{text}");
}

/// `-v` names the assumption that decides between on track and behind.
#[test]
fn verbose_status_names_the_pace_assumption() {
    let out = coderpath()
        .args(["-v", "ceu", "status", "examples/certified.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("assumption: Months of CEUs a running cycle may be short"),
        "{stderr}"
    );
}

/// A body's headline says when its last cycle cannot be judged, and when there is no log to
/// judge by at all (not "on track" or "behind" from an empty log).
#[test]
fn the_headline_names_an_unjudged_cycle_and_a_missing_log() {
    let dir = cpc_holder(
        "",
        "- { date: 2026-11-10, title: Course, provider: AAPC, ceus: 2, aapc_index: X-1 }\n",
    );
    let text = stdout_of(&["ceu", "status", dir.path().join("p.yaml").to_str().unwrap()]);
    assert!(
        text.contains("AAPC — On track; last cycle unknown (not in the log)"),
        "{text}"
    );
    std::fs::write(
        dir.path().join("nolog.yaml"),
        "name: N\neducation: high_school\ncredentials: [{ id: CPC, earned: 2020-01-15 }]\naapc_renewal: 2026-10-31\n",
    )
    .unwrap();
    let text = stdout_of(&[
        "ceu",
        "status",
        dir.path().join("nolog.yaml").to_str().unwrap(),
    ]);
    assert!(text.contains("AAPC — CEUs not logged"), "{text}");
}

/// The headline says what the CEUs to go are for when a share lacks more than the total.
#[test]
fn the_headline_says_when_a_share_lacks_more_than_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let profile = common::write(
        dir.path(),
        "s.yaml",
        "name: S\neducation: associate\ncredentials: [{ id: CCS, earned: 2025-03-01 }]\nceu_log: s.ceus.yaml\n",
    );
    let vendor = "- { date: 2025-06-01, title: v, provider: V, ceus: 16, domain: hiim }\n";
    for (log, headline) in [
        (
            vendor.to_string(),
            "16 of 20 CEUs, 8 to go, counting its minimums or shares;",
        ),
        (
            format!(
                "{vendor}- {{ date: 2025-05-01, title: o, provider: AHIMA, ceus: 10, domain: other, ahima_sourced: true }}\n"
            ),
            "20 of 20 CEUs, 4 more for its minimums or shares;",
        ),
    ] {
        common::write(dir.path(), "s.ceus.yaml", &log);
        let out = common::stdout_of(&["ceu", "status", &profile]);
        assert!(out.contains(headline), "{out}");
    }
}
