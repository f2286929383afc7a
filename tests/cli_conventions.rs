//! Conventions and discoverability: help headings, `-q` and `-v`, `data show`, the default
//! profile, man pages for every command, completions that offer the data's ids.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::path::{Path, PathBuf};

use common::{coderpath, stdout_of};
use serde_json::Value;

/// A path inside the repository (for runs from another working directory).
fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Stdout and stderr of a run that must exit with `code`.
fn run(cmd: &mut assert_cmd::Command, code: i32) -> (String, String) {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

/// A data folder whose credentials.yaml is the embedded one dated 2020-01-01.
fn stale_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo("data/credentials.yaml")).unwrap();
    assert!(text.contains("\nas_of: 2026-11-27\n"));
    std::fs::write(
        dir.path().join("credentials.yaml"),
        text.replace("\nas_of: 2026-11-27\n", "\nas_of: 2020-01-01\n"),
    )
    .unwrap();
    dir
}

/// The section of a help text under `heading`, up to the next heading (an unindented line).
fn section<'a>(help: &'a str, heading: &str) -> &'a str {
    let start = help
        .find(&format!("\n{heading}:\n"))
        .unwrap_or_else(|| panic!("no `{heading}:` heading in\n{help}"))
        + heading.len()
        + 3;
    let rest = &help[start..];
    let end = rest
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| rest[i..].starts_with(|c: char| !c.is_whitespace()))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn global_and_template_options_have_their_own_headings() {
    for args in [
        &["plan", "--help"][..],
        &["ceu", "status", "--help"],
        &["ceu", "add", "--help"],
        &["data", "show", "--help"],
    ] {
        let help = stdout_of(args);
        let global = section(&help, "Global options");
        for flag in [
            "--as-of",
            "--data-dir",
            "-q, --quiet",
            "-v, --verbose",
            "--color",
            "--allow-outside",
        ] {
            assert!(global.contains(flag), "{args:?}: {flag} in\n{global}");
        }
        let own = section(&help, "Options");
        assert!(
            !own.contains("--as-of") && !own.contains("--templates"),
            "{args:?}: global options among the command's own:\n{own}"
        );
        let authors = section(&help, "Template authors");
        assert!(authors.contains("--templates <DIR>"), "{authors}");
    }
    // `--format context` is for template authors: documented there, not offered as a format.
    let help = stdout_of(&["plan", "--help"]);
    let options = section(&help, "Options")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        options.contains("[possible values: text, md, html, json]"),
        "{options}"
    );
    assert!(
        section(&help, "Template authors").contains("`--format context`"),
        "{help}"
    );
    let templates = stdout_of(&["templates", "--help"]);
    assert!(templates.contains("--format context"), "{templates}");
    // Hidden from the list, still accepted.
    let context = stdout_of(&["plan", "examples/aspiring.yaml", "--format", "context"]);
    assert!(serde_json::from_str::<Value>(&context).is_ok());
}

