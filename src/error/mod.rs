//! Errors, exit codes and located diagnostics, and the one function that quotes input text
//! in a message ([`quote`]).

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

mod code;
pub use code::Code;

/// Exit code: the command ran and found problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: usage or input error.
pub const EXIT_USAGE: u8 = 2;

/// Most diagnostics shown for one file; the rest are summed up in one closing note.
pub const MAX_PER_FILE: usize = 20;

/// Most characters of input text a message quotes.
const QUOTE_CHARS: usize = 60;
/// Most characters of a message or an "expected" text (a guard for messages built elsewhere).
const MESSAGE_CHARS: usize = 240;
/// Characters of the source line shown on each side of the column when the line is long.
const EXCERPT_SIDE: usize = 40;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Stops the input from being used.
    Error,
    /// Worth knowing; the input is still used.
    Warning,
    /// For information: nothing is wrong (a figure the program uses, and why).
    Note,
}

/// The source line shown under a diagnostic: already cut to a window around the column and
/// escaped, with the byte range to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The (possibly cut and escaped) line.
    pub text: String,
    /// Byte range of `text` to underline.
    pub span: std::ops::Range<usize>,
}

/// A problem at a place in an input file: file, 1-based line and column (in characters),
/// a stable code, what is wrong, what was expected, and the line itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem, for scripts.
    pub code: Code,
    /// The file's name as the user gave it (or `<stdin>`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, in plain words (input text in it is quoted briefly and escaped).
    pub message: String,
    /// What was expected instead ("a number such as 4000", "one of: a, b").
    pub expected: Option<String>,
    /// The line shown under the message.
    pub excerpt: Option<Box<Excerpt>>,
}

impl Diagnostic {
    /// An error at `file:line:column` (code [`Code::InvalidValue`] until [`Diagnostic::code`]
    /// says otherwise). Control characters in `message` are escaped and it is cut to a few
    /// hundred characters, whatever built it.
    pub fn new(file: &str, line: usize, column: usize, message: String) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: Code::InvalidValue,
            file: file.to_string(),
            line,
            column,
            message: guard(&message),
            expected: None,
            excerpt: None,
        }
    }

    /// Sets the code.
    pub fn code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }

    /// Adds what was expected instead.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(guard(&expected.into()));
        self
    }

    /// Makes this a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Keeps the offending line of `text` for display (see [`Diagnostic::with_line`]).
    pub fn with_excerpt(self, text: &str) -> Self {
        match text.split('\n').nth(self.line.saturating_sub(1)) {
            Some(l) => self.with_line(l),
            None => self,
        }
    }

    /// Keeps `line` (the text of this diagnostic's line) for display: a window of it around
    /// the column when it is long, with control characters escaped.
    pub fn with_line(mut self, line: &str) -> Self {
        let line = line.strip_suffix('\r').unwrap_or(line);
        self.excerpt = Some(Box::new(excerpt(line, self.column)));
        self
    }

    /// Underlines the whole line shown, for a problem with the line as a whole (a CSV header
    /// that lacks a column) rather than with the token at the column.
    pub fn whole_line(mut self) -> Self {
        if let Some(ex) = &mut self.excerpt {
            ex.span = 0..ex.text.len();
        }
        self
    }

    /// Renders the diagnostic with the source line, as `file:line:column` plus a caret.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let origin = format!("{}:{}:{}", self.file, self.line, self.column);
        let label = self.expected.as_deref().map(|e| format!("expected {e}"));
        let Some(ex) = self.excerpt.as_ref().filter(|e| !e.text.is_empty()) else {
            let kind = match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            let mut out = format!("{kind}: {}\n  --> {origin}", self.message);
            if let Some(l) = label {
                out.push_str(&format!("\n   = {l}"));
            }
            return out;
        };
        let mut annotation = AnnotationKind::Primary.span(ex.span.clone());
        if let Some(l) = &label {
            annotation = annotation.label(l.as_str());
        }
        let group: Group = level.primary_title(&self.message).element(
            Snippet::source(ex.text.as_str())
                .line_start(self.line)
                .path(self.file.as_str())
                .annotation(annotation),
        );
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let out = renderer.render(&[group]).to_string();
        // The renderer counts the column within the excerpt, which may be a window of a long
        // line: name the real one.
        let shown = ex.text[..ex.span.start].chars().count() + 1;
        if shown == self.column {
            return out;
        }
        out.replacen(
            &format!("{}:{}:{shown}", self.file, self.line),
            &format!("{}:{}:{}", self.file, self.line, self.column),
            1,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(e) = &self.expected {
            write!(f, " (expected {e})")?;
        }
        Ok(())
    }
}

