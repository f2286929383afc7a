//! Property tests: arbitrary Unicode text (controls, CR/LF, quotes, markup) through every
//! writer and back through a real parser of that format — YAML (the loader's full parser
//! and the log validator), iCalendar (the `icalendar` crate), CSV (the `csv` reader),
//! Markdown (`pulldown-cmark`) and HTML (the index template) — comes back as the same text,
//! or as that text with control characters made visible, and never as structure.

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::loader::Source;
use crate::person::append::{NewEntry, appended};
use crate::person::log::{Item, Log};
use crate::render::escape::{md, terminal_line};
use crate::render::ics::{CalEvent, calendar};
use crate::render::table::Table;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// Text rich in what breaks formats: controls, line breaks, quotes, markup, invisible and
/// non-ASCII characters, plus anything else.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        3 => prop::sample::select(vec![
            "\r\n", "\r", "\n", "\t", "\u{0}", "\u{7}", "\u{1b}[2J", "\u{7f}", "\u{85}",
            "\u{9b}", "\u{a0}", "\u{2028}", "\u{2029}", "\u{202e}", "\u{200b}", "\u{feff}",
            "\u{fffe}", "\u{ffff}", "\"", "'", "\\", ";", ",", ":", "#", "- ", "1. ", "> ",
            "* ", "_", "`", "[a](http://x)", "<b>", "&amp;", "|", "~", "!", "===", "   ",
            "José", "✓", "🎉", "END:VEVENT", "=SUM(A1)", "@x", "+1", "{{ x }}",
        ]).prop_map(String::from),
        2 => "\\PC{0,6}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

