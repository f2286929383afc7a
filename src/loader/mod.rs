//! The one place that knows YAML: reading files safely, size, character and depth limits,
//! strict parsing into typed models with every problem located and in plain words, and
//! locating records for semantic errors found later.
//!
//! One grammar: the full reader ([`full`], on `saphyr-parser`) and a fast reader for the
//! usual layout of large CEU logs ([`fast`]) build the same positioned tree ([`node`]); one
//! deserializer ([`de`]) reads that tree into the target type, collecting every problem.
//! For the bulk of a large CEU log, [`direct`] reads the fast reader's values straight into
//! typed fields — exactly what the deserializer would give, or it declines and the
//! deserializer reads the document.

mod de;
pub(crate) mod direct;
pub(crate) mod fast;
pub(crate) mod full;
mod node;
mod partial;
mod read;
pub(crate) use read::explained;
mod scalar;
mod scan;
mod words;
pub mod ymd;

use std::path::Path;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::error::{Code, Diagnostic, Error, MAX_PER_FILE, quote};
use node::Node;

pub use partial::{Partial, Taint, merged};
pub use words::closest;

/// Largest input file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Deepest nesting accepted.
pub const MAX_DEPTH: usize = 128;

/// A YAML document kept with its display name, so any later error can point into it.
pub struct Source {
    name: String,
    text: String,
    /// The document's tree, owned, built when a position is first asked for.
    tree: OnceLock<Option<Node<'static>>>,
    /// Byte offset of each line's start, built when a line is first shown.
    lines: OnceLock<Vec<usize>>,
}

/// A problem found while reading, before it is tied to a file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub line: usize,
    pub col: usize,
    pub code: Code,
    pub message: String,
    pub expected: Option<String>,
}

impl Problem {
    /// A problem at `(line, column)`.
    pub fn new(at: (usize, usize), code: Code, message: String, expected: impl Expect) -> Self {
        Problem {
            line: at.0,
            col: at.1,
            code,
            message,
            expected: expected.into_expected(),
        }
    }
}

/// What [`Problem::new`] accepts as "expected": text, or nothing.
pub(crate) trait Expect {
    fn into_expected(self) -> Option<String>;
}

impl Expect for &str {
    fn into_expected(self) -> Option<String> {
        Some(self.to_string())
    }
}

impl Expect for String {
    fn into_expected(self) -> Option<String> {
        Some(self)
    }
}

impl Expect for Option<String> {
    fn into_expected(self) -> Option<String> {
        self
    }
}

