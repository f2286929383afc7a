//! Word wrapping for the terminal: text fitted to a width in display columns, continuation
//! lines indented under the first line's text (a hanging indent). A word too long for its
//! line (a long URL) is broken across lines, after a `/`, `-`, `?`, `&`, `=` or `.` near the
//! end of the room when there is one, so that no line is ever wider than the width and a
//! label before the word stays.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::escape;

/// The fewest columns a broken word's continuation keeps beside the hanging indent; with
/// less, the pieces start at the margin.
const MIN_ROOM: usize = 10;

/// Characters a long word is preferably broken after.
const BREAK_AFTER: &[char] = &['/', '-', '?', '&', '=', '.'];

/// Display columns of `s` (wide characters count two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `text` wrapped to `width` columns: the first line starts with `first`, later ones with
/// `rest`; each line of `text` is wrapped on its own (a line that fits is kept as it is,
/// spacing and all). Control characters are made visible.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut prefix = first;
    // Where the pieces of a broken word continue.
    let pieces = if self::width(rest) + MIN_ROOM <= width {
        rest
    } else {
        ""
    };
    for line in escape::terminal(text).split('\n') {
        out.push_str(prefix);
        let mut col = self::width(prefix);
        prefix = rest;
        // A line that fits keeps its spacing (aligned columns); only long lines are wrapped.
        if col + self::width(line) <= width {
            out.push_str(line);
            out.truncate(out.trim_end_matches(' ').len());
            out.push('\n');
            continue;
        }
        let mut empty = true;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let w = self::width(word);
            if !empty && col + 1 + w > width {
                // A word that will be broken anyway starts where its pieces go.
                let too_long = self::width(rest) + w > width;
                col = new_line(&mut out, if too_long { pieces } else { rest });
                empty = true;
            }
            if !empty {
                out.push(' ');
                col += 1;
            }
            // Only at the start of a line: a word too long for it is broken.
            let mut word = word;
            while col + self::width(word) > width {
                let room = width.saturating_sub(col);
                if room < MIN_ROOM && col > self::width(pieces) {
                    // Little room after a label: the word starts on the next line.
                    col = new_line(&mut out, pieces);
                    continue;
                }
                let (piece, tail) = split_at_width(word, room);
                if piece.is_empty() {
                    // Not even one character fits (a width under two columns).
                    break;
                }
                out.push_str(piece);
                col = new_line(&mut out, pieces);
                word = tail;
            }
            out.push_str(word);
            col += self::width(word);
            empty = false;
        }
        if empty {
            out.truncate(out.trim_end_matches(' ').len());
        }
        out.push('\n');
    }
    out
}

/// Ends the line in `out` (trailing spaces dropped) and starts the next with `indent`;
/// returns the column reached.
fn new_line(out: &mut String, indent: &str) -> usize {
    out.truncate(out.trim_end_matches(' ').len());
    out.push('\n');
    out.push_str(indent);
    width(indent)
}

/// `word` split into a first piece at most `room` columns wide and the rest: after the last
/// [`BREAK_AFTER`] character in the last third of the room, else where the room ends.
fn split_at_width(word: &str, room: usize) -> (&str, &str) {
    let mut col = 0;
    let mut end = 0;
    let mut soft = None;
    for (i, c) in word.char_indices() {
        col += c.width().unwrap_or(0);
        if col > room {
            break;
        }
        end = i + c.len_utf8();
        if BREAK_AFTER.contains(&c) && col * 3 >= room * 2 {
            soft = Some(end);
        }
    }
    word.split_at(soft.unwrap_or(end))
}

