//! Property tests: any bytes, and any plausible YAML built from the real keys, give every
//! loader an `Ok` or a located error — never a panic.

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::data::DataSet;
use crate::data::model::{
    CareersFile, CodeSetsFile, CompetenciesFile, CredentialsFile, OutlookFile, ProgrammesFile,
    RulesFile, SettingsFile,
};
use crate::error::Diagnostic;
use crate::loader::Source;
use crate::person::log::Log;
use crate::person::profile::Profile;
use crate::person::roster::Roster;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

thread_local! {
    static DATA: DataSet = DataSet::load(None).unwrap();
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
        check("profile", Profile::load(&src, data, as_of()).map(drop))?;
        check("log", Log::load(&src, data, as_of()).map(drop))?;
        check("roster", Roster::load(&src, false).map(drop))?;
        Ok(())
    })?;
    let one = |r: Result<(), Diagnostic>| r.map_err(|d| vec![d]);
    check("credentials", one(src.parse::<CredentialsFile>().map(drop)))?;
    check("rules", one(src.parse::<RulesFile>().map(drop)))?;
    check("programmes", one(src.parse::<ProgrammesFile>().map(drop)))?;
    check(
        "competencies",
        one(src.parse::<CompetenciesFile>().map(drop)),
    )?;
    check("settings", one(src.parse::<SettingsFile>().map(drop)))?;
    check("careers", one(src.parse::<CareersFile>().map(drop)))?;
    check("outlook", one(src.parse::<OutlookFile>().map(drop)))?;
    check("code_sets", one(src.parse::<CodeSetsFile>().map(drop)))
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

/// Lists in the CEU log's own layout, with tricky scalars and comments, for the fast path.
fn flat_list() -> impl Strategy<Value = String> {
    const EXTRA: &[&str] = &[
        "plain words",
        "O'Hara",
        "\"a \\\" b\"",
        "'it''s'",
        "2026",
        "007",
        "-0.5",
        "1_000",
        "0x10",
        "+1",
        "- x",
        "a: b",
        "x #c",
        "#c",
    ];
    let scalar = prop::sample::select([SCALARS, EXTRA].concat()).prop_map(str::to_string);
    let value = prop_oneof![
        4 => scalar.clone(),
        1 => prop::collection::vec(scalar, 0..3).prop_map(|v| format!("[{}]", v.join(", "))),
    ];
    let comment = prop::sample::select(vec!["", " # note", "  #x"]);
    prop::collection::vec(
        prop::collection::vec((prop::sample::select(KEYS), value, comment), 1..6),
        1..6,
    )
    .prop_map(|items| block_list(&items))
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
    fn the_fast_path_agrees_with_the_full_parser(text in prop_oneof![yaml_document().boxed(), flat_list().boxed()]) {
        if let Some(fast) = crate::loader::fast::list::<serde_yaml::Value>(&text) {
            let full: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{text}\nfast read what the parser rejects: {e}")))?;
            prop_assert_eq!(fast, full, "{}", text);
        }
    }

    #[test]
    fn plausible_yaml_never_panics(text in yaml_document()) {
        prop_assert!(every_loader(&text).is_ok(), "{text}\n{:?}", every_loader(&text));
    }
}

#[test]
fn the_flat_strategy_reaches_the_fast_path() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let hits = (0..200)
        .filter(|_| {
            crate::loader::fast::list::<serde_yaml::Value>(
                &flat_list().new_tree(&mut runner).unwrap().current(),
            )
            .is_some()
        })
        .count();
    assert!(
        hits >= 20,
        "only {hits} of 200 generated lists took the fast path"
    );
}
