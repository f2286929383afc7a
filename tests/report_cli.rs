//! `report` over a roster with good, broken, duplicate-name and hostile-name clients: the
//! folder it writes (readable names, links back, failed section, BOM), directory runs,
//! stale pages, isolation of a client that crashes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::coderpath;

const ASPIRING: &str = "education: high_school\ntarget: { setting: physician_office }\npreferences: { hours_per_week: 10 }\n";

/// A roster directory: `roster.yaml` and its clients.
fn roster() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("clients");
    std::fs::create_dir(&c).unwrap();
    let write = |name: &str, text: &str| std::fs::write(c.join(name), text).unwrap();
    write("a-good.yaml", &format!("name: Good Client\n{ASPIRING}"));
    write(
        "b-broken.yaml",
        "name: Broken Client\neducation: hgh_school\npreferences: { budget_usd: \"$4,000\" }\n",
    );
    write("c-jo1.yaml", &format!("name: Jo Lee\n{ASPIRING}"));
    write("d-jo2.yaml", &format!("name: jo lee\n{ASPIRING}"));
    write("e-path.yaml", &format!("name: \"../../etc/x\"\n{ASPIRING}"));
    write(
        "f-img.yaml",
        &format!("name: \"<img src=x onerror=alert(1)>\"\n{ASPIRING}"),
    );
    write(
        "g-formula.yaml",
        &format!("name: \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"\n{ASPIRING}"),
    );
    std::fs::copy("examples/certified.yaml", c.join("h-certified.yaml")).unwrap();
    std::fs::copy(
        "examples/certified.ceus.yaml",
        c.join("certified.ceus.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("roster.yaml"), "counsellor: Pat Reyes\norganisation: Eastside <Center>\nclients:\n  - \"clients/*.yaml\"\n").unwrap();
    dir
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files[name].clone()).unwrap()
}

fn run_report(input: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    coderpath()
        .arg("report")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn one_bad_client_costs_one_client() {
    let r = roster();
    let out = r.path().join("out");
    let before: Vec<_> = files(r.path()).into_keys().collect();
    let result = run_report(&r.path().join("roster.yaml"), &out, &[]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("b-broken.yaml:2:12"), "{stderr}");
    assert!(stderr.contains("b-broken.yaml:3:28"), "{stderr}");
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(stdout.contains("│ failed        ┆ 1       │"), "{stdout}");

    // Nothing outside --out changed.
    let after: Vec<_> = files(r.path())
        .into_keys()
        .filter(|k| !k.starts_with("out/"))
        .collect();
    assert_eq!(before, after);

    let written = files(&out);
    let pages: Vec<&String> = written
        .keys()
        .filter(|k| k.starts_with("clients/") && k.ends_with(".html"))
        .collect();
    assert_eq!(pages.len(), 7, "{pages:?}");
    for stem in [
        "good-client",
        "etc-x",
        "img-src-x-onerror-alert-1",
        "hyperlink-http-evil-x",
        "daniel-okafor",
    ] {
        assert!(
            written.contains_key(&format!("clients/{stem}.html")),
            "{stem} in {pages:?}"
        );
        assert!(
            written.contains_key(&format!("clients/{stem}.md")),
            "{stem}.md"
        );
    }
    assert!(written.keys().all(|k| !k.contains("..")));

    let index = text(&written, "index.html");
    assert!(!index.contains("<img src=x"), "unescaped name in the index");
    assert!(index.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(index.contains("Organisation: Eastside &lt;Center&gt;"));
    assert!(index.contains("Counsellor: Pat Reyes"));
    assert!(
        index.contains("<script>")
            && index
                .lines()
                .filter(|l| l.contains("addEventListener"))
                .count()
                == 1
    );
    // The failed client is in its own section, with its located error, not in the table.
    let (table, failed) = index.split_once("<h2 id=\"failed\">").unwrap();
    assert!(!table.contains("Broken Client"));
    assert!(failed.contains("Clients that could not be reported (1)"));
    assert!(failed.contains("b-broken.yaml:2:12: education: unknown value `hgh_school`"));
    assert!(
        failed.contains("b-broken.yaml:3:28: preferences.budget_usd"),
        "every problem in the file is shown, not only the first"
    );

    let csv = text(&written, "summary.csv");
    assert!(csv.starts_with('\u{feff}'), "summary.csv starts with a BOM");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "Client");
    assert_eq!(&header[9], "Error");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 8);
    let names: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert!(
        names.contains(&"'=HYPERLINK(\"http://evil\",\"x\")"),
        "{names:?}"
    );
    assert!(!csv.contains("\n=HYPERLINK") && !csv.contains(",=HYPERLINK"));
    let broken = rows.iter().find(|r| &r[2] == "failed").unwrap();
    // Named as its profile names it; located from the roster's folder (no absolute path).
    assert_eq!(&broken[0], "Broken Client", "{broken:?}");
    assert!(
        broken[9].starts_with("clients/b-broken.yaml:2:12"),
        "{broken:?}"
    );
    assert!(broken[9].contains("\n"), "one problem a line: {broken:?}");
    assert!(broken[9].contains("b-broken.yaml:3:28"), "{broken:?}");
    assert_eq!(&broken[4], "", "the error is not a milestone");
    let certified = rows.iter().find(|r| &r[0] == "Daniel Okafor").unwrap();
    assert_eq!((&certified[2], &certified[6]), ("certified", "AAPC behind"));
    assert_eq!(&certified[1], "clients/h-certified.yaml");
    assert_eq!(&certified[10], "clients/daniel-okafor.html");
    // The renewal due next says how many CEUs are still to go, as the status does.
    assert!(certified[4].starts_with("AAPC CEUs due ("), "{certified:?}");
}

