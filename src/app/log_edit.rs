//! The CEU log's two edits, each done under the log's lock and checked before the log is
//! replaced (atomically, flushed to disk): appending entries (`ceu add`; `ceu import`
//! appends many) and removing one item's lines (`ceu remove`). Every other byte of the
//! log stays as it was.
//!
//! The checks: the log as it is must be valid; no new entry may repeat an entry already
//! there or another new one ([`crate::person::dedup`]); the result must stay under the size
//! limit, parse with the full YAML parser with the new entries reading back exactly as
//! given, and validate with one item more per entry (or one item fewer).

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

use super::files::log::update;
use crate::data::DataSet;
use crate::error::Error;
use crate::loader::Source;
use crate::person::append::{NewEntry, appended, removed};
use crate::person::dedup;
use crate::person::log::Log;
use crate::render::escape::terminal_line;

/// Appends `entries` to the log at `log` (created if missing), all or none.
pub fn append_entries(
    log: &Path,
    entries: &[NewEntry],
    data: &DataSet,
    as_of: NaiveDate,
) -> Result<(), Error> {
    update(log, |old| {
        let before = Log::load(old, data, as_of).map_err(Error::Inputs)?;
        // Where each course already is: a line of the log, or an earlier new entry.
        let mut seen: std::collections::HashMap<dedup::Key, (String, &str, &str)> = before
            .entries
            .iter()
            .map(|e| {
                let key = dedup::key(&e.title, e.date, &e.provider);
                let at = format!("{}:{}", old.name(), e.line);
                (key, (at, e.title.as_str(), e.provider.as_str()))
            })
            .collect();
        for (i, e) in entries.iter().enumerate() {
            let key = dedup::key(&e.title, e.date, &e.provider);
            let here = (
                format!("new entry {}", i + 1),
                e.title.as_str(),
                e.provider.as_str(),
            );
            if let Some((at, title, provider)) = seen.insert(key, here) {
                return Err(Error::Usage(format!(
                    "{at} already has \"{}\" from {} on {}; a course counts once",
                    terminal_line(title),
                    terminal_line(provider),
                    e.date
                )));
            }
        }
        let text = appended(old.text(), entries).map_err(|e| usage(old, e))?;
        let new = Source::new(old.name(), text);
        let items = full_parse(&new)?;
        let added = items.get(items.len().saturating_sub(entries.len())..);
        if items.len() < entries.len()
            || !added.is_some_and(|a| a.iter().zip(entries).all(|(v, e)| reads_back(v, e)))
        {
            return Err(not_appendable(old));
        }
        let after = Log::load(&new, data, as_of).map_err(|_| not_appendable(old))?;
        if after.entries.len() != before.entries.len() + entries.len() {
            return Err(not_appendable(old));
        }
        Ok(new.text().to_string())
    })
}

/// Removes the bytes `range` — one entry's or checkpoint's whole lines — from the log.
pub fn remove_item(
    log: &Path,
    range: Range<usize>,
    data: &DataSet,
    as_of: NaiveDate,
) -> Result<(), Error> {
    update(log, |old| {
        let before = Log::load(old, data, as_of).map_err(Error::Inputs)?;
        let text = removed(old.text(), range.clone()).map_err(|e| usage(old, e))?;
        let new = Source::new(old.name(), text);
        let items = |l: &Log| l.entries.len() + l.checkpoints.len();
        let refused = || {
            Error::Usage(format!(
                "{}: removing bytes {range:?} would not remove exactly one item; the log was not changed",
                old.name()
            ))
        };
        if !new.text().trim().is_empty() {
            full_parse(&new)?;
        }
        let after = Log::load(&new, data, as_of).map_err(|_| refused())?;
        if items(&after) + 1 != items(&before) {
            return Err(refused());
        }
        Ok(new.text().to_string())
    })
}

fn usage(log: &Source, e: crate::person::append::EditError) -> Error {
    Error::Usage(format!("{}: {e}", log.name()))
}

