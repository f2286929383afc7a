//! `report` over a folder tree (subfolders read, folders not read named on stderr and in the
//! overview) and `report` interrupted (Ctrl-C leaves no temporary files and exits 130; a
//! later run finishes the job and clears what an earlier, killed run left).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command as Std, Stdio};
use std::time::{Duration, Instant};

use common::coderpath;

/// The names of coderpath's temporary files anywhere under `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().contains(".coderpath-tmp-") {
                out.push(p);
            }
        }
    }
    out
}

fn copy_example(name: &str, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    std::fs::copy(format!("examples/{name}"), to.join(name)).unwrap();
}

#[test]
fn a_folder_is_read_with_its_subfolders_and_a_folder_not_read_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("clients");
    copy_example("aspiring.yaml", &top);
    copy_example("certified.yaml", &top.join("spring/daniel"));
    copy_example("certified.ceus.yaml", &top.join("spring/daniel"));
    copy_example("dual.yaml", &top.join(".archive"));
    let elsewhere = dir.path().join("elsewhere");
    copy_example("dual.yaml", &elsewhere);
    copy_example("dual.ceus.yaml", &elsewhere);
    std::os::unix::fs::symlink(&elsewhere, top.join("linked")).unwrap();
    let out = dir.path().join("out");
    let run = coderpath()
        .arg("report")
        .arg(&top)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    // The client in a subfolder is reported; the hidden folder is passed over like a
    // hidden file; the linked folder is named, with how to include it.
    assert!(out.join("clients/daniel-okafor.html").is_file());
    assert!(out.join("clients/maya-thompson.html").is_file());
    assert!(!out.join("clients/rosa-delgado.html").exists());
    assert!(
        stderr.contains("warning: The folder `linked/` was not read")
            && stderr.contains("`clients: [\"linked/*.yaml\"]`"),
        "{stderr}"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("<h2 id=\"notes\">Notes</h2>")
            && index.contains("The folder <code>linked/</code> was not read"),
        "{index}"
    );
    assert!(index.contains("spring/daniel/certified.yaml"), "{index}");
}

/// The PID of a child as libc wants it.
fn pid(child: &std::process::Child) -> libc::pid_t {
    libc::pid_t::try_from(child.id()).unwrap()
}

/// Starts `report` on a generated roster of `clients`, waits for its first client page,
/// and stops it there (SIGSTOP); gives the process and the roster. `None` if it finished
/// before it could be stopped.
fn stopped_midway(dir: &Path, clients: usize) -> Option<(std::process::Child, PathBuf)> {
    let roster = dir.join(format!("roster-{clients}"));
    coderpath()
        .args(["gen-roster", &clients.to_string()])
        .arg(&roster)
        .assert()
        .success();
    let out = dir.join("out");
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("coderpath"))
        .args(["--as-of", common::AS_OF, "report", "--jobs", "2", "--out"])
        .arg(&out)
        .arg(roster.join("roster.yaml"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::fs::read_dir(out.join("clients")).map_or(true, |mut d| d.next().is_none())
        && start.elapsed() < Duration::from_secs(120)
        && child.try_wait().unwrap().is_none()
    {
        std::thread::sleep(Duration::from_millis(5));
    }
    // SAFETY: signalling and waiting for our own child; `status` is written by waitpid.
    let stopped = unsafe {
        libc::kill(pid(&child), libc::SIGSTOP);
        let mut status = 0;
        // Returns once the child has stopped, or has exited (then it is reaped here).
        libc::waitpid(pid(&child), &mut status, libc::WUNTRACED) == pid(&child)
            && libc::WIFSTOPPED(status)
    };
    if stopped {
        Some((child, roster.join("roster.yaml")))
    } else {
        std::fs::remove_dir_all(&out).unwrap();
        None
    }
}

#[test]
fn ctrl_c_during_a_report_leaves_no_temporary_files_and_a_later_run_finishes() {
    let dir = tempfile::tempdir().unwrap();
    // Stopped between the first page and the last, wherever that is, however fast the
    // machine: a roster that is done before it can be stopped is tried again, larger.
    let (child, roster) = [200, 2000, 20000]
        .into_iter()
        .find_map(|n| stopped_midway(dir.path(), n))
        .expect("a report of 20000 clients ran to its end before it could be stopped");
    // SAFETY: signalling our own (stopped) child: Ctrl-C, then let it go on.
    unsafe {
        libc::kill(pid(&child), libc::SIGINT);
        libc::kill(pid(&child), libc::SIGCONT);
    }
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("error: interrupted"), "{stderr}");
    let out = dir.path().join("out");
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
    // A temporary file an earlier run left when it was killed outright (its process gone)
    // is removed by the next run, which writes every page.
    let mut gone = Std::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let left = out.join(format!("clients/.x.html.coderpath-tmp-{dead}-abc123"));
    std::fs::write(&left, "half").unwrap();
    coderpath()
        .args(["report", "-q", "--out"])
        .arg(&out)
        .arg(&roster)
        .assert()
        .code(0);
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
    assert!(out.join("index.html").is_file());
}

