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

use super::files::log::update;
use crate::data::Catalog;
use crate::error::Error;
use crate::loader::Source;
use crate::person::append::{NewEntry, appended, removed};
use crate::person::dedup;
use crate::person::log::{Item, Log};
use crate::render::escape::terminal_line;

/// What to do with a new entry the log (or an earlier new entry) already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    /// Refuse the whole change (`ceu add`).
    Refuse,
    /// Leave that entry out and say so (`ceu import`).
    Skip,
}

/// A new entry left out as a duplicate: its index among the new entries, and where the
/// course already is ("LOG:LINE", or "new entry N").
#[derive(Debug, Clone)]
pub struct Skipped {
    pub index: usize,
    pub at: String,
    /// The index of the earlier new entry it repeats, when not a line of the log.
    pub earlier: Option<usize>,
}

/// The log's text after an append, and what was left out.
#[derive(Debug, Clone)]
pub struct Appended {
    pub text: String,
    pub skipped: Vec<Skipped>,
    /// Entries added.
    pub added: usize,
}

/// Appends `entries` to the log at `log` (created if missing) under its lock: all of them
/// (less skipped duplicates) or none.
pub fn append_entries(
    log: &Path,
    entries: &[NewEntry],
    catalog: &Catalog,
    duplicates: Duplicates,
) -> Result<Appended, Error> {
    let mut done = None;
    update(log, |old| {
        let a = appended_checked(old, entries, catalog, duplicates)?;
        let text = a.text.clone();
        done = Some(a);
        Ok(text)
    })?;
    done.ok_or_else(|| Error::Usage(format!("{}: nothing was appended", log.display())))
}

/// Refuses a new entry whose certificate file another entry already names, however the
/// paths are spelt (`ceu check` reports it: a certificate proves one course).
fn shared_certificate(old: &Source, before: &Log, entries: &[NewEntry]) -> Result<(), Error> {
    use crate::track::audit::CertificateFile;
    let dir = Path::new(old.name()).parent().unwrap_or(Path::new(""));
    let mut files: Vec<(CertificateFile, String)> = before
        .entries
        .iter()
        .filter_map(|e| Some((e.certificate.as_deref()?, format!("line {}", e.line))))
        .map(|(c, at)| (super::certificates::at(c), at))
        .collect();
    for (i, e) in entries.iter().enumerate() {
        let Some(c) = &e.certificate else { continue };
        let file = super::certificates::at(&dir.join(c));
        if !matches!(file, CertificateFile::File { .. }) {
            continue;
        }
        if let Some((_, at)) = files.iter().find(|(f, _)| *f == file) {
            return Err(Error::Usage(format!(
                "certificate {} is already the certificate of the entry at {at}; a certificate proves one course",
                terminal_line(&c.display().to_string())
            )));
        }
        files.push((file, format!("new entry {}", i + 1)));
    }
    Ok(())
}

