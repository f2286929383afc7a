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
    /// Problems with the values themselves (before looking at the log); `ceus` is the
    /// number as typed, to echo.
    pub fn problems(&self, as_of: NaiveDate, known_topics: &[&str], ceus: &str) -> Vec<String> {
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
                crate::render::escape::terminal_line(ceus)
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
        self.to_yaml_at(eol, "")
    }

    /// [`NewEntry::to_yaml`], each line after `indent` (the indentation of the log's list).
    fn to_yaml_at(&self, eol: &str, indent: &str) -> String {
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
        let mut s = String::new();
        for l in lines {
            s.push_str(indent);
            s.push_str(&l);
            s.push_str(eol);
        }
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
    /// The log holds its items as a flow list (`[{…}, {…}]`), which has no end to append at.
    #[error(
        "line {0} starts a flow list (`[…]`), which an entry cannot be appended to without rewriting the log; write each item on lines of its own starting with `- ` (as `ceu add` writes them), then add again"
    )]
    FlowList(usize),
    /// A `...` line ends the YAML document before the end of the file.
    #[error(
        "line {0} (`...`) ends the YAML document, so an entry appended after it would not be part of the log; delete that line, then add again"
    )]
    DocumentEnd(usize),
    /// The first item is not where a list item can start.
    #[error(
        "line {0} does not begin a list item on a line of its own (`- date: …`, after any indentation), so there is no list to append to; start each item on its own line with `- `"
    )]
    NotAList(usize),
}

/// How a log lays out its items, as far as appending is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Layout {
    /// No items yet: empty, or only comments (and a `---`).
    Empty,
    /// A block list whose items' `-` stand after `indent`.
    Block { indent: String },
    /// An empty flow list, `[]`: these bytes (with the blanks after them) are taken out and
    /// the first item is written as a block list.
    EmptyFlow(Range<usize>),
}

/// The part of `line` before a comment (a `#` at its start or after a blank). Only used on
/// lines outside quoted text: the start of the list and document markers.
fn before_comment(line: &str) -> &str {
    let mut prev_blank = true;
    for (i, c) in line.char_indices() {
        if c == '#' && prev_blank {
            return &line[..i];
        }
        prev_blank = c == ' ' || c == '\t';
    }
    line
}

/// How `text` lays out its items (see [`Layout`]), or why an entry cannot be appended.
fn layout(text: &str) -> Result<Layout, EditError> {
    let mut found = Layout::Empty;
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let number = i + 1;
        let start = offset;
        offset += raw.len();
        let mut line = raw.trim_end_matches(['\n', '\r']);
        let mut at = start;
        if i == 0 && line.starts_with('\u{feff}') {
            line = &line[3..];
            at += 3;
        }
        let marker = |m: &str| {
            line.strip_prefix(m)
                .filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        };
        if found != Layout::Empty {
            // After the first item: only a document end matters (a `---` would start a
            // second document, which the log's loader refuses already).
            if marker("...").is_some_and(|rest| before_comment(rest).trim().is_empty()) {
                return Err(EditError::DocumentEnd(number));
            }
            continue;
        }
        if line.starts_with('%') {
            continue;
        }
        let after_marker = marker("---");
        if let Some(rest) = after_marker {
            at += line.len() - rest.len();
            line = rest;
        }
        let content = before_comment(line);
        let body = content.trim_start();
        if body.is_empty() {
            continue;
        }
        if after_marker.is_some() && !body.starts_with('[') {
            // An item on the `---` line, which appended lines cannot line up with.
            return Err(EditError::NotAList(number));
        }
        let indent = &content[..content.len() - body.len()];
        if body == "-" || body.starts_with("- ") || body.starts_with("-\t") {
            found = Layout::Block {
                indent: indent.to_string(),
            };
        } else if let Some(inner) = body.strip_prefix('[') {
            let close = inner.trim_start();
            let after = close.strip_prefix(']').ok_or(EditError::FlowList(number))?;
            if !after.trim().is_empty() {
                return Err(EditError::FlowList(number));
            }
            for (j, l) in text[offset..].lines().enumerate() {
                match before_comment(l).trim_end() {
                    "..." => return Err(EditError::DocumentEnd(number + 1 + j)),
                    l if !l.trim().is_empty() => return Err(EditError::FlowList(number)),
                    _ => {}
                }
            }
            // The `[]` and the blanks after it, up to a comment or the line's end.
            return Ok(Layout::EmptyFlow(at + indent.len()..at + content.len()));
        } else {
            return Err(EditError::NotAList(number));
        }
    }
    Ok(found)
}

