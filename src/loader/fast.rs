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
use super::scan::{safe_unicode, scan_line};

/// The tree of `text`, or `None` when `text` is outside the subset.
pub fn read(text: &str) -> Option<Node<'_>> {
    let mut items = Items::new(text);
    let nodes = items.by_ref().collect::<Option<Vec<_>>>()?;
    Some(Node::new(items.first_line, 1, Kind::Seq(nodes)))
}

/// The items of the top-level list of `text`, read one at a time: `Some(item)`, or `None`
/// once `text` turns out to be outside the subset (after which reading stops).
pub struct Items<'a> {
    text: &'a str,
    /// Byte offset of the next line (past the end once the last line is read).
    pos: usize,
    /// Number of the last line read.
    no: usize,
    /// The `- ` line that starts the next item, once read.
    stash: Option<Line<'a>>,
    /// Line of the first item (0 before it is found).
    pub first_line: usize,
    /// Pairs in the last item (the next one likely has as many).
    width: usize,
    /// Storage of an item handed back with [`Items::recycle`], for the next item.
    spare: Option<Vec<(Node<'a>, Node<'a>)>>,
    /// Keys of the item being read (a key may not repeat).
    keys: Keys<'a>,
    done: bool,
}

impl<'a> Items<'a> {
    /// Starts reading `text`.
    pub fn new(text: &'a str) -> Self {
        Items {
            text,
            pos: 0,
            no: 0,
            stash: None,
            first_line: 0,
            width: 8,
            spare: None,
            keys: Keys::default(),
            done: false,
        }
    }

    /// Takes back an item this reader gave out, once it is read, so that its storage is
    /// reused for the next item instead of allocating again.
    pub fn recycle(&mut self, item: Node<'a>) {
        if let Kind::Map(mut pairs) = item.kind {
            pairs.clear();
            self.spare = Some(pairs);
        }
    }

    /// Reads the next item without building it: each pair goes to `sink` as the line it is
    /// on, its key (at column 3 of that line) and its value, as soon as the pair is read.
    /// `None` when there are no more items; `Some(None)` once the text turns out to be
    /// outside the subset or `sink` declines a pair (`None`), after which reading stops;
    /// else `Some(Some(line))`, the line where the item starts.
    pub fn next_with(
        &mut self,
        sink: &mut impl FnMut(usize, &'a str, Node<'a>) -> Option<()>,
    ) -> Option<Option<usize>> {
        let first = match self.stash.take() {
            Some(l) => l,
            None if self.done => return None,
            None => {
                // The first item: only blank and comment lines before it.
                self.done = true;
                match self.line() {
                    Ok(Some(l)) if l.text.starts_with("- ") => {
                        self.done = false;
                        self.first_line = l.no;
                        l
                    }
                    _ => return Some(None),
                }
            }
        };
        let item = self.item(first, sink);
        if item.is_none() {
            self.done = true;
            self.stash = None;
        }
        Some(item)
    }

    /// The next line that is not blank or a comment, or `Err` for a line outside the subset.
    #[inline(always)]
    fn line(&mut self) -> Result<Option<Line<'a>>, ()> {
        // Lines as `text.split('\n')` gives them, each scanned once for its end and for
        // whether it is printable ASCII.
        while self.pos <= self.text.len() {
            let (len, mut ascii) = scan_line(&self.text.as_bytes()[self.pos..]);
            let raw = self.text.get(self.pos..self.pos + len).ok_or(())?;
            self.pos += len + 1;
            self.no += 1;
            let text = match raw.strip_suffix('\r') {
                Some(t) => {
                    ascii = t.bytes().all(|b| b.wrapping_sub(0x20) < 0x5f);
                    t
                }
                None => raw,
            };
            if !ascii && !safe_unicode(text) {
                return Err(());
            }
            // Blank, or a comment: the first byte that is not a space is none or `#`. Most
            // lines start with `- ` or two spaces and a key: no search for those.
            let first = match text.as_bytes() {
                [b'-', ..] => Some(b'-'),
                [b' ', b' ', c, ..] if *c != b' ' => Some(*c),
                bytes => bytes.iter().copied().find(|b| *b != b' '),
            };
            match first {
                None | Some(b'#') => continue,
                Some(_) => {}
            }
            return Ok(Some(Line {
                text,
                no: self.no,
                ascii,
            }));
        }
        Ok(None)
    }

    /// Reads the item starting at `first` (a `- ` line) and the pairs on the lines below it
    /// into `sink`; the line where it starts.
    fn item(
        &mut self,
        first: Line<'a>,
        sink: &mut impl FnMut(usize, &'a str, Node<'a>) -> Option<()>,
    ) -> Option<usize> {
        self.keys.clear();
        pair(&first, &mut self.keys, sink)?;
        loop {
            match self.line().ok()? {
                None => {
                    self.done = true;
                    break;
                }
                Some(l) if l.text.starts_with("- ") => {
                    self.stash = Some(l);
                    break;
                }
                Some(l) if l.text.starts_with("  ") && !l.text[2..].starts_with(' ') => {
                    pair(&l, &mut self.keys, sink)?;
                }
                Some(_) => return None,
            }
        }
        Some(first.no)
    }
}

