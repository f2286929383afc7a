//! A fast reader for the usual layout of large CEU logs. It builds the very tree the full
//! reader ([`super::full`]) builds — same nodes, same text, same lines and columns — or gives
//! up (`None`) and leaves the document to the full reader. Property tests check that the two
//! agree on every input the fast reader accepts.
//!
//! The subset it accepts, line by line (`\n` or `\r\n` line ends):
//!
//! - blank lines, and comment lines whose first non-space character is `#`;
//! - `- KEY: VALUE` starting an item (the dash in the first column) and `  KEY: VALUE`
//!   (exactly two spaces) continuing it, with at least one item;
//! - `KEY` made of ASCII letters, digits and `_`, unique within its item;
//! - `VALUE` one of: a plain scalar on one line that starts with a letter, a digit, `~`, `.`,
//!   `/`, `(`, `$` or `-`+digit and holds no `: ` and no trailing `:`; a double-quoted
//!   scalar on one line whose escapes are among `\" \\ \/ \n \t \r \b \f \uXXXX`; a
//!   single-quoted scalar on one line; or a flow list `[…]` on one line of such scalars
//!   (plain items without `:`), possibly empty;
//! - after a value, optional spaces and a comment (` #…`);
//! - no tab, no control character, no U+0085, U+2028, U+2029, U+FEFF, U+FFFE or U+FFFF
//!   anywhere.
//!
//! Anything else — block scalars, anchors, tags, nested mappings, multi-line values, other
//! indentation — gives `None`.

use std::borrow::Cow;

use super::node::{Kind, Node};

/// The tree of `text`, or `None` when `text` is outside the subset.
pub fn read(text: &str) -> Option<Node<'_>> {
    let mut items: Vec<Node<'_>> = Vec::new();
    let mut pairs: Vec<(Node<'_>, Node<'_>)> = Vec::new();
    let mut item_line = 0;
    let mut first_line = 0;
    let mut rest = text;
    let mut line_no = 0;
    while !rest.is_empty() {
        line_no += 1;
        let (raw, after) = rest.split_once('\n').unwrap_or((rest, ""));
        rest = after;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if !line.bytes().all(|b| (0x20..0x7f).contains(&b)) && !safe_unicode(line) {
            return None;
        }
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let body = if let Some(body) = line.strip_prefix("- ") {
            if item_line != 0 {
                items.push(item(item_line, std::mem::take(&mut pairs)));
            } else {
                first_line = line_no;
            }
            item_line = line_no;
            body
        } else {
            line.strip_prefix("  ").filter(|_| item_line != 0)?
        };
        let (key, value) = body.split_once(": ")?;
        if key.is_empty()
            || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            || pairs.iter().any(|(k, _)| k.scalar() == Some(key))
        {
            return None;
        }
        let key_col = 3;
        let value_col = key_col + key.len() + 2;
        let key_node = Node::new(
            line_no,
            key_col,
            Kind::Scalar {
                text: Cow::Borrowed(key),
                plain: true,
            },
        );
        pairs.push((key_node, value_node(line, line_no, value, value_col)?));
    }
    if item_line == 0 {
        return None;
    }
    items.push(item(item_line, pairs));
    Some(Node::new(first_line, 1, Kind::Seq(items)))
}

fn item<'a>(line: usize, pairs: Vec<(Node<'a>, Node<'a>)>) -> Node<'a> {
    Node::new(line, 3, Kind::Map(pairs))
}

