use std::collections::BTreeMap;
use std::time::Instant;

use chrono::NaiveDate;
use serde::Deserialize;

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Rec {
    title: String,
    count: u32,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Level {
    HighSchool,
    Associate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Cred {
    id: String,
    #[serde(deserialize_with = "ymd::deserialize")]
    earned: NaiveDate,
    #[serde(default)]
    apprentice: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Prefs {
    #[serde(default)]
    budget_usd: Option<f64>,
    #[serde(default)]
    hours: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Person {
    name: String,
    #[serde(default)]
    nickname: Option<String>,
    education: Level,
    #[serde(default)]
    credentials: Vec<Cred>,
    #[serde(default)]
    prefs: Option<Prefs>,
}

fn errors<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> Vec<Diagnostic> {
    Source::new("x.yaml", text).parse::<T>().unwrap_err()
}

fn at(d: &Diagnostic) -> (usize, usize) {
    (d.line, d.column)
}

#[test]
fn every_problem_in_a_file_is_reported_in_file_order() {
    let text = "name: Lee\neducation: hgh_school\ncredentials:\n  - id: CPC\n    earned: 2020-02-30\n  - id: CCS\n    earnd: 2021-01-01\n  - {id: COC, earned: 12/01/2024, apprentice: maybe}\nprefs:\n  budget_usd: \"$4,000\"\n  hours: 300\n";
    let ds = errors::<Person>(text);
    let got: Vec<(usize, usize, Code)> = ds.iter().map(|d| (d.line, d.column, d.code)).collect();
    assert_eq!(
        got,
        vec![
            (2, 12, Code::UnknownValue),
            (5, 13, Code::InvalidValue),
            (7, 5, Code::UnknownKey),
            (8, 23, Code::WrongType),
            (8, 47, Code::WrongType),
            (10, 15, Code::WrongType),
            (11, 10, Code::InvalidValue),
        ],
        "{ds:#?}"
    );
    let m: Vec<&str> = ds.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        m[0],
        "education: unknown value `hgh_school`; did you mean `high_school`?"
    );
    assert_eq!(
        ds[0].expected.as_deref(),
        Some("one of: high_school, associate")
    );
    assert_eq!(
        m[1],
        "credentials[0].earned: `2020-02-30` is not a real calendar date"
    );
    // The misspelt key stands for the missing one: no second problem for it.
    assert_eq!(
        m[2],
        "unknown key `credentials[1].earnd`; did you mean `earned`?"
    );
    assert_eq!(m[3], "credentials[2].earned: found text `12/01/2024`");
    assert_eq!(ds[3].expected.as_deref(), Some("a date YYYY-MM-DD"));
    assert_eq!(m[4], "credentials[2].apprentice: found text `maybe`");
    assert_eq!(ds[4].expected.as_deref(), Some("true or false"));
    assert_eq!(m[5], "prefs.budget_usd: found text `$4,000`");
    assert_eq!(ds[5].expected.as_deref(), Some("a number such as 4000"));
    assert_eq!(m[6], "prefs.hours: `300` is out of range");
    assert_eq!(
        ds[6].expected.as_deref(),
        Some("a whole number from 0 to 255")
    );
    // Each shows its line.
    assert!(ds.iter().all(|d| d.excerpt.is_some()));
}

#[test]
fn several_missing_keys_in_several_places_are_all_reported() {
    let text = "education: associate\ncredentials:\n  - id: A\n  - earned: 2020-01-01\n  - {}\n";
    let ds = errors::<Person>(text);
    let m: Vec<&str> = ds.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        m,
        vec![
            "missing key `name`",
            "missing key `earned` in `credentials[0]`",
            "missing key `id` in `credentials[1]`",
            "missing key `id` in `credentials[2]`",
            "missing key `earned` in `credentials[2]`",
        ],
        "{ds:#?}"
    );
}

#[test]
fn a_wrong_kind_of_node_for_a_struct_is_one_problem() {
    let ds = errors::<Person>("name: Lee\neducation: associate\nprefs: [1, 2]\ncredentials: CPC\n");
    let m: Vec<&str> = ds.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        m,
        vec!["prefs: found a list", "credentials: found text `CPC`"]
    );
    assert_eq!(ds[1].expected.as_deref(), Some("a list"));
    assert_eq!(
        ds[0].expected.as_deref(),
        Some("a mapping with keys such as `budget_usd`, `hours`")
    );
}

#[test]
fn null_is_none_for_options_and_an_error_for_text() {
    let ok: Person = Source::new(
        "x",
        "name: Lee\nnickname: ~\neducation: associate\nprefs:\n",
    )
    .parse()
    .unwrap();
    assert_eq!(ok.nickname, None);
    assert!(ok.prefs.is_none());
    let ds = errors::<Person>("name: ~\neducation: associate\n");
    assert_eq!(ds[0].message, "name: found `~` (nothing)");
    assert_eq!(ds[0].expected.as_deref(), Some("text"));
    let ds = errors::<Person>("name:\neducation: associate\n");
    assert_eq!(ds[0].message, "name: found nothing");
    // Quoted, it is text.
    let p: Person = Source::new("x", "name: '~'\neducation: associate\n")
        .parse()
        .unwrap();
    assert_eq!(p.name, "~");
}

#[test]
fn numbers_in_quotes_and_yaml_1_1_words_are_not_numbers_or_booleans() {
    let ds = errors::<Rec>("title: 12\ncount: \"12\"\n");
    assert_eq!(ds[0].message, "count: found text `12` (in quotes)");
    assert_eq!(
        ds[0].expected.as_deref(),
        Some("a whole number, 0 or more, without quotes")
    );
    let ok: Rec = Source::new("x", "title: 12\ncount: 0x10\n")
        .parse()
        .unwrap();
    assert_eq!((ok.title.as_str(), ok.count), ("12", 16));
    let ds = errors::<Cred>("id: X\nearned: 2020-01-01\napprentice: yes\n");
    assert_eq!(ds[0].expected.as_deref(), Some("true or false"));
    let ds = errors::<Rec>("title: x\ncount: -5\n");
    assert_eq!(ds[0].message, "count: `-5` is negative");
}

#[test]
fn unknown_keys_get_their_full_path_and_a_hint() {
    let ds = errors::<Rec>("title: a\ntitel: b\ncount: 1\nzzz: 2\n");
    assert_eq!(at(&ds[0]), (2, 1));
    assert_eq!(ds[0].message, "unknown key `titel`; did you mean `title`?");
    assert_eq!(ds[0].expected.as_deref(), Some("one of: title, count"));
    assert_eq!(ds[1].message, "unknown key `zzz`");
}

#[test]
fn duplicate_keys_are_reported_at_the_repeat() {
    let ds = errors::<Rec>("title: a\ncount: 1\ntitle: b\n");
    assert_eq!(ds.len(), 1);
    assert_eq!(at(&ds[0]), (3, 1));
    assert_eq!(ds[0].code, Code::DuplicateKey);
    assert_eq!(ds[0].message, "duplicate key `title`");
    // Large mappings too.
    let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
    text.push_str("k7: again\n");
    let ds = errors::<BTreeMap<String, String>>(&text);
    assert_eq!((ds.len(), ds[0].line), (1, 41));
}

#[test]
fn a_tag_is_located_and_reported_once() {
    let ds = errors::<Person>("name: Lee\neducation: !Degree x\n");
    assert_eq!(ds.len(), 1, "{ds:#?}");
    assert_eq!(at(&ds[0]), (2, 12));
    assert_eq!(ds[0].code, Code::UnsupportedTag);
    assert!(ds[0].message.contains("`!Degree`"), "{}", ds[0].message);
    // `!!str` only says "this is text".
    let r: Rec = Source::new("x", "title: !!str 12\ncount: 1\n")
        .parse()
        .unwrap();
    assert_eq!(r.title, "12");
}

#[test]
fn syntax_errors_are_located_in_plain_words() {
    let ds = errors::<Rec>("title: a\n  count: 1\n");
    assert_eq!(
        (ds.len(), at(&ds[0]), ds[0].code),
        (1, (2, 8), Code::YamlSyntax)
    );
    assert!(
        ds[0].message.starts_with("unexpected `:`"),
        "{}",
        ds[0].message
    );
    let ds = errors::<Rec>("title: a\nx:\n\tcount: 1\n");
    assert_eq!(
        ds[0].expected.as_deref(),
        Some("spaces for indentation; YAML does not allow tabs")
    );
    // The scanner reports the end of the value before the tab: the tab is what is shown.
    for text in [
        "- date: 2025-01-01\n\ttitle: X\n",
        "name: T\n\teducation: x\n",
    ] {
        let ds = errors::<serde::de::IgnoredAny>(text);
        assert_eq!(at(&ds[0]), (2, 1), "{text:?}: {ds:?}");
    }
    let ds = errors::<Rec>("title: a\ncount: 1\n---\ntitle: b\n");
    assert_eq!(at(&ds[0]), (3, 1));
    assert_eq!(ds[0].code, Code::MultipleDocuments);
}

#[test]
fn empty_and_comment_only_files_are_errors() {
    assert_eq!(errors::<Rec>("  \n")[0].message, "the file is empty");
    assert_eq!(
        errors::<Rec>("# x\n")[0].message,
        "the file holds only comments"
    );
}

#[test]
fn characters_yaml_forbids_are_refused_by_both_readers() {
    for c in ['\u{7f}', '\u{9b}', '\u{fffe}', '\u{1b}', '\u{feff}'] {
        // One entry in the fast reader's layout, one not: the same answer.
        for text in [
            format!("- title: a{c}b\n  count: 1\n"),
            format!("- {{title: a{c}b, count: 1}}\n"),
        ] {
            let ds = errors::<Vec<Rec>>(&text);
            assert_eq!(ds.len(), 1, "{text:?}");
            assert_eq!(ds[0].code, Code::NotPrintable);
            assert!(ds[0].message.contains("\\u{") || ds[0].message.contains("\\x"));
            assert!(ds[0].excerpt.as_ref().unwrap().text.contains('\\'));
        }
    }
    // Escaped in double quotes they are fine.
    let v: Vec<Rec> = Source::new("x", "- title: \"a\\x7fb\"\n  count: 1\n")
        .parse()
        .unwrap();
    assert_eq!(v[0].title, "a\u{7f}b");
}

#[test]
fn deep_nesting_is_refused_before_the_scanner_and_in_blocks() {
    let text = format!("title: {}1{}\n", "[".repeat(5000), "]".repeat(5000));
    let ds = errors::<Rec>(&text);
    assert_eq!(ds[0].code, Code::TooDeep);
    let mut block = String::new();
    for i in 0..200 {
        block.push_str(&" ".repeat(i * 2));
        block.push_str("- \n");
    }
    block.push_str(&" ".repeat(400));
    block.push_str("- x\n");
    let ds = errors::<Vec<Rec>>(&block);
    assert_eq!(ds[0].code, Code::TooDeep, "{ds:?}");
}

#[test]
fn brackets_in_quotes_and_comments_do_not_count() {
    let quoted = format!(
        "title: \"{}\" # {}\ncount: 1\n",
        "[".repeat(300),
        "{".repeat(300)
    );
    assert!(Source::new("x.yaml", quoted).parse::<Rec>().is_ok());
    assert_eq!(
        super::too_deep(&format!("a: {}", "[".repeat(129))),
        Some(3 + 128)
    );
}

#[test]
fn alias_bombs_are_refused_quickly() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let started = Instant::now();
    let ds = errors::<BTreeMap<String, serde::de::IgnoredAny>>(&text);
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(ds[0].code, Code::TooManyAliases);
    assert_eq!(ds[0].line, 5);
    // Ordinary anchors work.
    let v: BTreeMap<String, Vec<String>> =
        Source::new("x", "a: &l [x, y]\nb: *l\n").parse().unwrap();
    assert_eq!(v["b"], ["x", "y"]);
}

