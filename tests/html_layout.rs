//! The HTML pages' layout, checked structurally (the browser checks — page width at 390 px,
//! printed page count, vnu — are in `scripts/check-html.sh`, outside CI): every page kind
//! shares one stylesheet with a narrow-screen and a print part; every table cell carries the
//! data-label that names its column when rows become cards on a phone; the roadmap keeps the
//! plan before its details and folds its sources in a <details> that still prints.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)] // test code

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{AS_OF, coderpath, stdout_of};

const ASPIRING: &str = "examples/aspiring.yaml";

fn roadmap() -> String {
    stdout_of(&["plan", ASPIRING, "--format", "html"])
}

/// Every kind of page, by name: roadmap (also one with warnings), compare, readiness, CEU
/// status, and a report's overview and client pages. The report runs at a date with a
/// deadline in its 90-day window, over a roster with a broken client, so the overview's
/// deadline and failed tables are filled.
fn all_pages() -> Vec<(String, String)> {
    let mut pages = vec![
        ("roadmap".to_string(), roadmap()),
        (
            "roadmap with warnings".into(),
            stdout_of(&[
                "plan",
                "tests/fixtures/person/past_target.yaml",
                "--format",
                "html",
            ]),
        ),
        (
            "compare".into(),
            stdout_of(&[
                "plan",
                ASPIRING,
                "--format",
                "html",
                "--compare",
                "hours=20",
            ]),
        ),
        (
            "readiness".into(),
            stdout_of(&["readiness", ASPIRING, "--format", "html"]),
        ),
        (
            "ceu status".into(),
            stdout_of(&["ceu", "status", "examples/dual.yaml", "--format", "html"]),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster");
    std::fs::create_dir(&roster).unwrap();
    for f in [
        "aspiring.yaml",
        "certified.yaml",
        "certified.ceus.yaml",
        "dual.yaml",
        "dual.ceus.yaml",
    ] {
        std::fs::copy(Path::new("examples").join(f), roster.join(f)).unwrap();
    }
    std::fs::write(
        roster.join("broken.yaml"),
        "name: Broken\neducation: hgh_school\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("coderpath")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["--as-of", "2027-04-01", "report"])
        .arg(&roster)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("<table class=\"deadlines\">") && index.contains("<h2 id=\"failed\">"),
        "the overview should have deadlines and a failed client"
    );
    pages.push(("report overview".into(), index));
    let mut clients: Vec<_> = std::fs::read_dir(out.join("clients"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    clients.sort();
    assert_eq!(clients.len(), 3, "{clients:?}");
    for c in clients {
        let name = format!("client page {}", c.file_name().unwrap().to_string_lossy());
        pages.push((name, std::fs::read_to_string(c).unwrap()));
    }
    pages
}

/// The text of the first `<open ...>...</close>` element starting at or after `from`,
/// including the tags; `None` if there is none.
fn element<'a>(html: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = html.find(open)?;
    let end = start + html[start..].find(close)? + close.len();
    Some(&html[start..end])
}

/// Every element `<tag ...>...</tag>` (not nested in itself) in `html`.
fn elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        // `<th` must not match `<thead`.
        let after = rest[start + open.len()..].chars().next();
        if !matches!(after, Some(' ' | '>')) {
            rest = &rest[start + open.len()..];
            continue;
        }
        let end = start + rest[start..].find(&close).expect("closed") + close.len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

/// The opening tag of an element.
fn start_tag(el: &str) -> &str {
    &el[..=el.find('>').unwrap()]
}

/// The value of attribute `name` in an element's opening tag.
fn attr<'a>(el: &'a str, name: &str) -> Option<&'a str> {
    let tag = start_tag(el);
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// Text content: tags removed, whitespace collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_table_cell_is_labelled_with_its_column_heading() {
    for (page, html) in all_pages() {
        let tables = elements(&html, "table");
        assert!(!tables.is_empty(), "{page}: no table");
        for table in tables {
            let head = element(table, "<thead>", "</thead>")
                .unwrap_or_else(|| panic!("{page}: a table without <thead>"));
            let headings: Vec<String> = elements(head, "th").iter().map(|th| text(th)).collect();
            let body = element(table, "<tbody>", "</tbody>").unwrap();
            for row in elements(body, "tr") {
                let cells: Vec<&str> = {
                    // Cells in document order, whether th or td.
                    let mut c: Vec<(usize, &str)> = elements(row, "td")
                        .into_iter()
                        .chain(elements(row, "th"))
                        .map(|e| (row.find(e).unwrap(), e))
                        .collect();
                    c.sort();
                    c.into_iter().map(|(_, e)| e).collect()
                };
                assert_eq!(
                    cells.len(),
                    headings.len(),
                    "{page}: a row whose cells do not match the headings {headings:?}: {row}"
                );
                for (cell, heading) in cells.iter().zip(&headings) {
                    if cell.starts_with("<th") {
                        assert!(
                            start_tag(cell).contains("scope=\"row\""),
                            "{page}: a heading cell in a row without scope=row: {cell}"
                        );
                        continue;
                    }
                    let label = attr(cell, "data-label")
                        .unwrap_or_else(|| panic!("{page}: a cell without data-label: {cell}"));
                    assert_eq!(
                        label.trim_end_matches(" \u{2195}"),
                        heading.trim_end_matches(" \u{2195}"),
                        "{page}: a cell labelled differently from its column: {cell}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_page_kind_shares_the_one_self_contained_layout() {
    let pages = all_pages();
    let style = |html: &str| element(html, "<style>", "</style>").unwrap().to_string();
    let layout = style(&pages[0].1);
    for (page, html) in &pages {
        assert!(html.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(
            html.contains(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            ),
            "{page}: no viewport meta tag"
        );
        assert_eq!(
            elements(html, "style").len(),
            1,
            "{page}: one stylesheet expected"
        );
        assert!(style(html) == layout, "{page}: not the layout's stylesheet");
        assert!(
            !html.contains("<link") && !html.contains("<img") && !html.contains(" src="),
            "{page}: loads something from outside the page"
        );
        let scripts = elements(html, "script").len();
        let expected = usize::from(*page == "report overview");
        assert_eq!(scripts, expected, "{page}: scripts");
    }
    assert!(
        !layout.contains("url(") && !layout.contains("@import"),
        "the stylesheet loads nothing"
    );
}

/// The block of `css` that follows `head` (e.g. `@media print`), without its braces.
fn block<'a>(css: &'a str, head: &str) -> &'a str {
    let start = css
        .find(head)
        .unwrap_or_else(|| panic!("no `{head}` in the stylesheet"));
    let open = start + css[start..].find('{').unwrap();
    let mut depth = 0;
    for (i, c) in css[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &css[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    panic!("`{head}` is not closed");
}

/// `css` without its comments.
fn uncommented(css: &str) -> String {
    let mut clean = String::new();
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        clean.push_str(&rest[..i]);
        rest = &rest[i + rest[i..].find("*/").unwrap() + 2..];
    }
    clean.push_str(rest);
    clean
}

/// The rules directly in `css` (nested blocks such as `@supports` are skipped):
/// (selector, declarations).
fn rules(css: &str) -> Vec<(String, String)> {
    let clean = uncommented(css);
    let mut out = Vec::new();
    let (mut depth, mut start, mut open) = (0, 0, 0);
    for (i, c) in clean.char_indices() {
        match c {
            '{' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let selector = clean[start..open].trim().to_string();
                    if !selector.starts_with('@') {
                        out.push((selector, clean[open + 1..i].trim().to_string()));
                    }
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    out
}

/// Declarations of the rules whose selector list includes `selector` exactly.
fn declarations(rules: &[(String, String)], selector: &str) -> String {
    rules
        .iter()
        .filter(|(s, _)| s.split(',').any(|one| one.trim() == selector))
        .map(|(_, d)| d.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Font sizes set in `decls` (`font-size:` or the `font:` shorthand), in CSS px; `em` and
/// `%` are relative to the parent and skipped.
fn font_sizes(decls: &str) -> Vec<f64> {
    decls
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .filter(|(p, _)| matches!(p.trim(), "font-size" | "font"))
        .filter_map(|(_, v)| {
            let v = v.split_whitespace().next()?.split('/').next()?;
            let num = |unit: &str| v.strip_suffix(unit)?.parse::<f64>().ok();
            num("rem")
                .map(|n| n * 16.0)
                .or_else(|| num("px"))
                .or_else(|| num("pt").map(|n| n * 4.0 / 3.0))
        })
        .collect()
}

/// The layout's stylesheet, without comments.
fn stylesheet() -> String {
    uncommented(element(&roadmap(), "<style>", "</style>").unwrap())
}

#[test]
fn narrow_screens_get_cards_and_readable_type() {
    let css = stylesheet();
    let narrow = rules(block(&css, "@media screen and (max-width:"));
    let cells = declarations(&narrow, "td");
    assert!(
        cells.contains("display: grid") || cells.contains("display: block"),
        "cells are laid out as a card's lines: {cells}"
    );
    assert!(
        declarations(&narrow, "td::before").contains("content: attr(data-label)"),
        "each cell shows its column's name"
    );
    assert!(declarations(&narrow, "tr").contains("display: block"));
    assert!(
        declarations(&narrow, "thead").contains("position: absolute"),
        "the column headings are hidden visually, not from screen readers"
    );
    // Text on a phone is at least 14px: the base rules and the narrow ones (SVG text is
    // drawn at its natural size in a scroll box, checked below).
    let screen: Vec<_> = rules(&css)
        .into_iter()
        .chain(narrow)
        .filter(|(s, _)| !s.starts_with("svg"))
        .collect();
    for (selector, decls) in &screen {
        for px in font_sizes(decls) {
            assert!(px >= 14.0, "`{selector}` sets {px}px text on screen");
        }
    }
    let body = font_sizes(&declarations(&screen, "body"));
    assert!(body.iter().all(|px| *px >= 15.0), "body text {body:?}");
}

#[test]
fn the_timeline_keeps_its_size_and_scrolls_in_its_own_box() {
    let html = roadmap();
    let css = stylesheet();
    let base = rules(&css);
    let boxed = element(&html, "<div class=\"timeline\"", "</div>").expect("a timeline box");
    assert!(boxed.contains("<svg"), "the SVG is inside the box");
    let width = attr(element(boxed, "<svg", ">").unwrap(), "width").unwrap();
    assert_eq!(
        attr(boxed, "style"),
        Some(format!("--natural-width: {width}px").as_str()),
        "the box knows the SVG's natural width"
    );
    assert!(declarations(&base, ".timeline").contains("overflow-x: auto"));
    assert!(
        declarations(&base, ".timeline svg").contains("min-width: var(--natural-width)"),
        "on screen the SVG is never drawn smaller than its natural size"
    );
    for selector in ["svg text", "svg text.dates"] {
        for px in font_sizes(&declarations(&base, selector)) {
            assert!(px >= 10.0, "`{selector}` at {px}px");
        }
    }
    // The scrollable box can be reached and scrolled from the keyboard.
    assert!(start_tag(boxed).contains("tabindex=\"0\""));
}

#[test]
fn print_puts_the_plan_first_and_prints_addresses_and_sources() {
    let css = stylesheet();
    let base = rules(&css);
    let page = declarations(&rules(&format!("x {{ {} }}", block(&css, "@page"))), "x");
    assert!(page.contains("size: letter"), "@page: {page}");
    let print_css = block(&css, "@media print");
    let print = rules(print_css);
    let after = declarations(&print, "a[href^=\"https://\"]::after");
    assert!(
        after.contains("attr(href)"),
        "external links print their address: {after}"
    );
    assert!(
        declarations(&print, "tr").contains("break-inside: avoid"),
        "rows are not split across pages"
    );
    assert!(
        !declarations(&print, "table").contains("break-inside: avoid"),
        "whole tables may break (kept whole, they left page 1 a third empty)"
    );
    assert!(declarations(&print, "h2").contains("break-after: avoid"));
    assert!(declarations(&print, ".timeline svg").contains("min-width: 0"));
    // A closed <details> opens for print where the browser allows; elsewhere a copy prints.
    assert!(
        declarations(&print, "details.sources::details-content")
            .contains("content-visibility: visible")
    );
    assert!(declarations(&base, ".print-copy").contains("display: none"));
    let fallback = rules(block(
        print_css,
        "@supports not selector(::details-content)",
    ));
    assert!(declarations(&fallback, ".print-copy").contains("display: block"));
    assert!(declarations(&fallback, "details.sources > :not(summary)").contains("display: none"));

    // In the roadmap, the plan comes first and the details after it.
    let html = roadmap();
    let order = [
        "<section class=\"summary\"",
        "<h2>Timeline</h2>",
        "<div class=\"timeline\"",
        "<table class=\"stages\">",
        "<h2>Costs to the target</h2>",
        "<div class=\"appendix\">",
        "<h2>Job readiness",
        "<h2>Programmes considered</h2>",
        "<h2>Outlook",
        "<h2>Assumptions</h2>",
        "<details class=\"sources\">",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|s| html.find(s).unwrap_or_else(|| panic!("no {s}")))
        .collect();
    assert!(at.is_sorted(), "roadmap order: {order:?} at {at:?}");
    let warned = stdout_of(&[
        "plan",
        "tests/fixtures/person/past_target.yaml",
        "--format",
        "html",
    ]);
    let w = warned.find("<h2>Warnings</h2>").expect("warnings");
    assert!(
        warned.find("class=\"summary\"").unwrap() < w && w < warned.find("<h2>Timeline").unwrap()
    );
}

#[test]
fn sources_are_folded_in_details_with_their_links() {
    for (page, html) in all_pages() {
        if !html.contains("<h2>Timeline</h2>") {
            assert!(!html.contains("<details "), "{page}");
            continue;
        }
        let details = element(&html, "<details class=\"sources\">", "</details>")
            .unwrap_or_else(|| panic!("{page}: sources not in <details>"));
        let items = elements(details, "li");
        assert!(items.len() > 1, "{page}");
        let summary = element(details, "<summary>", "</summary>").unwrap();
        assert_eq!(
            text(summary),
            format!("Sources ({})", items.len()),
            "{page}: the summary counts the sources"
        );
        let links: Vec<&str> = elements(details, "a")
            .into_iter()
            .filter_map(|a| attr(a, "href"))
            .collect();
        assert!(
            links.len() > 1
                && links
                    .iter()
                    .all(|h| h.starts_with("https://") || h.starts_with("http://")),
            "{page}: external links with href: {links:?}"
        );
        // The copy for print where <details> cannot be opened holds the same list, and
        // the list appears nowhere else.
        let list = element(details, "<ol class=\"sources\">", "</ol>").unwrap();
        let copy = element(&html, "<div class=\"print-copy\">", "</div>").unwrap();
        assert_eq!(element(copy, "<ol", "</ol>").unwrap(), list, "{page}");
        assert_eq!(html.matches("<ol class=\"sources\">").count(), 2, "{page}");
    }
}

#[test]
fn the_report_overview_keeps_its_sort_buttons_on_a_phone() {
    let css = stylesheet();
    let narrow = rules(block(&css, "@media screen and (max-width:"));
    let head = declarations(&narrow, "table.sortable thead");
    assert!(
        head.contains("position: static") && head.contains("clip-path: none"),
        "{head}"
    );
    let dir = tempfile::tempdir().unwrap();
    coderpath()
        .args(["report", "examples/roster.yaml", "--out"])
        .arg(dir.path())
        .arg("--force")
        .assert()
        .code(0);
    let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(index.contains("<table id=\"clients\" class=\"sortable\">"));
    assert!(index.contains(&format!("As of {AS_OF}")));
}