/// Whether a line with non-ASCII text holds only characters the subset allows.
fn safe_unicode(line: &str) -> bool {
    line.chars().all(|c| {
        !(c.is_control()
            || matches!(
                c,
                '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
    })
}

/// 1-based character column of byte offset `at` in `line`.
fn column(line: &str, at: usize) -> usize {
    if line.is_ascii() {
        at + 1
    } else {
        line[..at].chars().count() + 1
    }
}

/// The value that starts at 1-based byte column `col` (ASCII up to there) of `line`.
fn value_node<'a>(line: &'a str, line_no: usize, value: &'a str, col: usize) -> Option<Node<'a>> {
    let start = value.len() - value.trim_start_matches(' ').len();
    let value = &value[start..];
    let col = col + start;
    if let Some(inner) = value.strip_prefix('[') {
        let close = inner.find(']')?;
        if !tail_ok(&inner[close + 1..]) {
            return None;
        }
        let list = &inner[..close];
        if list.contains(['[', '{', '}', '#', ':']) {
            return None;
        }
        let mut items = Vec::new();
        if !list.trim_matches(' ').is_empty() {
            let mut offset = line.len() - inner.len();
            for part in list.split(',') {
                let lead = part.len() - part.trim_start_matches(' ').len();
                let text = part.trim_matches(' ');
                let at = offset + lead;
                offset += part.len() + 1;
                let node = if text.starts_with(['"', '\'']) {
                    let (s, end) = quoted(text)?;
                    if end != text.len() {
                        return None;
                    }
                    s
                } else {
                    plain(text)?
                };
                items.push(Node::new(line_no, column(line, at), node));
            }
        }
        return Some(Node::new(line_no, col, Kind::Seq(items)));
    }
    let kind = if value.starts_with(['"', '\'']) {
        let (s, end) = quoted(value)?;
        if !tail_ok(&value[end..]) {
            return None;
        }
        s
    } else {
        let end = value.find(" #").unwrap_or(value.len());
        plain(value[..end].trim_end_matches(' '))?
    };
    Some(Node::new(line_no, col, kind))
}

/// What may follow a value: spaces, then nothing or a comment.
fn tail_ok(tail: &str) -> bool {
    let t = tail.trim_start_matches(' ');
    t.is_empty() || (t.starts_with('#') && t.len() < tail.len())
}

/// A plain scalar (already cut at its end), if the subset allows it.
fn plain(text: &str) -> Option<Kind<'_>> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let starts_ok = first.is_alphanumeric()
        || matches!(first, '~' | '.' | '/' | '(' | '$')
        || (first == '-' && chars.next().is_some_and(|c| c.is_ascii_digit()));
    if !starts_ok || text.contains(": ") || text.ends_with(':') || text.contains(" #") {
        return None;
    }
    Some(Kind::Scalar {
        text: Cow::Borrowed(text),
        plain: true,
    })
}

/// A quoted scalar at the start of `text` and the byte offset just past its closing quote.
fn quoted(text: &str) -> Option<(Kind<'_>, usize)> {
    let double = text.starts_with('"');
    let body = &text[1..];
    let mut owned: Option<String> = None;
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if double => return Some((finish(body, i, owned), i + 2)),
            '\'' if !double => {
                if body[i + 1..].starts_with('\'') {
                    chars.next();
                    owned
                        .get_or_insert_with(|| body[..i].to_string())
                        .push('\'');
                } else {
                    return Some((finish(body, i, owned), i + 2));
                }
            }
            '\\' if double => {
                let (_, e) = chars.next()?;
                let decoded = match e {
                    '"' | '\\' | '/' => e,
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'u' => {
                        let hex = body.get(i + 2..i + 6)?;
                        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return None;
                        }
                        for _ in 0..4 {
                            chars.next();
                        }
                        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                    }
                    _ => return None,
                };
                owned
                    .get_or_insert_with(|| body[..i].to_string())
                    .push(decoded);
            }
            c => {
                if let Some(s) = owned.as_mut() {
                    s.push(c);
                }
            }
        }
    }
    None
}

fn finish(body: &str, end: usize, owned: Option<String>) -> Kind<'_> {
    Kind::Scalar {
        text: owned.map_or(Cow::Borrowed(&body[..end]), Cow::Owned),
        plain: false,
    }
}

#[cfg(test)]
mod tests {
    use super::read;

    /// The fast reader gives up or builds exactly the full reader's tree.
    fn agrees(text: &str) -> bool {
        match read(text) {
            None => true,
            Some(fast) => {
                let full = super::super::full::read(text);
                full.problems.is_empty() && full.root.as_ref() == Some(&fast)
            }
        }
    }

    #[test]
    fn reads_the_log_layout() {
        let text = "# log\n- date: 2026-01-05 # comment\n  title: \"Q: \\\"x\\\" # y\"\n  provider: 'O''Hara'\n  ceus: 1.5\n  topics: [cpt, \"icd10cm\"]\n  ahima_sourced: true\n  aapc_index: null\n\n- checkpoint: 2026-06-30\n  earned: 24\n";
        let tree = read(text).unwrap();
        assert!(agrees(text));
        assert_eq!(tree.find("[0].title"), (3, 10));
        assert_eq!(tree.find("[0].topics[1]"), (6, 17));
        assert_eq!(tree.find("[1]"), (10, 3));
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
            "- a: 'x' y\n",
            "- a: \"x\\ty\\u00e9\\/\"\n",
            "- a: \"x\\qy\"\n",
            "- a: 1\n  a: 2\n",
            "---\n- a: 1\n",
            "- a: b: c\n",
            "- a:\n",
            "- a: x #not\n",
            "- a: x#not\n",
            "- a: ~\n  b: TRUE\n  c: 007\n",
            "- a: - b\n",
            "- a: [a, , b]\n",
            "- a: [ ]\n  b: [\"x\" , 'y',z ]\n",
            "- a: é [x]\n  b: [é, \"ü\", x]\n",
            "- a: x\r\n  b: y\r\n",
            "- a: x\ry\n",
            "- a: x\u{7f}\n",
            "- a: \"x\u{85}\"\n",
            "- a: x\u{fffe}\n",
            "- a: 'it''s'   # c\n",
            "- a: x  \n",
        ] {
            assert!(
                agrees(text),
                "{text:?}: {:?} vs {:?}",
                read(text),
                super::super::full::read(text).root
            );
        }
    }
}
