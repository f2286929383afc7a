//! Escaping free text for each format coderpath writes. Every name, title, provider or note
//! that came from a person's file (or `--data-dir`) goes through one of these before it
//! lands in an output:
//!
//! | format | function | what it does |
//! | --- | --- | --- |
//! | terminal text | [`terminal`] | control and invisible characters made visible (`ESC` → `␛`, U+009B → `<U+009B>`); line breaks kept |
//! | Markdown | [`md`] (tera filter `md`) | whitespace collapsed to single spaces, markup characters backslash-escaped, no block can start |
//! | CSV | [`csv_cell`] | cells a spreadsheet would run as a formula start with `'` |
//! | iCalendar | [`ics_text`], [`ics_fold`] | RFC 5545 TEXT escapes (`\\`, `\;`, `\,`, `\n`), line folding at 75 octets |
//! | YAML | [`yaml_quoted`] | a double-quoted scalar with YAML 1.2 escapes for every non-printable character |
//! | HTML | tera's autoescaping of `.html` templates, through [`super::code::html`] | |
//!
//! Code in coderpath's own words (marked with [`super::code::code`]) comes out as a code
//! span in Markdown, `<code>` in HTML and between backticks elsewhere; see
//! [`super::code`](mod@super::code).

use std::fmt::Write as _;

use super::code::{self, Part};

/// How a character that must not reach an output raw is shown, if it is one: C0 controls
/// and DEL as their Unicode control pictures (`␛`), other controls, invisible format
/// characters (bidirectional overrides, zero-width characters, line and paragraph
/// separators, BOM) and noncharacters as `<U+XXXX>`.
fn visible(c: char) -> Option<String> {
    match c {
        ' '..='~' => None,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).map(String::from),
        '\u{7f}' => Some("\u{2421}".into()),
        _ if is_hidden(c) => Some(format!("<U+{:04X}>", c as u32)),
        _ => None,
    }
}

/// C1 controls and the invisible characters that can reorder, hide or break text.
fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9f}'
        | '\u{ad}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{fdd0}'..='\u{fdef}')
        || (c as u32 & 0xfffe) == 0xfffe
}

/// Text for a terminal: every control or invisible character made visible (`\x1b` → `␛`,
/// `\r` → `␍`, U+202E → `<U+202E>`), except line feeds, which a table cell shows as lines.
pub fn terminal(s: &str) -> String {
    let s = code::plain(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match visible(c) {
            Some(v) if c != '\n' => out.push_str(&v),
            _ => out.push(c),
        }
    }
    out
}

/// Text for a terminal on one line: as [`terminal`], with line feeds made visible too.
pub fn terminal_line(s: &str) -> String {
    terminal(s).replace('\n', "\u{240a}")
}