/// `old` with `entries` appended, every check made (what `append_entries` writes, for a
/// dry run).
pub fn appended_checked(
    old: &Source,
    entries: &[NewEntry],
    catalog: &Catalog,
    duplicates: Duplicates,
) -> Result<Appended, Error> {
    let before = Log::load(old, catalog).map_err(Error::Inputs)?;
    // Where each course already is (a line of the log, or an earlier new entry), by its
    // duplicate key and by its AAPC index (see `dedup`).
    type Place<'a> = (String, &'a str, &'a str, Option<usize>);
    let mut seen: std::collections::HashMap<dedup::Key, Place> = std::collections::HashMap::new();
    let mut indexes: std::collections::HashMap<String, Place> = std::collections::HashMap::new();
    for e in &before.entries {
        let here = (
            format!("{}:{}", old.name(), e.line),
            e.title.as_str(),
            e.provider.as_str(),
            None,
        );
        if let Some(k) = dedup::index_key(e.aapc_index.as_deref()) {
            indexes.entry(k).or_insert_with(|| here.clone());
        }
        seen.entry(dedup::key(&e.title, e.date, &e.provider))
            .or_insert(here);
    }
    shared_certificate(old, &before, entries)?;
    let mut kept = Vec::with_capacity(entries.len());
    let mut skipped = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let key = dedup::key(&e.title, e.date, &e.provider);
        let index = dedup::index_key(e.aapc_index.as_deref());
        let found = seen
            .get(&key)
            .or_else(|| index.as_ref().and_then(|k| indexes.get(k)));
        match found {
            None => {
                let here = (
                    format!("new entry {}", i + 1),
                    e.title.as_str(),
                    e.provider.as_str(),
                    Some(i),
                );
                if let Some(k) = index {
                    indexes.insert(k, here.clone());
                }
                seen.insert(key, here);
                kept.push(e.clone());
            }
            Some((at, _, _, earlier)) if duplicates == Duplicates::Skip => skipped.push(Skipped {
                index: i,
                at: at.clone(),
                earlier: *earlier,
            }),
            Some((at, title, provider, _)) => {
                return Err(Error::Usage(format!(
                    "{at} already has \"{}\" from {}{}; a course counts once",
                    terminal_line(title),
                    terminal_line(provider),
                    if seen.contains_key(&key) {
                        format!(" on {}", e.date)
                    } else {
                        format!(
                            " with AAPC index {}",
                            terminal_line(e.aapc_index.as_deref().unwrap_or_default())
                        )
                    }
                )));
            }
        }
    }
    let text = appended(old.text(), &kept).map_err(|e| usage(old, e))?;
    let new = Source::new(old.name(), text);
    let items = full_parse(&new)?;
    let added = items.get(items.len().saturating_sub(kept.len())..);
    if items.len() < kept.len()
        || !added.is_some_and(|a| a.iter().zip(&kept).all(|(v, e)| reads_back(v, e)))
    {
        return Err(not_appendable(old));
    }
    let after = Log::load(&new, catalog).map_err(|_| not_appendable(old))?;
    if after.entries.len() != before.entries.len() + kept.len() {
        return Err(not_appendable(old));
    }
    Ok(Appended {
        text: new.text().to_string(),
        skipped,
        added: kept.len(),
    })
}

/// The bytes of the item (entry or checkpoint) that starts on `line`: its whole lines up to
/// the next item, less the comments and blank lines just before that item (they stay).
pub fn item_range(old: &Source, log: &Log, line: usize) -> Option<Range<usize>> {
    let mut starts: Vec<usize> = log
        .entries
        .iter()
        .map(|e| e.line)
        .chain(log.checkpoints.iter().map(|c| c.line))
        .collect();
    starts.sort_unstable();
    let i = starts.binary_search(&line).ok()?;
    let text = old.text();
    let offsets: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    let start = *offsets.get(line - 1)?;
    let mut end_line = starts.get(i + 1).map_or(offsets.len(), |next| next - 1);
    while end_line > line {
        let from = offsets[end_line - 1];
        let to = offsets.get(end_line).copied().unwrap_or(text.len());
        let l = text[from..to].trim();
        if l.is_empty() || l.starts_with('#') {
            end_line -= 1;
        } else {
            break;
        }
    }
    let end = offsets.get(end_line).copied().unwrap_or(text.len());
    Some(start..end)
}

/// Removes the item at `line` from the log under its lock, provided its lines still read
/// `expected` (what the person was shown); everything else stays byte for byte.
pub fn remove_item(
    log: &Path,
    line: usize,
    expected: &str,
    catalog: &Catalog,
) -> Result<(), Error> {
    update(log, |old| removed_checked(old, line, expected, catalog))
}

/// `old` without the item at `line`, provided its lines read `expected`, every check made
/// (what `remove_item` writes, for a dry run).
pub fn removed_checked(
    old: &Source,
    line: usize,
    expected: &str,
    catalog: &Catalog,
) -> Result<String, Error> {
    let before = Log::load(old, catalog).map_err(Error::Inputs)?;
    let range = item_range(old, &before, line)
        .filter(|r| old.text().get(r.clone()) == Some(expected))
        .ok_or_else(|| {
            Error::Usage(format!(
                "{}: line {line} changed since it was shown; the log was not changed",
                old.name()
            ))
        })?;
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
    let after = Log::load(&new, catalog).map_err(|_| refused())?;
    if items(&after) + 1 != items(&before) {
        return Err(refused());
    }
    Ok(new.text().to_string())
}

fn usage(log: &Source, e: crate::person::append::EditError) -> Error {
    Error::Usage(format!("{}: {e}", log.name()))
}

