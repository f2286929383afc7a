//! Changing a CEU log as text, so every existing byte (comments, formatting, line endings)
//! stays as it was: appending entries at the end, and removing one item's lines. Pure; the
//! locked read-change-write is `app`'s.

use std::ops::Range;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::log::{Domain, MAX_ENTRY_CEUS};
use crate::loader::MAX_FILE_BYTES;
use crate::render::escape::yaml_quoted;

/// An entry to add, as given on the command line.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub date: NaiveDate,
    pub title: String,
    pub provider: String,
    pub ceus: f64,
    pub aapc_index: Option<String>,
    pub topics: Vec<String>,
    pub domain: Option<Domain>,
    pub ahima_sourced: bool,
    pub certificate: Option<PathBuf>,
}

impl NewEntry {
    /// Problems with the values themselves (before looking at the log).
    pub fn problems(&self, as_of: NaiveDate, known_topics: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push("--title is empty".into());
        }
        if self.provider.trim().is_empty() {
            out.push("--provider is empty".into());
        }
        if !(self.ceus.is_finite() && self.ceus > 0.0 && self.ceus <= MAX_ENTRY_CEUS) {
            out.push(format!(
                "--ceus {}: expected more than 0 and at most {MAX_ENTRY_CEUS}",
                self.ceus
            ));
        }
        if self.date > as_of {
            out.push(format!(
                "--date {} is after {as_of}; CEUs are logged once earned",
                self.date
            ));
        }
        for t in &self.topics {
            if !known_topics.contains(&t.as_str()) {
                let hint = crate::loader::closest(t, known_topics)
                    .map_or(String::new(), |b| format!(" (did you mean `{b}`?)"));
                out.push(format!(
                    "--topic {t}: not a competency or credential id{hint}"
                ));
            }
        }
        out
    }

    /// The entry as a block-sequence item, each line ending in `eol`. Text values are YAML
    /// double-quoted scalars with every non-printable character escaped.
    pub fn to_yaml(&self, eol: &str) -> String {
        let mut lines = vec![
            format!("- date: {}", self.date),
            format!("  title: {}", yaml_quoted(&self.title)),
            format!("  provider: {}", yaml_quoted(&self.provider)),
            format!("  ceus: {}", crate::data::units::plain(self.ceus)),
        ];
        if let Some(i) = &self.aapc_index {
            lines.push(format!("  aapc_index: {}", yaml_quoted(i)));
        }
        if !self.topics.is_empty() {
            let topics: Vec<String> = self.topics.iter().map(|t| yaml_quoted(t)).collect();
            lines.push(format!("  topics: [{}]", topics.join(", ")));
        }
        if let Some(d) = self.domain {
            let d = if d == Domain::Hiim { "hiim" } else { "other" };
            lines.push(format!("  domain: {d}"));
        }
        if self.ahima_sourced {
            lines.push("  ahima_sourced: true".into());
        }
        if let Some(c) = &self.certificate {
            lines.push(format!(
                "  certificate: {}",
                yaml_quoted(&c.to_string_lossy())
            ));
        }
        let mut s = lines.join(eol);
        s.push_str(eol);
        s
    }
}

/// The line ending a log uses: CRLF when its first line ends in one, else LF.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// Why a log cannot be changed as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The result would be over the size limit.
    #[error(
        "the log would grow to {0} bytes, over the {MAX_FILE_BYTES}-byte limit; start a new log for new entries"
    )]
    TooBig(usize),
    /// A range to remove does not cover whole lines.
    #[error("bytes {0:?} are not whole lines of the log")]
    NotWholeLines(Range<usize>),
}

/// `existing` followed by `entries`, in the log's line ending, adding one first if the
/// file lacks a final line break. The existing bytes are kept as they are.
pub fn appended(existing: &str, entries: &[NewEntry]) -> Result<String, EditError> {
    let eol = line_ending(existing);
    let mut out = existing.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    for e in entries {
        out.push_str(&e.to_yaml(eol));
    }
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(EditError::TooBig(out.len()));
    }
    Ok(out)
}

