//! Free text in every format: YAML written by `ceu add`, iCalendar, terminal, Markdown;
//! the one duplicate rule; CRLF logs; the size limit.

use super::scratch::{ASPIRING, CERTIFIED, LOG, Scratch};

fn add<'a>(log: &'a str, title: &'a str, provider: &'a str) -> Vec<&'a str> {
    vec![
        "ceu",
        "add",
        log,
        "--date",
        "2026-02-01",
        "--title",
        title,
        "--provider",
        provider,
        "--ceus",
        "1",
    ]
}

/// Every physical line of an iCalendar file is at most 75 octets, ends in CRLF, and holds
/// no other control character than a tab.
fn assert_rfc5545_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character in {line:?}"
        );
    }
}

#[test]
fn h23_ceu_add_escapes_non_printables_and_the_log_reads_back() {
    let s = Scratch::new();
    s.certified();
    let title =
        "DEL\u{7f} NEL\u{85} CSI\u{9b} nonchar\u{fffe} ESC\u{1b}[2J BOM\u{feff} tab\t \"q\" \\";
    s.run(&add("p.ceus.yaml", title, "AAPC\u{2028}x"), 0, &[]);
    let text = std::fs::read_to_string(s.dir.join("p.ceus.yaml")).unwrap();
    assert!(text.starts_with(LOG));
    let added = &text[LOG.len()..];
    for escape in [
        "\\x7F", "\\N", "\\x9B", "\\uFFFE", "\\e[2J", "\\uFEFF", "\\t", "\\L",
    ] {
        assert!(added.contains(escape), "{escape} in {added}");
    }
    assert!(
        !added.chars().any(|c| c.is_control() && c != '\n'),
        "{added:?}"
    );
    let listed = s.run(&["ceu", "list", "p.yaml", "--format", "json"], 0, &[]);
    let v: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(v["entries"][1]["entry"]["title"], title);
    assert_eq!(v["entries"][1]["entry"]["provider"], "AAPC\u{2028}x");
    s.run(&["profile", "check", "p.yaml", "p.ceus.yaml"], 0, &[]);
    s.run(&["profile", "check", "p.yaml", "p.ceus.yaml"], 0, &[]);
}

#[test]
fn h24_a_line_break_in_a_name_forges_no_calendar_event() {
    let s = Scratch::new();
    let forged = "Eve\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:forged\\r\\nDTSTART:20270101";
    s.write(
        "p.yaml",
        &CERTIFIED.replace("Pat Doe", &format!("\"{forged}\"")),
    );
    s.write("p.ceus.yaml", LOG);
    s.write(
        "a.yaml",
        &format!("name: \"{forged}; a, b \\\\ c\"\n{ASPIRING}"),
    );
    for args in [
        vec!["ceu", "calendar", "p.yaml", "-o", "p.ics"],
        vec!["plan", "a.yaml", "--calendar", "a.ics", "-o", "a.md"],
    ] {
        s.run(&args, 0, &[]);
    }
    let clean = Scratch::new();
    clean.certified();
    let reference = clean.run(&["ceu", "calendar", "p.yaml"], 0, &[]).stdout;
    let reference: icalendar::Calendar = String::from_utf8(reference).unwrap().parse().unwrap();
    for (file, events) in [("p.ics", reference.components.len()), ("a.ics", 0)] {
        let text = std::fs::read_to_string(s.dir.join(file)).unwrap();
        assert_rfc5545_lines(&text);
        assert!(!text.contains("\r\nSUMMARY:forged"), "{text}");
        assert!(!text.contains("\r\nDTSTART:20270101"), "{text}");
        let cal: icalendar::Calendar = text.parse().unwrap();
        let found: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
        if events > 0 {
            assert_eq!(
                found.len(),
                events,
                "{file}: as many events as without the name"
            );
        }
        assert_eq!(
            text.lines().filter(|l| *l == "BEGIN:VEVENT").count(),
            found.len()
        );
    }
    let a = std::fs::read_to_string(s.dir.join("a.ics"))
        .unwrap()
        .replace("\r\n ", "");
    assert!(
        a.contains("\r\nX-WR-CALNAME:Roadmap for Eve\\nEND:VEVENT"),
        "{a}"
    );
    assert!(a.contains("\\; a\\, b \\\\ c"), "{a}");
}

#[test]
fn h25_terminal_escapes_in_names_are_shown_not_run() {
    let s = Scratch::new();
    let evil = "Eve\\e]0;pwned\\a\\e[2J\\e[31m\\r\\x9b";
    s.write(
        "p.yaml",
        &CERTIFIED.replace("Pat Doe", &format!("\"{evil}\"")),
    );
    s.write("p.ceus.yaml", LOG);
    let out = s.run(&["ceu", "what-if", "p.yaml", "--add", "CPMA"], 0, &[]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.contains(['\u{1b}', '\u{7}', '\r', '\u{9b}']),
        "{stdout:?}"
    );
    assert!(
        stdout.contains(
            "What if Eve\u{241b}]0;pwned\u{2407}\u{241b}[2J\u{241b}[31m\u{240d}<U+009B> (add CPMA)"
        ),
        "{stdout}"
    );
    // A folder whose name holds an escape: the report's summary shows it visibly.
    let dir = s.dir.join("team\u{1b}[2J");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.yaml"), format!("name: A\n{ASPIRING}")).unwrap();
    let args: Vec<std::ffi::OsString> = vec![
        "report".into(),
        dir.into_os_string(),
        "--out".into(),
        "out".into(),
    ];
    let out = s.run(&args, 0, &[]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}') && stdout.contains("team\u{241b}[2J"),
        "{stdout:?}"
    );
}

