//! Writers killed mid-write, stale temporary files, concurrent writers: the log is always
//! the old one or the new one, leftovers are recognisable and cleaned by the next run.

use std::path::Path;
use std::time::{Duration, Instant};

use super::scratch::{ASPIRING, CERTIFIED, LOG, Scratch};

const TMP: &str = ".coderpath-tmp-";

fn temps(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(TMP))
        .collect()
}

/// A log of `n` entries.
fn big_log(n: usize) -> String {
    let mut log = String::from("# big log\n");
    for i in 0..n {
        log.push_str(&format!(
            "- date: 2026-01-05\n  title: \"Course {i}\"\n  provider: AAPC\n  ceus: 1\n  aapc_index: A{i}\n"
        ));
    }
    log
}

#[test]
fn h30_a_writer_killed_mid_write_leaves_the_old_log_and_a_temp_the_next_run_cleans() {
    let s = Scratch::new();
    let mut old = big_log(20_000);
    let log = s.write("p.ceus.yaml", &old);
    let mut caught = 0;
    // The kill races the rename; under load it may lose a few times, so try up to 40.
    for attempt in 0..40 {
        let title = format!("Killed {attempt}");
        let mut child = s
            .command()
            .args([
                "ceu",
                "add",
                "p.ceus.yaml",
                "--date",
                "2026-02-01",
                "--title",
                &title,
                "--provider",
                "AAPC",
                "--ceus",
                "1",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill it the moment its temporary file appears: between writing and renaming.
        let mine = format!("{TMP}{}-", child.id());
        let its_temp = || temps(&s.dir).iter().any(|t| t.contains(&mine));
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() && start.elapsed() < Duration::from_secs(60) {
            if its_temp() {
                let _ = child.kill();
                break;
            }
        }
        let _ = child.kill();
        child.wait().unwrap();
        let now = std::fs::read_to_string(&log).unwrap();
        if now.contains(&format!("title: \"{title}\"")) {
            // The rename came first: the new log, whole.
            assert!(now.starts_with(&old) && now.ends_with("ceus: 1\n"));
            old = now;
            continue;
        }
        assert_eq!(
            now, old,
            "attempt {attempt}: neither the old nor the new log"
        );
        if its_temp() {
            caught += 1;
            if caught == 2 {
                break;
            }
        }
    }
    assert!(caught > 0, "no writer was caught between write and rename");
    let leftovers = temps(&s.dir);
    assert!(!leftovers.is_empty());
    assert!(
        leftovers
            .iter()
            .all(|n| n.starts_with(".p.ceus.yaml.coderpath-tmp-")),
        "{leftovers:?}"
    );
    // The next write into the folder removes them: their writers are gone.
    s.run(
        &[
            "ceu",
            "add",
            "p.ceus.yaml",
            "--date",
            "2026-02-02",
            "--title",
            "After",
            "--provider",
            "AAPC",
            "--ceus",
            "1",
        ],
        0,
        &[],
    );
    assert!(temps(&s.dir).is_empty(), "{:?}", temps(&s.dir));
    let names: Vec<_> = std::fs::read_dir(&s.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["p.ceus.yaml"], "no lock file either");
}

#[test]
fn h31_stale_temporaries_are_cleaned_and_others_kept() {
    let s = Scratch::new();
    s.write("a.yaml", &format!("name: A\n{ASPIRING}"));
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let stale = s.write(&format!(".roadmap.html{TMP}{dead}-abc123"), "partial");
    let live = s.write(
        &format!(".roadmap.html{TMP}{}-abc123", std::process::id()),
        "in use",
    );
    let lookalike = s.write("notes.coderpath-tmp-1-x", "mine");
    s.run(&["plan", "a.yaml", "-o", "roadmap.html"], 0, &[]);
    assert!(!stale.exists(), "a dead writer's temporary file is removed");
    assert!(live.exists(), "a running writer's temporary file is kept");
    assert!(
        lookalike.exists(),
        "only files named as coderpath names them are touched"
    );
}

#[test]
fn h32_eight_concurrent_writers_lose_no_entry() {
    let s = Scratch::new();
    s.write("p.yaml", CERTIFIED);
    let log = s.write("p.ceus.yaml", LOG);
    std::thread::scope(|scope| {
        for w in 0..8 {
            let s = &s;
            scope.spawn(move || {
                for i in 0..25 {
                    let status = s
                        .command()
                        .args([
                            "ceu",
                            "add",
                            "p.ceus.yaml",
                            "--date",
                            "2026-02-01",
                            "--title",
                            &format!("Course {w}-{i}"),
                            "--provider",
                            "AAPC",
                            "--ceus",
                            "1",
                        ])
                        .status()
                        .unwrap();
                    assert!(status.success());
                }
            });
        }
    });
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.starts_with(LOG));
    assert_eq!(text.matches("- date:").count(), 201);
    s.run(&["profile", "check", "p.yaml", "p.ceus.yaml"], 0, &[]);
    let names: Vec<_> = std::fs::read_dir(&s.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn h33_a_crashing_client_costs_only_itself() {
    let s = Scratch::new();
    s.write("clients/a.yaml", &format!("name: Fine\n{ASPIRING}"));
    s.write("clients/b.yaml", "name: Tiny\neducation: high_school\ntarget: { setting: physician_office }\npreferences: { hours_per_week: 0.00001 }\n");
    s.write("clients/c.yaml", "name: Broken\neducation: nonsense\n");
    s.write("roster.yaml", "clients: [\"clients/*.yaml\"]\n");
    let out = s.run(
        &["report", "roster.yaml", "--out", "out"],
        1,
        &["c.yaml:2:12"],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("failed"));
    let w = s.written();
    assert!(w.contains_key("out/clients/fine.html"));
    // Named by the name its profile gives, though the rest of it is broken.
    assert!(w["out/index.html"].contains(
        "<td data-label=\"Client\">Broken</td><td data-label=\"Profile\">clients/c.yaml</td>"
    ));
}

#[test]
fn h34_stale_pages_are_never_silently_left() {
    let s = Scratch::new();
    s.write("clients/a.yaml", &format!("name: Ann\n{ASPIRING}"));
    s.write("clients/b.yaml", &format!("name: Bob\n{ASPIRING}"));
    s.write("roster.yaml", "clients: [\"clients/*.yaml\"]\n");
    s.run(&["report", "roster.yaml", "--out", "out"], 0, &[]);
    std::fs::remove_file(s.dir.join("clients/b.yaml")).unwrap();
    s.run(
        &["report", "roster.yaml", "--out", "out"],
        0,
        &["clients/bob.html", "--force"],
    );
    assert!(s.dir.join("out/clients/bob.html").exists());
    // A manifest edited to name other files cannot make a run remove them.
    let manifest = s.dir.join("out/.coderpath-manifest");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("../roster.yaml\nclients/../../roster.yaml\nindex.html\n");
    std::fs::write(&manifest, text).unwrap();
    s.run(
        &["report", "roster.yaml", "--out", "out", "--force"],
        0,
        &[],
    );
    assert!(!s.dir.join("out/clients/bob.html").exists());
    assert!(!s.dir.join("out/clients/bob.md").exists());
    assert!(s.dir.join("roster.yaml").is_file() && s.dir.join("out/index.html").is_file());
}
