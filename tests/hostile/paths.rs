//! Paths inside person files that lead outside their folder: refused (located, naming the
//! field and `--allow-outside`), never read, never copied into a report.

use super::scratch::{ASPIRING, CERTIFIED, SECRET, Scratch};

const FLAG: &str = "--allow-outside";

#[test]
fn h01_ceu_log_climbing_out_is_refused() {
    let s = Scratch::new();
    s.write(
        "p.yaml",
        &CERTIFIED.replace("p.ceus.yaml", "../outside/secret.ceus.yaml"),
    );
    let out = s.run(
        &["ceu", "status", "p.yaml"],
        2,
        &[
            "p.yaml:5:10",
            "ceu_log `../outside/secret.ceus.yaml` leaves",
            FLAG,
        ],
    );
    assert!(out.stdout.is_empty());
    // With the flag the log is followed (the user asked for it).
    let out = s.run(
        &["ceu", "status", "p.yaml", "--format", "json", FLAG],
        0,
        &[],
    );
    assert!(!out.stdout.is_empty());
}

#[test]
fn h02_absolute_ceu_log_in_a_roster_fails_that_client_only() {
    let s = Scratch::new();
    let abs = s.outside.join("secret.ceus.yaml");
    s.write(
        "clients/evil.yaml",
        &CERTIFIED.replace("p.ceus.yaml", &abs.display().to_string()),
    );
    s.write("clients/good.yaml", &format!("name: Good\n{ASPIRING}"));
    s.write(
        "roster.yaml",
        "counsellor: C\nclients: [\"clients/*.yaml\"]\n",
    );
    s.run(
        &["report", "roster.yaml", "--out", "out"],
        1,
        &["evil.yaml:5:10", "leaves the folder clients"],
    );
    let index = &s.written()["out/index.html"];
    assert!(index.contains("Clients that could not be reported (1)"));
    assert!(s.dir.join("out/clients/good.html").is_file());
    s.assert_no_secret();
}

#[test]
fn h03_ceu_log_linked_out_of_the_folder_is_refused() {
    let s = Scratch::new();
    s.write("p.yaml", CERTIFIED);
    std::os::unix::fs::symlink(
        s.outside.join("secret.ceus.yaml"),
        s.dir.join("p.ceus.yaml"),
    )
    .unwrap();
    s.run(
        &["ceu", "check", "p.yaml"],
        2,
        &[
            "p.yaml:5:10",
            "ceu_log `p.ceus.yaml` is a link to",
            "outside",
            FLAG,
        ],
    );
    s.run(&["profile", "check", "p.yaml"], 1, &["is a link to", FLAG]);
}

#[test]
fn h04_roster_entry_outside_is_never_followed() {
    let s = Scratch::new();
    s.write(
        "roster.yaml",
        "counsellor: C\nclients:\n  - ../outside/secret.yaml\n  - /etc/passwd\n",
    );
    // Each entry is a failed client with its located problem; nothing outside is read.
    s.run(
        &["report", "roster.yaml", "--out", "out"],
        1,
        &[
            "roster.yaml:3:5",
            "client path `../outside/secret.yaml` leaves",
            "roster.yaml:4:5",
            "client path `/etc/passwd` leaves",
            FLAG,
        ],
    );
    let index = std::fs::read_to_string(s.dir.join("out/index.html")).unwrap();
    assert!(index.contains("client path `../outside/secret.yaml` leaves"));
    s.assert_no_secret();
}

#[test]
fn h05_globs_cannot_walk_above_the_roster() {
    let s = Scratch::new();
    for pattern in [
        "../**",
        "/**",
        "../outside/*.yaml",
        "sub/../../outside/*.yaml",
    ] {
        s.write("roster.yaml", &format!("clients: [\"{pattern}\"]\n"));
        s.run(
            &["report", "roster.yaml", "--out", "out"],
            1,
            &["roster.yaml:1:11", "client path `", "leaves", FLAG],
        );
    }
    s.assert_no_secret();
}

#[test]
fn h06_a_glob_match_linked_outside_is_refused() {
    let s = Scratch::new();
    s.write("clients/good.yaml", &format!("name: Good\n{ASPIRING}"));
    std::os::unix::fs::symlink(s.outside.join("secret.yaml"), s.dir.join("clients/z.yaml"))
        .unwrap();
    std::os::unix::fs::symlink(&s.outside, s.dir.join("clients/up")).unwrap();
    s.write("roster.yaml", "clients: [\"clients/**/*.yaml\"]\n");
    s.run(
        &["report", "roster.yaml", "--out", "out"],
        1,
        &["roster.yaml:1:11", "z.yaml` is a link to", FLAG],
    );
    assert!(
        s.dir.join("out/clients/good.html").is_file(),
        "the good client is reported"
    );
    s.assert_no_secret();
}

#[test]
fn h07_a_certificate_outside_the_log_folder_is_a_problem_not_a_probe() {
    let s = Scratch::new();
    s.certified();
    s.write(
        "p.ceus.yaml",
        "- date: 2026-01-05\n  title: Webinar\n  provider: AAPC\n  ceus: 1\n  aapc_index: A1\n  certificate: ../outside/secret.txt\n- date: 2026-01-06\n  title: Other\n  provider: AAPC\n  ceus: 1\n  aapc_index: A2\n  certificate: /nonexistent/cert.pdf\n",
    );
    let out = s.run(
        &["ceu", "check", "p.yaml"],
        1,
        &[
            "p.ceus.yaml:1:1",
            "certificate `../outside/secret.txt` leaves",
            "p.ceus.yaml:7:1",
            "certificate `/nonexistent/cert.pdf` leaves",
            FLAG,
        ],
    );
    // Outside certificates are not looked at, so no "does not exist" for them.
    assert!(!String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn h08_ceu_add_refuses_a_certificate_outside_the_log_folder() {
    let s = Scratch::new();
    let (_, log) = s.certified();
    s.run(
        &[
            "ceu",
            "add",
            "p.ceus.yaml",
            "--date",
            "2026-02-01",
            "--title",
            "T",
            "--provider",
            "AAPC",
            "--ceus",
            "1",
            "--certificate",
            "/etc/passwd",
        ],
        2,
        &[
            "--certificate /etc/passwd: is outside the current folder",
            FLAG,
        ],
    );
    assert_eq!(std::fs::read_to_string(log).unwrap(), super::scratch::LOG);
}

#[test]
fn h09_a_directory_run_does_not_follow_links_out_of_it() {
    let s = Scratch::new();
    s.write("clients/good.yaml", &format!("name: Good\n{ASPIRING}"));
    std::os::unix::fs::symlink(s.outside.join("secret.yaml"), s.dir.join("clients/x.yaml"))
        .unwrap();
    s.run(
        &["report", "clients", "--out", "out"],
        1,
        &["x.yaml", "is a link to", FLAG],
    );
    let index = &s.written()["out/index.html"];
    assert!(index.contains("Clients that could not be reported (1)"));
    assert!(!index.contains(SECRET));
    s.assert_no_secret();
}
