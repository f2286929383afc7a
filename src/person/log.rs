//! `*.ceus.yaml`: a CEU log — a YAML list of entries and checkpoints, oldest first, so a new
//! entry is appended at the end without touching what is already there.

use foldhash::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::Catalog;
use crate::data::model::Body;
use crate::data::units::plain;
use crate::error::Diagnostic;
use crate::loader::{Source, Taint, direct, merged};

/// Text of a log entry: short text (most providers, index numbers and topics, many titles)
/// is held in place, without an allocation of its own.
pub type Text = compact_str::CompactString;

/// The most CEUs one entry may claim; more is a typo.
pub const MAX_ENTRY_CEUS: f64 = 60.0;

/// About the fewest bytes an entry takes in a log (`- {date: 2026-01-05, title: a, provider:
/// b, ceus: 1}` is 52 and its line break).
const MIN_ENTRY_BYTES: usize = 48;

/// The largest portal total a checkpoint may record: far above any cycle's requirement, so
/// only a mistyped figure is refused.
pub const MAX_CHECKPOINT_CEUS: f64 = 1000.0;

/// One item of the log as written: an entry, or a checkpoint when `checkpoint` is set.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    #[serde(default, deserialize_with = "crate::loader::ymd::option::deserialize")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub title: Option<Text>,
    #[serde(default)]
    pub provider: Option<Text>,
    #[serde(default)]
    pub ceus: Option<f64>,
    #[serde(default)]
    pub aapc_index: Option<Text>,
    #[serde(default)]
    pub topics: Vec<Text>,
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
    pub title: Text,
    pub provider: Text,
    pub ceus: f64,
    pub aapc_index: Option<Text>,
    /// Competency or credential ids this CEU relates to.
    pub topics: Vec<Text>,
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
        Self::load_with(src, catalog, true)
    }

    /// [`Log::load`]; `direct` lets a log in the usual layout be read straight into items
    /// (see [`crate::loader::direct`]) instead of through the deserializer. Both ways give
    /// the same log and the same diagnostics.
    pub(crate) fn load_with(
        src: &Source,
        catalog: &Catalog,
        direct: bool,
    ) -> Result<Log, Vec<Diagnostic>> {
        if src.text().trim_start_matches('\u{feff}').lines().all(|l| {
            let t = l.trim();
            t.is_empty() || t.starts_with('#')
        }) {
            return Ok(Log::default());
        }
        let topics = catalog.topic_ids();
        if direct {
            let mut reader = Direct {
                item: Item::default(),
                check: Check::new(src, &topics),
            };
            // Room for the items of the text (each starts a line with `- ` in the layout
            // read here), so that a long log is neither copied from buffer to growing buffer
            // nor given room it never fills, which would only push what comes after it onto
            // fresh memory; but never for more entries than the text could hold.
            let items = memchr::memmem::find_iter(src.text().as_bytes(), b"\n- ").count() + 1;
            let room = items.min(src.text().len() / MIN_ENTRY_BYTES);
            reader.check.log.entries.reserve(room);
            if src.each_item(&mut reader) {
                return reader.check.finish();
            }
        }
        // Items that parsed are checked even when others did not, so that every problem in
        // the file is reported in one run.
        let (items, parsing, taint) = src.parse_checkable::<Vec<Item>>()?;
        let lines = src.item_lines(items.len());
        let mut check = Check::new(src, &topics);
        check.taint = taint;
        for (item, line) in items.into_iter().zip(lines) {
            check.item(line, item);
        }
        match check.finish() {
            Ok(log) if parsing.is_empty() => Ok(log),
            Ok(_) => Err(parsing),
            Err(checks) => Err(merged(parsing, checks)),
        }
    }
}

