//! Where coderpath writes: never replacing a FIFO, device, link or input; keeping mode and
//! owner; refusing read-only, hard-linked and other users' files.

use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use super::scratch::{ASPIRING, LOG, Scratch, as_nobody, mkfifo};

fn is_fifo(p: &Path) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(&std::fs::symlink_metadata(p).unwrap().file_type())
}

fn add(log: &str, title: &str) -> Vec<String> {
    [
        "ceu",
        "add",
        log,
        "--date",
        "2026-02-01",
        "--title",
        title,
        "--provider",
        "AAPC",
        "--ceus",
        "1",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn h10_a_fifo_nobody_reads_is_refused_not_replaced_or_waited_on() {
    let s = Scratch::new();
    s.write("a.yaml", &format!("name: A\n{ASPIRING}"));
    mkfifo(&s.dir.join("out.fifo"));
    for args in [
        ["plan", "a.yaml", "--format", "md", "-o", "out.fifo"],
        ["plan", "a.yaml", "--calendar", "out.fifo", "-o", "x.md"],
    ] {
        s.run(&args, 2, &["out.fifo is a FIFO that no program is reading"]);
        assert!(is_fifo(&s.dir.join("out.fifo")));
    }
    assert!(
        !s.dir.join("x.md").exists(),
        "nothing written when one output is refused"
    );
}

#[test]
fn h11_a_fifo_with_a_reader_is_written_through_like_stdout() {
    let s = Scratch::new();
    s.write("a.yaml", &format!("name: A\n{ASPIRING}"));
    let fifo = s.dir.join("out.fifo");
    mkfifo(&fifo);
    // Opening read-write never blocks on Linux and makes this test the reader.
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    s.run(
        &["plan", "a.yaml", "--format", "md", "-o", "out.fifo"],
        0,
        &[],
    );
    let mut got = Vec::new();
    let mut buf = [0u8; 65536];
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
    }
    assert!(String::from_utf8_lossy(&got).starts_with("# Roadmap for A"));
    assert!(is_fifo(&fifo), "the FIFO is still a FIFO");
}

#[test]
fn h12_a_log_that_is_a_fifo_or_folder_is_refused() {
    let s = Scratch::new();
    mkfifo(&s.dir.join("f.ceus.yaml"));
    s.run(&add("f.ceus.yaml", "T"), 2, &["f.ceus.yaml"]);
    assert!(is_fifo(&s.dir.join("f.ceus.yaml")));
    std::fs::create_dir(s.dir.join("d.ceus.yaml")).unwrap();
    s.run(&add("d.ceus.yaml", "T"), 2, &["d.ceus.yaml"]);
    s.write("a.yaml", &format!("name: A\n{ASPIRING}"));
    s.run(
        &["plan", "a.yaml", "--format", "md", "-o", "."],
        2,
        &["is a folder"],
    );
}

#[test]
fn h13_a_symlinked_log_gets_the_entry_and_stays_a_link() {
    let s = Scratch::new();
    let real = s.write("real/p.ceus.yaml", LOG);
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o664)).unwrap();
    std::os::unix::fs::symlink("real/p.ceus.yaml", s.dir.join("link.ceus.yaml")).unwrap();
    s.run(&add("link.ceus.yaml", "Through the link"), 0, &[]);
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.starts_with(LOG) && text.contains("Through the link"));
    assert!(
        std::fs::symlink_metadata(s.dir.join("link.ceus.yaml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::metadata(&real).unwrap().mode() & 0o777, 0o664);
    let names: Vec<String> = std::fs::read_dir(s.dir.join("real"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["p.ceus.yaml"], "no lock or temporary file left");
}

#[test]
fn h14_a_hard_linked_log_is_refused_with_both_names_unchanged() {
    let s = Scratch::new();
    let log = s.write("p.ceus.yaml", LOG);
    std::fs::hard_link(&log, s.dir.join("twin.ceus.yaml")).unwrap();
    s.run(
        &add("p.ceus.yaml", "T"),
        2,
        &["has 2 hard links", "refuses"],
    );
    assert_eq!(std::fs::read_to_string(&log).unwrap(), LOG);
    assert_eq!(std::fs::metadata(&log).unwrap().nlink(), 2);
}

#[test]
fn h15_a_read_only_log_or_output_is_refused() {
    let s = Scratch::new();
    let log = s.write("p.ceus.yaml", LOG);
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o444)).unwrap();
    s.run(&add("p.ceus.yaml", "T"), 2, &["p.ceus.yaml: is read-only"]);
    assert_eq!(std::fs::read_to_string(&log).unwrap(), LOG);
    s.write("a.yaml", &format!("name: A\n{ASPIRING}"));
    let html = s.write("r.html", "mine");
    std::fs::set_permissions(&html, std::fs::Permissions::from_mode(0o444)).unwrap();
    s.run(
        &["plan", "a.yaml", "-o", "r.html"],
        2,
        &["r.html: is read-only"],
    );
    assert_eq!(std::fs::read_to_string(&html).unwrap(), "mine");
}

#[test]
fn h16_a_shared_log_keeps_its_mode_under_any_umask() {
    let s = Scratch::new();
    let log = s.write("p.ceus.yaml", LOG);
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o664)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("coderpath");
    let mut c = std::process::Command::new("sh");
    c.current_dir(&s.dir)
        .arg("-c")
        .arg("umask 077 && exec \"$0\" \"$@\"")
        .arg(&bin)
        .args(["--as-of", super::common::AS_OF])
        .args(add("p.ceus.yaml", "Under umask 077"));
    s.check(c, 0, &[]);
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .contains("Under umask 077")
    );
    assert_eq!(std::fs::metadata(&log).unwrap().mode() & 0o777, 0o664);
}