#[test]
fn two_clients_of_one_name_get_stable_distinct_pages() {
    let r = roster();
    let out = r.path().join("out");
    run_report(&r.path().join("roster.yaml"), &out, &[]);
    let first = files(&out);
    let jo: Vec<&String> = first
        .keys()
        .filter(|k| k.starts_with("clients/jo-lee") && k.ends_with(".html"))
        .collect();
    assert_eq!(jo.len(), 2, "{jo:?}");
    // Both get a suffix from their own profile's path, so neither name depends on which
    // comes first in the roster.
    for page in &jo {
        assert_eq!(page.len(), "clients/jo-lee-xxxx.html".len(), "{page}");
    }
    // Each page names its profile, so the two can be told apart.
    let named = |profile: &str| {
        jo.iter()
            .filter(|p| text(&first, p).contains(profile))
            .count()
    };
    assert_eq!(
        (named("clients/c-jo1.yaml"), named("clients/d-jo2.yaml")),
        (1, 1)
    );
    // A second run of the same roster gives the same names and bytes.
    let again = r.path().join("again");
    run_report(&r.path().join("roster.yaml"), &again, &[]);
    let second = files(&again);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
}

#[test]
fn client_pages_link_back_and_name_the_counsellor() {
    let r = roster();
    let out = r.path().join("out");
    run_report(&r.path().join("roster.yaml"), &out, &[]);
    let written = files(&out);
    let html = text(&written, "clients/good-client.html");
    assert!(
        html.contains("<a href=\"../index.html\">← Client overview</a>"),
        "{html}"
    );
    assert!(html.contains("Counsellor: Pat Reyes"));
    assert!(html.contains("Organisation: Eastside &lt;Center&gt;"));
    let md = text(&written, "clients/good-client.md");
    assert!(md.starts_with("[← Client overview](../index.html)"), "{md}");
    assert!(md.contains("Organisation: Eastside \\<Center\\>"), "{md}");
    assert!(md.contains("# Roadmap for Good Client"));
    // The overview links to each page by its readable name.
    assert!(
        text(&written, "index.html")
            .contains("<a href=\"clients/good-client.html\">Good Client</a>")
    );
}

#[test]
fn the_overview_sorts_accessibly_and_lists_coming_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("examples/certified.yaml", dir.path().join("certified.yaml")).unwrap();
    std::fs::copy(
        "examples/certified.ceus.yaml",
        dir.path().join("certified.ceus.yaml"),
    )
    .unwrap();
    let out = dir.path().join("out");
    // Daniel Okafor's AAPC CEUs are due 2027-05-31: 185 days after 2026-11-27.
    let near = assert_cmd::Command::cargo_bin("coderpath")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["--as-of", "2027-04-01", "report"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        near.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&near.stderr)
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<h2>Deadlines in the next 90 days</h2>"));
    assert!(
        index.contains("<td class=\"date\" data-label=\"Date\">2027-05-31</td><td class=\"num\" data-label=\"Days\">60</td><td data-label=\"Client\"><a href=\"clients/daniel-okafor.html\">Daniel Okafor</a></td><td data-label=\"Deadline\">AAPC CEUs due"),
        "{index}"
    );
    assert_eq!(index.matches("<th aria-sort=\"none\">").count(), 9);
    assert!(index.contains("th[aria-sort=\"ascending\"] button::after"));
    assert!(index.contains("Blank cells sort last"));
    // Far from the deadline, the section says there is none.
    coderpath()
        .args(["report"])
        .arg(dir.path())
        .args(["-o"])
        .arg(&out)
        .assert()
        .code(0);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<h2>Deadlines in the next 90 days</h2>\n<p class=\"muted\">None.</p>"));
}

