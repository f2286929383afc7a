//! Property tests: any bytes, and any plausible YAML built from the real keys, give every
//! loader an `Ok` or located errors — never a panic; and the fast reader never disagrees
//! with the full one.

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::data::Catalog;
use crate::data::model::{
    CareersFile, CodeSetsFile, CompetenciesFile, CredentialsFile, OutlookFile, ProgrammesFile,
    RulesFile, SettingsFile,
};
use crate::error::Diagnostic;
use crate::loader::Source;
use crate::person::log::Log;
use crate::person::profile::{Person, Profile};
use crate::person::roster::Roster;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

thread_local! {
    static DATA: Catalog = Catalog::embedded();
}

/// A located diagnostic points inside (or just past) the text.
fn located(d: &Diagnostic, text: &str) -> bool {
    d.line >= 1 && d.column >= 1 && d.line <= text.lines().count() + 2 && !d.message.is_empty()
}

/// Runs every loader on `text`; each must return Ok or located errors.
fn every_loader(text: &str) -> Result<(), String> {
    let src = Source::new("t.yaml", text);
    let check = |what: &str, r: Result<(), Vec<Diagnostic>>| match r {
        Err(ds) if ds.is_empty() || !ds.iter().all(|d| located(d, text)) => {
            Err(format!("{what}: unlocated {ds:?}"))
        }
        _ => Ok(()),
    };
    DATA.with(|data| -> Result<(), String> {
        check("profile", Person::load(&src, data, as_of()).map(drop))?;
        check("log", Log::load(&src, data).map(drop))?;
        check("roster", Roster::load(&src, false).map(drop))?;
        Ok(())
    })?;
    check("credentials", src.parse::<CredentialsFile>().map(drop))?;
    check("rules", src.parse::<RulesFile>().map(drop))?;
    check("programmes", src.parse::<ProgrammesFile>().map(drop))?;
    check("competencies", src.parse::<CompetenciesFile>().map(drop))?;
    check("settings", src.parse::<SettingsFile>().map(drop))?;
    check("careers", src.parse::<CareersFile>().map(drop))?;
    check("outlook", src.parse::<OutlookFile>().map(drop))?;
    check("code_sets", src.parse::<CodeSetsFile>().map(drop))
}

const KEYS: &[&str] = &[
    "name",
    "education",
    "experience_months",
    "completed",
    "credentials",
    "id",
    "earned",
    "apprentice",
    "target",
    "setting",
    "credential",
    "by",
    "preferences",
    "delivery",
    "budget_usd",
    "hours_per_week",
    "ceu_log",
    "aapc_renewal",
    "memberships",
    "cycle_overrides",
    "body",
    "start",
    "end",
    "required",
    "date",
    "title",
    "provider",
    "ceus",
    "aapc_index",
    "topics",
    "domain",
    "ahima_sourced",
    "checkpoint",
    "counsellor",
    "clients",
    "as_of",
    "sources",
    "url",
    "tag",
    "exam",
    "fees",
    "kind",
    "usd",
    "rulebooks",
    "programmes",
    "outlook",
    "settings",
    "careers",
    "code_sets",
    "nmae",
];

const SCALARS: &[&str] = &[
    "high_school",
    "CPC",
    "CCS",
    "AAPC",
    "AHIMA",
    "physician_office",
    "online",
    "hiim",
    "2026-01-05",
    "2026-02-30",
    "12/01/2024",
    "0",
    "-3",
    "1.5",
    "1e308",
    ".nan",
    ".inf",
    "~",
    "true",
    "\"quoted: text\"",
    "'single'",
    "[]",
    "{}",
    "cpt",
    "x.ceus.yaml",
    "\"<script>\"",
    "=SUM(A1)",
];

/// Plausible YAML: nested mappings and lists over the real keys and tricky scalars.
fn yaml_value(depth: u32) -> BoxedStrategy<String> {
    let scalar = prop::sample::select(SCALARS).prop_map(str::to_string);
    if depth == 0 {
        return scalar.boxed();
    }
    prop_oneof![
        3 => scalar,
        1 => prop::collection::vec(yaml_value(depth - 1), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
        1 => prop::collection::vec((prop::sample::select(KEYS), yaml_value(depth - 1)), 0..4)
            .prop_map(|kv| format!("{{ {} }}", kv.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", "))),
    ]
    .boxed()
}

