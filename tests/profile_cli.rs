//! `profile check` on the examples and on broken person files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use common::{assert_located, coderpath};

#[test]
fn examples_are_clean() {
    for f in [
        "aspiring.yaml",
        "certified.yaml",
        "dual.yaml",
        "roster.yaml",
        "certified.ceus.yaml",
    ] {
        coderpath()
            .args(["profile", "check"])
            .arg(format!("examples/{f}"))
            .assert()
            .code(0)
            .stdout("")
            .stderr("");
    }
}

/// (fixture, line:column, message, expected hint or "")
const BROKEN: &[(&str, &str, &str, &str)] = &[
    (
        "unknown_credential.yaml",
        "4:9",
        "unknown credential `CPCC`",
        "did you mean `CPC`?",
    ),
    (
        "misspelt_key.yaml",
        "2:1",
        "unknown key `eduction`",
        "did you mean `education`?",
    ),
    (
        "bad_education.yaml",
        "2:12",
        "education: unknown value `college`",
        "one of: none, high_school, certificate, associate, bachelor, master, ged",
    ),
    (
        "missing_log.yaml",
        "6:10",
        "does not exist",
        "the path of a log file, relative to the profile",
    ),
    ("empty.yaml", "1:1", "the file is empty", "a YAML document"),
    (
        "impossible_date.yaml",
        "5:13",
        "`2026-02-30` is not a real calendar date",
        "",
    ),
    (
        "bad_setting.yaml",
        "4:12",
        "unknown setting `physician_ofice`",
        "did you mean `physician_office`?",
    ),
    (
        "syntax.yaml",
        "1:7",
        "a quoted value runs on past its line (is the closing quote missing?)",
        "a closing quote",
    ),
    (
        "no_provider.ceus.yaml",
        "2:3",
        "entry lacks provider",
        "date, title, provider and ceus",
    ),
    (
        "negative.ceus.yaml",
        "4:9",
        "`-3` CEUs is not plausible",
        "more than 0 and at most 60",
    ),
    ("nan.ceus.yaml", "4:9", "`NaN` CEUs is not plausible", ""),
    (
        "unknown_topic.ceus.yaml",
        "5:12",
        "unknown topic `cptt`",
        "did you mean `cpt`?",
    ),
    (
        "bad_checkpoint.ceus.yaml",
        "1:15",
        "a checkpoint needs `body`",
        "body: AAPC or body: AHIMA",
    ),
    (
        "roster_missing.yaml",
        "3:5",
        "`clients/*.yaml` matches no file",
        "",
    ),
];

#[test]
fn each_broken_person_file_is_located_with_exit_1() {
    for (file, at, message, hint) in BROKEN {
        let path = format!("tests/fixtures/person/{file}");
        assert_located(
            &["profile", "check", &path],
            1,
            &format!("{path}:{at}"),
            &[message, hint],
        );
    }
}

#[test]
fn excerpt_shows_the_offending_line_with_a_caret() {
    coderpath()
        .args([
            "profile",
            "check",
            "tests/fixtures/person/unknown_credential.yaml",
        ])
        .assert()
        .code(1)
        .stderr(
            "error: unknown credential `CPCC`; did you mean `CPC`?\n \
             --> tests/fixtures/person/unknown_credential.yaml:4:9\n  |\n\
             4 |   - id: CPCC\n  |         ^^^^ expected one of: CPC, COC, CIC, CRC, CPB, CPMA, \
             CPPM, CDEO, CPCO, CIRCC, CEMC, CCC (and 9 more)\n\n",
        );
}

#[test]
fn unreadable_file_is_an_input_error() {
    coderpath()
        .args(["profile", "check", "tests/fixtures/person/nope.yaml"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "error: cannot read tests/fixtures/person/nope.yaml",
        ));
}

