//! Errors, exit codes and located diagnostics.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Exit code: the command ran and found problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: usage or input error.
pub const EXIT_USAGE: u8 = 2;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Stops the input from being used.
    Error,
    /// Worth knowing; the input is still used.
    Warning,
}

/// A problem at a place in an input file: file, 1-based line and column, what is wrong,
/// what was expected, and the line itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub expected: Option<String>,
    pub excerpt: Option<String>,
}

impl Diagnostic {
    /// An error at `file:line:column`.
    pub fn new(file: &str, line: usize, column: usize, message: String) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            column,
            message,
            expected: None,
            excerpt: None,
        }
    }

    /// Adds what was expected instead.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Makes this a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Keeps the offending line of `text` for display.
    pub fn with_excerpt(mut self, text: &str) -> Self {
        self.excerpt = text
            .lines()
            .nth(self.line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Renders the diagnostic with the source line, as `file:line:column` plus a caret.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let origin = format!("{}:{}:{}", self.file, self.line, self.column);
        let label = self.expected.as_deref().map(|e| format!("expected {e}"));
        let Some(line) = self.excerpt.as_ref().filter(|l| !l.is_empty()) else {
            let kind = match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut out = format!("{kind}: {}\n  --> {origin}", self.message);
            if let Some(l) = label {
                out.push_str(&format!("\n   = {l}"));
            }
            return out;
        };
        let start = line
            .char_indices()
            .nth(self.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        // Underline the token at the column (at most 40 bytes of it, on a char boundary).
        let token_end = line[start..]
            .find([' ', ',', ']', '}'])
            .map_or(line.len(), |n| start + n);
        let mut end = token_end.min(start + 40).max((start + 1).min(line.len()));
        while !line.is_char_boundary(end) {
            end += 1;
        }
        let mut annotation = AnnotationKind::Primary.span(start..end);
        if let Some(l) = &label {
            annotation = annotation.label(l.as_str());
        }
        let group: Group = level.primary_title(&self.message).element(
            Snippet::source(line.as_str())
                .line_start(self.line)
                .path(self.file.as_str())
                .annotation(annotation),
        );
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group]).to_string()
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

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One located input problem.
    #[error("{0}")]
    Input(Box<Diagnostic>),
    /// Several located input problems (all are shown).
    #[error("{} problems in the input", .0.len())]
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
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Input(Box::new(d))
    }
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        EXIT_USAGE
    }

    /// The located diagnostics this error carries, if any.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Input(d) => std::slice::from_ref(d),
            Error::Inputs(ds) => ds,
            _ => &[],
        }
    }

    /// The message for stderr: located diagnostics with their excerpts, else one line.
    pub fn render(&self, color: bool) -> String {
        let ds = self.diagnostics();
        if ds.is_empty() {
            format!("error: {self}")
        } else {
            ds.iter()
                .map(|d| d.render(color))
                .collect::<Vec<_>>()
                .join("\n\n")
        }
    }
}