#[test]
fn quiet_keeps_the_output_and_drops_warnings_notes_and_summaries() {
    // Stale reference data: a warning, unless -q; the report is the same either way.
    let data = stale_data();
    let args = |quiet: bool| {
        let mut a = vec!["ceu", "status", "examples/certified.yaml", "--data-dir"];
        a.push(data.path().to_str().unwrap());
        if quiet {
            a.push("-q");
        }
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let (loud, warned) = run(coderpath().args(args(false)), 0);
    assert!(
        warned.contains("warning: reference data more than 2 years old")
            && warned.contains("credentials.yaml (2020-01-01)"),
        "{warned}"
    );
    let (quiet, said) = run(coderpath().args(args(true)), 0);
    assert_eq!(said, "");
    assert_eq!(quiet, loud);
    assert!(quiet.contains("Daniel Okafor"), "{quiet}");

    // A log given to `ceu add`: a note, unless -q; the entry is added either way.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("me.ceus.yaml");
    let add = |title: &str, quiet: bool| {
        let mut c = coderpath();
        c.args(["ceu", "add"])
            .arg(&log)
            .args(["--date", "2026-11-20", "--title", title])
            .args(["--provider", "AAPC", "--ceus", "1"]);
        if quiet {
            c.arg("-q");
        }
        c
    };
    let (_, noted) = run(&mut add("First", false), 0);
    assert!(
        noted.contains("note: ") && noted.contains("is a CEU log"),
        "{noted}"
    );
    let (out, said) = run(&mut add("Second", true), 0);
    assert_eq!(said, "");
    assert!(!out.is_empty(), "the requested output stays");
    let written = std::fs::read_to_string(&log).unwrap();
    assert!(
        written.contains("First") && written.contains("Second"),
        "{written}"
    );

    // A roster run: the summary table, unless -q; the reports are written either way.
    let out_dir = dir.path().join("reports");
    let (summary, _) = run(
        coderpath()
            .args(["report", "examples/roster.yaml", "--out"])
            .arg(&out_dir),
        0,
    );
    assert!(summary.contains("Clients"), "{summary}");
    std::fs::remove_dir_all(&out_dir).unwrap();
    let (nothing, said) = run(
        coderpath()
            .args(["report", "examples/roster.yaml", "-q", "--out"])
            .arg(&out_dir),
        0,
    );
    assert_eq!((nothing.as_str(), said.as_str()), ("", ""));
    assert!(out_dir.join("index.html").is_file());
}

#[test]
fn verbose_names_the_files_rulebooks_and_assumptions_used() {
    let plain = stdout_of(&["plan", "examples/aspiring.yaml"]);
    let (out, said) = run(
        coderpath().args(["plan", "examples/aspiring.yaml", "-v"]),
        0,
    );
    assert_eq!(out, plain, "-v changes only stderr");
    for line in [
        "reference data: the embedded files\n",
        "  credentials.yaml: embedded (as of 2026-11-27)\n",
        "  renewal_rules.yaml: embedded (as of 2026-11-27)\n",
        "profile: examples/aspiring.yaml\n",
        "assumption: Weeks of exam preparation: 6 — ",
        "assumption: Months to find a first job: 3 — ",
    ] {
        assert!(said.contains(line), "`{line}` in\n{said}");
    }

    let (_, said) = run(
        coderpath().args(["ceu", "status", "examples/dual.yaml", "-v"]),
        0,
    );
    for line in [
        "profile: examples/dual.yaml\n",
        "CEU log: examples/dual.ceus.yaml\n",
        "rulebook for the AAPC cycle ",
        "rulebook for the AHIMA cycle ",
        ": ahima-2025 (cycles starting from 2025-01-01)",
    ] {
        assert!(said.contains(line), "`{line}` in\n{said}");
    }

    let (_, said) = run(
        coderpath().args([
            "ceu",
            "add",
            "examples/certified.yaml",
            "-v",
            "--dry-run",
            "--date",
            "2026-11-20",
            "--title",
            "T",
            "--provider",
            "P",
            "--ceus",
            "1",
        ]),
        0,
    );
    assert!(
        said.contains("profile: examples/certified.yaml\n")
            && said.contains("CEU log: examples/certified.ceus.yaml\n"),
        "{said}"
    );

    // A data folder: each file it holds is named, the others are embedded.
    let data = stale_data();
    let (_, said) = run(
        coderpath()
            .args([
                "ceu",
                "status",
                "examples/certified.yaml",
                "-v",
                "--data-dir",
            ])
            .arg(data.path()),
        0,
    );
    let replaced = format!(
        "  credentials.yaml: {} (as of 2020-01-01)\n",
        data.path().join("credentials.yaml").display()
    );
    assert!(said.contains(&replaced), "`{replaced}` in\n{said}");
    assert!(
        said.contains("  settings.yaml: embedded (as of 2026-11-27)\n"),
        "{said}"
    );
}

#[test]
fn data_show_gives_one_record_with_its_sources() {
    let text = stdout_of(&["data", "show", "CPC"]);
    for part in [
        "CPC: Certified Professional Coder\nA credential, from data/credentials.yaml (embedded).",
        "Exam fees",
        "Apprentice designation",
        "Sources (",
        "https://www.aapc.com/",
    ] {
        assert!(text.contains(part), "`{part}` in\n{text}");
    }
    // Related records by name, with their ids.
    let crc = stdout_of(&["data", "show", "CRC", "--format", "md"]);
    assert!(
        crc.contains("AAPC CRC preparation course (aapc\\_crc\\_course)"),
        "{crc}"
    );
    let json: Value =
        serde_json::from_str(&stdout_of(&["data", "show", "CPC", "-f", "json"])).expect("JSON");
    assert_eq!(json["kind"], "credential");
    assert_eq!(json["record"]["id"], "CPC");
    let sources = json["record"]["sources"].as_array().expect("sources");
    assert!(
        !sources.is_empty() && sources.iter().all(|s| s["title"].is_string()),
        "{json}"
    );

    let md = stdout_of(&["data", "show", "physician_office", "--format", "md"]);
    assert!(
        md.starts_with("# physician\\_office: Physician office\n") && md.contains("## Sources"),
        "{md}"
    );
    assert!(
        md.contains("| Credentials (best first) | CPC, CCA, CCS-P |"),
        "{md}"
    );

    // Every kind is found by its id.
    for (id, kind) in [
        ("aapc_cpc_course", "A programme"),
        ("auditing", "A career"),
        ("cpt", "A competency"),
        ("registered_nurse", "A background"),
    ] {
        let text = stdout_of(&["data", "show", id]);
        assert!(text.contains(kind), "{id}: {text}");
    }

    let out = coderpath().args(["data", "show", "CPCC"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("CPCC") && err.contains("did you mean CPC?"),
        "{err}"
    );
    let err = String::from_utf8_lossy(
        &coderpath()
            .args(["data", "show", "CPC", "--kind", "setting"])
            .output()
            .unwrap()
            .stderr,
    )
    .into_owned();
    assert!(err.contains("no setting has this id"), "{err}");
}

#[test]
fn settings_list_their_credentials_and_competencies_are_listed() {
    let settings = stdout_of(&["data", "list", "settings", "--format", "csv"]);
    assert!(
        settings.contains("Credentials (best first)")
            && settings.contains("physician_office,Physician office,\"CPC, CCA, CCS-P\""),
        "{settings}"
    );
    assert!(settings.contains("Competencies it needs"), "{settings}");
    let competencies = stdout_of(&["data", "list", "competencies"]);
    assert!(
        competencies.contains("CPT procedure coding") && competencies.contains("Taught by"),
        "{competencies}"
    );
}

/// A folder holding the certified example as `profile.yaml`, with its log.
fn folder_with_profile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("examples/certified.yaml"),
        dir.path().join("profile.yaml"),
    )
    .unwrap();
    std::fs::copy(
        repo("examples/certified.ceus.yaml"),
        dir.path().join("certified.ceus.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn a_left_out_profile_comes_from_the_environment_or_the_folder() {
    let explicit = stdout_of(&["ceu", "status", "examples/certified.yaml"]);
    // CODERPATH_PROFILE.
    let (from_env, _) = run(
        coderpath()
            .env("CODERPATH_PROFILE", "examples/certified.yaml")
            .args(["ceu", "status"]),
        0,
    );
    assert_eq!(from_env, explicit);
    // ./profile.yaml.
    let dir = folder_with_profile();
    let (here, _) = run(
        coderpath()
            .env_remove("CODERPATH_PROFILE")
            .current_dir(dir.path())
            .args(["ceu", "status"]),
        0,
    );
    assert_eq!(here, explicit);
    // An explicit PROFILE wins over both.
    let (aspiring, _) = run(
        coderpath()
            .env("CODERPATH_PROFILE", "nowhere.yaml")
            .current_dir(dir.path())
            .arg("readiness")
            .arg(repo("examples/aspiring.yaml")),
        0,
    );
    assert!(aspiring.contains("Maya Thompson"), "{aspiring}");
    // `ceu import FILE.csv`: one path is the CSV, the profile is the default one.
    std::fs::write(
        dir.path().join("export.csv"),
        "date,title,provider,ceus\n2026-11-02,Modifiers,AAPC,1.5\n",
    )
    .unwrap();
    let (dry, _) = run(
        coderpath()
            .env_remove("CODERPATH_PROFILE")
            .current_dir(dir.path())
            .args(["ceu", "import", "export.csv", "--dry-run"]),
        0,
    );
    assert!(dry.contains("Would import 1 of 1 row into"), "{dry}");

    // Neither: a usage error that names both ways.
    let empty = tempfile::tempdir().unwrap();
    for args in [
        &["plan"][..],
        &["readiness"],
        &["ceu", "status"],
        &["ceu", "check"],
        &["ceu", "calendar"],
        &["ceu", "what-if", "--add", "CRC"],
        &["ceu", "list"],
        &["ceu", "remove", "--line", "3"],
        &[
            "ceu",
            "add",
            "--date",
            "2026-11-20",
            "--title",
            "T",
            "--provider",
            "P",
            "--ceus",
            "1",
        ],
    ] {
        let (out, err) = run(
            coderpath()
                .env_remove("CODERPATH_PROFILE")
                .current_dir(empty.path())
                .args(args),
            2,
        );
        assert!(out.is_empty());
        assert!(
            err.contains("no profile given")
                && err.contains("CODERPATH_PROFILE")
                && err.contains("./profile.yaml"),
            "{args:?}: {err}"
        );
    }
    assert!(
        std::fs::read_dir(empty.path()).unwrap().next().is_none(),
        "nothing was written (`ceu add` did not make profile.yaml a log)"
    );
    let help = stdout_of(&["ceu", "list", "--help"]);
    assert!(
        help.contains("[env: CODERPATH_PROFILE=") && help.contains("[default: profile.yaml]"),
        "{help}"
    );
}

#[test]
fn man_out_writes_a_page_per_command_with_the_extra_sections() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man");
    coderpath()
        .args(["man", "--out"])
        .arg(&out)
        .assert()
        .code(0)
        .stdout("");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for page in [
        "coderpath.1",
        "coderpath-plan.1",
        "coderpath-readiness.1",
        "coderpath-ceu.1",
        "coderpath-ceu-status.1",
        "coderpath-ceu-what-if.1",
        "coderpath-data-show.1",
        "coderpath-man.1",
    ] {
        assert!(names.iter().any(|n| n == page), "{page} in {names:?}");
    }
    assert!(
        !names
            .iter()
            .any(|n| n.contains("gen-roster") || n.contains("help")),
        "{names:?}"
    );
    for name in &names {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        let stem = name.trim_end_matches(".1");
        assert!(text.contains(&format!(".TH {stem} 1 ")), "{name}");
        for part in [
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            "CODERPATH_PROFILE",
            "NO_COLOR",
            "COLUMNS",
            ".SH FILES",
            "profile.yaml",
            "*.ceus.yaml",
            "roster.yaml",
        ] {
            assert!(text.contains(part), "{name}: no `{part}`");
        }
        assert_eq!(text.matches(".ds Aq").count(), 2, "{name}: one preamble");
        // Every page another page refers to exists.
        for (i, _) in text.match_indices("coderpath\\-") {
            let rest = &text[i..];
            if let Some(end) = rest.find("(1)") {
                let page = rest[..end].replace("\\-", "-");
                if !page.contains(' ') {
                    assert!(
                        out.join(format!("{page}.1")).is_file(),
                        "{name} refers to {page}(1)"
                    );
                }
            }
        }
    }
    // Without --out: the top page on stdout, with the same sections.
    let top = stdout_of(&["man"]);
    assert!(
        top.starts_with(".ie") && top.contains(".TH coderpath 1") && top.contains("EXIT STATUS"),
        "{top}"
    );
    assert_eq!(
        top,
        std::fs::read_to_string(out.join("coderpath.1")).unwrap()
    );
}

/// The completion line of the first `case` arm for `flag` in a bash script.
fn offered<'a>(bash: &'a str, flag: &str) -> &'a str {
    bash.split(&format!(" {flag})\n"))
        .nth(1)
        .and_then(|r| r.lines().next())
        .unwrap_or_default()
}