impl Source {
    /// Wraps text that is already in memory (embedded data, stdin).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
            tree: OnceLock::new(),
            lines: OnceLock::new(),
        }
    }

    /// Reads a regular file (through symlinks), refusing directories, devices, FIFOs and
    /// sockets before reading, files over [`MAX_FILE_BYTES`] (counting the bytes actually
    /// read) and text that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let name = path.display().to_string();
        let bytes = read::regular_file(path, &name)?;
        Self::from_bytes(name, bytes)
    }

    /// Reads standard input (named `<stdin>` in diagnostics), with the same limits as a file.
    pub fn read_stdin() -> Result<Self, Error> {
        let name = "<stdin>".to_string();
        let bytes = read::limited(std::io::stdin().lock(), &name)?;
        Self::from_bytes(name, bytes)
    }

    /// Checks size and encoding of bytes read from `name`.
    pub(crate) fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Self, Error> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(read::too_large(&name).into());
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, column) = line_col(&String::from_utf8_lossy(valid), valid.len());
            // UTF-16 (as some Windows editors save) starts with its byte-order mark.
            let message = match e.as_bytes() {
                [0xff, 0xfe, ..] | [0xfe, 0xff, ..] => "the file is UTF-16 text, not UTF-8",
                _ => "the file is not valid UTF-8",
            };
            Diagnostic::new(&name, line, column, message.to_string())
                .code(Code::NotUtf8)
                .expected("a UTF-8 text file (save it with the UTF-8 encoding)")
        })?;
        Ok(Source::new(name, text))
    }

    /// The name shown in diagnostics.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The document's first line that is not blank, a comment or `---`, trimmed (none in a
    /// document without content).
    pub fn first_line(&self) -> Option<&str> {
        self.body()
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
    }

    /// The text without a leading byte-order mark.
    fn body(&self) -> &str {
        self.text.strip_prefix('\u{feff}').unwrap_or(&self.text)
    }

    /// Parses the document strictly into `T`, or returns every problem in it, in file order
    /// (shown at most [`crate::error::MAX_PER_FILE`] a file: see [`crate::error::cap_per_file`]).
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        self.parse_partly().map_err(|p| p.problems)
    }

    /// [`Source::parse`], keeping on failure what could be read (see [`Partial`]), so that
    /// the checks after parsing can still be made on the places read as written.
    pub fn parse_partly<T: DeserializeOwned>(&self) -> Result<T, Partial<T>> {
        let text = self.body();
        match de::from_items(|| fast::Items::new(text)) {
            Some(result) => result.map_err(|f| self.partial(f)),
            None => self.parse_full_partly(),
        }
    }

    /// [`Source::parse_partly`] as a value to check — with the parsing problems (none when it
    /// read cleanly) and its stand-in places — or, when nothing could be read, the problems.
    pub fn parse_checkable<T: DeserializeOwned>(
        &self,
    ) -> Result<(T, Vec<Diagnostic>, Taint), Vec<Diagnostic>> {
        match self.parse_partly() {
            Ok(value) => Ok((value, Vec::new(), Taint::default())),
            Err(Partial {
                value: Some(value),
                problems,
                taint,
            }) => Ok((value, problems, taint)),
            Err(p) => Err(p.problems),
        }
    }

    /// [`Source::parse`] with the full reader only. The fast reader takes only printable
    /// text and flat items (see [`fast`]), so the checks before the full reader are not
    /// needed on its path.
    pub(crate) fn parse_full<T: DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        self.parse_full_partly().map_err(|p| p.problems)
    }

    /// [`Source::parse_full`], keeping on failure what could be read.
    fn parse_full_partly<T: DeserializeOwned>(&self) -> Result<T, Partial<T>> {
        let text = self.body();
        let failed = |problems| self.partial(de::Failed::only(problems));
        if let Some(p) = precheck(text) {
            return Err(failed(p));
        }
        let read = full::read(text);
        let mut problems = read.problems;
        let Some(root) = read.root else {
            return Err(failed(problems));
        };
        // The reader's own problems (a tag, a repeated key) leave the values at their record
        // paths not read as written; the rest of the value is kept for the checks.
        match de::from_tree::<T>(&root) {
            Ok(v) if problems.is_empty() => Ok(v),
            Ok(v) => Err(self.partial(de::Failed {
                value: Some(v),
                problems,
                tainted: read.tainted,
            })),
            Err(more) if problems.is_empty() => Err(self.partial(more)),
            Err(mut more) => {
                // A value already reported (a tag, a duplicate) is not reported again.
                let reported: Vec<(usize, usize)> =
                    problems.iter().map(|p| (p.line, p.col)).collect();
                problems.extend(
                    more.problems
                        .into_iter()
                        .filter(|p| !reported.contains(&(p.line, p.col))),
                );
                more.tainted.extend(read.tainted);
                Err(self.partial(de::Failed {
                    value: more.value,
                    problems,
                    tainted: more.tainted,
                }))
            }
        }
    }

    /// A failed reading as located diagnostics, with what was read.
    fn partial<T>(&self, f: de::Failed<T>) -> Partial<T> {
        Partial {
            value: f.value,
            problems: self.diagnostics(f.problems),
            taint: Taint::new(f.tainted),
        }
    }

    /// Hands the items of a top-level list in the fast reader's layout straight to `reader`
    /// (see [`direct`]); false when the fast reader or `reader` declined, and the document is
    /// then to be read with [`Source::parse`].
    pub(crate) fn each_item(&self, reader: &mut impl direct::Read) -> bool {
        direct::each_item(self.body(), reader)
    }

    /// Parses a top-level list into `Vec<T>` (the same as `parse::<Vec<T>>()`).
    pub fn parse_list<T: DeserializeOwned>(&self) -> Result<Vec<T>, Vec<Diagnostic>> {
        self.parse()
    }

    /// Problems as diagnostics of this file: in file order, without repeats.
    fn diagnostics(&self, mut problems: Vec<Problem>) -> Vec<Diagnostic> {
        problems.sort_by_key(|p| (p.line, p.col));
        problems.dedup_by(|a, b| a == b);
        problems
            .into_iter()
            .map(|p| {
                let d = Diagnostic::new(&self.name, p.line, p.col, p.message).code(p.code);
                let d = match p.expected {
                    Some(e) => d.expected(e),
                    None => d,
                };
                self.excerpt(d)
            })
            .collect()
    }

    /// Adds the diagnostic's line to it.
    fn excerpt(&self, d: Diagnostic) -> Diagnostic {
        let Some(line) = self.line_text(d.line.max(1)) else {
            return d;
        };
        // Columns on the first line do not count a byte-order mark.
        let line = if d.line == 1 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        d.with_line(line)
    }

    /// `d` with the text of its line, exactly as [`Diagnostic::with_excerpt`] adds it, but
    /// found through an index of line starts built once for the source, so that a diagnostic
    /// on every line of a large file takes linear time, not quadratic.
    pub fn with_excerpt(&self, d: Diagnostic) -> Diagnostic {
        match self.line_text(d.line.max(1)) {
            Some(line) => d.with_line(line),
            None => d,
        }
    }

    /// The text of 1-based line `n` as `text.split('\n')` gives it (a `\r` before the line
    /// break kept), if the text has that many lines.
    fn line_text(&self, n: usize) -> Option<&str> {
        let starts = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let start = *starts.get(n.checked_sub(1)?)?;
        let end = starts.get(n).map_or(self.text.len(), |e| e - 1);
        self.text.get(start..end)
    }

    /// Line and column of the node at `path` (e.g. `credentials[3].settings[1]`), else of
    /// the nearest enclosing node that exists, else the top of the file.
    pub fn position(&self, path: &str) -> (usize, usize) {
        self.tree
            .get_or_init(|| {
                let text = self.body();
                fast::read(text)
                    .or_else(|| precheck(text).is_none().then(|| full::read(text).root)?)
                    .map(Node::into_owned)
            })
            .as_ref()
            .map_or((1, 1), |root| root.find(path))
    }

    /// Lines where the `count` items of a top-level block sequence start. A line scan finds
    /// them when every item begins with `-` in the first column (the usual layout, and what
    /// `ceu add` writes); any other layout falls back to the document tree.
    pub fn item_lines(&self, count: usize) -> Vec<usize> {
        let starts: Vec<usize> = self
            .text
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                (*l == "-" || l.starts_with("- ") || l.starts_with("-\t")) && !l.starts_with("---")
            })
            .map(|(i, _)| i + 1)
            .collect();
        if starts.len() == count {
            starts
        } else {
            (0..count)
                .map(|i| self.position(&format!("[{i}]")).0)
                .collect()
        }
    }

    /// A diagnostic for the node at `path`, showing its line.
    pub fn at(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(path);
        self.excerpt(Diagnostic::new(&self.name, line, column, message.into()))
    }

    /// "unknown {what} `id`; did you mean `x`?" at `path` (code `unknown_id`, expecting one
    /// of `known`), unless `id` is in `known`.
    pub fn unknown(&self, path: &str, id: &str, known: &[&str], what: &str) -> Option<Diagnostic> {
        if known.contains(&id) {
            return None;
        }
        let message = format!(
            "unknown {what} {}{}",
            quote(id),
            words::did_you_mean(id, known)
        );
        Some(
            self.at(path, message)
                .code(Code::UnknownId)
                .expected(words::one_of(known)),
        )
    }
}

