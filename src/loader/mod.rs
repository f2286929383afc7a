//! The one place that knows YAML: size and depth limits, strict parsing into typed models,
//! located diagnostics for syntax, type and semantic errors, and date fields.

pub(crate) mod fast;
mod locate;
pub mod ymd;

use std::path::Path;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error};
use locate::Locator;

/// Largest input file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A YAML document kept with its display name, so any later error can point into it.
pub struct Source {
    name: String,
    text: String,
    locator: OnceLock<Locator>,
}

impl Source {
    /// Wraps text that is already in memory (embedded data, stdin).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
            locator: OnceLock::new(),
        }
    }

    /// Reads a file, refusing files over [`MAX_FILE_BYTES`] and text that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let name = path.display().to_string();
        let io = |source| Error::Read {
            path: name.clone(),
            source,
        };
        let len = std::fs::metadata(path).map_err(io)?.len();
        if len > MAX_FILE_BYTES {
            return Err(Diagnostic::new(
                &name,
                1,
                1,
                format!("file is {len} bytes, over the {MAX_FILE_BYTES}-byte limit"),
            )
            .expected("a smaller file; split it or remove old entries")
            .into());
        }
        let bytes = std::fs::read(path).map_err(io)?;
        Self::from_bytes(name, bytes)
    }

    /// Reads standard input (named `<stdin>` in diagnostics), with the same limits as a file.
    pub fn read_stdin() -> Result<Self, Error> {
        use std::io::Read;
        let name = "<stdin>".to_string();
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                path: name.clone(),
                source,
            })?;
        Self::from_bytes(name, bytes)
    }

    /// Checks size and encoding of bytes read from `name`.
    pub(crate) fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Self, Error> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Diagnostic::new(
                &name,
                1,
                1,
                format!("input is over the {MAX_FILE_BYTES}-byte limit"),
            )
            .expected("a smaller file; split it or remove old entries")
            .into());
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, column) = line_col(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            Diagnostic::new(
                &name,
                line,
                column,
                "the file is not valid UTF-8".to_string(),
            )
            .expected("a UTF-8 text file")
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

    /// Parses the document strictly into `T`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        if text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            let message = if text.trim().is_empty() {
                "the file is empty"
            } else {
                "the file holds only comments"
            };
            return Err(Diagnostic::new(&self.name, 1, 1, message.into())
                .expected("a YAML document")
                .with_excerpt(&self.text));
        }
        if let Some(offset) = too_deep(text) {
            let (line, column) = line_col(text, offset);
            return Err(Diagnostic::new(
                &self.name,
                line,
                column,
                "the document is nested too deeply".into(),
            )
            .expected(format!("at most {MAX_DEPTH} levels of nesting"))
            .with_excerpt(&self.text));
        }
        serde_yaml::from_str(text).map_err(|e| self.yaml_error(&e))
    }

    /// Parses a top-level list into `Vec<T>`, taking the fast path for the simple layout of
    /// large logs when it applies and deserializes cleanly, else the full parser.
    pub fn parse_list<T: DeserializeOwned>(&self) -> Result<Vec<T>, Diagnostic> {
        match fast::list(&self.text) {
            Some(items) => Ok(items),
            None => self.parse(),
        }
    }

    /// Line and column of the node at `path` (e.g. `credentials[3].settings[1]`), else of
    /// the nearest enclosing node that exists, else the top of the file.
    pub fn position(&self, path: &str) -> (usize, usize) {
        self.locator
            .get_or_init(|| Locator::new(&self.text))
            .find(path)
    }

    /// Lines where the `count` items of a top-level block sequence start. A line scan finds
    /// them when every item begins with `-` in the first column (the usual layout, and what
    /// `ceu add` writes); any other layout falls back to the full locator.
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

    /// A diagnostic for the node at `path`.
    pub fn at(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(path);
        Diagnostic::new(&self.name, line, column, message.into()).with_excerpt(&self.text)
    }

    /// "unknown {what} `id`" at `path`, with a did-you-mean hint, unless `id` is in `known`.
    pub fn unknown(&self, path: &str, id: &str, known: &[&str], what: &str) -> Option<Diagnostic> {
        if known.contains(&id) {
            return None;
        }
        let hint = match closest(id, known) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("one of: {}", known.join(", ")),
        };
        Some(
            self.at(path, format!("unknown {what} `{id}`"))
                .expected(hint),
        )
    }

    fn yaml_error(&self, e: &serde_yaml::Error) -> Diagnostic {
        let (mut line, mut column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let raw = e.to_string();
        let message = strip_location(&raw);
        let (message, mut expected) = explain(message);
        // serde places some errors at the start of the mapping or document; point at the cause.
        if let Some(key) = raw
            .split("duplicate field `")
            .nth(1)
            .and_then(|r| r.split('`').next())
        {
            let prefix = message
                .split(": duplicate")
                .next()
                .filter(|p| *p != message)
                .unwrap_or("");
            let path = if prefix.is_empty() {
                key.to_string()
            } else {
                format!("{prefix}.{key}")
            };
            if let Some(pos) = self
                .locator
                .get_or_init(|| Locator::new(&self.text))
                .repeat(&path)
            {
                (line, column) = pos;
            }
            expected = Some(format!("`{key}` once in this mapping"));
        } else if raw.contains("more than one document")
            && let Some(i) = self
                .text
                .lines()
                .enumerate()
                .skip(1)
                .find(|(_, l)| l.starts_with("---"))
                .map(|(i, _)| i)
        {
            (line, column) = (i + 1, 1);
            expected = Some("one YAML document per file".into());
        } else if self
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .is_some_and(|l| l.starts_with('\t'))
        {
            expected = Some("spaces for indentation; YAML does not allow tabs".into());
        }
        let d = Diagnostic::new(&self.name, line, column, message).with_excerpt(&self.text);
        match expected {
            Some(x) => d.expected(x),
            None => d,
        }
    }
}

