//! Converts the embedded reference data (`data/*.yaml`) to JSON once, at build time, so
//! that a command reads it with serde_json instead of scanning YAML on every run (`plan`
//! 4.5 → 2.8 ms; BENCHMARKS.md "Reference data read as JSON"). Plain scalars are resolved by
//! the loader's own rules (`src/loader/scalar.rs`); the test `embedded_json_matches_yaml`
//! checks that every file reads the same both ways. YAML is still the only source of the
//! data: editing a file rebuilds its JSON.

use std::fmt::Write as _;
use std::path::Path;

use saphyr_parser::{Event, Parser, ScalarStyle};

#[allow(dead_code)] // only `resolve` is needed here
#[path = "src/loader/scalar.rs"]
mod scalar;

fn main() -> Result<(), String> {
    println!("cargo::rerun-if-changed=data");
    println!("cargo::rerun-if-changed=src/loader/scalar.rs");
    let out = std::env::var("OUT_DIR").map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir("data").map_err(|e| format!("data/: {e}"))? {
        let path = entry.map_err(|e| format!("data/: {e}"))?.path();
        let (Some(stem), Some("yaml")) =
            (path.file_stem(), path.extension().and_then(|e| e.to_str()))
        else {
            continue;
        };
        let fail = |e: String| format!("{}: {e}", path.display());
        let yaml = std::fs::read_to_string(&path).map_err(|e| fail(e.to_string()))?;
        let json = to_json(&yaml).map_err(fail)?;
        let target = Path::new(&out).join(stem).with_extension("json");
        std::fs::write(&target, json).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}

/// A node being built: a list, or a mapping with its key waiting for a value.
enum Open {
    Seq(Vec<String>, usize),
    Map(Vec<String>, Option<String>, usize),
}

/// The JSON of a one-document YAML text without tags; aliases are expanded.
fn to_json(yaml: &str) -> Result<String, String> {
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: Vec<(usize, String)> = Vec::new();
    let mut root = None;
    for event in Parser::new_from_str(yaml) {
        let (event, span) = event.map_err(|e| e.to_string())?;
        let at = || format!("line {}", span.start.line());
        let (value, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                if tag.is_some() {
                    return Err(format!("{}: tags are not supported here", at()));
                }
                (scalar(&text, style == ScalarStyle::Plain, at)?, anchor)
            }
            Event::SequenceStart(anchor, None) => {
                stack.push(Open::Seq(Vec::new(), anchor));
                continue;
            }
            Event::MappingStart(anchor, None) => {
                stack.push(Open::Map(Vec::new(), None, anchor));
                continue;
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                return Err(format!("{}: tags are not supported here", at()));
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq(items, anchor)) => (format!("[{}]", items.join(",")), anchor),
                Some(Open::Map(pairs, _, anchor)) => (format!("{{{}}}", pairs.join(",")), anchor),
                None => return Err(format!("{}: unbalanced end", at())),
            },
            Event::Alias(id) => match anchors.iter().rev().find(|(a, _)| *a == id) {
                Some((_, value)) => (value.clone(), 0),
                None => return Err(format!("{}: unknown alias", at())),
            },
            Event::DocumentStart(_) if root.is_some() => {
                return Err(format!("{}: more than one document", at()));
            }
            _ => continue,
        };
        if anchor != 0 {
            anchors.push((anchor, value.clone()));
        }
        match stack.last_mut() {
            None => root = Some(value),
            Some(Open::Seq(items, _)) => items.push(value),
            Some(Open::Map(_, key @ None, _)) => {
                if !value.starts_with('"') {
                    return Err(format!("{}: a key that is not text", at()));
                }
                *key = Some(value);
            }
            Some(Open::Map(pairs, key @ Some(_), _)) => {
                let key = key.take().unwrap_or_default();
                let prefix = format!("{key}:");
                if pairs.iter().any(|p| p.starts_with(&prefix)) {
                    return Err(format!("{}: duplicate key {key}", at()));
                }
                pairs.push(format!("{key}:{value}"));
            }
        }
    }
    root.ok_or_else(|| "no document".into())
}

/// A scalar as JSON: a plain scalar resolved by the loader's rules, any other one text.
fn scalar(text: &str, plain: bool, at: impl Fn() -> String) -> Result<String, String> {
    use scalar::Resolved;
    if !plain {
        return Ok(string(text));
    }
    Ok(match scalar::resolve(text) {
        Resolved::Null => "null".into(),
        Resolved::Bool(b) => b.to_string(),
        Resolved::Int(n) if i64::try_from(n).is_ok() => n.to_string(),
        // `{:?}` writes the shortest text that reads back as the same number.
        Resolved::Float(f) if f.is_finite() => format!("{f:?}"),
        Resolved::Str => string(text),
        Resolved::Int(_) | Resolved::BigInt | Resolved::Float(_) => {
            return Err(format!("{}: `{text}` has no JSON number", at()));
        }
    })
}

/// A JSON string literal.
fn string(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(s, "\\u{:04x}", u32::from(c));
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}