/// Items of a block list: each item's first key after `- `, the rest indented under it.
fn block_list<V: std::fmt::Display>(items: &[Vec<(&str, V, &str)>]) -> String {
    items
        .iter()
        .map(|kv| {
            kv.iter()
                .enumerate()
                .map(|(i, (k, v, c))| format!("{}{k}: {v}{c}\n", if i == 0 { "- " } else { "  " }))
                .collect::<String>()
        })
        .collect()
}

fn yaml_document() -> impl Strategy<Value = String> {
    let mapping = prop::collection::vec((prop::sample::select(KEYS), yaml_value(3)), 0..10)
        .prop_map(|kv| {
            kv.iter()
                .map(|(k, v)| format!("{k}: {v}\n"))
                .collect::<String>()
        });
    let list = prop::collection::vec(
        prop::collection::vec((prop::sample::select(KEYS), yaml_value(2), Just("")), 1..6),
        0..5,
    )
    .prop_map(|items| block_list(&items));
    prop_oneof![mapping, list]
}

/// Characters that trip YAML readers up: controls, DEL, NEL and other C1 controls,
/// non-characters, a byte-order mark, line and paragraph separators, quotes, escapes,
/// indicators, tabs, carriage returns and non-ASCII letters.
const TRICKY: &[&str] = &[
    "\u{7f}", "\u{85}", "\u{9b}", "\u{fffe}", "\u{ffff}", "\u{feff}", "\u{2028}", "\u{1b}",
    "\u{0}", "\t", "\r", "\"", "'", "''", "\\", "\\\"", "\\u00e9", "\\x41", "\\t", "#", " #", ": ",
    ":", ",", "[", "]", "{", "}", "-", "- ", "&a", "*a", "!t", "|", ">", "%", "@", "`", "~", "é",
    "ü", " ", "  ", "x", "1", ".5", "0x1", "null", "true",
];

/// A value as it might be written after `key: `: plain, quoted, flow lists, block and
/// folded scalars, made of ordinary and tricky pieces.
fn raw_value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(SCALARS).prop_map(str::to_string),
        1 => prop::sample::select(TRICKY).prop_map(str::to_string),
        4 => "[a-zA-Z0-9 ]{1,8}",
    ];
    let text = prop::collection::vec(piece, 1..4).prop_map(|p| p.concat());
    prop_oneof![
        8 => text.clone(),
        2 => text.clone().prop_map(|t| format!("\"{t}\"")),
        2 => text.clone().prop_map(|t| format!("'{t}'")),
        2 => prop::collection::vec(text.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
        1 => text.clone().prop_map(|t| format!("|\n    {t}\n    more")),
        1 => text.clone().prop_map(|t| format!(">-\n    {t}\n\n    folded")),
        1 => (text.clone(), prop::sample::select(vec![" # note", "  #x", "#x", " "]))
            .prop_map(|(t, c)| format!("{t}{c}")),
    ]
}

/// Lists in the CEU log's own layout (what the fast reader accepts) with tricky values,
/// comments, blank lines, CRLF line ends and the odd misplaced line.
fn log_like() -> impl Strategy<Value = String> {
    let line = (prop::sample::select(KEYS), raw_value());
    let item = prop::collection::vec(line, 1..4);
    let eol = prop::sample::select(vec!["\n", "\n", "\n", "\r\n"]);
    let extra = prop::sample::select(vec![
        "",
        "",
        "",
        "",
        "",
        "",
        "# comment\n",
        "\n",
        "   \n",
        "---\n",
        "  - x\n",
        "\tx: 1\n",
    ]);
    prop::collection::vec((item, eol, extra), 1..5).prop_map(|items| {
        let mut out = String::new();
        for (kv, eol, extra) in items {
            out.push_str(extra);
            for (i, (k, v)) in kv.iter().enumerate() {
                out.push_str(if i == 0 { "- " } else { "  " });
                out.push_str(&format!("{k}: {v}{eol}"));
            }
        }
        out
    })
}

