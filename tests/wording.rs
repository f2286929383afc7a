//! How the words of every output are written: a count and its noun agree through one
//! helper (`words::count`, the templates' `count` filter), and code in coderpath's own words
//! is marked (`code::code`) so each format can show it as code. These read the sources and
//! templates, so a new sentence that forgets either fails here, whatever data it would need
//! to show up in a report.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)] // test code

use std::path::{Path, PathBuf};

/// Nouns a number is counted in (singular and plural forms).
const NOUNS: &[&str] = &[
    "CEU",
    "CEUs",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "months'",
    "year",
    "years",
    "hour",
    "hours",
    "minute",
    "minutes",
    "entry",
    "entries",
    "client",
    "clients",
    "credential",
    "credentials",
    "question",
    "questions",
    "topic",
    "topics",
    "source",
    "sources",
    "page",
    "pages",
    "problem",
    "problems",
    "file",
    "files",
    "row",
    "rows",
    "checkpoint",
    "checkpoints",
    "cost",
    "costs",
    "item",
    "items",
    "line",
    "lines",
    "self-assessments",
    "subfolder",
    "subfolders",
];

/// Placeholder names that hold a word, not a number ("{body} CEUs" is "AAPC CEUs").
const WORDS: &[&str] = &["body", "b", "id", "name", "kind", "what", "whose", "lower"];

/// The Rust files under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The lines of a Rust file that are code (not comments), before its tests, numbered.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .enumerate()
        .take_while(|(_, l)| !l.trim_start().starts_with("#[cfg(test)]"))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| {
            let code = l.split(" // ").next().unwrap_or(l);
            (i + 1, code.to_string())
        })
        .collect()
}

/// The word after position `at` of `s` (after one space), and where it ends.
fn word_after(s: &str, at: usize) -> Option<(&str, usize)> {
    let rest = s[at..].strip_prefix(' ')?;
    let len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .unwrap_or(rest.len());
    (len > 0).then(|| (&rest[..len], at + 1 + len))
}

/// Words that stand between a count and its noun ("{} contact hours").
const MODIFIERS: &[&str] = &[
    "contact",
    "discipline",
    "specialty",
    "data",
    "manual",
    "log",
    "more",
    "reference",
];

/// Whether a placeholder ending at `end` is followed by a counted noun, directly or after
/// a modifier.
fn noun_follows(s: &str, end: usize) -> Option<String> {
    let (first, after) = word_after(s, end)?;
    if NOUNS.contains(&first) {
        return Some(first.to_string());
    }
    let (second, _) = word_after(s, after)?;
    (MODIFIERS.contains(&first) && NOUNS.contains(&second)).then(|| format!("{first} {second}"))
}

/// `format!` placeholders (`{}`, `{n}`, `{n:>3}`; not `{{`) and the end of each.
fn placeholders(line: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            if bytes.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            if let Some(len) = line[i + 1..].find('}') {
                let inner = &line[i + 1..i + 1 + len];
                if inner
                    .chars()
                    .all(|c| c.is_alphanumeric() || "_:.<>^".contains(c))
                {
                    let name = inner.split(':').next().unwrap_or("").to_string();
                    out.push((name, i + len + 2));
                }
            }
        }
        i += 1;
    }
    out
}

#[test]
fn every_count_before_a_noun_goes_through_count() {
    let mut problems = Vec::new();
    for dir in ["src/render", "src/report"] {
        for path in rust_files(Path::new(dir)) {
            for (n, line) in code_lines(&path) {
                for (name, end) in placeholders(&line) {
                    if WORDS.contains(&name.as_str()) {
                        continue;
                    }
                    if let Some(noun) = noun_follows(&line, end) {
                        problems.push(format!(
                            "{}:{n}: `{{{name}}} {noun}`: use words::count (or ceus, hours, \
                             months), which writes `1 CEU` and `2 CEUs`",
                            path.display()
                        ));
                    }
                }
            }
        }
    }
    for entry in std::fs::read_dir("templates").unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            for (end, _) in line.match_indices("}}") {
                if let Some(noun) = noun_follows(line, end + 2) {
                    problems.push(format!(
                        "{}:{}: `}}}} {noun}`: use the count filter, \
                         {{{{ n | count(one=\"CEU\", many=\"CEUs\") }}}}",
                        path.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn code_in_our_words_is_marked_not_written_with_backticks() {
    // The escapers themselves write backticks.
    let escapers = ["src/render/escape.rs", "src/render/code.rs"];
    let mut problems = Vec::new();
    for path in rust_files(Path::new("src/render")) {
        if escapers.iter().any(|e| path == Path::new(e)) {
            continue;
        }
        for (n, line) in code_lines(&path) {
            if line.contains('`') {
                problems.push(format!(
                    "{}:{n}: a backtick in words: mark code with code::code(\"…\") so Markdown \
                     and HTML show it as code",
                    path.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scans_find_what_they_look_for() {
    let line = r#"format!("{} CEUs for {body} ({} contact hours), {{x}} days", a, b)"#;
    let found: Vec<Option<String>> = placeholders(line)
        .into_iter()
        .map(|(_, end)| noun_follows(line, end))
        .collect();
    assert_eq!(
        found,
        [Some("CEUs".into()), None, Some("contact hours".into())]
    );
    assert_eq!(noun_follows("{{ n }} days", 7), Some("days".into()));
    assert_eq!(noun_follows("{} of the", 2), None);
}