fn not_appendable(log: &Source) -> Error {
    Error::Usage(format!(
        "{} is not a block list (`- date: …` items), so an entry cannot be appended without rewriting it",
        log.name()
    ))
}

/// The log's items by the full YAML parser (not the fast path), as generic values.
fn full_parse(log: &Source) -> Result<Vec<serde_yaml::Value>, Error> {
    log.parse::<Vec<serde_yaml::Value>>()
        .map_err(|_| not_appendable(log))
}

/// Whether an item the parser read is the entry as given.
fn reads_back(item: &serde_yaml::Value, e: &NewEntry) -> bool {
    let text = |k: &str| item.get(k).and_then(|v| v.as_str());
    let topics: Option<Vec<&str>> = match item.get("topics") {
        None => Some(vec![]),
        Some(v) => v
            .as_sequence()
            .and_then(|s| s.iter().map(|t| t.as_str()).collect()),
    };
    let certificate = e.certificate.as_ref().map(|c| c.to_string_lossy());
    text("date") == Some(e.date.to_string().as_str())
        && text("title") == Some(e.title.as_str())
        && text("provider") == Some(e.provider.as_str())
        && text("aapc_index") == e.aapc_index.as_deref()
        && text("certificate") == certificate.as_deref()
        && topics.is_some_and(|t| t == e.topics)
        && item.get("ceus").and_then(|v| v.as_f64()) == Some(e.ceus)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> DataSet {
        DataSet::load(None).unwrap()
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn entry(title: &str) -> NewEntry {
        NewEntry {
            date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            title: title.into(),
            provider: "AAPC".into(),
            ceus: 1.5,
            aapc_index: None,
            topics: vec!["cpt".into()],
            domain: None,
            ahima_sourced: false,
            certificate: None,
        }
    }

    #[test]
    fn appends_many_at_once_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("x.ceus.yaml");
        std::fs::write(&log, "# mine\r\n").unwrap();
        let d = data();
        append_entries(&log, &[entry("A"), entry("B\u{7f}\u{85}")], &d, as_of()).unwrap();
        let text = std::fs::read_to_string(&log).unwrap();
        assert!(text.starts_with("# mine\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        let loaded = Log::load(&Source::new("x", text.clone()), &d, as_of()).unwrap();
        assert_eq!(loaded.entries[1].title, "B\u{7f}\u{85}");
        // A duplicate among the new ones (Unicode-folded) refuses all of them.
        let e = append_entries(&log, &[entry("Straße"), entry("STRASSE")], &d, as_of());
        assert!(
            e.unwrap_err()
                .to_string()
                .contains("new entry 1 already has")
        );
        let e = append_entries(&log, &[entry("D"), entry(" a ")], &d, as_of()).unwrap_err();
        assert!(e.to_string().contains("x.ceus.yaml:2 already has"), "{e}");
        assert_eq!(std::fs::read_to_string(&log).unwrap(), text);
    }

    #[test]
    fn removes_one_item_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("x.ceus.yaml");
        let text = "# keep\n- date: 2026-01-01 # one\n  title: A\n  provider: P\n  ceus: 1\n- date: 2026-01-02\n  title: B\n  provider: P\n  ceus: 2\n";
        std::fs::write(&log, text).unwrap();
        let start = text.find("- date: 2026-01-02").unwrap();
        let d = data();
        // Half an item is refused.
        assert!(remove_item(&log, start..text.len() - 8, &d, as_of()).is_err());
        // Two items at once are refused.
        assert!(remove_item(&log, 7..text.len(), &d, as_of()).is_err());
        assert_eq!(std::fs::read_to_string(&log).unwrap(), text);
        remove_item(&log, start..text.len(), &d, as_of()).unwrap();
        assert_eq!(std::fs::read_to_string(&log).unwrap(), &text[..start]);
    }
}