/// Runs of whitespace (as Markdown and line-breaking characters count it) made one space,
/// the ends trimmed.
fn collapsed(s: &str) -> String {
    s.split(|c: char| {
        c.is_ascii_whitespace() || matches!(c, '\u{b}' | '\u{85}' | '\u{2028}' | '\u{2029}')
    })
    .filter(|w| !w.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn yaml_appended_entries_read_back_exactly(title in hostile_text(), provider in hostile_text(), old in "(# [a-z]{0,8}\r?\n){0,2}") {
        prop_assume!(!title.trim().is_empty() && !provider.trim().is_empty());
        let entry = NewEntry {
            date: as_of(),
            title: title.clone(),
            provider: provider.clone(),
            ceus: 1.0,
            aapc_index: Some(provider.clone()),
            topics: vec![],
            domain: None,
            ahima_sourced: false,
            certificate: Some(title.clone().into()),
        };
        let text = appended(&old, &[entry]).unwrap();
        prop_assert!(text.starts_with(&old));
        let src = Source::new("t.ceus.yaml", text);
        let items = src.parse_full::<Vec<Item>>().map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        prop_assert_eq!(items[0].title.as_deref(), Some(title.as_str()));
        prop_assert_eq!(items[0].provider.as_deref(), Some(provider.as_str()));
        prop_assert_eq!(items[0].aapc_index.as_deref(), Some(provider.as_str()));
        prop_assert_eq!(items[0].certificate.as_ref().map(|c| c.to_string_lossy().into_owned()), Some(title.clone()));
        let log = Log::load(&src, &crate::testing::EMBEDDED).map_err(|ds| TestCaseError::fail(format!("{ds:?}")))?;
        prop_assert_eq!(&log.entries[0].title, &title);
        prop_assert_eq!(&log.entries[0].provider, &provider);
    }

    #[test]
    fn ics_text_reads_back_and_lines_are_rfc5545(name in hostile_text(), summary in hostile_text(), description in hostile_text()) {
        let event = CalEvent {
            uid: format!("{name}@coderpath"),
            summary: summary.clone(),
            description: description.clone(),
            date: as_of(),
            remind_days_before: vec![7],
            monthly_until: None,
        };
        let text = calendar(&name, &[event], as_of());
        for line in text.split_terminator("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            prop_assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "{:?}", line);
        }
        let cal = text.parse::<icalendar::Calendar>().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
        prop_assert_eq!(events.len(), 1);
        // Line breaks come back as LF, other controls (but tab) as their visible forms.
        let expected = |s: &str| -> String {
            s.replace("\r\n", "\n")
                .replace('\r', "\n")
                .chars()
                .map(|c| match c {
                    '\n' | '\t' => c.to_string(),
                    _ => terminal_line(&c.to_string()),
                })
                .collect()
        };
        use icalendar::Component;
        let get = |v: Option<&str>| v.map(String::from);
        prop_assert_eq!(get(events[0].get_summary()), Some(expected(&summary)));
        prop_assert_eq!(get(events[0].get_description()), Some(expected(&description)));
        prop_assert_eq!(get(events[0].get_uid()), Some(expected(&format!("{name}@coderpath"))));
    }

    #[test]
    fn csv_cells_read_back_neutralised(cells in prop::collection::vec(hostile_text(), 1..5)) {
        let table = Table::new("t", &["a"; 5][..cells.len()], vec![cells.clone()]);
        let csv = table.to_csv();
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(csv.as_bytes());
        let row = reader.records().next().unwrap().map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (got, cell) in row.iter().zip(&cells) {
            let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            prop_assert_eq!(got.to_string(), if formula { format!("'{cell}") } else { cell.clone() });
            prop_assert!(!got.starts_with(['=', '+', '-', '@', '\t', '\r']));
        }
    }

    #[test]
    fn markdown_text_stays_text_in_every_position(s in hostile_text()) {
        let e = md(&s);
        let doc = format!("# Heading {e}\n\nBefore {e} after.\n\n- item {e}\n\n{e}\n\n| a | b |\n| --- | --- |\n| {e} | x |\n");
        let events: Vec<pulldown_cmark::Event> =
            pulldown_cmark::Parser::new_ext(&doc, pulldown_cmark::Options::ENABLE_TABLES).collect();
        let mut blocks = Vec::new();
        for ev in &events {
            match ev {
                pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_) => {
                    return Err(TestCaseError::fail(format!("raw HTML from {s:?} in {doc:?}")));
                }
                pulldown_cmark::Event::Start(tag) => {
                    let name = format!("{tag:?}");
                    blocks.push(name.split(['(', ' ', '{']).next().unwrap_or("").to_string());
                }
                _ => {}
            }
        }
        let expected_blocks = ["Heading", "Paragraph", "List", "Item", "Table", "TableHead", "TableCell", "TableCell", "TableRow", "TableCell", "TableCell"];
        // The line holding only the text is a paragraph unless the text is empty.
        let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let mut want = expected_blocks.to_vec();
        if !collapsed(&s).is_empty() {
            want.insert(4, "Paragraph");
        }
        prop_assert_eq!(&blocks[..], &want[..], "{:?}", doc);
        let text: String = events
            .iter()
            .filter_map(|ev| match ev {
                pulldown_cmark::Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        let want = terminal_line(&collapsed(&s));
        prop_assert!(text.contains(&format!("Before {want} after.")), "{:?} not in {:?}", want, text);
    }

    #[test]
    fn html_index_adds_no_markup_from_names(name in hostile_text()) {
        let templates = crate::render::templates::Templates::new(None).unwrap();
        let page = |name: &str| {
            let row = crate::report::failed_row(name, name, name.to_string());
            let mut ok = row.clone();
            ok.error = None;
            ok.file = Some("clients/x".into());
            let rows = [row, ok];
            let overview = crate::report::Overview::new(Some(name), Some(name), as_of(), &rows, vec![], vec![]);
            templates.render("index.html", &overview).unwrap()
        };
        let structure = |html: &str| (html.matches('<').count(), html.matches('>').count(), html.matches('"').count());
        prop_assert_eq!(structure(&page(&name)), structure(&page("x")));
    }
}