impl<'a> Iterator for Items<'a> {
    type Item = Option<Node<'a>>;

    fn next(&mut self) -> Option<Option<Node<'a>>> {
        let mut pairs = match self.spare.take() {
            Some(pairs) => pairs,
            None => Vec::with_capacity(self.width),
        };
        let read = self.next_with(&mut |line, key, value| {
            let key = Node::new(
                line,
                3,
                Kind::Scalar {
                    text: Cow::Borrowed(key),
                    plain: true,
                },
            );
            pairs.push((key, value));
            Some(())
        });
        match read {
            None => None,
            Some(None) => Some(None),
            Some(Some(line)) => {
                self.width = pairs.len();
                Some(Some(Node::new(line, 3, Kind::Map(pairs))))
            }
        }
    }
}

/// Reads `KEY: VALUE` after the line's two-character indent (`- ` or two spaces), a key
/// not among `keys` (the item's keys so far, which it joins).
#[inline(always)]
fn pair<'a>(
    line: &Line<'a>,
    keys: &mut Keys<'a>,
    sink: &mut impl FnMut(usize, &'a str, Node<'a>) -> Option<()>,
) -> Option<()> {
    let body = &line.text[2..];
    let key_len = body
        .as_bytes()
        .iter()
        .position(|b| !KEY_BYTE[usize::from(*b)])
        .unwrap_or(body.len());
    let (key, value) = (&body[..key_len], body[key_len..].strip_prefix(": ")?);
    if key.is_empty() || !keys.insert(key) {
        return None;
    }
    sink(line.no, key, value_node(line, value, 3 + key_len + 2)?)
}

/// The keys of one item, each with a bit of a mask chosen by its length and last byte, so
/// that a new key is usually known new without comparing it to the others.
#[derive(Default)]
struct Keys<'a> {
    list: Vec<&'a str>,
    mask: u64,
}

impl<'a> Keys<'a> {
    fn clear(&mut self) {
        self.list.clear();
        self.mask = 0;
    }

    /// Adds `key`; `false` when the item has it already.
    #[inline(always)]
    fn insert(&mut self, key: &'a str) -> bool {
        let last = key.bytes().last().unwrap_or(0);
        let bit = 1u64 << ((key.len() * 7 + usize::from(last)) % 64);
        if self.mask & bit != 0 && self.list.contains(&key) {
            return false;
        }
        self.mask |= bit;
        self.list.push(key);
        true
    }
}

/// The bytes a key is made of: ASCII letters, digits and `_` (a table: every key byte of a
/// large log is looked at).
static KEY_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

/// A line being read.
struct Line<'a> {
    text: &'a str,
    no: usize,
    /// Whether the line is printable ASCII (columns are then byte offsets).
    ascii: bool,
}

impl Line<'_> {
    /// 1-based character column of byte offset `at`.
    fn column(&self, at: usize) -> usize {
        if self.ascii {
            at + 1
        } else {
            self.text[..at].chars().count() + 1
        }
    }
}

/// The value that starts at 1-based byte column `col` (ASCII up to there) of the line.
#[inline(always)]
fn value_node<'a>(line: &Line<'a>, value: &'a str, col: usize) -> Option<Node<'a>> {
    let start = value.bytes().take_while(|b| *b == b' ').count();
    let value = &value[start..];
    let col = col + start;
    let (text, plain) = match value.as_bytes().first() {
        Some(b'[') => return flow_list(line, &value[1..], col),
        Some(b'"' | b'\'') => {
            let (text, end) = quoted(value)?;
            if !tail_ok(&value[end..]) {
                return None;
            }
            (text, false)
        }
        _ => (Cow::Borrowed(plain(plain_text(value)?)?), true),
    };
    Some(Node::new(line.no, col, Kind::Scalar { text, plain }))
}

