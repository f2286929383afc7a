//! What each output format makes of the same words and figures: a count of one is singular
//! everywhere, JSON figures are the decimals meant, code in coderpath's own words is code in
//! Markdown and HTML while a person's text stays text, and calendar UIDs tell every name
//! apart.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{stdout_of, write};

const CPC: &str = "education: certificate\nexperience_months: 30\ncredentials:\n  - { id: CPC, earned: 2023-06-14 }\naapc_renewal: 2027-05-31\n";

/// A CPC holder whose AAPC checkpoint shows 1 CEU.
fn one_ceu(dir: &Path) -> String {
    write(
        dir,
        "one.ceus.yaml",
        "- checkpoint: 2026-06-30\n  body: AAPC\n  earned: 1\n- date: 2026-08-01\n  title: \"Risk adjustment\"\n  provider: AAPC\n  ceus: 2\n  aapc_index: AAPC-1\n",
    );
    write(
        dir,
        "one.yaml",
        &format!("name: Una Ono\n{CPC}ceu_log: one.ceus.yaml\n"),
    )
}

#[test]
fn a_count_of_one_is_singular_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let p = one_ceu(dir.path());
    for format in ["text", "md", "html"] {
        let out = stdout_of(&["ceu", "status", &p, "--format", format]);
        assert!(
            out.contains("showed 1 CEU on 2026-06-30"),
            "{format}: {out}"
        );
        assert!(!out.contains(" 1 CEUs"), "{format}: {out}");
    }
}

/// An AHIMA holder with more CEUs outside the HIIM domains than count: the tracker caps
/// them at 1 − 0.8 of the requirement.
fn ahima_capped(dir: &Path) -> String {
    let mut log = String::new();
    for (i, (ceus, domain)) in [
        (10.1, "other"),
        (0.2, "other"),
        (0.1, "hiim"),
        (0.2, "hiim"),
        (35.6, "hiim"),
    ]
    .iter()
    .enumerate()
    {
        log.push_str(&format!(
            "- date: 2025-10-{:02}\n  title: \"Course {i}\"\n  provider: X\n  ceus: {ceus}\n  domain: {domain}\n",
            10 + i
        ));
    }
    write(dir, "a.ceus.yaml", &log);
    write(
        dir,
        "a.yaml",
        "name: Ann\neducation: associate\nexperience_months: 72\ncredentials:\n  - { id: CCS, earned: 2021-09-30 }\nceu_log: a.ceus.yaml\n",
    )
}

/// Every number in `v` with more than 12 significant digits (binary-float noise).
fn noisy(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Number(n) => {
            let digits = n
                .to_string()
                .split(['e', 'E'])
                .next()
                .unwrap()
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>();
            if digits.trim_start_matches('0').trim_end_matches('0').len() > 12 {
                out.push(n.to_string());
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| noisy(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| noisy(x, out)),
        _ => {}
    }
}

#[test]
fn json_figures_are_the_decimals_meant() {
    let dir = tempfile::tempdir().unwrap();
    let p = ahima_capped(dir.path());
    let status = stdout_of(&["ceu", "status", &p, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    let capped = &v["bodies"][0]["current"]["capped_other"];
    assert_eq!(capped["share"], serde_json::json!(0.2), "{capped}");
    assert_eq!(capped["other"], serde_json::json!(10.3), "{capped}");
    for args in [
        vec!["ceu", "status", &p, "--format", "json"],
        vec!["ceu", "status", &p, "--format", "context"],
        vec!["ceu", "list", &p, "--format", "json"],
        vec!["ceu", "what-if", &p, "--add", "RHIA", "--format", "json"],
        vec!["plan", "examples/aspiring.yaml", "--format", "json"],
    ] {
        let out = stdout_of(&args);
        let mut found = Vec::new();
        noisy(&serde_json::from_str(&out).unwrap(), &mut found);
        assert!(found.is_empty(), "{args:?}: {found:?}");
    }
}

#[test]
fn our_code_is_code_and_a_persons_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "p.yaml",
        &format!("name: \"Ann `rm -rf` *x*\"\n{CPC}"),
    );
    let md = stdout_of(&["ceu", "status", &p, "--format", "md"]);
    assert!(
        md.contains(
            "Add `ceu_log: NAME.ceus.yaml` to the profile and log CEUs with `coderpath ceu add`"
        ),
        "{md}"
    );
    assert!(!md.contains("\\`ceu"), "{md}");
    assert!(
        md.contains("# CEU status for Ann \\`rm -rf\\` \\*x\\*"),
        "{md}"
    );
    let html = stdout_of(&["ceu", "status", &p, "--format", "html"]);
    assert!(html.contains("<code>coderpath ceu add</code>"), "{html}");
    assert!(
        html.contains("<h1>CEU status for Ann `rm -rf` *x*</h1>"),
        "{html}"
    );
    assert!(!html.contains("<code>rm -rf</code>"), "{html}");
    // Everywhere else code reads between backticks, and the marks never show.
    let text = stdout_of(&["ceu", "status", &p]);
    assert!(text.contains("`coderpath ceu add`"), "{text}");
}

#[test]
fn the_marks_of_code_never_reach_an_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "p.yaml", &format!("name: Ann\n{CPC}"));
    let runs: Vec<Vec<&str>> = vec![
        vec!["ceu", "status", &p],
        vec!["ceu", "status", &p, "--format", "json"],
        vec!["ceu", "status", &p, "--format", "context"],
        vec!["ceu", "calendar", &p],
        vec!["plan", &p, "--format", "md"],
        vec!["plan", &p, "--format", "json"],
        vec!["data", "show", "nothing-has-this-id"],
        vec!["plan", "examples/aspiring.yaml", "--format", "html"],
    ];
    for args in runs {
        let out = common::coderpath().args(&args).output().unwrap();
        for stream in [&out.stdout, &out.stderr] {
            let s = String::from_utf8_lossy(stream);
            assert!(!s.contains(['\u{fdd0}', '\u{fdd1}']), "{args:?}: {s}");
        }
    }
}