/// Checks made before any YAML reader sees the text: something to read, only characters
/// YAML allows, and flow nesting within [`MAX_DEPTH`] (some scanners slow down
/// quadratically on deep `[[[…`).
fn precheck(text: &str) -> Option<Vec<Problem>> {
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        let message = if text.trim().is_empty() {
            "the file is empty"
        } else {
            "the file holds only comments"
        };
        return Some(vec![Problem::new(
            (1, 1),
            Code::Empty,
            message.into(),
            "a YAML document",
        )]);
    }
    let bad = unprintable(text);
    if !bad.is_empty() {
        return Some(
            bad.into_iter()
                .map(|(offset, c)| {
                    Problem::new(
                        line_col(text, offset),
                        Code::NotPrintable,
                        format!(
                            "the text holds the character {} (U+{:04X}), which YAML does not allow",
                            quote(&c.to_string()),
                            c as u32
                        ),
                        "printable text; remove it, or write it as an escape such as \\x7f inside double quotes",
                    )
                })
                .collect(),
        );
    }
    too_deep(text).map(|offset| {
        vec![Problem::new(
            line_col(text, offset),
            Code::TooDeep,
            "the document is nested too deeply".into(),
            format!("at most {MAX_DEPTH} levels of nesting"),
        )]
    })
}

/// Byte offsets of characters outside YAML's printable set (C0 controls other than tab and
/// line breaks, DEL, C1 controls other than NEL, U+FFFE, U+FFFF, and a byte-order mark
/// inside the text), at most one more than are shown.
fn unprintable(text: &str) -> Vec<(usize, char)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() && out.len() <= MAX_PER_FILE {
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f {
                out.push((i, char::from(b)));
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if matches!(c, '\u{80}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' | '\u{feff}')
        {
            out.push((i, c));
        }
        i += c.len_utf8();
    }
    out
}

/// Byte offset where flow brackets (`[`, `{`) nest deeper than [`MAX_DEPTH`], if they do.
/// Quoted strings and comments are skipped; block nesting is checked as the tree is built.
///
/// A quote opens a string unless it follows a letter or digit, and `#` starts a comment
/// when it follows white space (or starts the text). Only ASCII bytes matter here, so the
/// text is read byte by byte, and the character before a quote or `#` is decoded only when
/// one is met.
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let before = |i: usize| text[..i].chars().next_back().unwrap_or(' ');
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' | b'\'' if !before(i).is_alphanumeric() => {
                // To the closing quote; in double quotes a backslash escapes what follows
                // (a byte of a longer character never looks like a quote or a backslash).
                i += 1;
                while let Some(&d) = b.get(i) {
                    if d == c {
                        break;
                    }
                    i += if c == b'"' && d == b'\\' { 2 } else { 1 };
                }
            }
            b'#' if before(i).is_whitespace() => {
                i = text[i..].find('\n').map_or(b.len(), |n| i + n);
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests;