/// `existing` without the bytes in `range`, which must start at the start of a line and end
/// at the end of one (after its line break, or at the end of the file).
pub fn removed(existing: &str, range: Range<usize>) -> Result<String, EditError> {
    let whole = range.start <= range.end
        && range.end <= existing.len()
        && existing.is_char_boundary(range.start)
        && existing.is_char_boundary(range.end)
        && (range.start == 0 || existing[..range.start].ends_with('\n'))
        && (range.end == existing.len() || existing[..range.end].ends_with('\n'));
    if !whole {
        return Err(EditError::NotWholeLines(range));
    }
    Ok(format!(
        "{}{}",
        &existing[..range.start],
        &existing[range.end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str) -> NewEntry {
        NewEntry {
            date: "2026-01-05".parse().unwrap(),
            title: title.into(),
            provider: "AAPC".into(),
            ceus: 1.5,
            aapc_index: Some("X-1".into()),
            topics: vec!["cpt".into()],
            domain: Some(Domain::Hiim),
            ahima_sourced: false,
            certificate: None,
        }
    }

    #[test]
    fn appends_without_touching_existing_bytes() {
        let old = "# my log\n- date: 2025-01-01 # first\n  title: A\n  provider: B\n  ceus: 1";
        let new = appended(old, &[entry("Q: \"E/M\" # not a comment")]).unwrap();
        assert!(new.starts_with(old));
        assert_eq!(
            &new[old.len()..],
            "\n- date: 2026-01-05\n  title: \"Q: \\\"E/M\\\" # not a comment\"\n  provider: \"AAPC\"\n  ceus: 1.5\n  aapc_index: \"X-1\"\n  topics: [\"cpt\"]\n  domain: hiim\n"
        );
        let items: Vec<super::super::log::Item> = crate::loader::Source::new("t", new.as_str())
            .parse()
            .unwrap();
        assert_eq!(
            items[1].title.as_deref(),
            Some("Q: \"E/M\" # not a comment")
        );
    }

    #[test]
    fn a_crlf_log_stays_crlf() {
        let old = "- date: 2025-01-01\r\n  title: A\r\n  provider: B\r\n  ceus: 1";
        let new = appended(old, &[entry("x"), entry("y")]).unwrap();
        assert!(new.starts_with(old));
        assert_eq!(new.matches('\n').count(), new.matches("\r\n").count());
        assert_eq!(new.matches("- date:").count(), 3);
        assert_eq!(line_ending("a\nb\r\n"), "\n");
        assert_eq!(line_ending(""), "\n");
    }

    #[test]
    fn non_printables_are_escaped_and_read_back() {
        let title = "del\u{7f} nel\u{85} csi\u{9b} nonchar\u{fffe} esc\u{1b} bom\u{feff}";
        let new = appended("", &[entry(title)]).unwrap();
        assert!(new.is_ascii() || !new.contains(['\u{7f}', '\u{85}', '\u{9b}', '\u{fffe}']));
        let items: Vec<super::super::log::Item> = crate::loader::Source::new("t", new.as_str())
            .parse()
            .unwrap();
        assert_eq!(items[0].title.as_deref(), Some(title));
    }

    #[test]
    fn the_size_limit_holds() {
        let big = "#".repeat(MAX_FILE_BYTES as usize - 10) + "\n";
        assert!(matches!(
            appended(&big, &[entry("x")]),
            Err(EditError::TooBig(_))
        ));
    }

    #[test]
    fn removes_whole_lines_only() {
        let text = "# c\n- a: 1\n  b: 2\n- a: 3\n";
        assert_eq!(removed(text, 4..18).unwrap(), "# c\n- a: 3\n");
        assert_eq!(
            removed(text, 18..text.len()).unwrap(),
            "# c\n- a: 1\n  b: 2\n"
        );
        assert!(removed(text, 5..18).is_err());
        assert!(removed(text, 4..17).is_err());
        assert!(removed(text, 4..100).is_err());
        let crlf = "- a: 1\r\n- a: 2\r\n";
        assert_eq!(removed(crlf, 0..8).unwrap(), "- a: 2\r\n");
    }
}