/// The last check's refusal: the shape of the log was recognised (see
/// [`crate::person::append`]), yet the entries appended would not read back as given.
fn not_appendable(log: &Source) -> Error {
    Error::Usage(format!(
        "{}: the entry appended at the end would not read back as written, so the log was not changed; keep the log a list with each item starting `- ` on a line of its own, all at one indentation",
        log.name()
    ))
}

/// The log's items by the full YAML reader (not the fast path).
fn full_parse(log: &Source) -> Result<Vec<Item>, Error> {
    log.parse_full::<Vec<Item>>()
        .map_err(|_| not_appendable(log))
}

/// Whether an item the reader read is the entry as given.
fn reads_back(item: &Item, e: &NewEntry) -> bool {
    item.date == Some(e.date)
        && item.title.as_deref() == Some(e.title.as_str())
        && item.provider.as_deref() == Some(e.provider.as_str())
        && item.aapc_index.as_deref() == e.aapc_index.as_deref()
        && item.certificate == e.certificate
        && item.topics.iter().eq(&e.topics)
        && item.ceus == Some(e.ceus)
        && item.domain == e.domain
        && item.ahima_sourced == e.ahima_sourced
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn data() -> &'static Catalog {
        &crate::testing::EMBEDDED
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
        let refuse = Duplicates::Refuse;
        append_entries(&log, &[entry("A"), entry("B\u{7f}\u{85}")], d, refuse).unwrap();
        let text = std::fs::read_to_string(&log).unwrap();
        assert!(text.starts_with("# mine\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        let loaded = Log::load(&Source::new("x", text.clone()), d).unwrap();
        assert_eq!(loaded.entries[1].title, "B\u{7f}\u{85}");
        // A duplicate among the new ones (Unicode-folded) refuses all of them.
        let e = append_entries(&log, &[entry("Straße"), entry("STRASSE")], d, refuse);
        assert!(
            e.unwrap_err()
                .to_string()
                .contains("new entry 1 already has")
        );
        let e = append_entries(&log, &[entry("D"), entry(" a ")], d, refuse).unwrap_err();
        assert!(e.to_string().contains("x.ceus.yaml:2 already has"), "{e}");
        assert_eq!(std::fs::read_to_string(&log).unwrap(), text);
        // Skipping leaves the duplicates out and adds the rest.
        let a = append_entries(
            &log,
            &[entry("D"), entry(" a "), entry("d")],
            d,
            Duplicates::Skip,
        )
        .unwrap();
        assert_eq!(a.added, 1);
        let at: Vec<&str> = a.skipped.iter().map(|s| s.at.as_str()).collect();
        assert!(
            at[0].ends_with("x.ceus.yaml:2") && at[1] == "new entry 1",
            "{at:?}"
        );
    }

    #[test]
    fn removes_one_item_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("x.ceus.yaml");
        let text = "# keep\n- date: 2026-01-01 # one\n  title: A\n  provider: P\n  ceus: 1\n# about B\n\n- date: 2026-01-02\n  title: B\n  provider: P\n  ceus: 2\n";
        std::fs::write(&log, text).unwrap();
        let d = data();
        let src = Source::new("x", text);
        let parsed = Log::load(&src, d).unwrap();
        let first = item_range(&src, &parsed, 2).unwrap();
        assert_eq!(
            &text[first.clone()],
            "- date: 2026-01-01 # one\n  title: A\n  provider: P\n  ceus: 1\n"
        );
        assert!(
            item_range(&src, &parsed, 3).is_none(),
            "not an item's first line"
        );
        // What was shown must still be there.
        assert!(remove_item(&log, 2, "- date: 2026-01-01\n", d).is_err());
        assert_eq!(std::fs::read_to_string(&log).unwrap(), text);
        remove_item(&log, 2, &text[first.clone()], d).unwrap();
        let left = std::fs::read_to_string(&log).unwrap();
        assert_eq!(
            left,
            format!("{}{}", &text[..first.start], &text[first.end..])
        );
        let src = Source::new("x", left.clone());
        let parsed = Log::load(&src, d).unwrap();
        let last = item_range(&src, &parsed, 4).unwrap();
        assert_eq!(last.end, left.len());
    }
}
