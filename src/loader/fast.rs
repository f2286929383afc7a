//! A fast path for the common layout of large files (a CEU log): a top-level block list of
//! flat mappings whose values are plain or quoted scalars, or flow lists of them. Anything
//! else returns `None`, and the caller uses the full YAML parser, which stays the authority:
//! what this path reads is only used when it deserializes cleanly. Values borrow from the
//! text and are deserialized straight into the target type, so no intermediate tree is built.

use std::borrow::Cow;

use serde::de::value::{CowStrDeserializer, Error, MapDeserializer, SeqDeserializer};
use serde::de::{DeserializeOwned, Deserializer, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

/// A scalar or a flow list of scalars, resolved as YAML 1.2's core schema would.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    Seq(Vec<Node<'a>>),
}

type Entry<'a> = Vec<(&'a str, Node<'a>)>;

/// Reads `text` as a list of `T`, or `None` when the layout or the values fall outside the
/// fast path.
pub fn list<T: DeserializeOwned>(text: &str) -> Option<Vec<T>> {
    flat_list(text)?
        .into_iter()
        .map(|entry| T::deserialize(MapDeserializer::<_, Error>::new(entry.into_iter())).ok())
        .collect()
}

/// The document as a list of mappings, or `None` if it strays outside the simple layout.
pub fn flat_list(text: &str) -> Option<Vec<Entry<'_>>> {
    let mut items: Vec<Entry<'_>> = Vec::new();
    let mut current: Option<Entry<'_>> = None;
    let mut indent = 0;
    for raw in text.strip_prefix('\u{feff}').unwrap_or(text).lines() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.contains('\t') {
            return None;
        }
        let body = if let Some(rest) = line.strip_prefix("- ") {
            items.extend(current.take());
            let rest_trim = rest.trim_start_matches(' ');
            indent = 2 + rest.len() - rest_trim.len();
            current = Some(Vec::with_capacity(8));
            rest_trim
        } else if line.len() - trimmed.len() == indent && current.is_some() && indent > 0 {
            trimmed
        } else {
            return None;
        };
        let (key, value) = body.split_once(':')?;
        if !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') || key.is_empty() {
            return None;
        }
        let value = value.strip_prefix(' ')?;
        let map = current.as_mut()?;
        if map.iter().any(|(k, _)| *k == key) {
            return None;
        }
        map.push((key, node(value)?));
    }
    items.extend(current.take());
    (!items.is_empty()).then_some(items)
}

/// A scalar or a flow list of scalars, with any trailing comment removed.
fn node(text: &str) -> Option<Node<'_>> {
    let text = text.trim_start_matches(' ');
    if let Some(inner) = text.strip_prefix('[') {
        let (list, rest) = inner.split_once(']')?;
        if !is_comment_or_empty(rest) || list.contains(['[', '{', '#']) {
            return None;
        }
        if list.trim().is_empty() {
            return Some(Node::Seq(Vec::new()));
        }
        return list
            .split(',')
            .map(|part| scalar(part.trim(), ""))
            .collect::<Option<Vec<_>>>()
            .map(Node::Seq);
    }
    scalar_with_tail(text)
}

fn is_comment_or_empty(rest: &str) -> bool {
    let r = rest.trim_start_matches(' ');
    r.is_empty() || (r.starts_with('#') && rest.starts_with(' '))
}

/// A scalar followed by an optional comment.
fn scalar_with_tail(text: &str) -> Option<Node<'_>> {
    if text.starts_with(['"', '\'']) {
        let end = closing_quote(text)?;
        return scalar(&text[..=end], &text[end + 1..]);
    }
    match text.find(" #") {
        Some(i) => scalar(text[..i].trim_end(), ""),
        None => scalar(text.trim_end(), ""),
    }
}