/// Whitespace that ends a line somewhere (Markdown, YAML 1.1, Unicode).
fn breaks_line(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, '\u{b}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Free text for Markdown, safe anywhere inline: in a paragraph, a list item, a heading or
/// a table cell. Runs of whitespace (line breaks included) become one space and the ends
/// are trimmed, so the text cannot end a line or start a block; other control characters
/// are made visible; the characters that make markup — `\` `` ` `` `*` `_` `[` `]` `<` `>`
/// `#` `|` `~` `&` `!` — are backslash-escaped; and a leading `-`, `+`, `=` or ordered-list
/// number (`1.`, `1)`) is escaped so the text never starts a list or heading even at the
/// start of a line. Code in coderpath's own words becomes a code span (see
/// [`super::code`](mod@super::code)).
pub fn md(s: &str) -> String {
    let mut out = if md_plain(s.as_bytes()) {
        s.to_string()
    } else {
        md_words(s)
    };
    // What would start a block: a list marker followed by a space (or nothing), or a line
    // of only `-` or `=` (a rule or a heading underline). "4.5" and "-2" stay as they are.
    let marker_end = |s: &str, at: usize| matches!(s.as_bytes().get(at), None | Some(b' ' | b'\t'));
    let rule = !out.is_empty() && out.bytes().all(|b| matches!(b, b'-' | b'=' | b' '));
    if (out.starts_with(['-', '+']) && marker_end(&out, 1)) || rule {
        out.insert(0, '\\');
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && matches!(out.as_bytes().get(digits), Some(b'.' | b')'))
        && marker_end(&out, digits + 1)
    {
        out.insert(digits, '\\');
    }
    out
}

/// Whether text is printable ASCII with nothing to escape and single spaces between words,
/// none at the ends (most text is), looked at in one pass.
fn md_plain(b: &[u8]) -> bool {
    // A space first is not plain: as if one came before.
    let mut after_space = true;
    for &c in b {
        if !MD_PLAIN[usize::from(c)] || (c == b' ' && after_space) {
            return false;
        }
        after_space = c == b' ';
    }
    !after_space || b.is_empty()
}

/// [`md`] without the care for the start: text escaped and code made code spans, each run
/// of whitespace one space, none at the ends.
fn md_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut space = false;
    for part in code::parts(s) {
        let text = match part {
            Part::Text(t) => t,
            Part::Code(c) => {
                if std::mem::take(&mut space) && !out.is_empty() {
                    out.push(' ');
                }
                md_code(&mut out, c);
                continue;
            }
        };
        for c in text.chars() {
            if breaks_line(c) {
                space = true;
                continue;
            }
            if std::mem::take(&mut space) && !out.is_empty() {
                out.push(' ');
            }
            md_escaped(&mut out, c);
        }
    }
    out
}

/// One character of text for Markdown: made visible if it must be, markup escaped.
fn md_escaped(out: &mut String, c: char) {
    match visible(c) {
        Some(v) => v.chars().for_each(|v| push_md(out, v)),
        None => push_md(out, c),
    }
}

/// A Markdown code span holding `c`, fenced with more backticks than any run in it. Code a
/// span cannot hold wherever text can — empty, with a line break, a control character, or
/// a `|` (which ends a table cell) — is written as escaped text between escaped backticks.
fn md_code(out: &mut String, c: &str) {
    let spanless = c.trim().is_empty()
        || c.chars()
            .any(|ch| ch == '|' || (ch != ' ' && breaks_line(ch)) || visible(ch).is_some());
    if spanless {
        out.push_str("\\`");
        c.chars().for_each(|ch| md_escaped(out, ch));
        out.push_str("\\`");
        return;
    }
    let (mut longest, mut run) = (0, 0);
    for ch in c.chars() {
        run = if ch == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if c.starts_with('`') || c.ends_with('`') {
        " "
    } else {
        ""
    };
    let _ = write!(out, "{fence}{pad}{c}{pad}{fence}");
}

/// Which bytes stand for themselves in Markdown: printable ASCII other than
/// [`is_md_special`] (a table, as `md` looks at every byte of much text).
static MD_PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = b' ';
    while b <= b'~' {
        plain[b as usize] = !is_md_special(b);
        b += 1;
    }
    plain
};

/// The ASCII characters that make Markdown markup.
const fn is_md_special(b: u8) -> bool {
    matches!(
        b,
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'#' | b'|' | b'~' | b'&' | b'!'
    )
}

fn push_md(out: &mut String, c: char) {
    if c.is_ascii() && is_md_special(c as u8) {
        out.push('\\');
    }
    out.push(c);
}

/// A CSV cell a spreadsheet will show as text: a cell starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return (which spreadsheets run as a formula) gets a leading `'`.
pub fn csv_cell(s: &str) -> String {
    let s = code::plain(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.into_owned()
    }
}

/// An iCalendar TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, every line break
/// (CRLF, CR or LF) as `\n`, and other control characters, which TEXT cannot hold, made
/// visible as in [`terminal`] (a tab is kept).
pub fn ics_text(s: &str) -> String {
    let s = code::plain(s);
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            _ => match visible(c) {
                Some(v) => out.push_str(&v),
                None => out.push(c),
            },
        }
    }
    out
}