/// The JSON view of a diagnostic: `{file, line, column, severity, code, message, expected}`.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            file: &'a str,
            line: usize,
            column: usize,
            severity: Severity,
            code: Code,
            message: &'a str,
            expected: Option<&'a str>,
        }
        View {
            file: &self.file,
            line: self.line,
            column: self.column,
            severity: self.severity,
            code: self.code,
            message: &self.message,
            expected: self.expected.as_deref(),
        }
        .serialize(s)
    }
}

/// At most [`MAX_PER_FILE`] diagnostics of each file, in the order given; a file with more
/// gets one closing note saying how many were left out, an error when any of them is one (so
/// a check still fails on an error hidden behind warnings).
pub fn cap_per_file(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Per file: diagnostics seen, and whether a hidden one is an error.
    let mut counts: Vec<(String, usize, bool)> = Vec::new();
    let mut out = Vec::with_capacity(diagnostics.len().min(64));
    let mut last_shown: Vec<Diagnostic> = Vec::new();
    for d in diagnostics {
        // A note from an earlier cap stays as it is (capping twice changes nothing).
        if d.code == Code::MoreProblems {
            out.push(d);
            continue;
        }
        let i = match counts.iter().position(|(f, _, _)| *f == d.file) {
            Some(i) => i,
            None => {
                counts.push((d.file.clone(), 0, false));
                counts.len() - 1
            }
        };
        counts[i].1 += 1;
        if counts[i].1 > MAX_PER_FILE {
            counts[i].2 |= d.severity == Severity::Error;
        }
        match counts[i].1 {
            n if n <= MAX_PER_FILE => out.push(d),
            n if n == MAX_PER_FILE + 1 => last_shown.push(d),
            _ => {}
        }
    }
    for first_hidden in last_shown {
        let (hidden, error) = counts
            .iter()
            .find(|(f, _, _)| *f == first_hidden.file)
            .map_or((0, false), |(_, n, e)| (n - MAX_PER_FILE, *e));
        let note = Diagnostic {
            code: Code::MoreProblems,
            severity: if error {
                Severity::Error
            } else {
                first_hidden.severity
            },
            message: format!(
                "{hidden} more problem{} found in this file and not shown (only the first {MAX_PER_FILE} are); checking stops early in a file with many, so check again once these are fixed",
                if hidden == 1 { "" } else { "s" }
            ),
            expected: None,
            excerpt: None,
            ..first_hidden
        };
        // The note goes right after the last shown diagnostic of its file.
        let at = out
            .iter()
            .rposition(|d| d.file == note.file)
            .map_or(out.len(), |i| i + 1);
        out.insert(at, note);
    }
    out
}

/// Input text as a message may show it: in backticks, at most about 60 characters (cut with
/// `…`), with control and other non-printable characters escaped (`\n`, `\x1b`, `\u{7f}`).
/// Every message that embeds text from an input file goes through this function.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(QUOTE_CHARS * 2) + 2);
    out.push('`');
    for (n, c) in text.chars().enumerate() {
        if n == QUOTE_CHARS {
            out.push('…');
            break;
        }
        push_escaped(&mut out, c);
    }
    out.push('`');
    out
}