/// Values a CEU log's field may take: mostly ones its type reads (first list), and ones it
/// refuses or that resolve to another type (quoted numbers, nulls, words that are not
/// variants, lists for text).
fn log_field(key: &'static str) -> BoxedStrategy<(&'static str, &'static str)> {
    let (good, odd): (&[&str], &[&str]) = match key {
        "date" | "checkpoint" => (
            &["2026-01-05", "'2026-01-06'", "\"2016-03-01\"", "~", "null"],
            &["2026-02-30", "2026-1-5", "''", "[]"],
        ),
        "ceus" | "earned" => (
            &[
                "1",
                "1.5",
                "0",
                "-2",
                "61",
                "1e3",
                ".5",
                ".inf",
                "-.inf",
                ".nan",
                "0x1F",
                "0o17",
                "~",
                "99999999999999999999999999999999999999999",
            ],
            &["\"1.5\"", "true", "abc", "[]"],
        ),
        "topics" => (
            &[
                "[]",
                "[cpt]",
                "[cpt, icd10cm]",
                "[CPC, \"CPMA\", 'x']",
                "[ ]",
                "[cpt, cpt]",
                "[1, true]",
            ],
            &["[~]", "[null, cpt]", "~", "cpt"],
        ),
        "domain" => (
            &["hiim", "other", "\"hiim\"", "'other'", "~"],
            &["Hiim", "HIIM", "1", "[hiim]"],
        ),
        "ahima_sourced" | "self_assessment" => (
            &["true", "false", "True", "FALSE", "TRUE"],
            &["yes", "~", "1", "\"true\""],
        ),
        "body" => (
            &["AAPC", "AHIMA", "'AHIMA'", "~"],
            &["aapc", "Ahima", "[AAPC]"],
        ),
        "nmae" => (&[], &["x"]),
        _ => (
            &[
                "Course 1",
                "\"Course: 2\"",
                "'It''s'",
                "~",
                "NULL",
                "''",
                "\"  \"",
                "1.5",
                "true",
                "é",
                "x # comment",
                "\"\\t\"",
                "../up.pdf",
                "COURSE  1",
                "Provider 2",
            ],
            &["[a]"],
        ),
    };
    let value = if good.is_empty() {
        prop::sample::select(odd).boxed()
    } else {
        prop_oneof![6 => prop::sample::select(good), 1 => prop::sample::select(odd)].boxed()
    };
    value.prop_map(move |v| (key, v)).boxed()
}

/// CEU logs in the usual layout whose entries mostly read cleanly: the fields of an entry or
/// a checkpoint in any order, sometimes an unknown key.
fn log_entries() -> impl Strategy<Value = String> {
    const FIELDS: &[&str] = &[
        "date",
        "title",
        "provider",
        "ceus",
        "aapc_index",
        "topics",
        "domain",
        "ahima_sourced",
        "certificate",
        "self_assessment",
        "checkpoint",
        "body",
        "earned",
        "nmae",
    ];
    let item = prop::sample::subsequence(FIELDS, 1..7)
        .prop_shuffle()
        .prop_flat_map(|keys| keys.into_iter().map(log_field).collect::<Vec<_>>());
    prop::collection::vec(item, 1..6).prop_map(|items| {
        let items: Vec<Vec<(&str, &str, &str)>> = items
            .into_iter()
            .map(|kv| kv.into_iter().map(|(k, v)| (k, v, "")).collect())
            .collect();
        block_list(&items)
    })
}