#[test]
fn all_problems_are_returned_and_shown_capped_with_a_note() {
    let text: String = (0..50).map(|_| "- title: a\n  count: x\n").collect();
    let ds = errors::<Vec<Rec>>(&text);
    assert_eq!(ds.len(), 50);
    let shown = crate::error::cap_per_file(ds);
    assert_eq!(shown.len(), MAX_PER_FILE + 1);
    assert_eq!(shown[MAX_PER_FILE].code, Code::MoreProblems);
    assert!(shown[MAX_PER_FILE].message.starts_with("30 more problems"));
    // Many absent keys stop the passes early, with more than can be shown.
    let text: String = (0..200).map(|_| "- title: a\n").collect();
    let ds = errors::<Vec<Rec>>(&text);
    assert!(ds.len() > MAX_PER_FILE && ds.len() < 200, "{}", ds.len());
}

#[test]
fn input_is_quoted_briefly_and_escaped() {
    let long = "y".repeat(5000);
    let ds = errors::<Rec>(&format!("title: a\ncount: {long}\n"));
    assert!(ds[0].message.len() < 120, "{}", ds[0].message);
    assert!(ds[0].excerpt.as_ref().unwrap().text.len() < 120);
    // A multi-line scalar (a whole other file) is not quoted whole.
    let text = format!(
        "title: a\ncount: |\n{}",
        "  root:x:0:0:root:/root:/bin/bash\n".repeat(100)
    );
    let ds = errors::<Rec>(&text);
    assert!(ds[0].message.len() < 120, "{}", ds[0].message);
    assert!(ds[0].message.contains("\\n"));
}