/// Byte index of the quote closing the string that starts `text`.
fn closing_quote(text: &str) -> Option<usize> {
    let q = text.as_bytes()[0];
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if q == b'"' => i += 2,
            b'\'' if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == q => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn scalar<'a>(text: &'a str, tail: &str) -> Option<Node<'a>> {
    if !is_comment_or_empty(tail) || text.is_empty() {
        return None;
    }
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        if inner.contains('\\') {
            let unescaped = inner.replace("\\\"", "\"").replace("\\\\", "\u{0}");
            if unescaped.contains('\\') {
                return None;
            }
            return Some(Node::Str(Cow::Owned(unescaped.replace('\u{0}', "\\"))));
        }
        return Some(Node::Str(Cow::Borrowed(inner)));
    }
    if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return Some(Node::Str(if inner.contains('\'') {
            Cow::Owned(inner.replace("''", "'"))
        } else {
            Cow::Borrowed(inner)
        }));
    }
    if text.starts_with([
        '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`',
    ]) || text == "-"
        || text.starts_with("- ")
        || text.contains(": ")
        || text.ends_with(':')
    {
        return None;
    }
    Some(match text {
        "null" | "Null" | "NULL" | "~" => Node::Null,
        "true" | "True" | "TRUE" => Node::Bool(true),
        "false" | "False" | "FALSE" => Node::Bool(false),
        _ if is_number(text) => {
            if let Ok(i) = text.parse::<i64>() {
                Node::Int(i)
            } else if text.contains(['.', 'e', 'E']) {
                Node::Float(text.parse::<f64>().ok()?)
            } else {
                return None;
            }
        }
        // Dates are the common case; any other number-like text is left to the full parser.
        _ if is_date(text) => Node::Str(Cow::Borrowed(text)),
        _ if text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '+' | '-')) => {
            return None;
        }
        _ => Node::Str(Cow::Borrowed(text)),
    })
}

/// `YYYY-MM-DD` shape (validity is checked later, as for any date field).
fn is_date(text: &str) -> bool {
    text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Decimal integers and floats in the YAML 1.2 core schema's plain forms.
fn is_number(text: &str) -> bool {
    let t = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = digits(int) && (int == "0" || !int.starts_with('0'));
    let frac_ok = frac.is_none_or(|f| f.is_empty() || digits(f));
    let exp_ok = exp.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    int_ok && frac_ok && exp_ok
}

impl<'de> IntoDeserializer<'de, Error> for Node<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for Node<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Node::Str(Cow::Borrowed(s)) => v.visit_borrowed_str(s),
            Node::Str(Cow::Owned(s)) => v.visit_string(s),
            Node::Int(i) => v.visit_i64(i),
            Node::Float(f) => v.visit_f64(f),
            Node::Bool(b) => v.visit_bool(b),
            Node::Null => v.visit_unit(),
            Node::Seq(items) => v.visit_seq(SeqDeserializer::new(items.into_iter())),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Node::Null => v.visit_none(),
            other => v.visit_some(other),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match self {
            Node::Str(s) => CowStrDeserializer::<Error>::new(s).deserialize_enum(name, variants, v),
            other => other.deserialize_any(v),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::list;

    /// The fast path either gives up or agrees with serde_yaml exactly.
    fn agrees(text: &str) -> bool {
        let full: Result<Vec<serde_yaml::Value>, _> = serde_yaml::from_str(text);
        match list::<serde_yaml::Value>(text) {
            None => true,
            Some(v) => full.is_ok_and(|f| f == v),
        }
    }

    #[test]
    fn reads_the_log_layout() {
        let text = "# log\n- date: 2026-01-05 # comment\n  title: \"Q: \\\"x\\\" # y\"\n  provider: 'O''Hara'\n  ceus: 1.5\n  topics: [cpt, \"icd10cm\"]\n  ahima_sourced: true\n  aapc_index: null\n\n- checkpoint: 2026-06-30\n  earned: 24\n";
        let v = list::<serde_yaml::Value>(text).unwrap();
        assert!(agrees(text));
        assert_eq!(v[0]["title"], "Q: \"x\" # y");
        assert_eq!(v[0]["provider"], "O'Hara");
    }

    #[test]
    fn gives_up_or_agrees_on_odd_input() {
        for text in [
            "- a: 1\n   b: 2\n",
            "- a: |\n    x\n",
            "- a: &x 1\n  b: *x\n",
            "- a: {b: 1}\n",
            "- a: [1, [2]]\n",
            "- a: 0x10\n",
            "- a: .5\n",
            "- a: +1\n",
            "- a: 1_000\n",
            "- a: 2026-02-30\n",
            "- a: -3\n  b: -0.5\n  c: 1e3\n",
            "- a: 'x' y\n",
            "- a: \"x\\ty\"\n",
            "- a: 1\n  a: 2\n",
            "---\n- a: 1\n",
            "- a: b: c\n",
            "- a:\n",
            "- a: x #not\n",
            "- a: ~\n  b: TRUE\n  c: 007\n",
            "- a: 18446744073709551615\n  b: 99999999999999999999999\n",
            "- a: -.inf\n  b: .NaN\n  c: 2026 update\n",
            "- a: - b\n",
        ] {
            assert!(
                agrees(text),
                "{text:?}: {:?} vs {:?}",
                list::<serde_yaml::Value>(text),
                serde_yaml::from_str::<serde_yaml::Value>(text)
            );
        }
    }
}
