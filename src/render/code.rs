//! Code in coderpath's own words: a command, flag or YAML key the reader is to type
//! ("see `coderpath ceu status`"). The words mark it with [`code`] where they are written,
//! and each format's escaper shows it as code:
//!
//! | format | code is shown as |
//! | --- | --- |
//! | Markdown ([`super::escape::md`]) | a code span |
//! | HTML ([`html`], the templates' escape function) | `<code>…</code>` |
//! | terminal, CSV, iCalendar, JSON, diagnostics | `` `…` `` ([`plain`]) |
//!
//! The marks are two Unicode noncharacters, which text never needs. A person's text put
//! into the words (a name, a title) is escaped as text whatever it holds: a backtick in it
//! stays a backtick, and a stray mark (one without its partner, or a second opening one)
//! is made visible as `<U+FDD0>`, not code.

use std::borrow::Cow;

/// Opens code.
pub const OPEN: char = '\u{fdd0}';
/// Closes code.
pub const CLOSE: char = '\u{fdd1}';

/// `s` marked as code in a sentence.
pub fn code(s: &str) -> String {
    format!("{OPEN}{s}{CLOSE}")
}

/// A piece of marked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// Text (it may hold stray marks, which escapers make visible).
    Text(&'a str),
    /// Code, without its marks.
    Code(&'a str),
}

/// `s` cut into text and code: each [`OPEN`] with the next [`CLOSE`], no other [`OPEN`]
/// between them, makes one code part.
pub fn parts(s: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut text_from = 0;
    let mut at = 0;
    while let Some(open) = s[at..].find(OPEN).map(|i| at + i) {
        let inner = open + OPEN.len_utf8();
        let close = s[inner..].find([OPEN, CLOSE]).map(|i| inner + i);
        match close {
            Some(close) if s[close..].starts_with(CLOSE) => {
                if text_from < open {
                    out.push(Part::Text(&s[text_from..open]));
                }
                out.push(Part::Code(&s[inner..close]));
                at = close + CLOSE.len_utf8();
                text_from = at;
            }
            // Another opening mark (or none closing): this one is stray text.
            Some(next) => at = next,
            None => break,
        }
    }
    if text_from < s.len() {
        out.push(Part::Text(&s[text_from..]));
    }
    out
}

/// Whether `s` holds a mark (code, or a stray mark).
pub fn marked(s: &str) -> bool {
    // Both marks are encoded starting with the byte 0xEF, which a byte search finds far
    // quicker than a search for two characters; most text holds neither.
    s.as_bytes().contains(&0xEF) && s.contains([OPEN, CLOSE])
}

/// `s` with its code between backticks, for formats without code of their own; stray marks
/// are kept for the format's escaper to show.
pub fn plain(s: &str) -> Cow<'_, str> {
    if !marked(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for part in parts(s) {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Code(c) => {
                out.push('`');
                out.push_str(c);
                out.push('`');
            }
        }
    }
    Cow::Owned(out)
}

/// The escape function of the HTML templates: text escaped as tera escapes it, code as
/// `<code>` around escaped text, stray marks made visible (`<U+FDD0>`).
pub fn html(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if !marked(s) {
        return tera::escape_html(s, out);
    }
    for part in parts(s) {
        match part {
            Part::Text(t) => tera::escape_html(&visible_marks(t), out)?,
            Part::Code(c) => {
                out.write_all(b"<code>")?;
                tera::escape_html(c, out)?;
                out.write_all(b"</code>")?;
            }
        }
    }
    Ok(())
}

/// Stray marks as `<U+FDD0>`, `<U+FDD1>`.
fn visible_marks(t: &str) -> Cow<'_, str> {
    if marked(t) {
        Cow::Owned(t.replace(OPEN, "<U+FDD0>").replace(CLOSE, "<U+FDD1>"))
    } else {
        Cow::Borrowed(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html_of(s: &str) -> String {
        let mut out = Vec::new();
        html(s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn marks_pair_up_and_strays_stay_text() {
        let s = format!("see {} now", code("ceu add"));
        assert_eq!(
            parts(&s),
            [
                Part::Text("see "),
                Part::Code("ceu add"),
                Part::Text(" now")
            ]
        );
        assert_eq!(plain(&s), "see `ceu add` now");
        // A stray opening mark (from a person's text) does not swallow the words after it.
        let s = format!("a{OPEN}b {} {CLOSE}", code("x"));
        assert_eq!(
            parts(&s),
            [
                Part::Text(&format!("a{OPEN}b ")),
                Part::Code("x"),
                Part::Text(&format!(" {CLOSE}"))
            ]
        );
        assert_eq!(plain("no marks"), "no marks");
        assert!(matches!(plain("no marks"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_code_is_escaped_inside_and_strays_are_visible() {
        assert_eq!(
            html_of(&format!("<b>{}", code("a<b> & c"))),
            "&lt;b&gt;<code>a&lt;b&gt; &amp; c</code>"
        );
        assert_eq!(html_of(&format!("x{OPEN}")), "x&lt;U+FDD0&gt;");
        assert_eq!(html_of("`tick`"), "`tick`");
    }

    #[test]
    fn markdown_makes_our_code_a_span_and_keeps_a_persons_text_escaped() {
        use crate::render::escape::md;
        let words = format!(
            "Add {} for Ann `x` *y*,\n then {}.",
            code("ceu_log: NAME.ceus.yaml"),
            code("coderpath ceu add")
        );
        assert_eq!(
            md(&words),
            "Add `ceu_log: NAME.ceus.yaml` for Ann \\`x\\` \\*y\\*, then `coderpath ceu add`."
        );
        // Backticks inside code get a longer fence; what a span cannot hold stays text.
        assert_eq!(md(&code("a`b")), "``a`b``");
        assert_eq!(md(&code("`a")), "`` `a ``");
        assert_eq!(md(&code("a|b")), "\\`a\\|b\\`");
        assert_eq!(md(&code("a\nb")), "\\`a␊b\\`");
        // A stray mark is shown, not obeyed.
        assert_eq!(md(&format!("{OPEN}x")), "\\<U+FDD0\\>x");
        // Every other format shows code between backticks.
        use crate::render::escape::{csv_cell, ics_text, terminal};
        let s = format!("run {}", code("coderpath plan"));
        for out in [terminal(&s), ics_text(&s), csv_cell(&s)] {
            assert_eq!(out, "run `coderpath plan`");
        }
    }
}