/// One iCalendar content line, folded (RFC 5545 §3.1): no physical line longer than 75
/// octets, split only between UTF-8 characters, each continuation starting with a space;
/// ends with CRLF.
pub fn ics_fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 25 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// A YAML double-quoted scalar holding exactly `s`: `"` and `\` escaped, and every
/// character outside YAML's printable set — C0 controls, DEL, C1 controls, U+FEFF,
/// U+FFFE/U+FFFF — as an escape (`\t`, `\n`, `\e`, `\x7F`, `\N`, `\uFFFE`, …), as are the
/// characters YAML 1.1 parsers read as line breaks (U+0085, U+2028, U+2029). Other
/// characters (`José`, `✓`) are kept as they are.
pub fn yaml_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The `md` filter for tera templates: [`md`] on a value's text (numbers and other values
/// are written as tera would write them, then escaped).
pub fn md_filter(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> String {
    match value.as_str() {
        Some(s) => md(s),
        None => md(&value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_markdown_text_is_found_in_one_pass() {
        let slow = |s: &str| {
            s.bytes().all(|b| MD_PLAIN[usize::from(b)])
                && !s.starts_with(' ')
                && !s.ends_with(' ')
                && !s.contains("  ")
        };
        let pieces = ["", " ", "a", "b c", "  ", "*", "é", "\t", "1."];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(md_plain(s.as_bytes()), slow(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn terminal_makes_controls_visible() {
        assert_eq!(terminal("a\u{1b}[31mred\r"), "a\u{241b}[31mred\u{240d}");
        assert_eq!(terminal("two\nlines\u{9b}"), "two\nlines<U+009B>");
        assert_eq!(terminal_line("two\nlines"), "two\u{240a}lines");
        assert_eq!(terminal("\u{202e}evil\u{7f}"), "<U+202E>evil\u{2421}");
        assert_eq!(terminal("José ✓"), "José ✓");
    }

    #[test]
    fn markdown_cannot_start_blocks_or_make_markup() {
        assert_eq!(md("# Heading"), "\\# Heading");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("1. first"), "1\\. first");
        assert_eq!(md("2026) x"), "2026\\) x");
        assert_eq!(md("> quote"), "\\> quote");
        assert_eq!(md("a\n\n# b\r\n===  "), "a \\# b ===");
        assert_eq!(
            md("<img src=x> [x](http://e) *b* _i_ `c` a|b"),
            "\\<img src=x\\> \\[x\\](http://e) \\*b\\* \\_i\\_ \\`c\\` a\\|b"
        );
        assert_eq!(md("  Maya Thompson-Lee "), "Maya Thompson-Lee");
        assert_eq!(md("\u{1b}[2J"), "\u{241b}\\[2J");
    }

    #[test]
    fn csv_cells_that_would_run_are_neutralised() {
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("Maya"), "Maya");
    }

    #[test]
    fn ics_text_escapes_and_folds() {
        assert_eq!(
            ics_text("a;b,c\\d\r\nEND:VEVENT\re\nf"),
            "a\\;b\\,c\\\\d\\nEND:VEVENT\\ne\\nf"
        );
        assert_eq!(ics_text("\u{1b}x\t"), "\u{241b}x\t");
        let folded = ics_fold(&format!("SUMMARY:{}", "é".repeat(100)));
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}", "é".repeat(100)));
        assert_eq!(ics_fold("SHORT:x"), "SHORT:x\r\n");
    }

    #[test]
    fn yaml_quoted_round_trips_through_the_parser() {
        for s in [
            "plain",
            "Q: \"E/M\" # not a comment",
            "del\u{7f} nel\u{85} c1\u{9b} bom\u{feff} nonchar\u{fffe}\u{ffff} ls\u{2028}ps\u{2029}",
            "\0\u{7}\u{8}\t\n\u{b}\u{c}\r\u{1b}\u{1}\u{a0}",
            "back\\slash 'single' José ✓ 🎉",
        ] {
            let yaml = format!("v: {}\n", yaml_quoted(s));
            let v: std::collections::BTreeMap<String, String> =
                crate::loader::Source::new("t", yaml.as_str())
                    .parse_full()
                    .unwrap_or_else(|e| panic!("{yaml:?}: {e:?}"));
            assert_eq!(v["v"], s, "{yaml:?}");
        }
        assert_eq!(yaml_quoted("a\u{7f}b"), "\"a\\x7Fb\"");
        assert_eq!(yaml_quoted("\u{85}\u{fffe}"), "\"\\N\\uFFFE\"");
    }
}