#[test]
fn utf16_is_named() {
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("name: A\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let Err(Error::Input(d)) = Source::from_bytes("p.yaml".into(), utf16) else {
        panic!("UTF-16 is refused");
    };
    assert_eq!(d.message, "the file is UTF-16 text, not UTF-8");
    let Err(Error::Input(d)) = Source::from_bytes("p.yaml".into(), b"a: \xe9\n".to_vec()) else {
        panic!("Latin-1 is refused");
    };
    assert_eq!(d.message, "the file is not valid UTF-8");
}

#[test]
fn bom_and_crlf_keep_columns() {
    let ds = errors::<Rec>("\u{feff}title: a\r\ncount: x\r\n");
    assert_eq!(at(&ds[0]), (2, 8));
    let ds = errors::<Rec>("\u{feff}count: x\r\ntitle: a\r\n");
    assert_eq!(at(&ds[0]), (1, 8));
    assert_eq!(ds[0].excerpt.as_ref().unwrap().text, "count: x");
}

#[test]
fn positions_for_semantic_errors() {
    let s = Source::new(
        "x.yaml",
        "as_of: 2026-01-01\nitems:\n  - id: a\n    tags: [x, y]\n  - id: b\n",
    );
    assert_eq!(s.position("items[0].tags[1]"), (4, 15));
    assert_eq!(s.position("items[1].missing"), (5, 5));
    let d = s
        .unknown("items[1].id", "bbx", &["a", "bb"], "item")
        .unwrap();
    assert_eq!(d.message, "unknown item `bbx`; did you mean `bb`?");
    assert_eq!(d.expected.as_deref(), Some("one of: a, bb"));
    assert_eq!(d.code, Code::UnknownId);
    assert_eq!(at(&d), (5, 9));
    let log = Source::new("l.yaml", "# c\n- a: 1\n-   b: 2\n- [x]\n");
    assert_eq!(log.item_lines(3), vec![2, 3, 4]);
}

