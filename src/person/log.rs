//! `*.ceus.yaml`: a CEU log — a YAML list of entries and checkpoints, oldest first, so a new
//! entry is appended at the end without touching what is already there.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::Catalog;
use crate::data::model::Body;
use crate::data::units::plain;
use crate::error::Diagnostic;
use crate::loader::Source;

/// The most CEUs one entry may claim; more is a typo.
pub const MAX_ENTRY_CEUS: f64 = 60.0;

/// One item of the log as written: an entry, or a checkpoint when `checkpoint` is set.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub provider: Option<String>,
    #[serde(default)]
    pub ceus: Option<f64>,
    #[serde(default)]
    pub aapc_index: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub domain: Option<Domain>,
    #[serde(default)]
    pub ahima_sourced: bool,
    #[serde(default)]
    pub certificate: Option<PathBuf>,
    /// An AHIMA annual coding self-assessment (required before 2021).
    #[serde(default)]
    pub self_assessment: bool,
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub checkpoint: Option<NaiveDate>,
    #[serde(default)]
    pub body: Option<Body>,
    #[serde(default)]
    pub earned: Option<f64>,
}

/// AHIMA's split of CEU topics.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// Within the health information and informatics management domains.
    Hiim,
    Other,
}

/// A CEU earned.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Line of the entry in the log.
    pub line: usize,
    pub date: NaiveDate,
    pub title: String,
    pub provider: String,
    pub ceus: f64,
    pub aapc_index: Option<String>,
    /// Competency or credential ids this CEU relates to.
    pub topics: Vec<String>,
    pub domain: Option<Domain>,
    pub ahima_sourced: bool,
    /// Resolved against the log's directory.
    pub certificate: Option<PathBuf>,
    pub self_assessment: bool,
    /// Line of an earlier entry with the same title, date and provider (a course counts once).
    pub duplicate_of: Option<usize>,
}

/// What an official portal showed on a date.
#[derive(Debug, Clone, Serialize)]
pub struct Checkpoint {
    pub line: usize,
    pub date: NaiveDate,
    pub body: Body,
    pub earned: f64,
}

/// A validated CEU log.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Log {
    pub entries: Vec<Entry>,
    pub checkpoints: Vec<Checkpoint>,
}

impl Log {
    /// Parses and validates a log; problems are located in `src`. An empty file is an empty log.
    /// Entries dated after `as_of` are kept (the tracker leaves them out and says so).
    pub fn load(src: &Source, catalog: &Catalog) -> Result<Log, Vec<Diagnostic>> {
        if src.text().trim_start_matches('\u{feff}').lines().all(|l| {
            let t = l.trim();
            t.is_empty() || t.starts_with('#')
        }) {
            return Ok(Log::default());
        }
        let items: Vec<Item> = src.parse_list()?;
        let dir = Path::new(src.name()).parent().unwrap_or(Path::new("."));
        let mut log = Log::default();
        let mut out = Vec::new();
        let known = catalog.topic_ids();
        let lines = src.item_lines(items.len());
        for (i, mut item) in items.into_iter().enumerate() {
            let at = |field: &str, msg: String| src.at(&format!("[{i}].{field}"), msg);
            let line = lines[i];
            if let Some(date) = item.checkpoint {
                let Some(body) = item.body else {
                    out.push(
                        at("checkpoint", "a checkpoint needs `body`".into())
                            .expected("body: AAPC or body: AHIMA"),
                    );
                    continue;
                };
                match item.earned {
                    Some(e) if e.is_finite() && e >= 0.0 => log.checkpoints.push(Checkpoint {
                        line,
                        date,
                        body,
                        earned: e,
                    }),
                    Some(e) => out.push(
                        at("earned", format!("`{}` CEUs is not a total", plain(e)))
                            .expected("a non-negative number"),
                    ),
                    None => out.push(
                        at("checkpoint", "a checkpoint needs `earned`".into())
                            .expected("the CEU total the portal showed"),
                    ),
                }
                continue;
            }
            let text = |t: Option<String>| t.filter(|t| !t.trim().is_empty());
            let (date, title, provider, ceus) = (
                item.date,
                text(item.title.take()),
                text(item.provider.take()),
                item.ceus,
            );
            let (Some(date), Some(title), Some(provider), Some(ceus)) =
                (date, title.clone(), provider.clone(), ceus)
            else {
                let missing: Vec<&str> = [
                    ("date", date.is_none()),
                    ("title", title.is_none()),
                    ("provider", provider.is_none()),
                    ("ceus", ceus.is_none()),
                ]
                .into_iter()
                .filter_map(|(k, m)| m.then_some(k))
                .collect();
                out.push(
                    src.at(
                        &format!("[{i}]"),
                        format!("entry lacks {}", missing.join(", ")),
                    )
                    .expected("date, title, provider and ceus on every entry"),
                );
                continue;
            };
            if !(ceus.is_finite() && ceus > 0.0 && ceus <= MAX_ENTRY_CEUS) {
                out.push(
                    at(
                        "ceus",
                        format!("`{}` CEUs is not plausible for one entry", plain(ceus)),
                    )
                    .expected(format!("more than 0 and at most {MAX_ENTRY_CEUS}")),
                );
            }
            for (j, t) in item.topics.iter().enumerate() {
                out.extend(src.unknown(&format!("[{i}].topics[{j}]"), t, &known, "topic"));
            }
            if item.body.is_some() || item.earned.is_some() {
                out.push(
                    at("body", "`body` and `earned` belong to checkpoints".into())
                        .expected("`checkpoint: DATE` on this item, or no body/earned"),
                );
            }
            log.entries.push(Entry {
                line,
                date,
                title,
                provider,
                ceus,
                aapc_index: item.aapc_index.filter(|s| !s.trim().is_empty()),
                topics: item.topics,
                domain: item.domain,
                ahima_sourced: item.ahima_sourced,
                certificate: item.certificate.map(|c| dir.join(c)),
                self_assessment: item.self_assessment,
                duplicate_of: None,
            });
        }
        mark_duplicates(&mut log.entries);
        if out.is_empty() { Ok(log) } else { Err(out) }
    }
}

/// Sets `duplicate_of` on every entry that repeats an earlier one by the duplicate rule of
/// [`super::dedup`].
fn mark_duplicates(entries: &mut [Entry]) {
    let mut first: HashMap<super::dedup::Key, usize> = HashMap::with_capacity(entries.len());
    for e in entries {
        let key = super::dedup::key(&e.title, e.date, &e.provider);
        let line = *first.entry(key).or_insert(e.line);
        e.duplicate_of = (line != e.line).then_some(line);
    }
}
