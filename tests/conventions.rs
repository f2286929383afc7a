//! What users expect of a command-line tool: help with examples, completions, a man page,
//! starter files, template override and eject, colour switches, quiet closed pipes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::io::Read;
use std::process::{Command as Std, Stdio};

use clap::CommandFactory;
use coderpath::cli::Cli;
use common::{coderpath, stdout_of};

#[test]
fn every_subcommand_has_a_purpose_and_an_example() {
    fn walk(cmd: &clap::Command, path: String, out: &mut Vec<String>) {
        for sub in cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        {
            let name = format!("{path} {}", sub.get_name());
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            if about.is_empty() || about.contains('\n') {
                out.push(format!("{name}: no one-line purpose"));
            }
            if !sub
                .get_after_help()
                .is_some_and(|h| h.to_string().contains("Example"))
            {
                out.push(format!("{name}: no example"));
            }
            walk(sub, name, out);
        }
    }
    let mut problems = Vec::new();
    walk(&Cli::command(), "coderpath".into(), &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
    let help = stdout_of(&["plan", "--help"]);
    assert!(
        help.contains("Examples:\n  coderpath plan examples/aspiring.yaml"),
        "{help}"
    );
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = stdout_of(&["completions", shell]);
        assert!(
            out.contains("coderpath") && out.contains("what-if"),
            "{shell}"
        );
    }
    let man = stdout_of(&["man"]);
    assert!(
        man.contains(".TH coderpath 1") && man.contains(".SH NAME"),
        "{man}"
    );
}

#[test]
fn init_writes_starters_that_validate_and_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, file) in [
        ("aspiring", "a.yaml"),
        ("certified", "c.yaml"),
        ("roster", "team/roster.yaml"),
    ] {
        let path = dir.path().join(file);
        coderpath().args(["init", kind]).arg(&path).assert().code(0);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# "), "commented starter");
        // Its opening comment runs the command on the file as it was named.
        let first_command = text.lines().nth(1).unwrap();
        assert!(
            first_command.contains(&format!(" {}", path.display())),
            "{first_command}"
        );
        coderpath()
            .args(["profile", "check"])
            .arg(&path)
            .assert()
            .code(0)
            .stderr("");
        let before = std::fs::read(&path).unwrap();
        coderpath()
            .args(["init", kind])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("exists; add --force"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
        coderpath()
            .args(["init", kind, "--force"])
            .arg(&path)
            .assert()
            .code(0);
    }
    coderpath()
        .args(["plan"])
        .arg(dir.path().join("a.yaml"))
        .assert()
        .code(0);
    coderpath()
        .args(["ceu", "status"])
        .arg(dir.path().join("c.yaml"))
        .assert()
        .code(0);
    // The roster's first client names itself in the command its comment gives.
    let client = dir.path().join("team/clients/first-client.yaml");
    let text = std::fs::read_to_string(&client).unwrap();
    assert!(
        text.contains(&format!("coderpath plan {}\n", client.display())),
        "{text}"
    );
}

#[test]
fn templates_eject_and_override_by_name_with_fallback() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    coderpath()
        .args(["templates", "eject"])
        .arg(&tpl)
        .assert()
        .code(0);
    for name in [
        "plan.md",
        "plan.html",
        "status.md",
        "status.html",
        "layout.html",
        "index.html",
        "list.md",
        "readiness.md",
        "readiness.html",
    ] {
        assert!(tpl.join(name).is_file(), "{name}");
    }
    coderpath()
        .args(["templates", "eject"])
        .arg(&tpl)
        .assert()
        .code(2);
    // Override only plan.md; everything else falls back to the embedded templates.
    let only = dir.path().join("only");
    std::fs::create_dir(&only).unwrap();
    std::fs::write(
        only.join("plan.md"),
        "Plan for {{ person }}: {{ milestones | length }} milestones\n",
    )
    .unwrap();
    let md = stdout_of(&[
        "--templates",
        only.to_str().unwrap(),
        "plan",
        "examples/aspiring.yaml",
        "--format",
        "md",
    ]);
    assert_eq!(md, "Plan for Maya Thompson: 11 milestones\n");
    let html = stdout_of(&[
        "--templates",
        only.to_str().unwrap(),
        "plan",
        "examples/aspiring.yaml",
        "--format",
        "html",
    ]);
    assert!(html.starts_with("<!DOCTYPE html>"));
}

#[test]
fn a_broken_template_is_located_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.html"), "<p>\n{{ person \n</p>\n").unwrap();
    let out = dir.path().join("roadmap.html");
    coderpath()
        .args([
            "--templates",
            dir.path().to_str().unwrap(),
            "plan",
            "examples/aspiring.yaml",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicates::str::contains("plan.html:3:1")
                .and(predicates::str::contains("expected }}")),
        );
    assert!(!out.exists());
}

#[test]
fn the_template_context_is_printable() {
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "plan",
        "examples/aspiring.yaml",
        "--format",
        "context",
    ]))
    .unwrap();
    assert_eq!(v["person"], "Maya Thompson");
    assert!(v["timeline"]["bars"].is_array());
    let s: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "ceu",
        "status",
        "examples/dual.yaml",
        "--format",
        "context",
    ]))
    .unwrap();
    assert_eq!(s["bodies"][0]["body"], "AAPC");
}

#[test]
fn colour_only_when_asked() {
    let plain = coderpath()
        .args(["profile", "check", "tests/hostile/p07_unknown_key.yaml"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stderr).contains('\u{1b}'));
    let forced = coderpath()
        .args([
            "--color",
            "always",
            "profile",
            "check",
            "tests/hostile/p07_unknown_key.yaml",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stderr).contains('\u{1b}'));
    let list = coderpath()
        .args(["--color", "always", "data", "list", "careers"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains('\u{1b}'));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // A log whose status lists thousands of rejected entries: far more than a pipe holds.
    let dir = tempfile::tempdir().unwrap();
    let mut log = String::new();
    for i in 0..3000 {
        log.push_str(&format!("- date: 2026-01-05\n  title: \"Unapproved course number {i}\"\n  provider: Nobody\n  ceus: 1\n"));
    }
    std::fs::write(dir.path().join("p.ceus.yaml"), log).unwrap();
    std::fs::write(dir.path().join("p.yaml"), "name: P\neducation: certificate\ncredentials: [{ id: CPC, earned: 2024-01-10 }]\naapc_renewal: 2025-05-31\nceu_log: p.ceus.yaml\n").unwrap();
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("coderpath"))
        .args([
            "--as-of",
            common::AS_OF,
            "ceu",
            "status",
            "--format",
            "json",
        ])
        .arg(dir.path().join("p.yaml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then drop: the pipe closes
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

use predicates::prelude::PredicateBooleanExt;