impl Item {
    /// Sets the field `key` to `value` read as the deserializer reads it (see
    /// [`crate::loader::direct`]); `None` for a key that is not a field, or a value the
    /// deserializer would report.
    pub(crate) fn set(&mut self, key: &str, value: direct::Value<'_, '_>) -> Option<()> {
        match key {
            "date" => self.date = value.date()?,
            "title" => self.title = value.text()?.map(Text::from),
            "provider" => self.provider = value.text()?.map(Text::from),
            "ceus" => self.ceus = value.number()?,
            "aapc_index" => self.aapc_index = value.text()?.map(Text::from),
            "topics" => self.topics = value.texts()?,
            "domain" => {
                self.domain = match value.word()? {
                    None => None,
                    Some("hiim") => Some(Domain::Hiim),
                    Some("other") => Some(Domain::Other),
                    Some(_) => return None,
                }
            }
            "ahima_sourced" => self.ahima_sourced = value.flag()?,
            "certificate" => self.certificate = value.text()?.map(PathBuf::from),
            "self_assessment" => self.self_assessment = value.flag()?,
            "checkpoint" => self.checkpoint = value.date()?,
            "body" => {
                self.body = match value.word()? {
                    None => None,
                    Some("AAPC") => Some(Body::AAPC),
                    Some("AHIMA") => Some(Body::AHIMA),
                    Some(_) => return None,
                }
            }
            "earned" => self.earned = value.number()?,
            _ => return None,
        }
        Some(())
    }
}

/// Reads a log in the usual layout straight into the checks, item by item (see
/// [`crate::loader::direct`]).
struct Direct<'s> {
    /// The item being read.
    item: Item,
    check: Check<'s>,
}

impl direct::Read for Direct<'_> {
    fn pair(&mut self, key: &str, value: direct::Value<'_, '_>) -> Option<()> {
        self.item.set(key, value)
    }

    fn end(&mut self, line: usize) -> Option<()> {
        self.check.item(line, std::mem::take(&mut self.item));
        Some(())
    }
}

/// The checks of [`Log::load`], item by item, building the log and its diagnostics.
struct Check<'s> {
    src: &'s Source,
    /// Competency and credential ids, as listed for "did you mean".
    topics: &'s [&'s str],
    /// The same ids, for a quick look-up.
    known: HashSet<&'s str>,
    /// The log's folder, which certificates are relative to.
    dir: &'s Path,
    /// Index of the next item in the file.
    index: usize,
    /// Places whose parsing problems are reported already, so not checked again.
    taint: Taint,
    log: Log,
    problems: Vec<Diagnostic>,
}