/// `existing` followed by `entries`, in the log's line ending and at the indentation of
/// its list, adding a line break first if the file lacks a final one. The existing bytes
/// are kept as they are, but for an empty flow list (`[]`), which the first entry replaces
/// (its line goes too, unless a comment is on it).
pub fn appended(existing: &str, entries: &[NewEntry]) -> Result<String, EditError> {
    let eol = line_ending(existing);
    let mut out = existing.to_string();
    let mut indent = String::new();
    match layout(existing)? {
        Layout::Empty => {}
        Layout::Block { indent: i } => indent = i,
        Layout::EmptyFlow(range) => {
            if entries.is_empty() {
                return Ok(out);
            }
            out = without_flow(existing, range);
        }
    }
    if !out.trim_start_matches('\u{feff}').is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    for e in entries {
        out.push_str(&e.to_yaml_at(eol, &indent));
    }
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(EditError::TooBig(out.len()));
    }
    Ok(out)
}

/// `existing` without the empty flow list at `range`, and without its line when nothing
/// but blanks (and a `---`) is left on it.
fn without_flow(existing: &str, range: Range<usize>) -> String {
    let line_start = existing[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = existing[range.end..]
        .find('\n')
        .map_or(existing.len(), |i| range.end + i + 1);
    let before = &existing[line_start..range.start];
    let bom = if before.starts_with('\u{feff}') { 3 } else { 0 };
    let blank = |s: &str| s.trim().is_empty();
    let cut = if blank(&before[bom..]) && blank(&existing[range.end..line_end]) {
        line_start + bom..line_end
    } else {
        range
    };
    format!("{}{}", &existing[..cut.start], &existing[cut.end..])
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

    /// The items `text` reads as, by the full YAML reader.
    fn items(text: &str) -> Vec<super::super::log::Item> {
        crate::loader::Source::new("t", text)
            .parse_full()
            .unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
    }

    #[test]
    fn an_empty_flow_list_becomes_a_block_list_keeping_its_comments() {
        let item = entry("x").to_yaml("\n");
        for (old, kept) in [
            ("[]", ""),
            ("[]\n", ""),
            ("[ ]\n", ""),
            (
                "# head\n[]   # none yet\n# tail\n",
                "# head\n# none yet\n# tail\n",
            ),
            ("---\n  [] \n", "---\n"),
            ("--- []\n", "--- \n"),
            ("\u{feff}[]\n", "\u{feff}"),
        ] {
            let new = appended(old, &[entry("x")]).unwrap();
            assert_eq!(new, format!("{kept}{item}"), "{old:?}");
            assert_eq!(items(&new).len(), 1, "{old:?}");
        }
        let crlf = appended("# c\r\n[]\r\n", &[entry("x"), entry("y")]).unwrap();
        assert!(crlf.starts_with("# c\r\n- date: "), "{crlf:?}");
        assert_eq!(crlf.matches('\n').count(), crlf.matches("\r\n").count());
        assert_eq!(items(&crlf).len(), 2);
        assert_eq!(appended("[]\n", &[]).unwrap(), "[]\n");
    }

    #[test]
    fn an_indented_block_list_gets_items_at_its_indentation() {
        let old = "# log\n  - date: 2025-01-01 # one\n    title: A\n    provider: B\n    ceus: 1\n";
        let new = appended(old, &[entry("x")]).unwrap();
        assert!(new.starts_with(old));
        assert!(
            new[old.len()..].lines().all(|l| l.starts_with("  ")),
            "{new}"
        );
        assert!(new[old.len()..].starts_with("  - date: 2026-01-05\n    title: \"x\"\n"));
        let read = items(&new);
        assert_eq!(read.len(), 2);
        assert_eq!(read[1].title.as_deref(), Some("x"));
    }

    #[test]
    fn other_layouts_are_refused_with_what_to_change() {
        for (old, want) in [
            (
                "[{date: 2025-01-01, title: A, provider: B, ceus: 1}]\n",
                EditError::FlowList(1),
            ),
            ("# c\n[\n]\n", EditError::FlowList(2)),
            ("[] # x\n- a\n", EditError::FlowList(1)),
            (
                "- date: 2025-01-01\n  title: A\n...\n",
                EditError::DocumentEnd(3),
            ),
            ("[]\n# c\n...\n", EditError::DocumentEnd(3)),
            ("--- - date: 2025-01-01\n", EditError::NotAList(1)),
            ("date: 2025-01-01\n", EditError::NotAList(1)),
        ] {
            assert_eq!(appended(old, &[entry("x")]), Err(want.clone()), "{old:?}");
        }
        let words = EditError::FlowList(1).to_string();
        assert!(words.contains("starting with `- `"), "{words}");
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