/// A line of YAML, `KEY: "…"`, fitted to `width` columns by folding its double-quoted
/// scalar with escaped line breaks (`\` at a line's end), so that it still reads as the
/// same text: pieces go four columns in from the key, preferably after a space or one of
/// [`BREAK_AFTER`], and a piece that would start with a space starts with `\ `. A flow
/// list wraps at its spaces; any other line, or one that fits, is kept as it is.
pub fn fold_yaml(line: &str, width: usize) -> String {
    let quoted = line.find(": \"").map(|at| at + 3);
    let text = line.trim_start();
    let key_indent = &line[..line.len() - text.len()];
    let indent = format!("{key_indent}    ");
    if self::width(line) > width && text.contains(": [") && !text.contains("  ") {
        // A flow list (`topics: ["cpt", …]`) may go on over lines at any single space.
        return wrap(text, width, key_indent, &indent);
    }
    let Some(at) = quoted
        .filter(|&at| line.len() > at && line.ends_with('"'))
        .filter(|_| self::width(line) > width)
    else {
        return format!("{line}\n");
    };
    let (head, body) = line.split_at(at);
    let atoms = yaml_atoms(&body[..body.len() - 1]);
    let mut out = head.to_string();
    let mut col = self::width(head);
    let mut i = 0;
    loop {
        // The atoms that fit with one column left for the `\` (or the closing quote).
        let mut used = col;
        let fit = atoms[i..]
            .iter()
            .take_while(|a| {
                used += self::width(a);
                used < width
            })
            .count()
            .max(1);
        if i + fit >= atoms.len() {
            out.extend(atoms[i..].iter().copied());
            out.push_str("\"\n");
            return out;
        }
        let room = width.saturating_sub(col);
        let filled = |k: usize| self::width(&atoms[i..i + k].concat()) * 3 >= room * 2;
        let soft = (1..=fit).rev().find(|&k| {
            let a = atoms[i + k - 1];
            (a == " " || a.chars().all(|c| BREAK_AFTER.contains(&c))) && filled(k)
        });
        let k = soft.unwrap_or(fit);
        out.extend(atoms[i..i + k].iter().copied());
        out.push_str("\\\n");
        out.push_str(&indent);
        col = indent.len();
        i += k;
        if atoms[i] == " " {
            out.push_str("\\ ");
            col += 2;
            i += 1;
        }
    }
}

/// The characters and escape sequences (`\"`, `\x85`, `\u2028`, …) of a double-quoted
/// YAML scalar's text, each whole.
fn yaml_atoms(text: &str) -> Vec<&str> {
    let mut atoms = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = match (c, rest.as_bytes().get(1)) {
            ('\\', Some(b'x')) => 4,
            ('\\', Some(b'u')) => 6,
            ('\\', Some(b'U')) => 10,
            ('\\', Some(_)) => 2,
            _ => c.len_utf8(),
        };
        let len = len.min(rest.len());
        let (atom, tail) = rest.split_at(len);
        atoms.push(atom);
        rest = tail;
    }
    atoms
}