#[test]
fn completions_offer_the_data_ids_and_parsing_still_takes_any() {
    let bash = stdout_of(&["completions", "bash"]);
    let target = offered(&bash, "--target");
    assert!(
        target.contains("compgen -W \"CPC ") && target.contains(" CCS-P "),
        "{target}"
    );
    assert!(
        offered(&bash, "--setting").contains("physician_office"),
        "{bash}"
    );
    assert!(offered(&bash, "--topic").contains(" cpt "), "{bash}");
    assert!(offered(&bash, "--body").contains("AAPC AHIMA"), "{bash}");
    for flag in ["--add", "--drop", "--prepares-for"] {
        assert!(offered(&bash, flag).contains(" CRC "), "{flag}");
    }
    let zsh = stdout_of(&["completions", "zsh"]);
    assert!(zsh.contains("physician_office"), "zsh");
    assert!(
        zsh.contains("::profile -- The person") && zsh.contains(":_files"),
        "PROFILE completes file names"
    );
    // The parser is not limited to the embedded ids: an unknown one reaches coderpath's own
    // check (with its hint), not clap's list of possible values.
    let out = coderpath()
        .args(["plan", "examples/aspiring.yaml", "--target", "CPX"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("did you mean CPC?") && !err.contains("possible values"),
        "{err}"
    );
}