#[test]
fn the_fast_reader_reads_a_large_log_into_typed_entries() {
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct E {
        #[serde(deserialize_with = "ymd::deserialize")]
        date: NaiveDate,
        title: String,
        ceus: f64,
        #[serde(default)]
        topics: Vec<String>,
    }
    let text: String = (0..1000)
        .map(|i| {
            format!("- date: 2026-01-05\n  title: \"Course {i}\"\n  ceus: 1.5\n  topics: [cpt]\n")
        })
        .collect();
    assert!(fast::read(&text).is_some());
    let v: Vec<E> = Source::new("x", text).parse().unwrap();
    assert_eq!(v.len(), 1000);
    assert_eq!(v[999].title, "Course 999");
}

#[test]
fn a_flood_of_problems_is_bounded() {
    let text: String = (0..20_000)
        .map(|i| format!("- title: a\n  count: 1\n  zz{i}: 1\n"))
        .collect();
    let ds = errors::<Vec<Rec>>(&text);
    assert!(ds.len() > MAX_PER_FILE && ds.len() <= 1001, "{}", ds.len());
    let dups: String = std::iter::once("a: 1\n")
        .chain(std::iter::repeat_n("a: 2\n", 5000))
        .collect();
    let ds = errors::<BTreeMap<String, u32>>(&dups);
    assert!(ds.len() > MAX_PER_FILE && ds.len() <= 1001, "{}", ds.len());
    assert!(ds.iter().all(|d| d.code == Code::DuplicateKey));
}

#[test]
fn a_source_adds_the_same_excerpt_as_the_text_does() {
    for text in [
        "",
        "a\n",
        "\u{feff}a: 1\r\nb: 2\r\n",
        "x\n\ny\r\nz",
        "- a: 1\n  b: \u{7f}\n",
    ] {
        let src = Source::new("t.yaml", text);
        for line in 0..7 {
            let d = || Diagnostic::new("t.yaml", line, 2, "m".into());
            assert_eq!(
                src.with_excerpt(d()),
                d().with_excerpt(text),
                "{text:?} line {line}"
            );
        }
    }
}

/// The character-by-character scan that `too_deep` replaced, kept as its oracle.
fn too_deep_by_chars(text: &str) -> Option<usize> {
    let (mut depth, mut quote, mut comment, mut prev) = (0usize, None::<char>, false, ' ');
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, comment, c) {
            (_, true, '\n') => comment = false,
            (_, true, _) => {}
            (Some('"'), _, '\\') => {
                chars.next();
            }
            (Some(q), _, c) if c == q => quote = None,
            (Some(_), _, _) => {}
            (None, _, '"' | '\'') if !prev.is_alphanumeric() => quote = Some(c),
            (None, _, '#') if prev.is_whitespace() => comment = true,
            (None, _, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            (None, _, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    None
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    #[test]
    fn the_nesting_scan_finds_what_the_character_scan_finds(
        deep in 120usize..129,
        text in "([\"'#\\[\\]{}\\\\ \\n\\ta1é\u{a0}\u{3000}x]){0,60}"
    ) {
        let text = format!("{}{text}", "[".repeat(deep));
        proptest::prop_assert_eq!(too_deep(&text), too_deep_by_chars(&text), "{:?}", text);
    }
}