#[test]
fn bom_by_default_and_no_bom_on_request() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("jose.yaml"),
        format!("name: José Núñez\n{ASPIRING}"),
    )
    .unwrap();
    let out = dir.path().join("out");
    run_report(dir.path(), &out, &[]);
    let csv = std::fs::read(out.join("summary.csv")).unwrap();
    assert!(csv.starts_with(b"\xef\xbb\xbfClient,"));
    assert!(String::from_utf8(csv).unwrap().contains("José Núñez"));
    run_report(dir.path(), &out, &["--no-bom"]);
    let csv = std::fs::read(out.join("summary.csv")).unwrap();
    assert!(csv.starts_with(b"Client,Profile,Stage"));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let r = roster();
    let run = |jobs: &str, out: &str| {
        coderpath()
            .args(["report"])
            .arg(r.path().join("roster.yaml"))
            .arg("--output")
            .arg(r.path().join(out))
            .args(["--json", "--jobs", jobs])
            .assert()
            .code(1);
        files(&r.path().join(out))
    };
    let one = run("1", "one");
    let four = run("4", "four");
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        four.keys().collect::<Vec<_>>()
    );
    for (k, v) in &one {
        assert!(v == &four[k], "{k} differs between --jobs 1 and --jobs 4");
    }
    assert!(one.contains_key("clients/good-client.json"));
}

#[test]
fn an_existing_directory_is_not_clobbered_without_force() {
    let r = roster();
    let out = r.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "my notes").unwrap();
    let refused = run_report(&r.path().join("roster.yaml"), &out, &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("was not made by coderpath"));
    assert_eq!(files(&out).len(), 1);
    let forced = run_report(&r.path().join("roster.yaml"), &out, &["--force"]);
    assert_eq!(forced.status.code(), Some(1));
    assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"my notes");
    // A directory coderpath made can be written again without --force.
    assert_eq!(
        run_report(&r.path().join("roster.yaml"), &out, &[])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn pages_of_removed_clients_are_listed_then_removed_with_force() {
    let r = roster();
    let out = r.path().join("out");
    run_report(&r.path().join("roster.yaml"), &out, &[]);
    assert!(out.join("clients/good-client.html").is_file());
    std::fs::remove_file(r.path().join("clients/a-good.yaml")).unwrap();
    let kept = run_report(&r.path().join("roster.yaml"), &out, &[]);
    // Words as printed, whatever the line wrapping.
    let stderr = String::from_utf8_lossy(&kept.stderr)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        stderr.contains("warning: 2 pages of clients no longer in the roster are still in")
            && stderr.contains("clients/good-client.html, clients/good-client.md")
            && stderr.contains("--force"),
        "{stderr}"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Pages of clients no longer in the roster (2)"));
    assert!(out.join("clients/good-client.html").is_file());
    // A page the counsellor put there is not coderpath's to remove.
    std::fs::write(out.join("clients/my-notes.html"), "mine").unwrap();
    let forced = run_report(&r.path().join("roster.yaml"), &out, &["--force"]);
    assert_eq!(forced.status.code(), Some(1));
    assert!(!out.join("clients/good-client.html").exists());
    assert!(!out.join("clients/good-client.md").exists());
    assert!(out.join("clients/my-notes.html").is_file());
    let manifest = std::fs::read_to_string(out.join(".coderpath-manifest")).unwrap();
    assert!(!manifest.contains("good-client") && manifest.contains("clients/jo-lee-"));
}

#[test]
fn a_directory_of_profiles_is_a_roster_without_its_roster_file_and_logs() {
    let r = roster();
    std::fs::remove_file(r.path().join("clients/b-broken.yaml")).unwrap();
    std::fs::write(
        r.path().join("clients/roster.yaml"),
        "counsellor: Someone\nclients: [\"*.yaml\"]\n",
    )
    .unwrap();
    let out = r.path().join("out");
    let result = run_report(&r.path().join("clients"), &out, &[]);
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<h1>Client overview</h1>"));
    assert_eq!(
        index
            .matches("<tr><td data-label=\"Client\"><a href=")
            .count(),
        7
    );
    assert!(!index.contains("could not be reported"));
    assert!(!index.contains("certified.ceus.yaml"));
}

#[test]
fn a_profile_listed_twice_is_one_client_with_a_warning() {
    let r = roster();
    std::os::unix::fs::symlink("a-good.yaml", r.path().join("clients/a-link.yaml")).unwrap();
    std::fs::write(
        r.path().join("roster.yaml"),
        "clients:\n  - clients/a-good.yaml\n  - ./clients/a-good.yaml\n  - clients/a-link.yaml\n",
    )
    .unwrap();
    let out = r.path().join("out");
    let result = run_report(&r.path().join("roster.yaml"), &out, &[]);
    assert_eq!(result.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(stderr.matches("listed before").count(), 2, "{stderr}");
    assert!(stderr.contains("roster.yaml:4:5"), "{stderr}");
    let pages: Vec<String> = files(&out)
        .into_keys()
        .filter(|k| k.starts_with("clients/"))
        .collect();
    assert_eq!(
        pages,
        ["clients/good-client.html", "clients/good-client.md"]
    );
    // The folder of profiles, where the link sits beside its file, gives one client too.
    let out = r.path().join("out-folder");
    std::fs::remove_file(r.path().join("clients/b-broken.yaml")).unwrap();
    run_report(&r.path().join("clients"), &out, &[]);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(
        index.matches("good-client").count(),
        1,
        "one row for Good Client"
    );
}

#[test]
fn a_client_report_combines_plan_and_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    coderpath()
        .args(["report", "examples/roster.yaml", "--out"])
        .arg(&out)
        .assert()
        .code(0);
    let written = files(&out);
    let rosa = text(&written, "clients/rosa-delgado.html");
    assert!(rosa.contains("CEU status for Rosa Delgado"));
    assert!(
        rosa.contains("Roadmap for Rosa Delgado"),
        "a certified client without a target is planned from a credential held"
    );
    let maya = text(&written, "clients/maya-thompson.md");
    assert!(maya.contains("\n# Roadmap for Maya Thompson"));
    assert!(!maya.contains("CEU status for"));
}

#[test]
fn a_credential_holder_without_a_renewal_date_gets_the_plan_and_a_note_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ana.yaml"),
        "name: Ana Cruz\neducation: certificate\nmemberships: [AAPC]\ncredentials:\n  - { id: CPC, earned: 2026-03-10, apprentice: true }\n",
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("out");
    coderpath()
        .arg("report")
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let written = files(&out);
    let page = text(&written, "clients/ana-cruz.html");
    assert!(
        page.contains("Remove the CPC-A apprentice status"),
        "{page}"
    );
    assert!(
        page.contains(
            "CEUs not tracked:</strong> AAPC CEUs fall due on the membership renewal date"
        )
    );
    let summary = text(&written, "summary.csv");
    let row = summary.lines().find(|l| l.starts_with("Ana Cruz")).unwrap();
    assert!(row.contains(",certified,CPC,"), "{row}");
    assert!(row.contains(",not tracked,"), "{row}");
    assert!(row.contains("CEUs not tracked"), "{row}");
}