#[test]
fn a_folder_a_killed_first_run_left_is_taken_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("clients")).unwrap();
    let mut gone = Std::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    for f in [
        format!(".coderpath-report.coderpath-tmp-{dead}-abc123"),
        format!("clients/.maya-thompson.html.coderpath-tmp-{dead}-def456"),
    ] {
        std::fs::write(out.join(f), "half").unwrap();
    }
    coderpath()
        .args(["report", "-q", "examples/roster.yaml", "--out"])
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
    assert!(out.join("clients/maya-thompson.html").is_file());
}

/// `--format json` (or `--json`) adds a JSON page per client beside the HTML and Markdown.
#[test]
fn format_json_adds_a_json_page_per_client() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("clients");
    copy_example("aspiring.yaml", &top);
    for flags in [&["--format", "json"][..], &["--json"], &[]] {
        let out = dir.path().join(format!("out{}", flags.len()));
        let run = coderpath()
            .arg("report")
            .arg(&top)
            .arg("-o")
            .arg(&out)
            .args(flags)
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
        let mut pages: Vec<String> = std::fs::read_dir(out.join("clients"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        pages.sort();
        let json = pages.iter().any(|p| p.ends_with(".json"));
        assert_eq!(json, !flags.is_empty(), "{flags:?}: {pages:?}");
        if json {
            let page = pages.iter().find(|p| p.ends_with(".json")).unwrap();
            let text = std::fs::read_to_string(out.join("clients").join(page)).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(v["plan"].is_object(), "{text}");
        }
    }
}

/// A client whose profile reads but whose CEU log is missing is named by the profile, and
/// the error reads the same wherever the report runs from.
#[test]
fn a_missing_log_names_the_client_and_reads_the_same_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("clients/sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        sub.join("bad.yaml"),
        "name: Broken Bob\neducation: high_school\nceu_log: missing.ceus.yaml\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("roster.yaml"),
        "clients: [\"clients/*/*.yaml\"]\n",
    )
    .unwrap();
    let mut csvs = Vec::new();
    for (cwd, roster) in [
        (dir.path().to_path_buf(), "roster.yaml"),
        (sub.clone(), "../../roster.yaml"),
    ] {
        let out = dir.path().join(format!("out{}", csvs.len()));
        let run = coderpath()
            .current_dir(&cwd)
            .args(["report", roster, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "{run:?}");
        csvs.push(std::fs::read_to_string(out.join("summary.csv")).unwrap());
    }
    assert_eq!(csvs[0], csvs[1]);
    assert!(csvs[0].contains("Broken Bob"), "{}", csvs[0]);
    assert!(
        csvs[0].contains("clients/sub/bad.yaml:3:10: CEU log `missing.ceus.yaml` does not exist"),
        "{}",
        csvs[0]
    );
}

/// The day after a deadline the log cannot judge (logging began inside the cycle), the
/// overview still lists the last day before revocation, should that cycle have been missed.
#[test]
fn an_unknown_ended_cycle_keeps_its_revocation_date_in_the_overview() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().join("clients");
    std::fs::create_dir_all(&top).unwrap();
    std::fs::write(
        top.join("k.yaml"),
        "name: Kwame\neducation: associate\nmemberships: [AAPC]\ncredentials: [{ id: CPC, earned: 2022-08-05 }]\naapc_renewal: 2027-01-31\nceu_log: k.ceus.yaml\n",
    )
    .unwrap();
    std::fs::write(
        top.join("k.ceus.yaml"),
        "- { date: 2025-09-12, title: E/M, provider: AAPC, ceus: 6, aapc_index: A1 }\n- { date: 2026-04-22, title: RA, provider: AAPC, ceus: 10, aapc_index: A2 }\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = assert_cmd::Command::cargo_bin("coderpath")
        .unwrap()
        .args(["--as-of", "2027-02-01", "report"])
        .arg(&top)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("2027-05-01")
            && index.contains("last day before revocation if the cycle that ended 2027-01-31 was not met (16 of 36 logged)"),
        "{index}"
    );
}
