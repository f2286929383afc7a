//! `report` over a roster with good, broken, duplicate-name and hostile-name clients.

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
        "name: Broken Client\neducation: hgh_school\n",
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

#[test]
fn one_bad_client_costs_one_client() {
    let r = roster();
    let out = r.path().join("out");
    let before: Vec<_> = files(r.path()).into_keys().collect();
    let result = coderpath()
        .args(["report"])
        .arg(r.path().join("roster.yaml"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("b-broken.yaml:2:12"), "{stderr}");
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(stdout.contains("│ failed        ┆ 1       │"), "{stdout}");

    // Nothing outside --out changed.
    let after: Vec<_> = files(r.path())
        .into_keys()
        .filter(|k| !k.starts_with("out/"))
        .collect();
    assert_eq!(before, after);

    let written = files(&out);
    let html: Vec<&String> = written
        .keys()
        .filter(|k| k.ends_with(".html") && k.starts_with("clients/"))
        .collect();
    assert_eq!(html.len(), 7, "{html:?}");
    for stem in [
        "good-client",
        "jo-lee",
        "jo-lee-2",
        "etc-x",
        "img-src-x-onerror-alert-1",
        "hyperlink-http-evil-x",
        "daniel-okafor",
    ] {
        assert!(
            html.iter().any(|k| k.ends_with(&format!("/{stem}.html"))),
            "{stem} in {html:?}"
        );
        assert!(
            written.keys().any(|k| k.ends_with(&format!("/{stem}.md"))),
            "{stem}.md"
        );
    }
    assert!(written.keys().all(|k| !k.contains("..")));

    let index = String::from_utf8(written["index.html"].clone()).unwrap();
    assert!(!index.contains("<img src=x"), "unescaped name in the index");
    assert!(index.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(index.contains("Eastside &lt;Center&gt;"));
    assert!(index.contains("class=\"failed\""));
    assert!(index.contains("unknown value `hgh_school`"));
    assert!(
        index.contains("<script>")
            && index
                .lines()
                .filter(|l| l.contains("addEventListener"))
                .count()
                == 1
    );

    let csv = String::from_utf8(written["summary.csv"].clone()).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 8);
    let names: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert!(
        names.contains(&"'=HYPERLINK(\"http://evil\",\"x\")"),
        "{names:?}"
    );
    assert!(!csv.contains("\n=HYPERLINK") && !csv.contains(",=HYPERLINK"));
    let broken = rows.iter().find(|r| &r[1] == "failed").unwrap();
    assert!(broken[3].contains("b-broken.yaml:2:12"), "{broken:?}");
    let certified = rows.iter().find(|r| &r[0] == "Daniel Okafor").unwrap();
    assert_eq!((&certified[1], &certified[5]), ("certified", "AAPC behind"));
    assert!(certified[8].ends_with("/daniel-okafor.html"));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let r = roster();
    let run = |jobs: &str, out: &str| {
        coderpath()
            .args(["report"])
            .arg(r.path().join("roster.yaml"))
            .arg("--out")
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
    assert!(one.keys().any(|k| k.ends_with("/good-client.json")));
}

#[test]
fn an_existing_directory_is_not_clobbered_without_force() {
    let r = roster();
    let out = r.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "my notes").unwrap();
    coderpath()
        .args(["report"])
        .arg(r.path().join("roster.yaml"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("was not made by coderpath"));
    assert_eq!(files(&out).len(), 1);
    coderpath()
        .args(["report"])
        .arg(r.path().join("roster.yaml"))
        .arg("--out")
        .arg(&out)
        .arg("--force")
        .assert()
        .code(1);
    assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"my notes");
    // A directory coderpath made can be written again without --force.
    coderpath()
        .args(["report"])
        .arg(r.path().join("roster.yaml"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
}

#[test]
fn a_directory_of_profiles_is_a_roster() {
    let r = roster();
    std::fs::remove_file(r.path().join("clients/b-broken.yaml")).unwrap();
    let out = r.path().join("out");
    coderpath()
        .args(["report"])
        .arg(r.path().join("clients"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<h1>Client overview</h1>"));
    assert_eq!(index.matches("<tr").count(), 8); // header + 7 clients
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
    let rosa = written
        .iter()
        .find(|(k, _)| k.ends_with("/rosa-delgado.html"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .unwrap();
    assert!(rosa.contains("CEU status for Rosa Delgado"));
    assert!(
        !rosa.contains("Roadmap for"),
        "a certified client without a target gets no roadmap"
    );
    let maya = written
        .iter()
        .find(|(k, _)| k.ends_with("/maya-thompson.md"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .unwrap();
    assert!(maya.starts_with("# Roadmap for Maya Thompson"));
}