#[test]
fn a_client_that_crashes_the_planner_costs_only_that_client() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), format!("name: Fine\n{ASPIRING}")).unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "name: Tiny Hours\neducation: high_school\ntarget: { setting: physician_office }\npreferences: { hours_per_week: 0.00001 }\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let result = run_report(dir.path(), &out, &[]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(matches!(result.status.code(), Some(0 | 1)), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
    assert!(out.join("clients/fine.html").is_file());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    if result.status.code() == Some(1) {
        let failed = index.split_once("<h2 id=\"failed\">").unwrap().1;
        assert!(
            failed.contains("b.yaml") && failed.contains("hours a week"),
            "{failed}"
        );
        assert!(stderr.contains("b.yaml"), "{stderr}");
    }
}

#[test]
fn an_output_that_is_an_input_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    std::fs::create_dir(r.join("clients")).unwrap();
    // A profile kept where its own report page would go, and another client to write first.
    std::fs::write(
        r.join("clients/maya-thompson.html"),
        format!("name: Maya Thompson\n{ASPIRING}"),
    )
    .unwrap();
    std::fs::write(r.join("zed.yaml"), format!("name: Zed Two\n{ASPIRING}")).unwrap();
    std::fs::write(
        r.join("roster.yaml"),
        "clients:\n  - zed.yaml\n  - clients/maya-thompson.html\n",
    )
    .unwrap();
    let before = files(r);
    let out = run_report(&r.join("roster.yaml"), r, &["--force"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is an input of this command"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(files(r), before, "nothing written, nothing changed");
}

/// A credential holder without a CEU log is "CEUs not logged" in the overview, and their
/// deadline gives no CEUs to go (there is nothing to count them from).
#[test]
fn a_holder_without_a_log_is_not_called_behind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lena.yaml"),
        "name: Lena Park\neducation: high_school\nmemberships: [AHIMA]\ncredentials: [{ id: CCA, earned: 2025-05-01 }]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("roster.yaml"), "clients: [lena.yaml]\n").unwrap();
    let out = dir.path().join("out");
    let run = run_report(&dir.path().join("roster.yaml"), &out, &[]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(summary.contains("AHIMA CEUs not logged"), "{summary}");
    assert!(!summary.to_lowercase().contains("behind"), "{summary}");
    assert!(!summary.contains("to go"), "{summary}");
}