#[test]
fn h17_a_symlinked_report_output_is_written_at_its_target() {
    let s = Scratch::new();
    s.write("a.yaml", &format!("name: A\n{ASPIRING}"));
    let real = s.write("site/roadmap.html", "old");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("site/roadmap.html", s.dir.join("roadmap.html")).unwrap();
    s.run(&["plan", "a.yaml", "-o", "roadmap.html"], 0, &[]);
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    assert!(
        std::fs::symlink_metadata(s.dir.join("roadmap.html"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::metadata(&real).unwrap().mode() & 0o777, 0o640);
    // A link to nothing is refused rather than created at wherever it points.
    std::os::unix::fs::symlink("site/none/x.html", s.dir.join("dangling.html")).unwrap();
    s.run(
        &["plan", "a.yaml", "-o", "dangling.html"],
        2,
        &["symbolic link to a file that does not exist"],
    );
    // A folder that is not there is named, without the temporary file's name.
    s.run(
        &["plan", "a.yaml", "-o", "no/such/x.html"],
        2,
        &["cannot write no/such/x.html: the folder no/such does not exist\n"],
    );
}

#[test]
fn h18_an_output_that_is_an_input_is_refused() {
    let s = Scratch::new();
    let (profile, log) = s.certified();
    let before = (
        std::fs::read(&profile).unwrap(),
        std::fs::read(&log).unwrap(),
    );
    s.run(
        &["ceu", "calendar", "p.yaml", "-o", "p.ceus.yaml"],
        2,
        &["p.ceus.yaml is an input of this command"],
    );
    s.run(
        &["plan", "p.yaml", "--calendar", "p.yaml"],
        2,
        &["an input of this command"],
    );
    s.run(
        &[
            "ceu", "status", "p.yaml", "-o", "./p.yaml", "--format", "md",
        ],
        2,
        &["an input of this command"],
    );
    std::os::unix::fs::symlink("p.yaml", s.dir.join("alias.md")).unwrap();
    s.run(
        &["ceu", "status", "p.yaml", "-o", "alias.md"],
        2,
        &["an input of this command"],
    );
    assert_eq!(
        (
            std::fs::read(&profile).unwrap(),
            std::fs::read(&log).unwrap()
        ),
        before
    );
}

#[test]
fn h19_two_outputs_naming_one_file_are_refused_before_writing() {
    let s = Scratch::new();
    s.write("a.yaml", &format!("name: A\n{ASPIRING}"));
    s.run(
        &["plan", "a.yaml", "-o", "x.html", "--calendar", "./x.html"],
        2,
        &["x.html is named as two outputs"],
    );
    assert!(!s.dir.join("x.html").exists());
}

#[test]
fn h20_a_log_owned_by_another_user_keeps_its_owner() {
    let Some(_) = as_nobody() else {
        println!("skipped: needs root (to own a file as another user)");
        return;
    };
    let s = Scratch::new();
    let log = s.write("p.ceus.yaml", LOG);
    std::os::unix::fs::chown(&log, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o660)).unwrap();
    s.run(&add("p.ceus.yaml", "Added by root"), 0, &[]);
    let m = std::fs::metadata(&log).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o777), (65534, 65534, 0o660));
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .contains("Added by root")
    );
}

#[test]
fn h21_a_user_cannot_replace_a_log_they_may_not_write() {
    let Some(prefix) = as_nobody() else {
        println!("skipped: needs root and setpriv to run as another user");
        return;
    };
    let s = Scratch::new();
    // The folder is open to all, the log only to its owner (root).
    std::fs::set_permissions(&s.dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let log = s.write("p.ceus.yaml", LOG);
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut c = std::process::Command::new(&prefix[0]);
    c.current_dir(&s.dir)
        .args(&prefix[1..])
        .arg(assert_cmd::cargo::cargo_bin("coderpath"))
        .args(["--as-of", super::common::AS_OF])
        .args(add("p.ceus.yaml", "Sneaky"));
    s.check(c, 2, &["p.ceus.yaml: is not writable by you"]);
    assert_eq!(std::fs::read_to_string(&log).unwrap(), LOG);
    assert_eq!(std::fs::metadata(&log).unwrap().uid(), 0);
    let left: Vec<_> = std::fs::read_dir(&s.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["p.ceus.yaml"]);
}

#[test]
fn h22_report_writes_only_inside_out_and_never_over_an_input() {
    let s = Scratch::new();
    s.write("clients/a.yaml", &format!("name: A\n{ASPIRING}"));
    s.write("roster.yaml", "clients: [\"clients/*.yaml\"]\n");
    // --out is the clients' own folder: allowed with --force, and no client file is touched.
    let before = std::fs::read(s.dir.join("clients/a.yaml")).unwrap();
    s.run(
        &["report", "roster.yaml", "--out", "clients", "--force"],
        0,
        &[],
    );
    assert_eq!(std::fs::read(s.dir.join("clients/a.yaml")).unwrap(), before);
    assert!(s.dir.join("clients/clients/a.html").is_file());
    // --out that is a file is refused.
    s.run(
        &["report", "roster.yaml", "--out", "roster.yaml"],
        2,
        &["is not a directory"],
    );
}

#[test]
fn h35_a_hard_linked_report_is_replaced_and_the_other_name_keeps_the_old_copy() {
    let s = Scratch::new();
    s.write("a.yaml", &format!("name: A\n{ASPIRING}"));
    let html = s.write("roadmap.html", "old");
    std::fs::hard_link(&html, s.dir.join("backup.html")).unwrap();
    s.run(&["plan", "a.yaml", "-o", "roadmap.html"], 0, &[]);
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    assert_eq!(
        std::fs::read_to_string(s.dir.join("backup.html")).unwrap(),
        "old"
    );
}