/// The UIDs of the events in the calendar of `profile`, each checked to be plain ASCII.
fn uids(profile: &str) -> HashSet<String> {
    use icalendar::Component;
    let ics = stdout_of(&["ceu", "calendar", profile]);
    let cal: icalendar::Calendar = ics.parse().unwrap();
    let uids: HashSet<String> = cal
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    assert!(!uids.is_empty());
    for uid in &uids {
        assert!(
            uid.is_ascii() && !uid.contains([';', ',', '\\', ' ']),
            "{uid}"
        );
    }
    uids
}

#[test]
fn calendar_uids_tell_two_names_apart_that_differ_only_by_an_accent() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen: Vec<HashSet<String>> = Vec::new();
    for (file, name) in [
        ("a.yaml", "José Núñez"),
        ("b.yaml", "Josè Núñez"),
        ("c.yaml", "Jose Nunez"),
    ] {
        let these = uids(&write(dir.path(), file, &format!("name: {name}\n{CPC}")));
        for other in &seen {
            assert!(these.is_disjoint(other), "{name}: {these:?} {other:?}");
        }
        seen.push(these);
    }
    assert!(
        seen[0]
            .iter()
            .all(|u| u.ends_with(".jos%C3%A9-n%C3%BA%C3%B1ez@coderpath")),
        "{:?}",
        seen[0]
    );
    // The same inputs give the same UIDs.
    assert_eq!(
        uids(&dir.path().join("a.yaml").display().to_string()),
        seen[0]
    );
}

/// Every reminder lies ahead of `--as-of`, a deadline two days away still gets one, and the
/// monthly pace reminder falls on a day every month has (RFC 5545 skips months without it).
#[test]
fn calendar_reminders_lie_ahead_and_the_monthly_one_fits_every_month() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("late.yaml");
    std::fs::write(
        &profile,
        "name: L\neducation: associate\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2019-04-02 }]\naapc_renewal: 2026-08-31\nceu_log: late.ceus.yaml\nceu_log_since: 2024-09-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("late.ceus.yaml"),
        "- { date: 2025-01-10, title: a, provider: AAPC, ceus: 5, aapc_index: C1 }\n",
    )
    .unwrap();
    let run = |as_of: &str| {
        let out = assert_cmd::Command::cargo_bin("coderpath")
            .unwrap()
            .args(["--as-of", as_of, "ceu", "calendar"])
            .arg(&profile)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    // Overdue until 2026-11-29: its reminder is the day before, not weeks in the past.
    let text = run("2026-11-27");
    let revocation = text
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("DTSTART;VALUE=DATE:20261129"))
        .expect("the last day before revocation");
    assert!(
        revocation.contains("TRIGGER;RELATED=START:-P1D"),
        "{revocation}"
    );
    for event in text.split("BEGIN:VEVENT").skip(1) {
        let start = event.split("DTSTART;VALUE=DATE:").nth(1).unwrap();
        let start = chrono::NaiveDate::parse_from_str(&start[..8], "%Y%m%d").unwrap();
        for trigger in event.split("TRIGGER;RELATED=START:-P").skip(1) {
            let days: u64 = trigger.split('D').next().unwrap().parse().unwrap();
            let at = start - chrono::Days::new(days);
            assert!(
                at > chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
                "{event}"
            );
        }
    }
    // Behind on the 31st: monthly reminders start on the 1st.
    std::fs::write(
        &profile,
        "name: L\neducation: associate\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2019-04-02 }]\naapc_renewal: 2028-08-31\nceu_log: late.ceus.yaml\nceu_log_since: 2026-09-01\n",
    )
    .unwrap();
    let text = run("2028-01-31");
    let pace = text
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("RRULE:FREQ=MONTHLY"))
        .expect("a monthly pace reminder");
    assert!(pace.contains("DTSTART;VALUE=DATE:20280201"), "{pace}");
}

/// The day after a deadline the log cannot judge, the calendar keeps the last day before
/// revocation, should that cycle have been missed.
#[test]
fn calendar_keeps_the_revocation_date_of_an_unknown_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let profile = write(
        dir.path(),
        "k.yaml",
        "name: K\neducation: associate\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2022-08-05 }]\naapc_renewal: 2027-01-31\nceu_log: k.ceus.yaml\n",
    );
    write(
        dir.path(),
        "k.ceus.yaml",
        "- { date: 2025-09-12, title: E/M, provider: AAPC, ceus: 6, aapc_index: A1 }\n",
    );
    let out = assert_cmd::Command::cargo_bin("coderpath")
        .unwrap()
        .args(["--as-of", "2027-02-01", "ceu", "calendar", &profile])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap().replace("\r\n ", "");
    let event = text
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("if the cycle that ended 2027-01-31 was not met"))
        .expect("the revocation date of the unknown cycle");
    assert!(event.contains("DTSTART;VALUE=DATE:20270501"), "{event}");
}