/// Deepest nesting accepted (the YAML parser's own recursion limit).
const MAX_DEPTH: usize = 128;

/// Byte offset where flow brackets (`[`, `{`) nest deeper than [`MAX_DEPTH`], if they do.
/// The YAML scanner slows down quadratically with such nesting, so it is refused first.
/// Quoted strings and comments are skipped; block nesting is bounded by the size limit.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut quote, mut comment, mut prev) = (0usize, None::<char>, false, ' ');
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, comment, c) {
            (_, true, '\n') => comment = false,
            (_, true, _) => {}
            (Some('"'), _, '\\') => {
                chars.next();
            }
            (Some(q), _, c) if c == q => quote = None,
            (Some(_), _, _) => {}
            (None, _, '"' | '\'') if !prev.is_alphanumeric() => quote = Some(c),
            (None, _, '#') if prev.is_whitespace() => comment = true,
            (None, _, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            (None, _, ']' | '}') => depth = depth.saturating_sub(1),
            (None, _, '\n') => {}
            _ => {}
        }
        prev = c;
    }
    None
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// serde_yaml appends " at line L column C"; the diagnostic shows that itself.
fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// Rewrites serde messages into plain words plus what was expected, with a
/// "did you mean" hint for a misspelt key or value.
fn explain(message: &str) -> (String, Option<String>) {
    if message.contains("recursion limit exceeded") {
        return (
            "the document is nested too deeply".into(),
            Some("at most 128 levels of nesting".into()),
        );
    }
    if let Some(found) = message.strip_suffix(", expected a YAML tag starting with '!'") {
        let found = found.trim_start_matches("invalid type: ");
        return (
            format!("found {found}"),
            Some("a single word such as `high_school`".into()),
        );
    }
    if let Some(start) = message.find("missing field `") {
        let key = message[start + 15..].trim_end_matches('`');
        let prefix = message[..start].trim_end_matches(": ");
        let text = if prefix.is_empty() {
            format!("missing key `{key}`")
        } else {
            format!("{prefix}: missing key `{key}`")
        };
        return (text, Some(format!("a `{key}:` entry in this mapping")));
    }
    if message.contains("repetition limit exceeded") {
        return (
            "aliases expand to too many nodes (an alias bomb?)".into(),
            Some("a document without runaway aliases".into()),
        );
    }
    for (what, marker) in [("key", "unknown field `"), ("value", "unknown variant `")] {
        if let Some(start) = message.find(marker) {
            let rest = &message[start + marker.len()..];
            let Some(end) = rest.find('`') else { break };
            let found = &rest[..end];
            let options: Vec<&str> = rest[end + 1..].split('`').skip(1).step_by(2).collect();
            let prefix = message[..start]
                .trim_end_matches(": ")
                .trim()
                .trim_start_matches('.');
            let mut text = format!("unknown {what} `{found}`");
            if !prefix.is_empty() {
                text = format!("{prefix}: {text}");
            }
            let expected = match closest(found, &options) {
                Some(best) => format!("did you mean `{best}`? (one of: {})", options.join(", ")),
                None if options.is_empty() => "no keys here".into(),
                None => format!("one of: {}", options.join(", ")),
            };
            return (text, Some(expected));
        }
    }
    (message.to_string(), None)
}

/// The option nearest to `word`, if it is near enough to be a likely typo.
pub fn closest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    options
        .iter()
        .map(|o| (edit_distance(&word, &o.to_lowercase()), *o))
        .filter(|(d, o)| *d <= 2.max(o.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Rec {
        title: String,
        count: u32,
    }

    #[test]
    fn unknown_key_gets_location_and_hint() {
        let s = Source::new("x.yaml", "title: a\ntitel: b\n");
        let d = s.parse::<Rec>().unwrap_err();
        assert_eq!((d.line, d.column), (2, 1));
        assert!(d.message.contains("unknown key `titel`"), "{}", d.message);
        assert!(
            d.expected
                .as_deref()
                .unwrap()
                .starts_with("did you mean `title`?")
        );
    }

    #[test]
    fn type_error_is_located() {
        let s = Source::new("x.yaml", "title: a\ncount: lots\n");
        let d = s.parse::<Rec>().unwrap_err();
        assert_eq!(d.line, 2);
        assert!(d.message.contains("count"), "{}", d.message);
    }

    #[test]
    fn empty_file_is_an_error() {
        let d = Source::new("x.yaml", "  \n").parse::<Rec>().unwrap_err();
        assert_eq!(d.message, "the file is empty");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("title: {}1{}\n", "[".repeat(5000), "]".repeat(5000));
        let d = Source::new("x.yaml", text)
            .parse::<serde_yaml::Value>()
            .unwrap_err();
        assert_eq!(d.message, "the document is nested too deeply");
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count() {
        let quoted = format!(
            "title: \"{}\" # {}\ncount: 1\n",
            "[".repeat(300),
            "{".repeat(300)
        );
        assert!(Source::new("x.yaml", quoted).parse::<Rec>().is_ok());
        assert_eq!(
            super::too_deep(&format!("a: {}", "[".repeat(129))),
            Some(3 + 128)
        );
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(
            closest("programes", &["programmes", "credentials"]),
            Some("programmes")
        );
        assert_eq!(closest("zzz", &["programmes", "credentials"]), None);
    }
}