impl<'s> Check<'s> {
    fn new(src: &'s Source, topics: &'s [&'s str]) -> Self {
        Check {
            src,
            topics,
            known: topics.iter().copied().collect(),
            dir: Path::new(src.name()).parent().unwrap_or(Path::new(".")),
            index: 0,
            taint: Taint::default(),
            log: Log::default(),
            problems: Vec::new(),
        }
    }

    /// Checks the next item, which starts on `line`, and keeps it if it is sound.
    fn item(&mut self, line: usize, item: Item) {
        let i = self.index;
        self.index += 1;
        let at = |field: &str| format!("[{i}].{field}");
        if let Some(date) = item.checkpoint {
            let Some(body) = item.body else {
                self.report(
                    at("checkpoint"),
                    "a checkpoint needs `body`".into(),
                    "body: AAPC or body: AHIMA".into(),
                );
                return;
            };
            match item.earned {
                Some(e) if e.is_finite() && (0.0..=MAX_CHECKPOINT_CEUS).contains(&e) => {
                    self.log.checkpoints.push(Checkpoint {
                        line,
                        date,
                        body,
                        earned: e,
                    })
                }
                Some(e) => self.report(
                    at("earned"),
                    format!("`{}` CEUs is not a plausible portal total", plain(e)),
                    format!("a number from 0 to {MAX_CHECKPOINT_CEUS}"),
                ),
                None => self.report(
                    at("checkpoint"),
                    "a checkpoint needs `earned`".into(),
                    "the CEU total the portal showed".into(),
                ),
            }
            return;
        }
        let blank = |t: &Option<Text>| t.as_deref().is_none_or(is_blank);
        let (Some(date), false, false, Some(ceus)) = (
            item.date,
            blank(&item.title),
            blank(&item.provider),
            item.ceus,
        ) else {
            let missing: Vec<&str> = [
                ("date", item.date.is_none()),
                ("title", blank(&item.title)),
                ("provider", blank(&item.provider)),
                ("ceus", item.ceus.is_none()),
            ]
            .into_iter()
            .filter_map(|(k, m)| m.then_some(k))
            .collect();
            self.report(
                format!("[{i}]"),
                format!("entry lacks {}", missing.join(", ")),
                "date, title, provider and ceus on every entry".into(),
            );
            // Its other fields are checked too; the entry is not kept.
            self.fields(i, &item);
            return;
        };
        self.fields(i, &item);
        self.log.entries.push(Entry {
            line,
            date,
            title: item.title.unwrap_or_default(),
            provider: item.provider.unwrap_or_default(),
            ceus,
            aapc_index: item.aapc_index.filter(|s| !is_blank(s)),
            topics: item.topics,
            domain: item.domain,
            ahima_sourced: item.ahima_sourced,
            certificate: item.certificate.map(|c| self.dir.join(c)),
            self_assessment: item.self_assessment,
            duplicate_of: None,
        });
    }

    /// Checks entry `i`'s CEUs (when given), topics and checkpoint-only keys.
    fn fields(&mut self, i: usize, item: &Item) {
        let at = |field: &str| format!("[{i}].{field}");
        if let Some(ceus) = item.ceus
            && !(ceus.is_finite() && ceus > 0.0 && ceus <= MAX_ENTRY_CEUS)
        {
            self.report(
                at("ceus"),
                format!("`{}` CEUs is not plausible for one entry", plain(ceus)),
                format!("more than 0 and at most {MAX_ENTRY_CEUS}"),
            );
        }
        for (j, t) in item.topics.iter().enumerate() {
            if !self.known.contains(t.as_str()) {
                let path = at(&format!("topics[{j}]"));
                if self.taint.clean(&path) {
                    let unknown = self.src.unknown(&path, t, self.topics, "topic");
                    self.problems.extend(unknown);
                }
            }
        }
        if item.body.is_some() || item.earned.is_some() {
            self.report(
                at("body"),
                "`body` and `earned` belong to checkpoints".into(),
                "`checkpoint: DATE` on this item, or no body/earned".into(),
            );
        }
    }

    /// Adds a problem at the record `path`, unless a value there was not read as written
    /// (its parsing problem says what is wrong).
    fn report(&mut self, path: String, message: String, expected: String) {
        if self.taint.clean(&path) {
            let d = self.src.at(&path, message).expected(expected);
            self.problems.push(d);
        }
    }

    /// The log, or every problem found, in file order.
    fn finish(mut self) -> Result<Log, Vec<Diagnostic>> {
        if self.problems.is_empty() {
            mark_duplicates(&mut self.log.entries);
            Ok(self.log)
        } else {
            // In file order, as the parsing problems are (a stable sort: the checks at one
            // place keep their order).
            self.problems.sort_by_key(|d| (d.line, d.column));
            Err(self.problems)
        }
    }
}

/// Marks each entry that repeats an earlier one (see [`super::dedup`]) with the line of the
/// first: the same title, date and provider, or the same AAPC index.
fn mark_duplicates(entries: &mut [Entry]) {
    let mut firsts = super::dedup::Firsts::new(entries.len());
    let mut indexes = super::dedup::Firsts::new(entries.len());
    for i in 0..entries.len() {
        let all = &*entries;
        let first = firsts.add(i, |j| Some((&all[j].title, all[j].date, &all[j].provider)));
        let same_index = indexes.add(i, |j| {
            let index = all[j].aapc_index.as_deref();
            index.map(|x| (x, NaiveDate::MIN, ""))
        });
        let earlier = |j: usize| (j != i).then(|| all[j].line);
        entries[i].duplicate_of = earlier(first).or(earlier(same_index));
    }
}

/// Whether text is empty or only white space (the test of `trim().is_empty()`, which stops at
/// the first other character instead of trimming both ends).
fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}