/// The flow list whose text after `[` is `inner`, starting at column `col` of the line.
/// Read byte by byte: the lists of a log are short, and searching them with `str` patterns
/// costs more than the list.
fn flow_list<'a>(line: &Line<'a>, inner: &'a str, col: usize) -> Option<Node<'a>> {
    let close = inner.bytes().position(|b| b == b']')?;
    if !tail_ok(&inner[close + 1..]) {
        return None;
    }
    let list = &inner[..close];
    // No `:` and no `#` in the list, so no item holds `: ` or ` #` (see `plain`).
    if list
        .bytes()
        .any(|b| matches!(b, b'[' | b'{' | b'}' | b'#' | b':'))
    {
        return None;
    }
    let mut items = Vec::new();
    if list.bytes().any(|b| b != b' ') {
        let base = line.text.len() - inner.len();
        let commas = list.bytes().enumerate().filter(|(_, b)| *b == b',');
        let mut from = 0;
        for end in commas.map(|(i, _)| i).chain([list.len()]) {
            let part = &list[from..end];
            let lead = part.bytes().take_while(|b| *b == b' ').count();
            let rest = &part[lead..];
            // The last byte that is not a space ends a character.
            let text = &rest[..rest.bytes().rposition(|b| b != b' ').map_or(0, |i| i + 1)];
            let at = base + from + lead;
            from = end + 1;
            let (text, plain) = if text.starts_with(['"', '\'']) {
                let (s, end) = quoted(text)?;
                if end != text.len() {
                    return None;
                }
                (s, false)
            } else {
                (Cow::Borrowed(plain(text)?), true)
            };
            items.push(Node::new(
                line.no,
                line.column(at),
                Kind::Scalar { text, plain },
            ));
        }
    }
    Some(Node::new(line.no, col, Kind::Seq(items)))
}

/// A plain value without its comment (` #…`) and trailing spaces, or `None` when it holds
/// `: ` before the comment (the text would be a key); one pass over the value.
#[inline(always)]
fn plain_text(value: &str) -> Option<&str> {
    let b = value.as_bytes();
    let mut end = b.len();
    for i in 1..b.len() {
        match (b[i - 1], b[i]) {
            (b' ', b'#') => {
                end = i;
                break;
            }
            (b':', b' ') => return None,
            _ => {}
        }
    }
    Some(value[..end].trim_end_matches(' '))
}

/// What may follow a value: spaces, then nothing or a comment.
#[inline(always)]
fn tail_ok(tail: &str) -> bool {
    let t = tail.trim_start_matches(' ');
    t.is_empty() || (t.starts_with('#') && t.len() < tail.len())
}

/// `text` as a plain scalar, if the subset allows it: it starts with a letter, a digit or
/// one of the few safe signs, and does not end with `:`. The callers have made sure it holds
/// no `: ` (a key) and no ` #` (a comment) and is cut at its end.
#[inline(always)]
fn plain(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let starts_ok = match b.first()? {
        c if c.is_ascii_alphanumeric() => true,
        b'~' | b'.' | b'/' | b'(' | b'$' => true,
        b'-' => b.get(1).is_some_and(u8::is_ascii_digit),
        c if *c >= 0x80 => text.chars().next().is_some_and(char::is_alphanumeric),
        _ => false,
    };
    (starts_ok && b.last() != Some(&b':')).then_some(text)
}

/// A quoted scalar at the start of `text` and the byte offset just past its closing quote.
fn quoted(text: &str) -> Option<(Cow<'_, str>, usize)> {
    let double = text.starts_with('"');
    let body = &text[1..];
    // Most quoted values hold no escape: their text is borrowed as it stands.
    let special = |b: &u8| {
        if double {
            matches!(b, b'"' | b'\\')
        } else {
            *b == b'\''
        }
    };
    if let Some(i) = body.bytes().position(|b| special(&b)) {
        let escaped = body.as_bytes().get(i + 1) == Some(&b'\'');
        if body.as_bytes()[i] != b'\\' && (double || !escaped) {
            return Some((finish(body, i, None), i + 2));
        }
    }
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

fn finish(body: &str, end: usize, owned: Option<String>) -> Cow<'_, str> {
    owned.map_or(Cow::Borrowed(&body[..end]), Cow::Owned)
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