/// A message as it may be shown, whoever built it: code in coderpath's words between
/// backticks ([`crate::render::code::plain`]), non-printable characters escaped, any
/// `` `quoted` `` part cut to about 60 characters as [`quote`] does, and the whole cut to
/// [`MESSAGE_CHARS`] characters.
fn guard(text: &str) -> String {
    let text = &crate::render::code::plain(text);
    if text.len() <= QUOTE_CHARS && !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len().min(MESSAGE_CHARS * 2));
    let (mut quoted, mut in_quote, mut shown) = (false, 0usize, 0usize);
    for c in text.chars() {
        if shown == MESSAGE_CHARS {
            out.push('…');
            break;
        }
        if c == '`' {
            quoted = !quoted;
            in_quote = 0;
        } else if quoted {
            in_quote += 1;
            if in_quote == QUOTE_CHARS + 1 {
                out.push('…');
            }
            if in_quote > QUOTE_CHARS {
                continue;
            }
        }
        push_escaped(&mut out, c);
        shown += 1;
    }
    out
}

/// Whether `c` is shown escaped: controls, line and paragraph separators, bidirectional
/// overrides, non-characters and the byte-order mark.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write;
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0' => out.push_str("\\0"),
        c if (c as u32) < 0x20 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// A window of `line` around the 1-based character `column`, escaped, with the token at the
/// column underlined (at most 40 characters of it).
fn excerpt(line: &str, column: usize) -> Excerpt {
    let chars: Vec<char> = line.chars().collect();
    let col = column.saturating_sub(1).min(chars.len());
    let (from, to) = if chars.len() <= 2 * EXCERPT_SIDE + 20 {
        (0, chars.len())
    } else {
        let from = col.saturating_sub(EXCERPT_SIDE);
        (from, (col + EXCERPT_SIDE).min(chars.len()))
    };
    // A quoted value runs to its closing quote; anything else to a space or a separator.
    let token_end = match chars.get(col) {
        Some(&q @ ('"' | '\'')) => chars[col + 1..]
            .iter()
            .position(|c| *c == q)
            .map_or(chars.len(), |n| col + n + 2),
        _ => chars[col..]
            .iter()
            .position(|c| matches!(c, ' ' | ',' | ']' | '}'))
            .map_or(chars.len(), |n| col + n),
    }
    .min(col + 40)
    .min(to)
    .max((col + 1).min(to));
    let mut text = String::new();
    if from > 0 {
        text.push('…');
    }
    let mut span = text.len()..text.len();
    for (i, &c) in chars.iter().enumerate().take(to).skip(from) {
        if i == col {
            span.start = text.len();
        }
        push_escaped(&mut text, c);
        if i + 1 == token_end {
            span.end = text.len();
        }
    }
    if col >= to {
        span = text.len()..text.len();
    }
    if to < chars.len() {
        text.push('…');
    }
    Excerpt { text, span }
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One located input problem.
    #[error("{0}")]
    Input(Box<Diagnostic>),
    /// Several located input problems (all are shown).
    #[error("{} in the input", crate::render::words::count(.0.len(), "problem", "problems"))]
    Inputs(Vec<Diagnostic>),
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// A template failed to compile or render.
    #[error("template error: {0}")]
    Template(String),
    /// A signal (Ctrl-C, SIGTERM) stopped the command between files.
    #[error(
        "interrupted (signal {signal}): the files written so far are whole and no temporary \
         files are left, but the output is not complete; run the command again"
    )]
    Interrupted { signal: i32 },
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Input(Box::new(d))
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(ds: Vec<Diagnostic>) -> Self {
        Error::Inputs(ds)
    }
}