#[test]
fn h26_markdown_reports_keep_no_markup_from_names() {
    let s = Scratch::new();
    let name = "# Boss <script>alert(1)</script> [click](http://evil) *x* | y\\n\\n- item";
    s.write("clients/a.yaml", &format!("name: \"{name}\"\n{ASPIRING}"));
    s.write("roster.yaml", "counsellor: \"<b>C</b>\"\norganisation: \"[Org](http://evil)\"\nclients: [\"clients/*.yaml\"]\n");
    s.run(&["report", "roster.yaml", "--out", "out"], 0, &[]);
    let md = &s.written()["out/clients/boss-script-alert-1-script-click-http-evil-x-y-item.md"];
    let events: Vec<pulldown_cmark::Event> =
        pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES).collect();
    for e in &events {
        match e {
            pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                panic!("raw HTML {h:?} in\n{md}")
            }
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                assert!(!dest_url.contains("evil"), "link to {dest_url} in\n{md}")
            }
            _ => {}
        }
    }
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        text.contains("# Boss <script>alert(1)</script> [click](http://evil) *x* | y - item"),
        "{text}"
    );
    assert!(
        text.contains("Counsellor: <b>C</b>") && text.contains("[Org](http://evil)"),
        "{text}"
    );
    let headings = events
        .iter()
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. })
            )
        })
        .count();
    let plain = Scratch::new();
    plain.write("clients/a.yaml", &format!("name: Plain\n{ASPIRING}"));
    plain.write("roster.yaml", "clients: [\"clients/*.yaml\"]\n");
    plain.run(&["report", "roster.yaml", "--out", "out"], 0, &[]);
    let plain_md = &plain.written()["out/clients/plain.md"];
    let plain_headings = pulldown_cmark::Parser::new(plain_md)
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Heading { .. })
            )
        })
        .count();
    assert_eq!(headings, plain_headings, "the name added headings");
}

#[test]
fn h27_duplicates_fold_unicode_case_in_add_and_check_alike() {
    let s = Scratch::new();
    s.write("p.yaml", CERTIFIED);
    s.write(
        "p.ceus.yaml",
        "- date: 2026-02-01\n  title: \"Straße   Update\"\n  provider: \"ÉCOLE\"\n  ceus: 1\n  aapc_index: A1\n",
    );
    let before = std::fs::read(s.dir.join("p.ceus.yaml")).unwrap();
    s.run(
        &add("p.ceus.yaml", " STRASSE update ", "e\u{301}cole"),
        2,
        &["p.ceus.yaml:1 already has \"Straße   Update\" from ÉCOLE on 2026-02-01"],
    );
    assert_eq!(std::fs::read(s.dir.join("p.ceus.yaml")).unwrap(), before);
    // The same pair written by hand is the duplicate `ceu check` reports.
    s.write(
        "p.ceus.yaml",
        "- date: 2026-02-01\n  title: \"Straße   Update\"\n  provider: \"ÉCOLE\"\n  ceus: 1\n  aapc_index: A1\n- date: 2026-02-01\n  title: \" STRASSE update \"\n  provider: \"e\u{301}cole\"\n  ceus: 1\n  aapc_index: A1\n",
    );
    s.run(
        &["ceu", "check", "p.yaml"],
        1,
        &["p.ceus.yaml:6:1", "duplicate of the entry at line 1"],
    );
}

#[test]
fn h28_a_crlf_log_stays_crlf_byte_for_byte() {
    let s = Scratch::new();
    s.write("p.yaml", CERTIFIED);
    let crlf = LOG.replace('\n', "\r\n");
    s.write("p.ceus.yaml", &crlf);
    s.run(&add("p.ceus.yaml", "CRLF entry", "AAPC"), 0, &[]);
    let text = std::fs::read_to_string(s.dir.join("p.ceus.yaml")).unwrap();
    assert!(text.starts_with(&crlf));
    assert!(text.contains("CRLF entry"));
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "{text:?}"
    );
    s.run(&["profile", "check", "p.yaml", "p.ceus.yaml"], 0, &[]);
}

#[test]
fn h29_an_entry_that_would_pass_the_size_limit_is_refused() {
    let s = Scratch::new();
    let limit = 16 * 1024 * 1024;
    let mut big = String::with_capacity(limit);
    let line = format!("# {}\n", "x".repeat(97));
    while big.len() + line.len() < limit - 50 {
        big.push_str(&line);
    }
    s.write("p.ceus.yaml", &big);
    let title = format!("One too many {}", "x".repeat(200));
    s.run(
        &add("p.ceus.yaml", &title, "AAPC"),
        2,
        &["over the 16777216-byte limit", "start a new log"],
    );
    assert_eq!(
        std::fs::metadata(s.dir.join("p.ceus.yaml")).unwrap().len(),
        big.len() as u64
    );
    let left: Vec<_> = std::fs::read_dir(&s.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["p.ceus.yaml"], "no temporary file left");
}