/// The two readers agree: the fast reader gives up, or builds the full reader's tree.
fn readers_agree(text: &str) -> Result<(), TestCaseError> {
    if let Some(fast) = crate::loader::fast::read(text) {
        let full = crate::loader::full::read(text);
        prop_assert!(
            full.problems.is_empty(),
            "{text:?}\nfast read what the full reader refuses: {:?}",
            full.problems
        );
        prop_assert_eq!(full.root.as_ref(), Some(&fast), "{:?}", text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        prop_assert!(every_loader(&text).is_ok(), "{:?}", every_loader(&text));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        match Source::from_bytes("t.yaml".into(), bytes) {
            Ok(src) => prop_assert!(every_loader(src.text()).is_ok(), "{:?}", every_loader(src.text())),
            Err(e) => prop_assert!(e.diagnostics().len() == 1, "{e}"),
        }
    }

    #[test]
    fn plausible_yaml_never_panics(text in yaml_document()) {
        prop_assert!(every_loader(&text).is_ok(), "{text}\n{:?}", every_loader(&text));
    }

    #[test]
    fn log_like_text_never_panics(text in log_like()) {
        prop_assert!(every_loader(&text).is_ok(), "{text}\n{:?}", every_loader(&text));
    }

    #[test]
    fn the_fast_reader_agrees_with_the_full_reader(text in prop_oneof![log_like().boxed(), yaml_document().boxed()]) {
        readers_agree(&text)?;
    }

    #[test]
    fn the_fast_reader_agrees_on_any_text(text in "(- |  |#|\\PC|[\"':,#\\[\\] \r\n\t\u{7f}\u{85}\u{fffe}])*") {
        readers_agree(&text)?;
    }

    #[test]
    fn parsing_gives_the_same_result_with_or_without_the_fast_reader(text in log_like()) {
        let src = Source::new("t.ceus.yaml", text.as_str());
        let with = src.parse::<Vec<crate::person::log::Item>>().map(|v| format!("{v:?}"));
        let without = src.parse_full::<Vec<crate::person::log::Item>>().map(|v| format!("{v:?}"));
        prop_assert_eq!(with, without, "{:?}", text);
        let with = src.parse::<serde_json::Value>();
        let without = src.parse_full::<serde_json::Value>();
        prop_assert_eq!(with, without, "{:?}", text);
        let with = src.parse::<Profile>().map(|p| format!("{p:?}"));
        let without = src.parse_full::<Profile>().map(|p| format!("{p:?}"));
        prop_assert_eq!(with, without, "{:?}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn reading_a_log_directly_gives_the_same_log(text in prop_oneof![log_entries().boxed(), log_like().boxed()]) {
        DATA.with(|data| {
            let direct = Log::load_with(&Source::new("t.ceus.yaml", text.as_str()), data, true);
            let general = Log::load_with(&Source::new("t.ceus.yaml", text.as_str()), data, false);
            prop_assert_eq!(format!("{direct:?}"), format!("{general:?}"), "{:?}", text);
            Ok(())
        })?;
    }
}

#[test]
fn the_entry_strategy_reaches_the_direct_reader() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    /// Counts the items read.
    struct Count(usize, crate::person::log::Item);
    impl crate::loader::direct::Read for Count {
        fn pair(&mut self, key: &str, value: crate::loader::direct::Value<'_, '_>) -> Option<()> {
            self.1.set(key, value)
        }
        fn end(&mut self, _: usize) -> Option<()> {
            self.0 += 1;
            Some(())
        }
    }
    let (mut direct, mut partly) = (0, 0);
    for _ in 0..300 {
        let text = log_entries().new_tree(&mut runner).unwrap().current();
        let src = Source::new("t.ceus.yaml", text.as_str());
        let mut count = Count(0, Default::default());
        if src.each_item(&mut count) {
            direct += 1;
        } else if count.0 > 0 {
            partly += 1;
        }
    }
    assert!(
        direct >= 30 && partly >= 30,
        "of 300 generated logs {direct} were read directly, {partly} partly"
    );
}

#[test]
fn the_log_strategy_reaches_the_fast_reader() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let hits = (0..300)
        .filter(|_| {
            crate::loader::fast::read(&log_like().new_tree(&mut runner).unwrap().current())
                .is_some()
        })
        .count();
    assert!(
        hits >= 30,
        "only {hits} of 300 generated logs took the fast reader"
    );
}