#[test]
fn a_roster_checks_its_clients() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("roster.yaml"),
        "counsellor: Pat\nclients: [\"*.profile.yaml\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.profile.yaml"),
        "name: A\neducation: high_school\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.profile.yaml"),
        "name: B\neducation: hgh_school\n",
    )
    .unwrap();
    let out = coderpath()
        .args(["profile", "check"])
        .arg(dir.path().join("roster.yaml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("b.profile.yaml:2:12"), "{stderr}");
    assert!(stderr.contains("did you mean `high_school`?"), "{stderr}");
    assert!(!stderr.contains("a.profile.yaml"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_roster_client_that_cannot_be_read_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink("b.yaml", d.join("a.yaml")).unwrap();
    std::os::unix::fs::symlink("a.yaml", d.join("b.yaml")).unwrap();
    std::os::unix::fs::symlink("gone.yaml", d.join("c.yaml")).unwrap();
    std::fs::create_dir(d.join("d.yaml")).unwrap();
    std::fs::write(
        d.join("roster.yaml"),
        "clients:\n  - a.yaml\n  - c.yaml\n  - d.yaml\n  - e.yaml\n",
    )
    .unwrap();
    let out = coderpath()
        .args(["profile", "check"])
        .arg(d.join("roster.yaml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for said in [
        "`a.yaml` cannot be read: it is a symbolic link that loops back on itself",
        "`c.yaml` cannot be read: it is a symbolic link to a file that does not exist",
        "`d.yaml` cannot be read: it is a folder",
        "`e.yaml` matches no file",
    ] {
        assert!(stderr.contains(said), "{said} in {stderr}");
    }
}

#[test]
fn enumerations_are_read_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.yaml");
    std::fs::write(
        &p,
        "name: M\neducation: GED\nmemberships: [aapc]\ntarget: { setting: physician_office }\npreferences: { delivery: [Online, ON_CAMPUS] }\n",
    )
    .unwrap();
    common::coderpath()
        .args(["profile", "check", p.to_str().unwrap()])
        .assert()
        .code(0);
}

/// A profile named on the command line and again by a roster is checked once, and a
/// roster's clients are named as typed (`clients/b.yaml`, not `./clients/b.yaml`).
#[test]
fn a_profile_named_twice_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("clients")).unwrap();
    common::write(dir.path(), "roster.yaml", "clients: [clients/*.yaml]\n");
    common::write(
        dir.path(),
        "clients/b.yaml",
        "name: B\neducation: hgh_school\n",
    );
    let out = coderpath()
        .current_dir(dir.path())
        .args(["profile", "check", "clients/b.yaml", "roster.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.matches("--> clients/b.yaml:2:12").count(),
        1,
        "{stderr}"
    );
    assert!(!stderr.contains("./clients"), "{stderr}");
}

/// A study preference names only ways of studying: a test centre (where exams are taken)
/// is not offered in the words it expects.
#[test]
fn a_study_preference_expects_only_ways_of_studying() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::write(
        dir.path(),
        "d.yaml",
        "name: D\neducation: high_school\npreferences:\n  delivery: [test_centre]\n",
    );
    let stderr = assert_located(
        &["profile", "check", &p],
        1,
        &format!("{p}:4:14"),
        &["unknown value `test_centre`"],
    );
    assert!(
        stderr.contains("expected one of: online, on_campus, on-campus"),
        "{stderr}"
    );
}

/// A CEU log given where a profile belongs is named for what it is.
#[test]
fn a_ceu_log_given_as_the_profile_is_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let log = common::write(
        dir.path(),
        "p.ceus.yaml",
        "# my CEUs\n- { date: 2026-01-01, title: a, provider: P, ceus: 1 }\n",
    );
    for command in [&["plan"][..], &["ceu", "status"], &["readiness"]] {
        let mut args = command.to_vec();
        args.push(&log);
        let stderr = assert_located(
            &args,
            2,
            &format!("{log}:2:1"),
            &["this file is a list (a CEU log?), not a profile"],
        );
        assert!(stderr.contains("`ceu_log:`"), "{stderr}");
    }
}