impl Error {
    /// The process exit code for this error: [`EXIT_USAGE`], or 128 + the signal that
    /// interrupted the command (130 for Ctrl-C), as a shell reports it.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Interrupted { signal } => u8::try_from(128 + signal).unwrap_or(130),
            _ => EXIT_USAGE,
        }
    }

    /// The located diagnostics this error carries, if any.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Input(d) => std::slice::from_ref(d),
            Error::Inputs(ds) => ds,
            _ => &[],
        }
    }

    /// The message for stderr: located diagnostics with their excerpts (at most
    /// [`MAX_PER_FILE`] per file), else one line.
    pub fn render(&self, color: bool) -> String {
        let ds = self.diagnostics();
        if ds.is_empty() {
            // Plain text: code in the words between backticks.
            format!("error: {}", crate::render::code::plain(&self.to_string()))
        } else {
            cap_per_file(ds.to_vec())
                .iter()
                .map(|d| d.render(color))
                .collect::<Vec<_>>()
                .join("\n\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_and_cuts() {
        assert_eq!(quote("a\x7fb\x1b\n"), "`a\\u{7f}b\\x1b\\n`");
        let long = "x".repeat(5000);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_CHARS + 3);
        assert!(q.ends_with("…`"));
    }

    #[test]
    fn quoted_parts_of_any_message_are_cut() {
        let pattern = "p".repeat(5000);
        let d = Diagnostic::new("f", 1, 1, format!("`{pattern}` matches no file"));
        assert_eq!(
            d.message,
            format!("`{}…` matches no file", "p".repeat(QUOTE_CHARS))
        );
        // What `quote` made stays as it was.
        let q = format!("unknown value {}", quote(&"v".repeat(500)));
        assert_eq!(Diagnostic::new("f", 1, 1, q.clone()).message, q);
    }

    #[test]
    fn messages_are_guarded() {
        let d = Diagnostic::new("f", 1, 1, format!("a\u{202e}b{}", "y".repeat(10_000)));
        assert!(d.message.starts_with("a\\u{202e}b"));
        assert!(d.message.chars().count() <= MESSAGE_CHARS + 10);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}BAD{}", "a".repeat(5_000_000), "b".repeat(100));
        let d = Diagnostic::new("f", 1, 5_000_001, "m".into()).with_line(&line);
        let ex = d.excerpt.as_ref().unwrap();
        assert!(ex.text.len() < 100, "{}", ex.text);
        assert!(ex.text[ex.span.clone()].starts_with("BADbbb"), "{ex:?}");
        let shown = d.render(false);
        assert!(shown.contains("BAD"));
        assert!(shown.contains("f:1:5000001"), "{shown}");
    }

    #[test]
    fn excerpt_escapes_controls_and_keeps_the_caret_on_the_token() {
        let d = Diagnostic::new("f", 1, 3, "m".into()).with_line("\x1b[1mX y");
        let ex = d.excerpt.unwrap();
        assert_eq!(ex.text, "\\x1b[1mX y");
        assert_eq!(&ex.text[ex.span], "1mX");
    }

    #[test]
    fn cap_keeps_twenty_per_file_and_notes_the_rest() {
        let ds: Vec<Diagnostic> = (1..=25)
            .map(|i| Diagnostic::new("a", i, 1, "m".into()))
            .chain([Diagnostic::new("b", 1, 1, "m".into())])
            .collect();
        let capped = cap_per_file(ds);
        assert_eq!(capped.len(), 22);
        assert_eq!(capped[20].code, Code::MoreProblems);
        assert!(capped[20].message.starts_with("5 more problems"));
        assert_eq!(capped[21].file, "b");
        let twice = cap_per_file(capped.clone());
        assert_eq!(twice.len(), 22, "capping twice changes nothing");
        assert!(twice[20].message.starts_with("5 more problems"));
    }

    #[test]
    fn json_view_has_the_documented_keys() {
        let d = Diagnostic::new("f.yaml", 2, 3, "m".into())
            .code(Code::WrongType)
            .expected("a number such as 4000");
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"file":"f.yaml","line":2,"column":3,"severity":"error","code":"wrong_type","message":"m","expected":"a number such as 4000"}"#
        );
    }
}