/// A diagnostic as rendered for the terminal, fitted to `width` columns: a long heading
/// (`error: …`), label (`^^^ expected …`) or note (`= …`) wraps under its own text, keeping
/// the gutter and the carets; lines quoting the file (`12 | …`), the location (`--> …`) and
/// lines whose text starts too far right to wrap under itself are left whole.
pub fn fit_diagnostic(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split('\n') {
        match fitted(line, width) {
            Some(lines) => out.push_str(&lines),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.pop();
    out
}

/// One rendered diagnostic line wrapped under its own text, or `None` to keep it whole.
fn fitted(line: &str, width: usize) -> Option<String> {
    let trimmed = line.trim_start();
    let quoted = trimmed
        .split_once(" |")
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if self::width(line) <= width || quoted || trimmed.starts_with("-->") {
        return None;
    }
    // The heading's kind, or the gutter (spaces and `|`), the markers (`^^^`, `---`, `=`)
    // and the spaces after them.
    let head = match ["error: ", "warning: ", "note: "]
        .into_iter()
        .find(|h| line.starts_with(h))
    {
        Some(h) => h.len(),
        None => {
            let gutter = line.len() - line.trim_start_matches([' ', '|']).len();
            let rest = &line[gutter..];
            let marks = rest.len() - rest.trim_start_matches(['^', '-', '=', '~']).len();
            let rest = &rest[marks..];
            gutter + marks + rest.len() - rest.trim_start_matches(' ').len()
        }
    };
    let (first, body) = line.split_at(head);
    let rest: String = first
        .chars()
        .map(|c| if c == '|' { c } else { ' ' })
        .collect();
    // A word too long for the indent (a name, a path) would be broken: the line stays whole.
    let room = width.saturating_sub(self::width(&rest));
    let fits = escape::terminal(body)
        .split_whitespace()
        .all(|w| self::width(w) <= room);
    fits.then(|| wrap(body, width, first, &rest))
}

/// `label` then `value` wrapped under a column `label_width` wide: "Target:   CPC (…)".
pub fn labelled(label: &str, label_width: usize, value: &str, width: usize) -> String {
    let head = format!("{label:<label_width$} ");
    let indent = " ".repeat(self::width(&head));
    wrap(value, width, &escape::terminal(&head), &indent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_wrap_under_their_own_text() {
        let long = "word ".repeat(30);
        let text = format!(
            "error: {long}\n --> f.yaml:2:3\n  |\n2 | {long}\n  |   ^^^ expected {long}\n   = {long}"
        );
        let fitted = fit_diagnostic(&text, 40);
        for line in fitted.lines() {
            assert!(width(line) <= 40 || line.starts_with("2 |"), "{line:?}");
        }
        assert!(fitted.contains("\n       word"), "{fitted}");
        assert!(fitted.contains("\n  |       word"), "{fitted}");
        assert!(fitted.contains("\n     word"), "{fitted}");
        assert_eq!(
            fit_diagnostic("error: short\n --> f:1:1", 40),
            "error: short\n --> f:1:1"
        );
        // Text that starts too far right to wrap under itself, and the location, stay whole,
        // gutter and carets included.
        let far = format!("  |{}^^^^ expected a number such as 12.5", " ".repeat(36));
        assert_eq!(fit_diagnostic(&far, 40), far);
        let place = format!(" --> {}/profile.yaml:2:12", "long-folder-name".repeat(3));
        assert_eq!(fit_diagnostic(&place, 40), place);
        // A heading whose word is too long for its indent stays whole too.
        let heading = format!("error: unknown value; did you mean `{}`?", "x".repeat(20));
        assert_eq!(fit_diagnostic(&heading, 24), heading);
    }

    #[test]
    fn wraps_on_spaces_with_a_hanging_indent() {
        let text = wrap("one two three four five six", 14, "- ", "  ");
        assert_eq!(text, "- one two\n  three four\n  five six\n");
        for line in text.lines() {
            assert!(width(line) <= 14, "{line}");
        }
    }

    #[test]
    fn a_long_word_is_broken_after_a_slash_under_its_label() {
        let url = "https://www.bls.gov/ooh/healthcare/medical-records-and-health-information-technicians.htm";
        let text = wrap(&format!("see {url} now"), 30, "", "  ");
        assert_eq!(
            text,
            "see\n  https://www.bls.gov/ooh/\n  healthcare/medical-records-\n  and-health-information-\n  technicians.htm now\n"
        );
        let text = labelled("Title:", 6, url, 40);
        assert!(
            text.starts_with("Title: https://www.bls.gov/ooh/\n"),
            "{text}"
        );
        assert_eq!(
            text.replace(['\n', ' '], "").trim_start_matches("Title:"),
            url
        );
        for line in text.lines() {
            assert!(width(line) <= 40 && line.len() > 7, "{line:?}");
        }
    }

    #[test]
    fn a_word_without_a_break_is_cut_at_the_width() {
        let word = "W".repeat(50);
        let text = labelled("Provider:", 9, &format!("{word} x"), 30);
        assert_eq!(
            text,
            format!(
                "Provider: {}\n          {}\n          {} x\n",
                &word[..20],
                &word[20..40],
                &word[40..]
            )
        );
        // Wide characters are never cut in half, and no line passes the width.
        let text = wrap(&"学".repeat(15), 11, "", " ");
        assert_eq!(text, "学学学学学\n 学学学学学\n 学学学学学\n");
        // Little room after a label: the word starts under it.
        let text = labelled("A long label:", 14, &"x".repeat(30), 20);
        assert_eq!(text.lines().next(), Some("A long label:"), "{text}");
        assert!(text.lines().all(|l| width(l) <= 20), "{text}");
    }

    #[test]
    fn folded_yaml_fits_and_reads_back_the_same() {
        let title = format!(
            "{}\"q\" \\b  two  spaces\u{85}é学学 end",
            "https://x.org/a-b?c=d&e/".repeat(5)
        );
        let line = format!("  title: {}", escape::yaml_quoted(&title));
        for width in 20..=line.len() {
            let folded = fold_yaml(&line, width);
            assert!(folded.lines().all(|l| self::width(l) <= width), "{folded}");
            let yaml = format!("- date: 2026-01-01\n{folded}");
            type Items = Vec<std::collections::BTreeMap<String, String>>;
            let items: Items = crate::loader::Source::new("x", yaml).parse_full().unwrap();
            assert_eq!(items[0]["title"], title, "at {width}:\n{folded}");
        }
        let escaped_space = |w: usize| fold_yaml(&line, w).contains("\\\n      \\ ");
        assert!(
            (20..line.len()).any(escaped_space),
            "a piece starting with a space"
        );
        assert!(fold_yaml(&line, 60).starts_with("  title: \"https://x.org/a-b?c=d&e/"));
        assert_eq!(fold_yaml("  ceus: 1", 5), "  ceus: 1\n");
        let topics = "  topics: [\"cpt\", \"icd10cm\", \"hcpcs\"]";
        assert_eq!(
            fold_yaml(topics, 24),
            "  topics: [\"cpt\",\n      \"icd10cm\",\n      \"hcpcs\"]\n"
        );
    }

    #[test]
    fn labels_line_up_and_wide_characters_count_two() {
        let text = labelled("Cost:", 8, "$3,582 (budget $4,000) 学校学校", 20);
        assert_eq!(
            text,
            "Cost:    $3,582\n         (budget\n         $4,000)\n         学校学校\n"
        );
    }
}
